//! The debug library run through the VM: each snippet's result is compared with the value lua5.4
//! gives for the same snippet (see `corolib_util` for the prelude and the test natives).
mod corolib_util;

use corolib_util::check;

#[test]
fn traceback_message_and_levels() {
    check(
        r##"local function run(f) local co = coroutine.create(f) return select(2, coroutine.resume(co)) end
local function a() return debug.traceback("msg") end
local function b() return a() .. "" end
return run(function() return b() end) .. "|" ..
  run(function() return debug.traceback("lvl2", 2) end) .. "|" ..
  run(function() return debug.traceback("lvl0", 0) end) .. "|" ..
  run(function() return debug.traceback() end) .. "|" ..
  run(function() return debug.traceback(nil, 1) end)
"##,
        "msg\nstack traceback:\n\ttest:2: in upvalue 'a'\n\ttest:3: in function <test:3>\n\t(...tail calls...)|lvl2\nstack traceback:|lvl0\nstack traceback:\n\t[C]: in function 'debug.traceback'\n\ttest:6: in function <test:6>|stack traceback:\n\ttest:7: in function <test:7>|stack traceback:\n\ttest:8: in function <test:8>",
    );
}

#[test]
fn traceback_non_string_message() {
    check(
        r##"local t = {}
local r1 = debug.traceback(t) == t
local r2 = debug.traceback(42, 5)
return S(r1, r2, debug.traceback(false), select("#", debug.traceback(nil)))
"##,
        "true,42\nstack traceback:,false,1",
    );
}

#[test]
fn traceback_skips_middle_levels() {
    check(
        r##"local out = ""
local function rec(n) if n == 0 then out = out .. debug.traceback("deep") .. "||" else rec(n - 1) end end
for _, n in ipairs{19, 20, 21, 22, 40} do coroutine.wrap(rec)(n) end
return out
"##,
        "deep\nstack traceback:\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in function <test:2>||deep\nstack traceback:\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in function <test:2>||deep\nstack traceback:\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in function <test:2>||deep\nstack traceback:\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\t...\t(skipping 1 levels)\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in function <test:2>||deep\nstack traceback:\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\t...\t(skipping 19 levels)\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in upvalue 'rec'\n\ttest:2: in function <test:2>||",
    );
}

#[test]
fn traceback_of_other_coroutine() {
    check(
        r##"local co = coroutine.create(function(a)
  local function inner() coroutine.yield(1) end
  inner()
end)
coroutine.resume(co)
local dead = coroutine.create(function() local x = nil; return x.y end)
coroutine.resume(dead)
return debug.traceback(co) .. "|" .. debug.traceback(co, "m", 1) .. "|" .. debug.traceback(co, nil, 2) .. "|" ..
  debug.traceback(dead) .. "|" .. debug.traceback(coroutine.create(print), "fresh")
"##,
        "stack traceback:\n\t[C]: in function 'coroutine.yield'\n\ttest:2: in local 'inner'\n\ttest:3: in function <test:1>|m\nstack traceback:\n\ttest:2: in local 'inner'\n\ttest:3: in function <test:1>|stack traceback:\n\ttest:3: in function <test:1>|stack traceback:\n\ttest:6: in function <test:6>|fresh\nstack traceback:",
    );
}

#[test]
fn traceback_function_names() {
    check(
        r##"local t = {}
function t.field() return debug.traceback() end
function t:method() return debug.traceback() end
glob = function() return debug.traceback() end
local function loc() return debug.traceback() end
local mt = setmetatable({}, {__index = function() return debug.traceback() end})
local out = ""
for _, f in ipairs{function() return t.field() .. "" end, function() return t:method() .. "" end,
    function() return glob() .. "" end, function() return loc() .. "" end, function() return mt.x .. "" end,
    function() for k in function() out = out .. debug.traceback() .. "|" end do end return "" end} do
  out = out .. coroutine.wrap(f)() .. "|"
end
return out
"##,
        "stack traceback:\n\ttest:2: in field 'field'\n\ttest:8: in function <test:8>|stack traceback:\n\ttest:3: in method 'method'\n\ttest:8: in function <test:8>|stack traceback:\n\ttest:4: in function 'glob'\n\ttest:9: in function <test:9>|stack traceback:\n\ttest:5: in upvalue 'loc'\n\ttest:9: in function <test:9>|stack traceback:\n\ttest:6: in metamethod 'index'\n\ttest:9: in function <test:9>||",
    );
}

#[test]
fn traceback_tail_calls_and_native_frames() {
    check(
        r##"local function tc() return debug.traceback("tail") end
local r1 = coroutine.wrap(function() return tc() end)()
local r2 = coroutine.wrap(function() return select(2, xpcall(function() error("E") end, debug.traceback)) end)()
local r3 = coroutine.wrap(function() return select(2, xpcall(function() local x = {} .. 1 end, debug.traceback)) end)()
local r4 = coroutine.wrap(function() return select(2, xpcall(rawlen, debug.traceback)) end)()
return r1 .. "|" .. r2 .. "|" .. r3 .. "|" .. r4
"##,
        "tail\nstack traceback:\n\ttest:1: in function <test:1>\n\t(...tail calls...)|test:3: E\nstack traceback:\n\t[C]: in function 'error'\n\ttest:3: in function <test:3>\n\t[C]: in function 'xpcall'\n\ttest:3: in function <test:3>|test:4: attempt to concatenate a table value\nstack traceback:\n\ttest:4: in function <test:4>\n\t[C]: in function 'xpcall'\n\ttest:4: in function <test:4>|bad argument #1 to 'rawlen' (table or string expected, got no value)\nstack traceback:\n\t[C]: in function 'rawlen'\n\t[C]: in function 'xpcall'\n\ttest:5: in function <test:5>",
    );
}

#[test]
fn getinfo_of_functions() {
    check(
        r##"local KEYS = {"source", "short_src", "linedefined", "lastlinedefined", "what", "currentline", "name",
  "namewhat", "nups", "nparams", "isvararg", "istailcall", "ftransfer", "ntransfer"}
local function dump(t)
  if not t then return "nil" end
  local out = ""
  for _, k in ipairs(KEYS) do if t[k] ~= nil then out = out .. k .. "=" .. tostring(t[k]) .. " " end end
  if t.activelines then
    out = out .. "lines="
    for l = 0, 100 do if t.activelines[l] then out = out .. l .. "," end end
  end
  if t.func then out = out .. " func" end
  return out
end
local up = 1
local function f(a, b, ...)
  local c = up
  return a
end
return dump(debug.getinfo(print)) .. "|" .. dump(debug.getinfo(f)) .. "|" .. dump(debug.getinfo(f, "SlnrtuL")) .. "|" ..
  dump(debug.getinfo(print, "L")) .. "|" .. dump(debug.getinfo(load("return 1", "=chunk"), "S")) .. "|" ..
  dump(debug.getinfo(load("\n\nlocal x = 1\nreturn function() return x end")(), "SL")) .. "|" ..
  dump(debug.getinfo(function(...) local a = 1
    local b = 2 end, "Lu"))
"##,
        "source==[C] short_src=[C] linedefined=-1 lastlinedefined=-1 what=C currentline=-1 namewhat= nups=0 nparams=0 isvararg=true istailcall=false ftransfer=0 ntransfer=0  func|source==test short_src=test linedefined=15 lastlinedefined=18 what=Lua currentline=-1 namewhat= nups=1 nparams=2 isvararg=true istailcall=false ftransfer=0 ntransfer=0  func|source==test short_src=test linedefined=15 lastlinedefined=18 what=Lua currentline=-1 namewhat= nups=1 nparams=2 isvararg=true istailcall=false ftransfer=0 ntransfer=0 lines=16,17,18,||source==chunk short_src=chunk linedefined=0 lastlinedefined=0 what=main |source=\n\nlocal x = 1\nreturn function() return x end short_src=[string \"...\"] linedefined=4 lastlinedefined=4 what=Lua lines=4,|nups=0 nparams=0 isvararg=true lines=22,23,",
    );
}

#[test]
fn getinfo_of_levels() {
    check(
        r##"local KEYS = {"short_src", "what", "currentline", "name", "namewhat", "istailcall", "nparams"}
local function dump(t)
  if not t then return "nil" end
  local out = ""
  for _, k in ipairs(KEYS) do if t[k] ~= nil then out = out .. k .. "=" .. tostring(t[k]) .. " " end end
  return out
end
local res = ""
local t = {}
function t.m(self) res = res .. dump(debug.getinfo(1, "Slnt")) .. "/" .. dump(debug.getinfo(2, "Sln")) .. "|" end
t:m(); t.m(); local l = t.m; l()
function gl() res = res .. dump(debug.getinfo(1, "nt")) .. "|" end
gl()
local function tail() return gl() end
tail()
local mt = setmetatable({}, {__index = function() res = res .. dump(debug.getinfo(1, "n")) .. "|" end,
  __lt = function() res = res .. dump(debug.getinfo(1, "n")) .. "|" return true end,
  __concat = function() res = res .. dump(debug.getinfo(1, "n")) .. "|" return "" end,
  __call = function() res = res .. dump(debug.getinfo(1, "n")) .. "|" end,
  __close = function() res = res .. dump(debug.getinfo(1, "n")) .. "|" end})
local _ = mt.x; _ = mt < mt; _ = mt .. "a"; mt()
do local c <close> = mt end
for k in function() res = res .. dump(debug.getinfo(1, "n")) .. "|" end do end
res = res .. dump(debug.getinfo(1, "l")) .. "|" .. dump(debug.getinfo(100)) .. "|" .. dump(debug.getinfo(-1))
local co = coroutine.create(function(x) coroutine.yield(x) end)
coroutine.resume(co, 1)
return res .. "|" .. dump(debug.getinfo(co, 0)) .. "|" .. dump(debug.getinfo(co, 1, "Sln")) .. "|" .. dump(debug.getinfo(co, 2))
"##,
        "short_src=test what=Lua currentline=10 name=m namewhat=method istailcall=false /short_src=test what=main currentline=11 namewhat= |short_src=test what=Lua currentline=10 name=m namewhat=field istailcall=false /short_src=test what=main currentline=11 namewhat= |short_src=test what=Lua currentline=10 name=l namewhat=local istailcall=false /short_src=test what=main currentline=11 namewhat= |name=gl namewhat=global istailcall=false |namewhat= istailcall=true |name=index namewhat=metamethod |name=lt namewhat=metamethod |name=concat namewhat=metamethod |name=mt namewhat=local |name=close namewhat=metamethod |name=for iterator namewhat=for iterator |currentline=24 |nil|nil|short_src=[C] what=C currentline=-1 name=yield namewhat=field istailcall=false nparams=0 |short_src=test what=Lua currentline=25 namewhat= |nil",
    );
}

#[test]
fn getinfo_invalid_options() {
    check(
        r##"return S(pcall(debug.getinfo, 1, ">S")) .. "|" .. S(pcall(debug.getinfo, print, "X")) .. "|" ..
  S(pcall(debug.getinfo, print, "S>")) .. "|" .. S(pcall(debug.getinfo, 1, "Sq")) .. "|" ..
  S(pcall(debug.getinfo, "x")) .. "|" .. S(pcall(debug.getinfo)) .. "|" .. S(pcall(debug.getinfo, 1.5))
"##,
        "false,bad argument #2 to 'debug.getinfo' (invalid option '>')|false,bad argument #2 to 'debug.getinfo' (invalid option)|false,bad argument #2 to 'debug.getinfo' (invalid option)|false,bad argument #2 to 'debug.getinfo' (invalid option)|false,bad argument #1 to 'debug.getinfo' (number expected, got string)|false,bad argument #1 to 'debug.getinfo' (number expected, got no value)|false,bad argument #1 to 'debug.getinfo' (number has no integer representation)",
    );
}

#[test]
fn getlocal_and_setlocal() {
    check(
        r##"local out = ""
local function f(a, b, ...)
  local c = 3
  do local d = 4 end
  for i = 1, 5 do out = out .. S(i, debug.getlocal(1, i)) .. ";" end
  for i = -1, -3, -1 do out = out .. S(i, debug.getlocal(1, i)) .. ";" end
  out = out .. S(debug.setlocal(1, 1, "A"), a) .. ";" .. S(debug.setlocal(1, -1, "V"), ...) .. ";"
  out = out .. S(debug.setlocal(1, 20, 1)) .. ";" .. S(debug.getlocal(1, 0)) .. ";"
end
f(1, 2, "x", "y")
out = out .. S(debug.getlocal(f, 1), debug.getlocal(f, 2), debug.getlocal(f, 3), debug.getlocal(f, 0), debug.getlocal(print, 1))
return out
"##,
        "1,a,1;2,b,2;3,c,3;4,(for state),4;5,(for state),0;-1,(vararg),x;-2,(vararg),y;-3,nil;a,A;(vararg),V,y;nil;nil;a,b,nil,nil,nil",
    );
}

#[test]
fn getlocal_temporaries_and_errors() {
    check(
        r##"local n1, v1 = debug.getlocal(0, 1)
local n2, v2 = debug.getlocal(0, 2)
local r = S(n1, v1, n2, v2, debug.getlocal(0, 3))
return r .. "|" .. S(pcall(debug.getlocal, 50, 1)) .. "|" .. S(pcall(debug.getlocal, -1, 1)) .. "|" ..
  S(pcall(debug.setlocal, 50, 1, 1)) .. "|" .. S(pcall(debug.setlocal, 1, 1)) .. "|" .. S(pcall(debug.getlocal, 1))
"##,
        "(C temporary),0,(C temporary),2,nil|false,bad argument #1 to 'debug.getlocal' (level out of range)|false,bad argument #1 to 'debug.getlocal' (level out of range)|false,bad argument #1 to 'debug.setlocal' (level out of range)|false,bad argument #3 to 'debug.setlocal' (value expected)|false,bad argument #2 to 'debug.getlocal' (number expected, got no value)",
    );
}

#[test]
fn getlocal_of_coroutine() {
    check(
        r##"local co = coroutine.create(function(p, q) local r = p + q; coroutine.yield() end)
coroutine.resume(co, 1, 2)
local f = function(x, y) end
return S(debug.getlocal(co, 1, 1)) .. "|" .. S(debug.getlocal(co, 1, 3)) .. "|" .. S(debug.getlocal(co, 0, 1)) .. "|" ..
  S(debug.setlocal(co, 1, 3, 99), debug.getlocal(co, 1, 3)) .. "|" .. S(pcall(debug.getlocal, co, 5, 1)) .. "|" ..
  S(debug.getlocal(co, f, 2))
"##,
        "p,1|r,3|nil|r,r,99|false,bad argument #2 to 'debug.getlocal' (level out of range)|y",
    );
}

#[test]
fn upvalues() {
    check(
        r##"local u1, u2 = 10, 20
local function g() return u1 + u2 end
local function h() u1 = u1 + 1 end
local r = S(debug.getupvalue(g, 1)) .. ";" .. S(debug.getupvalue(g, 2)) .. ";" .. S(debug.getupvalue(g, 3)) .. ";" ..
  S(debug.getupvalue(g, 0)) .. ";" .. S(debug.setupvalue(g, 2, 30), u2) .. ";" .. S(debug.setupvalue(g, 3, 1)) .. ";" ..
  S(debug.getupvalue(print, 1)) .. ";" .. S(pcall(debug.getupvalue, 1, 1)) .. ";" .. S(pcall(debug.setupvalue, g, 1))
local gm = coroutine.wrap(print)
r = r .. ";" .. S(debug.getupvalue(gm, 1) == "", type(select(2, debug.getupvalue(gm, 1))), debug.setupvalue(gm, 2, 1))
return r
"##,
        "u1,10;u2,20;;;u2,30;;;false,bad argument #1 to 'debug.getupvalue' (function expected, got number);false,bad argument #3 to 'debug.setupvalue' (value expected);true,thread",
    );
}

#[test]
fn upvalueid_and_upvaluejoin() {
    check(
        r##"local u1, u2 = 10, 20
local function g() return u1 + u2 end
local function h() u1 = u1 + 1 end
local r = S(debug.upvalueid(g, 1) == debug.upvalueid(h, 1), debug.upvalueid(g, 2) == debug.upvalueid(h, 1),
  type(debug.upvalueid(g, 1)), debug.upvalueid(g, 3), debug.upvalueid(print, 1))
r = r .. ";" .. S(pcall(debug.upvalueid, g, "x"))
debug.upvaluejoin(h, 1, g, 2)
h()
r = r .. ";" .. S(u1, u2, g(), debug.upvalueid(h, 1) == debug.upvalueid(g, 2))
local w = coroutine.wrap(print)
r = r .. ";" .. S(pcall(debug.upvaluejoin, g, 5, h, 1)) .. ";" .. S(pcall(debug.upvaluejoin, g, 1, h, 7)) .. ";" ..
  S(pcall(debug.upvaluejoin, print, 1, h, 1)) .. ";" .. S(pcall(debug.upvaluejoin, w, 1, h, 1)) .. ";" ..
  S(pcall(debug.upvaluejoin, h, 1, w, 1)) .. ";" .. S(debug.upvalueid(w, 1) ~= nil, debug.upvalueid(w, 2))
return r
"##,
        "true,false,userdata,nil,nil;false,bad argument #2 to 'debug.upvalueid' (number expected, got string);10,21,31,true;false,bad argument #2 to 'debug.upvaluejoin' (invalid upvalue index);false,bad argument #4 to 'debug.upvaluejoin' (invalid upvalue index);false,bad argument #2 to 'debug.upvaluejoin' (invalid upvalue index);false,bad argument #1 to 'debug.upvaluejoin' (Lua function expected);false,bad argument #3 to 'debug.upvaluejoin' (Lua function expected);true,nil",
    );
}

#[test]
fn metatables_registry_uservalues() {
    check(
        r##"local r = S(debug.getmetatable(1), debug.setmetatable(10, {__index = {z = 5}}), (10).z)
debug.setmetatable(10, nil)
r = r .. ";" .. S(pcall(debug.setmetatable, 1, 2)) .. ";" .. S(pcall(debug.getmetatable))
r = r .. ";" .. S(type(debug.getregistry()), debug.getregistry()[2] == _G, debug.getregistry()[1] == coroutine.running())
r = r .. ";" .. S(debug.getuservalue(1), debug.getuservalue({}, 2)) .. ";" .. S(pcall(debug.setuservalue, 1, 2))
local t = {}
r = r .. ";" .. S(debug.setmetatable(t, nil) == t, debug.getmetatable(setmetatable(t, {__metatable = "no"})) ~= "no")
return r .. ";" .. S(debug.setcstacklimit(100))
"##,
        "nil,10,5;false,bad argument #2 to 'debug.setmetatable' (nil or table expected, got number);false,bad argument #1 to 'debug.getmetatable' (value expected);table,true,true;nil,nil;false,bad argument #1 to 'debug.setuservalue' (userdata expected, got number);true,true;200",
    );
}

#[test]
fn hooks_call_return_line() {
    check(
        r##"local log = ""
local function a(x) return x + 1 end
local function b(x) local y = a(x)
  return y * 2 end
debug.sethook(function(e, l)
  local i = debug.getinfo(2, "nS")
  log = log .. e .. ":" .. tostring(l) .. ":" .. tostring(i.name) .. ":" .. i.what .. " "
end, "crl")
b(1)
debug.sethook()
return log
"##,
        "return:nil:sethook:C line:9:nil:main call:nil:b:Lua line:3:b:Lua call:nil:a:Lua line:2:a:Lua return:nil:a:Lua line:4:b:Lua return:nil:b:Lua line:10:nil:main call:nil:sethook:C ",
    );
}

#[test]
fn hooks_line_events() {
    check(
        r##"local log = ""
debug.sethook(function(e, l) log = log .. l .. " " end, "l")
local s = 0
for i = 1, 3 do
  s = s + i
end
if s > 100 then
  s = 0
else
  s = 1
end
local function f()
  return 1
end
f()
debug.sethook()
return log
"##,
        "3 4 5 4 5 4 5 4 7 10 14 15 13 16 ",
    );
}

#[test]
fn hooks_count_and_gethook() {
    check(
        r##"local cnt = 0
debug.sethook(function(e) cnt = cnt + (e == "count" and 1 or 100) end, "", 10)
for i = 1, 100 do local z = i * 2 end
debug.sethook()
local r = S(cnt, debug.gethook())
local function nop() end
debug.sethook(nop, "crl", 5)
local f, m, c = debug.gethook()
debug.sethook()
r = r .. ";" .. S(f == nop, m, c)
debug.sethook(nop, "", 0)
r = r .. ";" .. S(debug.gethook())
debug.sethook(nop, "x", 3)
local f2, m2, c2 = debug.gethook()
debug.sethook()
r = r .. ";" .. S(f2 == nop, m2, c2) .. ";" .. S(pcall(debug.sethook, 1, "c")) .. ";" .. S(pcall(debug.sethook, print))
return r .. ";" .. S(type(debug.getregistry()._HOOKKEY), getmetatable(debug.getregistry()._HOOKKEY).__mode)
"##,
        "66,nil;true,crl,5;nil;true,,3;false,bad argument #1 to 'debug.sethook' (function expected, got number);false,bad argument #2 to 'debug.sethook' (string expected, got no value);table,k",
    );
}

#[test]
fn hooks_per_thread() {
    check(
        r##"local log = ""
local co = coroutine.create(function() local x = 1
  coroutine.yield()
  x = 2 end)
debug.sethook(co, function(e, l) log = log .. e .. ":" .. tostring(l) .. " " end, "lcr")
local r = S(debug.gethook() == nil, select(2, debug.gethook(co)))
coroutine.resume(co)
coroutine.resume(co)
debug.sethook(function() end, "l", 7)
local co2 = coroutine.create(function() end)
local h, m, c = debug.gethook(co2)
debug.sethook()
return r .. ";" .. log .. ";" .. S(h, m, c)
"##,
        "true,crl,0;call:nil line:2 line:3 call:nil return:nil line:4 return:nil ;nil,l,7",
    );
}

#[test]
fn hooks_transfer_info() {
    check(
        r##"local log = ""
local on = false
debug.sethook(function(e)
  if not on then return end
  local i = debug.getinfo(2, "rt")
  log = log .. e .. ":" .. tostring(i.istailcall) .. ":" .. i.ftransfer .. ":" .. i.ntransfer
  for k = i.ftransfer, i.ftransfer + i.ntransfer - 1 do log = log .. ":" .. tostring(select(2, debug.getlocal(2, k))) end
  log = log .. " "
end, "cr")
local function t2(a, b) return a, b end
local function t1() return t2(7, 8) end
local function va(a, ...) return ... end
on = true
t1()
va(1, 2, 3)
rawequal(4, 5)
on = false
debug.sethook()
return log
"##,
        "call:false:0:0 tail call:true:1:2:7:8 return:true:3:2:7:8 call:false:1:1:1 return:false:2:2:2:3 call:false:1:2:4:5 return:false:3:1:false ",
    );
}

#[test]
fn hook_errors_propagate() {
    check(
        r##"local function f() return 1 end
local r1 = S(pcall(function()
  debug.sethook(function(e) if e == "return" then debug.sethook(); error("rethook") end end, "r")
  f()
end))
debug.sethook()
local r2 = S(pcall(function()
  debug.sethook(function(e, l) debug.sethook(); error("linehook") end, "l")
  local x = 1
end))
debug.sethook()
return r1 .. "|" .. r2
"##,
        "false,test:3: rethook|false,test:8: linehook",
    );
}

#[test]
fn hook_sees_hook_name_in_traceback() {
    check(
        r##"local tb
local function h() tb = debug.getinfo(1, "n").namewhat .. ":" .. debug.traceback("h", 1) end
local co = coroutine.wrap(function()
  debug.sethook(h, "l")
  local a = 1
  debug.sethook()
  return tb
end)
return co()
"##,
        "hook:h\nstack traceback:\n\ttest:2: in hook '?'\n\ttest:6: in function <test:3>",
    );
}

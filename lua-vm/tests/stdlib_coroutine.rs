//! The coroutine library run through the VM: each snippet's result is compared with the value lua5.4
//! gives for the same snippet (see `corolib_util` for the prelude and the test natives).
mod corolib_util;

use corolib_util::check;

#[test]
fn generator_passes_values_both_ways() {
    check(
        r##"local co = coroutine.create(function(a, b)
  local c = coroutine.yield(a + b)
  local d, e = coroutine.yield(c * 2)
  return d + e, "end"
end)
return S(coroutine.resume(co, 1, 2)) .. "|" .. S(coroutine.resume(co, 10)) .. "|" ..
  S(coroutine.resume(co, 3, 4)) .. "|" .. S(coroutine.resume(co))
"##,
        "true,3|true,20|true,7,end|false,cannot resume dead coroutine",
    );
}

#[test]
fn status_transitions() {
    check(
        r##"local main = coroutine.running()
local co
local log = ""
co = coroutine.create(function()
  log = log .. coroutine.status(co) .. ","
  local inner = coroutine.create(function() log = log .. coroutine.status(co) .. "," end)
  coroutine.resume(inner)
  log = log .. coroutine.status(inner) .. "," .. coroutine.status(main) .. ","
  coroutine.yield()
end)
log = log .. coroutine.status(co) .. ","
coroutine.resume(co)
log = log .. coroutine.status(co) .. ","
coroutine.resume(co)
return log .. coroutine.status(co)
"##,
        "suspended,running,normal,dead,normal,suspended,dead",
    );
}

#[test]
fn wrap_generator_in_for_loop() {
    check(
        r##"local function range(n)
  return coroutine.wrap(function() for i = 1, n do coroutine.yield(i, i * i) end end)
end
local s = ""
for i, sq in range(4) do s = s .. i .. ":" .. sq .. " " end
return s
"##,
        "1:1 2:4 3:9 4:16 ",
    );
}

#[test]
fn error_inside_coroutine() {
    check(
        r##"local co = coroutine.create(function(x) local y = x .. nil end)
local r1 = S(coroutine.resume(co, "a"))
return r1 .. "|" .. coroutine.status(co) .. "|" .. S(coroutine.resume(co))
"##,
        "false,test:1: attempt to concatenate a nil value|dead|false,cannot resume dead coroutine",
    );
}

#[test]
fn error_object_kept_as_is() {
    check(
        r##"local t = setmetatable({}, {__tostring = function() return "T" end})
local co = coroutine.create(function() error(t) end)
local ok, e = coroutine.resume(co)
return S(ok, e == t, coroutine.status(co))
"##,
        "false,true,dead",
    );
}

#[test]
fn wrap_adds_position_to_string_errors() {
    check(
        r##"local f = coroutine.wrap(function() error("boom") end)
local ok, e = pcall(f)
local g = coroutine.wrap(function() error("plain", 0) end)
local ok2, e2 = pcall(g)
local h = coroutine.wrap(function() error({code = 7}) end)
local ok3, e3 = pcall(h)
return S(ok, e, ok2, e2, ok3, type(e3), e3.code)
"##,
        "false,test:1: boom,false,plain,false,table,7",
    );
}

#[test]
fn wrap_dead_and_resume_dead() {
    check(
        r##"local f = coroutine.wrap(function() return 1 end)
f()
local ok, e = pcall(f)
local co = coroutine.create(function() end)
coroutine.resume(co)
return S(ok, e, coroutine.resume(co))
"##,
        "false,cannot resume dead coroutine,false,cannot resume dead coroutine",
    );
}

#[test]
fn yield_across_pcall() {
    check(
        r##"local co = coroutine.create(function()
  local ok, v = pcall(function()
    local x = coroutine.yield("in pcall")
    error("e:" .. x)
  end)
  local ok2, v2 = pcall(coroutine.yield, "direct")
  return ok, v, ok2, v2
end)
return S(coroutine.resume(co)) .. "|" .. S(coroutine.resume(co, "X")) .. "|" .. S(coroutine.resume(co, "Y"))
"##,
        "true,in pcall|true,direct|true,false,test:4: e:X,true,Y",
    );
}

#[test]
fn yield_across_xpcall_with_handler() {
    check(
        r##"local co = coroutine.wrap(function()
  return xpcall(function()
    coroutine.yield(1)
    error("bad")
  end, function(m) coroutine.isyieldable(); return "handled: " .. m end)
end)
return S(co()) .. "|" .. S(co())
"##,
        "1|false,handled: test:4: bad",
    );
}

#[test]
fn yield_inside_metamethods() {
    check(
        r##"local mt = {
  __index = function(t, k) return coroutine.yield("index " .. k) end,
  __add = function(a, b) return coroutine.yield("add") end,
  __lt = function(a, b) return coroutine.yield("lt") end,
  __concat = function(a, b) return coroutine.yield("concat") end,
  __len = function(a) return coroutine.yield("len") end,
  __eq = function(a, b) return coroutine.yield("eq") end,
  __call = function(self, x) return coroutine.yield("call " .. x) end,
  __newindex = function(t, k, v) coroutine.yield("newindex " .. k) end,
  __unm = function(a) return coroutine.yield("unm") end,
}
local a, b = setmetatable({}, mt), setmetatable({}, mt)
local co = coroutine.wrap(function()
  local r1 = a.foo
  local r2 = a + 1
  local r3 = a < b
  local r4 = a .. "x"
  local r5 = #a
  local r6 = a == b
  local r7 = a(5)
  a.bar = 1
  local r8 = -a
  return "results: " .. S(r1, r2, r3, r4, r5, r6, r7, r8)
end)
local answers = {["index foo"] = "F", add = 10, lt = false, concat = "C", len = 4, eq = true,
  ["call 5"] = "called", ["newindex bar"] = 0, unm = -1}
local log = ""
local v = co()
while answers[v] ~= nil do
  log = log .. v .. ","
  v = co(answers[v])
end
return log .. v
"##,
        "index foo,add,lt,concat,len,eq,call 5,newindex bar,unm,results: F,10,false,C,4,true,called,-1",
    );
}

#[test]
fn yield_inside_for_iterator() {
    check(
        r##"local function iter(limit, i)
  if i < limit then return i + 1, coroutine.yield("at " .. i) end
end
local co = coroutine.wrap(function()
  local s = ""
  for k, v in iter, 3, 0 do s = s .. k .. "=" .. tostring(v) .. " " end
  return s
end)
return S(co(), co("a"), co("b"), co("c"))
"##,
        "at 0,at 1,at 2,1=a 2=b 3=c ",
    );
}

#[test]
fn yield_from_main_thread() {
    check(
        r##"local ok, e = pcall(coroutine.yield, 1)
return S(ok, e, coroutine.isyieldable())
"##,
        "false,attempt to yield from outside a coroutine,false",
    );
}

#[test]
fn yield_across_native_call_boundary() {
    check(
        r##"local co = coroutine.create(function()
  return callnative(function() return coroutine.yield(1) end)
end)
local ok, e = coroutine.resume(co)
return S(ok, e, coroutine.status(co))
"##,
        "false,attempt to yield across a C-call boundary,dead",
    );
}

#[test]
fn yield_inside_native_call_boundary_pcall() {
    check(
        r##"local co = coroutine.wrap(function()
  return pcall(callnative, function() coroutine.yield(1) end)
end)
return S(co())
"##,
        "false,attempt to yield across a C-call boundary",
    );
}

#[test]
fn yield_through_native_with_continuation() {
    check(
        r##"local co = coroutine.wrap(function(a)
  local x, y = callk(function(v) local r = coroutine.yield(v + 1) return r, "k" end, a)
  return "done " .. x .. y
end)
return S(co(1), co(5))
"##,
        "2,done 5k",
    );
}

#[test]
fn isyieldable_and_running() {
    check(
        r##"local main, ismain = coroutine.running()
local inside
local co = coroutine.create(function()
  local me, im = coroutine.running()
  inside = S(type(me), im, coroutine.isyieldable(), coroutine.isyieldable(me), coroutine.isyieldable(main))
end)
coroutine.resume(co)
return S(type(main), ismain, coroutine.isyieldable(), coroutine.isyieldable(co)) .. "|" .. inside
"##,
        "thread,true,false,true|thread,false,true,true,false",
    );
}

#[test]
fn resume_running_and_main() {
    check(
        r##"local main = coroutine.running()
local co
co = coroutine.create(function()
  return S(coroutine.resume(co), coroutine.resume(main))
end)
return S(coroutine.resume(co)) .. "|" .. S(coroutine.resume(main))
"##,
        "true,false,false,cannot resume non-suspended coroutine|false,cannot resume non-suspended coroutine",
    );
}

#[test]
fn close_with_pending_to_be_closed() {
    check(
        r##"local log = ""
local function closer(name) return setmetatable({}, {__close = function(_, err) log = log .. name .. "(" .. tostring(err) .. ")" end}) end
local co = coroutine.create(function()
  local a <close> = closer("a")
  local b <close> = closer("b")
  coroutine.yield()
end)
coroutine.resume(co)
local r = S(coroutine.close(co))
return r .. "|" .. log .. "|" .. coroutine.status(co) .. "|" .. S(coroutine.close(co))
"##,
        "true|b(nil)a(nil)|dead|true",
    );
}

#[test]
fn close_after_error() {
    check(
        r##"local log = ""
local co = coroutine.create(function()
  local a <close> = setmetatable({}, {__close = function(_, err) log = "closed with " .. type(err) end})
  error({})
end)
local ok, e = coroutine.resume(co)
local c1, c2 = coroutine.close(co)
return S(ok, type(e), c1, c2 == e, log, coroutine.status(co), coroutine.close(co))
"##,
        "false,table,false,true,closed with table,dead,true",
    );
}

#[test]
fn close_reports_error_in_close() {
    check(
        r##"local co = coroutine.create(function()
  local a <close> = setmetatable({}, {__close = function(_, err) error("in a: " .. tostring(err), 0) end})
  local b <close> = setmetatable({}, {__close = function() error("in b", 0) end})
  coroutine.yield()
end)
coroutine.resume(co)
return S(coroutine.close(co)) .. "|" .. coroutine.status(co)
"##,
        "false,in a: in b|dead",
    );
}

#[test]
fn close_running_and_normal() {
    check(
        r##"local main = coroutine.running()
local r1 = S(pcall(coroutine.close, main))
local co
co = coroutine.create(function()
  local inner = coroutine.create(function() return S(pcall(coroutine.close, co)) end)
  return select(2, coroutine.resume(inner))
end)
return r1 .. "|" .. select(2, coroutine.resume(co)) .. "|" .. S(coroutine.close(coroutine.create(print)))
"##,
        "false,cannot close a running coroutine|false,cannot close a normal coroutine|true",
    );
}

#[test]
fn wrap_closes_variables_on_error() {
    check(
        r##"local log = ""
local f = coroutine.wrap(function()
  local x <close> = setmetatable({}, {__close = function(_, e) log = "closed: " .. e end})
  error("oops")
end)
local ok, e = pcall(f)
return S(ok, e, log)
"##,
        "false,test:4: oops,closed: test:4: oops",
    );
}

#[test]
fn yield_inside_close_metamethod() {
    check(
        r##"local co = coroutine.wrap(function()
  do
    local x <close> = setmetatable({}, {__close = function() coroutine.yield("closing") end})
  end
  return "after"
end)
return S(co(), co())
"##,
        "closing,after",
    );
}

#[test]
fn bad_arguments() {
    check(
        r##"return S(select(2, pcall(coroutine.resume, 1))) .. "|" .. S(select(2, pcall(coroutine.create, 1))) .. "|" ..
  S(select(2, pcall(coroutine.status))) .. "|" .. S(select(2, pcall(coroutine.wrap, {}))) .. "|" ..
  S(select(2, pcall(coroutine.close, "x"))) .. "|" .. S(select(2, pcall(coroutine.isyieldable, 1)))
"##,
        "bad argument #1 to 'coroutine.resume' (thread expected, got number)|bad argument #1 to 'coroutine.create' (function expected, got number)|bad argument #1 to 'coroutine.status' (thread expected, got no value)|bad argument #1 to 'coroutine.wrap' (function expected, got table)|bad argument #1 to 'coroutine.close' (thread expected, got string)|bad argument #1 to 'coroutine.isyieldable' (thread expected, got number)",
    );
}

#[test]
fn deep_nesting_stops_with_c_stack_overflow() {
    check(
        r##"local depth = 0
local function nest()
  depth = depth + 1
  local co = coroutine.create(nest)
  local ok, err = coroutine.resume(co)
  if not ok then error(err, 0) end
end
local ok, e = pcall(nest)
return S(ok, e, depth > 150 and depth < 200)
"##,
        "false,C stack overflow,true",
    );
}

#[test]
fn many_yields_and_resumes() {
    check(
        r##"local co = coroutine.wrap(function() local s = 0 while true do s = s + coroutine.yield(s) end end)
co()
local last
for i = 1, 10000 do last = co(i) end
return last
"##,
        "50005000",
    );
}

#[test]
fn recursive_generator_in_tail_calls() {
    check(
        r##"local function pf(n, i) coroutine.yield(n) return pf(n * i, i + 1) end
local f = coroutine.wrap(pf)
local s = ""
for i = 1, 8 do s = s .. f(1, 1) .. " " end
return s
"##,
        "1 1 2 6 24 120 720 5040 ",
    );
}

#[test]
fn coroutine_traceback_and_status_after_error() {
    check(
        r##"local co = coroutine.create(function() local function inner() error("deep") end inner() end)
local ok, e = coroutine.resume(co)
return S(ok, e) .. "|" .. debug.traceback(co) .. "|" .. debug.traceback(co, "m", 1)
"##,
        "false,test:1: deep|stack traceback:\n\t[C]: in function 'error'\n\ttest:1: in local 'inner'\n\ttest:1: in function <test:1>|m\nstack traceback:\n\ttest:1: in local 'inner'\n\ttest:1: in function <test:1>",
    );
}

#[test]
fn yield_values_count() {
    check(
        r##"local co = coroutine.wrap(function(...)
  local n = select("#", coroutine.yield(...))
  return n, select("#", coroutine.yield())
end)
return S(select("#", co()), select("#", co(nil, nil, nil)), co(1, 2))
"##,
        "0,0,3,2",
    );
}

#[test]
fn collected_coroutine_keeps_upvalues() {
    check(
        r##"local keep = {}
for round = 1, 60 do
  local co = coroutine.create(function(n)
    local x, y = {n}, "s" .. n
    local f = function() return x[1], y end
    coroutine.yield(f)
    x = {n + 1}
    coroutine.yield(f)
  end)
  local _, f = coroutine.resume(co, round)
  if round % 3 == 0 then coroutine.resume(co) end
  keep[#keep + 1] = f
  co = nil
  if round % 7 == 0 then collectgarbage() end
end
collectgarbage()
local sum, names = 0, ""
for i, f in ipairs(keep) do local a, b = f(); sum = sum + a; if i % 20 == 0 then names = names .. b end end
return S(sum, names)
"##,
        "1850,s20s40s60",
    );
}

#[test]
fn close_errors_chain_survives_collection() {
    check(
        r##"local function closer(f) return setmetatable({}, {__close = f}) end
local log = ""
local function foo()
  local x <close> = closer(function(_, msg) log = log .. "x:" .. msg .. " " end)
  local x1 <close> = closer(function(_, msg) log = log .. "x1:" .. msg .. " "; error("@x1", 0) end)
  local gc <close> = closer(function() collectgarbage() end)
  local y <close> = closer(function(_, msg) log = log .. "y:" .. msg .. " "; error("@y" .. "!", 0) end)
  error("orig", 0)
end
return S(pcall(foo)) .. "|" .. log
"##,
        "false,@x1|y:orig x1:@y! x:@x1 ",
    );
}

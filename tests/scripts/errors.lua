-- Runtime error messages with variable information, error levels, non-string error objects,
-- pcall and xpcall with message handlers.

local function try(f, ...) print(pcall(f, ...)) end

-- names of the culprit
try(function() local t; return t.x end)
try(function() return undefined_table.x end)
try(function() local t = {} return t.x.y end)
try(function() local t = {a = {}} return t.a.b.c end)
local u
try(function() return u.field end)
try(function() undefined_fn() end)
try(function() local t = {} t.m() end)
try(function() local t = {} t:m() end)
try(function() local a = {} return a[1][2] end)
try(function() local t = {} local k = "key" return t[k].z end)
try(function() local n = 1 n.x = 2 end)
try(function() u[1] = 2 end)
try(function() undefined_table.x = 1 end)
try(function() local t = {} t.x.y = 1 end)
try(function() local f = 5 f() end)
try(function() return #u end)
try(function() return u .. "x" end)
try(function() return -u end)
try(function() return u + 1 end)
try(function() local t = {} return t.x + 1 end)
try(function() return 1 + undefined_global end)
try(function() local s = "abc" return s < 1 end)

-- comparisons
try(function() return 1 < nil end)
try(function() return nil < 1 end)
try(function() return {} < 1 end)
try(function() return "a" <= {} end)
try(function() local x = {} return x > x end)
try(function() return 1 < "x" end)

-- integer conversions
try(function() return 1.5 | 0 end)
try(function() local f = 2.5 return f // 1 | 0 end)
try(function() return 2 ^ 64 & 1 end)
try(function() local t = {} t[1.5 | 0] = 1 end)
try(function() for i = 1, 10, 0 do end end)

-- error with levels
local function lvl1() error("level 1 message") end
local function lvl2() error("level 2 message", 2) end
local function lvl0() error("level 0 message", 0) end
local function caller() lvl2() end
try(lvl1)
try(caller)
try(lvl0)
try(function() error("level 3", 3) end)
try(function() error() end)
try(function() error(nil) end)

-- non-string error objects are passed through unchanged
local eobj = {code = 42}
local ok, e = pcall(error, eobj)
print(ok, e == eobj, e.code)
print(pcall(error, 42))
print(pcall(error, 42.5))
print(pcall(error, true))
print(pcall(error, false))
ok, e = pcall(error, setmetatable({}, {__tostring = function() return "custom error" end}))
print(ok, tostring(e))
-- numbers get position information only as strings do: error(42) keeps the number
print(pcall(function() error(42) end))
print(pcall(function() error("msg") end))

-- pcall returns all results on success, and catches errors from native functions
print(pcall(function(...) return ... end, 1, 2, 3))
print(pcall(setmetatable, 1))
print(pcall(pcall))
print(select("#", pcall(error)))

-- xpcall: the handler receives the error object and its result is returned
print(xpcall(function() error("handled") end, function(m) return "handler got: " .. m end))
print(xpcall(function() error({1, 2, 3}) end, function(m) return #m end))
print(xpcall(function(a, b) return a + b end, print, 3, 4))
-- errors in the handler
print(xpcall(error, function() error("handler fails") end))
print(pcall(xpcall))
print(pcall(xpcall, print))

-- nested pcall
print(pcall(pcall, error, "inner"))
print(pcall(function()
  local ok2, e2 = pcall(error, "first")
  error("second after " .. e2, 0)
end))

-- error messages from the base library use the function name
try(function() setmetatable({}, {}, 1) return ipairs() end)
try(function() return tostring() end)
try(function() local t = setmetatable({}, {__index = function(t, k) error("no field " .. k) end}) return t.abc end)
try(function() return select(0) end)
try(function() return rawset({}, nil, 1) end)

-- assert
print(pcall(assert, false))
print(pcall(assert, nil, "assertion message"))
print(select(2, pcall(assert, false, {code = 1})).code)
print(pcall(assert, 1, 2, 3))
print(pcall(assert))

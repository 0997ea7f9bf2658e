-- __call, __tostring, __name, __metatable, __pairs, __close lookups and getmetatable/setmetatable.

-- __call receives the object first, then the arguments; all results are returned
local callable = setmetatable({tag = "obj"}, {__call = function(self, a, b)
  return self.tag, a, b, "more"
end})
print(callable(1, 2))
print(select("#", callable()))
print(pcall(callable, "through pcall"))

-- __call chains: the __call value may itself be a callable table
local inner = setmetatable({}, {__call = function(self, outer, x) return "inner got " .. tostring(x) end})
local outer = setmetatable({}, {__call = inner})
print(outer(42))

-- calling something without __call
print(pcall(function() local t = {} t() end))
print(pcall(function() undefined_global() end))
print(pcall(function() local t = {} t.method() end))
print(pcall(function() local t = {} t:method() end))
print(pcall(function() local s = "x" s() end))
print(pcall(function() local up = 1; return (function() up() end)() end))

-- __tostring is used by tostring and print
local pt = setmetatable({}, {__tostring = function(t) return "<pretty>" end})
print(pt, tostring(pt))
print(pcall(tostring, setmetatable({}, {__tostring = function() return 42 end})))
print(pcall(tostring, setmetatable({}, {__tostring = function() error("tostring failed") end})))

-- __name is used by tostring when there is no __tostring, and in argument errors
local named = setmetatable({}, {__name = "MyType"})
print(tostring(named):match("^MyType: ") ~= nil)
print(pcall(select, named))
print(pcall(rawlen, setmetatable({}, {__name = 5})))
print(tostring(setmetatable({}, {__name = 42})):match("^table: ") ~= nil)

-- __metatable protects the metatable
local protected = setmetatable({}, {__metatable = "locked"})
print(getmetatable(protected))
print(pcall(setmetatable, protected, {}))
print(getmetatable(setmetatable({}, {__metatable = false})))

-- getmetatable on values of other types
print(getmetatable(1), getmetatable(nil), getmetatable(print), getmetatable("").__index == string)
print(pcall(getmetatable))

-- setmetatable returns its first argument, nil removes the metatable
local tt = {}
print(setmetatable(tt, {}) == tt, getmetatable(tt) ~= nil, getmetatable(setmetatable(tt, nil)))

-- __pairs may return any iterator triple
local pp = setmetatable({}, {__pairs = function(t) return function(_, k) if not k then return 1, "one" end end, t, nil end})
for k, v in pairs(pp) do print("pairs", k, v) end

-- __index on the metatable of a metatable is not consulted for events
local mmt = setmetatable({}, {__index = {__call = function() return "never" end}})
print(pcall(setmetatable({}, mmt)))

-- __close must be present when the variable is declared, and is fetched raw
print(pcall(function()
  local c <close> = setmetatable({}, setmetatable({}, {__index = {__close = print}}))
end))

-- metamethods for the basic types can be set through the debug library
debug.setmetatable(10, {__index = {double = function(n) return n * 2 end}, __call = function(n, x) return n + x end})
print((21):double(), (5)(10))
debug.setmetatable(10, nil)
print(pcall(function() return (5)(10) end))
debug.setmetatable(nil, {__index = function() return "nil indexed" end})
print((nil).anything)
debug.setmetatable(nil, nil)

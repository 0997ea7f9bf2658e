-- Error messages that involve the standard libraries (string methods, debug.getinfo in a handler).

local function try(f, ...) print(pcall(f, ...)) end
try(function() string.nofunc() end)
try(function() return ("x").y.z end)
try(function() return ("a"):rep(1.5) end)
print(xpcall(function() local x = nil; return x.y end, function(m) return m:upper() end))
-- the handler runs at the point of the error (the failing function is still on the stack)
print(xpcall(function() local function deep() error("deep") end deep() end,
  function(m) return debug.getinfo(2, "n").name end))
print(pcall(string.rep))
print(pcall(("x").rep, "x", {}))
print(pcall(string.sub))
print(pcall(string.char, 256))
print(pcall(string.format, "%d", 1.5))
print(pcall(table.concat, {1, {}, 3}))
print(pcall(table.insert, {}, 1, 2, 3))
print(pcall(math.floor, "a"))
print(pcall(setmetatable({}, {__index = string}).len))
local obj = setmetatable({}, {__index = {method = function(self, n) return math.tointeger(n) + 1 end}})
print(pcall(obj.method, obj, "x"))
print(pcall(function() return obj:method({}) end))

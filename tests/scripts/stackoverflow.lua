-- Deep recursion gives a catchable "stack overflow" error (Lua frames, native frames, metamethods,
-- error handlers) and the interpreter keeps working afterwards.

local function rec(n) return 1 + rec(n + 1) end
print(pcall(rec, 1))

-- recursion through a vararg function with growing argument lists
local function grow(...) return grow(1, ...) + 1 end
local ok, msg = pcall(grow)
print(ok, msg)

-- recursion through native calls (pcall inside pcall)
local function viapcall() local ok2, e = pcall(viapcall) if not ok2 then error(e, 0) end end
ok, msg = pcall(viapcall)
print(ok, msg)

-- recursion through metamethods
local mt = {}
mt.__index = function(t, k) return setmetatable({}, mt)[k] end
ok, msg = pcall(function() return setmetatable({}, mt).x end)
print(ok, msg)
local cmp = setmetatable({}, {__lt = function(a, b) return a < b end})
print(pcall(function() return cmp < cmp end))
local cat = setmetatable({}, {})
getmetatable(cat).__concat = function(a, b) return a .. b end
print(pcall(function() return cat .. "x" end))

-- recursion through __call
local callee = setmetatable({}, {})
getmetatable(callee).__call = function(self) return self() + 1 end
print(pcall(callee))

-- recursion inside a message handler: error in error handling
print(xpcall(rec, function(m) return rec(1) end, 1))

-- deeply nested data handled without recursion problems
local deep = {}
local cur = deep
for _ = 1, 100000 do cur.next = {}; cur = cur.next end
local depth = 0
cur = deep
while cur do depth = depth + 1; cur = cur.next end
print(depth)

-- after all that, normal calls work and recursion up to a reasonable depth is fine
local function sum(n) if n == 0 then return 0 end return n + sum(n - 1) end
print(sum(10000), sum(100000))

-- an error while the stack is nearly full still gives the right message
local function fill(n)
  if n == 0 then local t = nil; return t.x end
  return 1 + fill(n - 1)
end
print(pcall(fill, 150000))

-- tostring / concat of deep structures by Lua code hits the limit too
local function nest(n) if n == 0 then return "x" end return "(" .. nest(n - 1) .. ")" end
print(#nest(1000), (pcall(nest, 1e7)))

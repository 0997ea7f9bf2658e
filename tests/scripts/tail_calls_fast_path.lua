-- Tail calls: deep recursion in constant stack, varargs moved down, missing parameters nil,
-- __call and errors through the general path.
local function count(n, acc) if n == 0 then return acc end return count(n - 1, acc + 1) end
print(count(1000000, 0))
local function va(...) local n = select('#', ...); if n > 5 then return n, ... end return va(1, ...) end
print(va())
print(va(nil, nil))
local function f(a, b, c) return a, b, c end
local function g(...) return f(...) end
print(g(1), g(1, 2, 3, 4))
local function h(x, ...) if x == 0 then return ... end return h(x - 1, x, ...) end
print(h(5))
local t = setmetatable({}, {__call = function(self, a) return a * 2 end})
local function k(a) return t(a) end
print(k(21))
print(pcall(function() return (nil)() end))

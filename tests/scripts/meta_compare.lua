-- __eq, __lt and __le: when they are called, operand order, result conversion, the __le fallback.

local log = {}
local mt = {
  __eq = function(a, b) log[#log + 1] = "eq"; return a.v == b.v end,
  __lt = function(a, b) log[#log + 1] = "lt"; return a.v < b.v end,
  __le = function(a, b) log[#log + 1] = "le"; return a.v <= b.v end,
}
local function V(v) return setmetatable({v = v}, mt) end
local x, y, z = V(1), V(2), V(1)

print(x == z, x ~= z, x == y, x < y, y < x, x <= z, y >= x, x > y)
print(#log)

-- __eq is not called for identical objects, nor for different types
log = {}
print(x == x, x == 1, 1 == x, x == "1", x == nil)
print(#log)

-- __eq is tried with the first operand's metamethod, then the second's
local onlyleft = setmetatable({}, {__eq = function() return true end})
print(onlyleft == {}, {} == onlyleft)

-- results are converted to booleans
local conv = setmetatable({}, {
  __eq = function() return "yes" end,
  __lt = function() return nil end,
  __le = function() return 0 end,
})
local conv2 = setmetatable({}, getmetatable(conv))
print(conv == conv2, conv < conv2, conv <= conv2, conv > conv2, conv >= conv2)

-- built as its makefile does (LUA_COMPAT_5_3), Lua 5.4.4 emulates a missing __le with not (b < a)
local ltonly = setmetatable({}, {__lt = function(a, b) return a.n < b.n end})
local l1, l2 = setmetatable({n = 1}, getmetatable(ltonly)), setmetatable({n = 2}, getmetatable(ltonly))
print(l1 < l2, l1 <= l2, l2 <= l1, l1 >= l2, l1 <= l1)

-- mixed operands: a table compared with a number uses the table's metamethod
local num = setmetatable({}, {__lt = function(a, b)
  return (type(a) == "table" and "T" or a) .. "<" .. (type(b) == "table" and "T" or b)
end})
print(num < 5, 5 < num, num > 5)

-- comparisons without metamethods
print(pcall(function() return {} < {} end))
print(pcall(function() return {} <= 1 end))
print(pcall(function() return "a" < 1 end))
print(pcall(function() return print < print end))
print(pcall(function() local a, b = true, false return a < b end))

-- strings compare bytewise, including embedded zeros
print("a" < "b", "abc" < "abd", "ab" < "abc", "" < "\0", "a\0" > "a", "B" < "a", "\255" > "a")

-- numbers compare mathematically across subtypes
print(1 < 1.5, 2^63 > 9223372036854775807, -2^63 <= -9223372036854775807 - 1, 0/0 ~= 0/0)

-- __eq on different tables with different metamethods: only the first operand's is used
local A = setmetatable({}, {__eq = function() return "A" end})
local B = setmetatable({}, {__eq = function() return false end})
print(A == B, B == A)

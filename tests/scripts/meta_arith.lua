-- Arithmetic, bitwise, concatenation, length and unary metamethods: operand order, which operand's
-- metamethod is used, results adjusted to one value.

local mt = {}
local function V(x) return setmetatable({x = x}, mt) end
local function val(v) return type(v) == "table" and v.x or v end
local ops = {"add", "sub", "mul", "div", "mod", "pow", "unm", "idiv",
             "band", "bor", "bxor", "shl", "shr", "bnot", "concat"}
for _, op in ipairs(ops) do
  mt["__" .. op] = function(a, b, ...)
    return op .. "(" .. tostring(val(a)) .. "," .. tostring(val(b)) .. ")", "extra ignored"
  end
end

local a, b = V(1), V(2)
print(a + b, a - 3, 4 * a, a / b, a % 5, 6 ^ a, -a, a // b)
print(a & 1, 2 | a, a ~ b, a << 3, 4 >> a, ~a)
print(a .. "s", "s" .. a, 1 .. a, a .. b)
-- the second operand's metamethod is used when the first has none
print(10 + b, "x" .. b)
-- __unm and __bnot get the operand twice
local seen = {}
local u = setmetatable({}, {__unm = function(x, y) seen[1] = rawequal(x, y) return "neg" end,
                            __bnot = function(x, y) seen[2] = rawequal(x, y) return "not" end})
print(-u, ~u, seen[1], seen[2])

-- bitwise metamethods are tried for floats without integer value and for strings
local bw = setmetatable({}, {__band = function(x, y) return "band called" end})
print(bw & 1.5, 1.5 & bw, "s" & bw)

-- __concat in a chain: evaluated right to left, numbers and strings concatenated directly
local cc = setmetatable({}, {__concat = function(x, y)
  local sx = type(x) == "table" and "T" or x
  local sy = type(y) == "table" and "T" or y
  return sx .. sy
end})
print("a" .. "b" .. cc .. "c" .. "d")
print(cc .. cc .. cc)
print(1 .. 2 .. cc)

-- __len
local len = setmetatable({1, 2, 3}, {__len = function(t) return "len" .. rawlen(t) end})
print(#len)
print(#setmetatable({}, {__len = function() return 1, 2 end}))

-- a metamethod that errors
local bad = setmetatable({}, {__add = function() error("no adding") end})
print(pcall(function() return bad + 1 end))

-- metamethods are looked up raw in the metatable (no __index on the metatable)
local proto = {__add = function() return "via index" end}
local indirect = setmetatable({}, setmetatable({}, {__index = proto}))
print(pcall(function() return indirect + 1 end))

-- no metamethod: the error names the operation
print(pcall(function() return {} // 1 end))
print(pcall(function() local t = {} return #t .. t end))
print(pcall(function() return -{} end))
print(pcall(function() return #5 end))
print(pcall(function() local n = nil return #n end))

-- numbers do not use metamethods even if they had a metatable
print(2 + 3, 2 .. 3)

-- __div etc. returning false/nil values
local fz = setmetatable({}, {__mul = function() return nil end, __sub = function() return false end})
print(fz * 1, fz - 1)

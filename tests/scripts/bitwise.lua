-- Bitwise operators on 64-bit integers: shifts, negative shifts, float operands, errors.

print(0xF0 & 0x3C, 0xF0 | 0x3C, 0xF0 ~ 0x3C, ~0, ~5, ~-1)
print(1 << 0, 1 << 1, 1 << 62, 1 << 63, 1 << 64, 1 << 100)
print(-1 >> 1, -1 >> 63, -1 >> 64, 8 >> 2, 8 >> -2, 1 << -1, 2 >> -62)
print(-1 << 1, 0x7FFFFFFFFFFFFFFF << 1, 0x8000000000000000 >> 63)
print(1 << -64, 1 >> 9223372036854775807, 1 << (-9223372036854775807 - 1))
print(5 & -1, 5 | -1, 5 ~ -1, -9223372036854775807 - 1 ~ 1)

-- floats with an exact integer value are converted
print(3.0 & 1, 2.0 ^ 3 | 0, 1e3 >> 1, -2.0 << 1, ~1.0)
print(2 ^ 53 | 0, -(2 ^ 63) | 0)

-- precedence: concatenation binds tighter than shifts, comparison is the loosest
print(1 | 2 ~ 3 & 4, 1 << 2 + 1, (1 << 2) + 1, 5 & 3 == 1)
print(pcall(function() return 2 .. 1 << 1 end))

-- errors
local function e(f) print(pcall(f)) end
e(function() return 1.5 & 1 end)
e(function() return 2 ^ 63 | 0 end)
e(function() return 1 | 1e100 end)
e(function() local f = 0 / 0 return f >> 1 end)
e(function() return {} & 1 end)
e(function() local t = {} return 1 ~ t end)
e(function() local s = nil return ~s end)
e(function() return 1 << true end)
e(function() return "3" & 1 end)
e(function() local s = "1" return 1 | s end)
e(function() return ~"0" end)
e(function() local n = 3.5 return n | 0 end)
e(function() local t = {x = 2.5} return t.x << 1 end)

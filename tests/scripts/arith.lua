-- Arithmetic: integer/float results, floor division and modulo signs, overflow, division by zero.

local maxi = 9223372036854775807
local mini = -9223372036854775807 - 1

print(1 + 2, 1 + 2.0, 10 - 3, 2 * 3, 2 * 3.0, 7 / 2, 6 / 2, 2 ^ 10, 2 ^ 0.5, -2 ^ 2)

-- floor division and modulo follow the sign of the divisor
print(7 // 2, -7 // 2, 7 // -2, -7 // -2)
print(7 % 3, -7 % 3, 7 % -3, -7 % -3)
print(7.0 // 2, -7.0 // 2, 7 // -2.0, -7.5 // -2)
print(7.5 % 2, -7.5 % 2, 7.5 % -2, -7.5 % -2)
print(5.3 % 1 < 0.31, -0.5 % 1, 0.5 % -1)
print(3 % 1e300, -3 % 1e300, 3 % -1e300)
print(1 % (1 / 0), -1 % (1 / 0), 1 % (-1 / 0), -1 % (-1 / 0))
print((1 / 0) % 2, 2 % (0 / 0) ~= 2 % (0 / 0))

-- integer division by zero is an error; float division gives inf or nan
print(pcall(function() return 1 // 0 end))
print(pcall(function() return 1 % 0 end))
local zero = 0
print(pcall(function() return 5 // zero end))
print(pcall(function() return 5 % zero end))
print(1 // 0.0, -1 // 0.0, 1 / 0, -1 / 0, 0.0 / 1)
print(1 % 0.0 ~= 1 % 0.0, 0 / 0 ~= 0 / 0)

-- integer overflow wraps around
print(maxi + 1 == mini, mini - 1 == maxi, maxi * 2, mini * -1, -mini)
print(mini // -1, mini % -1, maxi // -1, mini // 1)
print(maxi + 1.0, mini - 1.0, maxi * 2.0)

-- exponentiation and division always give floats
print(4 ^ 0.5, 2 ^ 63, 2 ^ -1, 0 ^ 0, 10 / 2, 3 / 4)

-- unary minus
print(-3, -3.0, -(-3), - -2, -0.0, 0.0 == -0.0, -mini == mini)

-- integer and float comparisons are exact
print(1 == 1.0, maxi == 2 ^ 63, maxi + 0.0 == 2 ^ 63, maxi < 2 ^ 63, mini == -2 ^ 63)
print(2 ^ 53 == 2 ^ 53 + 1, (2 ^ 53 | 0) + 1 == 2 ^ 53 + 1, 9007199254740993 < 9007199254740992.0)
print(1 < 1.5, 2 > 1.5, -1 <= -1.0, maxi < 1 / 0, mini > -1 / 0)
print(0 / 0 == 0 / 0, 0 / 0 < 1, 0 / 0 > 1, 1 < 0 / 0)
print(3 == "3", "abc" < "abd", "Z" < "a", "" < "a", "a\0b" < "a\0c", "abc" <= "abc")

-- number formatting of results
print(100 / 2, 1e15, 1e16, 123456789012345678, 2^63 // 1, 0.1 + 0.2, 1 / 3)
print(-0.0 // 1, 0.0 * -1, 1e308 + 1e308, -(0 / 0) ~= -(0 / 0))
print(255 // 16, 255 % 16, 3.0 // 0.5, 2 ^ 2 // 3)

-- arithmetic errors mention the offending value
print(pcall(function() return {} + 1 end))
print(pcall(function() local t = {} return 1 - t end))
print(pcall(function() return nil * 2 end))
print(pcall(function() local x return -x end))
print(pcall(function() return 2 ^ true end))
print(pcall(function() local t = {x = {}} return t.x / 2 end))

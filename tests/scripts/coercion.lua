-- String/number coercions: arithmetic on numeric strings (string metamethods), concatenation of
-- numbers, tonumber/tostring, and what is never coerced.

print("10" + 1, "3.0" + 1, "0x10" + 0, " 10 " + 0, "10" * "2", "1e1" + 0, "-2" ^ 2)
print("7" // 2, "7" % "3", -"2", -"2.5", "10" / 4, "0x7fffffffffffffff" + 1)
print(pcall(function() return "abc" + 1 end))
print(pcall(function() local s = "1x" return s * 2 end))
print(pcall(function() return {} .. "" end))
print(pcall(function() local t = {} return "x" .. t end))
print(pcall(function() return 1 .. nil end))
print(pcall(function() return "a" + {} end))
print(pcall(function() return "10" + true end))

-- concatenation converts numbers with the %.14g / integer formats
print(10 .. 20, 1.5 .. "", -0.0 .. "", 2 ^ 63 .. "", 1e100 .. "", 10 // 1 .. "", 3.0 .. "")
print(-9223372036854775807 - 1 .. "", 1 / 0 .. "", 123456789012 .. "")

-- comparison never coerces
print(1 == "1", "1" == 1, 0 == "0")
print(pcall(function() return 1 < "2" end))
print(pcall(function() return "1" <= 2 end))
print(pcall(function() return {} < {} end))
print(pcall(function() return nil > 1 end))
print(pcall(function() local a, b = 1, nil return a < b end))

-- tonumber
print(tonumber("10"), tonumber("10.0"), tonumber("  0x1F  "), tonumber("1e2"), tonumber(".5"), tonumber("5."))
print(tonumber("inf"), tonumber("nan"), tonumber("1e500"), tonumber("-0"), tonumber("0x-1"), tonumber("- 1"))
print(tonumber(10), tonumber(1.5), tonumber(nil), tonumber(true), tonumber({}))
print(tonumber("z", 36), tonumber("ff", 16), tonumber("FF", 16), tonumber("777", 8), tonumber("102", 2))
print(tonumber("  -101  ", 2), tonumber("7fffffffffffffff", 16), tonumber("ffffffffffffffff", 16), tonumber("1.5", 10))
print(pcall(tonumber, "10", 1))
print(pcall(tonumber, "10", 37))
print(pcall(tonumber, 10, 16))
print(pcall(tonumber))

-- tostring
print(tostring(10), tostring(10.0), tostring(-0.0), tostring(1e15), tostring(1e16), tostring(0.1))
print(tostring(nil), tostring(true), tostring("s"), tostring(2^24), tostring(-2^63))
print(pcall(tostring))

-- string to number in numeric for and in string.rep style library arguments
print(("x"):rep("3"), ("abc"):sub("2"), string.char("65"))
print(pcall(string.rep, "x", "3.5"))

-- integer-valued strings convert to integers, others to floats
print(math.type("10" + 0), math.type("10.0" + 0), math.type("1e2" + 0), math.type("0x10" + 0))
print("9223372036854775807" + 0, "9223372036854775808" + 0)

-- strings index the string table through their metatable's __index
print(("abc").len == string.len, ("abc"):upper(), #getmetatable("").__index == 0)

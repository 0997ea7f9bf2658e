-- Lexer: long strings and comments of any level, escapes, numerals, integer overflow to float.

--[[ a level-0 long comment
spanning lines ]] print("after level-0 comment")
--[==[ a level-2 comment with ]] and ]=] inside ]==] print("after level-2 comment")
--[=======[ deep
]=======] print("after level-7 comment")
-- a short comment that ends the line --[[ is not long
print("short comment ok")

local s0 = [[
first newline skipped]]
print(s0, #s0)
local s1 = [==[a]]b]=]c]==]
print(s1, #s1)
local s2 = [=[
line1
line2]=]
print(s2, #s2)
print(#[[

]])
print([[no \n escape \t here]])
local s3 = [====================[level 20]====================]
print(s3)
-- CR LF and LF CR count as one newline in long strings
print(#load("return [[\r\na\r\nb]]")(), #load("return [[\n\ra\n\rb]]")())

-- escapes
print("a\tb|", "c\\d", "e\"f", 'g\'h', "\65\066\0671", "x\x41\x4a\x4A", "\z
      continued", "bell\a" == "bell\7", "\v\f\b\r" == "\11\12\8\13")
print(#"\0\00\000", #"\x00\0001", "nul\0inside" == "nul\0inside")
print("line1\
line2")
print("\u{41}\u{e9}\u{20AC}\u{10FFFF}")
print(#"\u{7F}", #"\u{80}", #"\u{7FF}", #"\u{800}", #"\u{FFFF}", #"\u{10000}")
print(#"\u{1FFFFF}", #"\u{200000}", #"\u{3FFFFFF}", #"\u{4000000}", #"\u{7FFFFFFF}")
print("\u{7FFFFFFF}" == "\xFD\xBF\xBF\xBF\xBF\xBF", "\u{0000041}")
print("\z   
   \z
   joined" .. "|" .. "a\z  b")
print("\255\254" == "\xff\xfe", #"\255")

-- escape errors (through load, messages from the lexer)
local function lexerr(src)
  local f, msg = load(src, "=src")
  print(f, msg)
end
lexerr([[return "\400"]])
lexerr([[return "\xg0"]])
lexerr([[return "\x5"]])
lexerr([[return "\u{80000000}"]])
lexerr([[return "\u{}"]])
lexerr([[return "\u{12"]])
lexerr([[return "\u12"]])
lexerr([[return "\q"]])
lexerr('return "abc')
lexerr('return "abc\ndef"')
lexerr("return [[abc")
lexerr("return [==[abc]=]")
lexerr("--[[ unfinished")
lexerr("return [=")
lexerr("x = 3x")
lexerr("x = 0x")
lexerr("x = 1e")
lexerr("x = 1..2")
lexerr("x = 08.5.3")
lexerr("x = @")
lexerr("x = ~= 1")

-- numerals
print(3, 345, 0xff, 0XBEBADA, 0xA, 0Xa)
print(3.0, 3.1416, 314.16e-2, 0.31416E1, 34e1, .5, 5., 1e-3, 2E+2)
print(0x0.1E, 0xA23p-4, 0X1.921FB54442D18P+1, 0x.8p1, 0x8.p-1, 0x1p-1074, 0x1p1023)
print(0x10p0, 0x1P4, 0xFFp0, 0x.1, 0x1.)
print(1e308 * 10, -1e308 * 10, 1e-400)
-- integers that do not fit become floats; hex integers wrap around
print(9223372036854775807, 9223372036854775808, -9223372036854775808)
print(18446744073709551615, 1e19 // 1, 99999999999999999999)
print(0x7fffffffffffffff, 0xffffffffffffffff, 0x10000000000000000, 0x1ffffffffffffffff)
print(9223372036854775808 == 2^63, 9223372036854775807 + 1 == -9223372036854775807 - 1)
print(-0x8000000000000000, 0x8000000000000000)
-- numerals in strings follow the same rules
print(tonumber("0x1p4"), tonumber("  10  "), tonumber("1e1"), tonumber("9223372036854775808"))
print(tonumber("0x"), tonumber("1e"), tonumber(""), tonumber(" "), tonumber("0x1P"), tonumber("1 2"))

-- tokens that look alike
local a, b = 2, 3
print(a-- comment
  - b, a - -b, a--[[c]]-b)
print(a..b, a .. b, 1 .. 2, "x"..1)
print(a~=b, ~a, a~b, a//b, a<<b, a>>1, a<=b, a>=b, a==b)
print(#{...}, ...)
goto done
::done::
print(type(nil), [==[]==] == "", "" == '')

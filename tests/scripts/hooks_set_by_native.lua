-- A hook installed by a native call (debug.sethook) sees the lines that follow it in the caller,
-- and results of native calls land where the caller wants them (fixed, multiple, none).
local lines = {}
local function f(event, line)
  lines[#lines + 1] = line
end
debug.sethook(f, "l")
local a = 1
local b = 2
debug.sethook()
print(#lines, lines[1], lines[2], lines[3])

local t = {}
print(select("#", string.byte("abc", 1, 3)), string.byte("abc", 1, 3))
print(math.max(3, 9, 4), (string.find("hello", "l")))
t[#t + 1] = type(t)
print(t[1], #t, tostring(nil), tostring(true))
local function many() return string.byte("xyz", 1, -1) end
print(many())
print(pcall(string.rep))
print(select(2, pcall(math.floor, "x")))

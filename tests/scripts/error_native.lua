-- An error raised by a native function called from Lua code.
local t = setmetatable({}, {__index = function(_, k) return k end})
print(t.x)
print(select(-5, 1, 2))

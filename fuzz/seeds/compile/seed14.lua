local t = setmetatable({}, {__index = function(t, k) return k * 2 end, __newindex = rawset, __len = function() return 7 end})
t[1] = 5 return t[3], #t, rawlen(t)

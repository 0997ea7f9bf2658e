local mt = {__add = function(a, b) return a.v + b.v end, __index = function(t, k) return k end}
local a, b = setmetatable({v = 1}, mt), setmetatable({v = 2}, mt) print(a + b, a.zzz)

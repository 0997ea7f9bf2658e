local mt = {__eq = function() return true end, __lt = function() return true end, __le = function() return false end, __concat = function(a, b) return 'cat' end, __call = function(self, ...) return select('#', ...) end, __unm = function() return -1 end}
local a, b = setmetatable({}, mt), setmetatable({}, mt) return a == b, a < b, a <= b, a .. 'x', a(1, 2, 3), -a

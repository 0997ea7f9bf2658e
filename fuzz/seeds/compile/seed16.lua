local a <const> = 10 local b <close> = setmetatable({}, {__close = function(o, e) end}) goto l ::l:: return a // 3, a % -3, a ~ 5, ~a, a >> 1, 2^-1

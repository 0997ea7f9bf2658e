local ok, e = pcall(function() local x <close> = setmetatable({}, {__close = function() error('c') end}) error('b') end) return ok, e

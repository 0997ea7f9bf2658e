local t = setmetatable({}, {__gc = function() end}) t = nil collectgarbage() print(collectgarbage('count') > 0)

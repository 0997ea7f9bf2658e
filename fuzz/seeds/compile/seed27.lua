collectgarbage('incremental') local t = setmetatable({}, {__mode = 'k'}) t[{}] = 1 collectgarbage() return next(t), collectgarbage('count') > 0, collectgarbage('step')

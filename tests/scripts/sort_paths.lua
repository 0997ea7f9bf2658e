-- table.sort: comparators, invalid order functions, lists with metamethods, yields refused.
local t = {5, 3, 8, 1, 9, 2, 7}
table.sort(t, function(a, b) return a > b end); print(table.concat(t, " "))
print(pcall(table.sort, {3, 1, 2, 5, 4, 6, 7, 8, 9, 10, 11, 12}, function(a, b) return true end))
local p = setmetatable({}, {__index = function(_, k) return 10 - k end, __newindex = function(t, k, v) rawset(t, k, v) end, __len = function() return 5 end})
table.sort(p); print(p[1], p[2], p[3], p[4], p[5])
print(pcall(table.sort, {1, "x", 2}))
local co = coroutine.wrap(function() table.sort({3, 2, 1}, function(a, b) coroutine.yield() return a < b end) end)
print(pcall(co))
local words = {} for w in ("the quick brown fox jumps over the lazy dog"):gmatch("%a+") do words[#words+1] = w end
table.sort(words); print(table.concat(words, ","))

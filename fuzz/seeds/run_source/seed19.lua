local t = {} for i = 1, 20 do t[#t + 1] = ('x'):rep(i) end table.sort(t, function(a, b) return #a > #b end) return table.concat(t, ',', 1, 3)

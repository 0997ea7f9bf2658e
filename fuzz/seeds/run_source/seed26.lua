local x = 0 for i = 10, 1, -3 do x = x + i end for i = 1.0, 2.0, 0.5 do x = x + i end for i = math.maxinteger - 1, math.maxinteger do x = x + 1 end return x

for k, v in pairs({a = 1, b = 2, 3}) do io.write(tostring(k), '=', tostring(v), ' ') end print()

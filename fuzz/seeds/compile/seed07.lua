goto skip print('no') ::skip:: do local x <close> = nil end print(string.pack('>I2', 258):byte(1, -1))

print(math.type(1), math.type(1.0), 7 // 2, 7.0 // 2, 2^53, 1 << 63, -7 % 3)

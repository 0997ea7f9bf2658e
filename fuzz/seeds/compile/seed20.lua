return string.pack('<i4 d s1 z', 7, 1.5, 'ab', 'cd'), string.unpack('>I2 c3', '\1\2abc')

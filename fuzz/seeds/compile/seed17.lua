local s = ('%d %s %q %5.1f %x'):format(42, 'hi', 'a\0b\n', 3.14159, 255) return s, #s, s:byte(1, -1)

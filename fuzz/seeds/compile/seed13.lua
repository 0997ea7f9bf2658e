print(utf8.char(72, 228, 8364), utf8.len('\u{48}\u{e4}'), os.time{year=2020, month=1, day=1, hour=0})

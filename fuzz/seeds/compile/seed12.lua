print(table.concat({1, 2, 3}, ', '), table.unpack({1, 2, 3})) local t = {5, 2, 8} table.sort(t) print(t[1])

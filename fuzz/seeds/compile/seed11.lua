local x = load('return 1 + ...') print(x(41)) print(load('syntax error here'))

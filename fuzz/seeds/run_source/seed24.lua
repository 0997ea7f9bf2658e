local d = string.dump(function(x) return x + 1 end) return load(d, 'd', 'b')(41), select('#', load(d:sub(1, 10), 'd', 'b'))

local env = {print = print} local f = load('x = 1 return x', 'c', 't', env) return f(), env.x, x

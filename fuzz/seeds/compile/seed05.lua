print(pcall(error, {code = 1})) print(select('#', pcall(error)))

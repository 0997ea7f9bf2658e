-- An uncaught error whose object has a __tostring metamethod: the interpreter prints its string.
print("before")
error(setmetatable({}, {__tostring = function() return "custom error object" end}))

-- An uncaught error whose object is a table without __tostring.
print("before")
error({code = 1})

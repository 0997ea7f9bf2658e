-- error(nil) uncaught: the interpreter reports a nil error object.
print("before")
error(nil)

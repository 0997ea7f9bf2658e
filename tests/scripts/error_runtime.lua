-- An uncaught runtime error: message with position and variable name on stderr, a traceback, exit 1.
print("before the error")
local function inner(t)
  return t.field.sub
end
local function outer()
  local r = inner({})
  return r
end
outer()
print("not reached")

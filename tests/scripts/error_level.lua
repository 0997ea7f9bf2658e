-- error() with level 2 blames the caller; the traceback lists Lua and native frames.
local function check(v)
  if type(v) ~= "number" then
    error("expected a number, got " .. type(v), 2)
  end
  return v
end
local function use()
  return check("text")
end
local ok, msg = pcall(use)
print(ok, msg)
use()

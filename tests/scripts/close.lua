-- <const> and <close>: compile-time checks, __close on every way out of a block, order, errors.

-- <const>
local k <const> = 10
local s <const> = "str"
local function usek() return k * 2, s end
print(k, usek())
for _, src in ipairs({
  "local x <const> = 1; x = 2",
  "local x <const> = 1; local function f() x = 2 end",
  "local x <close> = nil; x = 1",
  "local x <foo> = 1",
  "local a <close>, b <close> = nil, nil",
}) do
  local f, msg = load(src, "=const")
  print(type(f), msg)
end

local function closer(tag, log)
  return setmetatable({}, {__close = function(self, err)
    local e = type(err) == "table" and "table" or tostring(err)
    log[#log + 1] = tag .. (err == nil and "" or ("(" .. e .. ")"))
  end})
end
local function show(log) local r = "" for i = 1, #log do r = r .. log[i] .. " " end print(r) end

-- normal exit of a block, in reverse order of declaration
local log = {}
do
  local a <close> = closer("a", log)
  local b <close> = closer("b", log)
  log[#log + 1] = "body"
end
show(log)

-- break
log = {}
for i = 1, 3 do
  local c <close> = closer("c" .. i, log)
  if i == 2 then break end
end
show(log)

-- return (also with values computed after the variable)
log = {}
local function ret()
  local r <close> = closer("r", log)
  local other <close> = closer("o", log)
  return "ret1", "ret2"
end
print(ret())
show(log)

-- goto out of the block
log = {}
do
  local n = 0
  ::again::
  do
    local g <close> = closer("g" .. n, log)
    n = n + 1
    if n < 3 then goto again end
  end
end
show(log)

-- error: __close receives the error object, and the error continues
log = {}
print(pcall(function()
  local e1 <close> = closer("e1", log)
  local e2 <close> = closer("e2", log)
  error("oops", 0)
end))
show(log)
log = {}
local ok, eobj = pcall(function()
  local t <close> = closer("t", log)
  error({code = 1})
end)
print(ok, type(eobj), eobj.code, #log)

-- nil and false are allowed and ignored
do
  local n1 <close> = nil
  local n2 <close> = false
  print("nil and false closed silently")
end

-- a value without __close is rejected at the declaration
print(pcall(function() local x <close> = {} end))
print(pcall(function() local y <close> = 42 end))

-- an error inside __close replaces the original error; later closes still run
log = {}
print(pcall(function()
  local a <close> = closer("a", log)
  local bad <close> = setmetatable({}, {__close = function() error("in close", 0) end})
  local c <close> = closer("c", log)
  error("original", 0)
end))
show(log)
log = {}
print(pcall(function()
  local a <close> = closer("a", log)
  local bad <close> = setmetatable({}, {__close = function() error("close error", 0) end})
  return "unreached"
end))
show(log)

-- closing happens before the function's results are used, even for tail-position calls (not tail calls)
log = {}
local function tc()
  local z <close> = closer("z", log)
  return tostring(#log)
end
print(tc(), #log)

-- __close is looked up when closing, so changes to the metatable are seen
local mt = {__close = function() print("first") end}
do
  local v <close> = setmetatable({}, mt)
  mt.__close = function() print("second") end
end

-- a to-be-closed variable in a coroutine closed by coroutine.close
local co = coroutine.create(function()
  local cc <close> = setmetatable({}, {__close = function(_, e) print("closed by coroutine.close", e) end})
  coroutine.yield(1)
end)
print(coroutine.resume(co))
print(coroutine.close(co), coroutine.status(co))

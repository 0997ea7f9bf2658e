-- lua51-compatible
-- Closures: higher-order functions (map, filter, fold, compose, curry), counters and accumulators
-- sharing upvalues, memoisation through a closure-held cache, and closures created in loops.
local DEFAULT, EXPECTED = 10000, "254810265 10000000"
local N = tonumber(arg and arg[1]) or DEFAULT

local function map(t, f)
  local r = {}
  for i = 1, #t do
    r[i] = f(t[i])
  end
  return r
end

local function filter(t, p)
  local r = {}
  for i = 1, #t do
    local v = t[i]
    if p(v) then
      r[#r + 1] = v
    end
  end
  return r
end

local function fold(t, f, acc)
  for i = 1, #t do
    acc = f(acc, t[i])
  end
  return acc
end

local function compose(f, g)
  return function(x)
    return f(g(x))
  end
end

local function curry(f)
  return function(a)
    return function(b)
      return f(a, b)
    end
  end
end

local function counter()
  local n = 0
  return function()
    n = n + 1
    return n
  end, function()
    return n
  end
end

local function memoize(f)
  local cache = {}
  return function(x)
    local v = cache[x]
    if v == nil then
      v = f(x)
      cache[x] = v
    end
    return v
  end
end

local add = curry(function(a, b) return a + b end)
local data = {}
for i = 1, 1000 do
  data[i] = i
end

local total = 0
local tick, count = counter()
for round = 1, N do
  local offset = round % 13
  local shift = add(offset)
  local double_then_shift = compose(shift, function(x) return x * 2 end)
  local mapped = map(data, double_then_shift)
  local odd = filter(mapped, function(x)
    tick()
    return x % 3 ~= 0
  end)
  total = total + fold(odd, function(acc, x) return (acc + x) % 1000003 end, 0)
  -- a chain of closures each capturing the previous one
  local chain = function(x) return x end
  for k = 1, 20 do
    local prev = chain
    chain = function(x) return prev(x) + k end
  end
  total = total + chain(round)
end

local fib
fib = memoize(function(n)
  if n < 2 then
    return n
  end
  return (fib(n - 1) + fib(n - 2)) % 1000000007
end)
total = (total + fib(70)) % 1000000007
local result = total .. " " .. count()
print("checksum " .. result)
if N == DEFAULT then
  assert(result == EXPECTED, "closures: wrong checksum " .. result)
end

-- lua51-compatible
-- Coroutines as generators: a range generator, an in-order tree walk yielding from recursion, a
-- permutation generator, and a producer -> filter -> consumer pipeline of wrapped coroutines.
local DEFAULT, EXPECTED = 850, 776803256
local N = tonumber(arg and arg[1]) or DEFAULT

local function range(n)
  return coroutine.wrap(function()
    for i = 1, n do
      coroutine.yield(i)
    end
  end)
end

local function insert(tree, v)
  if not tree then
    return { v = v }
  end
  if v < tree.v then
    tree.l = insert(tree.l, v)
  else
    tree.r = insert(tree.r, v)
  end
  return tree
end

local function walk(tree)
  if tree then
    walk(tree.l)
    coroutine.yield(tree.v)
    walk(tree.r)
  end
end

local function in_order(tree)
  return coroutine.wrap(function()
    walk(tree)
  end)
end

local function permute(a, n)
  if n <= 1 then
    coroutine.yield(a)
  else
    for i = 1, n do
      a[n], a[i] = a[i], a[n]
      permute(a, n - 1)
      a[n], a[i] = a[i], a[n]
    end
  end
end

local function permutations(a)
  local co = coroutine.create(function()
    permute(a, #a)
  end)
  return function()
    local ok, p = coroutine.resume(co)
    assert(ok, p)
    return p
  end
end

local function producer(n)
  return coroutine.wrap(function()
    local x = 1
    for _ = 1, n do
      x = (x * 75) % 65537
      coroutine.yield(x)
    end
  end)
end

local function filter(source, pred)
  return coroutine.wrap(function()
    for v in source do
      if pred(v) then
        coroutine.yield(v)
      end
    end
  end)
end

local function mapper(source, f)
  return coroutine.wrap(function()
    for v in source do
      coroutine.yield(f(v))
    end
  end)
end

local checksum = 0
local seed = 5
for round = 1, N do
  local s = 0
  for i in range(2000) do
    s = s + i * round
  end
  local tree
  for _ = 1, 500 do
    seed = (seed * 16807) % 2147483647
    tree = insert(tree, seed % 10000)
  end
  local prev, ordered = -1, 0
  for v in in_order(tree) do
    assert(v >= prev)
    prev = v
    ordered = ordered + v
  end
  local perms = 0
  for p in permutations({ 1, 2, 3, 4, 5, 6 }) do
    perms = perms + p[1] * 10 + p[6]
  end
  local piped = 0
  for v in mapper(filter(producer(3000), function(x) return x % 3 == round % 3 end), function(x) return x % 1000 end) do
    piped = piped + v
  end
  checksum = (checksum * 31 + s + ordered + perms + piped) % 1000000007
end
print("checksum " .. checksum)
if N == DEFAULT then
  assert(checksum == EXPECTED, "coroutine_gen: wrong checksum " .. checksum)
end

-- Coroutines: generators, passing values both ways, status, wrap, yield across pcall and metamethods,
-- close, errors.

-- a generator
local function gen(n)
  return coroutine.wrap(function()
    for i = 1, n do coroutine.yield(i) end
    return "done"
  end)
end
local g = gen(3)
print(g(), g(), g(), g())
print(pcall(g))

-- values in and out
local co = coroutine.create(function(a, b)
  print("started with", a, b)
  local c = coroutine.yield(a + b)
  print("resumed with", c)
  local d, e = coroutine.yield(c * 2)
  print("resumed with", d, e)
  return "finished", d + e
end)
print(coroutine.resume(co, 1, 2))
print(coroutine.resume(co, 10))
print(coroutine.resume(co, 3, 4))
print(coroutine.resume(co))
print(coroutine.status(co))

-- status: suspended, running, normal, dead
local outer
local inner = coroutine.create(function()
  print("inner sees outer as", coroutine.status(outer))
  print("inner sees itself as", coroutine.status(coroutine.running()))
end)
outer = coroutine.create(function()
  coroutine.resume(inner)
  coroutine.yield()
end)
print(coroutine.status(outer))
coroutine.resume(outer)
print(coroutine.status(outer), coroutine.status(inner))
local main, ismain = coroutine.running()
print(type(main), ismain, coroutine.isyieldable())
print(coroutine.resume(coroutine.create(function() return coroutine.isyieldable(), select(2, coroutine.running()) end)))

-- yield across pcall, and errors after resuming inside pcall
local pco = coroutine.create(function()
  local ok, v = pcall(function()
    local x = coroutine.yield("yield inside pcall")
    error("error after resume: " .. x, 0)
  end)
  coroutine.yield(ok, v)
  return "end"
end)
print(coroutine.resume(pco))
print(coroutine.resume(pco, "X"))
print(coroutine.resume(pco))

-- yield across metamethods and iterators
local mt = {__index = function(_, k) return coroutine.yield("index " .. k) end,
            __add = function(a, b) return coroutine.yield("add") end,
            __lt = function() return coroutine.yield("lt") end,
            __concat = function() return coroutine.yield("concat") end,
            __eq = function() return coroutine.yield("eq") end}
local mco = coroutine.wrap(function()
  local obj = setmetatable({}, mt)
  local v = obj.field
  local s = obj + 1
  local l = obj < obj
  local c = obj .. "x"
  local e = obj == setmetatable({}, mt)
  return v, s, l, c, e
end)
print(mco()); print(mco("V")); print(mco("S")); print(mco(false)); print(mco("C")); print(mco(1))
local function iter_co()
  return coroutine.wrap(function() for i = 1, 3 do coroutine.yield(i, i * i) end end)
end
for i, sq in iter_co() do print("iter", i, sq) end

-- yield inside a for iterator function and inside a nested Lua call
local yco = coroutine.wrap(function()
  local function it(_, i) if i < 2 then coroutine.yield("it" .. i) return i + 1 end end
  for i in it, nil, 0 do end
  return "loop done"
end)
print(yco(), yco(), yco())

-- yield across a native boundary that does not allow it
print(coroutine.resume(coroutine.create(function()
  table.sort({3, 2, 1}, function(a, b) coroutine.yield() return a < b end)
end)))
print(coroutine.resume(coroutine.create(function()
  return tostring(setmetatable({}, {__tostring = function() coroutine.yield() end}))
end)))

-- errors
print(coroutine.resume(co))
print(coroutine.resume(coroutine.create(function() error("inside") end)))
print(type(select(2, coroutine.resume(coroutine.create(function() error({}) end)))))
local ew = coroutine.wrap(function() error("wrapped error") end)
print(pcall(ew))
local ew2 = coroutine.wrap(function() local x = nil; return x.y end)
print(pcall(ew2))
print(pcall(coroutine.yield, 1))
print(pcall(coroutine.resume, coroutine.running()))
print(pcall(coroutine.create, 1))
print(pcall(coroutine.wrap))
print(pcall(coroutine.status, {}))
local selfres
selfres = coroutine.create(function() return coroutine.resume(selfres) end)
print(coroutine.resume(selfres))
print(coroutine.resume(coroutine.create(function() return coroutine.resume(coroutine.running()) end)))

-- coroutine.close
local cl = coroutine.create(function() coroutine.yield() end)
coroutine.resume(cl)
print(coroutine.close(cl), coroutine.status(cl))
print(coroutine.close(coroutine.create(print)))
local errco = coroutine.create(function() error("boom", 0) end)
coroutine.resume(errco)
print(coroutine.close(errco))
local tbc = coroutine.create(function()
  local x <close> = setmetatable({}, {__close = function() print("tbc closed") end})
  local y <close> = setmetatable({}, {__close = function() error("close fails", 0) end})
  coroutine.yield()
end)
coroutine.resume(tbc)
print(coroutine.close(tbc))
print(pcall(coroutine.close, coroutine.running()))

-- wrap propagates errors with position
local w = coroutine.wrap(function() coroutine.yield(1) error("second call fails") end)
print(w())
print(pcall(w))
print(pcall(w))

-- many coroutines
local sum = 0
local cos = {}
for i = 1, 1000 do cos[i] = coroutine.create(function(x) local y = coroutine.yield(x) return x + y end) end
for i = 1, 1000 do local _, v = coroutine.resume(cos[i], i) sum = sum + v end
for i = 1, 1000 do local _, v = coroutine.resume(cos[i], 1) sum = sum + v end
print(sum)

-- a deep recursion inside a coroutine
local deepco = coroutine.wrap(function()
  local function d(n) if n == 0 then coroutine.yield("bottom") return 0 end return 1 + d(n - 1) end
  return d(10000)
end)
print(deepco(), deepco())
print(coroutine.resume(coroutine.create(function() local function r() return 1 + r() end return r() end)))

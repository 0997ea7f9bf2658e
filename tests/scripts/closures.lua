-- Locals, upvalues and closures: fresh locals per loop iteration, shared upvalues, closing on exit.

-- each iteration of a numeric for gets a fresh control variable
local fs = {}
for i = 1, 3 do fs[i] = function() return i end end
print(fs[1](), fs[2](), fs[3]())

-- each iteration of a while loop gets fresh body locals
fs = {}
local n = 0
while n < 3 do
  n = n + 1
  local j = n * 10
  fs[n] = function() j = j + 1; return j end
end
print(fs[1](), fs[1](), fs[2](), fs[3]())

-- repeat: the until condition sees the body's locals, and closures capture them per iteration
fs = {}
local k = 0
repeat
  local x = k
  fs[#fs + 1] = function() return x end
  k = k + 1
until x >= 2
print(#fs, fs[1](), fs[2](), fs[3]())

-- generic for: fresh variables too
fs = {}
for idx, v in ipairs({"a", "b", "c"}) do fs[idx] = function() return idx .. v end end
print(fs[1](), fs[2](), fs[3]())

-- two closures share one upvalue, also after the enclosing function returned
local function counter()
  local c = 0
  return function() c = c + 1; return c end, function() return c end
end
local inc, get = counter()
inc(); inc()
print(get(), inc(), get())
local inc2, get2 = counter()
print(inc2(), get(), get2())

-- an upvalue shared between a closure and the still-running function
local function share()
  local v = 1
  local function set(x) v = x end
  set(5)
  local before = v
  v = 7
  local function read() return v end
  return before, read()
end
print(share())

-- nested closures three levels deep, each level capturing the outer ones
local function l1(a)
  return function(b)
    return function(c)
      a = a + 1
      return a + b + c
    end
  end
end
local f3 = l1(100)(20)
print(f3(3), f3(3))

-- closing upvalues when a block exits through break
fs = {}
for i = 1, 10 do
  local z = i * 2
  fs[#fs + 1] = function() return z end
  if i == 2 then break end
end
print(#fs, fs[1](), fs[2]())

-- a loop variable captured, then the loop continues: the closure keeps its own copy
local saved
for i = 1, 3 do
  if i == 1 then saved = function() return i end end
end
print(saved())

-- recursive local function sees itself as an upvalue
local function fact(x) if x <= 1 then return 1 end return x * fact(x - 1) end
print(fact(20))

-- local function vs local f = function: the latter cannot see itself
local g = function() return type(g) end
print(g())

-- shadowing
local s = 1
do
  local s = s + 1
  print(s)
  do local s = s * 10; print(s) end
end
print(s)

-- upvalues modified through a coroutine-free callback chain
local total = 0
local function each(t, f) for i = 1, #t do f(t[i]) end end
each({1, 2, 3, 4}, function(v) total = total + v end)
print(total)

-- many locals and many upvalues
local function many()
  local a1, a2, a3, a4, a5, a6, a7, a8, a9, a10 = 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
  return function()
    return a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10
  end
end
print(many()())

-- a closure created in a loop that runs many times keeps working (collector runs meanwhile)
local acc = {}
for i = 1, 20000 do
  local v = i
  acc[i % 7 + 1] = function() return v end
end
print(acc[1](), acc[7]())

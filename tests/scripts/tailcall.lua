-- Proper tail calls: a million-iteration tail-recursive loop runs in constant stack space.

local function loop(n, acc)
  if n == 0 then return acc end
  return loop(n - 1, acc + 1)
end
print(loop(1000000, 0))

-- mutual tail recursion
local is_even, is_odd
function is_even(n) if n == 0 then return true end return is_odd(n - 1) end
function is_odd(n) if n == 0 then return false end return is_even(n - 1) end
print(is_even(1000000), is_odd(999999), is_even(7))

-- the same recursion without tail calls overflows the stack
local function notail(n) if n == 0 then return 0 end return 1 + notail(n - 1) end
local ok, err = pcall(notail, 1000000)
print(ok, err)
print(notail(100))

-- tail calls through varargs and with more arguments than the caller had
local function collect(n, ...)
  if n == 0 then return select("#", ...) end
  return collect(n - 1, n, ...)
end
print(collect(100))
local function spin(n, ...)
  if n == 0 then return ... end
  return spin(n - 1, ...)
end
print(spin(1000000, "a", "b", nil))

-- a tail call to a native function
local function tonative(...) return select("#", ...) end
print(tonative(1, 2, 3))
local function viapcall(f) return pcall(f) end
print(viapcall(function() return "from pcall" end))

-- a tail call through a __call metamethod
local callable = setmetatable({}, {__call = function(self, n, acc)
  if n == 0 then return acc end
  return self(n - 1, acc + 2)
end})
print(callable(100000, 0))

-- tail calls as method calls
local obj = {n = 0}
function obj:count(k) if k == 0 then return self.n end self.n = self.n + 1 return self:count(k - 1) end
print(obj:count(300000))

-- a tail call keeps returning all results of the callee
local function three() return 1, 2, 3 end
local function tail3() return three() end
print(tail3())

-- tail calls that close upvalues of the calling frame
local fs = {}
local function mk(i)
  local v = i * 3
  fs[i] = function() return v end
  if i == 5 then return "done" end
  return mk(i + 1)
end
print(mk(1), fs[1](), fs[5]())

-- Benchmark: Lua-to-Lua calls and integer arithmetic. Recursive fib(32) (about 7 million calls).
local function fib(n)
  if n < 2 then return n end
  return fib(n - 1) + fib(n - 2)
end
print(fib(32))

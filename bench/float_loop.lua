-- Benchmark: the numeric for loop and float arithmetic. 1e8 float additions.
local x, step = 0.0, 0.5
for _ = 1, 100000000 do
  x = x + step
end
print(x)

-- Benchmark: table writes and reads in the array part. 1e7 writes, then 1e7 reads.
local n = 10000000
local t = {}
for i = 1, n do
  t[i] = i
end
local sum = 0
for i = 1, n do
  sum = sum + t[i]
end
print(sum)

-- lua51-compatible
-- Mandelbrot: escape-time iteration over an N x N grid of the complex plane (pure float arithmetic
-- in a tight loop), packing the inside/outside bits of each row into bytes as the classic bitmap does.
local DEFAULT, EXPECTED = 1600, "623801274/1017200/62479668"
local N = tonumber(arg and arg[1]) or DEFAULT
local MAX_ITER = 50

local checksum = 0
local inside_total, iter_total = 0, 0
for y = 0, N - 1 do
  local ci = 2.0 * y / N - 1.0
  local byte, bits, row_hash = 0, 0, 0
  for x = 0, N - 1 do
    local cr = 2.0 * x / N - 1.5
    local zr, zi, zr2, zi2 = 0.0, 0.0, 0.0, 0.0
    local iter = 0
    while iter < MAX_ITER and zr2 + zi2 <= 4.0 do
      zi = 2.0 * zr * zi + ci
      zr = zr2 - zi2 + cr
      zr2 = zr * zr
      zi2 = zi * zi
      iter = iter + 1
    end
    iter_total = iter_total + iter
    byte = byte * 2
    if iter == MAX_ITER then
      byte = byte + 1
      inside_total = inside_total + 1
    end
    bits = bits + 1
    if bits == 8 or x == N - 1 then
      row_hash = (row_hash * 31 + byte) % 1000003
      byte, bits = 0, 0
    end
  end
  checksum = (checksum * 17 + row_hash) % 1000000007
end
local result = string.format("%d/%d/%d", checksum, inside_total, iter_total)
print("checksum " .. result)
if N == DEFAULT then
  assert(result == EXPECTED, "mandelbrot: wrong checksum " .. result)
end

-- lua51-compatible
-- Matrix multiplication: dense N x N float matrices as arrays of row arrays, the i-k-j loop order,
-- then the product's trace and a weighted sum of its entries.
local DEFAULT, EXPECTED = 370, "114040.694780 -14851662.742835"
local N = tonumber(arg and arg[1]) or DEFAULT

local function matrix(n, seed)
  local m = {}
  for i = 1, n do
    local row = {}
    for j = 1, n do
      seed = (seed * 16807) % 2147483647
      row[j] = (seed % 1000) / 100 - 5
    end
    m[i] = row
  end
  return m
end

local function mul(a, b, n)
  local c = {}
  for i = 1, n do
    local ci = {}
    for j = 1, n do
      ci[j] = 0
    end
    local ai = a[i]
    for k = 1, n do
      local aik, bk = ai[k], b[k]
      for j = 1, n do
        ci[j] = ci[j] + aik * bk[j]
      end
    end
    c[i] = ci
  end
  return c
end

local a = matrix(N, 42)
local b = matrix(N, 4242)
local c = mul(a, b, N)
c = mul(c, a, N)
local trace, weighted = 0, 0
for i = 1, N do
  trace = trace + c[i][i]
  local row = c[i]
  for j = 1, N do
    weighted = weighted + row[j] * ((i + j) % 7)
  end
end
local result = string.format("%.6f %.6f", trace, weighted)
print("checksum " .. result)
if N == DEFAULT then
  assert(result == EXPECTED, "matrix_mul: wrong checksum " .. result)
end

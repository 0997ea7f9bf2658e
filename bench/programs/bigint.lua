-- Arbitrary-precision integers (Lua 5.4 integers): numbers as arrays of base-10^7 limbs with
-- schoolbook multiplication, addition, and division by a small integer using // and %; computes
-- factorials, Fibonacci numbers and powers and checks digit sums.
local DEFAULT, EXPECTED = 7000, "23878:99171 5852:26529 3340:14940 47756:199602"
local N = tonumber(arg and arg[1]) or DEFAULT

local BASE = 10000000
local BASE_DIGITS = 7

local function from_int(n)
  local r = {}
  repeat
    r[#r + 1] = n % BASE
    n = n // BASE
  until n == 0
  return r
end

local function add(a, b)
  local r, carry = {}, 0
  for i = 1, math.max(#a, #b) do
    local s = (a[i] or 0) + (b[i] or 0) + carry
    if s >= BASE then
      r[i] = s - BASE
      carry = 1
    else
      r[i] = s
      carry = 0
    end
  end
  if carry > 0 then
    r[#r + 1] = carry
  end
  return r
end

local function mul_small(a, m)
  local r, carry = {}, 0
  for i = 1, #a do
    local p = a[i] * m + carry
    r[i] = p % BASE
    carry = p // BASE
  end
  while carry > 0 do
    r[#r + 1] = carry % BASE
    carry = carry // BASE
  end
  return r
end

local function mul(a, b)
  local r = {}
  local la, lb = #a, #b
  for i = 1, la + lb do
    r[i] = 0
  end
  for i = 1, la do
    local ai, carry = a[i], 0
    for j = 1, lb do
      local k = i + j - 1
      local p = r[k] + ai * b[j] + carry
      r[k] = p % BASE
      carry = p // BASE
    end
    local k = i + lb
    while carry > 0 do
      local p = r[k] + carry
      r[k] = p % BASE
      carry = p // BASE
      k = k + 1
    end
  end
  while #r > 1 and r[#r] == 0 do
    r[#r] = nil
  end
  return r
end

local function div_small(a, d)
  local q, rem = {}, 0
  for i = #a, 1, -1 do
    local cur = rem * BASE + a[i]
    q[i] = cur // d
    rem = cur % d
  end
  while #q > 1 and q[#q] == 0 do
    q[#q] = nil
  end
  return q, rem
end

local function tostr(a)
  local parts = { tostring(a[#a]) }
  for i = #a - 1, 1, -1 do
    parts[#parts + 1] = string.format("%07d", a[i])
  end
  return table.concat(parts)
end

local function digit_sum(s)
  local sum = 0
  for i = 1, #s do
    sum = sum + s:byte(i) - 48
  end
  return sum
end

-- factorial
local f = from_int(1)
for i = 2, N do
  f = mul_small(f, i)
end
local fs = tostr(f)
-- dividing back gives 1
local q = f
for i = N, 2, -1 do
  local r
  q, r = div_small(q, i)
  assert(r == 0)
end
assert(#q == 1 and q[1] == 1)
-- Fibonacci
local a, b = from_int(0), from_int(1)
for _ = 1, N * 4 do
  a, b = b, add(a, b)
end
local fibs = tostr(a)
-- a power by repeated squaring
local base, e, p = from_int(3), N, from_int(1)
while e > 0 do
  if e % 2 == 1 then
    p = mul(p, base)
  end
  base = mul(base, base)
  e = e // 2
end
local ps = tostr(p)
local sq = tostr(mul(f, f))
local result = string.format("%d:%d %d:%d %d:%d %d:%d", #fs, digit_sum(fs), #fibs, digit_sum(fibs),
  #ps, digit_sum(ps), #sq, digit_sum(sq))
print("checksum " .. result)
if N == DEFAULT then
  assert(result == EXPECTED, "bigint: wrong checksum " .. result)
end

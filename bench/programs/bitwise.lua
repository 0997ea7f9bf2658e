-- Integer and bitwise work (Lua 5.4 only): a xorshift64* generator with wrapping multiplication,
-- CRC-32 with a 256-entry table, population counts, a bit-array sieve of Eratosthenes packed into
-- 64-bit integers, integer division and modulo on negative operands.
local DEFAULT, EXPECTED = 2000000, "8ac7c67d 31999219 269b2951d554510b 539777 7999993"
local N = tonumber(arg and arg[1]) or DEFAULT

-- xorshift64*
local state = 0x2545F4914F6CDD1D
local function next_rand()
  local x = state
  x = x ~ (x >> 12)
  x = x ~ (x << 25)
  x = x ~ (x >> 27)
  state = x
  return x * 0x2545F4914F6CDD1D
end

-- CRC-32 (reflected, polynomial 0xEDB88320)
local crc_table = {}
for i = 0, 255 do
  local c = i
  for _ = 1, 8 do
    if c & 1 == 1 then
      c = 0xEDB88320 ~ (c >> 1)
    else
      c = c >> 1
    end
  end
  crc_table[i] = c
end
local function crc32_int(crc, v)
  for _ = 1, 8 do
    crc = crc_table[(crc ~ v) & 0xFF] ~ (crc >> 8)
    v = v >> 8
  end
  return crc
end

local function popcount(x)
  local n = 0
  while x ~= 0 do
    x = x & (x - 1)
    n = n + 1
  end
  return n
end

local crc = 0xFFFFFFFF
local pop, mix = 0, 0
for i = 1, N do
  local r = next_rand()
  crc = crc32_int(crc, r)
  pop = pop + popcount(r & 0xFFFFFFFF)
  mix = mix ~ ((r >> (i % 61)) | (i << 3))
  mix = (mix * 31 + (r // 7) + (i % -5)) & 0x7FFFFFFFFFFFFFFF
end
crc = crc ~ 0xFFFFFFFF

-- sieve in a bit array of 64-bit words
local limit = N * 4
local words = {}
for i = 0, limit // 64 do
  words[i] = 0
end
local function is_set(i)
  return words[i >> 6] & (1 << (i & 63)) ~= 0
end
for i = 2, limit do
  if i * i > limit then
    break
  end
  if not is_set(i) then
    for j = i * i, limit, i do
      local w = j >> 6
      words[w] = words[w] | (1 << (j & 63))
    end
  end
end
local primes, last = 0, 0
for i = 2, limit do
  if not is_set(i) then
    primes = primes + 1
    last = i
  end
end

local result = string.format("%08x %d %016x %d %d", crc, pop, mix, primes, last)
print("checksum " .. result)
if N == DEFAULT then
  assert(result == EXPECTED, "bitwise: wrong checksum " .. result)
end

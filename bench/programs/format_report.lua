-- lua51-compatible
-- Formatted output: an accounting-style report rendered with string.format (padded integers and
-- strings, fixed and exponent floats, %g, hex and octal, %q, %c, %%), tostring of numbers, and the
-- whole text hashed instead of printed.
local DEFAULT, EXPECTED = 300000, "198483353 -2002888.70"
local N = tonumber(arg and arg[1]) or DEFAULT

local seed = 4711
local function rand(n)
  seed = (seed * 16807) % 2147483647
  return seed % n + 1
end

local accounts = { "cash", "bank", "receivables", "inventory", "payables", "equity", "revenue", "expenses" }
local fmt = string.format

local function hash(s, h)
  for i = 1, #s, 2 do
    h = (h * 33 + s:byte(i)) % 1000000007
  end
  return h
end

local h = 0
local lines = {}
local balance = 0
for i = 1, N do
  local acct = accounts[rand(#accounts)]
  local amount = (rand(2000000) - 1000000) / 100
  balance = balance + amount
  local line = fmt("%6d|%-12s|%12.2f|%14.3f|%8.3e|%-10g|%08x|%o|%5.1f%%|%c|%s",
    i, acct, amount, balance, amount * math.pi * 1000, amount / 7, i * 2654435 % 4294967296, i % 4096,
    (i % 1000) / 10, 65 + i % 26, tostring(i / 4 + 0.125))
  if i % 50 == 0 then
    line = line .. fmt(" note=%q", "line " .. i .. " said \"ok\"\n")
  end
  lines[#lines + 1] = line
  if #lines == 100 then
    h = hash(table.concat(lines, "\n"), h)
    lines = {}
  end
end
h = hash(table.concat(lines, "\n"), h)
local result = fmt("%d %.2f", h, balance)
print("checksum " .. result)
if N == DEFAULT then
  assert(result == EXPECTED, "format_report: wrong checksum " .. result)
end

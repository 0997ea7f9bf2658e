-- lua51-compatible
-- String building: rows of a CSV-like document built with .., table.concat and string.rep, then
-- taken apart with sub, byte, find (plain), upper/lower/reverse, and a rolling hash over the bytes.
local DEFAULT, EXPECTED = 60000, "580945233 29655410"
local N = tonumber(arg and arg[1]) or DEFAULT

local words = { "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa" }

local function hash_string(s, h)
  for i = 1, #s, 3 do
    h = (h * 31 + s:byte(i)) % 1000000007
  end
  return h
end

local h = 0
local total_len = 0
for round = 1, N do
  -- build a row by concatenation
  local row = ""
  for k = 1, 8 do
    local w = words[(round * k) % #words + 1]
    row = row .. w .. ":" .. (round * k) .. ";"
  end
  -- build a block with a buffer
  local buf = {}
  for k = 1, 20 do
    buf[#buf + 1] = words[(round + k) % #words + 1]
    buf[#buf + 1] = string.rep("-", k % 4)
    buf[#buf + 1] = tostring(k * round)
  end
  local block = table.concat(buf, ",")
  local doc = row .. "|" .. block:upper() .. "|" .. row:reverse()
  total_len = total_len + #doc
  -- take it apart
  local pos, fields = 1, 0
  while true do
    local s, e = doc:find(";", pos, true)
    if not s then
      break
    end
    local field = doc:sub(pos, s - 1)
    fields = fields + #field
    pos = e + 1
  end
  local lowered = doc:lower()
  h = hash_string(lowered, h)
  h = (h + fields + #lowered:sub(10, -10)) % 1000000007
  local chars = {}
  for i = 1, 40 do
    chars[i] = string.char(97 + (doc:byte(i) + i) % 26)
  end
  h = hash_string(table.concat(chars), h)
end
local result = h .. " " .. total_len
print("checksum " .. result)
if N == DEFAULT then
  assert(result == EXPECTED, "string_build: wrong checksum " .. result)
end

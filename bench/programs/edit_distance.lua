-- lua51-compatible
-- Dynamic programming on strings: Levenshtein distance with two rolling rows and the longest common
-- subsequence with a full 2D table, over pairs of generated DNA-like strings (byte access, min/max).
local DEFAULT, EXPECTED = 330, 418026730
local N = tonumber(arg and arg[1]) or DEFAULT

local seed = 8
local function rand(n)
  seed = (seed * 16807) % 2147483647
  return seed % n + 1
end

local alphabet = { "A", "C", "G", "T" }
local function dna(len)
  local t = {}
  for i = 1, len do
    t[i] = alphabet[rand(4)]
  end
  return table.concat(t)
end

local function mutate(s)
  local t = {}
  for i = 1, #s do
    local r = rand(20)
    if r == 1 then
      -- deletion
    elseif r == 2 then
      t[#t + 1] = alphabet[rand(4)]
      t[#t + 1] = s:sub(i, i)
    elseif r == 3 then
      t[#t + 1] = alphabet[rand(4)]
    else
      t[#t + 1] = s:sub(i, i)
    end
  end
  return table.concat(t)
end

local function levenshtein(a, b)
  local la, lb = #a, #b
  local prev, cur = {}, {}
  for j = 0, lb do
    prev[j] = j
  end
  for i = 1, la do
    cur[0] = i
    local ca = a:byte(i)
    for j = 1, lb do
      local cost = (ca == b:byte(j)) and 0 or 1
      local v = prev[j - 1] + cost
      local del = prev[j] + 1
      if del < v then
        v = del
      end
      local ins = cur[j - 1] + 1
      if ins < v then
        v = ins
      end
      cur[j] = v
    end
    prev, cur = cur, prev
  end
  return prev[lb]
end

local function lcs(a, b)
  local la, lb = #a, #b
  local t = {}
  for i = 0, la do
    local row = {}
    for j = 0, lb do
      row[j] = 0
    end
    t[i] = row
  end
  for i = 1, la do
    local ca = a:byte(i)
    local row, up = t[i], t[i - 1]
    for j = 1, lb do
      if ca == b:byte(j) then
        row[j] = up[j - 1] + 1
      else
        local x, y = up[j], row[j - 1]
        row[j] = x > y and x or y
      end
    end
  end
  return t[la][lb]
end

local checksum = 0
for k = 1, N do
  local a = dna(150 + k % 50)
  local b = mutate(a)
  local d = levenshtein(a, b)
  local l = lcs(a, b)
  checksum = (checksum * 31 + d * 1000 + l) % 1000000007
end
print("checksum " .. checksum)
if N == DEFAULT then
  assert(checksum == EXPECTED, "edit_distance: wrong checksum " .. checksum)
end

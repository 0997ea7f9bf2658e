-- lua51-compatible
-- Fannkuch-redux: for every permutation of 1..n (generated in place), count the prefix reversals
-- until 1 comes first; report the maximum and a signed checksum (small integer arrays, tight loops).
-- The size is fixed; the argument is the number of rounds.
local DEFAULT, EXPECTED = 6, 5177601
local N = tonumber(arg and arg[1]) or DEFAULT -- rounds of fannkuch(SIZE)
local SIZE = 9

local function fannkuch(n)
  local perm, perm1, count = {}, {}, {}
  for i = 1, n do
    perm1[i] = i
  end
  local max_flips, checksum, r, sign = 0, 0, n, 1
  while true do
    while r ~= 1 do
      count[r] = r
      r = r - 1
    end
    for i = 1, n do
      perm[i] = perm1[i]
    end
    local flips = 0
    local k = perm[1]
    while k ~= 1 do
      local i, j = 1, k
      while i < j do
        perm[i], perm[j] = perm[j], perm[i]
        i = i + 1
        j = j - 1
      end
      flips = flips + 1
      k = perm[1]
    end
    if flips > max_flips then
      max_flips = flips
    end
    checksum = checksum + sign * flips
    sign = -sign
    -- next permutation: rotate the first r+1 elements; count[r+1] counts the rotations left
    while true do
      if r == n then
        return checksum, max_flips
      end
      local first = perm1[1]
      for i = 1, r do
        perm1[i] = perm1[i + 1]
      end
      perm1[r + 1] = first
      count[r + 1] = count[r + 1] - 1
      if count[r + 1] > 0 then
        break
      end
      r = r + 1
    end
  end
end

local result = 0
for round = 1, N do
  local sum, flips = fannkuch(SIZE)
  result = result + sum * 100 + flips + round
  if round == 1 then
    print(string.format("%d\nPfannkuchen(%d) = %d", sum, SIZE, flips))
  end
end
print("checksum " .. result)
if N == DEFAULT then
  assert(result == EXPECTED, "fannkuch: wrong checksum " .. result)
end

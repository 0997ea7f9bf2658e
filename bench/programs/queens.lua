-- lua51-compatible
-- N-queens: count every solution by backtracking with boolean arrays for columns and diagonals
-- (recursion, array reads and writes), and fold the first solutions' layouts into the checksum.
local DEFAULT, EXPECTED = 3, "54312 52174203"
local N = tonumber(arg and arg[1]) or DEFAULT -- rounds over the board sizes 4..SIZE
local SIZE = 12

local function solve(n)
  local cols, d1, d2, rows = {}, {}, {}, {}
  for i = 1, 2 * n do
    cols[i], d1[i], d2[i] = false, false, false
  end
  local count, layout_sum = 0, 0
  local function place(r)
    if r > n then
      count = count + 1
      if count <= 50 then
        local h = 0
        for i = 1, n do
          h = h * 11 + rows[i]
        end
        layout_sum = (layout_sum + h) % 1000000007
      end
      return
    end
    for c = 1, n do
      local a, b = r + c, r - c + n
      if not cols[c] and not d1[a] and not d2[b] then
        cols[c], d1[a], d2[b] = true, true, true
        rows[r] = c
        place(r + 1)
        cols[c], d1[a], d2[b] = false, false, false
      end
    end
  end
  place(1)
  return count, layout_sum
end

local total, sums = 0, 0
for _ = 1, N do
  for n = 4, SIZE do
    local c, s = solve(n)
    total = total + c
    sums = (sums * 7 + s) % 1000000007
  end
end
local result = total .. " " .. sums
print("checksum " .. result)
if N == DEFAULT then
  assert(result == EXPECTED, "queens: wrong checksum " .. result)
end

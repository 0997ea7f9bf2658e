-- lua51-compatible
-- Game of Life: a toroidal grid stored as an array of rows, stepped generation after generation
-- (neighbour counting with modular wrap-around), rendered to strings every few steps.
local DEFAULT, EXPECTED = 5000, 793194018
local N = tonumber(arg and arg[1]) or DEFAULT
local W, H = 64, 48

local grid = {}
local seed = 1
for y = 1, H do
  local row = {}
  for x = 1, W do
    seed = (seed * 16807) % 2147483647
    row[x] = seed % 3 == 0 and 1 or 0
  end
  grid[y] = row
end

local function step(g)
  local new = {}
  for y = 1, H do
    local up, row, down = g[(y - 2) % H + 1], g[y], g[y % H + 1]
    local nrow = {}
    for x = 1, W do
      local l, r = (x - 2) % W + 1, x % W + 1
      local n = up[l] + up[x] + up[r] + row[l] + row[r] + down[l] + down[x] + down[r]
      if n == 3 or (n == 2 and row[x] == 1) then
        nrow[x] = 1
      else
        nrow[x] = 0
      end
    end
    new[y] = nrow
  end
  return new
end

local function render(g)
  local lines = {}
  for y = 1, H do
    local chars = {}
    local row = g[y]
    for x = 1, W do
      chars[x] = row[x] == 1 and "#" or "."
    end
    lines[y] = table.concat(chars)
  end
  return table.concat(lines, "\n")
end

local checksum = 0
for gen = 1, N do
  grid = step(grid)
  if gen % 10 == 0 then
    local text = render(grid)
    local alive = 0
    for _ in text:gmatch("#") do
      alive = alive + 1
    end
    checksum = (checksum * 131 + alive) % 1000000007
  end
end
print(render(grid):sub(1, W))
print("checksum " .. checksum)
if N == DEFAULT then
  assert(checksum == EXPECTED, "life: wrong checksum " .. checksum)
end

-- lua51-compatible
-- Binary trees: allocate and walk many short-lived complete binary trees (recursion, table
-- allocation, garbage collection), plus one long-lived tree that survives every round.
local DEFAULT, EXPECTED = 15, 6444382
local N = tonumber(arg and arg[1]) or DEFAULT

local function make(depth)
  if depth == 0 then
    return { false, false }
  end
  depth = depth - 1
  return { make(depth), make(depth) }
end

local function check(tree)
  local left = tree[1]
  if left then
    return 1 + check(left) + check(tree[2])
  end
  return 1
end

local min_depth = 4
local max_depth = N < min_depth + 2 and min_depth + 2 or N

local total = check(make(max_depth + 1))
local long_lived = make(max_depth)
local lines = {}
for depth = min_depth, max_depth, 2 do
  local iterations = 2 ^ (max_depth - depth + min_depth)
  local sum = 0
  for _ = 1, iterations do
    sum = sum + check(make(depth))
  end
  lines[#lines + 1] = string.format("%d trees of depth %d check %d", iterations, depth, sum)
  total = total + sum
end
total = total + check(long_lived)
print(table.concat(lines, "\n"))
print("checksum " .. total)
if N == DEFAULT then
  assert(total == EXPECTED, "binary_trees: wrong checksum " .. total)
end

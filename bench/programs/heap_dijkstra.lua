-- lua51-compatible
-- Priority queue: a binary min-heap (array of {dist, node} records) driving Dijkstra's shortest
-- paths on a generated sparse graph with adjacency lists, repeated from several sources.
local DEFAULT, EXPECTED = 40000, 860410005
local N = tonumber(arg and arg[1]) or DEFAULT

local seed = 7
local function rand(n)
  seed = (seed * 16807) % 2147483647
  return seed % n + 1
end

local Heap = {}
Heap.__index = Heap

function Heap.new()
  return setmetatable({ n = 0 }, Heap)
end

function Heap:push(dist, node)
  local n = self.n + 1
  self.n = n
  local item = { dist, node }
  -- sift up
  while n > 1 do
    local parent = (n - n % 2) / 2
    local p = self[parent]
    if p[1] <= dist then
      break
    end
    self[n] = p
    n = parent
  end
  self[n] = item
end

function Heap:pop()
  local n = self.n
  if n == 0 then
    return nil
  end
  local top = self[1]
  local last = self[n]
  self[n] = nil
  n = n - 1
  self.n = n
  if n > 0 then
    local i = 1
    local d = last[1]
    while true do
      local child = i * 2
      if child > n then
        break
      end
      local c = self[child]
      if child < n then
        local c2 = self[child + 1]
        if c2[1] < c[1] then
          child = child + 1
          c = c2
        end
      end
      if d <= c[1] then
        break
      end
      self[i] = c
      i = child
    end
    self[i] = last
  end
  return top[1], top[2]
end

-- graph: each node has a few edges to nearby and random nodes
local edges = {}
for v = 1, N do
  local list = {}
  for k = 1, 4 do
    local to = k <= 2 and ((v + rand(20) - 1) % N + 1) or rand(N)
    list[#list + 1] = { to, rand(100) }
  end
  edges[v] = list
end

local function dijkstra(source)
  local dist = {}
  for v = 1, N do
    dist[v] = math.huge
  end
  dist[source] = 0
  local heap = Heap.new()
  heap:push(0, source)
  local settled = 0
  while true do
    local d, v = heap:pop()
    if not d then
      break
    end
    if d == dist[v] then
      settled = settled + 1
      local list = edges[v]
      for i = 1, #list do
        local e = list[i]
        local to, nd = e[1], d + e[2]
        if nd < dist[to] then
          dist[to] = nd
          heap:push(nd, to)
        end
      end
    end
  end
  local sum, far = 0, 0
  for v = 1, N do
    local d = dist[v]
    if d ~= math.huge then
      sum = sum + d
      if d > far then
        far = d
      end
    end
  end
  return sum, far, settled
end

local checksum = 0
for s = 1, 8 do
  local sum, far, settled = dijkstra(rand(N))
  checksum = (checksum * 31 + sum + far * 7 + settled) % 1000000007
end
print("checksum " .. checksum)
if N == DEFAULT then
  assert(checksum == EXPECTED, "heap_dijkstra: wrong checksum " .. checksum)
end

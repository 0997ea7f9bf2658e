-- Generic for: stateless and stateful iterators, pairs/ipairs/next, __pairs, the closing value.

-- ipairs stops at the first nil
local t = {10, 20, 30, nil, 50}
for i, v in ipairs(t) do print(i, v) end

-- ipairs respects __index
local proxy = setmetatable({}, {__index = function(_, i) if i <= 3 then return i * i end end})
for i, v in ipairs(proxy) do print("proxy", i, v) end

-- next / pairs over a sequence visit every element exactly once
local sum, count = 0, 0
for k, v in pairs({1, 2, 3, 4, 5}) do sum = sum + k * v; count = count + 1 end
print(sum, count)
sum, count = 0, 0
for k, v in next, {a = 1, b = 2, c = 3} do sum = sum + v; count = count + 1 end
print(sum, count)

-- a stateless iterator written in Lua
local function iter(limit, i)
  if i < limit then return i + 1, (i + 1) * 2 end
end
for i, d in iter, 4, 0 do print("iter", i, d) end

-- a closure-based iterator
local function range(n)
  local i = 0
  return function() i = i + 1; if i <= n then return i end end
end
local s = ""
for i in range(5) do s = s .. i end
print(s)

-- extra results of the iterator are dropped, missing ones are nil
local function triples()
  local k = 0
  return function() k = k + 1; if k <= 2 then return k, k * 10, k * 100, "ignored" end end
end
for a, b, c in triples() do print(a, b, c) end
for a, b, c, d, e in triples() do print(a, b, c, d, e) end

-- __pairs
local mt = {__pairs = function(self)
  local keys = {"x", "y", "z"}
  local i = 0
  return function() i = i + 1; if keys[i] then return keys[i], i end end, self, nil
end}
for k, v in pairs(setmetatable({}, mt)) do print("__pairs", k, v) end

-- a callable table as iterator
local calls, out = 0, ""
local citer = setmetatable({}, {__call = function(self, st, ctl)
  calls = calls + 1
  if ctl < 3 then return ctl + 1 end
end})
for i in citer, nil, 0 do out = out .. i .. " " end
print(out, calls)

-- the fourth value is a to-be-closed variable, closed when the loop ends
local function closing(tag)
  return setmetatable({}, {__close = function(_, err) print("closed", tag, err) end})
end
for i in range(2), nil, nil, closing("normal") do print("body", i) end
for i in range(5), nil, nil, closing("break") do if i == 2 then break end end
local function early()
  for i in range(5), nil, nil, closing("return") do if i == 3 then return i end end
end
print(early())
print(pcall(function()
  for i in range(5), nil, nil, closing("error") do if i == 2 then error("boom") end end
end))

-- modifying the loop variables does not affect iteration
out = ""
for i, v in ipairs({1, 2, 3}) do i = i * 100; v = nil; out = out .. i .. " " end
print(out)

-- errors
print(pcall(function() for _ in nil do end end))
print(pcall(function() for _ in 42 do end end))
print(pcall(function() local t2 = {} for _ in t2 do end end))
print(pcall(ipairs))
print(pcall(pairs))

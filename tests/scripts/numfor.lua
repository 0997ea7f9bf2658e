-- Numeric for: integer and float loops, Lua 5.4 semantics (count computed once, no overflow), errors.

local maxi = 9223372036854775807
local mini = -9223372036854775807 - 1
local inf = 1 / 0

local function run(a, b, c)
  local out = {}
  local n = 0
  if c == nil then
    for i = a, b do n = n + 1; if n <= 6 then out[n] = tostring(i) end; if n == 1000 then break end end
  else
    for i = a, b, c do n = n + 1; if n <= 6 then out[n] = tostring(i) end; if n == 1000 then break end end
  end
  local s = (n == 1000 and "1000+" or n) .. ":"
  for i = 1, #out do s = s .. " " .. out[i] end
  return s
end

-- integer loops
print(run(1, 5))
print(run(5, 1))
print(run(5, 1, -1))
print(run(1, 10, 3))
print(run(10, 1, -4))
print(run(0, 0))
print(run(-3, 3, 2))

-- float loops (any float among the three makes it a float loop... only if init or step is float)
print(run(1.0, 3))
print(run(1, 3, 0.5))
print(run(0, 1, 0.25))
print(run(1, 0, -0.5))
print(run(0.1, 0.35, 0.1))

-- an integer loop with a float limit: the limit is clipped (floor / ceil)
print(run(1, 3.7))
print(run(3, 1.2, -1))
print(run(1, -0.5))
print(run(1, inf))
print(run(1, -inf))
print(run(-1, -inf, -1))
print(run(1, 0 / 0))

-- overflow edges: the loop never wraps around
print(run(maxi - 2, maxi))
print(run(mini, mini + 2))
print(run(mini + 2, mini, -1))
print(run(maxi - 5, maxi, 4))
print(run(maxi, maxi))
print(run(mini, mini))
print(run(1, maxi, maxi))
print(run(0, mini, mini))
print(run(maxi, mini, mini))
print(run(mini, maxi, maxi))
print(run(maxi - 1, maxi + 0.0))
print(run(maxi, 1e100))
print(run(mini, -1e100, -1))

-- float loops near precision limits
print(run(2^53 - 2, 2^53))

-- changing the control variable does not change the iteration
local seen = ""
for i = 1, 3 do
  seen = seen .. i
  i = i * 10
  seen = seen .. ":" .. i .. " "
end
print(seen)

-- the limit and step are evaluated once
local calls = 0
local function lim() calls = calls + 1; return 3 end
for _ = 1, lim() do end
print(calls)

-- loop variable types
for i = 1, 1 do print(i) end
for i = 1.0, 1 do print(i) end
for i = 1, 1, 1.0 do print(i) end
for i = 1, 1.5 do print(i) end

-- strings are not accepted (no coercion in for)
print(pcall(function() for i = "1", 2 do end end))
print(pcall(function() for i = 1, "2" do end end))
print(pcall(function() for i = 1, 2, "1" do end end))
print(pcall(function() for i = 1, 2, 0 do end end))
print(pcall(function() for i = 1.0, 2, 0 do end end))
print(pcall(function() for i = nil, 2 do end end))
print(pcall(function() for i = 1, {} do end end))
print(pcall(function() for i = 1, 2, print do end end))

-- break and nested loops
local total = 0
for i = 1, 10 do
  for j = 1, 10 do
    if j > i then break end
    total = total + 1
  end
end
print(total)

-- big integer loop count
local cnt = 0
for _ = 1, 3000000 do cnt = cnt + 1 end
print(cnt)

-- Generic for over tables with pairs/next and ipairs: the plain cases step without a call (TFORCALL),
-- every other case calls the iterator; both must give the reference's results, errors and hooks.

local function keys_of(t)
  local ks = {}
  for k in pairs(t) do ks[#ks + 1] = tostring(k) end
  table.sort(ks)
  return table.concat(ks, ",")
end

-- ipairs with one, two and three loop variables
local arr = { 10, 20, 30, nil, 50 }
local out = {}
for i in ipairs(arr) do out[#out + 1] = i end
print("one var", table.concat(out, " "))
out = {}
for i, v in ipairs(arr) do out[#out + 1] = i .. "=" .. v end
print("two vars", table.concat(out, " "))
for i, v, extra in ipairs({ "a" }) do print("three vars", i, v, extra) end

-- values in the hash part (keys inserted backwards)
local back = {}
for i = 6, 1, -1 do back[i] = i * i end
out = {}
for i, v in ipairs(back) do out[#out + 1] = v end
print("hash part", table.concat(out, " "))

-- __index supplies what the table lacks: the hole is filled by the metamethod
local proxy = setmetatable({ 1, 2 }, { __index = function(_, k) if k <= 4 then return k * 100 end end })
out = {}
for i, v in ipairs(proxy) do out[#out + 1] = i .. ":" .. v end
print("__index", table.concat(out, " "))

-- a metatable without __index: stops at the hole
local plain_mt = setmetatable({ 7, 8 }, { __len = function() return 99 end })
out = {}
for _, v in ipairs(plain_mt) do out[#out + 1] = v end
print("metatable, no __index", table.concat(out, " "))

-- the iterator called with a float or string control, or a string state
local iter = ipairs({})
out = {}
for i, v in iter, { "x", "y", "z" }, 1.0 do out[#out + 1] = math.type(i) .. ":" .. v end
print("float control", table.concat(out, " "))
out = {}
for i, v in iter, { "x", "y", "z" }, "1" do out[#out + 1] = math.type(i) .. ":" .. v end
print("string control", table.concat(out, " "))
for i, v in iter, "abc", 0 do print("string state", i, v) end
print("string state done")
print(pcall(function() for _ in iter, {}, {} do end end))

-- pairs over a mixed table, with one and three variables
local mixed = { 1, 2, 3, x = "a", y = "b", [2.5] = "f", [true] = "t" }
print("pairs keys", keys_of(mixed))
local n = 0
for k, v, extra in pairs(mixed) do
  n = n + 1
  assert(extra == nil and mixed[k] == v)
end
print("pairs count", n)

-- assigning to existing fields and clearing the current one during a traversal
local mod = { a = 1, b = 2, c = 3, d = 4, 5, 6 }
for k, v in pairs(mod) do
  if type(v) == "number" and v % 2 == 0 then mod[k] = nil else mod[k] = v * 10 end
end
print("modified", keys_of(mod), mod.a, mod.c, mod[1])

-- next as the iterator directly, from a given key, and on an empty table
local seq = { "p", "q", "r" }
out = {}
for k, v in next, seq, 1 do out[#out + 1] = k .. v end
print("next from 1", table.concat(out, " "))
for _ in next, {} do print("never") end
print("empty done")

-- an unknown key: the error of next
print(pcall(function() for _ in next, { a = 1 }, "zz" do end end))
print(pcall(function() for _ in next, 42 do end end))
print(pcall(function() for _ in pairs(nil) do end end))

-- __pairs still applies
local custom = setmetatable({}, { __pairs = function(t)
  return function(_, k) if not k then return 1, "one" elseif k < 3 then return k + 1, "more" end end, t, nil
end })
out = {}
for k, v in pairs(custom) do out[#out + 1] = k .. v end
print("__pairs", table.concat(out, " "))

-- a call hook sees every call of the iterator
local calls = 0
local function count(event) if event == "call" then calls = calls + 1 end end
local hooked = { 1, 2, 3, k = 4 }
debug.sethook(count, "c")
for _ in pairs(hooked) do end
for _ in ipairs(hooked) do end
debug.sethook()
print("hooked calls", calls)

-- a traversal that yields from its body
local co = coroutine.wrap(function()
  for k, v in ipairs({ "u", "v" }) do coroutine.yield(k .. v) end
  for k in pairs({ w = true }) do coroutine.yield(k) end
  return "end"
end)
print("coroutine", co(), co(), co(), co())

-- a long traversal whose table grows a new array part in between loops
local big = {}
for i = 1, 1000 do big[i] = i end
local sum = 0
for _, v in ipairs(big) do sum = sum + v end
for k, v in pairs(big) do sum = sum + k - v end
print("big", sum)

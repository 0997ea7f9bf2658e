-- __index and __newindex: tables, functions, chains, rawset inside handlers, loops in chains.

-- __index chain through three tables
local base = {a = "base a", b = "base b", c = "base c"}
local mid = setmetatable({b = "mid b"}, {__index = base})
local top = setmetatable({c = "top c"}, {__index = mid})
print(top.a, top.b, top.c, top.d)

-- __index function receives the original table and key
local seen
local fobj = setmetatable({}, {__index = function(t, k) seen = t; return k .. "?" end})
print(fobj.hello, fobj[1], seen == fobj)

-- __index only consulted for absent keys
local present = setmetatable({x = false}, {__index = function() return "meta" end})
print(present.x, present.y)

-- __newindex with a table redirects the assignment (through its own chain)
local store = {}
local inner = setmetatable({}, {__newindex = store})
local outer = setmetatable({}, {__newindex = inner})
outer.k = "v"
print(rawget(outer, "k"), rawget(inner, "k"), store.k)

-- __newindex function, and rawset inside it
local log = {}
local w = setmetatable({}, {__newindex = function(t, k, v)
  log[#log + 1] = k
  rawset(t, k, v * 2)
end})
w.a = 1; w.a = 5; w.b = 2
print(w.a, w.b, #log, log[1], log[2])

-- existing keys do not trigger __newindex
local ro = setmetatable({fixed = 1}, {__newindex = function() error("read-only table") end})
ro.fixed = 2
print(ro.fixed, pcall(function() ro.newkey = 1 end))

-- __index with non-table values in the chain
local numidx = setmetatable({}, {__index = 42})
print(pcall(function() return numidx.x end))

-- a loop in the __index chain is detected
local loop1 = {}
setmetatable(loop1, {__index = loop1})
print(pcall(function() return loop1.x end))
local l1, l2 = {}, {}
setmetatable(l1, {__index = l2}); setmetatable(l2, {__index = l1})
print(pcall(function() return l1.missing end))
local n1 = {}
setmetatable(n1, {__newindex = n1})
print(pcall(function() n1.x = 1 end))

-- a long but finite chain works
local chain = {deep = "found"}
for _ = 1, 90 do chain = setmetatable({}, {__index = chain}) end
print(chain.deep)

-- indexing non-tables
print(pcall(function() local n = 5 return n.x end))
print(pcall(function() local b = true b.x = 1 end))
print(pcall(function() return (nil)[1] end))

-- a default-value table and a proxy with a counter
local defaults = setmetatable({}, {__index = function() return 0 end})
defaults.hits = defaults.hits + 1
defaults.hits = defaults.hits + 1
print(defaults.hits, defaults.misses)
local accesses = 0
local real = {v = 10}
local proxy = setmetatable({}, {
  __index = function(_, k) accesses = accesses + 1; return real[k] end,
  __newindex = function(_, k, v) accesses = accesses + 1; real[k] = v end,
})
proxy.v = proxy.v + 5
print(real.v, accesses)

-- __index and __newindex on userdata-like objects: metatables set with setmetatable only on tables
print(pcall(setmetatable, 1, {}))
print(pcall(setmetatable, {}, 1))

-- Garbage collection: cycles, weak tables, ephemerons, finalizers (order, resurrection, errors),
-- and the collectgarbage options.

local function count(t) local n = 0 for _ in pairs(t) do n = n + 1 end return n end

-- unreachable cycles are collected
local probe = setmetatable({}, {__mode = "k"})
do
  local a, b = {}, {}
  a.other, b.other = b, a
  local self_ref = {}
  self_ref.me = self_ref
  probe[a], probe[b], probe[self_ref] = true, true, true
end
print(count(probe))
collectgarbage()
print(count(probe))

-- weak values
local wv = setmetatable({}, {__mode = "v"})
local keep = {}
wv[1], wv[2], wv[3], wv[4], wv[5] = {}, keep, "a string", 42, function() end
collectgarbage()
print(wv[1], wv[2] == keep, wv[3], wv[4], wv[5])

-- weak keys: entries with collected keys disappear, values do not keep keys alive
local wk = setmetatable({}, {__mode = "k"})
local k1 = {}
wk[k1] = "kept"
wk[{}] = "dropped"
wk["str"] = "string keys stay"
collectgarbage()
print(count(wk), wk[k1], wk.str)

-- ephemerons: a value referring to its own key does not keep the entry alive
local eph = setmetatable({}, {__mode = "k"})
do
  local key = {}
  eph[key] = {ref = key}
  -- a chain: key2 is reachable only through eph[key3]'s value, key3 only through eph[key]'s...
  local k2, k3 = {}, {}
  eph[k3] = k2
  eph[k2] = {back = k3}
end
local live = {}
eph[live] = {ref = live}
collectgarbage()
print(count(eph), eph[live].ref == live)

-- fully weak table
local kv = setmetatable({}, {__mode = "kv"})
kv[{}] = 1; kv[1] = {}; kv.x = "y"
collectgarbage()
print(count(kv), kv.x)

-- finalizers run in reverse order of marking (order of setmetatable calls)
local order = {}
for i = 1, 5 do
  setmetatable({}, {__gc = function() order[#order + 1] = i end})
end
collectgarbage()
local s = ""
for i = 1, #order do s = s .. order[i] .. " " end
print(s)

-- __gc must be in the metatable when setmetatable is called
local late_called = false
do
  local mt = {}
  setmetatable({}, mt)
  mt.__gc = function() late_called = true end
end
collectgarbage()
print("late __gc called:", late_called)
-- a false __gc field marks the object; setting the function later works then
local marked_called = false
do
  local mt = {__gc = false}
  setmetatable({}, mt)
  mt.__gc = function() marked_called = true end
end
collectgarbage()
print("__gc set after a placeholder called:", marked_called)

-- resurrection: a finalizer can store its object; it is not finalized again
local resurrected
local gc_calls = 0
do
  setmetatable({name = "phoenix"}, {__gc = function(o) gc_calls = gc_calls + 1; resurrected = o end})
end
collectgarbage()
print(resurrected and resurrected.name, gc_calls)
resurrected = nil
collectgarbage()
print(gc_calls)

-- resurrected objects are removed from weak values before the finalizer runs, from weak keys later
local wvals = setmetatable({}, {__mode = "v"})
local wkeys = setmetatable({}, {__mode = "k"})
local back
do
  local obj = setmetatable({}, {__gc = function(o) back = o end})
  wvals[1] = obj
  wkeys[obj] = "key entry"
end
collectgarbage()
print(wvals[1], back ~= nil, wkeys[back])
back = nil
collectgarbage()
print(count(wkeys))

-- an error in a finalizer does not propagate (it becomes a warning)
setmetatable({}, {__gc = function() error("error in finalizer") end})
print(pcall(collectgarbage))

-- collectgarbage options (the standalone interpreter starts in generational mode)
print(collectgarbage("collect"), collectgarbage())
print(type(collectgarbage("count")), collectgarbage("count") > 0)
print(collectgarbage("isrunning"))
collectgarbage("stop")
print(collectgarbage("isrunning"))
collectgarbage("restart")
print(collectgarbage("isrunning"))
print(type(collectgarbage("step")), type(collectgarbage("step", 100)))
print(collectgarbage("generational"), collectgarbage("generational"), collectgarbage("incremental"))
print(collectgarbage("incremental"))
print(collectgarbage("incremental", 100, 200, 10))
collectgarbage("incremental", 200, 100, 13)
print(pcall(collectgarbage, "bogus"))
print(select("#", collectgarbage("count", "x")))

-- collecting frees memory
local before = collectgarbage("count")
do local big = {} for i = 1, 200000 do big[i] = {i} end end
local peak = collectgarbage("count")
collectgarbage()
local after = collectgarbage("count")
print(peak > before, after < peak)

-- while stopped, memory keeps growing; a step still collects
collectgarbage("stop")
local c0 = collectgarbage("count")
for i = 1, 10000 do local _ = {i} end
print(collectgarbage("count") > c0, collectgarbage("isrunning"))
collectgarbage("restart")

-- generational mode collects cycles and weak entries too
collectgarbage("generational")
local gprobe = setmetatable({}, {__mode = "k"})
do local c = {}; c.c = c; gprobe[c] = true end
collectgarbage()
print(count(gprobe))
collectgarbage("incremental")

-- objects still pending at the end of the script are finalized when the state closes
setmetatable({}, {__gc = function() print("finalized at close: first") end})
setmetatable({}, {__gc = function() print("finalized at close: second") end})
_G.keep_until_close = setmetatable({}, {__gc = function() print("finalized at close: global") end})
print("end of script")

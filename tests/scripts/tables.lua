-- Tables: constructors, the length border of sequences, key normalisation, next during traversal,
-- invalid keys.

local t = {1, 2, 3; x = "x", ["y"] = "y", [10] = 10, 4}
print(#t, t[4], t.x, t.y, t[10])
print(#{}, #{nil}, #{1, 2, 3, nil}, #{n = 1}, #{1, 2, [3] = 3}, #"four")

-- positional items override explicit keys given before them
local o = {[1] = "explicit", "positional"}
print(o[1])
-- trailing separators
print(#{1, 2, 3,}, #{1; 2; 3;})

-- the border of a sequence follows appends and removals at the end
local s = {}
for i = 1, 100 do s[#s + 1] = i end
print(#s)
s[#s] = nil
s[#s] = nil
print(#s)
for i = 1, 50 do s[#s] = nil end
print(#s, s[48], s[49])
-- a sequence built in the hash part
local h = {}
for i = 10, 1, -1 do h[i] = i end
print(#h)
-- border after the array part shrinks to empty
local e = {1, 2, 3}
e[3], e[2], e[1] = nil, nil, nil
print(#e)

-- float keys with integer values are the same as integer keys
local f = {}
f[1.0] = "one"; f[2] = "two"; f[2^53] = "big"
print(f[1], f[2.0], f[2^53 | 0], #f)
f[0.5] = "half"; f[-0.0] = "zero"
print(f[0.5], f[0], f[0.0], f[1 / 2])
local count = 0
for k, v in pairs(f) do count = count + 1 end
print(count)
-- string keys and number keys are different
f["1"] = "string one"
print(f[1], f["1"])

-- reading with nil or NaN keys gives nil; writing raises an error
local nan = 0 / 0
print(t[nil], t[nan])
print(pcall(function() t[nil] = 1 end))
print(pcall(function() t[nan] = 1 end))
print(pcall(rawset, t, nil, 1))
print(pcall(rawset, t, nan, 1))
print(pcall(function() return {[nil] = 1} end))
print(pcall(function() return {[0/0] = 1} end))
-- assigning nil to an absent key is fine
t.absent = nil
print(t.absent)

-- next: assigning to existing fields (including clearing them) during traversal is allowed
local big = {}
for i = 1, 50 do big["k" .. i] = i end
for i = 1, 20 do big[i] = i end
local visited, sum = 0, 0
for k, v in pairs(big) do
  visited = visited + 1
  sum = sum + v
  big[k] = nil
end
print(visited, sum, next(big))
local again = {a = 1, b = 2, c = 3, 10, 20}
for k, v in pairs(again) do again[k] = v * 2 end
print(again.a + again.b + again.c, again[1], again[2])

-- next with explicit keys
local nt = {10}
print(next(nt))
print(next(nt, 1))
print(next({}))
print(pcall(next, nt, "nokey"))
print(pcall(next, nil))

-- tables as keys, functions as keys, booleans as keys
local kt, kf = {}, function() end
local m = {[kt] = "table", [kf] = "function", [true] = "true", [false] = "false"}
print(m[kt], m[kf], m[true], m[false], m[{}])

-- rawget/rawset/rawlen/rawequal bypass metamethods
local mt = setmetatable({}, {__index = function() return "meta" end, __newindex = function() end,
  __len = function() return 99 end, __eq = function() return true end})
rawset(mt, "k", "v")
print(mt.k, mt.other, rawget(mt, "other"), #mt, rawlen(mt), rawlen({1, 2}), rawlen("abc"))
print(mt == setmetatable({}, getmetatable(mt)), rawequal(mt, mt), rawequal(mt, {}))
print(pcall(rawlen, 5))
print(pcall(rawget, "x", 1))

-- large tables
local L = {}
for i = 1, 100000 do L[i] = i * 2 end
print(#L, L[100000], L[50000])
local H = {}
for i = 1, 20000 do H["key" .. i] = i end
local hc = 0
for _ in pairs(H) do hc = hc + 1 end
print(hc, H.key20000)

-- nested constructors and length of the result
local nested = {{1, 2}, {3, {4, 5, {6}}}}
print(#nested, nested[2][2][3][1])

-- integer keys beyond the array part, negative and zero keys
local z = {[0] = "zero", [-1] = "minus"}
print(z[0], z[-1], #z)

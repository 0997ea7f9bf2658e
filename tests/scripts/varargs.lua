-- Varargs and select: counting nils, negative indices, passing varargs through, errors.

local function count(...) return select("#", ...) end
print(count(), count(nil), count(nil, nil), count(1, nil, 3, nil))

local function show(...)
  local n = select("#", ...)
  local parts = {}
  for i = 1, n do parts[#parts + 1] = tostring((select(i, ...))) end
  local s = ""
  for i = 1, #parts do s = s .. (i > 1 and "," or "") .. parts[i] end
  return n .. ":" .. s
end
print(show(1, nil, "x", false))

print(select(1, "a", "b", "c"))
print(select(2, "a", "b", "c"))
print(select(3, "a", "b", "c"))
print(select(4, "a", "b", "c"))
print(select(-1, "a", "b", "c"))
print(select(-3, "a", "b", "c"))
print(select(2.0, "a", "b"))
print(select("2", "a", "b"))
print(pcall(select, -4, "a", "b", "c"))
print(pcall(select, 0, "a"))
print(pcall(select, 1.5, "a"))
print(pcall(select, "x"))
print(pcall(select))

-- ... in the middle of a list gives one value; at the end all of them
local function mid(...) return ..., "end" end
print(mid(1, 2, 3))
local function last(...) return "start", ... end
print(last(1, 2, 3))
print(last())

-- varargs in table constructors keep nils in the count
local function pack(...) return {n = select("#", ...), ...} end
local p = pack(nil, 2, nil)
print(p.n, p[1], p[2], p[3])

-- varargs passed through several levels
local function inner(...) return select("#", ...), ... end
local function outer(...) return inner(...) end
print(outer(nil, nil, nil))

-- a vararg function's fixed parameters
local function fixed(a, b, ...) return a, b, select("#", ...) end
print(fixed(1))
print(fixed(1, 2, 3, 4))

-- varargs are copied: changing a parameter does not change ...
local function cp(a, ...)
  a = "changed"
  return a, ...
end
print(cp("orig", "x"))

-- (...) truncates to one value
local function paren(...) return (...) end
print(paren(7, 8, 9), paren())

-- main chunk is a vararg function
print(select("#", ...))

-- large number of arguments
local function sum(...)
  local s = 0
  for i = 1, select("#", ...) do s = s + select(i, ...) end
  return s
end
print(sum(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
          21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40))

-- varargs used in a nested closure must be captured through a table
local function mk(...)
  local args = {...}
  return function() return #args end
end
print(mk(1, 2, 3)())

-- table.pack and table.unpack
local tp = table.pack(1, nil, 3)
print(tp.n, tp[1], tp[2], tp[3])
print(table.unpack({1, 2, 3}))
print(table.unpack({1, 2, 3}, 2))
print(table.unpack({1, 2, 3}, 2, 5))
print(select("#", table.unpack({}, 1, 3)))

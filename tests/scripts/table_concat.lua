-- table.concat: plain tables are read raw, tables with a metatable through __index; both must give
-- the reference's strings (numbers written as tostring writes them) and errors.
print(table.concat({ 1, 2.5, "x", -0.0, 1e300, math.mininteger, 2 ^ 63, 1 / 0, -1 / 0, 0.1 }, ","))
print(table.concat({}, ","), table.concat({ 1, 2, 3 }, ", ", 2, 3), table.concat({ 1, 2, 3 }, "", 3, 2))
print(table.concat({ "a", "b", "c" }), table.concat({ "a", "b", "c" }, "--"), table.concat({ 7 }, "x"))
print(pcall(table.concat, { 1, {}, 3 }))
print(pcall(table.concat, { 1, 2, 3 }, ",", 1, 5))
print(pcall(table.concat, { 1, true }, ","))
print(pcall(table.concat, { [math.maxinteger] = "a" }, ",", math.maxinteger, math.maxinteger))
print(pcall(table.concat, { [math.maxinteger - 1] = "a", [math.maxinteger] = "b" }, ",",
  math.maxinteger - 1, math.maxinteger))
print(pcall(table.concat, { [math.mininteger] = "lo" }, ",", math.mininteger, math.mininteger))
-- elements in the hash part, and a sparse range
local back = {}
for i = 5, 1, -1 do back[i] = "e" .. i end
print(table.concat(back, " "))
back[3] = nil
print(pcall(table.concat, back, " "))
-- a metatable: __index supplies elements, __len the length
local proxy = setmetatable({}, { __index = function(_, k) return "k" .. k end, __len = function() return 3 end })
print(table.concat(proxy, "-"))
local partial = setmetatable({ "one" }, { __index = { [2] = "two", [3] = 3 } })
print(table.concat(partial, "+", 1, 3))
-- a long result
local parts = {}
for i = 1, 1000 do parts[i] = i % 10 end
local s = table.concat(parts)
print(#s, s:sub(1, 12), s:sub(-5))

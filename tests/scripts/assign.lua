-- Multiple assignment: adjustment of value lists, evaluation before assignment, swaps.

local a, b, c = 1, 2
print(a, b, c)
a, b = 10, 20, 30
print(a, b)
a, b = b, a
print(a, b)

-- the manual's example: i in a[i] is evaluated before i is assigned
local i = 3
local t = {}
i, t[i] = i + 1, 20
print(i, t[3], t[4])

-- all expressions are evaluated before any assignment
local x, y = 1, 2
x, y = y, x + y
print(x, y)

-- function calls in the last position expand, elsewhere give one value
local function three() return 1, 2, 3 end
local function none() end
local p, q, r, s = three()
print(p, q, r, s)
p, q, r, s = three(), 10
print(p, q, r, s)
p, q, r, s = 0, three()
print(p, q, r, s)
p, q = none()
print(p, q)
p, q = (three())
print(p, q)

-- assignment to table fields and globals in one statement
local tt = {}
tt.x, tt[1], G1, tt["y"] = "x", "one", "global", "y"
print(tt.x, tt[1], G1, tt.y)

-- nested tables on the left side
local m = {a = {b = {}}}
m.a.b.c, m.a.d = 5, 6
print(m.a.b.c, m.a.d)

-- assignment through __newindex is also done after evaluating all values
local log = {}
local proxy = setmetatable({}, {__newindex = function(_, k, v) log[#log + 1] = k .. "=" .. tostring(v) end})
proxy.first, proxy.second = 1, 2
print(#log)

-- swap of table elements
local arr = {1, 2, 3}
arr[1], arr[3] = arr[3], arr[1]
print(arr[1], arr[2], arr[3])

-- locals declared in one statement are not visible in their own initialisers
local v1 = "outer"
do
  local v1, v2 = "inner", v1
  print(v1, v2)
end

-- many values
local a1, a2, a3, a4, a5, a6, a7, a8 = 1, 2, 3, 4, 5, 6, 7, 8
a1, a2, a3, a4, a5, a6, a7, a8 = a8, a7, a6, a5, a4, a3, a2, a1
print(a1, a2, a3, a4, a5, a6, a7, a8)

-- compound expression on the right involving the variables assigned
local u, w = 5, 7
u, w = u * w, u - w
print(u, w)

-- Multiple results: adjustment in calls, returns, constructors, parentheses and operators.

local function none() end
local function one() return 1 end
local function three() return 1, 2, 3 end

-- as arguments: only the last expression expands
print(three())
print(three(), three())
print(three(), "x")
print("x", three())
print(none(), "x")
print("x", none())
print((three()))
print((none()))

-- in table constructors
local t = {three()}
print(#t, t[1], t[3])
t = {three(), three()}
print(#t, t[1], t[2], t[4])
t = {three(), "x"}
print(#t, t[1], t[2])
t = {(three())}
print(#t)
t = {none()}
print(#t)
t = {a = three(), three()}
print(t.a, #t)
t = {three(), nil}
print(t[1], t[2])

-- in returns
local function ret_all() return three() end
local function ret_first() return (three()) end
local function ret_mid() return three(), "end" end
local function ret_none() return none() end
print(ret_all())
print(ret_first())
print(ret_mid())
print(select("#", ret_none()))
print(select("#", ret_first()))

-- in operators and conditions: always one value
print(three() + 10, -three(), #{three()} .. "")
print(none() == nil, three() == 1)
if three() then print("truthy first result") end

-- in local declarations
local a, b, c, d = three()
print(a, b, c, d)
local e, f = none()
print(e, f)

-- through method calls
local obj = {v = 5}
function obj:get() return self.v, self.v * 2 end
print(obj:get())
print(obj:get(), "z")

-- in string concatenation of results
print(one() .. three())

-- nested calls expand through every level
local function id(...) return ... end
print(id(id(id(three()))))
print(select("#", id(nil, nil)))

-- many results
local function many(n)
  if n == 0 then return end
  return n, many(n - 1)
end
print(many(10))
print(select("#", many(200)))

-- results of native functions
print(select("#", pcall(three)))
print(pcall(three))
print(pcall(none))

-- goto and labels: continue, nested break-out, backward loops, closures per iteration, scope errors.

-- continue idiom
local out = ""
for i = 1, 6 do
  if i % 2 == 0 then goto continue end
  out = out .. i
  ::continue::
end
print(out)

-- leaving nested loops
local found
for i = 1, 5 do
  for j = 1, 5 do
    if i * j == 12 then found = i .. "x" .. j; goto done end
  end
end
::done::
print(found)

-- a backward goto loop
local n = 0
::top::
n = n + 1
if n < 5 then goto top end
print(n)

-- each pass through a block with goto creates fresh locals for closures
local fs = {}
do
  local i = 1
  ::again::
  local x = i * 10
  fs[i] = function() return x end
  i = i + 1
  if i <= 3 then goto again end
end
print(fs[1](), fs[2](), fs[3]())

-- goto to a label at the end of a block, where a local was declared before (allowed: void statement rule)
do
  goto finish
  local unused = 1
  ::finish::
end
print("jumped past local to block end")

-- labels in nested functions are separate
local function f()
  goto l
  do return "not here" end
  ::l::
  return "label in function"
end
print(f())

-- same label name in different blocks
do ::dup:: end
do ::dup:: end
print("same label in sibling blocks")

-- goto out of a while loop with a repeat inside
local k = 0
while true do
  repeat
    k = k + 1
    if k == 7 then goto out end
  until false
end
::out::
print(k)

-- errors detected by the compiler
local function cerr(src)
  local fn, msg = load(src, "=goto")
  print(type(fn), msg)
end
cerr("goto nowhere")
cerr("do ::a:: end goto a")
cerr("::a:: ::a::")
cerr("::a:: do ::a:: end")
cerr("goto f; local x; ::f:: print(x)")
cerr("repeat goto cont; local x; ::cont:: until x")
cerr("local x <const> = 1; goto l; ::l::")
cerr("break")
cerr("if true then break end")
print(load("::a:: ::b:: goto c ::c::") ~= nil)

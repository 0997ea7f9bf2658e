-- lua51-compatible
-- Object-oriented code: a class hierarchy built with metatables (__index chains three levels deep,
-- constructors calling the parent's, overridden methods, a __add and __eq and __lt and __tostring
-- metamethods on a vector class), exercised by a scene of shapes moved, scaled and measured.
local DEFAULT, EXPECTED = 1500000, "27218750 19147500 3000 1071625 square@(1,1);circle@(2,2);rect@(3,3);square@(4,4);circle@(5,5);rect@(6,6)"
local N = tonumber(arg and arg[1]) or DEFAULT

local function class(parent)
  local c = {}
  c.__index = c
  if parent then
    setmetatable(c, { __index = parent })
  end
  c.new = function(...)
    local o = setmetatable({}, c)
    o:init(...)
    return o
  end
  return c
end

local Vec = class()
function Vec:init(x, y)
  self.x, self.y = x, y
end
Vec.__add = function(a, b)
  return Vec.new(a.x + b.x, a.y + b.y)
end
Vec.__eq = function(a, b)
  return a.x == b.x and a.y == b.y
end
Vec.__lt = function(a, b)
  return a.x * a.x + a.y * a.y < b.x * b.x + b.y * b.y
end
Vec.__tostring = function(v)
  return "(" .. v.x .. "," .. v.y .. ")"
end
function Vec:scaled(k)
  return Vec.new(self.x * k, self.y * k)
end

local Shape = class()
function Shape:init(name, pos)
  self.name = name
  self.pos = pos
  self.moves = 0
end
function Shape:move(d)
  self.pos = self.pos + d
  self.moves = self.moves + 1
end
function Shape:area()
  return 0
end
function Shape:describe()
  return self.name .. "@" .. tostring(self.pos)
end

local Rect = class(Shape)
function Rect:init(pos, w, h)
  Shape.init(self, "rect", pos)
  self.w, self.h = w, h
end
function Rect:area()
  return self.w * self.h
end
function Rect:perimeter()
  return 2 * (self.w + self.h)
end
function Rect:scale(k)
  self.w, self.h = self.w * k, self.h * k
end

local Square = class(Rect)
function Square:init(pos, s)
  Rect.init(self, pos, s, s)
  self.name = "square"
end

local Circle = class(Shape)
function Circle:init(pos, r)
  Shape.init(self, "circle", pos)
  self.r = r
end
function Circle:area()
  return 3 * self.r * self.r
end
function Circle:perimeter()
  return 6 * self.r
end
function Circle:scale(k)
  self.r = self.r * k
end

local shapes = {}
for i = 1, 300 do
  local pos = Vec.new(i % 17, i % 23)
  local kind = i % 3
  if kind == 0 then
    shapes[i] = Rect.new(pos, i % 5 + 1, i % 7 + 1)
  elseif kind == 1 then
    shapes[i] = Square.new(pos, i % 4 + 1)
  else
    shapes[i] = Circle.new(pos, i % 6 + 1)
  end
end

local step = Vec.new(1, -1)
local area, perim, equal, less = 0, 0, 0, 0
local targets = {}
for i = 1, 25 do
  targets[i] = Vec.new(i % 5, (i - i % 5) / 5)
end
for round = 1, N / 300 do
  for i = 1, #shapes do
    local s = shapes[i]
    s:move(step)
    if round % 2 == 0 then
      s:scale(2)
    else
      s:scale(0.5)
    end
    area = area + s:area()
    perim = perim + s:perimeter()
    if s.pos == targets[(i + round) % 25 + 1] then
      equal = equal + 1
    end
    if s.pos < step:scaled(round % 40) then
      less = less + 1
    end
  end
  step = Vec.new(-step.y, step.x)
end
local names = {}
for i = 1, 6 do
  names[i] = shapes[i]:describe()
end
local result = string.format("%d %d %d %d %s", area, perim, equal, less, table.concat(names, ";"))
print("checksum " .. result)
if N == DEFAULT then
  assert(result == EXPECTED, "oop_shapes: wrong checksum " .. result)
end

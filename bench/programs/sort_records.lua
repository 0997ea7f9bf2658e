-- lua51-compatible
-- Sorting with comparators: arrays of records sorted by several keys (numeric, string, descending,
-- multi-key), plain numbers and strings with the default order, then checked for order and summed.
local DEFAULT, EXPECTED = 100000, 911260820
local N = tonumber(arg and arg[1]) or DEFAULT

local seed = 2024
local function rand(n)
  seed = (seed * 16807) % 2147483647
  return seed % n + 1
end

local first = { "ada", "bob", "cyd", "dee", "eve", "fay", "gus", "hal", "ivy", "jon", "kim", "lea" }
local last = { "smith", "jones", "brown", "white", "green", "black", "young", "stone" }

local people = {}
for i = 1, N do
  people[i] = {
    id = i,
    name = first[rand(#first)] .. " " .. last[rand(#last)],
    age = 18 + rand(60),
    score = rand(100000) / 100,
    city = rand(40),
  }
end

local function copy(t)
  local r = {}
  for i = 1, #t do
    r[i] = t[i]
  end
  return r
end

local checksum = 0
local function fold(list, f)
  for i = 1, #list, 97 do
    checksum = (checksum * 31 + f(list[i]) + i) % 1000000007
  end
end

local by_age = copy(people)
table.sort(by_age, function(a, b)
  if a.age ~= b.age then
    return a.age < b.age
  end
  return a.id < b.id
end)
fold(by_age, function(p) return p.id end)

local by_name = copy(people)
table.sort(by_name, function(a, b)
  if a.name ~= b.name then
    return a.name < b.name
  end
  if a.city ~= b.city then
    return a.city > b.city
  end
  return a.id > b.id
end)
fold(by_name, function(p) return p.id + p.city end)

local by_score = copy(people)
table.sort(by_score, function(a, b)
  if a.score ~= b.score then
    return a.score > b.score
  end
  return a.id < b.id
end)
fold(by_score, function(p) return math.floor(p.score * 100) end)
for i = 2, #by_score do
  assert(by_score[i - 1].score >= by_score[i].score)
end

local numbers, strings = {}, {}
for i = 1, N do
  numbers[i] = rand(1000000)
  strings[i] = people[i].name .. "#" .. (N - i)
end
table.sort(numbers)
table.sort(strings)
fold(numbers, function(x) return x end)
fold(strings, function(s) return #s + s:byte(1) end)
table.sort(numbers, function(a, b) return a > b end)
fold(numbers, function(x) return x % 1000 end)

print("checksum " .. checksum)
if N == DEFAULT then
  assert(checksum == EXPECTED, "sort_records: wrong checksum " .. checksum)
end

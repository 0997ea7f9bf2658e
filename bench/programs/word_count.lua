-- lua51-compatible
-- Word count: generate a pseudo-random text from a syllable alphabet, split it with gmatch, count
-- every word and every word pair in hash tables, then rank the most frequent words.
local DEFAULT, EXPECTED = 550000, "550000 20092 299072 412324251 ka ka 689"
local N = tonumber(arg and arg[1]) or DEFAULT

local syllables = { "ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "ze", "po", "da", "fe", "gu", "hi" }
local seed = 12345
local function rand(n)
  seed = (seed * 16807) % 2147483647
  return seed % n + 1
end

-- a text of N words, built in chunks of lines
local lines = {}
local line = {}
for i = 1, N do
  local len = rand(3) + (rand(4) == 1 and 1 or 0)
  local w = {}
  for k = 1, len do
    w[k] = syllables[rand(rand(2) == 1 and 5 or #syllables)]
  end
  line[#line + 1] = table.concat(w)
  if i % 12 == 0 then
    lines[#lines + 1] = table.concat(line, " ") .. (rand(3) == 1 and "." or ",")
    line = {}
  end
end
lines[#lines + 1] = table.concat(line, " ")
local text = table.concat(lines, "\n")

local counts, pairs_count = {}, {}
local distinct, distinct_pairs, total = 0, 0, 0
local prev
for word in text:gmatch("%a+") do
  total = total + 1
  local c = counts[word]
  if c then
    counts[word] = c + 1
  else
    counts[word] = 1
    distinct = distinct + 1
  end
  if prev then
    local key = prev .. " " .. word
    local p = pairs_count[key]
    if p then
      pairs_count[key] = p + 1
    else
      pairs_count[key] = 1
      distinct_pairs = distinct_pairs + 1
    end
  end
  prev = word
end

local ranked = {}
for word, c in pairs(counts) do
  ranked[#ranked + 1] = { word = word, count = c }
end
table.sort(ranked, function(a, b)
  if a.count ~= b.count then
    return a.count > b.count
  end
  return a.word < b.word
end)
local top_sum = 0
for i = 1, 10 do
  print(string.format("%-12s %6d", ranked[i].word, ranked[i].count))
  top_sum = top_sum * 7 + ranked[i].count + #ranked[i].word
end
local best_pair, best_count = "", 0
for key, c in pairs(pairs_count) do
  if c > best_count or (c == best_count and key < best_pair) then
    best_pair, best_count = key, c
  end
end
local result = string.format("%d %d %d %d %s %d", total, distinct, distinct_pairs, top_sum % 1000000007,
  best_pair, best_count)
print("checksum " .. result)
if N == DEFAULT then
  assert(result == EXPECTED, "word_count: wrong checksum " .. result)
end

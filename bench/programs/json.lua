-- lua51-compatible
-- JSON: an encoder (sorted object keys, string escapes, arrays vs objects) and a recursive-descent
-- decoder (byte dispatch, string.find for runs, escape and \u handling), round-tripping generated
-- documents and comparing the re-encoded text.
local DEFAULT, EXPECTED = 3400, "944120698 4426760"
local N = tonumber(arg and arg[1]) or DEFAULT

local encode

local escape_map = { ['"'] = '\\"', ["\\"] = "\\\\", ["\b"] = "\\b", ["\f"] = "\\f",
  ["\n"] = "\\n", ["\r"] = "\\r", ["\t"] = "\\t" }
local function escape_char(c)
  return escape_map[c] or string.format("\\u%04x", c:byte())
end

local function encode_string(s, out)
  out[#out + 1] = '"' .. s:gsub('[%c"\\]', escape_char) .. '"'
end

local function is_array(t)
  local n = #t
  local count = 0
  for _ in pairs(t) do
    count = count + 1
  end
  return count == n, n
end

local function encode_value(v, out)
  local tv = type(v)
  if tv == "table" then
    local arr, n = is_array(v)
    if arr and (n > 0 or next(v) == nil) then
      out[#out + 1] = "["
      for i = 1, n do
        if i > 1 then
          out[#out + 1] = ","
        end
        encode_value(v[i], out)
      end
      out[#out + 1] = "]"
    else
      local keys = {}
      for k in pairs(v) do
        keys[#keys + 1] = k
      end
      table.sort(keys)
      out[#out + 1] = "{"
      for i, k in ipairs(keys) do
        if i > 1 then
          out[#out + 1] = ","
        end
        encode_string(k, out)
        out[#out + 1] = ":"
        encode_value(v[k], out)
      end
      out[#out + 1] = "}"
    end
  elseif tv == "string" then
    encode_string(v, out)
  elseif tv == "number" then
    if v == math.floor(v) and v > -1e15 and v < 1e15 then
      out[#out + 1] = string.format("%d", v)
    else
      out[#out + 1] = string.format("%.14g", v)
    end
  elseif tv == "boolean" then
    out[#out + 1] = v and "true" or "false"
  else
    out[#out + 1] = "null"
  end
end

encode = function(v)
  local out = {}
  encode_value(v, out)
  return table.concat(out)
end

-- decoder
local decode_value
local NULL = setmetatable({}, { __tostring = function() return "null" end })

local function skip(s, i)
  local _, e = s:find("^[ \n\r\t]*", i)
  return e + 1
end

local unescape = { b = "\b", f = "\f", n = "\n", r = "\r", t = "\t", ['"'] = '"', ["\\"] = "\\", ["/"] = "/" }

local function decode_string(s, i)
  -- s:byte(i) == '"'
  local parts = {}
  local j = i + 1
  while true do
    local a, b = s:find('^[^"\\]+', j)
    if a then
      parts[#parts + 1] = s:sub(a, b)
      j = b + 1
    end
    local c = s:byte(j)
    if c == 34 then
      return table.concat(parts), j + 1
    elseif c == 92 then
      local e = s:sub(j + 1, j + 1)
      if e == "u" then
        local code = tonumber(s:sub(j + 2, j + 5), 16)
        assert(code < 128, "only ASCII escapes in this test")
        parts[#parts + 1] = string.char(code)
        j = j + 6
      else
        parts[#parts + 1] = assert(unescape[e], "bad escape")
        j = j + 2
      end
    else
      error("unterminated string at " .. j)
    end
  end
end

decode_value = function(s, i)
  i = skip(s, i)
  local c = s:byte(i)
  if c == 123 then -- {
    local obj = {}
    i = skip(s, i + 1)
    if s:byte(i) == 125 then
      return obj, i + 1
    end
    while true do
      local key
      key, i = decode_string(s, skip(s, i))
      i = skip(s, i)
      assert(s:byte(i) == 58, "colon expected")
      obj[key], i = decode_value(s, i + 1)
      i = skip(s, i)
      c = s:byte(i)
      if c == 125 then
        return obj, i + 1
      end
      assert(c == 44, "comma expected")
      i = i + 1
    end
  elseif c == 91 then -- [
    local arr = {}
    i = skip(s, i + 1)
    if s:byte(i) == 93 then
      return arr, i + 1
    end
    local n = 0
    while true do
      n = n + 1
      arr[n], i = decode_value(s, i)
      i = skip(s, i)
      c = s:byte(i)
      if c == 93 then
        return arr, i + 1
      end
      assert(c == 44, "comma expected")
      i = i + 1
    end
  elseif c == 34 then
    return decode_string(s, i)
  elseif c == 116 then
    return true, i + 4
  elseif c == 102 then
    return false, i + 5
  elseif c == 110 then
    return NULL, i + 4
  else
    local a, b = s:find("^-?%d+%.?%d*[eE]?[-+]?%d*", i)
    return tonumber(s:sub(a, b)), b + 1
  end
end

local function decode(s)
  local v, i = decode_value(s, 1)
  assert(skip(s, i) == #s + 1, "trailing garbage")
  return v
end

-- documents
local seed = 31337
local function rand(n)
  seed = (seed * 16807) % 2147483647
  return seed % n + 1
end
local tags = { "red", "green", "blue", 'quo"ted', "back\\slash", "tab\there", "line\nbreak", "ctl\1x" }

local function make_doc(k)
  local items = {}
  for i = 1, 8 + k % 5 do
    items[i] = {
      id = k * 100 + i,
      name = "item-" .. k .. "-" .. i,
      price = rand(100000) / 100,
      tags = { tags[rand(#tags)], tags[rand(#tags)] },
      stock = rand(3) == 1 and false or rand(500),
      dims = { w = rand(100), h = rand(100), d = rand(100) / 4 },
    }
  end
  return { order = k, customer = { name = "cust" .. k % 97, vip = k % 3 == 0 }, items = items, notes = {} }
end

local total_len, checksum = 0, 0
for k = 1, N do
  local doc = make_doc(k)
  local text = encode(doc)
  local back = decode(text)
  local again = encode(back)
  assert(again == text, "round trip differs")
  total_len = total_len + #text
  local sum = back.order
  for _, item in ipairs(back.items) do
    sum = sum + item.id + math.floor(item.price * 100) + item.dims.w + #item.tags[1] + #item.name
  end
  checksum = (checksum * 31 + sum) % 1000000007
end
local result = checksum .. " " .. total_len
print("checksum " .. result)
if N == DEFAULT then
  assert(result == EXPECTED, "json: wrong checksum " .. result)
end

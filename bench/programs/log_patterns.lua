-- lua51-compatible
-- Pattern matching: generate web-server-style log lines, then parse them with string.match captures,
-- count with gmatch, rewrite with gsub (string, table and function replacements) and validate
-- fields with anchored patterns and character classes.
local DEFAULT, EXPECTED = 95000, "200=47621,304=15826,404=15683,500=15870 595474742 0 3275999 12412114"
local N = tonumber(arg and arg[1]) or DEFAULT

local seed = 99
local function rand(n)
  seed = (seed * 16807) % 2147483647
  return seed % n + 1
end

local methods = { "GET", "POST", "PUT", "DELETE" }
local paths = { "/index.html", "/api/users", "/api/items/42", "/static/app.js", "/login", "/img/logo.png" }
local agents = { "Mozilla/5.0 (X11)", "curl/7.88", "Wget/1.21", "Bot-Crawler/2.1 (+http://example.org)" }

local lines = {}
for i = 1, N do
  lines[i] = string.format('%d.%d.%d.%d - user%d [%02d/Mar/2024:%02d:%02d:%02d +0000] "%s %s?id=%d HTTP/1.1" %d %d "%s"',
    rand(255), rand(255), rand(255), rand(255), rand(50), rand(28), rand(24) - 1, rand(60) - 1, rand(60) - 1,
    methods[rand(#methods)], paths[rand(#paths)], rand(1000), ({ 200, 200, 200, 304, 404, 500 })[rand(6)],
    rand(50000), agents[rand(#agents)])
end

local status_count, method_bytes, hours = {}, {}, {}
local bad, digits, rewritten_len = 0, 0, 0
local escapes = { ["<"] = "&lt;", [">"] = "&gt;", ["&"] = "&amp;", ['"'] = "&quot;" }
for i = 1, N do
  local line = lines[i]
  local ip, user, day, hour, method, path, query, status, size =
    line:match('^(%d+%.%d+%.%d+%.%d+) %- (%w+) %[(%d+)/%a+/%d+:(%d+):%d+:%d+ [+-]%d+%] "(%u+) ([^?"]+)%?([^ ]*) [^"]*" (%d%d%d) (%d+)')
  if not ip then
    bad = bad + 1
  else
    status_count[status] = (status_count[status] or 0) + 1
    method_bytes[method] = (method_bytes[method] or 0) + tonumber(size)
    hours[hour] = (hours[hour] or 0) + 1
    for d in ip:gmatch("%d+") do
      digits = digits + #d
    end
    local id = query:match("id=(%d+)")
    digits = digits + tonumber(id) % 7 + #user + tonumber(day)
    if path:find("^/api/") then
      local segs = 0
      for _ in path:gmatch("[^/]+") do
        segs = segs + 1
      end
      digits = digits + segs
    end
  end
  local html = line:gsub('[<>&"]', escapes)
  local masked = html:gsub("%d+%.%d+%.%d+%.%d+", "x.x.x.x")
  local upper = masked:gsub("(%a)(%w*)", function(first, rest)
    if #rest > 3 then
      return first:upper() .. rest
    end
  end)
  rewritten_len = rewritten_len + #upper
end

local keys = {}
for k in pairs(status_count) do
  keys[#keys + 1] = k
end
table.sort(keys)
local parts = {}
for _, k in ipairs(keys) do
  parts[#parts + 1] = k .. "=" .. status_count[k]
end
local get = method_bytes.GET or 0
local result = string.format("%s %d %d %d %d", table.concat(parts, ","), get, bad, digits, rewritten_len)
print("checksum " .. result)
if N == DEFAULT then
  assert(result == EXPECTED, "log_patterns: wrong checksum " .. result)
end

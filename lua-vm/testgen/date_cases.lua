-- Generates lua-vm/src/text/strftime/tests_generated.rs: runs os.date / os.time with the reference
-- interpreter (lua5.4) under several TZ settings and records the results as Rust assertions.
-- Usage: lua5.4 lua-vm/testgen/date_cases.lua > lua-vm/src/text/strftime/tests_generated.rs &&
--        rustfmt --edition 2021 lua-vm/src/text/strftime/tests_generated.rs

local ALL = {}
for c in ("aAbBcCdDeFgGhHIjmMnprRStTuUVwWxXyYzZ%"):gmatch(".") do ALL[#ALL + 1] = "%" .. c end
for c in ("EcECExEXEyEYOdOeOHOIOmOMOSOuOUOVOwOWOy"):gmatch("..") do ALL[#ALL + 1] = "%" .. c end
local ALLFMT = table.concat(ALL, "|")

local UTC_TIMES = {0, 1, -1, 59, 43200, 86399, 1e9, 1234567890, 1763735534, -3155760000,
  -62167219200, -62167219201, 253402300800, -62198755200, 1e12, -1e12, 1609372800, 1609459200,
  1609545600, 1609632000, 1798416000, 1798761600, 1799020800, 1230681600, 1262217600,
  951782400, 951868800, 4107542400, -2208988800, -11644473600,
  67768036191676799, -67768040609740800, 67768036191676800, -67768040609740801,
  -30641760000, -46388678400, -59042995200, -62009366400}
local UTC_FORMATS = {"!" .. ALLFMT, "!*t", "!%c", "!%Ez", "!%", "!%E", "!%O", "!%Q", "!%5d",
  "!%Ey%Q", "!abc %Y\0%d", "!*t\0junk", "!%%Y%n%t|", "!", "!%O\0x"}

local ZONES = {"America/New_York", "Europe/London", "Asia/Kolkata", "Australia/Lord_Howe",
  "America/Sao_Paulo", "Pacific/Chatham", ":Europe/Paris", "XYZ3ABC,M3.2.0/2,M11.1.0/2",
  "<+0330>-3:30", "AAA-10BBB,M10.1.0,M4.1.0/3", "EST5EDT4,M3.2.0/2,M11.1.0/2", "", "Nowhere/Nope",
  "UTC0", "CET-1CEST,J60/2,300/3"}
local LOCAL_TIMES = {0, 1e9, 1700000000, 1720000000, 4102444800, 1710052199, 1710054000,
  1730613599, 1730613600, 1730617200, -2208988800, 2147483647, 2147483648, 7258118400,
  1711846800, 1711846799, 1729990800, 1712415600, 1728748800}
local LOCAL_FORMATS = {"%c %z %Z", "*t"}
-- Local times in a gap or an overlap with isdst = nil are left out here: glibc resolves them
-- from a per-process guess (the offset of the previous mktime call). FRESH_TABLES runs each of
-- them in a new process instead, which is the behaviour the Rust side implements.
local TIME_TABLES = {
  {2024, 7, 1, 12}, {2024, 7, 1, 12, 0, 0, false}, {2024, 1, 1, 12, 0, 0, true},
  {2024, 3, 10, 1, 30}, {2024, 3, 10, 3, 30},
  {2024, 3, 10, 1, 30, 0, true}, {2024, 3, 10, 2, 30, 0, true}, {2024, 3, 10, 3, 30, 0, false},
  {2024, 3, 10, 2, 30, 0, false}, {2024, 11, 3, 1, 30, 0, true},
  {2024, 11, 3, 1, 30, 0, false}, {2024, 11, 3, 2, 30, 0, true}, {2024, 3, 31, 2, 30, 0, true},
  {2024, 3, 31, 1, 30, 0, false}, {2024, 10, 27, 1, 30, 0, true}, {2024, 10, 27, 2, 30, 0, false},
  {2024, 4, 7, 2, 30, 0, true}, {2024, 4, 7, 1, 30, 0, false}, {2024, 10, 6, 2, 15, 0, true},
  {2024, 13, 0, -1, 61, -5}, {2000, 1, 1, 0, 0, 0, true}, {2000, 1, 1, 0, 0, 0, false},
  {1970, 1, 1, 0, 0, 0}, {1969, 12, 31, 23, 59, 59}, {1969, 12, 31, 23, 59, 58},
  {2023, 2, 29}, {2024, 2, 30}, {2024, 0, 0}, {2024, -13, 400, 100, -1000, 100000},
  {1900, 1, 1}, {1, 1, 1}, {0, 1, 1}, {-1000, 6, 15}, {10000, 1, 1},
  {2^31 + 1899, 1, 1}, {2^31 + 1899, 12, 32}, {-2^31 + 1900, 1, 1}, {-2^31 + 1900, 1, 0},
  {2000, 1, 2^31 - 1}, {2000, -2^31 + 1, 1, -2^31, -2^31, -2^31},
  {2000, 1, 1, 2^31 - 1, 2^31 - 1, 2^31 - 1},
}

local FRESH_TABLES = {
  {2024, 3, 10, 2, 30}, {2024, 11, 3, 1, 30}, {2024, 3, 31, 2, 30}, {2024, 10, 27, 2, 30},
  {2024, 3, 31, 1, 30}, {2024, 10, 27, 1, 30}, {2024, 4, 7, 2, 30}, {2024, 4, 7, 1, 45},
  {2024, 10, 6, 2, 15},
}

local function escape(s)
  return (s:gsub(".", function(c)
    local b = c:byte()
    if b < 32 or b > 126 or c == '"' or c == "\\" then return string.format("\\x%02x", b) end
  end))
end

local function fields(t)
  local out = {}
  for _, k in ipairs{"year", "month", "day", "hour", "min", "sec", "yday", "wday"} do
    out[#out + 1] = k .. "=" .. tostring(t[k])
  end
  out[#out + 1] = "isdst=" .. tostring(t.isdst)
  return table.concat(out, ",")
end

local function inner(msg)
  return msg:match("^bad argument #1 to '[%w.]+' %((.*)%)$") or msg
end

local function date_result(fmt, t)
  local ok, r = pcall(os.date, fmt, t)
  if not ok then return "error: " .. inner(r) end
  if type(r) == "table" then return fields(r) end
  return escape(r)
end

local function time_result(tt)
  local t = {year = tt[1], month = tt[2], day = tt[3], hour = tt[4], min = tt[5], sec = tt[6],
    isdst = tt[7]}
  local ok, r = pcall(os.time, t)
  if not ok then return "error: " .. r end
  return r .. ";" .. fields(t)
end

local function opt(v)
  if v == nil then return "None" end
  return "Some(" .. tostring(math.tointeger(v) or v) .. ")"
end

local function lines_for(tz, emit)
  local label = tz and string.format('Some("%s")', escape(tz)) or "None"
  if tz == nil then
    for _, fmt in ipairs(UTC_FORMATS) do
      for _, t in ipairs(fmt == "!" .. ALLFMT and UTC_TIMES or {1e9, -1}) do
        emit(string.format('check_date(None, b"%s", %d, r#"%s"#);', escape(fmt), t,
          date_result(fmt, t)))
      end
    end
    return
  end
  for _, fmt in ipairs(LOCAL_FORMATS) do
    for _, t in ipairs(LOCAL_TIMES) do
      emit(string.format('check_date(%s, b"%s", %d, r#"%s"#);', label, escape(fmt), t,
        date_result(fmt, t)))
    end
  end
  for _, tt in ipairs(TIME_TABLES) do
    local args = {}
    for i = 1, 6 do args[i] = opt(tt[i]) end
    args[7] = tt[7] == nil and "None" or ("Some(" .. tostring(tt[7]) .. ")")
    emit(string.format('check_time(%s, [%s], %s, r#"%s"#);', label,
      table.concat(args, ", ", 1, 6), args[7], time_result(tt)))
  end
end

if arg[1] == "worker" then
  local tz = os.getenv("TZ")
  lines_for(tz, print)
  return
elseif arg[1] == "fresh" then
  local tz = os.getenv("TZ")
  local tt = FRESH_TABLES[tonumber(arg[2])]
  local args = {}
  for i = 1, 6 do args[i] = opt(tt[i]) end
  print(string.format('check_time(Some("%s"), [%s], None, r#"%s"#);', escape(tz),
    table.concat(args, ", "), time_result(tt)))
  return
end

print("//! Generated by lua-vm/testgen/date_cases.lua from the results of the reference")
print("//! interpreter (lua5.4); regenerate (then rustfmt) rather than edit.")
print()
print("use super::tests::{check_date, check_time};")
print()
print("#[test]")
print("fn reference_utc_dates() {")
lines_for(nil, function(l) print("    " .. l) end)
print("}")
for i, tz in ipairs(ZONES) do
  print()
  print("#[test]")
  print(string.format("fn reference_zone_%d() {", i))
  print(string.format("    // TZ=%q", tz))
  local quoted = "'" .. tz:gsub("'", "'\\''") .. "'"
  local p = assert(io.popen("TZ=" .. quoted .. " lua5.4 " .. arg[0] .. " worker"))
  for l in p:lines() do print("    " .. l) end
  p:close()
  do
    for j = 1, #FRESH_TABLES do
      local f = assert(io.popen("TZ=" .. quoted .. " lua5.4 " .. arg[0] .. " fresh " .. j))
      for l in f:lines() do print("    " .. l) end
      f:close()
    end
  end
  print("}")
end

//! Tests of the os library (clock, date, difftime, execute, getenv, remove, rename, setlocale, time, tmpname); os.exit is in stdlib_os_exit.rs. Local time is EST5EDT (set through TZ by the harness).
//! Expected values were recorded by running each chunk with lua5.4 (the reference)
//! through the same harness: results joined by tabs, or "error: <message>".

mod tablib_common;
use tablib_common::check_tz;

const TZ: &str = r#"EST5EDT,M3.2.0,M11.1.0"#;

#[test]
fn remove_nonexistent() {
    check_tz(
        TZ,
        r#"return os.remove("/nonexistent/file"), os.remove("/nonexistent")"#,
        r#"nil	nil	/nonexistent: No such file or directory	2"#.as_bytes(),
    );
}

#[test]
fn remove_nonexistent_all_results() {
    check_tz(
        TZ,
        r#"return os.remove("/nonexistent")"#,
        r#"nil	/nonexistent: No such file or directory	2"#.as_bytes(),
    );
}

#[test]
fn remove_file_and_directory() {
    check_tz(
        TZ,
        r#"local n = os.tmpname()
local r1 = os.remove(n)
local a, b, c = os.remove(n)
os.execute("mkdir " .. n .. " && touch " .. n .. "/f")
local d, e, f = os.remove(n)
os.execute("rm " .. n .. "/f")
local g = os.remove(n)
return r1, a, b == n .. ": No such file or directory", c, d, e == n .. ": Directory not empty", f, g"#,
        r#"true	nil	true	2	nil	true	39	true"#.as_bytes(),
    );
}

#[test]
fn remove_errors() {
    check_tz(
        TZ,
        r#"local function E(...) local ok, e = pcall(...) return tostring(ok) .. ': ' .. tostring(e) end
return E(os.remove), E(os.remove, {})"#,
        r#"false: bad argument #1 to 'os.remove' (string expected, got no value)	false: bad argument #1 to 'os.remove' (string expected, got table)"#.as_bytes(),
    );
}

#[test]
fn rename() {
    check_tz(
        TZ,
        r#"local n = os.tmpname()
local m = n .. "x"
local r = os.rename(n, m)
local a, b, c = os.rename(n, m)
local gone = os.remove(m)
return r, a, b, c, gone"#,
        r#"true	nil	No such file or directory	2	true"#.as_bytes(),
    );
}

#[test]
fn rename_errors() {
    check_tz(
        TZ,
        r#"local function E(...) local ok, e = pcall(...) return tostring(ok) .. ': ' .. tostring(e) end
return E(os.rename, "a"), E(os.rename, nil, "b")"#,
        r#"false: bad argument #2 to 'os.rename' (string expected, got no value)	false: bad argument #1 to 'os.rename' (string expected, got nil)"#.as_bytes(),
    );
}

#[test]
fn execute_no_command() {
    check_tz(
        TZ,
        r#"return os.execute(), os.execute(nil)"#,
        r#"true	true"#.as_bytes(),
    );
}

#[test]
fn execute_exit_codes() {
    check_tz(
        TZ,
        r#"local r = {}
for _, cmd in ipairs({"true", "exit 3", "false", "exit 255"}) do
  local a, b, c = os.execute(cmd)
  r[#r + 1] = tostring(a) .. " " .. b .. " " .. c
end
return table.concat(r, ", ")"#,
        r#"true exit 0, nil exit 3, nil exit 1, nil exit 255"#.as_bytes(),
    );
}

#[test]
fn execute_signal() {
    check_tz(
        TZ,
        r#"return os.execute("kill -9 $$")"#,
        r#"nil	signal	9"#.as_bytes(),
    );
}

#[test]
fn execute_signal_term() {
    check_tz(
        TZ,
        r#"return os.execute("kill -15 $$")"#,
        r#"nil	signal	15"#.as_bytes(),
    );
}

#[test]
fn execute_command_not_found() {
    check_tz(
        TZ,
        r#"return os.execute("nonexistent_command_xyz 2>/dev/null")"#,
        r#"nil	exit	127"#.as_bytes(),
    );
}

#[test]
fn execute_bad_argument() {
    check_tz(
        TZ,
        r#"local function E(...) local ok, e = pcall(...) return tostring(ok) .. ': ' .. tostring(e) end
return E(os.execute, {})"#,
        r#"false: bad argument #1 to 'os.execute' (string expected, got table)"#.as_bytes(),
    );
}

#[test]
fn getenv() {
    check_tz(
        TZ,
        r#"return os.getenv("TZ"), os.getenv("LUA_TEST_SURELY_UNSET_VAR"), os.getenv(""), os.getenv("A=B"), type(os.getenv("PATH"))"#,
        r#"EST5EDT,M3.2.0,M11.1.0	nil	nil	nil	string"#.as_bytes(),
    );
}

#[test]
fn getenv_errors() {
    check_tz(
        TZ,
        r#"local function E(...) local ok, e = pcall(...) return tostring(ok) .. ': ' .. tostring(e) end
return E(os.getenv), E(os.getenv, {})"#,
        r#"false: bad argument #1 to 'os.getenv' (string expected, got no value)	false: bad argument #1 to 'os.getenv' (string expected, got table)"#.as_bytes(),
    );
}

#[test]
fn clock() {
    check_tz(
        TZ,
        r#"local c = os.clock()
return math.type(c), c >= 0"#,
        r#"float	true"#.as_bytes(),
    );
}

#[test]
fn tmpname() {
    check_tz(
        TZ,
        r#"local n = os.tmpname()
local m = os.tmpname()
return type(n), #n, n ~= m, os.remove(n), os.remove(m)"#,
        r#"string	15	true	true	true"#.as_bytes(),
    );
}

#[test]
fn difftime() {
    check_tz(
        TZ,
        r#"return os.difftime(10, 3), os.difftime(0, 1e9), os.difftime(math.maxinteger, math.mininteger), math.type(os.difftime(1, 1))"#,
        r#"7.0	-1000000000.0	1.844674407371e+19	float"#.as_bytes(),
    );
}

#[test]
fn difftime_errors() {
    check_tz(
        TZ,
        r#"local function E(...) local ok, e = pcall(...) return tostring(ok) .. ': ' .. tostring(e) end
return E(os.difftime, 10), E(os.difftime), E(os.difftime, 1.5, 1), E(os.difftime, "x", 1)"#,
        r#"false: bad argument #2 to 'os.difftime' (number expected, got no value)	false: bad argument #1 to 'os.difftime' (number expected, got no value)	false: bad argument #1 to 'os.difftime' (number has no integer representation)	false: bad argument #1 to 'os.difftime' (number expected, got string)"#.as_bytes(),
    );
}

#[test]
fn date_utc_formats() {
    check_tz(
        TZ,
        r#"return os.date("!%c", 0), os.date("!%Y-%m-%d %H:%M:%S", 86400 * 365), os.date("!%A %a %B %b %j %U %W %w %u", 1e9)"#,
        r#"Thu Jan  1 00:00:00 1970	1971-01-01 00:00:00	Sunday Sun September Sep 252 36 36 0 7"#
            .as_bytes(),
    );
}

#[test]
fn date_all_specifiers() {
    check_tz(
        TZ,
        r#"return os.date("%c|%x|%X|%D|%T|%r|%R|%e|%h|%n|%t|%C|%g|%G|%V|%u|%w|%z|%Z|%p|%I|%y|%Ec|%EC|%Ex|%EX|%Ey|%EY|%Od|%Oe|%OH|%OI|%Om|%OM|%OS|%Ou|%OU|%OV|%Ow|%OW|%Oy|%%", 1e9)"#,
        r#"Sat Sep  8 21:46:40 2001|09/08/01|21:46:40|09/08/01|21:46:40|09:46:40 PM|21:46| 8|Sep|
|	|20|01|2001|36|6|6|-0400|EDT|PM|09|01|Sat Sep  8 21:46:40 2001|20|09/08/01|21:46:40|01|2001|08| 8|21|09|09|46|40|6|35|36|6|36|01|%"#.as_bytes(),
    );
}

#[test]
fn date_utc_all_specifiers() {
    check_tz(
        TZ,
        r#"return os.date("!%c|%x|%X|%D|%T|%r|%R|%e|%h|%C|%g|%G|%V|%u|%w|%z|%Z|%p|%I|%y|%F|%H|%M|%S", 1e9)"#,
        r#"Sun Sep  9 01:46:40 2001|09/09/01|01:46:40|09/09/01|01:46:40|01:46:40 AM|01:46| 9|Sep|20|01|2001|36|7|0|+0000|GMT|AM|01|01|2001-09-09|01|46|40"#.as_bytes(),
    );
}

#[test]
fn date_local_dst() {
    check_tz(
        TZ,
        r#"return os.date("%Y-%m-%d %H:%M:%S %Z %z", 1e9), os.date("%Y-%m-%d %H:%M:%S %Z %z", 1e9 + 86400 * 100)"#,
        r#"2001-09-08 21:46:40 EDT -0400	2001-12-17 20:46:40 EST -0500"#.as_bytes(),
    );
}

#[test]
fn date_invalid_specifiers() {
    check_tz(
        TZ,
        r#"local function E(...) local ok, e = pcall(...) return tostring(ok) .. ': ' .. tostring(e) end
return E(os.date, "%Ez"), E(os.date, "%"), E(os.date, "%Q"), E(os.date, "abc%"), E(os.date, "%E"), E(os.date, "%O")"#,
        r#"false: bad argument #1 to 'os.date' (invalid conversion specifier '%Ez')	false: bad argument #1 to 'os.date' (invalid conversion specifier '%')	false: bad argument #1 to 'os.date' (invalid conversion specifier '%Q')	false: bad argument #1 to 'os.date' (invalid conversion specifier '%')	false: bad argument #1 to 'os.date' (invalid conversion specifier '%E')	false: bad argument #1 to 'os.date' (invalid conversion specifier '%O')"#.as_bytes(),
    );
}

#[test]
fn date_invalid_direct() {
    check_tz(
        TZ,
        r#"return os.date("%5")"#,
        r#"error: test:1: bad argument #1 to 'date' (invalid conversion specifier '%5')"#
            .as_bytes(),
    );
}

#[test]
fn date_literal_text() {
    check_tz(
        TZ,
        r#"return os.date("!plain text", 0), os.date("!", 0), os.date("", 0), os.date("!%%%%", 0)"#,
        r#"plain text			%%"#.as_bytes(),
    );
}

#[test]
fn date_default_format() {
    check_tz(
        TZ,
        r#"return os.date(nil, 0) == os.date("%c", 0), type(os.date())"#,
        r#"true	string"#.as_bytes(),
    );
}

#[test]
fn date_table_local() {
    check_tz(
        TZ,
        r#"local t = os.date("*t", 1000000000)
local ks = {}
for k, v in pairs(t) do ks[#ks + 1] = k .. "=" .. tostring(v) end
table.sort(ks)
return table.concat(ks, " ")"#,
        r#"day=8 hour=21 isdst=true min=46 month=9 sec=40 wday=7 yday=251 year=2001"#.as_bytes(),
    );
}

#[test]
fn date_table_utc() {
    check_tz(
        TZ,
        r#"local t = os.date("!*t", -1e10)
local ks = {}
for k, v in pairs(t) do ks[#ks + 1] = k .. "=" .. tostring(v) end
table.sort(ks)
return table.concat(ks, " ")"#,
        r#"day=10 hour=6 isdst=false min=13 month=2 sec=20 wday=2 yday=41 year=1653"#.as_bytes(),
    );
}

#[test]
fn date_table_winter() {
    check_tz(
        TZ,
        r#"local t = os.date("*t", 1e9 + 86400 * 100)
return t.isdst, t.hour, t.yday, t.wday"#,
        r#"false	20	351	2"#.as_bytes(),
    );
}

#[test]
fn date_time_argument_errors() {
    check_tz(
        TZ,
        r#"local function E(...) local ok, e = pcall(...) return tostring(ok) .. ': ' .. tostring(e) end
return E(os.date, "*t", 1.5), E(os.date, "%c", "x"), E(os.date, {})"#,
        r#"false: bad argument #2 to 'os.date' (number has no integer representation)	false: bad argument #2 to 'os.date' (number expected, got string)	false: bad argument #1 to 'os.date' (string expected, got table)"#.as_bytes(),
    );
}

#[test]
fn date_not_representable() {
    check_tz(
        TZ,
        r#"local function E(...) local ok, e = pcall(...) return tostring(ok) .. ': ' .. tostring(e) end
return E(os.date, "!*t", 2^60), E(os.date, "%Y", math.mininteger)"#,
        r#"false: date result cannot be represented in this installation	false: date result cannot be represented in this installation"#.as_bytes(),
    );
}

#[test]
fn date_large_years() {
    check_tz(
        TZ,
        r#"return os.date("!%Y-%m-%d", 2^40), os.date("!%Y-%m-%d %H:%M:%S", -2^40), os.date("!%c", 253402300800)"#,
        r#"36812-02-20	-32873-11-12 23:23:44	Sat Jan  1 00:00:00 10000"#.as_bytes(),
    );
}

#[test]
fn time_now() {
    check_tz(
        TZ,
        r#"local t = os.time()
return math.type(t), t > 1.6e9, os.time(nil) >= t"#,
        r#"integer	true	true"#.as_bytes(),
    );
}

#[test]
fn time_round_trip() {
    check_tz(
        TZ,
        r#"local t = os.date("*t", 1000000000)
local t2 = os.date("!*t", 1234567890)
return os.time(t), os.time(t2)"#,
        r#"1000000000	1234585890"#.as_bytes(),
    );
}

#[test]
fn time_normalises_fields() {
    check_tz(
        TZ,
        r#"local t = {year = 2000, month = 14, day = -3, hour = 25, min = 70, sec = -5}
local r = os.time(t)
local ks = {}
for k, v in pairs(t) do ks[#ks + 1] = k .. "=" .. tostring(v) end
table.sort(ks)
return r, table.concat(ks, " ")"#,
        r#"980752195	day=29 hour=2 isdst=false min=9 month=1 sec=55 wday=2 yday=29 year=2001"#
            .as_bytes(),
    );
}

#[test]
fn time_defaults() {
    check_tz(
        TZ,
        r#"return os.time({year = 2020, month = 6, day = 15}), os.time({year = 2020, month = 1, day = 15}), os.time({year = 2020, month = 6, day = 15, hour = 0})"#,
        r#"1592236800	1579107600	1592193600"#.as_bytes(),
    );
}

#[test]
fn time_isdst_field() {
    check_tz(
        TZ,
        r#"return os.time({year = 2020, month = 6, day = 15, isdst = false}), os.time({year = 2020, month = 6, day = 15, isdst = true}), os.time({year = 2020, month = 1, day = 15, isdst = true}), os.time({year = 2020, month = 1, day = 15, isdst = false})"#,
        r#"1592240400	1592236800	1579104000	1579107600"#.as_bytes(),
    );
}

#[test]
fn time_dst_gap() {
    check_tz(
        TZ,
        r#"local t = {year = 2021, month = 3, day = 14, hour = 2, min = 30}
local r = os.time(t)
return r, t.hour, t.isdst"#,
        r#"1615707000	3	true"#.as_bytes(),
    );
}

#[test]
fn time_missing_fields() {
    check_tz(
        TZ,
        r#"local function E(...) local ok, e = pcall(...) return tostring(ok) .. ': ' .. tostring(e) end
return E(os.time, {}), E(os.time, {day = 1}), E(os.time, {day = 1, month = 1})"#,
        r#"false: field 'year' missing in date table	false: field 'year' missing in date table	false: field 'year' missing in date table"#.as_bytes(),
    );
}

#[test]
fn time_missing_direct() {
    check_tz(
        TZ,
        r#"return os.time({})"#,
        r#"error: test:1: field 'year' missing in date table"#.as_bytes(),
    );
}

#[test]
fn time_field_types() {
    check_tz(
        TZ,
        r#"local function E(...) local ok, e = pcall(...) return tostring(ok) .. ': ' .. tostring(e) end
return E(os.time, {day = 1.5, month = 1, year = 2000}), os.time({day = "3", month = 1, year = 2000}), E(os.time, {day = 1, month = 1, year = 2000, hour = {}}), os.time({day = 1.0, month = "1", year = 2000, min = "2"})"#,
        r#"false: field 'day' is not an integer	946918800	false: field 'hour' is not an integer	946746120"#.as_bytes(),
    );
}

#[test]
fn time_field_out_of_bound() {
    check_tz(
        TZ,
        r#"local function E(...) local ok, e = pcall(...) return tostring(ok) .. ': ' .. tostring(e) end
return E(os.time, {day = 2^40, month = 1, year = 2000}), E(os.time, {day = 1, month = 1, year = 2^31 + 1900}), os.time({day = 1, month = 1, year = -2^31 + 1900 + 1}) ~= nil, E(os.time, {day = 1, month = 1, year = -2^31 + 1900}), E(os.time, {day = 1, month = 2^31 + 1, year = 2000})"#,
        r#"false: field 'day' is out-of-bound	false: field 'year' is out-of-bound	true	true: -67768040609679600	false: field 'month' is out-of-bound"#.as_bytes(),
    );
}

#[test]
fn time_not_representable() {
    check_tz(
        TZ,
        r#"local function E(...) local ok, e = pcall(...) return tostring(ok) .. ': ' .. tostring(e) end
return E(os.time, {day = 1, month = 1, year = 2^31 + 1899}), E(os.time, {year = 1969, month = 12, day = 31, hour = 18, min = 59, sec = 59})"#,
        r#"true: 67768036160202000	false: time result cannot be represented in this installation"#
            .as_bytes(),
    );
}

#[test]
fn time_argument_errors() {
    check_tz(
        TZ,
        r#"local function E(...) local ok, e = pcall(...) return tostring(ok) .. ': ' .. tostring(e) end
return E(os.time, 1), E(os.time, "x")"#,
        r#"false: bad argument #1 to 'os.time' (table expected, got number)	false: bad argument #1 to 'os.time' (table expected, got string)"#.as_bytes(),
    );
}

#[test]
fn time_metamethod_fields() {
    check_tz(
        TZ,
        r#"local t = setmetatable({}, {__index = function(_, k) if k == "year" then return 2001 elseif k == "month" then return 2 elseif k == "day" then return 3 end end})
return os.time(t), rawget(t, "yday"), rawget(t, "isdst")"#,
        r#"981219600	34	false"#.as_bytes(),
    );
}

#[test]
fn exit_arguments_checked() {
    check_tz(
        TZ,
        r#"local function E(...) local ok, e = pcall(...) return tostring(ok) .. ': ' .. tostring(e) end
return E(os.exit, "x"), E(os.exit, 1.5)"#,
        r#"false: bad argument #1 to 'os.exit' (number expected, got string)	false: bad argument #1 to 'os.exit' (number has no integer representation)"#.as_bytes(),
    );
}

#[test]
fn setlocale() {
    check_tz(
        TZ,
        r#"local r = {os.setlocale(), os.setlocale("C"), os.setlocale("POSIX"), tostring(os.setlocale("xx_YY")), os.setlocale(nil, "numeric"), os.setlocale("C.UTF-8", "ctype")}
r[#r + 1] = os.setlocale()
local saved = os.setlocale()
r[#r + 1] = os.setlocale("C")
r[#r + 1] = os.setlocale(saved)
r[#r + 1] = os.setlocale(nil, "ctype")
r[#r + 1] = os.setlocale("C.utf8", "time")
r[#r + 1] = os.setlocale("C")
r[#r + 1] = select(2, pcall(os.setlocale, "C", "bad"))
r[#r + 1] = select(2, pcall(os.setlocale, {}))
return table.concat(r, "\n")"#,
        r#"C
C
C
nil
C
C.UTF-8
LC_CTYPE=C.UTF-8;LC_NUMERIC=C;LC_TIME=C;LC_COLLATE=C;LC_MONETARY=C;LC_MESSAGES=C;LC_PAPER=C;LC_NAME=C;LC_ADDRESS=C;LC_TELEPHONE=C;LC_MEASUREMENT=C;LC_IDENTIFICATION=C
C
LC_CTYPE=C.UTF-8;LC_NUMERIC=C;LC_TIME=C;LC_COLLATE=C;LC_MONETARY=C;LC_MESSAGES=C;LC_PAPER=C;LC_NAME=C;LC_ADDRESS=C;LC_TELEPHONE=C;LC_MEASUREMENT=C;LC_IDENTIFICATION=C
C.UTF-8
C.utf8
C
bad argument #2 to 'os.setlocale' (invalid option 'bad')
bad argument #1 to 'os.setlocale' (string expected, got table)"#.as_bytes(),
    );
}

#[test]
fn library_contents() {
    check_tz(
        TZ,
        r#"local names = {}
for k in pairs(os) do names[#names + 1] = k end
table.sort(names)
return table.concat(names, " ")"#,
        r#"clock date difftime execute exit getenv remove rename setlocale time tmpname"#
            .as_bytes(),
    );
}

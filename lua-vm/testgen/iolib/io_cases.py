cases = [
("open_missing_file", 'return io.open("/nonexistent/dir/x")'),
("open_missing_file_write", 'return io.open("/nonexistent/dir/x", "w")'),
("open_invalid_modes", '''local r = {}
for _, m in ipairs{"rw", "rb+", "r+bk", "", "+", "b", "x"} do
  local ok, e = pcall(io.open, TMP, m) r[#r+1] = e end
return r[1], r[2], r[3], r[4], r[5], r[6], r[7]'''),
("open_valid_modes", '''local r = {}
for _, m in ipairs{"w", "r", "r+", "w+", "a", "a+", "rb", "wb", "r+b", "a+b", "rbb"} do
  local f = io.open(TMP, m) r[#r+1] = io.type(f) f:close() end
return r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11]'''),
("open_bad_args", 'local a = {pcall(io.open)} local b = {pcall(io.open, {})} local c = {pcall(io.open, TMP, {})} return a[2], b[2], c[2]'),
("io_type_values", 'local f = io.open(TMP, "w") local a = io.type(f) f:close() return a, io.type(f), io.type(io.stdout), io.type(1), io.type({}), io.type(nil), pcall(io.type)'),
("tostring_closed", 'local f = io.open(TMP, "w") f:close() return tostring(f)'),
("write_returns_file", 'local f = io.open(TMP, "w") local r = f:write("a", 1, 2.5) f:close() return r == f'),
("write_numbers_format", '''local f = io.open(TMP, "w")
f:write(1, " ", -0.0, " ", 1/0, " ", -1/0, " ", 0.1, " ", 1e15, " ", 1e100, " ", 123456789012345678, " ", 2^53, " ", 2^63, " ", 3.14159265358979, " ", -7, " ", 100.0)
f:close() f = io.open(TMP) local s = f:read("a") f:close() return s'''),
("write_bad_arg", 'local f = io.open(TMP, "w") local r = {pcall(f.write, f, "a", {})} f:close() return r[2]'),
("io_write_bad_arg", 'io.output(TMP) local r = {pcall(io.write, "a", nil)} io.close() io.output(io.stdout) return r[2]'),
("read_formats", '''local f = io.open(TMP, "w") f:write("a line\\nanother line\\n1234\\n3.45\\none\\ntwo\\nthree\\n") f:close()
f = io.open(TMP) local a, b, c, d, e = f:read("l", "L", "n", "n") f:close()
f = io.open(TMP) local g = {f:read(7, "l", "n", "n", 1, "l", "l")} f:close()
return a, b, c, d, e, g[1], g[2], g[3], g[4], g[5], g[6], g[7], #g'''),
("read_old_star_formats", '''local f = io.open(TMP, "w") f:write("12 x\\nline\\nrest") f:close()
f = io.open(TMP) local r = {f:read("*n", "*l", "*L", "*a")} f:close() return r[1], r[2], r[3], r[4]'''),
("read_second_fails", '''local f = io.open(TMP, "w") f:write("a line\\nnot a number\\n") f:close()
f = io.open(TMP) local a, b, c, d = f:read("l", "n", "n", "l") f:close() return a, b, c, d'''),
("read_numbers_termination", '''local f = io.open(TMP, "w")
f:write("-12.3-\\t-0xffff+  .3|5.E-3X  +234e+13E 0xDEADBEEFDEADBEEFx\\n0x1.13Ap+3e\\n")
f:close() f = io.open(TMP)
local r = {} for i = 1, 7 do r[#r+1] = f:read("n") r[#r+1] = f:read(1) end f:close()
return r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11], r[12], r[13], r[14]'''),
("read_number_too_long", '''local f = io.open(TMP, "w") f:write("1234") for i = 1, 300 do f:write("0") end f:write("\\n") f:close()
f = io.open(TMP) local a = f:read("n") local rest = f:read("L") f:close() return a, #rest'''),
("read_number_invalid_prefixes", '''local f = io.open(TMP, "w") f:write(".e+\\t0.e;\\t--;  0xX;\\n") f:close()
f = io.open(TMP) local r = {}
for i = 1, 5 do r[#r+1] = tostring(f:read("n")) r[#r+1] = f:read(1) end
r[#r+1] = tostring(f:read("n")) r[#r+1] = tostring(f:read(0)) f:close()
return r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11], r[12]'''),
("read_number_various", '''local f = io.open(TMP, "w")
f:write("  inf nan 0x 1e 1e+ 0x.p1 .5 5. -.5e+3 0x.8 00012 1e309 9223372036854775807 9223372036854775808 -9223372036854775808 0x7fffffffffffffffff 1E2 +3 --4")
f:close() f = io.open(TMP) local r = {}
for i = 1, 22 do local x = f:read("n") r[#r+1] = tostring(x) .. "/" .. tostring(f:read(1)) end f:close()
return r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11], r[12], r[13], r[14], r[15], r[16], r[17], r[18], r[19], r[20], r[21], r[22]'''),
("read_integer_and_float_types", '''local f = io.open(TMP, "w") f:write("10 10.0 0x10 1e1") f:close()
f = io.open(TMP) local a, b, c, d = f:read("n", "n", "n", "n") f:close()
return a, b, c, d, a // 1 == a'''),
("read_at_eof", '''local f = io.open(TMP, "w") f:write("x") f:close() f = io.open(TMP)
local r = {f:read(1)} local s = {f:read(0), f:read(1), f:read("l"), f:read("L"), f:read("n"), f:read("a"), f:read("a")}
local n = select("#", f:read(1)) f:close()
return r[1], s[1], s[2], s[3], s[4], s[5], s[6], s[7], n'''),
("read_zero_not_eof", '''local f = io.open(TMP, "w") f:write("ab") f:close() f = io.open(TMP)
local a = f:read(0) local b = f:read(2) local c = f:read(0) f:close() return a, b, c'''),
("read_invalid_format", 'local f = io.open(TMP, "w") f:close() f = io.open(TMP) local r = {pcall(f.read, f, "x")} local s = {pcall(f.read, f, {})} local t = {pcall(f.read, f, 1.5)} f:close() return r[2], s[2], t[2]'),
("read_huge_count", 'local f = io.open(TMP, "w") f:write("abc") f:close() f = io.open(TMP) local r = {pcall(f.read, f, -1)} local s = f:read(2^31) f:close() return r[1], r[2], s'),
("read_big_l_format", '''local f = io.open(TMP, "w") f:write("\\n\\nline\\nother") f:close() f = io.open(TMP)
local a, b, c, d, e = f:read("L"), f:read("L"), f:read("L"), f:read("L"), f:read("L") f:close() return a, b, c, d, e'''),
("read_crlf_kept", '''local f = io.open(TMP, "w") f:write("a\\r\\nb") f:close() f = io.open(TMP)
local a = f:read() local b = f:read() f:close() return #a, b'''),
("read_binary_bytes", '''local f = io.open(TMP, "wb") f:write("outra coisa\\0\\1\\3\\0\\0\\0\\0\\255\\0") f:close() f = io.open(TMP, "rb")
local a = f:read(11) local b = f:read(4) local c = f:read(3) local d = f:read(0) local e = f:read(1) local g = f:read("a") local h = f:read(0) f:close()
return a, #b, #c, d, #e, #g, h'''),
("read_default_line_no_args", '''local f = io.open(TMP, "w") f:write("first\\nsecond") f:close() f = io.open(TMP)
local a, b, c = f:read(), f:read(), f:read() f:close() return a, b, c'''),
("read_on_write_only_file", 'local f = io.open(TMP, "w") local a, b, c = f:read() f:close() return a, b, c'),
("write_on_read_only_file", 'local f = io.open(TMP, "w") f:close() f = io.open(TMP) local a, b, c = f:write("x") f:close() return a, b, c'),
("lines_on_write_only_file", 'local f = io.open(TMP, "w") local ok, m = pcall(f:lines()) f:close() return ok, m'),
("seek_positions", '''local f = io.open(TMP, "w")
local a = f:seek() f:write("alo alo") local b = f:seek() local c = f:seek("cur", -3) f:write("joao")
local d = f:seek("end") local e = f:seek("set") f:close()
f = io.open(TMP) local s = f:read("a") f:close() return a, b, c, d, e, s'''),
("seek_while_reading", '''local f = io.open(TMP, "w") f:write("0123456789") f:close() f = io.open(TMP)
local a = f:read(3) local b = f:seek() local c = f:seek("cur", 2) local d = f:read(2) local e = f:seek("end", -1) local g = f:read("a")
local h = f:seek("set", 20) local i = f:read("a") f:close() return a, b, c, d, e, g, h, i'''),
("seek_errors", '''local f = io.open(TMP, "w") local a, b, c = f:seek("set", -1) local r = {pcall(f.seek, f, "bad")} local s = {pcall(f.seek, f, "set", 1.5)} f:close()
return a, b, c, r[2], s[2]'''),
("read_write_update_mode", '''local f = io.open(TMP, "w") f:write("qualquer coisa\\nmais qualquer coisa") f:close()
f = io.open(TMP, "r+") local a = f:read("l") f:seek("cur") f:write("MAIS") f:seek("set") local b = f:read("a") f:close() return a, b'''),
("append_mode", '''local f = io.open(TMP, "w") f:write("abc") f:close() f = io.open(TMP, "a") f:write("def") f:seek("set") f:write("g") f:close()
f = io.open(TMP, "a+") local a = f:read("a") f:write("h") f:close() f = io.open(TMP) local b = f:read("a") f:close() return a, b'''),
("setvbuf_modes", '''local f = io.open(TMP, "w") local fr = io.open(TMP)
local a = f:setvbuf("full", 2000) f:write("x") local b = fr:read("a") f:close() fr:seek("set") local c = fr:read("a")
f = io.open(TMP, "a") f:setvbuf("line") f:write("y") fr:seek("set") local d = fr:read("a") f:write("z\\n") fr:seek("set") local e = fr:read("a")
f:setvbuf("no") f:write("w") fr:seek("set") local g = fr:read("a") f:close() fr:close()
local r = {pcall(io.stdout.setvbuf, io.stdout, "bad")}
return a, b, c, d, e, g, r[2]'''),
("flush_writes_out", '''local f = io.open(TMP, "w") local fr = io.open(TMP) f:write("abc") local a = fr:read("a") local b = f:flush() local c = fr:read("a") f:close() fr:close() return a, b, c'''),
("close_twice", '''local f = io.open(TMP, "w") local a = f:close() local r = {pcall(f.close, f)} local s = {pcall(io.close, f)} local t = {pcall(f.read, f)} local u = {pcall(f.write, f)} local v = {pcall(f.lines, f)} local w = {pcall(f.seek, f)} return a, r[2], s[2], t[2], u[2], v[2], w[2]'''),
("close_standard_files", 'local a, b = io.stdin:close() local c, d = io.close(io.stdout) local e = io.stderr:close() return a, b, c, d, e, io.type(io.stdout)'),
("method_without_self", 'local r = {pcall(io.stdin.close)} local s = {pcall(io.stdin.read, 1)} local t = {pcall(io.stdout.write, {})} return r[2], s[2], t[2]'),
("metatable_fields", 'local mt = getmetatable(io.stdout) return mt.__name, type(mt.__index), type(mt.__gc), type(mt.__close), type(mt.__tostring), mt.__index.read == io.stdin.read, rawequal(getmetatable(io.stdin), mt)'),
("close_variable", '''local F do local f <close> = io.open(TMP, "w") F = f f:write("x") end local a = tostring(F)
local f = io.open(TMP) local b = f:read("a") f:close() return a, b'''),
("gc_closes_files", '''for i = 1, 300 do io.open(TMP, "w"):write("data") end collectgarbage() collectgarbage() local f = io.open(TMP) local a = f:read("a") f:close() return a'''),
("lines_basic", '''local f = io.open(TMP, "w") f:write("a\\n\\nb\\nlast") f:close()
local s = "" local n = 0 for l in io.lines(TMP) do s = s .. "[" .. l .. "]" n = n + 1 end return s, n'''),
("lines_with_formats", '''local f = io.open(TMP, "w") f:write("0123456789\\n") f:close()
local s = "" for a, b in io.lines(TMP, 1, 1) do s = s .. a .. "," .. tostring(b) .. ";" end
for a, b, c in io.lines(TMP, 1, 2, "a") do s = s .. a .. "|" .. b .. "|" .. c end
for a, b, c in io.lines(TMP, "a", 0, 1) do if a == "" then break end s = s .. a .. tostring(b) .. tostring(c) end return s'''),
("lines_numbers", '''local f = io.open(TMP, "w") f:write("00\\n10\\n20\\n30\\n40\\n") f:close()
local s = "" for a, b in io.lines(TMP, "n", "n") do s = s .. a .. "," .. tostring(b) .. ";" end return s'''),
("lines_big_l_format", '''local f = io.open(TMP, "w") f:write("\\n\\nline\\nother") f:close()
local s = "" for l in io.lines(TMP, "L") do s = s .. l end local t = "" for l in io.lines(TMP, "l") do t = t .. l end return s, t'''),
("lines_iterator_after_eof", '''local f = io.open(TMP, "w") f:write("a\\nb\\n") f:close()
local it = io.lines(TMP) local n = 0 while it() do n = n + 1 end local r = {pcall(it)} local s = {pcall(it)} return n, r[1], r[2], s[2]'''),
("lines_returns_four_values", '''local f = io.open(TMP, "w") f:close() local a, b, c, d = io.lines(TMP) local t = io.type(d) d:close() return type(a), b, c, t, io.type(d)'''),
("lines_closes_on_break", '''local f = io.open(TMP, "w") f:write("a\\nb\\n") f:close()
local function get() local g for l, _ in io.lines(TMP) do g = true break end end
local a, b, c, d = io.lines(TMP) for l in a, b, c, d do break end return io.type(d)'''),
("lines_method_does_not_close", '''local f = io.open(TMP, "w") f:write("a\\nb\\n") f:close() f = io.open(TMP)
local n = 0 for l in f:lines() do n = n + 1 end local t = io.type(f) f:close() return n, t'''),
("lines_missing_file", 'local r = {pcall(io.lines, "/nonexistent/dir/x")} return r[1], r[2]'),
("lines_too_many_arguments", '''local f = io.open(TMP, "w") f:close()
local function call(n) local s = "return pcall(io.lines, TMP" for i = 1, n do s = s .. ", 'l'" end return load(s .. ")")() end
local a, b, x, y, file = call(250) local c, d = call(251) return a, type(b), x, y, io.type(file), c, d'''),
("lines_bad_format_deferred", '''local f = io.open(TMP, "w") f:write("x\\n") f:close() local it = io.lines(TMP, {}) local r = {pcall(it)} return type(it), r[2]'''),
("lines_with_load", '''local f = io.open(TMP, "w") f:write("a = 10 + 34\\na = 2*a\\na = -a\\nreturn a\\n") f:close()
return load((io.lines(TMP, "L")))(), load((io.lines(TMP, 1)))(), load((io.lines(TMP, 3)))(), load(io.lines(TMP))'''),
("default_input_output", '''io.output(TMP) local a = io.output() ~= io.stdout io.write("line1\\n", 2, "\\n", 3.5) local w = io.write("") == io.output() io.close()
local r = {pcall(io.write, "x")} io.output(io.stdout)
io.input(TMP) local b, c = io.read("l", "n") local d = io.read("L") local e = io.read("n") local g = io.read() io.close(io.input())
local s = {pcall(io.read)} local t = {pcall(io.lines)} io.input(io.stdin)
return a, w, r[2], b, c, d, e, g, s[2], t[2]'''),
("input_output_errors", '''local r = {pcall(io.input, {})} local s = {pcall(io.output, "/nonexistent/dir/x")} local t = {pcall(io.input, "/nonexistent/dir/y")}
return r[2], s[2], t[2], io.input() == io.stdin, io.output() == io.stdout'''),
("input_with_handle", '''local f = io.open(TMP, "w") f:write("abc") f:close() f = io.open(TMP) local a = io.input(f) == f local b = io.read(2) io.input(io.stdin) f:close() return a, b'''),
("io_lines_default_input", '''local f = io.open(TMP, "w") f:write("x\\ny\\n") f:close() io.input(TMP) local s = "" for l in io.lines() do s = s .. l end
for l in io.lines(nil, "L") do s = s .. l end local t = io.type(io.input()) io.input():close() io.input(io.stdin) return s, t'''),
("io_read_invalid_format", 'local r = {pcall(io.read, "x")} local s = {pcall(io.read, "*x")} return r[2], s[2]'),
("io_close_default_output", '''io.output(TMP) local f = io.output() local a = io.close() local b = io.type(f) io.output(io.stdout) local r = {pcall(io.close, f)} return a, b, r[2]'''),
("io_flush", 'local a = io.flush() io.output(TMP) local f = io.output() io.write("x") local b = io.flush() f:close() local r = {pcall(io.flush)} io.output(io.stdout) return a, b, r[2]'),
("tmpfile_usage", 'local f = io.tmpfile() local t = io.type(f) f:write("alo") f:seek("set") local a = f:read("a") f:close() return t, a'),
("popen_read", 'local f = io.popen("echo hello; echo world") local a, b = f:read("l", "a") return a, b, f:close()'),
("popen_write", '''local f = io.popen("cat > " .. TMP, "w") local r = f:write("a line") == f local c = {f:close()} local g = io.open(TMP) local s = g:read("a") g:close() return r, c[1], c[2], c[3], s'''),
("popen_exit_status", 'local a = {io.popen("exit 3"):close()} local b = {io.popen("exit 129"):close()} local c = {io.popen("kill -s HUP $$"):close()} local d = {io.popen("kill -s KILL $$"):close()} local e = {io.popen("true"):close()} return a[1], a[2], a[3], b[3], c[1], c[2], c[3], d[3], e[1], e[2], e[3]'),
("popen_invalid_mode", 'local a = {pcall(io.popen, "cat", "")} local b = {pcall(io.popen, "cat", "r+")} local c = {pcall(io.popen, "cat", "rw")} return a[2], b[2], c[2]'),
("popen_seek_fails", 'local f = io.popen("true") local a, b, c = f:seek() f:close() return a, b, c'),
("popen_read_only", 'local f = io.popen("true") local a, b, c = f:write("x") f:close() return a, b, c'),
("popen_lines", 'local f = io.popen("printf \\"1\\\\n2\\\\n3\\""); local s = 0 for n in f:lines("n") do s = s + n end f:close() return s'),
]

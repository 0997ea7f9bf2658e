//! The io library against outputs recorded from lua5.4: each case runs a chunk (with `TMP` naming a
//! scratch file) and compares its results, converted with `tostring` and joined by tabs (or
//! "ERR: message"), with what the reference printed for the same chunk.

use lua_vm::{Status, Vm};

const HARNESS: &str = r#"
local f = assert(load(CODE, "=test"))
local function pack(...) return select('#', ...), {...} end
local n, t = pack(pcall(f))
local s = ""
if t[1] then
  for i = 2, n do s = s .. (i > 2 and "\t" or "") .. tostring(t[i]) end
else
  s = "ERR: " .. tostring(t[2])
end
return s
"#;

/// Runs `code` in a fresh VM with every library open and returns the harness's text.
fn run(code: &str, tmp: &str) -> String {
    let mut vm = Vm::new();
    lua_vm::stdlib::open_libs(&mut vm).expect("open libs");
    vm.push_str(tmp).unwrap();
    vm.set_global("TMP").unwrap();
    vm.push_str(code).unwrap();
    vm.set_global("CODE").unwrap();
    assert_eq!(vm.load(HARNESS.as_bytes(), "=harness", "t"), Status::Ok);
    let st = vm.pcall(0, 1, 0);
    let out = vm.to_bytes(-1).unwrap().unwrap_or(b"").to_vec();
    assert_eq!(st, Status::Ok, "{}", String::from_utf8_lossy(&out));
    String::from_utf8_lossy(&out).into_owned()
}

fn check(code: &str, expected: &str) {
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let tmp = std::env::temp_dir().join(format!("lua_vm_io_test_{}_{n}", std::process::id()));
    let tmp = tmp.to_string_lossy().into_owned();
    let got = run(code, &tmp);
    let _ = std::fs::remove_file(&tmp);
    assert_eq!(got, expected, "for chunk:\n{code}");
}

/// Lines read by a `for` loop are garbage once the next one is read: memory stays bounded (the
/// collector runs after native iterators called by the generic for).
#[test]
fn lines_loop_memory_is_bounded() {
    let code = "local f = io.open(TMP, 'w') for i = 1, 100000 do f:write(i, ' some text on the line\\n') end f:close()
        collectgarbage() local base, peak, n = collectgarbage('count'), 0, 0
        for l in io.lines(TMP) do n = n + 1 end peak = collectgarbage('count')
        return n, peak - base < 2000";
    check(code, "100000\ttrue");
}

#[test]
fn open_missing_file() {
    check(
        "return io.open(\"/nonexistent/dir/x\")",
        "nil\t/nonexistent/dir/x: No such file or directory\t2",
    );
}

#[test]
fn open_missing_file_write() {
    check(
        "return io.open(\"/nonexistent/dir/x\", \"w\")",
        "nil\t/nonexistent/dir/x: No such file or directory\t2",
    );
}

#[test]
fn open_invalid_modes() {
    check("local r = {}\nfor _, m in ipairs{\"rw\", \"rb+\", \"r+bk\", \"\", \"+\", \"b\", \"x\"} do\n  local ok, e = pcall(io.open, TMP, m) r[#r+1] = e end\nreturn r[1], r[2], r[3], r[4], r[5], r[6], r[7]", "bad argument #2 to 'io.open' (invalid mode)\tbad argument #2 to 'io.open' (invalid mode)\tbad argument #2 to 'io.open' (invalid mode)\tbad argument #2 to 'io.open' (invalid mode)\tbad argument #2 to 'io.open' (invalid mode)\tbad argument #2 to 'io.open' (invalid mode)\tbad argument #2 to 'io.open' (invalid mode)");
}

#[test]
fn open_valid_modes() {
    check("local r = {}\nfor _, m in ipairs{\"w\", \"r\", \"r+\", \"w+\", \"a\", \"a+\", \"rb\", \"wb\", \"r+b\", \"a+b\", \"rbb\"} do\n  local f = io.open(TMP, m) r[#r+1] = io.type(f) f:close() end\nreturn r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11]", "file\tfile\tfile\tfile\tfile\tfile\tfile\tfile\tfile\tfile\tfile");
}

#[test]
fn open_bad_args() {
    check("local a = {pcall(io.open)} local b = {pcall(io.open, {})} local c = {pcall(io.open, TMP, {})} return a[2], b[2], c[2]", "bad argument #1 to 'io.open' (string expected, got no value)\tbad argument #1 to 'io.open' (string expected, got table)\tbad argument #2 to 'io.open' (string expected, got table)");
}

#[test]
fn io_type_values() {
    check("local f = io.open(TMP, \"w\") local a = io.type(f) f:close() return a, io.type(f), io.type(io.stdout), io.type(1), io.type({}), io.type(nil), pcall(io.type)", "file\tclosed file\tfile\tnil\tnil\tnil\tfalse\tbad argument #1 to 'io.type' (value expected)");
}

#[test]
fn tostring_closed() {
    check(
        "local f = io.open(TMP, \"w\") f:close() return tostring(f)",
        "file (closed)",
    );
}

#[test]
fn write_returns_file() {
    check(
        "local f = io.open(TMP, \"w\") local r = f:write(\"a\", 1, 2.5) f:close() return r == f",
        "true",
    );
}

#[test]
fn write_numbers_format() {
    check("local f = io.open(TMP, \"w\")\nf:write(1, \" \", -0.0, \" \", 1/0, \" \", -1/0, \" \", 0.1, \" \", 1e15, \" \", 1e100, \" \", 123456789012345678, \" \", 2^53, \" \", 2^63, \" \", 3.14159265358979, \" \", -7, \" \", 100.0)\nf:close() f = io.open(TMP) local s = f:read(\"a\") f:close() return s", "1 -0 inf -inf 0.1 1e+15 1e+100 123456789012345678 9.007199254741e+15 9.2233720368548e+18 3.1415926535898 -7 100");
}

#[test]
fn write_bad_arg() {
    check("local f = io.open(TMP, \"w\") local r = {pcall(f.write, f, \"a\", {})} f:close() return r[2]", "bad argument #3 to '?' (string expected, got table)");
}

#[test]
fn io_write_bad_arg() {
    check("io.output(TMP) local r = {pcall(io.write, \"a\", nil)} io.close() io.output(io.stdout) return r[2]", "bad argument #2 to 'io.write' (string expected, got nil)");
}

#[test]
fn read_formats() {
    check("local f = io.open(TMP, \"w\") f:write(\"a line\\nanother line\\n1234\\n3.45\\none\\ntwo\\nthree\\n\") f:close()\nf = io.open(TMP) local a, b, c, d, e = f:read(\"l\", \"L\", \"n\", \"n\") f:close()\nf = io.open(TMP) local g = {f:read(7, \"l\", \"n\", \"n\", 1, \"l\", \"l\")} f:close()\nreturn a, b, c, d, e, g[1], g[2], g[3], g[4], g[5], g[6], g[7], #g", "a line\tanother line\n\t1234\t3.45\tnil\ta line\n\tanother line\t1234\t3.45\t\n\tone\ttwo\t7");
}

#[test]
fn read_old_star_formats() {
    check("local f = io.open(TMP, \"w\") f:write(\"12 x\\nline\\nrest\") f:close()\nf = io.open(TMP) local r = {f:read(\"*n\", \"*l\", \"*L\", \"*a\")} f:close() return r[1], r[2], r[3], r[4]", "12\t x\tline\n\trest");
}

#[test]
fn read_second_fails() {
    check("local f = io.open(TMP, \"w\") f:write(\"a line\\nnot a number\\n\") f:close()\nf = io.open(TMP) local a, b, c, d = f:read(\"l\", \"n\", \"n\", \"l\") f:close() return a, b, c, d", "a line\tnil\tnil\tnil");
}

#[test]
fn read_numbers_termination() {
    check("local f = io.open(TMP, \"w\")\nf:write(\"-12.3-\\t-0xffff+  .3|5.E-3X  +234e+13E 0xDEADBEEFDEADBEEFx\\n0x1.13Ap+3e\\n\")\nf:close() f = io.open(TMP)\nlocal r = {} for i = 1, 7 do r[#r+1] = f:read(\"n\") r[#r+1] = f:read(1) end f:close()\nreturn r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11], r[12], r[13], r[14]", "-12.3\t-\t-65535\t+\t0.3\t|\t0.005\tX\t2.34e+15\tE\t-2401053088876216593\tx\t8.61328125\te");
}

#[test]
fn read_number_too_long() {
    check("local f = io.open(TMP, \"w\") f:write(\"1234\") for i = 1, 300 do f:write(\"0\") end f:write(\"\\n\") f:close()\nf = io.open(TMP) local a = f:read(\"n\") local rest = f:read(\"L\") f:close() return a, #rest", "nil\t105");
}

#[test]
fn read_number_invalid_prefixes() {
    check("local f = io.open(TMP, \"w\") f:write(\".e+\\t0.e;\\t--;  0xX;\\n\") f:close()\nf = io.open(TMP) local r = {}\nfor i = 1, 5 do r[#r+1] = tostring(f:read(\"n\")) r[#r+1] = f:read(1) end\nr[#r+1] = tostring(f:read(\"n\")) r[#r+1] = tostring(f:read(0)) f:close()\nreturn r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11], r[12]", "nil\te\tnil\t\t\tnil\t;\tnil\t-\tnil\t;\tnil\t");
}

#[test]
fn read_number_various() {
    check("local f = io.open(TMP, \"w\")\nf:write(\"  inf nan 0x 1e 1e+ 0x.p1 .5 5. -.5e+3 0x.8 00012 1e309 9223372036854775807 9223372036854775808 -9223372036854775808 0x7fffffffffffffffff 1E2 +3 --4\")\nf:close() f = io.open(TMP) local r = {}\nfor i = 1, 22 do local x = f:read(\"n\") r[#r+1] = tostring(x) .. \"/\" .. tostring(f:read(1)) end f:close()\nreturn r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11], r[12], r[13], r[14], r[15], r[16], r[17], r[18], r[19], r[20], r[21], r[22]", "nil/i\tnil/n\tnil/f\tnil/n\tnil/a\tnil/n\tnil/ \tnil/ \tnil/ \tnil/p\t1/ \t0.5/ \t5.0/ \t-500.0/ \t0.5/ \t12/ \tinf/ \t9223372036854775807/ \t9.2233720368548e+18/ \t-9223372036854775808/ \t-1/ \t100.0/ ");
}

#[test]
fn read_integer_and_float_types() {
    check("local f = io.open(TMP, \"w\") f:write(\"10 10.0 0x10 1e1\") f:close()\nf = io.open(TMP) local a, b, c, d = f:read(\"n\", \"n\", \"n\", \"n\") f:close()\nreturn a, b, c, d, a // 1 == a", "10\t10.0\t16\t10.0\ttrue");
}

#[test]
fn read_at_eof() {
    check("local f = io.open(TMP, \"w\") f:write(\"x\") f:close() f = io.open(TMP)\nlocal r = {f:read(1)} local s = {f:read(0), f:read(1), f:read(\"l\"), f:read(\"L\"), f:read(\"n\"), f:read(\"a\"), f:read(\"a\")}\nlocal n = select(\"#\", f:read(1)) f:close()\nreturn r[1], s[1], s[2], s[3], s[4], s[5], s[6], s[7], n", "x\tnil\tnil\tnil\tnil\tnil\t\t\t1");
}

#[test]
fn read_zero_not_eof() {
    check("local f = io.open(TMP, \"w\") f:write(\"ab\") f:close() f = io.open(TMP)\nlocal a = f:read(0) local b = f:read(2) local c = f:read(0) f:close() return a, b, c", "\tab\tnil");
}

#[test]
fn read_invalid_format() {
    check("local f = io.open(TMP, \"w\") f:close() f = io.open(TMP) local r = {pcall(f.read, f, \"x\")} local s = {pcall(f.read, f, {})} local t = {pcall(f.read, f, 1.5)} f:close() return r[2], s[2], t[2]", "bad argument #2 to '?' (invalid format)\tbad argument #2 to '?' (string expected, got table)\tbad argument #2 to '?' (number has no integer representation)");
}

#[test]
fn read_huge_count() {
    check("local f = io.open(TMP, \"w\") f:write(\"abc\") f:close() f = io.open(TMP) local r = {pcall(f.read, f, -1)} local s = f:read(2^31) f:close() return r[1], r[2], s", "false\tnot enough memory\tabc");
}

#[test]
fn read_big_l_format() {
    check("local f = io.open(TMP, \"w\") f:write(\"\\n\\nline\\nother\") f:close() f = io.open(TMP)\nlocal a, b, c, d, e = f:read(\"L\"), f:read(\"L\"), f:read(\"L\"), f:read(\"L\"), f:read(\"L\") f:close() return a, b, c, d, e", "\n\t\n\tline\n\tother\tnil");
}

#[test]
fn read_crlf_kept() {
    check("local f = io.open(TMP, \"w\") f:write(\"a\\r\\nb\") f:close() f = io.open(TMP)\nlocal a = f:read() local b = f:read() f:close() return #a, b", "2\tb");
}

#[test]
fn read_binary_bytes() {
    check("local f = io.open(TMP, \"wb\") f:write(\"outra coisa\\0\\1\\3\\0\\0\\0\\0\\255\\0\") f:close() f = io.open(TMP, \"rb\")\nlocal a = f:read(11) local b = f:read(4) local c = f:read(3) local d = f:read(0) local e = f:read(1) local g = f:read(\"a\") local h = f:read(0) f:close()\nreturn a, #b, #c, d, #e, #g, h", "outra coisa\t4\t3\t\t1\t1\tnil");
}

#[test]
fn read_default_line_no_args() {
    check("local f = io.open(TMP, \"w\") f:write(\"first\\nsecond\") f:close() f = io.open(TMP)\nlocal a, b, c = f:read(), f:read(), f:read() f:close() return a, b, c", "first\tsecond\tnil");
}

#[test]
fn read_on_write_only_file() {
    check(
        "local f = io.open(TMP, \"w\") local a, b, c = f:read() f:close() return a, b, c",
        "nil\tBad file descriptor\t9",
    );
}

#[test]
fn write_on_read_only_file() {
    check("local f = io.open(TMP, \"w\") f:close() f = io.open(TMP) local a, b, c = f:write(\"x\") f:close() return a, b, c", "nil\tBad file descriptor\t9");
}

#[test]
fn lines_on_write_only_file() {
    check(
        "local f = io.open(TMP, \"w\") local ok, m = pcall(f:lines()) f:close() return ok, m",
        "false\tBad file descriptor",
    );
}

#[test]
fn seek_positions() {
    check("local f = io.open(TMP, \"w\")\nlocal a = f:seek() f:write(\"alo alo\") local b = f:seek() local c = f:seek(\"cur\", -3) f:write(\"joao\")\nlocal d = f:seek(\"end\") local e = f:seek(\"set\") f:close()\nf = io.open(TMP) local s = f:read(\"a\") f:close() return a, b, c, d, e, s", "0\t7\t4\t8\t0\talo joao");
}

#[test]
fn seek_while_reading() {
    check("local f = io.open(TMP, \"w\") f:write(\"0123456789\") f:close() f = io.open(TMP)\nlocal a = f:read(3) local b = f:seek() local c = f:seek(\"cur\", 2) local d = f:read(2) local e = f:seek(\"end\", -1) local g = f:read(\"a\")\nlocal h = f:seek(\"set\", 20) local i = f:read(\"a\") f:close() return a, b, c, d, e, g, h, i", "012\t3\t5\t56\t9\t9\t20\t");
}

#[test]
fn seek_errors() {
    check("local f = io.open(TMP, \"w\") local a, b, c = f:seek(\"set\", -1) local r = {pcall(f.seek, f, \"bad\")} local s = {pcall(f.seek, f, \"set\", 1.5)} f:close()\nreturn a, b, c, r[2], s[2]", "nil\tInvalid argument\t22\tbad argument #2 to '?' (invalid option 'bad')\tbad argument #3 to '?' (number has no integer representation)");
}

#[test]
fn read_write_update_mode() {
    check("local f = io.open(TMP, \"w\") f:write(\"qualquer coisa\\nmais qualquer coisa\") f:close()\nf = io.open(TMP, \"r+\") local a = f:read(\"l\") f:seek(\"cur\") f:write(\"MAIS\") f:seek(\"set\") local b = f:read(\"a\") f:close() return a, b", "qualquer coisa\tqualquer coisa\nMAIS qualquer coisa");
}

#[test]
fn append_mode() {
    check("local f = io.open(TMP, \"w\") f:write(\"abc\") f:close() f = io.open(TMP, \"a\") f:write(\"def\") f:seek(\"set\") f:write(\"g\") f:close()\nf = io.open(TMP, \"a+\") local a = f:read(\"a\") f:write(\"h\") f:close() f = io.open(TMP) local b = f:read(\"a\") f:close() return a, b", "abcdefg\tabcdefgh");
}

#[test]
fn setvbuf_modes() {
    check("local f = io.open(TMP, \"w\") local fr = io.open(TMP)\nlocal a = f:setvbuf(\"full\", 2000) f:write(\"x\") local b = fr:read(\"a\") f:close() fr:seek(\"set\") local c = fr:read(\"a\")\nf = io.open(TMP, \"a\") f:setvbuf(\"line\") f:write(\"y\") fr:seek(\"set\") local d = fr:read(\"a\") f:write(\"z\\n\") fr:seek(\"set\") local e = fr:read(\"a\")\nf:setvbuf(\"no\") f:write(\"w\") fr:seek(\"set\") local g = fr:read(\"a\") f:close() fr:close()\nlocal r = {pcall(io.stdout.setvbuf, io.stdout, \"bad\")}\nreturn a, b, c, d, e, g, r[2]", "true\t\tx\tx\txyz\n\txyz\nw\tbad argument #2 to '?' (invalid option 'bad')");
}

#[test]
fn flush_writes_out() {
    check("local f = io.open(TMP, \"w\") local fr = io.open(TMP) f:write(\"abc\") local a = fr:read(\"a\") local b = f:flush() local c = fr:read(\"a\") f:close() fr:close() return a, b, c", "\ttrue\tabc");
}

#[test]
fn close_twice() {
    check("local f = io.open(TMP, \"w\") local a = f:close() local r = {pcall(f.close, f)} local s = {pcall(io.close, f)} local t = {pcall(f.read, f)} local u = {pcall(f.write, f)} local v = {pcall(f.lines, f)} local w = {pcall(f.seek, f)} return a, r[2], s[2], t[2], u[2], v[2], w[2]", "true\tattempt to use a closed file\tattempt to use a closed file\tattempt to use a closed file\tattempt to use a closed file\tattempt to use a closed file\tattempt to use a closed file");
}

#[test]
fn close_standard_files() {
    check("local a, b = io.stdin:close() local c, d = io.close(io.stdout) local e = io.stderr:close() return a, b, c, d, e, io.type(io.stdout)", "nil\tcannot close standard file\tnil\tcannot close standard file\tnil\tfile");
}

#[test]
fn method_without_self() {
    check("local r = {pcall(io.stdin.close)} local s = {pcall(io.stdin.read, 1)} local t = {pcall(io.stdout.write, {})} return r[2], s[2], t[2]", "bad argument #1 to '?' (FILE* expected, got no value)\tbad argument #1 to '?' (FILE* expected, got number)\tbad argument #1 to '?' (FILE* expected, got table)");
}

#[test]
fn metatable_fields() {
    check("local mt = getmetatable(io.stdout) return mt.__name, type(mt.__index), type(mt.__gc), type(mt.__close), type(mt.__tostring), mt.__index.read == io.stdin.read, rawequal(getmetatable(io.stdin), mt)", "FILE*\ttable\tfunction\tfunction\tfunction\ttrue\ttrue");
}

#[test]
fn close_variable() {
    check("local F do local f <close> = io.open(TMP, \"w\") F = f f:write(\"x\") end local a = tostring(F)\nlocal f = io.open(TMP) local b = f:read(\"a\") f:close() return a, b", "file (closed)\tx");
}

#[test]
fn gc_closes_files() {
    check("for i = 1, 300 do io.open(TMP, \"w\"):write(\"data\") end collectgarbage() collectgarbage() local f = io.open(TMP) local a = f:read(\"a\") f:close() return a", "data");
}

#[test]
fn lines_basic() {
    check("local f = io.open(TMP, \"w\") f:write(\"a\\n\\nb\\nlast\") f:close()\nlocal s = \"\" local n = 0 for l in io.lines(TMP) do s = s .. \"[\" .. l .. \"]\" n = n + 1 end return s, n", "[a][][b][last]\t4");
}

#[test]
fn lines_with_formats() {
    check("local f = io.open(TMP, \"w\") f:write(\"0123456789\\n\") f:close()\nlocal s = \"\" for a, b in io.lines(TMP, 1, 1) do s = s .. a .. \",\" .. tostring(b) .. \";\" end\nfor a, b, c in io.lines(TMP, 1, 2, \"a\") do s = s .. a .. \"|\" .. b .. \"|\" .. c end\nfor a, b, c in io.lines(TMP, \"a\", 0, 1) do if a == \"\" then break end s = s .. a .. tostring(b) .. tostring(c) end return s", "0,1;2,3;4,5;6,7;8,9;\n,nil;0|12|3456789\n0123456789\nnilnil");
}

#[test]
fn lines_numbers() {
    check("local f = io.open(TMP, \"w\") f:write(\"00\\n10\\n20\\n30\\n40\\n\") f:close()\nlocal s = \"\" for a, b in io.lines(TMP, \"n\", \"n\") do s = s .. a .. \",\" .. tostring(b) .. \";\" end return s", "0,10;20,30;40,nil;");
}

#[test]
fn lines_big_l_format() {
    check("local f = io.open(TMP, \"w\") f:write(\"\\n\\nline\\nother\") f:close()\nlocal s = \"\" for l in io.lines(TMP, \"L\") do s = s .. l end local t = \"\" for l in io.lines(TMP, \"l\") do t = t .. l end return s, t", "\n\nline\nother\tlineother");
}

#[test]
fn lines_iterator_after_eof() {
    check("local f = io.open(TMP, \"w\") f:write(\"a\\nb\\n\") f:close()\nlocal it = io.lines(TMP) local n = 0 while it() do n = n + 1 end local r = {pcall(it)} local s = {pcall(it)} return n, r[1], r[2], s[2]", "2\tfalse\tfile is already closed\tfile is already closed");
}

#[test]
fn lines_returns_four_values() {
    check("local f = io.open(TMP, \"w\") f:close() local a, b, c, d = io.lines(TMP) local t = io.type(d) d:close() return type(a), b, c, t, io.type(d)", "function\tnil\tnil\tfile\tclosed file");
}

#[test]
fn lines_closes_on_break() {
    check("local f = io.open(TMP, \"w\") f:write(\"a\\nb\\n\") f:close()\nlocal function get() local g for l, _ in io.lines(TMP) do g = true break end end\nlocal a, b, c, d = io.lines(TMP) for l in a, b, c, d do break end return io.type(d)", "closed file");
}

#[test]
fn lines_method_does_not_close() {
    check("local f = io.open(TMP, \"w\") f:write(\"a\\nb\\n\") f:close() f = io.open(TMP)\nlocal n = 0 for l in f:lines() do n = n + 1 end local t = io.type(f) f:close() return n, t", "2\tfile");
}

#[test]
fn lines_missing_file() {
    check(
        "local r = {pcall(io.lines, \"/nonexistent/dir/x\")} return r[1], r[2]",
        "false\tcannot open file '/nonexistent/dir/x' (No such file or directory)",
    );
}

#[test]
fn lines_too_many_arguments() {
    check("local f = io.open(TMP, \"w\") f:close()\nlocal function call(n) local s = \"return pcall(io.lines, TMP\" for i = 1, n do s = s .. \", 'l'\" end return load(s .. \")\")() end\nlocal a, b, x, y, file = call(250) local c, d = call(251) return a, type(b), x, y, io.type(file), c, d", "true\tfunction\tnil\tnil\tfile\tfalse\tbad argument #252 to 'io.lines' (too many arguments)");
}

#[test]
fn lines_bad_format_deferred() {
    check("local f = io.open(TMP, \"w\") f:write(\"x\\n\") f:close() local it = io.lines(TMP, {}) local r = {pcall(it)} return type(it), r[2]", "function\tbad argument #2 to '?' (string expected, got table)");
}

#[test]
fn lines_with_load() {
    check("local f = io.open(TMP, \"w\") f:write(\"a = 10 + 34\\na = 2*a\\na = -a\\nreturn a\\n\") f:close()\nreturn load((io.lines(TMP, \"L\")))(), load((io.lines(TMP, 1)))(), load((io.lines(TMP, 3)))(), load(io.lines(TMP))", "-88\t-88\t-88\tnil\t(load):1: malformed number near '34a'");
}

#[test]
fn default_input_output() {
    check("io.output(TMP) local a = io.output() ~= io.stdout io.write(\"line1\\n\", 2, \"\\n\", 3.5) local w = io.write(\"\") == io.output() io.close()\nlocal r = {pcall(io.write, \"x\")} io.output(io.stdout)\nio.input(TMP) local b, c = io.read(\"l\", \"n\") local d = io.read(\"L\") local e = io.read(\"n\") local g = io.read() io.close(io.input())\nlocal s = {pcall(io.read)} local t = {pcall(io.lines)} io.input(io.stdin)\nreturn a, w, r[2], b, c, d, e, g, s[2], t[2]", "true\ttrue\tdefault output file is closed\tline1\t2\t\n\t3.5\tnil\tdefault input file is closed\tattempt to use a closed file");
}

#[test]
fn input_output_errors() {
    check("local r = {pcall(io.input, {})} local s = {pcall(io.output, \"/nonexistent/dir/x\")} local t = {pcall(io.input, \"/nonexistent/dir/y\")}\nreturn r[2], s[2], t[2], io.input() == io.stdin, io.output() == io.stdout", "bad argument #1 to 'io.input' (FILE* expected, got table)\tcannot open file '/nonexistent/dir/x' (No such file or directory)\tcannot open file '/nonexistent/dir/y' (No such file or directory)\ttrue\ttrue");
}

#[test]
fn input_with_handle() {
    check("local f = io.open(TMP, \"w\") f:write(\"abc\") f:close() f = io.open(TMP) local a = io.input(f) == f local b = io.read(2) io.input(io.stdin) f:close() return a, b", "true\tab");
}

#[test]
fn io_lines_default_input() {
    check("local f = io.open(TMP, \"w\") f:write(\"x\\ny\\n\") f:close() io.input(TMP) local s = \"\" for l in io.lines() do s = s .. l end\nfor l in io.lines(nil, \"L\") do s = s .. l end local t = io.type(io.input()) io.input():close() io.input(io.stdin) return s, t", "xy\tfile");
}

#[test]
fn io_read_invalid_format() {
    check("local r = {pcall(io.read, \"x\")} local s = {pcall(io.read, \"*x\")} return r[2], s[2]", "bad argument #1 to 'io.read' (invalid format)\tbad argument #1 to 'io.read' (invalid format)");
}

#[test]
fn io_close_default_output() {
    check("io.output(TMP) local f = io.output() local a = io.close() local b = io.type(f) io.output(io.stdout) local r = {pcall(io.close, f)} return a, b, r[2]", "true\tclosed file\tattempt to use a closed file");
}

#[test]
fn io_flush() {
    check("local a = io.flush() io.output(TMP) local f = io.output() io.write(\"x\") local b = io.flush() f:close() local r = {pcall(io.flush)} io.output(io.stdout) return a, b, r[2]", "true\ttrue\tdefault output file is closed");
}

#[test]
fn tmpfile_usage() {
    check("local f = io.tmpfile() local t = io.type(f) f:write(\"alo\") f:seek(\"set\") local a = f:read(\"a\") f:close() return t, a", "file\talo");
}

#[test]
fn popen_read() {
    check("local f = io.popen(\"echo hello; echo world\") local a, b = f:read(\"l\", \"a\") return a, b, f:close()", "hello\tworld\n\ttrue\texit\t0");
}

#[test]
fn popen_write() {
    check("local f = io.popen(\"cat > \" .. TMP, \"w\") local r = f:write(\"a line\") == f local c = {f:close()} local g = io.open(TMP) local s = g:read(\"a\") g:close() return r, c[1], c[2], c[3], s", "true\ttrue\texit\t0\ta line");
}

#[test]
fn popen_exit_status() {
    check("local a = {io.popen(\"exit 3\"):close()} local b = {io.popen(\"exit 129\"):close()} local c = {io.popen(\"kill -s HUP $$\"):close()} local d = {io.popen(\"kill -s KILL $$\"):close()} local e = {io.popen(\"true\"):close()} return a[1], a[2], a[3], b[3], c[1], c[2], c[3], d[3], e[1], e[2], e[3]", "nil\texit\t3\t129\tnil\tsignal\t1\t9\ttrue\texit\t0");
}

#[test]
fn popen_invalid_mode() {
    check("local a = {pcall(io.popen, \"cat\", \"\")} local b = {pcall(io.popen, \"cat\", \"r+\")} local c = {pcall(io.popen, \"cat\", \"rw\")} return a[2], b[2], c[2]", "bad argument #2 to 'io.popen' (invalid mode)\tbad argument #2 to 'io.popen' (invalid mode)\tbad argument #2 to 'io.popen' (invalid mode)");
}

#[test]
fn popen_seek_fails() {
    check(
        "local f = io.popen(\"true\") local a, b, c = f:seek() f:close() return a, b, c",
        "nil\tIllegal seek\t29",
    );
}

#[test]
fn popen_read_only() {
    check(
        "local f = io.popen(\"true\") local a, b, c = f:write(\"x\") f:close() return a, b, c",
        "nil\tBad file descriptor\t9",
    );
}

#[test]
fn popen_lines() {
    check("local f = io.popen(\"printf \\\"1\\\\n2\\\\n3\\\"\"); local s = 0 for n in f:lines(\"n\") do s = s + n end f:close() return s", "6");
}

//! x
//! Expected values were recorded by running each chunk with lua5.4 (the reference)
//! through the same harness: results joined by tabs, or "error: <message>".

mod tablib_common;
use tablib_common::check;

#[test]
fn char_basic() {
    check(
        r#"return utf8.char(72, 0x4e2d, 0x10FFFF, 0x7FFFFFFF), utf8.char(), utf8.char(0), #utf8.char(0x7FFFFFFF), #utf8.char(0x80, 0x800, 0x10000, 0x200000, 0x4000000)"#,
        b"H\xe4\xb8\xad\xf4\x8f\xbf\xbf\xfd\xbf\xbf\xbf\xbf\xbf\x09\x09\x00\x096\x0920",
    );
}

#[test]
fn char_errors() {
    check(
        r#"local function E(...) local ok, e = pcall(...) return tostring(ok) .. ': ' .. tostring(e) end
return E(utf8.char, -1), E(utf8.char, 1, 0x80000000), E(utf8.char, "x"), E(utf8.char, 1.5)"#,
        r#"false: bad argument #1 to 'utf8.char' (value out of range)	false: bad argument #2 to 'utf8.char' (value out of range)	false: bad argument #1 to 'utf8.char' (number expected, got string)	false: bad argument #1 to 'utf8.char' (number has no integer representation)"#.as_bytes(),
    );
}

#[test]
fn char_error_direct() {
    check(
        r#"return utf8.char(65, 66, -3)"#,
        r#"error: test:1: bad argument #3 to 'char' (value out of range)"#.as_bytes(),
    );
}

#[test]
fn char_string_numbers() {
    check(r#"return utf8.char("65", 66.0)"#, r#"AB"#.as_bytes());
}

#[test]
fn charpattern() {
    check(
        r#"return utf8.charpattern == "[\0-\x7F\xC2-\xFD][\x80-\xBF]*", #utf8.charpattern"#,
        r#"true	14"#.as_bytes(),
    );
}

#[test]
fn len_basic() {
    check(
        r#"local s = "héllo中"
return utf8.len(s), utf8.len(s, 3), utf8.len(s, 2, 3), utf8.len(""), utf8.len(s, -3), utf8.len(s, #s + 1)"#,
        r#"6	nil	1	0	1	0"#.as_bytes(),
    );
}

#[test]
fn len_invalid() {
    check(
        r#"return utf8.len("\xff"), utf8.len("ab\x80cd"), utf8.len("abc\xe4"), utf8.len("\xed\xa0\x80"), utf8.len("\xc0\x80")"#,
        r#"nil	nil	nil	nil	nil	1"#.as_bytes(),
    );
}

#[test]
fn len_lax() {
    check(
        r#"return utf8.len("\u{D800}", 1, -1, true), utf8.len("\u{D800}"), utf8.len("\u{7FFFFFFF}", 1, -1, true), utf8.len("\u{110000}")"#,
        r#"1	nil	1	nil	1"#.as_bytes(),
    );
}

#[test]
fn len_bounds() {
    check(
        r#"local function E(...) local ok, e = pcall(...) return tostring(ok) .. ': ' .. tostring(e) end
local s = "héllo"
return E(utf8.len, s, 20), E(utf8.len, s, 1, 20), E(utf8.len, s, 0), utf8.len(s, -100 + 95)"#,
        r#"false: bad argument #2 to 'utf8.len' (initial position out of bounds)	false: bad argument #3 to 'utf8.len' (final position out of bounds)	false: bad argument #2 to 'utf8.len' (initial position out of bounds)	4"#.as_bytes(),
    );
}

#[test]
fn len_bounds_direct() {
    check(
        r#"return utf8.len("abc", 5)"#,
        r#"error: test:1: bad argument #2 to 'len' (initial position out of bounds)"#.as_bytes(),
    );
}

#[test]
fn len_continuation_start() {
    check(r#"return utf8.len("héllo", 3)"#, r#"nil	3"#.as_bytes());
}

#[test]
fn len_arg_types() {
    check(
        r#"local function E(...) local ok, e = pcall(...) return tostring(ok) .. ': ' .. tostring(e) end
return E(utf8.len), E(utf8.len, "x", "y"), E(utf8.len, {})"#,
        r#"false: bad argument #1 to 'utf8.len' (string expected, got no value)	false: bad argument #2 to 'utf8.len' (number expected, got string)	false: bad argument #1 to 'utf8.len' (string expected, got table)"#.as_bytes(),
    );
}

#[test]
fn codepoint_basic() {
    check(
        r#"local s = "héllo中"
return utf8.codepoint(s, 1, -1)"#,
        r#"104	233	108	108	111	20013"#.as_bytes(),
    );
}

#[test]
fn codepoint_default_range() {
    check(
        r##"return utf8.codepoint("héllo"), utf8.codepoint("héllo", 2), utf8.codepoint("héllo", -1), select("#", utf8.codepoint("abc", 3, 2))"##,
        r#"104	233	111	0"#.as_bytes(),
    );
}

#[test]
fn codepoint_bounds() {
    check(
        r#"local function E(...) local ok, e = pcall(...) return tostring(ok) .. ': ' .. tostring(e) end
local s = "héllo"
return E(utf8.codepoint, s, 0), E(utf8.codepoint, s, 1, 100), E(utf8.codepoint, s, 7)"#,
        r#"false: bad argument #2 to 'utf8.codepoint' (out of bounds)	false: bad argument #3 to 'utf8.codepoint' (out of bounds)	false: bad argument #3 to 'utf8.codepoint' (out of bounds)"#.as_bytes(),
    );
}

#[test]
fn codepoint_invalid() {
    check(
        r#"local function E(...) local ok, e = pcall(...) return tostring(ok) .. ': ' .. tostring(e) end
return E(utf8.codepoint, "\xff"), E(utf8.codepoint, "a\x80", 1, -1), E(utf8.codepoint, "\xed\xa0\x80")"#,
        r#"false: invalid UTF-8 code	false: invalid UTF-8 code	false: invalid UTF-8 code"#
            .as_bytes(),
    );
}

#[test]
fn codepoint_invalid_direct() {
    check(
        r#"return utf8.codepoint("ab\xff", 1, -1)"#,
        r#"error: test:1: invalid UTF-8 code"#.as_bytes(),
    );
}

#[test]
fn codepoint_lax() {
    check(
        r#"local function E(...) local ok, e = pcall(...) return tostring(ok) .. ': ' .. tostring(e) end
return utf8.codepoint("\u{7FFFFFFF}", 1, 1, true), utf8.codepoint("\u{D800}", 1, 1, true), E(utf8.codepoint, "\u{7FFFFFFF}")"#,
        r#"2147483647	55296	false: invalid UTF-8 code"#.as_bytes(),
    );
}

#[test]
fn codepoint_continuation_in_range() {
    check(
        r#"return utf8.codepoint("héllo", 3, 3)"#,
        r#"error: test:1: invalid UTF-8 code"#.as_bytes(),
    );
}

#[test]
fn codepoint_long_string() {
    check(
        r##"local s
local t = {}
for i = 1, 5000 do t[i] = "é" end
s = table.concat(t)
return select("#", utf8.codepoint(s, 1, -1))"##,
        r#"5000"#.as_bytes(),
    );
}

#[test]
fn offset_basic() {
    check(
        r#"local s = "héllo中"
return utf8.offset(s, 3), utf8.offset(s, -1), utf8.offset(s, 0, 3), utf8.offset(s, 10), utf8.offset(s, 1), utf8.offset(s, -6), utf8.offset(s, -7), utf8.offset(s, 7)"#,
        r#"4	7	2	nil	1	1	nil	10"#.as_bytes(),
    );
}

#[test]
fn offset_zero() {
    check(
        r#"local s = "a中b"
return utf8.offset(s, 0, 1), utf8.offset(s, 0, 2), utf8.offset(s, 0, 3), utf8.offset(s, 0, 4), utf8.offset(s, 0, 5), utf8.offset(s, 0, 6)"#,
        r#"1	2	2	2	5	6"#.as_bytes(),
    );
}

#[test]
fn offset_from_position() {
    check(
        r#"local s = "a中b"
return utf8.offset(s, 2, 2), utf8.offset(s, -1, 5), utf8.offset(s, 1, 6), utf8.offset(s, 2, 6), utf8.offset(s, -1, 1)"#,
        r#"5	2	6	nil	nil"#.as_bytes(),
    );
}

#[test]
fn offset_errors() {
    check(
        r#"local function E(...) local ok, e = pcall(...) return tostring(ok) .. ': ' .. tostring(e) end
local s = "héllo"
return E(utf8.offset, s, 1, 3), E(utf8.offset, s, 1, 100), E(utf8.offset, s, 1, 0), E(utf8.offset, s)"#,
        r#"false: initial position is a continuation byte	false: bad argument #3 to 'utf8.offset' (position out of bounds)	false: bad argument #3 to 'utf8.offset' (position out of bounds)	false: bad argument #2 to 'utf8.offset' (number expected, got no value)"#.as_bytes(),
    );
}

#[test]
fn offset_continuation_direct() {
    check(
        r#"return utf8.offset("héllo", 1, 3)"#,
        r#"error: test:1: initial position is a continuation byte"#.as_bytes(),
    );
}

#[test]
fn codes_basic() {
    check(
        r#"local s = "héllo中"
local o = {}
for p, c in utf8.codes(s) do o[#o + 1] = p .. ":" .. c end
return table.concat(o, " ")"#,
        r#"1:104 2:233 4:108 5:108 6:111 7:20013"#.as_bytes(),
    );
}

#[test]
fn codes_invalid() {
    check(
        r#"local function E(...) local ok, e = pcall(...) return tostring(ok) .. ': ' .. tostring(e) end
return E(function() for p, c in utf8.codes("a\xffb") do end end)"#,
        r#"false: test:2: invalid UTF-8 code"#.as_bytes(),
    );
}

#[test]
fn codes_lax() {
    check(
        r#"local function E(...) local ok, e = pcall(...) return tostring(ok) .. ': ' .. tostring(e) end
local o = {}
for p, c in utf8.codes("\u{D800}x\u{7FFFFFFF}", true) do o[#o + 1] = p .. ":" .. c end
return table.concat(o, " "), E(function() for p, c in utf8.codes("\u{D800}x") do end end)"#,
        r#"1:55296 4:120 5:2147483647	false: test:4: invalid UTF-8 code"#.as_bytes(),
    );
}

#[test]
fn codes_skips_stray_continuation() {
    check(
        r#"local o = {}
for p, c in utf8.codes("a\x80\x80b") do o[#o + 1] = p .. ":" .. c end
return table.concat(o, " ")"#,
        r#"1:97 4:98"#.as_bytes(),
    );
}

#[test]
fn codes_truncated_sequence() {
    check(
        r#"local function E(...) local ok, e = pcall(...) return tostring(ok) .. ': ' .. tostring(e) end
return E(function() local o = {} for p, c in utf8.codes("ab\xe4\xb8") do o[#o + 1] = c end return #o end)"#,
        r#"false: test:2: invalid UTF-8 code"#.as_bytes(),
    );
}

#[test]
fn codes_errors() {
    check(
        r#"local function E(...) local ok, e = pcall(...) return tostring(ok) .. ': ' .. tostring(e) end
return E(utf8.codes, nil), E(utf8.codes)"#,
        r#"false: bad argument #1 to 'utf8.codes' (string expected, got nil)	false: bad argument #1 to 'utf8.codes' (string expected, got no value)"#.as_bytes(),
    );
}

#[test]
fn codes_iterator_direct() {
    check(
        r#"local f, s, i = utf8.codes("héllo")
return f(s, i), f(s, 1), f(s, 2), f(s, 5), f(s, 6), f(s, -1), f("x", "1")"#,
        r#"1	2	4	6	nil	nil"#.as_bytes(),
    );
}

#[test]
fn codes_iterator_errors() {
    check(
        r##"local function E(...) local ok, e = pcall(...) return tostring(ok) .. ': ' .. tostring(e) end
local f = utf8.codes("abc")
return E(f, nil, 0), select("#", f("abc", 100)), select("#", f("abc", 3))"##,
        r#"false: bad argument #1 to '?' (string expected, got nil)	0	0"#.as_bytes(),
    );
}

#[test]
fn codes_empty() {
    check(
        r#"local n = 0
for _ in utf8.codes("") do n = n + 1 end
return n"#,
        r#"0"#.as_bytes(),
    );
}

#[test]
fn library_contents() {
    check(
        r#"local names = {}
for k in pairs(utf8) do names[#names + 1] = k end
table.sort(names)
return table.concat(names, " ")"#,
        r#"char charpattern codepoint codes len offset"#.as_bytes(),
    );
}

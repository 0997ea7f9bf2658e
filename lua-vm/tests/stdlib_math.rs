//! x
//! Expected values were recorded by running each chunk with lua5.4 (the reference)
//! through the same harness: results joined by tabs, or "error: <message>".

mod tablib_common;
use tablib_common::check;

#[test]
fn random_seed_42() {
    check(
        r#"math.randomseed(42)
return math.random(1, 100)"#,
        r#"50"#.as_bytes(),
    );
}

#[test]
fn randomseed_returns_seeds() {
    check(
        r#"return math.randomseed(42), math.randomseed(-1, 7.0), math.randomseed(3.0)"#,
        r#"42	-1	3	0"#.as_bytes(),
    );
}

#[test]
fn randomseed_no_args_returns_two_integers() {
    check(
        r##"local a, b = math.randomseed()
return math.type(a), math.type(b), select("#", math.randomseed())"##,
        r#"integer	integer	2"#.as_bytes(),
    );
}

#[test]
fn random_sequence_seed_42() {
    check(
        r#"math.randomseed(42)
return math.random(), math.random(0), math.random(10), math.random(-5, 5), math.random(math.mininteger, math.maxinteger)"#,
        r#"0.93081217803957	8333941968102511665	6	0	-9046270629122405825"#.as_bytes(),
    );
}

#[test]
fn random_sequence_seed_1_2() {
    check(
        r#"math.randomseed(1, 2)
local t = {}
for i = 1, 8 do t[i] = math.random(1, 1000000) end
return table.concat(t, " ")"#,
        r#"559234 634761 330909 547512 961625 229296 971777 961764"#.as_bytes(),
    );
}

#[test]
fn random_floats() {
    check(
        r#"math.randomseed(7)
local t = {}
for i = 1, 6 do t[i] = math.random() end
return table.unpack(t)"#,
        r#"0.77898184896709	0.38808095006413	0.74830981146053	0.36610929344955	0.016710592659205	0.59970482473607"#.as_bytes(),
    );
}

#[test]
fn random_float_exact_bits() {
    check(
        r#"math.randomseed(123)
local x = math.random()
return x * 2^53, math.type(x * 2^53)"#,
        r#"1.9280719789349e+15	float"#.as_bytes(),
    );
}

#[test]
fn random_projection_non_power_of_two() {
    check(
        r#"math.randomseed(99, 1)
local t = {}
for i = 1, 10 do t[i] = math.random(3, 2^40) end
return table.concat(t, " ")"#,
        r#"930521602693 245748124809 369733264929 268293021070 1023059619261 636132333589 1087237824482 291228990706 630323488046 111878063160"#.as_bytes(),
    );
}

#[test]
fn random_power_of_two_interval() {
    check(
        r#"math.randomseed(5)
local t = {}
for i = 1, 10 do t[i] = math.random(0, 15) end
return table.concat(t, " ")"#,
        r#"10 5 7 13 3 7 13 0 3 2"#.as_bytes(),
    );
}

#[test]
fn random_single_argument() {
    check(
        r#"math.randomseed(2023)
local t = {}
for i = 1, 10 do t[i] = math.random(6) end
return table.concat(t, " ")"#,
        r#"6 5 2 4 6 1 1 4 2 2"#.as_bytes(),
    );
}

#[test]
fn random_zero_full_integer() {
    check(
        r#"math.randomseed(0)
return math.random(0), math.random(0)"#,
        r#"4554719557422691265	4331835599999590920"#.as_bytes(),
    );
}

#[test]
fn random_full_range() {
    check(
        r#"math.randomseed(11)
return math.random(math.mininteger, math.maxinteger), math.random(math.mininteger, -1), math.random(math.maxinteger)"#,
        r#"-965501466137731921	-3723277542698527661	3813854867809929705"#.as_bytes(),
    );
}

#[test]
fn random_errors() {
    check(
        r#"local function E(...) local ok, e = pcall(...) return tostring(ok) .. ': ' .. tostring(e) end
return select(2, E(math.random, 1, 2, 3)), select(2, E(math.random, 5, 1)), select(2, E(math.random, 0.5)), select(2, E(math.random, 2, "x"))"#,
        r#"nil	nil	nil"#.as_bytes(),
    );
}

#[test]
fn random_error_direct() {
    check(
        r#"math.random(3, 1)"#,
        r#"error: test:1: bad argument #1 to 'random' (interval is empty)"#.as_bytes(),
    );
}

#[test]
fn random_error_still_advances() {
    check(
        r#"math.randomseed(8)
pcall(math.random, 2, 1)
local a = math.random(100)
math.randomseed(8)
local b = math.random(100)
return a, b"#,
        r#"37	46"#.as_bytes(),
    );
}

#[test]
fn random_negative_interval() {
    check(
        r#"math.randomseed(77)
return math.random(-10, -1), math.random(-3, 3), math.random(1, 1)"#,
        r#"-10	2	1"#.as_bytes(),
    );
}

#[test]
fn random_float_arguments() {
    check(
        r#"local function E(...) local ok, e = pcall(...) return tostring(ok) .. ': ' .. tostring(e) end
math.randomseed(4)
return math.random(1.0, 10.0), E(math.random, 1, 2.5)"#,
        r#"5	false: bad argument #2 to 'math.random' (number has no integer representation)"#
            .as_bytes(),
    );
}

#[test]
fn abs() {
    check(
        r#"return math.abs(math.mininteger), math.abs(-2.5), math.abs(-0.0), math.abs(-7), math.abs("-3"), math.abs(1/0 * -1)"#,
        r#"-9223372036854775808	2.5	0.0	7	3.0	inf"#.as_bytes(),
    );
}

#[test]
fn abs_errors() {
    check(
        r#"local function E(...) local ok, e = pcall(...) return tostring(ok) .. ': ' .. tostring(e) end
return E(math.abs), E(math.abs, "x")"#,
        r#"false: bad argument #1 to 'math.abs' (number expected, got no value)	false: bad argument #1 to 'math.abs' (number expected, got string)"#.as_bytes(),
    );
}

#[test]
fn floor_ceil() {
    check(
        r#"return math.floor(3.7), math.floor(-3.7), math.floor(2^70), math.ceil(3.2), math.ceil(-0.5), math.floor("3.5"), math.floor(5), math.ceil(-2^63), math.floor(-2^63 - 2048)"#,
        r#"3	-4	1.1805916207174e+21	4	0	3	5	-9223372036854775808	-9.2233720368548e+18"#.as_bytes(),
    );
}

#[test]
fn floor_ceil_special() {
    check(
        r#"return math.floor(1/0), math.ceil(-1/0), math.floor(0.0), math.ceil(-0.0), math.type(math.floor(2.0^62)), math.floor(2^63)"#,
        r#"inf	-inf	0	0	integer	9.2233720368548e+18"#.as_bytes(),
    );
}

#[test]
fn floor_errors() {
    check(
        r#"local function E(...) local ok, e = pcall(...) return tostring(ok) .. ': ' .. tostring(e) end
return E(math.floor, "x"), E(math.ceil, {})"#,
        r#"false: bad argument #1 to 'math.floor' (number expected, got string)	false: bad argument #1 to 'math.ceil' (number expected, got table)"#.as_bytes(),
    );
}

#[test]
fn fmod_integers() {
    check(
        r#"return math.fmod(7, 3), math.fmod(-7, 3), math.fmod(7, -3), math.fmod(math.mininteger, -1), math.fmod(math.mininteger, math.maxinteger), math.fmod(5, math.mininteger)"#,
        r#"1	-1	1	0	-1	5"#.as_bytes(),
    );
}

#[test]
fn fmod_zero() {
    check(
        r#"local function E(...) local ok, e = pcall(...) return tostring(ok) .. ': ' .. tostring(e) end
return E(math.fmod, 1, 0)"#,
        r#"false: bad argument #2 to 'math.fmod' (zero)"#.as_bytes(),
    );
}

#[test]
fn fmod_zero_direct() {
    check(
        r#"return math.fmod(1, 0)"#,
        r#"error: test:1: bad argument #2 to 'fmod' (zero)"#.as_bytes(),
    );
}

#[test]
fn fmod_floats() {
    check(
        r#"return math.fmod(7.5, 2), math.fmod(-7.5, 2), math.fmod(1, 1/0), math.fmod(3, 2.0), math.fmod(-6, 3.0), math.fmod(2^53, 3)"#,
        r#"1.5	-1.5	1.0	1.0	-0.0	2.0"#.as_bytes(),
    );
}

#[test]
fn fmod_nan_results() {
    check(
        r#"local a, b = math.fmod(1, 0.0), math.fmod(1/0, 1)
return a ~= a, b ~= b"#,
        r#"true	true"#.as_bytes(),
    );
}

#[test]
fn fmod_errors() {
    check(
        r#"local function E(...) local ok, e = pcall(...) return tostring(ok) .. ': ' .. tostring(e) end
return E(math.fmod, 1), E(math.fmod, "a", 1)"#,
        r#"false: bad argument #2 to 'math.fmod' (number expected, got no value)	false: bad argument #1 to 'math.fmod' (number expected, got string)"#.as_bytes(),
    );
}

#[test]
fn fmod_string_numbers() {
    check(
        r#"return math.fmod("7", "3"), math.type(math.fmod("7", "3"))"#,
        r#"1.0	float"#.as_bytes(),
    );
}

#[test]
fn log_bases() {
    check(
        r#"return math.log(8, 2), math.log(100, 10), math.log(27, 3), math.log(0), math.log(1), math.log(2.718281828459045), math.log(1024, 4), math.log(0, 10), math.log(2^-1074, 2)"#,
        r#"3.0	2.0	3.0	-inf	0.0	1.0	5.0	-inf	-1074.0"#.as_bytes(),
    );
}

#[test]
fn log_nan() {
    check(
        r#"local x = math.log(-1)
return x ~= x"#,
        r#"true"#.as_bytes(),
    );
}

#[test]
fn log_errors() {
    check(
        r#"local function E(...) local ok, e = pcall(...) return tostring(ok) .. ': ' .. tostring(e) end
return E(math.log), E(math.log, 2, "x"), math.log(8, nil)"#,
        r#"false: bad argument #1 to 'math.log' (number expected, got no value)	false: bad argument #2 to 'math.log' (number expected, got string)	2.0794415416798"#.as_bytes(),
    );
}

#[test]
fn exp_sqrt_trig() {
    check(
        r#"return math.sqrt(2), math.exp(1), math.sin(1), math.cos(1), math.tan(1), math.asin(0.5), math.acos(0.5), math.atan(1)"#,
        r#"1.4142135623731	2.718281828459	0.8414709848079	0.54030230586814	1.5574077246549	0.5235987755983	1.0471975511966	0.78539816339745"#.as_bytes(),
    );
}

#[test]
fn trig_precise() {
    check(
        r#"return math.sin(1e22) == -0.8522008497671888, math.exp(700) == 1.0142320547350045e+304, math.sqrt(-0.0), 1 / math.sqrt(-0.0)"#,
        r#"true	true	-0.0	-inf"#.as_bytes(),
    );
}

#[test]
fn atan_two_args() {
    check(
        r#"return math.atan(1, -1), math.atan(-0.0, -1), math.atan(0, 0), math.atan(1, 0), math.atan(-1, -1/0), math.atan(2, nil)"#,
        r#"2.3561944901923	-3.1415926535898	0.0	1.5707963267949	-3.1415926535898	1.1071487177941"#
            .as_bytes(),
    );
}

#[test]
fn trig_errors() {
    check(
        r#"local function E(...) local ok, e = pcall(...) return tostring(ok) .. ': ' .. tostring(e) end
return E(math.sin), E(math.atan, 1, "x"), E(math.sqrt, {})"#,
        r#"false: bad argument #1 to 'math.sin' (number expected, got no value)	false: bad argument #2 to 'math.atan' (number expected, got string)	false: bad argument #1 to 'math.sqrt' (number expected, got table)"#.as_bytes(),
    );
}

#[test]
fn max_min() {
    check(
        r#"return math.max(3, 1, 2), math.min(3.5, 1, 2), math.max(1, 1.0), math.min(1.0, 1), math.max(-0.0, 0.0), math.max(2), math.min(math.mininteger, -1/0)"#,
        r#"3	1	1	1.0	-0.0	2	-inf"#.as_bytes(),
    );
}

#[test]
fn max_min_strings() {
    check(
        r#"return math.max("a", "b"), math.min("b", "a", "c")"#,
        r#"b	a"#.as_bytes(),
    );
}

#[test]
fn max_min_errors() {
    check(
        r#"local function E(...) local ok, e = pcall(...) return tostring(ok) .. ': ' .. tostring(e) end
return E(math.min), E(math.max), E(math.min, 1, "x"), E(math.max, {}, {})"#,
        r#"false: bad argument #1 to 'math.min' (value expected)	false: bad argument #1 to 'math.max' (value expected)	false: attempt to compare string with number	false: attempt to compare two table values"#.as_bytes(),
    );
}

#[test]
fn max_min_direct_error() {
    check(
        r#"return math.max()"#,
        r#"error: test:1: bad argument #1 to 'max' (value expected)"#.as_bytes(),
    );
}

#[test]
fn max_min_metamethods() {
    check(
        r#"local mt = {__lt = function(a, b) return a.v < b.v end}
local a, b = setmetatable({v = 1}, mt), setmetatable({v = 2}, mt)
return math.max(a, b).v, math.min(a, b).v"#,
        r#"2	1"#.as_bytes(),
    );
}

#[test]
fn max_mixed() {
    check(
        r#"return math.max(1, 2.5, 2), math.type(math.max(1, 2)), math.max(math.maxinteger, 2^63), math.min(math.maxinteger, 2^63)"#,
        r#"2.5	integer	9.2233720368548e+18	9223372036854775807"#.as_bytes(),
    );
}

#[test]
fn constants() {
    check(
        r#"return math.maxinteger, math.mininteger, math.pi, math.huge, -math.huge, math.type(math.maxinteger), math.type(math.pi)"#,
        r#"9223372036854775807	-9223372036854775808	3.1415926535898	inf	-inf	integer	float"#
            .as_bytes(),
    );
}

#[test]
fn modf() {
    check(
        r#"return math.modf(3.7), math.modf(-3.7), math.modf(1/0), math.modf(-1/0), math.modf(7), math.modf(-0.5)"#,
        r#"3	-3	inf	-inf	7	0	-0.5"#.as_bytes(),
    );
}

#[test]
fn modf_types() {
    check(
        r#"local a, b = math.modf(3.5)
local c, d = math.modf(2^63)
local e, f = math.modf(5)
return math.type(a), math.type(b), math.type(c), math.type(d), math.type(e), math.type(f)"#,
        r#"integer	float	float	float	integer	float"#.as_bytes(),
    );
}

#[test]
fn modf_nan() {
    check(
        r#"local a, b = math.modf(0/0)
return a ~= a, b ~= b"#,
        r#"true	true"#.as_bytes(),
    );
}

#[test]
fn modf_errors() {
    check(
        r#"local function E(...) local ok, e = pcall(...) return tostring(ok) .. ': ' .. tostring(e) end
return E(math.modf), E(math.modf, "x")"#,
        r#"false: bad argument #1 to 'math.modf' (number expected, got no value)	false: bad argument #1 to 'math.modf' (number expected, got string)"#.as_bytes(),
    );
}

#[test]
fn tointeger() {
    check(
        r#"return math.tointeger(3.5), math.tointeger("10"), math.tointeger(" 0x10 "), math.tointeger(2^63), math.tointeger("3.0"), math.tointeger(3.0), math.tointeger(-0.0), math.tointeger({}), math.tointeger("x"), math.tointeger(nil)"#,
        r#"nil	10	16	nil	3	3	0	nil	nil	nil"#.as_bytes(),
    );
}

#[test]
fn tointeger_no_arg() {
    check(
        r#"local function E(...) local ok, e = pcall(...) return tostring(ok) .. ': ' .. tostring(e) end
return E(math.tointeger)"#,
        r#"false: bad argument #1 to 'math.tointeger' (value expected)"#.as_bytes(),
    );
}

#[test]
fn type_names() {
    check(
        r#"return math.type(1), math.type(1.0), math.type("1"), math.type(nil), math.type({}), math.type(2^63)"#,
        r#"integer	float	nil	nil	nil	float"#.as_bytes(),
    );
}

#[test]
fn type_no_arg() {
    check(
        r#"local function E(...) local ok, e = pcall(...) return tostring(ok) .. ': ' .. tostring(e) end
return E(math.type)"#,
        r#"false: bad argument #1 to 'math.type' (value expected)"#.as_bytes(),
    );
}

#[test]
fn ult() {
    check(
        r#"return math.ult(1, -1), math.ult(-1, 1), math.ult(1, 2), math.ult(2, 2), math.ult(math.maxinteger, math.mininteger)"#,
        r#"true	false	true	false	true"#.as_bytes(),
    );
}

#[test]
fn ult_errors() {
    check(
        r#"local function E(...) local ok, e = pcall(...) return tostring(ok) .. ': ' .. tostring(e) end
return E(math.ult, 1.5, 2), E(math.ult, 1)"#,
        r#"false: bad argument #1 to 'math.ult' (number has no integer representation)	false: bad argument #2 to 'math.ult' (number expected, got no value)"#.as_bytes(),
    );
}

#[test]
fn deg_rad() {
    check(
        r#"local function E(...) local ok, e = pcall(...) return tostring(ok) .. ': ' .. tostring(e) end
return math.deg(math.pi), math.rad(180), math.deg(1), math.rad(1), E(math.deg)"#,
        r#"180.0	3.1415926535898	57.295779513082	0.017453292519943	false: bad argument #1 to 'math.deg' (number expected, got no value)"#.as_bytes(),
    );
}

#[test]
fn compat_functions() {
    check(
        r#"return math.pow(2, 10), math.log10(1000), math.cosh(1), math.sinh(1), math.tanh(1), math.atan2(1, 2), math.pow(-8, 1/3)"#,
        r#"1024.0	3.0	1.5430806348152	1.1752011936438	0.76159415595576	0.46364760900081	-nan"#
            .as_bytes(),
    );
}

#[test]
fn compat_frexp() {
    check(
        r#"local r = {}
for _, x in ipairs({8, -0.3, 0, 5e-324, 1/0, 1, 0.5, 2^1023, -2.2250738585072014e-308}) do
  local m, e = math.frexp(x)
  r[#r + 1] = tostring(m) .. "," .. tostring(e)
end
return table.concat(r, " ")"#,
        r#"0.5,4 -0.6,-1 0.0,0 0.5,-1073 inf,0 0.5,1 0.5,0 0.5,1024 -0.5,-1021"#.as_bytes(),
    );
}

#[test]
fn compat_ldexp() {
    check(
        r#"local function E(...) local ok, e = pcall(...) return tostring(ok) .. ': ' .. tostring(e) end
return math.ldexp(1, 1024), math.ldexp(1, -1074), math.ldexp(0.75, 3), math.ldexp(1, -1075), math.ldexp(1.5, -1074), math.ldexp(3, -1075), math.ldexp(2^-1074, 2098), math.ldexp(1, 2^32 + 3), E(math.ldexp, 1, 1.5)"#,
        r#"inf	4.9406564584125e-324	6.0	0.0	9.8813129168249e-324	9.8813129168249e-324	inf	8.0	false: bad argument #2 to 'math.ldexp' (number has no integer representation)"#.as_bytes(),
    );
}

#[test]
fn library_contents() {
    check(
        r#"local names = {}
for k in pairs(math) do names[#names + 1] = k end
table.sort(names)
return table.concat(names, " ")"#,
        r#"abs acos asin atan atan2 ceil cos cosh deg exp floor fmod frexp huge ldexp log log10 max maxinteger min mininteger modf pi pow rad random randomseed sin sinh sqrt tan tanh tointeger type ult"#.as_bytes(),
    );
}

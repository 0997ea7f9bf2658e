//! x
//! Expected values were recorded by running each chunk with lua5.4 (the reference)
//! through the same harness: results joined by tabs, or "error: <message>".

mod tablib_common;
use tablib_common::check;

#[test]
fn concat_basic() {
    check(
        r#"return table.concat({1, 2.5, "x", 3}, "-"), table.concat({}, "x"), table.concat({1, 2, 3}, "", 2, 3), table.concat({"a", "b"})"#,
        r#"1-2.5-x-3		23	ab"#.as_bytes(),
    );
}

#[test]
fn concat_ranges() {
    check(
        r#"local t = {"a", "b", "c", "d"}
return table.concat(t, ",", 3), table.concat(t, ",", 2, 2), "[" .. table.concat(t, ",", 3, 2) .. "]""#,
        r#"c,d	b	[]"#.as_bytes(),
    );
}

#[test]
fn concat_negative_index() {
    check(
        r#"local t = {"a", "b", "c", "d"}
return table.concat(t, ", ", -1, 1)"#,
        r#"error: test:2: invalid value (nil) at index -1 in table for 'concat'"#.as_bytes(),
    );
}

#[test]
fn concat_number_separator() {
    check(
        r#"return table.concat({1, 2, 3}, 0), table.concat({1, 2}, 1.5)"#,
        r#"10203	11.52"#.as_bytes(),
    );
}

#[test]
fn concat_invalid_value() {
    check(
        r#"return table.concat({1, {}, 3})"#,
        r#"error: test:1: invalid value (table) at index 2 in table for 'concat'"#.as_bytes(),
    );
}

#[test]
fn concat_nil_past_end() {
    check(
        r#"local function E(...) local ok, e = pcall(...) return tostring(ok) .. ': ' .. tostring(e) end
return E(table.concat, {1, 2, 3}, ", ", 1, 5)"#,
        r#"false: invalid value (nil) at index 4 in table for 'concat'"#.as_bytes(),
    );
}

#[test]
fn concat_bool_value() {
    check(
        r#"local ok, e = pcall(table.concat, {true})
return ok, e"#,
        r#"false	invalid value (boolean) at index 1 in table for 'concat'"#.as_bytes(),
    );
}

#[test]
fn concat_not_table() {
    check(
        r#"local function E(...) local ok, e = pcall(...) return tostring(ok) .. ': ' .. tostring(e) end
return E(table.concat, "abc")"#,
        r#"false: bad argument #1 to 'table.concat' (table expected, got string)"#.as_bytes(),
    );
}

#[test]
fn concat_bad_sep() {
    check(
        r#"local function E(...) local ok, e = pcall(...) return tostring(ok) .. ': ' .. tostring(e) end
return E(table.concat, {1}, {})"#,
        r#"false: bad argument #2 to 'table.concat' (string expected, got table)"#.as_bytes(),
    );
}

#[test]
fn concat_metamethods() {
    check(
        r#"local log = {}
local p = setmetatable({}, {__index = function(_, k) log[#log + 1] = k return "v" .. k end, __len = function() return 3 end})
return table.concat(p, "+"), table.concat(log, ",")"#,
        r#"v1+v2+v3	1,2,3"#.as_bytes(),
    );
}

#[test]
fn concat_len_not_integer() {
    check(
        r#"local function E(...) local ok, e = pcall(...) return tostring(ok) .. ': ' .. tostring(e) end
return E(table.concat, setmetatable({}, {__len = function() return 2.5 end}))"#,
        r#"false: object length is not an integer"#.as_bytes(),
    );
}

#[test]
fn concat_len_float_integral() {
    check(
        r#"return table.concat(setmetatable({1, 2, 3}, {__len = function() return 2.0 end}), ",")"#,
        r#"1,2"#.as_bytes(),
    );
}

#[test]
fn concat_len_string() {
    check(
        r#"return table.concat(setmetatable({1, 2, 3}, {__len = function() return "3" end}), ",")"#,
        r#"1,2,3"#.as_bytes(),
    );
}

#[test]
fn insert_append_and_middle() {
    check(
        r#"local t = {1, 2, 3}
table.insert(t, 1, 0)
table.insert(t, 5)
table.insert(t, #t + 1, 6)
table.insert(t, 3, "m")
return table.concat(t, ","), #t"#,
        r#"0,1,m,2,3,5,6	7"#.as_bytes(),
    );
}

#[test]
fn insert_position_out_of_bounds() {
    check(
        r#"local function E(...) local ok, e = pcall(...) return tostring(ok) .. ': ' .. tostring(e) end
local t = {1, 2, 3}
return E(table.insert, t, 5, 1), E(table.insert, t, 0, 1)"#,
        r#"false: bad argument #2 to 'table.insert' (position out of bounds)	false: bad argument #2 to 'table.insert' (position out of bounds)"#.as_bytes(),
    );
}

#[test]
fn insert_position_error_direct() {
    check(
        r#"table.insert({1, 2, 3}, 7, 1)"#,
        r#"error: test:1: bad argument #2 to 'insert' (position out of bounds)"#.as_bytes(),
    );
}

#[test]
fn insert_wrong_args() {
    check(
        r#"local function E(...) local ok, e = pcall(...) return tostring(ok) .. ': ' .. tostring(e) end
return E(table.insert, {1, 2, 3}, 1, 2, 3)"#,
        r#"false: wrong number of arguments to 'insert'"#.as_bytes(),
    );
}

#[test]
fn insert_one_arg() {
    check(
        r#"local function E(...) local ok, e = pcall(...) return tostring(ok) .. ': ' .. tostring(e) end
return E(table.insert, {1, 2, 3})"#,
        r#"false: wrong number of arguments to 'insert'"#.as_bytes(),
    );
}

#[test]
fn insert_wrong_args_direct() {
    check(
        r#"table.insert({})"#,
        r#"error: test:1: wrong number of arguments to 'insert'"#.as_bytes(),
    );
}

#[test]
fn insert_not_table() {
    check(
        r#"local function E(...) local ok, e = pcall(...) return tostring(ok) .. ': ' .. tostring(e) end
return E(table.insert, 1, 2)"#,
        r#"false: bad argument #1 to 'table.insert' (table expected, got number)"#.as_bytes(),
    );
}

#[test]
fn insert_bad_position() {
    check(
        r#"local function E(...) local ok, e = pcall(...) return tostring(ok) .. ': ' .. tostring(e) end
return E(table.insert, {}, "x", 2), E(table.insert, {}, 1.5, 2)"#,
        r#"false: bad argument #2 to 'table.insert' (number expected, got string)	false: bad argument #2 to 'table.insert' (number has no integer representation)"#.as_bytes(),
    );
}

#[test]
fn insert_nil_value() {
    check(
        r#"local t = {1, 2}
table.insert(t, 1, nil)
return t[1], t[2], t[3]"#,
        r#"nil	1	2"#.as_bytes(),
    );
}

#[test]
fn insert_proxy_needs_newindex() {
    check(
        r#"local function E(...) local ok, e = pcall(...) return tostring(ok) .. ': ' .. tostring(e) end
return E(table.insert, setmetatable({}, {__index = print}), 2)"#,
        r#"true: nil"#.as_bytes(),
    );
}

#[test]
fn insert_userdata_like() {
    check(
        r#"local store = {n = 0}
local mt = {__index = function(_, k) return store[k] end, __newindex = function(_, k, v) store[k] = v end, __len = function() return #store end}
local p = setmetatable({}, mt)
table.insert(p, "a") table.insert(p, "b") table.insert(p, 1, "z")
return rawlen(p), table.concat(store, ",")"#,
        r#"0	z,a,b"#.as_bytes(),
    );
}

#[test]
fn insert_string_with_metatable() {
    check(
        r#"local function E(...) local ok, e = pcall(...) return tostring(ok) .. ': ' .. tostring(e) end
local mt = getmetatable("")
return E(table.insert, "abc", 1)"#,
        r#"false: bad argument #1 to 'table.insert' (table expected, got string)"#.as_bytes(),
    );
}

#[test]
fn remove_basic() {
    check(
        r#"local t = {1, 2, 3, 4}
local a = table.remove(t)
local b = table.remove(t, 1)
return a, b, table.concat(t, ","), #t"#,
        r#"4	1	2,3	2"#.as_bytes(),
    );
}

#[test]
fn remove_empty_and_edges() {
    check(
        r#"local t = {}
return table.remove(t), table.remove(t, 0), table.remove(t, 1), #t"#,
        r#"nil	nil	nil	0"#.as_bytes(),
    );
}

#[test]
fn remove_size_plus_one() {
    check(
        r#"local t = {1, 2, 3}
return table.remove(t, 4), #t"#,
        r#"nil	3"#.as_bytes(),
    );
}

#[test]
fn remove_out_of_bounds() {
    check(
        r#"local function E(...) local ok, e = pcall(...) return tostring(ok) .. ': ' .. tostring(e) end
return E(table.remove, {1, 2, 3}, 7)"#,
        r#"false: bad argument #1 to 'table.remove' (position out of bounds)"#.as_bytes(),
    );
}

#[test]
fn remove_out_of_bounds_direct() {
    check(
        r#"table.remove({1, 2, 3}, -1)"#,
        r#"error: test:1: bad argument #1 to 'remove' (position out of bounds)"#.as_bytes(),
    );
}

#[test]
fn remove_zero_nonempty() {
    check(
        r#"local function E(...) local ok, e = pcall(...) return tostring(ok) .. ': ' .. tostring(e) end
return E(table.remove, {1, 2}, 0)"#,
        r#"false: bad argument #1 to 'table.remove' (position out of bounds)"#.as_bytes(),
    );
}

#[test]
fn remove_with_hole_length() {
    check(
        r#"local t = {[0] = "zero"}
return table.remove(t, 0), t[0]"#,
        r#"zero	nil"#.as_bytes(),
    );
}

#[test]
fn remove_metamethods() {
    check(
        r#"local log = {}
local p = setmetatable({}, {
  __index = function(_, k) log[#log + 1] = "r" .. k return k * 10 end,
  __newindex = function(_, k, v) log[#log + 1] = "w" .. k .. "=" .. tostring(v) end,
  __len = function() return 3 end})
return table.remove(p, 2), table.concat(log, " ")"#,
        r#"20	r2 r3 w2=30 w3=nil"#.as_bytes(),
    );
}

#[test]
fn move_basic() {
    check(
        r#"local a = {1, 2, 3, 4, 5}
table.move(a, 2, 4, 1)
local b = {1, 2, 3, 4, 5}
table.move(b, 1, 3, 3)
return table.concat(a, ","), table.concat(b, ",")"#,
        r#"2,3,4,4,5	1,2,1,2,3"#.as_bytes(),
    );
}

#[test]
fn move_other_table() {
    check(
        r#"local t = table.move({1, 2, 3}, 1, 3, 2, {})
return t[1], t[2], t[3], t[4]"#,
        r#"nil	1	2	3"#.as_bytes(),
    );
}

#[test]
fn move_empty_range() {
    check(
        r#"local t = {1, 2}
return table.move(t, 3, 1, 1) == t, table.concat(t, ",")"#,
        r#"true	1,2"#.as_bytes(),
    );
}

#[test]
fn move_errors() {
    check(
        r#"local function E(...) local ok, e = pcall(...) return tostring(ok) .. ': ' .. tostring(e) end
return select(2, E(table.move, {1, 2}, 1, math.maxinteger, 2)), select(2, E(table.move, {1, 2}, -1, math.maxinteger - 1, 2)), select(2, E(table.move, {1, 2}, 1, 3, math.maxinteger))"#,
        r#"nil	nil"#.as_bytes(),
    );
}

#[test]
fn move_min_integer() {
    check(
        r#"local function E(...) local ok, e = pcall(...) return tostring(ok) .. ': ' .. tostring(e) end
return E(table.move, {}, math.mininteger, -1, 1)"#,
        r#"false: bad argument #3 to 'table.move' (too many elements to move)"#.as_bytes(),
    );
}

#[test]
fn move_arg_types() {
    check(
        r#"local function E(...) local ok, e = pcall(...) return tostring(ok) .. ': ' .. tostring(e) end
return select(2, E(table.move, {}, 1)), select(2, E(table.move, {}, 1, 2)), select(2, E(table.move, 1, 1, 2, 3)), select(2, E(table.move, {}, 1, 2, 3, 4))"#,
        r#"nil	nil	nil"#.as_bytes(),
    );
}

#[test]
fn move_order_with_metamethods() {
    check(
        r#"local log = {}
local src = setmetatable({}, {__index = function(_, k) log[#log + 1] = "r" .. k return k end})
local dst = setmetatable({}, {__newindex = function(_, k, v) log[#log + 1] = "w" .. k end})
table.move(src, 1, 3, 2, dst)
table.move(src, 1, 2, 1, dst)
return table.concat(log, " ")"#,
        r#"r1 w2 r2 w3 r3 w4 r1 w1 r2 w2"#.as_bytes(),
    );
}

#[test]
fn move_same_table_overlap_backwards() {
    check(
        r#"local log = {}
local t = setmetatable({}, {__index = function(_, k) return k end, __newindex = function(t, k, v) log[#log + 1] = k .. "=" .. v rawset(t, k, v) end})
table.move(t, 1, 3, 2)
return table.concat(log, " ")"#,
        r#"4=3 3=2 2=1"#.as_bytes(),
    );
}

#[test]
fn move_eq_metamethod_destination() {
    check(
        r#"local mt = {__eq = function() return true end}
local a = setmetatable({1, 2, 3}, mt)
local b = setmetatable({}, mt)
table.move(a, 1, 3, 2, b)
return b[1], b[2], b[3], b[4]"#,
        r#"nil	1	2	3"#.as_bytes(),
    );
}

#[test]
fn move_returns_destination() {
    check(
        r#"local d = {}
return table.move({1}, 1, 1, 1, d) == d, table.move({1}, 1, 1, 1) ~= d"#,
        r#"true	true"#.as_bytes(),
    );
}

#[test]
fn pack_basic() {
    check(
        r#"local t = table.pack(1, nil, 3)
return t.n, t[1], t[2], t[3], table.pack().n"#,
        r#"3	1	nil	3	0"#.as_bytes(),
    );
}

#[test]
fn pack_empty() {
    check(
        r#"local t = table.pack()
return t.n, next(t)"#,
        r#"0	n	0"#.as_bytes(),
    );
}

#[test]
fn pack_many() {
    check(
        r#"local t = table.pack(table.unpack({1, 2, 3, 4, 5, 6, 7, 8, 9, 10}))
return t.n, t[10]"#,
        r#"10	10"#.as_bytes(),
    );
}

#[test]
fn unpack_basic() {
    check(r#"return table.unpack({1, 2, 3})"#, r#"1	2	3"#.as_bytes());
}

#[test]
fn unpack_ranges() {
    check(
        r#"return table.unpack({1, 2, 3}, 2), table.unpack({1, 2, 3}, 2, 3)"#,
        r#"2	2	3"#.as_bytes(),
    );
}

#[test]
fn unpack_negative_start() {
    check(
        r#"return table.unpack({1, 2, 3}, -2, 2)"#,
        r#"nil	nil	nil	1	2"#.as_bytes(),
    );
}

#[test]
fn unpack_empty_range() {
    check(
        r##"return select("#", table.unpack({1, 2, 3}, 3, 2)), select("#", table.unpack({}, math.maxinteger, math.mininteger))"##,
        r#"0	0"#.as_bytes(),
    );
}

#[test]
fn unpack_nil_length() {
    check(
        r#"local function E(...) local ok, e = pcall(...) return tostring(ok) .. ': ' .. tostring(e) end
return E(table.unpack, nil)"#,
        r#"false: attempt to get length of a nil value"#.as_bytes(),
    );
}

#[test]
fn unpack_too_many() {
    check(
        r#"local function E(...) local ok, e = pcall(...) return tostring(ok) .. ': ' .. tostring(e) end
return E(table.unpack, {}, 1, 1e8), E(table.unpack, {}, math.mininteger, math.maxinteger), E(table.unpack, {}, 0, math.maxinteger)"#,
        r#"false: too many results to unpack	false: too many results to unpack	false: too many results to unpack"#.as_bytes(),
    );
}

#[test]
fn unpack_big_ok() {
    check(
        r##"return select("#", table.unpack({}, 1, 10000))"##,
        r#"10000"#.as_bytes(),
    );
}

#[test]
fn unpack_extremes() {
    check(
        r#"return table.unpack({}, math.maxinteger, math.maxinteger), table.unpack({}, math.mininteger, math.mininteger)"#,
        r#"nil	nil"#.as_bytes(),
    );
}

#[test]
fn unpack_with_index_metamethod() {
    check(
        r#"local p = setmetatable({}, {__index = function(_, k) return k * 2 end, __len = function() return 3 end})
return table.unpack(p)"#,
        r#"2	4	6"#.as_bytes(),
    );
}

#[test]
fn unpack_bad_args() {
    check(
        r#"local function E(...) local ok, e = pcall(...) return tostring(ok) .. ': ' .. tostring(e) end
return select(2, E(table.unpack, {}, "x")), select(2, E(table.unpack, {}, 1, 2.5))"#,
        r#"nil"#.as_bytes(),
    );
}

#[test]
fn sort_numbers() {
    check(
        r#"local t = {5, 2, 8, 1, 9, 3, 3, -1, 0.5}
table.sort(t)
return table.concat(t, ",")"#,
        r#"-1,0.5,1,2,3,3,5,8,9"#.as_bytes(),
    );
}

#[test]
fn sort_strings() {
    check(
        r#"local t = {"pear", "apple", "fig", "banana", "Apple", ""}
table.sort(t)
return table.concat(t, ",")"#,
        r#",Apple,apple,banana,fig,pear"#.as_bytes(),
    );
}

#[test]
fn sort_comparator() {
    check(
        r#"local t = {5, 2, 8, 1, 9, 3}
table.sort(t, function(a, b) return a > b end)
return table.concat(t, ",")"#,
        r#"9,8,5,3,2,1"#.as_bytes(),
    );
}

#[test]
fn sort_nil_comparator() {
    check(
        r#"local t = {3, 1, 2}
table.sort(t, nil)
return table.concat(t, ",")"#,
        r#"1,2,3"#.as_bytes(),
    );
}

#[test]
fn sort_large_random() {
    check(
        r#"local t = {}
local x = 12345
for i = 1, 2000 do x = (x * 1103515245 + 12345) % 2147483648 t[i] = x % 1000 end
table.sort(t)
local ok = true
for i = 2, #t do if t[i - 1] > t[i] then ok = false end end
local s = 0
for i = 1, #t do s = s + t[i] end
return ok, s, t[1], t[2000]"#,
        r#"true	1002192	0	999"#.as_bytes(),
    );
}

#[test]
fn sort_stable_count() {
    check(
        r#"local t = {}
for i = 1, 500 do t[i] = i % 7 end
local n = 0
table.sort(t, function(a, b) n = n + 1 return a < b end)
return t[1], t[500], n"#,
        r#"0	6	4276"#.as_bytes(),
    );
}

#[test]
fn sort_comparison_count_sorted() {
    check(
        r#"local t = {}
for i = 1, 300 do t[i] = i end
local n = 0
table.sort(t, function(a, b) n = n + 1 return a < b end)
local r = {}
for i = 300, 1, -1 do r[#r + 1] = i end
local m = 0
table.sort(r, function(a, b) m = m + 1 return a < b end)
return n, m, r[1], r[300]"#,
        r#"2241	2929	1	300"#.as_bytes(),
    );
}

#[test]
fn sort_comparison_sequence() {
    check(
        r#"local log = {}
local t = {3, 1, 4, 1, 5, 9, 2, 6}
table.sort(t, function(a, b) log[#log + 1] = a .. "<" .. b return a < b end)
return table.concat(t, ","), table.concat(log, " ")"#,
        r#"1,1,2,3,4,5,6,9	6<3 1<3 1<3 4<3 3<9 3<5 3<2 4<3 3<2 2<1 1<1 2<1 6<5 9<5 6<9 4<6 6<6 6<4 4<5"#.as_bytes(),
    );
}

#[test]
fn sort_invalid_order_function() {
    check(
        r#"local function E(...) local ok, e = pcall(...) return tostring(ok) .. ': ' .. tostring(e) end
return E(table.sort, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}, function(a, b) return true end)"#,
        r#"false: invalid order function for sorting"#.as_bytes(),
    );
}

#[test]
fn sort_invalid_order_small() {
    check(
        r#"local t = {1, 2, 3, 4}
local ok, e = pcall(table.sort, t, function(a, b) return true end)
return ok, e, table.concat(t, ",")"#,
        r#"false	invalid order function for sorting	2,3,4,1"#.as_bytes(),
    );
}

#[test]
fn sort_invalid_order_le() {
    check(
        r#"local function E(...) local ok, e = pcall(...) return tostring(ok) .. ': ' .. tostring(e) end
local t = {}
for i = 1, 50 do t[i] = (i * 7) % 11 end
return E(table.sort, t, function(a, b) return a <= b end)"#,
        r#"false: invalid order function for sorting"#.as_bytes(),
    );
}

#[test]
fn sort_invalid_order_direct() {
    check(
        r#"table.sort({5, 4, 3, 2, 1, 0, 6, 7}, function() return true end)"#,
        r#"error: test:1: invalid order function for sorting"#.as_bytes(),
    );
}

#[test]
fn sort_comparator_error() {
    check(
        r#"local function E(...) local ok, e = pcall(...) return tostring(ok) .. ': ' .. tostring(e) end
return E(table.sort, {3, 2, 1}, function(a, b) error("cmp failed") end)"#,
        r#"false: test:2: cmp failed"#.as_bytes(),
    );
}

#[test]
fn sort_comparator_error_object() {
    check(
        r#"local ok, e = pcall(table.sort, {3, 2, 1}, function(a, b) error({code = 7}) end)
return ok, type(e), e.code"#,
        r#"false	table	7"#.as_bytes(),
    );
}

#[test]
fn sort_mixed_types() {
    check(
        r#"local function E(...) local ok, e = pcall(...) return tostring(ok) .. ': ' .. tostring(e) end
return E(table.sort, {1, 2, "x"})"#,
        r#"false: attempt to compare string with number"#.as_bytes(),
    );
}

#[test]
fn sort_array_too_big() {
    check(
        r#"local function E(...) local ok, e = pcall(...) return tostring(ok) .. ': ' .. tostring(e) end
return E(table.sort, setmetatable({}, {__len = function() return math.maxinteger end}))"#,
        r#"false: bad argument #1 to 'table.sort' (array too big)"#.as_bytes(),
    );
}

#[test]
fn sort_bad_comparator() {
    check(
        r#"local function E(...) local ok, e = pcall(...) return tostring(ok) .. ': ' .. tostring(e) end
return E(table.sort, {3, 2, 1}, 3)"#,
        r#"false: bad argument #2 to 'table.sort' (function expected, got number)"#.as_bytes(),
    );
}

#[test]
fn sort_bad_comparator_short() {
    check(
        r#"local function E(...) local ok, e = pcall(...) return tostring(ok) .. ': ' .. tostring(e) end
return E(table.sort, {1}, 3), E(table.sort, {}, "x")"#,
        r#"true: nil	true: nil"#.as_bytes(),
    );
}

#[test]
fn sort_not_table() {
    check(
        r#"local function E(...) local ok, e = pcall(...) return tostring(ok) .. ': ' .. tostring(e) end
return E(table.sort, "abc")"#,
        r#"false: bad argument #1 to 'table.sort' (table expected, got string)"#.as_bytes(),
    );
}

#[test]
fn sort_lt_metamethod() {
    check(
        r#"local mt = {__lt = function(a, b) return a.v < b.v end}
local t = {}
for i, v in ipairs({4, 1, 3, 2}) do t[i] = setmetatable({v = v}, mt) end
table.sort(t)
return t[1].v, t[2].v, t[3].v, t[4].v"#,
        r#"1	2	3	4"#.as_bytes(),
    );
}

#[test]
fn sort_proxy() {
    check(
        r#"local data = {5, 3, 1, 4, 2}
local reads, writes = 0, 0
local p = setmetatable({}, {
  __index = function(_, k) reads = reads + 1 return data[k] end,
  __newindex = function(_, k, v) writes = writes + 1 data[k] = v end,
  __len = function() return #data end})
table.sort(p)
return table.concat(data, ","), reads, writes"#,
        r#"1,2,3,4,5	14	10"#.as_bytes(),
    );
}

#[test]
fn sort_two_and_three() {
    check(
        r#"local a, b = {2, 1}, {3, 1, 2}
table.sort(a) table.sort(b)
return table.concat(a, ","), table.concat(b, ",")"#,
        r#"1,2	1,2,3"#.as_bytes(),
    );
}

#[test]
fn sort_with_nan() {
    check(
        r#"local t = {3, 0/0, 1, 2}
local ok = pcall(table.sort, t)
return ok"#,
        r#"true"#.as_bytes(),
    );
}

#[test]
fn sort_all_equal() {
    check(
        r#"local t = {}
for i = 1, 200 do t[i] = 1 end
table.sort(t)
return #t, t[1], t[200]"#,
        r#"200	1	1"#.as_bytes(),
    );
}

#[test]
fn library_contents() {
    check(
        r#"local names = {}
for k in pairs(table) do names[#names + 1] = k end
table.sort(names)
return table.concat(names, " ")"#,
        r#"concat insert move pack remove sort unpack"#.as_bytes(),
    );
}

#[test]
fn sort_default_order_keeps_integers_exact() {
    // Integers above 2^53 differ only as integers; a mixed pair compares exactly too.
    check(
        r#"local t = {9007199254740993, 9007199254740992, 9007199254740994, -1.5, 2.0^53}
table.sort(t)
local out = {}
for i, v in ipairs(t) do out[i] = math.type(v) .. ":" .. string.format("%.0f", v) .. (math.type(v) == "integer" and ("/" .. v) or "") end
return table.concat(out, ",")"#,
        r#"float:-2,integer:9007199254740992/9007199254740992,float:9007199254740992,integer:9007199254740992/9007199254740993,integer:9007199254740994/9007199254740994"#.as_bytes(),
    );
}

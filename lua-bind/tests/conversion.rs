//! Conversions between Rust and Lua values: strict integers, floats, strings, bytes, options,
//! sequences, maps, tuples and variadics, each through a real round trip in a VM.

use std::collections::{BTreeMap, HashMap};

use lua_bind::prelude::*;

fn eval<T: FromLuaMulti>(lua: &Lua, src: &str) -> Result<T> {
    lua.load(src).eval()
}

#[test]
fn integers_are_strict() {
    let lua = Lua::new();
    assert_eq!(eval::<i32>(&lua, "42").unwrap(), 42);
    assert_eq!(
        eval::<i32>(&lua, "3.0").unwrap(),
        3,
        "floats with an exact integer value convert"
    );
    assert_eq!(
        eval::<i64>(&lua, "'17'").unwrap(),
        17,
        "numeric strings convert, as luaL_checkinteger"
    );
    let e = eval::<i32>(&lua, "1.5").unwrap_err();
    assert_eq!(e.to_string(), "number has no integer representation");
    let e = eval::<u8>(&lua, "256").unwrap_err();
    assert_eq!(e.to_string(), "value out of range");
    let e = eval::<u32>(&lua, "-1").unwrap_err();
    assert_eq!(e.to_string(), "value out of range");
    let e = eval::<i64>(&lua, "2^63").unwrap_err();
    assert_eq!(e.to_string(), "number has no integer representation");
    let e = eval::<i64>(&lua, "'abc'").unwrap_err();
    assert_eq!(e.to_string(), "number expected, got string");
    let e = eval::<i16>(&lua, "nil").unwrap_err();
    assert_eq!(e.to_string(), "number expected, got nil");
    assert_eq!(eval::<i8>(&lua, "-128").unwrap(), -128);
    assert_eq!(
        eval::<u64>(&lua, "9223372036854775807").unwrap(),
        i64::MAX as u64
    );
}

#[test]
fn large_unsigned_values_are_refused_not_wrapped() {
    let lua = Lua::new();
    let e = lua.set_global("x", u64::MAX).unwrap_err();
    assert_eq!(e.to_string(), "value out of range");
    lua.set_global("x", i64::MAX as u64).unwrap();
    assert!(eval::<bool>(&lua, "x == 9223372036854775807").unwrap());
}

#[test]
fn floats_and_booleans() {
    let lua = Lua::new();
    assert_eq!(eval::<f64>(&lua, "7").unwrap(), 7.0);
    assert_eq!(eval::<f32>(&lua, "0.5").unwrap(), 0.5);
    assert_eq!(eval::<f64>(&lua, "'2.5'").unwrap(), 2.5);
    assert!(eval::<bool>(&lua, "1 < 2").unwrap());
    let e = eval::<bool>(&lua, "0").unwrap_err();
    assert_eq!(e.to_string(), "boolean expected, got number");
    lua.set_global("f", 0.25f64).unwrap();
    assert_eq!(eval::<Value>(&lua, "f").unwrap(), Value::Number(0.25));
    lua.set_global("i", 3i32).unwrap();
    assert!(matches!(
        eval::<Value>(&lua, "i").unwrap(),
        Value::Integer(3)
    ));
}

#[test]
fn strings_and_bytes() {
    let lua = Lua::new();
    assert_eq!(eval::<String>(&lua, "'héllo'").unwrap(), "héllo");
    assert_eq!(
        eval::<String>(&lua, "12").unwrap(),
        "12",
        "numbers convert as lua_tolstring does"
    );
    assert_eq!(eval::<String>(&lua, "1.5").unwrap(), "1.5");
    let e = eval::<String>(&lua, "'\\xff'").unwrap_err();
    assert_eq!(e.to_string(), "string is not valid UTF-8");
    assert_eq!(
        eval::<Bytes>(&lua, "'\\xff\\0a'").unwrap(),
        Bytes(vec![0xff, 0, b'a'])
    );
    lua.set_global("b", Bytes(vec![0, 1, 2])).unwrap();
    assert_eq!(eval::<i64>(&lua, "#b").unwrap(), 3);
    lua.set_global("s", &b"raw"[..]).unwrap();
    assert_eq!(eval::<String>(&lua, "s .. '!'").unwrap(), "raw!");
    let e = eval::<String>(&lua, "{}").unwrap_err();
    assert_eq!(e.to_string(), "string expected, got table");
}

#[test]
fn options_read_nil_and_missing_values() {
    let lua = Lua::new();
    assert_eq!(eval::<Option<i64>>(&lua, "nil").unwrap(), None);
    assert_eq!(eval::<Option<i64>>(&lua, "5").unwrap(), Some(5));
    let (a, b): (i64, Option<String>) = eval(&lua, "1").unwrap();
    assert_eq!((a, b), (1, None), "a missing result reads as None");
    lua.set_global("n", None::<i64>).unwrap();
    assert!(eval::<bool>(&lua, "n == nil").unwrap());
}

#[test]
fn sequences_and_their_element_paths() {
    let lua = Lua::new();
    assert_eq!(eval::<Vec<i64>>(&lua, "{1, 2, 3}").unwrap(), vec![1, 2, 3]);
    assert_eq!(
        eval::<Vec<Vec<i64>>>(&lua, "{{1}, {2, 3}}").unwrap(),
        vec![vec![1], vec![2, 3]]
    );
    let e = eval::<Vec<i64>>(&lua, "{1, 2.5}").unwrap_err();
    assert_eq!(
        e.to_string(),
        "field '[2]': number has no integer representation"
    );
    let e = eval::<Vec<Vec<i64>>>(&lua, "{{1}, {2, 'x'}}").unwrap_err();
    assert_eq!(e.to_string(), "field '[2][2]': number expected, got string");
    lua.set_global("v", vec!["a", "b"]).unwrap();
    assert_eq!(eval::<String>(&lua, "v[1] .. v[2] .. #v").unwrap(), "ab2");
    let e = eval::<Vec<i64>>(&lua, "'no'").unwrap_err();
    assert_eq!(e.to_string(), "table expected, got string");
}

#[test]
fn maps() {
    let lua = Lua::new();
    let m: HashMap<String, i64> = eval(&lua, "{a = 1, b = 2}").unwrap();
    assert_eq!(m.len(), 2);
    assert_eq!(m["a"], 1);
    assert_eq!(m["b"], 2);
    let m: BTreeMap<i64, String> = eval(&lua, "{[10] = 'x', [20] = 'y'}").unwrap();
    assert_eq!(
        m.into_iter().collect::<Vec<_>>(),
        vec![(10, "x".into()), (20, "y".into())]
    );
    let e = eval::<HashMap<String, i64>>(&lua, "{a = 1, b = 'two'}").unwrap_err();
    assert_eq!(e.to_string(), "field 'b': number expected, got string");
    // Numeric keys are converted from a copy: the iteration is not disturbed.
    let m: HashMap<String, i64> = eval(&lua, "{[1] = 10, [2] = 20, x = 30}").unwrap();
    assert_eq!(m["1"] + m["2"] + m["x"], 60);
    let mut src = BTreeMap::new();
    src.insert("k".to_string(), vec![1, 2]);
    lua.set_global("m", src).unwrap();
    assert_eq!(eval::<i64>(&lua, "m.k[1] + m.k[2]").unwrap(), 3);
}

#[test]
fn tuples_and_variadic_results() {
    let lua = Lua::new();
    let (a, b, c): (i64, String, bool) = eval(&lua, "1, 'two', true").unwrap();
    assert_eq!((a, b.as_str(), c), (1, "two", true));
    let (first, Variadic(rest)): (i64, Variadic<i64>) = eval(&lua, "1, 2, 3, 4").unwrap();
    assert_eq!(first, 1);
    assert_eq!(rest, vec![2, 3, 4]);
    let all: Variadic<Value> = eval(&lua, "nil, 1, 'x'").unwrap();
    assert_eq!(all.len(), 3);
    assert!(all[0].is_nil());
    assert_eq!(all[1], Value::Integer(1));
    assert_eq!(all[2].as_str(), Some("x"));
    let () = eval(&lua, "1, 2").unwrap();
}

#[test]
fn values_round_trip() {
    let lua = Lua::new();
    let v: Value = eval(&lua, "{1, 2}").unwrap();
    assert_eq!(v.type_name(), "table");
    lua.set_global("t", v.clone()).unwrap();
    assert!(eval::<bool>(&lua, "rawequal(t, t) and #t == 2").unwrap());
    let f: Value = eval(&lua, "print").unwrap();
    assert_eq!(f.type_name(), "function");
    assert_eq!(
        eval::<Value>(&lua, "2^53").unwrap(),
        Value::Number(9007199254740992.0)
    );
    assert_eq!(lua.to_value(5).unwrap(), Value::Integer(5));
    assert_eq!(
        Value::Integer(3),
        Value::Number(3.0),
        "numbers compare by value, as in Lua"
    );
    assert_ne!(
        Value::Integer(i64::MAX),
        Value::Number(9223372036854775808.0)
    );
    assert_ne!(Value::Integer(1), Value::Number(1.5));
    assert_eq!(lua.from_value::<i64>(&Value::Number(4.0)).unwrap(), 4);
}

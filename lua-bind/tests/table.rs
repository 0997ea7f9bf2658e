//! `Table` handles: get/set with and without metamethods, length, pairs and sequence iteration,
//! metatables, and handles created from Lua or from the host.

use lua_bind::prelude::*;

#[test]
fn get_set_raw_and_metamethods() {
    let lua = Lua::new();
    let t = lua.create_table().unwrap();
    t.set("a", 1).unwrap();
    t.set(1, "one").unwrap();
    assert_eq!(t.get::<_, i64>("a").unwrap(), 1);
    assert_eq!(t.get::<_, String>(1).unwrap(), "one");
    assert_eq!(t.get::<_, Option<i64>>("missing").unwrap(), None);
    let proxy: Table = lua
        .load("setmetatable({}, {__index = function(_, k) return k .. '!' end, __newindex = function(t, k, v) rawset(t, k, v * 10) end})")
        .eval()
        .unwrap();
    assert_eq!(proxy.get::<_, String>("hey").unwrap(), "hey!");
    assert_eq!(proxy.raw_get::<_, Option<String>>("hey").unwrap(), None);
    proxy.set("n", 2).unwrap();
    assert_eq!(proxy.raw_get::<_, i64>("n").unwrap(), 20);
    proxy.raw_set("m", 3).unwrap();
    assert_eq!(proxy.raw_get::<_, i64>("m").unwrap(), 3);
    assert!(proxy.contains_key("m").unwrap());
    assert!(!proxy.contains_key("zzz").unwrap());
}

#[test]
fn errors_in_metamethods_are_caught() {
    let lua = Lua::new();
    let t: Table = lua
        .load("setmetatable({}, {__index = function(_, k) error('no field ' .. k) end})")
        .set_name("meta")
        .eval()
        .unwrap();
    let e = t.get::<_, i64>("x").unwrap_err();
    assert_eq!(e.lua_message(), "meta:1: no field x");
    assert!(
        e.traceback().contains("meta:1: in function <meta:1>"),
        "{}",
        e.traceback()
    );
    let e = t.set(Value::Nil, 1).unwrap_err();
    assert_eq!(e.lua_message(), "table index is nil");
}

#[test]
fn lengths() {
    let lua = Lua::new();
    let t: Table = lua.load("{1, 2, 3}").eval().unwrap();
    assert_eq!(t.len().unwrap(), 3);
    assert_eq!(t.raw_len().unwrap(), 3);
    t.push(4).unwrap();
    assert_eq!(t.raw_len().unwrap(), 4);
    let l: Table = lua
        .load("setmetatable({}, {__len = function() return 42 end})")
        .eval()
        .unwrap();
    assert_eq!(l.len().unwrap(), 42);
    assert_eq!(l.raw_len().unwrap(), 0);
    assert!(l.is_empty().unwrap());
}

#[test]
fn pairs_visits_every_entry_once() {
    let lua = Lua::new();
    let t: Table = lua.load("{10, 20, 30, x = 'a', y = 'b'}").eval().unwrap();
    let mut seen: Vec<(String, String)> = t
        .pairs::<Value, Value>()
        .map(|r| {
            let (k, v) = r.unwrap();
            let k = match k {
                Value::Integer(i) => i.to_string(),
                Value::String(s) => String::from_utf8(s.0).unwrap(),
                other => panic!("{other:?}"),
            };
            let v = lua.from_value::<String>(&v).unwrap();
            (k, v)
        })
        .collect();
    seen.sort();
    let expect: Vec<(String, String)> = [
        ("1", "10"),
        ("2", "20"),
        ("3", "30"),
        ("x", "a"),
        ("y", "b"),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    assert_eq!(seen, expect);
    // Typed pairs report a conversion error for the entry that does not fit.
    let bad: Vec<_> = t.pairs::<String, i64>().collect();
    assert!(bad.iter().any(|r| r.is_err()));
}

#[test]
fn pairs_survives_collections_between_steps() {
    let lua = Lua::new();
    let t: Table = lua
        .load("local t = {} for i = 1, 50 do t[{}] = i end return t")
        .eval()
        .unwrap();
    let mut total = 0;
    for r in t.pairs::<Table, i64>() {
        lua.gc_collect().unwrap();
        total += r.unwrap().1;
    }
    assert_eq!(total, 50 * 51 / 2);
}

#[test]
fn pairs_may_clear_the_entries_it_visits() {
    // Clearing the current entry is allowed during a traversal (as with `next` in Lua); the key
    // (a string nothing else holds once cleared) must survive a collection to find the next one.
    let lua = Lua::new();
    let t: Table = lua
        .load("local t = {} for i = 1, 50 do t['key' .. i] = i end return t")
        .eval()
        .unwrap();
    let mut total = 0;
    for r in t.pairs::<String, i64>() {
        let (k, v) = r.unwrap();
        t.raw_set(k.as_str(), Value::Nil).unwrap();
        lua.gc_collect().unwrap();
        total += v;
    }
    assert_eq!(total, 50 * 51 / 2);
    assert_eq!(t.pairs::<Value, Value>().count(), 0);
}

#[test]
fn sequence_values_stop_at_the_first_nil() {
    let lua = Lua::new();
    let t: Table = lua.load("{1, 2, 3, nil, 5}").eval().unwrap();
    let v: Vec<i64> = t.sequence_values::<i64>().map(|r| r.unwrap()).collect();
    assert_eq!(v, vec![1, 2, 3]);
    let t: Table = lua.load("{1, 'x'}").eval().unwrap();
    let r: Vec<_> = t.sequence_values::<i64>().collect();
    assert_eq!(r.len(), 2);
    assert_eq!(
        r[1].as_ref().unwrap_err().to_string(),
        "field '[2]': number expected, got string"
    );
}

#[test]
fn metatables() {
    let lua = Lua::new();
    let t = lua.create_table().unwrap();
    assert!(t.metatable().unwrap().is_none());
    let mt: Table = lua
        .load("{__index = function() return 'dflt' end}")
        .eval()
        .unwrap();
    t.set_metatable(Some(&mt)).unwrap();
    assert!(t.metatable().unwrap().unwrap().ptr_eq(&mt));
    assert_eq!(t.get::<_, String>("any").unwrap(), "dflt");
    t.set_metatable(None).unwrap();
    assert_eq!(t.get::<_, Option<String>>("any").unwrap(), None);
}

#[test]
fn tables_from_the_host() {
    let lua = Lua::new();
    let seq = lua.create_sequence(["a", "b", "c"]).unwrap();
    lua.set_global("seq", &seq).unwrap();
    assert_eq!(
        lua.load("seq[1] .. seq[3] .. #seq")
            .eval::<String>()
            .unwrap(),
        "ac3"
    );
    let t: Table = lua.get_global("seq").unwrap();
    assert!(t.ptr_eq(&seq));
    let e = lua.load("42").eval::<Table>().unwrap_err();
    assert_eq!(e.to_string(), "table expected, got number");
}

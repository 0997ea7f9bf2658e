//! The binding layer's writes into Lua objects under the generational collector in stress mode (a
//! minor collection every few KB, so objects turn old at once): tables filled from Rust, records
//! converted both ways, handles held across collections and `pairs` stepping a table while the
//! collector runs. A store into an old object without a write barrier would free a reachable value;
//! debug builds poison freed objects, so such a bug fails these tests.

use lua_bind::prelude::*;

#[derive(LuaTable, Debug, Clone, PartialEq)]
struct Item {
    name: String,
    tags: Vec<String>,
    pos: Pos,
}

#[derive(LuaTable, Debug, Clone, PartialEq)]
struct Pos {
    x: i64,
    y: i64,
}

fn stressed() -> Lua {
    let lua = Lua::new();
    lua.with_state(|st| {
        st.set_gc_stress(true);
        Ok(())
    })
    .unwrap();
    lua.load(
        "function churn(n) local t for i = 1, n or 3000 do t = {i, tostring(i) .. 'x'} end end",
    )
    .exec()
    .unwrap();
    lua
}

fn churn(lua: &Lua) {
    lua.call_global::<()>("churn", ()).unwrap();
}

fn item(i: i64) -> Item {
    Item {
        name: format!("item{i}"),
        tags: vec![format!("t{i}"), format!("u{i}")],
        pos: Pos { x: i, y: -i },
    }
}

#[test]
fn tables_filled_from_rust_keep_their_values() {
    let lua = stressed();
    let t = lua.create_table().unwrap();
    churn(&lua);
    for i in 1..=50 {
        t.set(format!("k{i}"), lua.to_value(item(i)).unwrap())
            .unwrap();
        t.raw_set(i, format!("v{i}")).unwrap();
        churn(&lua);
    }
    churn(&lua);
    for i in 1..=50 {
        let it: Item = t.get(format!("k{i}")).unwrap();
        assert_eq!(it, item(i));
        let v: String = t.raw_get(i).unwrap();
        assert_eq!(v, format!("v{i}"));
    }
}

#[test]
fn globals_set_from_rust_and_records_round_trip() {
    let lua = stressed();
    for i in 1..=40 {
        lua.set_global(&format!("g{i}"), item(i)).unwrap();
        churn(&lua);
    }
    let seq = lua
        .create_sequence((1..=100).map(|i| format!("s{i}")))
        .unwrap();
    lua.set_global("seq", seq).unwrap();
    churn(&lua);
    for i in 1..=40 {
        let it: Item = lua.get_global(&format!("g{i}")).unwrap();
        assert_eq!(it, item(i));
    }
    let n: i64 = lua
        .load("local n = 0 for i, s in ipairs(seq) do assert(s == 's' .. i) n = n + 1 end return n")
        .eval()
        .unwrap();
    assert_eq!(n, 100);
}

#[test]
fn pairs_from_rust_sees_every_entry_while_the_collector_runs() {
    let lua = stressed();
    let t: Table = lua
        .load("local t = {} for i = 1, 200 do t['k' .. i] = {i} end churn() return t")
        .eval()
        .unwrap();
    let churn_fn: Function = lua.get_global("churn").unwrap();
    let mut sum = 0;
    let mut count = 0;
    for pair in t.pairs::<String, Table>() {
        let (k, v) = pair.unwrap();
        let n: i64 = v.raw_get(1).unwrap();
        assert_eq!(k, format!("k{n}"));
        sum += n;
        count += 1;
        churn_fn.call::<()>(200).unwrap();
    }
    assert_eq!((count, sum), (200, 20100));
}

#[test]
fn rust_functions_returning_records_survive_collections() {
    let lua = stressed();
    let f = lua
        .create_function(|_, i: i64| -> Result<Item> { Ok(item(i)) })
        .unwrap();
    lua.set_global("make", f).unwrap();
    let ok: bool = lua
        .load(
            r#"
            local keep = {}
            for i = 1, 300 do
              keep[i] = make(i)
              if i % 25 == 0 then churn(500) end
            end
            churn()
            for i = 1, 300 do
              local it = keep[i]
              assert(it.name == "item" .. i and it.tags[2] == "u" .. i and it.pos.y == -i)
            end
            return true
            "#,
        )
        .eval()
        .unwrap();
    assert!(ok);
}

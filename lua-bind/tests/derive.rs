//! `#[derive(LuaTable)]`: structs as tables (rename, skip, default, optional fields, nested structs,
//! `Vec` and map fields, field paths in errors), tuple structs as sequences, unit enums as strings,
//! generic structs.

use std::collections::HashMap;

use lua_bind::prelude::*;

#[derive(LuaTable, Debug, Clone, PartialEq)]
struct Pos {
    x: f64,
    y: f64,
}

#[derive(LuaTable, Debug, Clone, PartialEq, Default)]
enum Kind {
    #[default]
    Player,
    #[lua(rename = "npc")]
    NonPlayer,
}

fn default_hp() -> i32 {
    100
}

#[derive(LuaTable, Debug, Clone, PartialEq)]
struct Entity {
    name: String,
    pos: Pos,
    #[lua(rename = "type")]
    kind: Kind,
    tags: Vec<String>,
    stats: HashMap<String, i64>,
    nickname: Option<String>,
    #[lua(default = "default_hp")]
    hp: i32,
    #[lua(default)]
    level: u8,
    #[lua(skip)]
    cache: Vec<u8>,
}

#[derive(LuaTable, Debug, PartialEq)]
struct Rgb(u8, u8, u8);

#[derive(LuaTable, Debug, PartialEq)]
struct Wrapper<T> {
    inner: T,
    count: usize,
}

fn entity() -> Entity {
    Entity {
        name: "orc".into(),
        pos: Pos { x: 1.5, y: -2.0 },
        kind: Kind::NonPlayer,
        tags: vec!["green".into(), "angry".into()],
        stats: HashMap::from([("str".into(), 12)]),
        nickname: None,
        hp: 30,
        level: 2,
        cache: vec![1, 2, 3],
    }
}

#[test]
fn a_struct_becomes_a_table_with_one_field_per_struct_field() {
    let lua = Lua::new();
    lua.set_global("e", entity()).unwrap();
    let s: String = lua
        .load("e.name .. ' ' .. e.pos.x .. ',' .. e.pos.y .. ' ' .. e.type .. ' ' .. e.tags[2] .. ' ' .. e.stats.str .. ' ' .. tostring(e.nickname) .. ' ' .. e.hp .. ' ' .. e.level .. ' ' .. tostring(e.cache) .. ' ' .. tostring(e.kind)")
        .eval()
        .unwrap();
    assert_eq!(s, "orc 1.5,-2.0 npc angry 12 nil 30 2 nil nil");
}

#[test]
fn and_reads_back_field_by_field() {
    let lua = Lua::new();
    lua.set_global("e", entity()).unwrap();
    let back: Entity = lua.load("e").eval().unwrap();
    assert_eq!(
        back,
        Entity {
            cache: Vec::new(),
            ..entity()
        },
        "skipped fields read as Default"
    );
    let minimal: Entity = lua
        .load("{name = 'elf', pos = {x = 0, y = 1}, type = 'Player', tags = {}, stats = {}}")
        .eval()
        .unwrap();
    assert_eq!(minimal.hp, 100, "default = \"path\" for a missing field");
    assert_eq!(minimal.level, 0, "default for a missing field");
    assert_eq!(minimal.nickname, None, "Option fields may be nil");
    assert_eq!(minimal.kind, Kind::Player);
}

#[test]
fn errors_name_the_field_path() {
    let lua = Lua::new();
    let base = "name = 'x', type = 'Player', tags = {}, stats = {}";
    let e = lua
        .load(format!("{{{base}, pos = {{x = 1, y = 'up'}}}}"))
        .eval::<Entity>()
        .unwrap_err();
    assert_eq!(e.to_string(), "field 'pos.y': number expected, got string");
    let e = lua
        .load(format!("{{{base}}}"))
        .eval::<Entity>()
        .unwrap_err();
    assert_eq!(e.to_string(), "field 'pos': table expected, got nil");
    let e = lua
        .load("{name = 'x', pos = {x = 1, y = 2}, type = 'Player', tags = {'a', true}, stats = {}}")
        .eval::<Entity>()
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "field 'tags[2]': string expected, got boolean"
    );
    let e = lua
        .load("{name = 'x', pos = {x = 1, y = 2}, type = 'Player', tags = {}, stats = {hp = 1.5}}")
        .eval::<Entity>()
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "field 'stats.hp': number has no integer representation"
    );
    let e = lua
        .load("{name = 'x', pos = {x = 1, y = 2}, type = 'wizard', tags = {}, stats = {}}")
        .eval::<Entity>()
        .unwrap_err();
    assert_eq!(e.to_string(), "field 'type': invalid option 'wizard'");
    let e = lua
        .load(format!("{{{base}, pos = {{x = 1, y = 2}}, level = 300}}"))
        .eval::<Entity>()
        .unwrap_err();
    assert_eq!(e.to_string(), "field 'level': value out of range");
    let e = lua.load("'not a table'").eval::<Pos>().unwrap_err();
    assert_eq!(e.to_string(), "table expected, got string");
}

#[lua_function]
fn distance(a: Pos, b: Pos) -> f64 {
    ((a.x - b.x).powi(2) + (a.y - b.y).powi(2)).sqrt()
}

#[test]
fn as_arguments_of_bound_functions() {
    let lua = Lua::new();
    lua.register("distance", distance::FN).unwrap();
    assert_eq!(
        lua.load("distance({x = 0, y = 0}, {x = 3, y = 4})")
            .eval::<f64>()
            .unwrap(),
        5.0
    );
    let e = lua
        .load("distance({x = 0, y = 0}, {x = 3, y = '4a'})")
        .set_name("d")
        .exec()
        .unwrap_err();
    assert_eq!(
        e.lua_message(),
        "d:1: bad argument #2 to 'distance' (field 'y': number expected, got string)"
    );
}

#[test]
fn tuple_structs_are_sequences() {
    let lua = Lua::new();
    lua.set_global("c", Rgb(255, 128, 0)).unwrap();
    assert_eq!(
        lua.load("#c .. ':' .. c[1] .. ',' .. c[2] .. ',' .. c[3]")
            .eval::<String>()
            .unwrap(),
        "3:255,128,0"
    );
    assert_eq!(lua.load("{1, 2, 3}").eval::<Rgb>().unwrap(), Rgb(1, 2, 3));
    let e = lua.load("{1, 2, 300}").eval::<Rgb>().unwrap_err();
    assert_eq!(e.to_string(), "field '[3]': value out of range");
}

#[test]
fn unit_enums_are_strings() {
    let lua = Lua::new();
    lua.set_global("k", Kind::NonPlayer).unwrap();
    assert_eq!(lua.load("k").eval::<String>().unwrap(), "npc");
    assert_eq!(lua.load("'npc'").eval::<Kind>().unwrap(), Kind::NonPlayer);
    let e = lua.load("'NonPlayer'").eval::<Kind>().unwrap_err();
    assert_eq!(e.to_string(), "invalid option 'NonPlayer'");
    let e = lua.load("{}").eval::<Kind>().unwrap_err();
    assert_eq!(e.to_string(), "string expected, got table");
    // Numbers are strings to Lua's C API (as luaL_checkoption reads them).
    let e = lua.load("1").eval::<Kind>().unwrap_err();
    assert_eq!(e.to_string(), "invalid option '1'");
}

#[test]
fn generic_structs() {
    let lua = Lua::new();
    lua.set_global(
        "w",
        Wrapper {
            inner: Pos { x: 1.0, y: 2.0 },
            count: 3,
        },
    )
    .unwrap();
    let back: Wrapper<Pos> = lua.load("w").eval().unwrap();
    assert_eq!(
        back,
        Wrapper {
            inner: Pos { x: 1.0, y: 2.0 },
            count: 3
        }
    );
    let s: Wrapper<String> = lua.load("{inner = 'x', count = 0}").eval().unwrap();
    assert_eq!(s.inner, "x");
}

#[test]
fn the_table_is_presized_and_plain() {
    // The generated IntoLua uses create_table(0, nfields) and one set_field per field: a plain table,
    // no metatable, exactly the written fields.
    let lua = Lua::new();
    lua.set_global("p", Pos { x: 1.0, y: 2.0 }).unwrap();
    let n: i64 = lua
        .load("local n = 0 for _ in pairs(p) do n = n + 1 end return n")
        .eval()
        .unwrap();
    assert_eq!(n, 2);
    assert!(lua.load("getmetatable(p) == nil").eval::<bool>().unwrap());
}

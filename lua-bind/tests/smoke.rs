use lua_bind::prelude::*;

#[lua_function]
fn add(a: i64, b: i64) -> i64 {
    a + b
}

#[derive(LuaTable, Debug, PartialEq, Clone)]
struct Pos {
    x: f64,
    y: f64,
}

#[test]
fn smoke() {
    let lua = Lua::new();
    lua.register("add", add::FN).unwrap();
    assert_eq!(lua.load("add(2, 3)").eval::<i64>().unwrap(), 5);
    let e = lua.load("add(2, 'x')").exec().unwrap_err();
    println!("{e}");
    let e = lua.load("add(2, 1.5)").exec().unwrap_err();
    println!("{e}");
    let e = lua.load("local function f() error('boom') end\nf()").set_name("t.lua").exec().unwrap_err();
    println!("{e}");
    lua.set_global("p", Pos { x: 1.0, y: 2.0 }).unwrap();
    let p: Pos = lua.load("{x = 3, y = 4}").eval().unwrap();
    assert_eq!(p, Pos { x: 3.0, y: 4.0 });
    let e = lua.load("{x = 3, y = 'a'}").eval::<Pos>().unwrap_err();
    println!("{e}");
}

use lua_bind::LuaTable;

#[derive(LuaTable)]
#[lua(rename = "point")]
struct Point {
    x: f64,
}

fn main() {}

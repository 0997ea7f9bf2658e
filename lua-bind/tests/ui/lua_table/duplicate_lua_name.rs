use lua_bind::LuaTable;

#[derive(LuaTable)]
struct Point {
    #[lua(rename = "x")]
    horizontal: f64,
    #[lua(rename = "x")]
    vertical: f64,
}

fn main() {}

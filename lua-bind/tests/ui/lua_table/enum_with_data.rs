use lua_bind::LuaTable;

#[derive(LuaTable)]
enum Shape {
    Circle(f64),
    Square { side: f64 },
    Empty,
}

fn main() {}

use lua_bind::LuaTable;

#[derive(LuaTable)]
struct Cache {
    key: String,
    #[lua(skip, default)]
    hits: u32,
}

fn main() {}

use lua_bind::LuaTable;

#[derive(LuaTable)]
union Bits {
    i: u32,
    f: f32,
}

fn main() {}

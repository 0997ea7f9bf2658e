use lua_bind::LuaTable;

#[derive(LuaTable)]
struct Player {
    name: String,
    #[lua(rename = "sid", skip)]
    session: u64,
}

fn main() {}

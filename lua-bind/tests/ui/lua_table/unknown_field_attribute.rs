use lua_bind::LuaTable;

#[derive(LuaTable)]
struct Config {
    #[lua(optional)]
    port: u16,
}

fn main() {}

use lua_bind::LuaTable;

#[derive(LuaTable)]
struct Item {
    name: String,
    #[lua(rename = "name")]
    label: String,
}

fn main() {}

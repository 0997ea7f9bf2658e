use lua_bind::LuaTable;

struct Texture(u32);

#[derive(LuaTable)]
struct Sprite {
    name: String,
    texture: Texture,
}

fn main() {}

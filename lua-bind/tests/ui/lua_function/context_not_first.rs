use lua_bind::{lua_function, Lua};

#[lua_function]
fn globals_count(prefix: String, lua: &Lua) -> usize {
    let _ = (prefix, lua);
    0
}

fn main() {}

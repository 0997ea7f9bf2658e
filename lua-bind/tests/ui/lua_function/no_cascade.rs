use lua_bind::{lua_function, Lua};

// Only the misuse is reported: registering the function still compiles.
#[lua_function]
fn first<T: Clone>(items: Vec<T>) -> Option<T> {
    items.first().cloned()
}

fn main() {
    let lua = Lua::new();
    lua.register("first", first::FN).unwrap();
}

use lua_bind::{lua_function, Variadic};

#[lua_function]
fn join(parts: Variadic<String>, sep: String) -> String {
    parts.join(&sep)
}

fn main() {}

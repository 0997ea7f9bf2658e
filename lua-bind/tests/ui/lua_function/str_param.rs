use lua_bind::lua_function;

#[lua_function]
fn shout(s: &str) -> String {
    s.to_uppercase()
}

fn main() {}

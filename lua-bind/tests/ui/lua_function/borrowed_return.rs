use lua_bind::lua_function;

static NAMES: [&str; 2] = ["a", "b"];

#[lua_function]
fn name_of(i: usize) -> &'static str {
    NAMES[i]
}

fn main() {}

use lua_bind::lua_function;

#[lua_function(nmae = "Add")]
fn add(a: i64, b: i64) -> i64 {
    a + b
}

fn main() {}

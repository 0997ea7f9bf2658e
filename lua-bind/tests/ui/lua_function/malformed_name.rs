use lua_bind::lua_function;

#[lua_function(name = 42)]
fn add(a: i64, b: i64) -> i64 {
    a + b
}

#[lua_function(name = "my function")]
fn sub(a: i64, b: i64) -> i64 {
    a - b
}

fn main() {}

use lua_bind::lua_function;

#[lua_function]
fn largest<T: PartialOrd>(a: T, b: T) -> T {
    if a > b { a } else { b }
}

fn main() {}

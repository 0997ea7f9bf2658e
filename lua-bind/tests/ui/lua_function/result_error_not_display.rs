use lua_bind::lua_function;

struct Opaque;

#[lua_function]
fn risky(x: i64) -> Result<i64, Opaque> {
    if x > 0 { Ok(x) } else { Err(Opaque) }
}

fn main() {}

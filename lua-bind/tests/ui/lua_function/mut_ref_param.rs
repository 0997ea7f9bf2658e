use lua_bind::lua_function;

#[lua_function]
fn bump(counter: &mut i64) {
    *counter += 1;
}

fn main() {}

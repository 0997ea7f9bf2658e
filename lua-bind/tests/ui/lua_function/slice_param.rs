use lua_bind::lua_function;

#[lua_function]
fn total(values: &[i64]) -> i64 {
    values.iter().sum()
}

fn main() {}

use lua_bind::lua_function;

#[lua_function]
async fn fetch(id: i64) -> i64 {
    id
}

fn main() {}

use lua_bind::lua_function;

struct Counter(i64);

impl Counter {
    #[lua_function]
    fn get(&self) -> i64 {
        self.0
    }
}

fn main() {}

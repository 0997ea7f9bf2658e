use lua_bind::lua_function;

struct Handle(u32);

#[lua_function]
fn open(path: String) -> Handle {
    Handle(path.len() as u32)
}

fn main() {}

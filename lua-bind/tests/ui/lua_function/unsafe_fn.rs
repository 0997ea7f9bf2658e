use lua_bind::lua_function;

#[lua_function]
unsafe fn peek(addr: usize) -> u8 {
    let _ = addr;
    0
}

fn main() {}

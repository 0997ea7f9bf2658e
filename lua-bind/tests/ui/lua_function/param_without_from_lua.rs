use lua_bind::lua_function;

struct Socket;

#[lua_function]
fn send(sock: Socket, data: String) -> bool {
    let _ = (sock, data);
    true
}

fn main() {}

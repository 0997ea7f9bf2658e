//! Prints the bytecode listing of Lua files, like `luac -l -l -p FILE...`.
use lua_vm::compiler::{compile, listing};

fn main() {
    let mut status = 0;
    for path in std::env::args().skip(1) {
        let src = match std::fs::read(&path) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("{path}: {e}");
                status = 1;
                continue;
            }
        };
        // Skip a first line starting with '#', as the loader does (keeping the newline).
        let body = if src.first() == Some(&b'#') {
            let nl = src.iter().position(|&c| c == b'\n').unwrap_or(src.len());
            &src[nl..]
        } else {
            &src[..]
        };
        let name = format!("@{path}");
        match compile(body, name.as_bytes()) {
            Ok(p) => print!("{}", listing(&p)),
            Err(e) => {
                eprintln!("luac: {e}");
                status = 1;
            }
        }
    }
    std::process::exit(status);
}

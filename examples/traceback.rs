//! An error deep in Lua code reaches the host with the reference-format traceback.
//!
//! The script (examples/traceback.lua) fails three calls deep, in a method. The host runs it with
//! `exec_file`; the error carries the message and the traceback taken by the message handler before
//! the stack unwound, in the same format `lua5.4 traceback.lua` prints.
//!
//! Run with `cargo run --example traceback`. It runs from the repository root, so the chunk is named
//! `examples/traceback.lua` as `lua5.4 examples/traceback.lua` names it.

use lua_bind::Lua;

fn main() {
    let lua = Lua::new();
    std::env::set_current_dir(env!("CARGO_MANIFEST_DIR")).expect("repository root");
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "examples/traceback.lua".to_string());
    match lua.exec_file(&path) {
        Ok(()) => println!("no error"),
        Err(e) => {
            // `Display` is the message then the traceback, as lua.c's message handler formats them.
            println!("lua: {e}");
        }
    }
}

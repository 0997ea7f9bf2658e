//! Helpers shared by the compiler's integration tests.
#![allow(dead_code)]

use lua_vm::compiler::opcode::{get_opcode, Instruction};
use lua_vm::compiler::proto::FuncProto;
use lua_vm::compiler::{compile, CompileError};

/// Compiles `src` as `load(src)` does (the chunk name is the source itself).
pub fn load(src: &[u8]) -> Result<FuncProto, CompileError> {
    compile(src, src)
}

/// The error message `load(src)` gives, or "OK".
pub fn load_msg(src: &[u8]) -> Vec<u8> {
    match load(src) {
        Ok(_) => b"OK".to_vec(),
        Err(e) => e.message,
    }
}

/// Opcode names of a function's code.
pub fn opnames(code: &[Instruction]) -> Vec<&'static str> {
    code.iter().map(|&i| get_opcode(i).name()).collect()
}

/// Opcode names of the main function of `src`.
pub fn main_ops(src: &str) -> Vec<&'static str> {
    opnames(&load(src.as_bytes()).expect("compiles").code)
}

/// Runs `f` on a thread with the 2 MiB stack `cargo test` gives its threads.
pub fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(f)
        .expect("spawn")
        .join()
        .expect("no panic")
}

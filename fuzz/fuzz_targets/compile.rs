//! Fuzz target: the lexer and parser/code generator on arbitrary bytes. Any input must give a
//! prototype or a syntax error, never a panic or a stack overflow.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = lua_vm::compiler::compile(data, b"=fuzz");
});

//! lua-vm: a Lua 5.4 implementation written from scratch in Rust.
//!
//! Data flows: source text -> `compiler` (lexer, parser, codegen) -> `FuncProto` -> loaded into the
//! garbage-collected heap (`gc`, `value`) -> executed by the register VM (`vm`). Hosts and the standard
//! library (`stdlib`) talk to the VM only through the stack API in `api` (our `lua.h` and `lauxlib.h`).

pub mod compiler;
pub mod text;

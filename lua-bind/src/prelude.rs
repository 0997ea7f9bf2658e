//! `use lua_bind::prelude::*;` brings the types and traits a host needs.

pub use crate::{
    lua_function, AnyUserData, Bytes, Error, FromLua, FromLuaMulti, Function, IntoLua,
    IntoLuaMulti, Lua, LuaFn, LuaReturn, LuaTable, Result, Table, Thread, Value, Variadic,
};

//! `use lua_bind::prelude::*;` brings the types and traits a host needs.

pub use crate::{
    lua_function, AnyUserData, Bytes, Error, FromLua, FromLuaMulti, Function, InterruptHandle,
    IntoLua, IntoLuaMulti, Lua, LuaBuilder, LuaFn, LuaReturn, LuaTable, Result, Table, Thread,
    Value, Variadic,
};

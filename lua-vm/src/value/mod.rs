//! Lua values.

pub mod number;

//! Lua values and the operations on them.

pub mod arith;

//! The virtual machine: state, calls and errors, the interpreter loop, metamethods and coroutines.

pub mod call;
pub mod coroutine;
pub mod debuginfo;
pub mod error;
pub mod execute;
pub mod hooks;
pub(crate) mod iterate;
pub mod limits;
pub mod load;
pub mod meta;
pub mod ops;
pub mod state;
pub mod strcache;
pub mod warn;

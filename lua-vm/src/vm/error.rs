//! Error values and status codes. Raising an error is returning `Err(LuaError)`: no unwinding. The
//! error object travels in the `Err`; protected calls (`call.rs`) catch it, run the message handler with
//! the failing frames still on the call stack, then unwind the stack.

use crate::value::Value;

/// Status codes, numbered as in `lua.h`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Status {
    Ok = 0,
    Yield = 1,
    ErrRun = 2,
    ErrSyntax = 3,
    ErrMem = 4,
    ErrErr = 5,
    /// A file could not be opened or read (`LUA_ERRFILE`, auxiliary library only).
    ErrFile = 6,
}

/// An error (or a yield) on its way to the nearest protected call (or resume).
#[derive(Clone, Copy, Debug)]
pub struct LuaError {
    pub status: Status,
    /// The error object (any Lua value); nil for a yield.
    pub value: Value,
}

impl LuaError {
    /// A runtime error carrying `value`.
    #[cold]
    pub fn runtime(value: Value) -> LuaError {
        LuaError {
            status: Status::ErrRun,
            value,
        }
    }
    /// The signal that unwinds a yielding coroutine to its `resume`.
    #[cold]
    pub fn yield_signal() -> LuaError {
        LuaError {
            status: Status::Yield,
            value: Value::Nil,
        }
    }
    #[inline]
    pub fn is_yield(&self) -> bool {
        self.status == Status::Yield
    }
}

pub type LuaResult<T> = Result<T, LuaError>;

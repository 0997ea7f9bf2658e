//! The error type shared by the text engines (`string.format`, `string.pack` and friends).
//!
//! The engines know nothing about the VM, so they report errors in the two shapes the reference
//! library uses and let the wrapper turn them into Lua errors:
//! - [`TextError::Error`] is a `luaL_error`: the message is raised as is (it is a byte string
//!   because it may quote bytes of the user's format);
//! - [`TextError::Arg`] is a `luaL_argerror`: the wrapper prefixes
//!   "bad argument #N to 'name' (...)" exactly as the auxiliary library does.

use std::fmt;

/// An error raised by a text engine.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TextError {
    /// `luaL_error(L, msg)`: a plain error message.
    Error(Vec<u8>),
    /// `luaL_argerror(L, argn, msg)`: a problem with argument number `argn` (1-based, as on the
    /// Lua stack of the library function).
    Arg(usize, &'static str),
    /// The output could not be allocated (the reference raises a memory error).
    OutOfMemory,
}

impl TextError {
    /// A plain error from a message.
    pub fn msg(m: impl Into<Vec<u8>>) -> TextError {
        TextError::Error(m.into())
    }

    /// The message without the "bad argument" decoration (for tests and simple hosts).
    pub fn message(&self) -> Vec<u8> {
        match self {
            TextError::Error(m) => m.clone(),
            TextError::Arg(_, m) => m.as_bytes().to_vec(),
            TextError::OutOfMemory => b"not enough memory".to_vec(),
        }
    }
}

impl fmt::Display for TextError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TextError::Error(m) => f.write_str(&String::from_utf8_lossy(m)),
            TextError::Arg(n, m) => write!(f, "bad argument #{n} ({m})"),
            TextError::OutOfMemory => f.write_str("not enough memory"),
        }
    }
}

impl std::error::Error for TextError {}

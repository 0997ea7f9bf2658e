//! The compiler's error type: a fully formatted message, as `load` returns it.
#![forbid(unsafe_code)]

use std::fmt;

/// A syntax (or limit) error. `message` is formatted exactly as the reference formats it, e.g.
/// `[string "x = = 1"]:1: unexpected symbol near '='`. It is a byte string because it may quote
/// arbitrary bytes of the source.
#[derive(Clone, PartialEq, Eq)]
pub struct CompileError {
    pub message: Vec<u8>,
}

impl CompileError {
    pub fn new(message: impl Into<Vec<u8>>) -> CompileError {
        CompileError {
            message: message.into(),
        }
    }
}

impl fmt::Display for CompileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&String::from_utf8_lossy(&self.message))
    }
}

impl fmt::Debug for CompileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "CompileError({:?})",
            String::from_utf8_lossy(&self.message)
        )
    }
}

impl std::error::Error for CompileError {}

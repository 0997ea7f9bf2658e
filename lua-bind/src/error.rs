//! The one error type of the binding layer. `Display` shows the reference-style message (what
//! `lua5.4` would print after its program name) and, for runtime errors, the traceback on the lines
//! after it, as `lua.c`'s message handler formats them.

use std::fmt;

/// Result of every fallible operation of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// An error from Lua, from a conversion, or from the host side of the binding.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The chunk did not compile ("chunk:1: unexpected symbol near '?'").
    #[error("{message}")]
    Syntax { message: String },
    /// A Lua error raised while running code: its message (the error object converted as `lua.c`
    /// does) and the traceback taken by the message handler before the stack unwound.
    #[error("{}", join_traceback(.message, .traceback))]
    Runtime { message: String, traceback: String },
    /// The memory limit was hit ("not enough memory").
    #[error("{message}")]
    Memory { message: String },
    /// The message handler itself failed ("error in error handling").
    #[error("{message}")]
    ErrorHandler { message: String },
    /// An argument of a bound function did not convert: "bad argument #2 to 'add' (number expected,
    /// got string)".
    #[error("{0}")]
    BadArgument(Box<BadArgument>),
    /// A value did not convert: `from` is the Lua type found, `to` the type wanted, `path` the field path
    /// inside a table ("field 'pos.x': number expected, got string").
    #[error("{}", detail(.to, .from, .path, .message))]
    Conversion {
        from: String,
        to: String,
        path: String,
        message: Option<String>,
    },
    /// Any other failure on the host side (a missing module, a handle of another state...).
    #[error("{0}")]
    Message(String),
}

/// The details of `Error::BadArgument`.
#[derive(Debug, Clone, PartialEq)]
pub struct BadArgument {
    pub position: usize,
    pub function: String,
    pub expected: String,
    pub got: String,
    /// Field path inside a table argument ("pos.x", "items[2]"), empty for the argument itself.
    pub path: String,
    /// A specific reason replacing "expected, got" ("number has no integer representation").
    pub message: Option<String>,
}

impl fmt::Display for BadArgument {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "bad argument #{} to '{}' ({})",
            self.position,
            self.function,
            detail(&self.expected, &self.got, &self.path, &self.message)
        )
    }
}

fn join_traceback(message: &str, traceback: &str) -> String {
    if traceback.is_empty() {
        message.to_string()
    } else {
        format!("{message}\n{traceback}")
    }
}

fn detail(expected: &str, got: &str, path: &str, message: &Option<String>) -> String {
    let base = match message {
        Some(m) => m.clone(),
        None => format!("{expected} expected, got {got}"),
    };
    if path.is_empty() {
        base
    } else {
        format!("field '{path}': {base}")
    }
}

impl Error {
    /// A conversion error: `to` expected, `from` found.
    pub fn conversion(from: impl Into<String>, to: impl Into<String>) -> Error {
        Error::Conversion {
            from: from.into(),
            to: to.into(),
            path: String::new(),
            message: None,
        }
    }

    /// A conversion error with a specific reason.
    pub fn conversion_msg(
        from: impl Into<String>,
        to: impl Into<String>,
        message: impl Into<String>,
    ) -> Error {
        Error::Conversion {
            from: from.into(),
            to: to.into(),
            path: String::new(),
            message: Some(message.into()),
        }
    }

    /// A host-side error with a message.
    pub fn message(m: impl fmt::Display) -> Error {
        Error::Message(m.to_string())
    }

    /// The message without the traceback.
    pub fn lua_message(&self) -> String {
        match self {
            Error::Runtime { message, .. } => message.clone(),
            other => other.to_string(),
        }
    }

    /// The traceback of a runtime error (empty for other errors).
    pub fn traceback(&self) -> &str {
        match self {
            Error::Runtime { traceback, .. } => traceback,
            _ => "",
        }
    }

    /// Prefixes the field path of a conversion error with a field name (used while reading nested
    /// tables: the innermost field is added first).
    pub fn in_field(self, name: &str) -> Error {
        self.with_segment(name)
    }

    /// Prefixes the field path of a conversion error with a sequence index.
    pub fn in_index(self, i: i64) -> Error {
        self.with_segment(&format!("[{i}]"))
    }

    fn with_segment(self, seg: &str) -> Error {
        match self {
            Error::Conversion {
                from,
                to,
                path,
                message,
            } => {
                let path = if path.is_empty() {
                    seg.to_string()
                } else if path.starts_with('[') {
                    format!("{seg}{path}")
                } else {
                    format!("{seg}.{path}")
                };
                Error::Conversion {
                    from,
                    to,
                    path,
                    message,
                }
            }
            other => other,
        }
    }

    /// Turns a conversion error of argument `position` into a bad-argument error.
    pub fn into_bad_argument(self, position: usize, function: &str) -> Error {
        match self {
            Error::Conversion {
                from,
                to,
                path,
                message,
            } => Error::BadArgument(Box::new(BadArgument {
                position,
                function: function.to_string(),
                expected: to,
                got: from,
                path,
                message,
            })),
            other => other,
        }
    }
}

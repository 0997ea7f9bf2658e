//! Errors raised while matching a pattern or expanding a replacement string, with the exact
//! messages of the reference implementation (Lua 5.4.4, `lstrlib.c`).

use std::fmt;

/// A malformed pattern or replacement, or a resource limit hit while matching.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PatternError {
    /// "malformed pattern (ends with '%')"
    EndsWithEscape,
    /// "malformed pattern (missing ']')"
    MissingBracket,
    /// "missing '[' after '%f' in pattern"
    MissingFrontierSet,
    /// "malformed pattern (missing arguments to '%b')"
    MissingBalanceArgs,
    /// "invalid capture index %N" (N is the 1-based index as written, may be 0 or > 9).
    InvalidCaptureIndex(i32),
    /// "invalid pattern capture" (a `)` without an open capture).
    InvalidPatternCapture,
    /// "unfinished capture" (reading a capture whose `(` was never closed).
    UnfinishedCapture,
    /// "pattern too complex" (matcher recursion limit reached).
    TooComplex,
    /// "too many captures" (more than `MAX_CAPTURES`).
    TooManyCaptures,
    /// "invalid use of '%' in replacement string"
    InvalidReplacementEscape,
    /// The host interrupted the VM while the matcher was running ("interrupted!").
    Interrupted,
}

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PatternError::EndsWithEscape => f.write_str("malformed pattern (ends with '%')"),
            PatternError::MissingBracket => f.write_str("malformed pattern (missing ']')"),
            PatternError::MissingFrontierSet => f.write_str("missing '[' after '%f' in pattern"),
            PatternError::MissingBalanceArgs => {
                f.write_str("malformed pattern (missing arguments to '%b')")
            }
            PatternError::InvalidCaptureIndex(n) => write!(f, "invalid capture index %{n}"),
            PatternError::InvalidPatternCapture => f.write_str("invalid pattern capture"),
            PatternError::UnfinishedCapture => f.write_str("unfinished capture"),
            PatternError::TooComplex => f.write_str("pattern too complex"),
            PatternError::TooManyCaptures => f.write_str("too many captures"),
            PatternError::InvalidReplacementEscape => {
                f.write_str("invalid use of '%' in replacement string")
            }
            PatternError::Interrupted => f.write_str("interrupted!"),
        }
    }
}

impl std::error::Error for PatternError {}

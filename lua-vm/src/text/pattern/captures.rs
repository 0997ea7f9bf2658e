//! The result of one successful match: the whole-match range and the capture slots, with the
//! reference's rules for reading them back (`get_onecapture` / `push_captures`).

use super::error::PatternError;

/// Maximum number of captures in one pattern (LUA_MAXCAPTURES).
pub const MAX_CAPTURES: usize = 32;

/// Slot length of a capture whose `(` has not been closed yet.
pub(super) const CAP_UNFINISHED: isize = -1;
/// Slot length of a position capture `()`.
pub(super) const CAP_POSITION: isize = -2;

/// One capture slot: start offset and length (or one of the two markers above).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Slot {
    pub(super) init: usize,
    pub(super) len: isize,
}

/// A capture value: a substring of the subject or a position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Capture {
    /// The subject bytes `start..end` (0-based, end exclusive).
    Bytes { start: usize, end: usize },
    /// A position capture `()`: the 1-based index Lua returns as an integer.
    Position(usize),
}

impl Capture {
    /// The captured bytes, or `None` for a position capture.
    pub fn bytes<'s>(&self, subject: &'s [u8]) -> Option<&'s [u8]> {
        match *self {
            Capture::Bytes { start, end } => subject.get(start..end),
            Capture::Position(_) => None,
        }
    }
}

/// A successful match: whole-match range plus captures. Owns no borrow of the subject.
#[derive(Debug, Clone)]
pub struct Match {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) level: usize,
    pub(super) slots: [Slot; MAX_CAPTURES],
}

impl Match {
    pub(super) fn empty() -> Match {
        Match {
            start: 0,
            end: 0,
            level: 0,
            slots: [Slot { init: 0, len: 0 }; MAX_CAPTURES],
        }
    }

    /// 0-based offset of the first matched byte (`string.find` returns `start() + 1`).
    pub fn start(&self) -> usize {
        self.start
    }

    /// 0-based exclusive end of the match (`string.find` returns `end()` as its second value).
    pub fn end(&self) -> usize {
        self.end
    }

    /// Number of explicit captures in the pattern (what `string.find` returns after the indices).
    pub fn capture_count(&self) -> usize {
        self.level
    }

    /// Number of values `string.match`, `gmatch` and a `gsub` function receive: the captures, or 1
    /// (the whole match) when the pattern has none.
    pub fn value_count(&self) -> usize {
        self.level.max(1)
    }

    /// Capture `i` (0-based). With no explicit captures, index 0 is the whole match (the value a
    /// `gsub` table lookup uses). Errors: "invalid capture index %N" for an index past the captures,
    /// "unfinished capture" for a capture never closed.
    pub fn capture(&self, i: usize) -> Result<Capture, PatternError> {
        if i >= self.level {
            if i != 0 {
                return Err(PatternError::InvalidCaptureIndex(i as i32 + 1));
            }
            return Ok(Capture::Bytes {
                start: self.start,
                end: self.end,
            });
        }
        let slot = self.slots[i];
        match slot.len {
            CAP_UNFINISHED => Err(PatternError::UnfinishedCapture),
            CAP_POSITION => Ok(Capture::Position(slot.init + 1)),
            len => Ok(Capture::Bytes {
                start: slot.init,
                end: slot.init + len as usize,
            }),
        }
    }
}

//! Search drivers: plain substring search, `string.find` / `string.match` (anchored or scanning)
//! and the `string.gmatch` iterator state, plus the `init` argument adjustment they share.

use super::captures::Match;
use super::engine::{Engine, Interrupt};
use super::error::PatternError;

/// Bytes that make a pattern need the matcher (if none occurs, `find` searches plainly).
pub const SPECIALS: &[u8] = b"^$*+?.([%-";

/// Converts a Lua `init` argument (1-based, negative counts from the end, 0 means 1) into a 0-based
/// start offset. Returns `None` when it lies past `len + 1`, where `find`/`match` return fail
/// (`gmatch` then simply yields nothing).
pub fn start_offset(init: i64, len: usize) -> Option<usize> {
    let pos: u64 = if init > 0 {
        init as u64
    } else if init == 0 || init.unsigned_abs() > len as u64 {
        1
    } else {
        len as u64 - init.unsigned_abs() + 1
    };
    let offset = pos - 1;
    (offset <= len as u64).then_some(offset as usize)
}

/// True if `pattern` contains a byte of `SPECIALS`.
pub fn has_specials(pattern: &[u8]) -> bool {
    pattern.iter().any(|c| SPECIALS.contains(c))
}

/// Plain search of `needle` in `haystack[from..]`; returns the 0-based offset of the first
/// occurrence. An empty needle is found at `from`.
pub fn find_plain(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    let hay = haystack.get(from..)?;
    let Some((&first, rest)) = needle.split_first() else {
        return Some(from);
    };
    if needle.len() > hay.len() {
        return None;
    }
    let last_start = hay.len() - needle.len();
    let mut i = 0;
    while i <= last_start {
        let pos = find_byte(&hay[i..=last_start], first)?;
        let at = i + pos;
        if &hay[at + 1..at + needle.len()] == rest {
            return Some(from + at);
        }
        i = at + 1;
    }
    None
}

/// `find` as a plain substring search when `plain` is asked or the pattern has no special
/// characters: `Some` of the 0-based start of the first occurrence (`None` inside when there is
/// none); `None` when the pattern needs the matcher.
pub fn find_if_plain(
    subject: &[u8],
    pattern: &[u8],
    from: usize,
    plain: bool,
) -> Option<Option<usize>> {
    (plain || !has_specials(pattern)).then(|| find_plain(subject, pattern, from))
}

/// Index of the first `b` in `hay`, eight bytes at a time (the reference uses the C library's
/// `memchr` here; a byte-by-byte scan made plain `string.find` twice as slow as lua5.4).
fn find_byte(hay: &[u8], b: u8) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let pattern = ONES * u64::from(b);
    let mut chunks = hay.chunks_exact(8);
    let mut base = 0;
    for chunk in &mut chunks {
        let Ok(word) = <[u8; 8]>::try_from(chunk) else {
            break;
        };
        // Bytes equal to `b` become zero; the lowest flagged byte of `x - ONES & !x & HIGHS` is the
        // first zero byte (borrows only flag bytes above a true zero).
        let x = u64::from_le_bytes(word) ^ pattern;
        let zeros = x.wrapping_sub(ONES) & !x & HIGHS;
        if zeros != 0 {
            return Some(base + (zeros.trailing_zeros() / 8) as usize);
        }
        base += 8;
    }
    hay[base..].iter().position(|&c| c == b).map(|p| base + p)
}

/// Splits a leading `^` anchor off a pattern.
pub(super) fn split_anchor(pattern: &[u8]) -> (bool, &[u8]) {
    match pattern.split_first() {
        Some((b'^', rest)) => (true, rest),
        _ => (false, pattern),
    }
}

/// Scans for the first match at or after `from`, honouring a leading `^` anchor.
fn scan(
    subject: &[u8],
    pattern: &[u8],
    from: usize,
    interrupt: Interrupt<'_>,
) -> Result<Option<Match>, PatternError> {
    if from > subject.len() {
        return Ok(None);
    }
    let (anchor, pat) = split_anchor(pattern);
    let mut engine = Engine::new(subject, pat, interrupt, !anchor);
    let mut s = from;
    loop {
        if engine.match_at(s)?.is_some() {
            return Ok(Some(engine.m));
        }
        s += 1;
        if anchor || s > subject.len() {
            return Ok(None);
        }
    }
}

/// `string.find` from 0-based offset `from` (see `start_offset`). With `plain`, or when the
/// pattern has no special byte, this is a substring search and the match has no captures.
/// Push `start() + 1`, `end()` and then the `capture_count()` captures.
pub fn find(
    subject: &[u8],
    pattern: &[u8],
    from: usize,
    plain: bool,
) -> Result<Option<Match>, PatternError> {
    find_interruptible(subject, pattern, from, plain, None)
}

/// `find` that gives up with `PatternError::Interrupted` once `interrupt` is raised.
pub fn find_interruptible(
    subject: &[u8],
    pattern: &[u8],
    from: usize,
    plain: bool,
    interrupt: Interrupt<'_>,
) -> Result<Option<Match>, PatternError> {
    if from > subject.len() {
        return Ok(None);
    }
    if let Some(found) = find_if_plain(subject, pattern, from, plain) {
        return Ok(found.map(|start| {
            let mut m = Match::empty();
            m.start = start;
            m.end = start + pattern.len();
            m
        }));
    }
    scan(subject, pattern, from, interrupt)
}

/// `string.match` from 0-based offset `from`. Push the `value_count()` values.
pub fn match_pattern(
    subject: &[u8],
    pattern: &[u8],
    from: usize,
) -> Result<Option<Match>, PatternError> {
    scan(subject, pattern, from, None)
}

/// `match_pattern` that gives up with `PatternError::Interrupted` once `interrupt` is raised.
pub fn match_interruptible(
    subject: &[u8],
    pattern: &[u8],
    from: usize,
    interrupt: Interrupt<'_>,
) -> Result<Option<Match>, PatternError> {
    scan(subject, pattern, from, interrupt)
}

/// State of a `string.gmatch` iterator. It holds no borrow: pass the same subject and pattern to
/// every `next` call. As in Lua 5.4.4, a `^` in the pattern is an ordinary character here, and a
/// match may not end where the previous one ended (so an empty match right after a match is
/// skipped).
#[derive(Debug, Clone)]
pub struct GMatch {
    pos: usize,
    last_match: Option<usize>,
}

impl GMatch {
    /// Starts iteration at the Lua `init` argument (default 1).
    pub fn new(init: i64, subject_len: usize) -> GMatch {
        GMatch {
            pos: start_offset(init, subject_len).unwrap_or(subject_len + 1),
            last_match: None,
        }
    }

    /// Next match, or `None` when the subject is exhausted.
    pub fn next(&mut self, subject: &[u8], pattern: &[u8]) -> Result<Option<Match>, PatternError> {
        self.next_interruptible(subject, pattern, None)
    }

    /// `next` that gives up with `PatternError::Interrupted` once `interrupt` is raised.
    pub fn next_interruptible(
        &mut self,
        subject: &[u8],
        pattern: &[u8],
        interrupt: Interrupt<'_>,
    ) -> Result<Option<Match>, PatternError> {
        let mut engine = Engine::new(subject, pattern, interrupt, true);
        while self.pos <= subject.len() {
            let src = self.pos;
            if let Some(e) = engine.match_at(src)? {
                if Some(e) != self.last_match {
                    self.pos = e;
                    self.last_match = Some(e);
                    return Ok(Some(engine.m));
                }
            }
            self.pos += 1;
        }
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn find_byte_agrees_with_a_plain_scan() {
        // Every position in haystacks of every length up to 40, with the byte values the word trick
        // could confuse (zero, high bit, neighbours of the target).
        for len in 0..40 {
            for b in [0u8, 1, 0x7f, 0x80, 0x81, 0xfe, 0xff, b'n'] {
                for at in 0..=len {
                    let mut hay: Vec<u8> =
                        (0..len).map(|i| (i as u8).wrapping_mul(37) | 1).collect();
                    hay.iter_mut().for_each(|c| {
                        if *c == b {
                            *c = b.wrapping_add(1) | 1;
                        }
                    });
                    if at < len {
                        hay[at] = b;
                    }
                    let want = hay.iter().position(|&c| c == b);
                    assert_eq!(find_byte(&hay, b), want, "len {len} byte {b} at {at}");
                }
            }
        }
    }
}

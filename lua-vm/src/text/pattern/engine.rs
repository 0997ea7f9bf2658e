//! The backtracking matcher. It follows the reference algorithm (same match order, same lazy error
//! detection: a malformed item is only reported when the matcher reaches it) so results and errors
//! agree with PUC-Rio Lua. Recursion happens only through `do_match` and is bounded by
//! `MAX_DEPTH` ("pattern too complex"); everything that can be a loop is a loop.

use std::sync::atomic::{AtomicBool, Ordering};

use super::captures::{Match, Slot, CAP_POSITION, CAP_UNFINISHED, MAX_CAPTURES};
use super::class::{class_end, class_matches, set_matches};
use super::error::PatternError;
use super::first::{contains, first_bytes, ByteSet};

/// Maximum nesting of `do_match` calls (the reference's MAXCCALLS).
const MAX_DEPTH: usize = 200;

/// Matching steps between two looks at the interrupt flag.
const INTERRUPT_PERIOD: u32 = 4096;

/// A flag that stops the matcher with `PatternError::Interrupted` when raised (the VM's interrupt: a
/// pathological pattern backtracks for ages without running a Lua instruction that would see it).
pub type Interrupt<'a> = Option<&'a AtomicBool>;

type MatchResult = Result<Option<usize>, PatternError>;

/// Matching state for one subject and one pattern (the pattern without a leading `^` anchor).
pub(super) struct Engine<'a> {
    src: &'a [u8],
    pat: &'a [u8],
    depth: usize,
    /// Captures of the current attempt; after a successful `match_at`, the complete result.
    pub(super) m: Match,
    interrupt: Interrupt<'a>,
    steps: u32,
    /// The bytes a match can start with, when the pattern's first item says (see `first`).
    first: Option<ByteSet>,
}

impl<'a> Engine<'a> {
    /// An engine for `pat` (anchor removed) on `src`. `scanning`: the caller will try many start
    /// positions (an unanchored search), which is when reading the pattern's first bytes pays.
    pub(super) fn new(
        src: &'a [u8],
        pat: &'a [u8],
        interrupt: Interrupt<'a>,
        scanning: bool,
    ) -> Engine<'a> {
        Engine {
            src,
            pat,
            depth: MAX_DEPTH,
            m: Match::empty(),
            interrupt,
            steps: 0,
            first: if scanning { first_bytes(pat) } else { None },
        }
    }

    /// Tries to match the whole pattern starting exactly at subject offset `s` (`s <= src.len()`).
    /// On success returns the end offset and records the match range in `self.m`.
    pub(super) fn match_at(&mut self, s: usize) -> MatchResult {
        if let Some(first) = &self.first {
            // The first item would fail here without looking further.
            match self.src.get(s) {
                Some(&c) if contains(first, c) => {}
                _ => return Ok(None),
            }
        }
        self.m.level = 0;
        self.depth = MAX_DEPTH;
        let res = self.do_match(s, 0)?;
        if let Some(e) = res {
            self.m.start = s;
            self.m.end = e;
        }
        Ok(res)
    }

    /// Length of the subject.
    pub(super) fn subject_len(&self) -> usize {
        self.src.len()
    }

    /// Pattern byte at `i`, or 0 past the end (the reference reads its terminating NUL there).
    #[inline]
    fn p_at(&self, i: usize) -> u8 {
        self.pat.get(i).copied().unwrap_or(0)
    }

    /// Subject byte at `i`, or 0 past the end.
    #[inline]
    fn s_at(&self, i: usize) -> u8 {
        self.src.get(i).copied().unwrap_or(0)
    }

    fn do_match(&mut self, s: usize, p: usize) -> MatchResult {
        if self.depth == 0 {
            return Err(PatternError::TooComplex);
        }
        self.steps = self.steps.wrapping_add(1);
        if self.steps.is_multiple_of(INTERRUPT_PERIOD) {
            if let Some(flag) = self.interrupt {
                if flag.load(Ordering::Relaxed) {
                    return Err(PatternError::Interrupted);
                }
            }
        }
        self.depth -= 1;
        let res = self.match_loop(s, p);
        self.depth += 1;
        res
    }

    /// Body of `do_match`: tail positions loop instead of recursing.
    fn match_loop(&mut self, mut s: usize, mut p: usize) -> MatchResult {
        loop {
            if p >= self.pat.len() {
                return Ok(Some(s));
            }
            match self.pat[p] {
                b'(' => {
                    return if self.p_at(p + 1) == b')' {
                        self.start_capture(s, p + 2, CAP_POSITION)
                    } else {
                        self.start_capture(s, p + 1, CAP_UNFINISHED)
                    };
                }
                b')' => return self.end_capture(s, p + 1),
                b'$' if p + 1 == self.pat.len() => {
                    return Ok((s == self.src.len()).then_some(s));
                }
                b'%' if self.p_at(p + 1) == b'b' => match self.match_balance(s, p + 2)? {
                    Some(next) => {
                        s = next;
                        p += 4;
                        continue;
                    }
                    None => return Ok(None),
                },
                b'%' if self.p_at(p + 1) == b'f' => {
                    p += 2;
                    if self.p_at(p) != b'[' {
                        return Err(PatternError::MissingFrontierSet);
                    }
                    let ep = class_end(self.pat, p)?;
                    let prev = if s == 0 { 0 } else { self.s_at(s - 1) };
                    let cur = self.s_at(s);
                    if !set_matches(self.pat, prev, p, ep - 1)
                        && set_matches(self.pat, cur, p, ep - 1)
                    {
                        p = ep;
                        continue;
                    }
                    return Ok(None);
                }
                b'%' if self.p_at(p + 1).is_ascii_digit() => {
                    match self.match_back_reference(s, self.p_at(p + 1))? {
                        Some(next) => {
                            s = next;
                            p += 2;
                            continue;
                        }
                        None => return Ok(None),
                    }
                }
                _ => {
                    // A single-character class with an optional quantifier.
                    let ep = class_end(self.pat, p)?;
                    let suffix = self.p_at(ep);
                    if !self.single_match(s, p, ep) {
                        if matches!(suffix, b'*' | b'?' | b'-') {
                            p = ep + 1;
                            continue;
                        }
                        return Ok(None);
                    }
                    match suffix {
                        b'?' => {
                            if let Some(res) = self.do_match(s + 1, ep + 1)? {
                                return Ok(Some(res));
                            }
                            p = ep + 1;
                        }
                        b'+' => return self.max_expand(s + 1, p, ep),
                        b'*' => return self.max_expand(s, p, ep),
                        b'-' => return self.min_expand(s, p, ep),
                        _ => {
                            s += 1;
                            p = ep;
                        }
                    }
                }
            }
        }
    }

    /// Does subject byte `s` match the class `pat[p..ep]`?
    fn single_match(&self, s: usize, p: usize, ep: usize) -> bool {
        let Some(&c) = self.src.get(s) else {
            return false;
        };
        match self.pat[p] {
            b'.' => true,
            b'%' => class_matches(c, self.p_at(p + 1)),
            b'[' => set_matches(self.pat, c, p, ep - 1),
            literal => literal == c,
        }
    }

    /// `%bxy` with `x` at `pat[p]`.
    fn match_balance(&self, s: usize, p: usize) -> MatchResult {
        if p + 1 >= self.pat.len() {
            return Err(PatternError::MissingBalanceArgs);
        }
        let open = self.pat[p];
        let close = self.pat[p + 1];
        if s >= self.src.len() || self.src[s] != open {
            return Ok(None);
        }
        let mut depth = 1usize;
        for (i, &c) in self.src.iter().enumerate().skip(s + 1) {
            if c == close {
                depth -= 1;
                if depth == 0 {
                    return Ok(Some(i + 1));
                }
            } else if c == open {
                depth += 1;
            }
        }
        Ok(None)
    }

    /// `%1`..`%9` (and the invalid `%0`): the text of an earlier closed capture, again.
    fn match_back_reference(&self, s: usize, digit: u8) -> MatchResult {
        let l = digit as i32 - b'1' as i32;
        if l < 0 || l as usize >= self.m.level || self.m.slots[l as usize].len == CAP_UNFINISHED {
            return Err(PatternError::InvalidCaptureIndex(l + 1));
        }
        let slot = self.m.slots[l as usize];
        if slot.len < 0 {
            return Ok(None); // a position capture never matches as text (as in the reference)
        }
        let len = slot.len as usize;
        let captured = &self.src[slot.init..slot.init + len];
        match self.src.get(s..s + len) {
            Some(here) if here == captured => Ok(Some(s + len)),
            _ => Ok(None),
        }
    }

    /// Greedy repetition: count how far the class matches, then back off one at a time.
    fn max_expand(&mut self, s: usize, p: usize, ep: usize) -> MatchResult {
        let mut i = 0;
        while self.single_match(s + i, p, ep) {
            i += 1;
        }
        loop {
            if let Some(res) = self.do_match(s + i, ep + 1)? {
                return Ok(Some(res));
            }
            if i == 0 {
                return Ok(None);
            }
            i -= 1;
        }
    }

    /// Lazy repetition: try the rest of the pattern first, then one more repetition.
    fn min_expand(&mut self, mut s: usize, p: usize, ep: usize) -> MatchResult {
        loop {
            if let Some(res) = self.do_match(s, ep + 1)? {
                return Ok(Some(res));
            }
            if self.single_match(s, p, ep) {
                s += 1;
            } else {
                return Ok(None);
            }
        }
    }

    fn start_capture(&mut self, s: usize, p: usize, what: isize) -> MatchResult {
        let level = self.m.level;
        if level >= MAX_CAPTURES {
            return Err(PatternError::TooManyCaptures);
        }
        self.m.slots[level] = Slot { init: s, len: what };
        self.m.level = level + 1;
        let res = self.do_match(s, p)?;
        if res.is_none() {
            self.m.level -= 1; // undo the capture
        }
        Ok(res)
    }

    fn end_capture(&mut self, s: usize, p: usize) -> MatchResult {
        let l = self.capture_to_close()?;
        self.m.slots[l].len = (s - self.m.slots[l].init) as isize;
        let res = self.do_match(s, p)?;
        if res.is_none() {
            self.m.slots[l].len = CAP_UNFINISHED; // undo the close
        }
        Ok(res)
    }

    /// Innermost capture still open.
    fn capture_to_close(&self) -> Result<usize, PatternError> {
        (0..self.m.level)
            .rev()
            .find(|&l| self.m.slots[l].len == CAP_UNFINISHED)
            .ok_or(PatternError::InvalidPatternCapture)
    }
}

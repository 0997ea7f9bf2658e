//! `string.gsub`: the substitution loop (as a resumable step iterator and as a callback driver) and
//! the expansion of replacement strings (`%0`..`%9`, `%%`).

use std::ops::Range;

use super::captures::{Capture, Match};
use super::engine::{Engine, Interrupt};
use super::error::PatternError;
use super::search::split_anchor;

/// One substitution: copy `subject[copy]` unchanged to the output, then the replacement for `m`.
#[derive(Debug, Clone)]
pub struct GsubStep {
    pub copy: Range<usize>,
    pub m: Match,
}

/// Resumable state of a `string.gsub` loop. Holds no borrow: pass the same subject and pattern to
/// every `next` call. After `next` returns `None`, copy `subject[tail()..]` to finish the output.
#[derive(Debug, Clone)]
pub struct Gsub {
    /// Subject offset where the next match attempt starts.
    src: usize,
    /// Start of the subject bytes not yet handed to the caller.
    copied: usize,
    last_match: Option<usize>,
    count: i64,
    max: i64,
    anchor: bool,
    done: bool,
}

impl Gsub {
    /// `max_n` is the optional fourth argument of `string.gsub` (default: subject length + 1).
    pub fn new(pattern: &[u8], max_n: Option<i64>, subject_len: usize) -> Gsub {
        let (anchor, _) = split_anchor(pattern);
        Gsub {
            src: 0,
            copied: 0,
            last_match: None,
            count: 0,
            max: max_n.unwrap_or(subject_len as i64 + 1),
            anchor,
            done: false,
        }
    }

    /// Number of substitutions made so far (the second result of `string.gsub`).
    pub fn count(&self) -> i64 {
        self.count
    }

    /// Start of the unchanged tail to append once `next` has returned `None`.
    pub fn tail(&self) -> usize {
        self.copied
    }

    /// Finds the next substitution, or `None` when done (subject exhausted, anchor used up or the
    /// maximum count reached).
    pub fn next(
        &mut self,
        subject: &[u8],
        pattern: &[u8],
    ) -> Result<Option<GsubStep>, PatternError> {
        let (anchor, pat) = split_anchor(pattern);
        let mut engine = Engine::new(subject, pat, None, !anchor);
        self.step(&mut engine)
            .map(|found| found.map(|copy| GsubStep { copy, m: engine.m }))
    }

    /// Advances to the next match; returns the range to copy before it, leaving the match in
    /// `engine.m`.
    fn step(&mut self, engine: &mut Engine<'_>) -> Result<Option<Range<usize>>, PatternError> {
        let len = engine.subject_len();
        while !self.done && self.count < self.max {
            let found = engine.match_at(self.src)?;
            let mut result = None;
            match found {
                Some(e) if Some(e) != self.last_match => {
                    self.count += 1;
                    let copy = self.copied..self.src;
                    self.src = e;
                    self.copied = e;
                    self.last_match = Some(e);
                    result = Some(copy);
                }
                _ if self.src < len => self.src += 1, // this byte stays unchanged
                _ => self.done = true,
            }
            if self.anchor {
                self.done = true;
            }
            if result.is_some() {
                return Ok(result);
            }
        }
        Ok(None)
    }
}

/// Runs a whole `gsub` loop, appending the result to `out`. `replace` appends the replacement for
/// one match and returns whether it changed anything (false when a function/table gave nil or
/// false and the original text was kept). Returns `(count, changed)`; when `changed` is false the
/// wrapper may return the original subject instead of `out`.
pub fn gsub_with<E, F>(
    subject: &[u8],
    pattern: &[u8],
    max_n: Option<i64>,
    out: &mut Vec<u8>,
    replace: F,
) -> Result<(i64, bool), E>
where
    E: From<PatternError>,
    F: FnMut(&Match, &mut Vec<u8>) -> Result<bool, E>,
{
    gsub_interruptible(subject, pattern, max_n, out, None, replace)
}

/// `gsub_with` whose matcher gives up with `PatternError::Interrupted` once `interrupt` is raised.
pub fn gsub_interruptible<E, F>(
    subject: &[u8],
    pattern: &[u8],
    max_n: Option<i64>,
    out: &mut Vec<u8>,
    interrupt: Interrupt<'_>,
    mut replace: F,
) -> Result<(i64, bool), E>
where
    E: From<PatternError>,
    F: FnMut(&Match, &mut Vec<u8>) -> Result<bool, E>,
{
    let mut state = Gsub::new(pattern, max_n, subject.len());
    let (anchor, pat) = split_anchor(pattern);
    let mut engine = Engine::new(subject, pat, interrupt, !anchor);
    let mut changed = false;
    while let Some(copy) = state.step(&mut engine)? {
        out.extend_from_slice(&subject[copy]);
        changed |= replace(&engine.m, out)?;
    }
    out.extend_from_slice(&subject[state.tail()..]);
    Ok((state.count(), changed))
}

/// `string.gsub` with a string (or number, already converted) replacement. Returns the new string
/// and the number of substitutions.
pub fn gsub_str(
    subject: &[u8],
    pattern: &[u8],
    replacement: &[u8],
    max_n: Option<i64>,
) -> Result<(Vec<u8>, i64), PatternError> {
    let mut out = Vec::with_capacity(subject.len());
    let (count, _) = gsub_with(subject, pattern, max_n, &mut out, |m, out| {
        expand_replacement(replacement, subject, m, out).map(|()| true)
    })?;
    Ok((out, count))
}

/// Appends `replacement` for match `m` to `out`: `%0` is the whole match, `%1`..`%9` a capture
/// (`%1` is the whole match when there are no captures; a position capture is written in
/// decimal), `%%` a percent sign; any other use of `%` is an error.
pub fn expand_replacement(
    replacement: &[u8],
    subject: &[u8],
    m: &Match,
    out: &mut Vec<u8>,
) -> Result<(), PatternError> {
    let mut rest = replacement;
    while let Some(pct) = rest.iter().position(|&c| c == b'%') {
        out.extend_from_slice(&rest[..pct]);
        let code = rest.get(pct + 1).copied().unwrap_or(0);
        match code {
            b'%' => out.push(b'%'),
            b'0' => out.extend_from_slice(&subject[m.start()..m.end()]),
            b'1'..=b'9' => match m.capture((code - b'1') as usize)? {
                Capture::Bytes { start, end } => out.extend_from_slice(&subject[start..end]),
                Capture::Position(p) => out.extend_from_slice(p.to_string().as_bytes()),
            },
            _ => return Err(PatternError::InvalidReplacementEscape),
        }
        rest = &rest[pct + 2..];
    }
    out.extend_from_slice(rest);
    Ok(())
}

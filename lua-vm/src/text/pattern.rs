//! Lua 5.4 pattern matching over byte strings.
//!
//! Layout: `error` (messages), `class` (character classes and `[sets]`), `engine` (the backtracking
//! matcher, recursion bounded like the reference's MAXCCALLS), `captures` (the result of one match:
//! whole-match range plus capture slots), `search` (find / match / gmatch drivers and index helpers)
//! and `gsub` (substitution driver and replacement-string expansion).
//!
//! Wrapper recipe (all offsets are 0-based byte offsets into the subject, `end` exclusive):
//! - `string.find(s, p, init, plain)`: `let Some(from) = start_offset(init, s.len()) else { return nil }`;
//!   `find(s, p, from, plain)?` gives `Option<Match>`; push `m.start() + 1`, `m.end()`, then
//!   `m.capture(i)?` for `i in 0..m.capture_count()`.
//! - `string.match(s, p, init)`: same `start_offset`, then `match_pattern(s, p, from)?`; push
//!   `m.capture(i)?` for `i in 0..m.value_count()` (no captures means the whole match).
//! - `string.gmatch(s, p, init)`: keep a `GMatch::new(init, s.len())` plus both strings in the
//!   closure; each call does `gm.next(s, p)?` and pushes the values like `match`.
//! - `string.gsub(s, p, repl, n)`: string/number replacement: `gsub_str`; function/table: create a
//!   `Gsub::new(p, n, s.len())` and loop `while let Some(step) = g.next(s, p)?` copying
//!   `s[step.copy]` then the replacement built from `step.m` (`m.capture(0)` is the table key; the
//!   function gets `m.value_count()` values; a false/nil result keeps `s[m.start()..m.end()]`), finally
//!   copy `s[g.tail()..]`; the count is `g.count()`. `gsub_with` packages that loop with a callback.

mod captures;
mod class;
mod engine;
mod error;
mod first;
mod gsub;
mod search;

pub use captures::{Capture, Match, MAX_CAPTURES};
pub use engine::Interrupt;
pub use error::PatternError;
pub use gsub::{expand_replacement, gsub_interruptible, gsub_str, gsub_with, Gsub, GsubStep};
pub use search::{
    find, find_if_plain, find_interruptible, find_plain, has_specials, match_interruptible,
    match_pattern, start_offset, GMatch, SPECIALS,
};

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_generated;
#[cfg(test)]
mod tests_random;

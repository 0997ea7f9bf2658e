//! The bytes a match can start with. When a pattern (without its `^`) must begin by consuming one
//! byte of a known class, every subject position whose byte is outside that class fails at once, so
//! the search drivers skip those positions without running the matcher. The answer is conservative:
//! `None` whenever the first item may match the empty string, is not a plain single-byte class or
//! is malformed (the matcher then runs as usual and reports the error where the reference does).
//! Skipping a position is exactly what the matcher would do there: it fails at the first item
//! before it reads anything further, so no later error in the pattern is hidden.

use super::captures::MAX_CAPTURES;
use super::class::{class_end, class_set};

/// A set of bytes, one bit each.
pub(super) type ByteSet = [u64; 4];

#[inline]
fn add(set: &mut ByteSet, c: u8) {
    set[(c >> 6) as usize] |= 1 << (c & 63);
}

/// The set of the one byte `c`.
fn single(c: u8) -> ByteSet {
    let mut s = [0; 4];
    add(&mut s, c);
    s
}

/// Whether `c` is in `set`.
#[inline(always)]
pub(super) fn contains(set: &ByteSet, c: u8) -> bool {
    set[(c >> 6) as usize] >> (c & 63) & 1 != 0
}

/// The bytes a match of `pat` (anchor removed) can start with, when that is a proper subset known
/// without doubt; `None` otherwise.
pub(super) fn first_bytes(pat: &[u8]) -> Option<ByteSet> {
    // Captures opened before the first item consume nothing. More than the matcher can open would
    // raise "too many captures" before the first item is tried: leave such patterns alone.
    let mut p = 0;
    let mut opened = 0;
    while pat.get(p) == Some(&b'(') {
        opened += 1;
        if opened >= MAX_CAPTURES {
            return None;
        }
        p += if pat.get(p + 1) == Some(&b')') { 2 } else { 1 };
    }
    let first = *pat.get(p)?;
    if matches!(first, b'.' | b'(' | b')' | b'$') {
        return None;
    }
    // Where the item ends, as the matcher finds it (a malformed item: no filter).
    let end = class_end(pat, p).ok()?;
    let set = match first {
        b'%' => {
            let cl = pat[p + 1];
            if matches!(cl, b'b' | b'f') || cl.is_ascii_digit() {
                return None;
            }
            class_or_literal(cl)
        }
        b'[' => bracket_set(pat, p, end - 1),
        c => single(c),
    };
    // An item that may repeat zero times does not have to consume its byte.
    if matches!(pat.get(end), Some(b'*' | b'?' | b'-')) {
        return None;
    }
    Some(set)
}

/// The set `%cl` stands for: a class (or its complement), or the byte itself.
fn class_or_literal(cl: u8) -> ByteSet {
    class_set(cl).unwrap_or_else(|| single(cl))
}

/// The bytes of the bracket set whose `[` is at `pat[open]` and whose `]` is at `pat[close]`, read
/// as `set_matches` reads it.
fn bracket_set(pat: &[u8], open: usize, close: usize) -> ByteSet {
    let at = |i: usize| pat.get(i).copied().unwrap_or(0);
    let mut set = [0u64; 4];
    let mut p = open;
    let negate = at(p + 1) == b'^';
    if negate {
        p += 1;
    }
    loop {
        p += 1;
        if p >= close {
            break;
        }
        let item = at(p);
        if item == b'%' {
            p += 1;
            let s = class_or_literal(at(p));
            for (w, x) in set.iter_mut().zip(s) {
                *w |= x;
            }
        } else if at(p + 1) == b'-' && p + 2 < close {
            p += 2;
            let hi = at(p);
            if item <= hi {
                for c in item..=hi {
                    add(&mut set, c);
                }
            }
        } else {
            add(&mut set, item);
        }
    }
    if negate {
        for w in &mut set {
            *w = !*w;
        }
    }
    set
}

#[cfg(test)]
mod tests {
    use super::super::class::{class_matches, set_matches};
    use super::*;

    fn members(set: &ByteSet) -> Vec<u8> {
        (0..=255u8).filter(|&c| contains(set, c)).collect()
    }

    #[test]
    fn class_sets_agree_with_class_matches() {
        for cl in 0..=255u8 {
            if let Some(set) = class_set(cl) {
                for c in 0..=255u8 {
                    assert_eq!(
                        contains(&set, c),
                        class_matches(c, cl),
                        "%{} on {c}",
                        cl as char
                    );
                }
            } else {
                // Not a class: `%cl` is the byte itself.
                assert!((0..=255u8).all(|c| class_matches(c, cl) == (c == cl)));
            }
        }
    }

    #[test]
    fn single_items_give_their_class() {
        let s = first_bytes(b"%d+%.").unwrap();
        assert_eq!(members(&s), (b'0'..=b'9').collect::<Vec<_>>());
        let s = first_bytes(b"x=(%d+)").unwrap();
        assert_eq!(members(&s), vec![b'x']);
        let s = first_bytes(b"((%a))(%w*)").unwrap();
        assert!(contains(&s, b'q') && contains(&s, b'Q') && !contains(&s, b'1'));
        let s = first_bytes(b"()%S").unwrap();
        assert!(!contains(&s, b' ') && contains(&s, b'a') && contains(&s, 0));
        let s = first_bytes(b"%%").unwrap();
        assert_eq!(members(&s), vec![b'%']);
    }

    #[test]
    fn items_that_may_match_nothing_or_are_not_plain_give_none() {
        for pat in [
            &b""[..],
            b"a*",
            b"a?",
            b"a-b",
            b"[xy]*",
            b".",
            b"%bxy",
            b"%f[%w]",
            b"%1",
            b"$",
            b")",
            b"%",
            b"[a",
            b"[]",
            b"()",
        ] {
            assert!(
                first_bytes(pat).is_none(),
                "{}",
                String::from_utf8_lossy(pat)
            );
        }
        // As many leading captures as the matcher can hold: it would fail on the 33rd first.
        let many = "(".repeat(MAX_CAPTURES) + "a";
        assert!(first_bytes(many.as_bytes()).is_none());
        let some = "(".repeat(MAX_CAPTURES - 1) + "a";
        assert!(first_bytes(some.as_bytes()).is_some());
    }

    /// Every bracket set agrees with the matcher's own test, byte by byte.
    #[test]
    fn bracket_sets_agree_with_the_matcher() {
        let sets: [&[u8]; 16] = [
            b"[<>&\"]",
            b"[^/]",
            b"[a-z]",
            b"[^a-z%d]",
            b"[]]",
            b"[^]]",
            b"[%]]",
            b"[a-]",
            b"[-a]",
            b"[z-a]",
            b"[%a_][%w_]*",
            b"[%A]",
            b"[a-c-e]",
            b"[%-x]",
            b"[\x00-\x1f\x7f]",
            b"[^%s%p]",
        ];
        for pat in sets {
            let Some(s) = first_bytes(pat) else {
                panic!("{} gave none", String::from_utf8_lossy(pat));
            };
            // The matcher's extent of the set.
            let end = class_end(pat, 0).unwrap();
            for c in 0..=255u8 {
                assert_eq!(
                    contains(&s, c),
                    set_matches(pat, c, 0, end - 1),
                    "{} on byte {c}",
                    String::from_utf8_lossy(pat)
                );
            }
        }
    }
}

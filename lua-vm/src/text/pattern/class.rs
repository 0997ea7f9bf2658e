//! Single-character matching: `%x` classes with the C locale's `<ctype.h>` definitions, and
//! bracket sets `[...]` (ranges, classes, `^` complement).

use super::error::PatternError;

/// Class bits per byte, one bit per class letter (see `class_bit`), computed at compile time with
/// the C locale's definitions.
static CLASSES: [u16; 256] = {
    let mut t = [0u16; 256];
    let mut c = 0usize;
    while c < 256 {
        let b = c as u8;
        let mut bits = 0u16;
        if b.is_ascii_alphabetic() {
            bits |= 1 << 0;
        }
        if b.is_ascii_control() {
            bits |= 1 << 1;
        }
        if b.is_ascii_digit() {
            bits |= 1 << 2;
        }
        if b.is_ascii_graphic() {
            bits |= 1 << 3;
        }
        if b.is_ascii_lowercase() {
            bits |= 1 << 4;
        }
        if b.is_ascii_punctuation() {
            bits |= 1 << 5;
        }
        // C isspace includes the vertical tab, unlike u8::is_ascii_whitespace.
        if matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r') {
            bits |= 1 << 6;
        }
        if b.is_ascii_uppercase() {
            bits |= 1 << 7;
        }
        if b.is_ascii_alphanumeric() {
            bits |= 1 << 8;
        }
        if b.is_ascii_hexdigit() {
            bits |= 1 << 9;
        }
        if b == 0 {
            bits |= 1 << 10; // %z: deprecated, still accepted by the reference
        }
        t[c] = bits;
        c += 1;
    }
    t
};

/// The bit of class letter `l` (lower case) in `CLASSES`, 0 for a letter that names no class.
#[inline]
fn class_bit(l: u8) -> u16 {
    match l {
        b'a' => 1 << 0,
        b'c' => 1 << 1,
        b'd' => 1 << 2,
        b'g' => 1 << 3,
        b'l' => 1 << 4,
        b'p' => 1 << 5,
        b's' => 1 << 6,
        b'u' => 1 << 7,
        b'w' => 1 << 8,
        b'x' => 1 << 9,
        b'z' => 1 << 10,
        _ => 0,
    }
}

/// Returns true if byte `c` is in the class named by `cl` (the letter after `%`). Lower-case letters
/// name a class, upper-case their complement; any other byte matches itself.
#[inline]
pub(super) fn class_matches(c: u8, cl: u8) -> bool {
    let bit = class_bit(cl.to_ascii_lowercase());
    if bit == 0 {
        return cl == c;
    }
    let res = CLASSES[c as usize] & bit != 0;
    if cl.is_ascii_lowercase() {
        res
    } else {
        !res
    }
}

/// The bytes of each class bit of `CLASSES`, as 256-bit sets (for `class_set`).
static CLASS_SETS: [[u64; 4]; 11] = {
    let mut sets = [[0u64; 4]; 11];
    let mut c = 0usize;
    while c < 256 {
        let mut b = 0;
        while b < 11 {
            if CLASSES[c] & (1 << b) != 0 {
                sets[b][c >> 6] |= 1 << (c & 63);
            }
            b += 1;
        }
        c += 1;
    }
    sets
};

/// The bytes `%cl` matches when `cl` names a class (upper case: the complement), as a 256-bit set;
/// `None` when `cl` is not a class letter (then `%cl` is the byte itself).
pub(super) fn class_set(cl: u8) -> Option<[u64; 4]> {
    let bit = class_bit(cl.to_ascii_lowercase());
    if bit == 0 {
        return None;
    }
    let mut set = CLASS_SETS[bit.trailing_zeros() as usize];
    if !cl.is_ascii_lowercase() {
        for w in &mut set {
            *w = !*w;
        }
    }
    Some(set)
}

/// Matches byte `c` against the set whose `[` is at `pat[open]` and whose closing `]` is at
/// `pat[close]` (as located by `class_end`). Out-of-range reads see a 0 byte, like the
/// reference's terminating NUL.
pub(super) fn set_matches(pat: &[u8], c: u8, open: usize, close: usize) -> bool {
    let at = |i: usize| pat.get(i).copied().unwrap_or(0);
    let mut p = open;
    let mut found = true;
    if at(p + 1) == b'^' {
        found = false;
        p += 1;
    }
    loop {
        p += 1;
        if p >= close {
            return !found;
        }
        let item = at(p);
        if item == b'%' {
            p += 1;
            if class_matches(c, at(p)) {
                return found;
            }
        } else if at(p + 1) == b'-' && p + 2 < close {
            p += 2;
            if item <= c && c <= at(p) {
                return found;
            }
        } else if item == c {
            return found;
        }
    }
}

/// Returns the index just past the single-character class starting at `pat[p]` (a byte, `%x` or a
/// bracket set), or the error the matcher raises for a malformed one.
#[inline]
pub(super) fn class_end(pat: &[u8], p: usize) -> Result<usize, PatternError> {
    let len = pat.len();
    let at = |i: usize| pat.get(i).copied().unwrap_or(0);
    let first = at(p);
    let mut p = p + 1;
    match first {
        b'%' => {
            if p >= len {
                return Err(PatternError::EndsWithEscape);
            }
            Ok(p + 1)
        }
        b'[' => {
            if at(p) == b'^' {
                p += 1;
            }
            // The first character of a set is never its terminator, so `[]]` is a set of `]`.
            loop {
                if p >= len {
                    return Err(PatternError::MissingBracket);
                }
                let c = pat[p];
                p += 1;
                if c == b'%' && p < len {
                    p += 1; // skip the escaped character (e.g. `%]`)
                }
                if at(p) == b']' {
                    return Ok(p + 1);
                }
            }
        }
        _ => Ok(p),
    }
}

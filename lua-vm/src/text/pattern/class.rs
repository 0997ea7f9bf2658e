//! Single-character matching: `%x` classes with the C locale's `<ctype.h>` definitions, and
//! bracket sets `[...]` (ranges, classes, `^` complement).

/// Returns true if byte `c` is in the class named by `cl` (the letter after `%`). Lower-case letters
/// name a class, upper-case their complement; any other byte matches itself.
pub(super) fn class_matches(c: u8, cl: u8) -> bool {
    let res = match cl.to_ascii_lowercase() {
        b'a' => c.is_ascii_alphabetic(),
        b'c' => c.is_ascii_control(),
        b'd' => c.is_ascii_digit(),
        b'g' => c.is_ascii_graphic(),
        b'l' => c.is_ascii_lowercase(),
        b'p' => c.is_ascii_punctuation(),
        // C isspace includes the vertical tab, unlike u8::is_ascii_whitespace.
        b's' => matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r'),
        b'u' => c.is_ascii_uppercase(),
        b'w' => c.is_ascii_alphanumeric(),
        b'x' => c.is_ascii_hexdigit(),
        b'z' => c == 0, // deprecated, still accepted by the reference
        _ => return cl == c,
    };
    if cl.is_ascii_lowercase() {
        res
    } else {
        !res
    }
}

/// Matches byte `c` against the set whose `[` is at `pat[open]` and whose closing `]` is at
/// `pat[close]` (as located by the engine's `class_end`). Out-of-range reads see a 0 byte, like the
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

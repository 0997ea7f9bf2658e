//! Lua 5.4's extended UTF-8 (code points up to 0x7FFFFFFF, sequences of 1 to 6 bytes): encoding,
//! strict/lax decoding and the algorithms behind `utf8.char`, `utf8.codepoint`, `utf8.len`,
//! `utf8.offset` and `utf8.codes`. Positions in and out are Lua's 1-based integers; errors carry the
//! reference messages, argument errors their argument number for the wrapper's "bad argument" text.

use std::fmt;

/// Largest valid Unicode scalar value; strict decoding rejects anything above.
pub const MAX_UNICODE: u32 = 0x10FFFF;
/// Largest code point the extended encoding represents.
pub const MAX_UTF: u32 = 0x7FFF_FFFF;
/// `utf8.charpattern`: matches exactly one (extended) UTF-8 byte sequence.
pub const CHARPATTERN: &[u8] = b"[\0-\x7F\xC2-\xFD][\x80-\xBF]*";

/// Errors of the `utf8` functions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Utf8Error {
    /// A bad argument: the wrapper reports "bad argument #`arg` to '`fname`' (`msg`)".
    BadArgument { arg: u8, msg: &'static str },
    /// "invalid UTF-8 code"
    InvalidCode,
    /// "initial position is a continuation byte"
    ContinuationByte,
    /// "string slice too long"
    SliceTooLong,
}

impl fmt::Display for Utf8Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Utf8Error::BadArgument { msg, .. } => f.write_str(msg),
            Utf8Error::InvalidCode => f.write_str("invalid UTF-8 code"),
            Utf8Error::ContinuationByte => f.write_str("initial position is a continuation byte"),
            Utf8Error::SliceTooLong => f.write_str("string slice too long"),
        }
    }
}

impl std::error::Error for Utf8Error {}

fn is_cont(c: u8) -> bool {
    c & 0xC0 == 0x80
}

fn is_cont_at(s: &[u8], i: usize) -> bool {
    s.get(i).is_some_and(|&c| is_cont(c))
}

/// Translates a relative position (negative counts back from the end) like the reference's
/// `u_posrelat`: results below 0 become 0.
fn relative(pos: i64, len: usize) -> i64 {
    if pos >= 0 {
        pos
    } else if pos.unsigned_abs() > len as u64 {
        0
    } else {
        len as i64 + pos + 1
    }
}

/// Appends the extended UTF-8 encoding of `code` (at most `MAX_UTF`; larger values are masked).
pub fn encode(code: u32, out: &mut Vec<u8>) {
    let mut x = code & MAX_UTF;
    if x < 0x80 {
        out.push(x as u8);
        return;
    }
    let mut buf = [0u8; 6];
    let mut n = buf.len();
    let mut max_first: u32 = 0x3f; // largest payload that still fits in the first byte
    loop {
        n -= 1;
        buf[n] = 0x80 | (x & 0x3f) as u8;
        x >>= 6;
        max_first >>= 1;
        if x <= max_first {
            break;
        }
    }
    n -= 1;
    buf[n] = ((!max_first << 1) | x) as u8;
    out.extend_from_slice(&buf[n..]);
}

/// Checks one argument of `utf8.char` (as a Lua integer, argument number `arg`) and returns the code.
pub fn char_code(value: i64, arg: u8) -> Result<u32, Utf8Error> {
    if value as u64 <= MAX_UTF as u64 {
        Ok(value as u32)
    } else {
        Err(Utf8Error::BadArgument {
            arg,
            msg: "value out of range",
        })
    }
}

/// Decodes the sequence starting at `s[0]`: returns the code point and the sequence length, or
/// `None` if it is invalid (bad or missing continuation bytes, overlong form, more than 6 bytes;
/// with `strict` also surrogates and values above `MAX_UNICODE`).
pub fn decode(s: &[u8], strict: bool) -> Option<(u32, usize)> {
    const LIMITS: [u32; 6] = [u32::MAX, 0x80, 0x800, 0x10000, 0x20_0000, 0x400_0000];
    let first = *s.first()?;
    let (code, len) = if first < 0x80 {
        (first as u32, 1)
    } else {
        let count = (first << 1).leading_ones() as usize; // continuation bytes announced
        if count > 5 || count == 0 {
            return None; // 0xFE/0xFF, or a continuation byte where a sequence should start
        }
        let mut res = (first & (0x3F >> count)) as u32;
        for i in 1..=count {
            let c = *s.get(i)?;
            if !is_cont(c) {
                return None;
            }
            res = (res << 6) | (c & 0x3F) as u32;
        }
        if res > MAX_UTF || res < LIMITS[count] {
            return None;
        }
        (res, count + 1)
    };
    if strict && (code > MAX_UNICODE || (0xD800..=0xDFFF).contains(&code)) {
        return None;
    }
    Some((code, len))
}

/// Outcome of `utf8.len`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LenResult {
    /// Number of characters starting in the range.
    Count(i64),
    /// Fail: 1-based position of the first invalid byte.
    Invalid(usize),
}

/// `utf8.len(s, i, j, lax)`, with `i` defaulting to 1 and `j` to -1.
pub fn len(s: &[u8], i: i64, j: i64, lax: bool) -> Result<LenResult, Utf8Error> {
    let posi = relative(i, s.len());
    let posj = relative(j, s.len());
    if !(1 <= posi && posi - 1 <= s.len() as i64) {
        return Err(Utf8Error::BadArgument {
            arg: 2,
            msg: "initial position out of bounds",
        });
    }
    if posj > s.len() as i64 {
        return Err(Utf8Error::BadArgument {
            arg: 3,
            msg: "final position out of bounds",
        });
    }
    let mut pos = (posi - 1) as usize;
    let mut n = 0;
    while (pos as i64) < posj {
        match decode(&s[pos..], !lax) {
            Some((_, l)) => pos += l,
            None => return Ok(LenResult::Invalid(pos + 1)),
        }
        n += 1;
    }
    Ok(LenResult::Count(n))
}

/// `utf8.codepoint(s, i, j, lax)`: calls `emit` with each code point of the characters starting in
/// `[i, j]` (`j` defaults to `i`). Argument checks happen before the first `emit`; an invalid
/// sequence stops with "invalid UTF-8 code" after the earlier code points were emitted.
pub fn codepoint(
    s: &[u8],
    i: i64,
    j: Option<i64>,
    lax: bool,
    mut emit: impl FnMut(u32),
) -> Result<(), Utf8Error> {
    let posi = relative(i, s.len());
    let pose = relative(j.unwrap_or(posi), s.len());
    if posi < 1 {
        return Err(Utf8Error::BadArgument {
            arg: 2,
            msg: "out of bounds",
        });
    }
    if pose > s.len() as i64 {
        return Err(Utf8Error::BadArgument {
            arg: 3,
            msg: "out of bounds",
        });
    }
    if posi > pose {
        return Ok(());
    }
    if pose - posi >= i32::MAX as i64 {
        return Err(Utf8Error::SliceTooLong);
    }
    let end = pose as usize;
    let mut pos = (posi - 1) as usize;
    while pos < end {
        let (code, l) = decode(&s[pos..], !lax).ok_or(Utf8Error::InvalidCode)?;
        emit(code);
        pos += l;
    }
    Ok(())
}

/// `utf8.offset(s, n, i)`: 1-based position where the `n`-th character counting from position `i`
/// starts (`n == 0`: start of the character containing `i`), or `None` (fail). `i` defaults to 1
/// for `n >= 0` and to `#s + 1` otherwise.
pub fn offset(s: &[u8], n: i64, i: Option<i64>) -> Result<Option<usize>, Utf8Error> {
    let len = s.len() as i64;
    let default = if n >= 0 { 1 } else { len + 1 };
    let posi = relative(i.unwrap_or(default), s.len());
    if !(1 <= posi && posi - 1 <= len) {
        return Err(Utf8Error::BadArgument {
            arg: 3,
            msg: "position out of bounds",
        });
    }
    let mut pos = (posi - 1) as usize;
    let mut n = n;
    if n == 0 {
        while pos > 0 && is_cont_at(s, pos) {
            pos -= 1;
        }
        return Ok(Some(pos + 1));
    }
    if is_cont_at(s, pos) {
        return Err(Utf8Error::ContinuationByte);
    }
    if n < 0 {
        while n < 0 && pos > 0 {
            loop {
                pos -= 1;
                if !(pos > 0 && is_cont_at(s, pos)) {
                    break;
                }
            }
            n += 1;
        }
    } else {
        n -= 1; // the character at `i` is the first one
        while n > 0 && pos < s.len() {
            loop {
                pos += 1;
                if !is_cont_at(s, pos) {
                    break;
                }
            }
            n -= 1;
        }
    }
    Ok((n == 0).then_some(pos + 1))
}

/// One step of the `utf8.codes` iterator: `control` is the previous 1-based position (0 at the
/// start). Returns the next character's 1-based position and code point, `None` at the end.
/// Continuation bytes where a character should start are skipped, as in Lua 5.4.4.
pub fn codes_next(s: &[u8], control: i64, strict: bool) -> Result<Option<(usize, u32)>, Utf8Error> {
    let mut n = control as u64; // a negative control becomes huge and ends the loop, as in C
    if n < s.len() as u64 {
        while is_cont_at(s, n as usize) {
            n += 1;
        }
    }
    if n >= s.len() as u64 {
        return Ok(None);
    }
    let pos = n as usize;
    let (code, _) = decode(&s[pos..], strict).ok_or(Utf8Error::InvalidCode)?;
    Ok(Some((pos + 1, code)))
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_generated;

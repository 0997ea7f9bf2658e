//! Numbers to text exactly as Lua 5.4 prints them (`tostring`, `print`, concatenation, `%s`).
//!
//! Integers print in decimal. Floats print like C's `"%.14g"` and get ".0" appended when the
//! result looks like an integer (`3.0`, `-0.0`, `1e+15`, `inf`, `-nan`). A NaN prints as glibc
//! prints it: "-nan" when its sign bit is set, "nan" otherwise.
//!
//! Two ways to get the text, neither allocates: append to a caller's `Vec<u8>` (concatenation
//! buffers) or get a [`NumBuf`], a small stack buffer (creating a string from a number).

use std::fmt::Write as _;

/// Longest text a number can produce ("-1.2345678901234e-308" is 21 bytes, an integer at most 20).
pub const MAX_NUMBER_LEN: usize = 32;

/// A number's text in a stack buffer.
#[derive(Clone, Copy)]
pub struct NumBuf {
    buf: [u8; MAX_NUMBER_LEN],
    len: usize,
}

impl NumBuf {
    fn new() -> NumBuf {
        NumBuf {
            buf: [0; MAX_NUMBER_LEN],
            len: 0,
        }
    }

    /// The text as bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }

    /// The text (always ASCII).
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(self.as_bytes()).unwrap_or("")
    }
}

impl std::fmt::Debug for NumBuf {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where the digits go: a `Vec<u8>` or a [`NumBuf`].
trait Sink {
    fn put(&mut self, b: u8);
    fn put_all(&mut self, s: &[u8]);
}

impl Sink for Vec<u8> {
    fn put(&mut self, b: u8) {
        self.push(b);
    }
    fn put_all(&mut self, s: &[u8]) {
        self.extend_from_slice(s);
    }
}

impl Sink for NumBuf {
    fn put(&mut self, b: u8) {
        if let Some(slot) = self.buf.get_mut(self.len) {
            *slot = b;
            self.len += 1;
        }
    }
    fn put_all(&mut self, s: &[u8]) {
        for &b in s {
            self.put(b);
        }
    }
}

/// The text of an integer.
pub fn fmt_integer(i: i64) -> NumBuf {
    let mut b = NumBuf::new();
    put_integer(&mut b, i);
    b
}

/// The text of a float.
pub fn fmt_float(f: f64) -> NumBuf {
    let mut b = NumBuf::new();
    put_float(&mut b, f);
    b
}

/// Appends the text of an integer.
pub fn write_integer(out: &mut Vec<u8>, i: i64) {
    put_integer(out, i);
}

/// Appends the text of a float.
pub fn write_float(out: &mut Vec<u8>, f: f64) {
    put_float(out, f);
}

/// Writes the decimal digits of `n` at the end of `buf` and returns where they start.
pub(crate) fn u64_digits(mut n: u64, buf: &mut [u8; 20]) -> usize {
    let mut pos = buf.len();
    loop {
        pos -= 1;
        buf[pos] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 || pos == 0 {
            return pos;
        }
    }
}

fn put_integer<S: Sink>(out: &mut S, i: i64) {
    if i < 0 {
        out.put(b'-');
    }
    let mut digits = [0u8; 20];
    let start = u64_digits(i.unsigned_abs(), &mut digits);
    out.put_all(&digits[start..]);
}

/// A fixed-size `fmt::Write` target; writing past the end fails instead of panicking.
struct Scratch {
    buf: [u8; 40],
    len: usize,
}

impl std::fmt::Write for Scratch {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        let end = self.len + s.len();
        let dst = self.buf.get_mut(self.len..end).ok_or(std::fmt::Error)?;
        dst.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

/// Significant digits of `%.14g`.
const PRECISION: usize = 14;

fn put_float<S: Sink>(out: &mut S, f: f64) {
    if f.is_nan() {
        out.put_all(if f.is_sign_negative() {
            b"-nan"
        } else {
            b"nan"
        });
        return;
    }
    if f.is_sign_negative() {
        out.put(b'-');
    }
    let v = f.abs();
    if v.is_infinite() {
        out.put_all(b"inf");
        return;
    }
    if v < 1e14 && v.trunc() == v {
        // Integral and at most 14 digits: "%.14g" prints the digits, then we add ".0".
        let mut digits = [0u8; 20];
        let start = u64_digits(v as u64, &mut digits);
        out.put_all(&digits[start..]);
        out.put_all(b".0");
        return;
    }
    // General case: round to 14 significant digits, then lay them out as "%g" does.
    let mut s = Scratch {
        buf: [0; 40],
        len: 0,
    };
    if write!(s, "{:.*e}", PRECISION - 1, v).is_err() {
        return;
    }
    let text = &s.buf[..s.len];
    let epos = text.iter().position(|&c| c == b'e').unwrap_or(text.len());
    let mut digits = [b'0'; PRECISION];
    let mut nd = 0;
    for &c in &text[..epos] {
        if c.is_ascii_digit() && nd < PRECISION {
            digits[nd] = c;
            nd += 1;
        }
    }
    let exp = parse_exp(&text[(epos + 1).min(text.len())..]);
    put_g_digits(out, &digits, exp);
}

/// Parses the exponent Rust's `{:e}` prints ("-5", "15").
pub(crate) fn parse_exp(s: &[u8]) -> i32 {
    let (neg, s) = match s.first() {
        Some(b'-') => (true, &s[1..]),
        _ => (false, s),
    };
    let mut e: i32 = 0;
    for &c in s {
        if c.is_ascii_digit() {
            e = e.saturating_mul(10).saturating_add(i32::from(c - b'0'));
        }
    }
    if neg {
        -e
    } else {
        e
    }
}

/// Lays out 14 significant digits with decimal exponent `exp` as `%.14g` does, trailing zeros
/// removed, plus ".0" when the result has neither a point nor an exponent.
fn put_g_digits<S: Sink>(out: &mut S, digits: &[u8; PRECISION], exp: i32) {
    let last = digits.iter().rposition(|&c| c != b'0').unwrap_or(0);
    let sig = &digits[..=last];
    if exp < -4 || exp >= PRECISION as i32 {
        out.put(sig[0]);
        if sig.len() > 1 {
            out.put(b'.');
            out.put_all(&sig[1..]);
        }
        out.put(b'e');
        put_exp(out, exp);
    } else if exp < 0 {
        out.put_all(b"0.");
        for _ in 0..(-exp - 1) {
            out.put(b'0');
        }
        out.put_all(sig);
    } else {
        let int_len = exp as usize + 1;
        if sig.len() > int_len {
            out.put_all(&sig[..int_len]);
            out.put(b'.');
            out.put_all(&sig[int_len..]);
        } else {
            out.put_all(sig);
            for _ in sig.len()..int_len {
                out.put(b'0');
            }
            out.put_all(b".0");
        }
    }
}

/// Writes a C exponent: sign and at least two digits ("+15", "-05", "+308").
fn put_exp<S: Sink>(out: &mut S, exp: i32) {
    out.put(if exp < 0 { b'-' } else { b'+' });
    let e = exp.unsigned_abs();
    if e < 10 {
        out.put(b'0');
    }
    let mut digits = [0u8; 20];
    let start = u64_digits(u64::from(e), &mut digits);
    out.put_all(&digits[start..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(x: f64) -> String {
        let a = fmt_float(x).as_str().to_string();
        let mut v = Vec::new();
        write_float(&mut v, x);
        assert_eq!(a.as_bytes(), &v[..]);
        a
    }

    fn i(x: i64) -> String {
        let a = fmt_integer(x).as_str().to_string();
        let mut v = b"x".to_vec();
        write_integer(&mut v, x);
        assert_eq!(&v[1..], a.as_bytes());
        a
    }

    #[test]
    fn integers() {
        assert_eq!(i(0), "0");
        assert_eq!(i(-1), "-1");
        assert_eq!(i(1234567890), "1234567890");
        assert_eq!(i(i64::MAX), "9223372036854775807");
        assert_eq!(i(i64::MIN), "-9223372036854775808");
    }

    // Expected values from lua5.4 (`tostring(x)`).
    #[test]
    fn floats() {
        let nan = f64::NAN;
        let cases: &[(f64, &str)] = &[
            (1e15, "1e+15"),
            (2f64.powi(53), "9.007199254741e+15"),
            (3.0, "3.0"),
            (-0.0, "-0.0"),
            (0.0, "0.0"),
            (f64::INFINITY, "inf"),
            (f64::NEG_INFINITY, "-inf"),
            (-nan.abs(), "-nan"),
            (nan.abs(), "nan"),
            (1e100, "1e+100"),
            (0.1, "0.1"),
            (1.0 / 3.0, "0.33333333333333"),
            (123456789012345.0, "1.2345678901234e+14"),
            (1e14, "1e+14"),
            (99999999999999.0, "99999999999999.0"),
            (12345678901234.5, "12345678901234.0"),
            (1e-5, "1e-05"),
            (123e-7, "1.23e-05"),
            (2f64.powi(63), "9.2233720368548e+18"),
            (-(2f64.powi(63)), "-9.2233720368548e+18"),
            (5e-324, "4.9406564584125e-324"),
            (f64::MAX, "1.7976931348623e+308"),
            (100.0, "100.0"),
            (1e16, "1e+16"),
            (0.0001, "0.0001"),
            (0.00001234, "1.234e-05"),
            (-1.5, "-1.5"),
            (99999999999999.9, "1e+14"),
            (999999999999999.9, "1e+15"),
            (0.1 + 0.2, "0.3"),
            (100.25, "100.25"),
            (-123.456e-3, "-0.123456"),
            (1e-310, "1e-310"),
            (std::f64::consts::PI, "3.1415926535898"),
        ];
        for &(x, s) in cases {
            assert_eq!(f(x), s, "{x:e}");
        }
    }
}

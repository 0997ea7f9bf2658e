//! One C `printf` conversion at a time, byte for byte as glibc prints it on x86-64 Linux.
//!
//! Covers `%d %i %u %o %x %X` (64-bit integers; `o x X u` see the bits as unsigned), `%c`, `%s`,
//! `%p`, and `%e %E %f %F %g %G %a %A` (doubles, with the exact decimal expansion for any
//! precision, glibc's round-half-even, "inf"/"nan" with the sign bit). Flags `- + space # 0`,
//! width and precision follow C. Validation of user format strings is not done here: the
//! `string.format` driver (`text::format`) checks them first, this module accepts any [`Spec`].
//!
//! Every function appends to `out` and never panics. Widths are honoured literally, so callers
//! that take them from users must bound them (string.format allows two digits).

use super::numfmt::{parse_exp, u64_digits};
use std::fmt::Write as _;

/// Flags, width and precision of one conversion (`%-+ #0<width>.<precision>`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Spec {
    /// `-`: left-justify within the width.
    pub left: bool,
    /// `+`: always print a sign for signed conversions.
    pub plus: bool,
    /// ` `: print a space where a '+' would go.
    pub space: bool,
    /// `#`: alternate form (`0x` prefix, leading `0` for octal, always a decimal point).
    pub alt: bool,
    /// `0`: pad with zeros after the sign or prefix instead of spaces.
    pub zero: bool,
    /// Minimum field width.
    pub width: usize,
    /// Precision (`None` when absent; `%.d` means `Some(0)`).
    pub precision: Option<usize>,
}

impl Spec {
    /// Parses the flags, width and precision of a conversion (the text between '%' and the
    /// conversion letter, e.g. `b"-08.3"`). Returns `None` on anything else.
    pub fn parse(mut s: &[u8]) -> Option<Spec> {
        let mut spec = Spec::default();
        while let Some((&c, rest)) = s.split_first() {
            match c {
                b'-' => spec.left = true,
                b'+' => spec.plus = true,
                b' ' => spec.space = true,
                b'#' => spec.alt = true,
                b'0' => spec.zero = true,
                _ => break,
            }
            s = rest;
        }
        let (width, rest) = take_number(s);
        spec.width = width;
        s = rest;
        if let Some((b'.', rest)) = s.split_first() {
            let (p, rest) = take_number(rest);
            spec.precision = Some(p);
            s = rest;
        }
        s.is_empty().then_some(spec)
    }
}

fn take_number(s: &[u8]) -> (usize, &[u8]) {
    let n = s.iter().take_while(|c| c.is_ascii_digit()).count();
    let v = s[..n].iter().fold(0usize, |a, &c| {
        a.saturating_mul(10).saturating_add(usize::from(c - b'0'))
    });
    (v, &s[n..])
}

/// Appends `%s`: the bytes, cut to the precision, padded with spaces to the width.
pub fn fmt_str(out: &mut Vec<u8>, spec: &Spec, s: &[u8]) {
    let s = match spec.precision {
        Some(p) if p < s.len() => &s[..p],
        _ => s,
    };
    let start = out.len();
    out.extend_from_slice(s);
    pad(out, start, spec, None);
}

/// Appends `%c`: one byte, padded with spaces to the width.
pub fn fmt_char(out: &mut Vec<u8>, spec: &Spec, c: u8) {
    let start = out.len();
    out.push(c);
    pad(out, start, spec, None);
}

/// Appends `%p` for an address (as glibc: "0x" and lowercase hex). A null address prints as
/// "(null)", the way Lua's `string.format` formats it (through `%s`, honouring the precision).
pub fn fmt_pointer(out: &mut Vec<u8>, spec: &Spec, addr: usize) {
    if addr == 0 {
        return fmt_str(out, spec, b"(null)");
    }
    let start = out.len();
    out.extend_from_slice(b"0x");
    put_radix(out, addr as u64, 16, false);
    pad(out, start, spec, spec.zero.then_some(2));
}

/// Appends an integer conversion: `conv` is one of `d i u o x X` (anything else acts as `d`).
/// `o x X u` print the two's-complement bits as an unsigned 64-bit number.
pub fn fmt_int(out: &mut Vec<u8>, spec: &Spec, conv: u8, n: i64) {
    let (signed, base, upper) = match conv {
        b'u' => (false, 10, false),
        b'o' => (false, 8, false),
        b'x' => (false, 16, false),
        b'X' => (false, 16, true),
        _ => (true, 10, false),
    };
    let mag = if signed { n.unsigned_abs() } else { n as u64 };
    let start = out.len();
    if signed {
        if n < 0 {
            out.push(b'-');
        } else if spec.plus {
            out.push(b'+');
        } else if spec.space {
            out.push(b' ');
        }
    }
    if spec.alt && base == 16 && mag != 0 {
        out.extend_from_slice(if upper { b"0X" } else { b"0x" });
    }
    let prefix = out.len() - start;
    let mut digits = [0u8; 24];
    let first = if spec.precision == Some(0) && mag == 0 {
        digits.len()
    } else {
        radix_digits(mag, base, upper, &mut digits)
    };
    let digits = &digits[first..];
    let mut zeros = spec.precision.unwrap_or(1).saturating_sub(digits.len());
    if spec.alt && base == 8 && zeros == 0 && digits.first() != Some(&b'0') {
        zeros = 1; // '#' forces a leading zero in octal
    }
    out.resize(out.len() + zeros, b'0');
    out.extend_from_slice(digits);
    let zero_pad = spec.zero && spec.precision.is_none();
    pad(out, start, spec, zero_pad.then_some(prefix));
}

/// Appends a float conversion: `conv` is one of `e E f F g G a A` (anything else acts as `g`).
pub fn fmt_float(out: &mut Vec<u8>, spec: &Spec, conv: u8, x: f64) {
    let upper = conv.is_ascii_uppercase();
    let start = out.len();
    if x.is_sign_negative() {
        out.push(b'-');
    } else if spec.plus {
        out.push(b'+');
    } else if spec.space {
        out.push(b' ');
    }
    let mut zero_at = out.len() - start;
    if !x.is_finite() {
        let word: &[u8] = match (x.is_nan(), upper) {
            (true, false) => b"nan",
            (true, true) => b"NAN",
            (false, false) => b"inf",
            (false, true) => b"INF",
        };
        out.extend_from_slice(word);
        return pad(out, start, spec, None);
    }
    let v = x.abs();
    match conv.to_ascii_lowercase() {
        b'e' => put_e(out, v, spec.precision.unwrap_or(6), spec.alt, upper),
        b'f' => put_f(out, v, spec.precision.unwrap_or(6), spec.alt),
        b'a' => {
            zero_at += 2;
            put_a(out, v, spec.precision, spec.alt, upper);
        }
        _ => put_g(out, v, spec.precision.unwrap_or(6), spec.alt, upper),
    }
    pad(out, start, spec, spec.zero.then_some(zero_at));
}

/// Applies the width to the text written since `start`: spaces after it when left-justified,
/// zeros at `start + zero_at` when zero padding applies, spaces before it otherwise.
fn pad(out: &mut Vec<u8>, start: usize, spec: &Spec, zero_at: Option<usize>) {
    let len = out.len() - start;
    if spec.width <= len {
        return;
    }
    let n = spec.width - len;
    if spec.left {
        out.resize(out.len() + n, b' ');
    } else {
        let (at, fill) = match zero_at {
            Some(off) => (start + off, b'0'),
            None => (start, b' '),
        };
        out.splice(at..at, std::iter::repeat_n(fill, n));
    }
}

/// Writes the digits of `n` in `base` at the end of `buf`; returns where they start.
fn radix_digits(mut n: u64, base: u64, upper: bool, buf: &mut [u8; 24]) -> usize {
    let table: &[u8; 16] = if upper {
        b"0123456789ABCDEF"
    } else {
        b"0123456789abcdef"
    };
    let mut pos = buf.len();
    loop {
        pos -= 1;
        buf[pos] = table[(n % base) as usize];
        n /= base;
        if n == 0 || pos == 0 {
            return pos;
        }
    }
}

fn put_radix(out: &mut Vec<u8>, n: u64, base: u64, upper: bool) {
    let mut buf = [0u8; 24];
    let first = radix_digits(n, base, upper, &mut buf);
    out.extend_from_slice(&buf[first..]);
}

/// `fmt::Write` into a byte vector (never fails).
struct VecWriter<'a>(&'a mut Vec<u8>);

impl std::fmt::Write for VecWriter<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.extend_from_slice(s.as_bytes());
        Ok(())
    }
}

/// Appends a C exponent: sign and at least two digits.
pub(crate) fn put_c_exp(out: &mut Vec<u8>, exp: i32) {
    out.push(if exp < 0 { b'-' } else { b'+' });
    let e = exp.unsigned_abs();
    if e < 10 {
        out.push(b'0');
    }
    let mut buf = [0u8; 20];
    let first = u64_digits(u64::from(e), &mut buf);
    out.extend_from_slice(&buf[first..]);
}

/// Appends `v` (finite, non-negative) in Rust's exact `{:.p$e}` form and returns the decimal
/// exponent, leaving only the mantissa ("d" or "d.ddd") in `out`.
fn put_mantissa(out: &mut Vec<u8>, v: f64, p: usize) -> i32 {
    let s = out.len();
    let _ = write!(VecWriter(out), "{v:.p$e}");
    let epos = out[s..]
        .iter()
        .rposition(|&c| c == b'e')
        .map_or(out.len(), |i| s + i);
    let exp = parse_exp(out.get(epos + 1..).unwrap_or(&[]));
    out.truncate(epos);
    exp
}

/// `%e`: d.ddde+XX.
fn put_e(out: &mut Vec<u8>, v: f64, p: usize, alt: bool, upper: bool) {
    let exp = put_mantissa(out, v, p);
    if alt && p == 0 {
        out.push(b'.');
    }
    out.push(if upper { b'E' } else { b'e' });
    put_c_exp(out, exp);
}

/// `%f`: ddd.ddd.
fn put_f(out: &mut Vec<u8>, v: f64, p: usize, alt: bool) {
    let _ = write!(VecWriter(out), "{v:.p$}");
    if alt && p == 0 {
        out.push(b'.');
    }
}

/// `%g`: `%e` or `%f` depending on the exponent, trailing zeros removed unless `#`.
fn put_g(out: &mut Vec<u8>, v: f64, p: usize, alt: bool, upper: bool) {
    let p = p.max(1);
    let s = out.len();
    let exp = put_mantissa(out, v, p - 1);
    if exp < -4 || i64::from(exp) >= p as i64 {
        if !alt {
            strip_fraction_zeros(out, s);
        } else if p == 1 {
            out.push(b'.');
        }
        out.push(if upper { b'E' } else { b'e' });
        put_c_exp(out, exp);
        return;
    }
    // Fixed notation with p - 1 - exp decimals: the same p significant digits, point moved.
    if out.len() > s + 1 {
        out.remove(s + 1);
    }
    if exp >= 0 {
        let at = s + exp as usize + 1;
        if at < out.len() || alt {
            out.insert(at.min(out.len()), b'.');
        }
    } else {
        let zeros = (-exp - 1) as usize;
        let head = b"0."
            .iter()
            .copied()
            .chain(std::iter::repeat_n(b'0', zeros));
        out.splice(s..s, head);
    }
    if !alt {
        strip_fraction_zeros(out, s);
    }
}

/// Removes trailing zeros after a decimal point in `out[s..]`, then the point if nothing follows.
fn strip_fraction_zeros(out: &mut Vec<u8>, s: usize) {
    if !out[s..].contains(&b'.') {
        return;
    }
    while out.last() == Some(&b'0') {
        out.pop();
    }
    if out.last() == Some(&b'.') {
        out.pop();
    }
}

/// Hex digits after the point in a double's significand.
const FRAC_NIBBLES: usize = 13;

/// `%a`: 0x1.hhhp+d as glibc prints it. Subnormals print as 0x0.hhhp-1022, zero as 0x0p+0;
/// a precision rounds half to even and may carry into the leading digit (0x2.0p+0).
fn put_a(out: &mut Vec<u8>, v: f64, precision: Option<usize>, alt: bool, upper: bool) {
    let bits = v.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let mut frac = bits & ((1u64 << 52) - 1);
    let (mut lead, exp) = match (biased, frac) {
        (0, 0) => (0u64, 0),
        (0, _) => (0, -1022),
        _ => (1, biased - 1023),
    };
    let mut nibbles = FRAC_NIBBLES;
    let mut extra_zeros = 0;
    match precision {
        None => {
            while nibbles > 0 && frac & 0xf == 0 {
                frac >>= 4;
                nibbles -= 1;
            }
        }
        Some(p) if p < FRAC_NIBBLES => {
            let shift = 4 * (FRAC_NIBBLES - p) as u32;
            let full = (lead << 52) | frac;
            let mut kept = full >> shift;
            let rest = full & ((1u64 << shift) - 1);
            let half = 1u64 << (shift - 1);
            if rest > half || (rest == half && kept & 1 == 1) {
                kept += 1;
            }
            let fbits = 4 * p as u32;
            lead = kept >> fbits;
            frac = kept & ((1u64 << fbits) - 1);
            nibbles = p;
        }
        Some(p) => extra_zeros = p - FRAC_NIBBLES,
    }
    out.extend_from_slice(if upper { b"0X" } else { b"0x" });
    put_radix(out, lead, 16, upper);
    if nibbles > 0 || extra_zeros > 0 || alt {
        out.push(b'.');
    }
    let table: &[u8; 16] = if upper {
        b"0123456789ABCDEF"
    } else {
        b"0123456789abcdef"
    };
    for i in (0..nibbles).rev() {
        out.push(table[((frac >> (4 * i)) & 0xf) as usize]);
    }
    out.resize(out.len() + extra_zeros, b'0');
    out.push(if upper { b'P' } else { b'p' });
    out.push(if exp < 0 { b'-' } else { b'+' });
    put_radix(out, u64::from(exp.unsigned_abs()), 10, false);
}

//! Text to number: Lua numerals as `tonumber(s)` and string coercion read them
//! ([`str_to_number`], the reference's `luaO_str2num`), and integers in bases 2 to 36 for
//! `tonumber(s, base)` ([`str_to_int_base`]).
//!
//! Both accept leading and trailing C whitespace and fail on anything else, including a zero
//! byte. Floats are correctly rounded (decimal through Rust's parser, hexadecimal here), as
//! glibc's `strtod` rounds them; "inf" and "nan" are not numerals. In base 2 to 36, digits are
//! alphanumerics valid in the base (letters either case) and the value wraps around modulo 2^64.

/// Whitespace as C's `isspace` in the "C" locale.
pub fn is_c_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// `tonumber(s, base)`; `None` when `s` is not a numeral in `base` (or `base` is not 2..=36).
pub fn str_to_int_base(s: &[u8], base: u32) -> Option<i64> {
    if !(2..=36).contains(&base) {
        return None;
    }
    let mut i = s.iter().take_while(|&&c| is_c_space(c)).count();
    let neg = match s.get(i) {
        Some(b'-') => {
            i += 1;
            true
        }
        Some(b'+') => {
            i += 1;
            false
        }
        _ => false,
    };
    let digits = s[i..]
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    if digits == 0 {
        return None;
    }
    let mut n: u64 = 0;
    for &c in &s[i..i + digits] {
        let d = match c {
            b'0'..=b'9' => u32::from(c - b'0'),
            _ => u32::from(c.to_ascii_uppercase() - b'A') + 10,
        };
        if d >= base {
            return None;
        }
        n = n.wrapping_mul(u64::from(base)).wrapping_add(u64::from(d));
    }
    i += digits;
    i += s[i..].iter().take_while(|&&c| is_c_space(c)).count();
    if i != s.len() {
        return None;
    }
    Some(if neg { n.wrapping_neg() } else { n } as i64)
}

/// A numeral's value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Numeral {
    /// An integer numeral (decimal that fits, or hexadecimal, which wraps around).
    Int(i64),
    /// A float numeral (or a decimal integer too large for an integer).
    Float(f64),
}

/// Converts a whole string to a number as Lua does (`tonumber(s)`, `"10" + 1`).
pub fn str_to_number(s: &[u8]) -> Option<Numeral> {
    if let Some(i) = str_to_int(s) {
        return Some(Numeral::Int(i));
    }
    str_to_float(s).map(Numeral::Float)
}

/// Strips C whitespace from both ends.
fn trim(s: &[u8]) -> &[u8] {
    let start = s.iter().take_while(|&&c| is_c_space(c)).count();
    let end = s.len()
        - s[start..]
            .iter()
            .rev()
            .take_while(|&&c| is_c_space(c))
            .count();
    &s[start..end]
}

/// Splits an optional sign: (negative, rest).
fn sign(s: &[u8]) -> (bool, &[u8]) {
    match s.first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    }
}

/// Hexadecimal prefix "0x"/"0X": the rest after it.
fn hex_body(s: &[u8]) -> Option<&[u8]> {
    match s {
        [b'0', b'x' | b'X', rest @ ..] => Some(rest),
        _ => None,
    }
}

/// An integer numeral: hexadecimal (wrapping) or decimal (failing on overflow).
fn str_to_int(s: &[u8]) -> Option<i64> {
    let (neg, s) = sign(trim(s));
    let mut a: u64 = 0;
    if let Some(hex) = hex_body(s) {
        if hex.is_empty() {
            return None;
        }
        for &c in hex {
            let d = (c as char).to_digit(16)?;
            a = a.wrapping_mul(16).wrapping_add(u64::from(d));
        }
    } else {
        if s.is_empty() {
            return None;
        }
        let max = i64::MAX as u64 + u64::from(neg);
        for &c in s {
            if !c.is_ascii_digit() {
                return None;
            }
            a = a.checked_mul(10)?.checked_add(u64::from(c - b'0'))?;
            if a > max {
                return None;
            }
        }
    }
    Some(if neg { a.wrapping_neg() } else { a } as i64)
}

/// A float numeral, decimal or hexadecimal.
fn str_to_float(s: &[u8]) -> Option<f64> {
    let t = trim(s);
    let (neg, body) = sign(t);
    if let Some(hex) = hex_body(body) {
        let v = hex_float(hex)?;
        return Some(if neg { -v } else { v });
    }
    // Decimal: strtod's grammar over these bytes is the one Rust's parser accepts.
    if t.is_empty() || !t.iter().all(|c| b"0123456789+-.eE".contains(c)) {
        return None;
    }
    std::str::from_utf8(t).ok()?.parse::<f64>().ok()
}

/// The value of hexadecimal digits with an optional point and binary exponent ("1.8p3").
fn hex_float(s: &[u8]) -> Option<f64> {
    let mut m: u64 = 0; // the first 15 or 16 significant digits
    let mut exp: i64 = 0; // binary exponent adjustment for the digits
    let mut sticky = false; // a nonzero digit was dropped
    let mut any = false;
    let mut seen_point = false;
    let mut i = 0;
    while let Some(&c) = s.get(i) {
        if c == b'.' && !seen_point {
            seen_point = true;
        } else if let Some(d) = (c as char).to_digit(16) {
            any = true;
            if m >> 60 == 0 {
                m = m * 16 + u64::from(d);
                if seen_point {
                    exp -= 4;
                }
            } else {
                sticky |= d != 0;
                if !seen_point {
                    exp += 4;
                }
            }
        } else {
            break;
        }
        i += 1;
    }
    if !any {
        return None;
    }
    if let Some(b'p' | b'P') = s.get(i) {
        let (neg, digits) = sign(&s[i + 1..]);
        if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let e = digits
            .iter()
            .fold(0i64, |a, &c| (a * 10 + i64::from(c - b'0')).min(1 << 40));
        exp += if neg { -e } else { e };
        i = s.len();
    }
    (i == s.len()).then(|| scale(m, exp, sticky))
}

/// `(m + a bit of sticky) * 2^exp` rounded to the nearest double, ties to even.
fn scale(m: u64, exp: i64, sticky: bool) -> f64 {
    if m == 0 {
        return 0.0;
    }
    let lz = m.leading_zeros();
    let m = m << lz;
    let e = exp - i64::from(lz) + 63; // value = (m / 2^63) * 2^e, m / 2^63 in [1, 2)
    if e > 1023 {
        return f64::INFINITY;
    }
    // Bits of m to drop: 11 for a normal result, more below the normal range.
    let drop = if e >= -1022 { 11 } else { 11 + (-1022 - e) };
    if drop > 64 {
        return 0.0;
    }
    let wide = u128::from(m);
    let mut kept = (wide >> drop) as u64;
    let rest = wide & ((1u128 << drop) - 1);
    let half = 1u128 << (drop - 1);
    if rest > half || (rest == half && (sticky || kept & 1 == 1)) {
        kept += 1;
    }
    let bits = if e >= -1022 {
        // kept is in [2^52, 2^53]; adding it to the exponent field carries correctly.
        (((e + 1022) as u64) << 52) + kept
    } else {
        kept // subnormal; 2^52 after rounding is the smallest normal
    };
    if bits >= 0x7ff0_0000_0000_0000 {
        f64::INFINITY
    } else {
        f64::from_bits(bits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Expected values from lua5.4 (`tonumber(s, base)`).
    #[test]
    fn bases() {
        let cases: &[(&[u8], u32, Option<i64>)] = &[
            (b"10", 2, Some(2)),
            (b"  ff  ", 16, Some(255)),
            (b"FF", 16, Some(255)),
            (b"-ff", 16, Some(-255)),
            (b"+zz", 36, Some(1295)),
            (b"zz", 35, None),
            (b"8", 8, None),
            (b"777", 8, Some(511)),
            (b"", 10, None),
            (b"  ", 10, None),
            (b"-", 10, None),
            (b"1 2", 10, None),
            (b"1\0", 10, None),
            (b"\t\n\x0b\x0c\r12\t", 10, Some(12)),
            (b"0x10", 16, None),
            (b"1.5", 10, None),
            (b"- 1", 10, None),
            (b"ffffffffffffffff", 16, Some(-1)),
            (b"10000000000000000", 16, Some(0)),
            (b"7fffffffffffffff", 16, Some(i64::MAX)),
            (b"-8000000000000000", 16, Some(i64::MIN)),
            (b"99999999999999999999", 10, Some(7766279631452241919)),
            (
                b"1111111111111111111111111111111111111111111111111111111111111111",
                2,
                Some(-1),
            ),
            (b"Lua", 36, Some(28306)),
        ];
        for &(s, base, expect) in cases {
            assert_eq!(
                str_to_int_base(s, base),
                expect,
                "{:?} base {base}",
                String::from_utf8_lossy(s)
            );
        }
        assert_eq!(str_to_int_base(b"1", 1), None);
        assert_eq!(str_to_int_base(b"1", 37), None);
    }

    // Expected values from lua5.4 (`tonumber(s)`).
    #[test]
    #[rustfmt::skip]
    fn numerals() {
        use Numeral::*;
        let cases: &[(&[u8], Option<Numeral>)] = &[
            (b"1e400", Some(Float(f64::INFINITY))),
            (b"-1e400", Some(Float(f64::NEG_INFINITY))),
            (b"1e-400", Some(Float(0.0))),
            (b"0x1p-1075", Some(Float(0.0))),
            (b"0x1.8p-1074", Some(Float(1e-323))),
            (b"0x3p-1076", Some(Float(5e-324))),
            (b"  0x10  ", Some(Int(16))),
            (b"1e", None),
            (b"0x1.8", Some(Float(1.5))),
            (b"9223372036854775807", Some(Int(9223372036854775807))),
            (b"9223372036854775808", Some(Float(9.223372036854776e+18))),
            (b"-9223372036854775808", Some(Int(i64::MIN))),
            (b"-9223372036854775809", Some(Float(-9.223372036854776e+18))),
            (b"inf", None),
            (b"nan", None),
            (b"-inf", None),
            (b"INF", None),
            (b"0x", None),
            (b"1 ", Some(Int(1))),
            (b".5", Some(Float(0.5))),
            (b"5.", Some(Float(5.0))),
            (b".", None),
            (b"0x.8p1", Some(Float(1.0))),
            (b"- 1", None),
            (b"+1", Some(Int(1))),
            (b"+-1", None),
            (b"0xffffffffffffffffff", Some(Int(-1))),
            (b"0x1P+4", Some(Float(16.0))),
            (b"1E+2", Some(Float(1e+02))),
            (b"1e+", None),
            (b"0x1p", None),
            (b"0x1pz", None),
            (b"00012", Some(Int(12))),
            (b"1.5e3", Some(Float(1.5e+03))),
            (b"0x.1", Some(Float(0.0625))),
            (b"0xA.8", Some(Float(10.5))),
            (b"1\x00", None),
            (b"\x091\x0a", Some(Int(1))),
            (b"0x1.fffffffffffff8p1023", Some(Float(f64::INFINITY))),
            (b"0x1.fffffffffffff7ffp1023", Some(Float(1.7976931348623157e+308))),
            (b"0x123456789abcdef0123p0", Some(Float(5.373003642731685e+21))),
            (b"-0", Some(Int(0))),
            (b"-0.0", Some(Float(-0.0))),
            (b"0x-1", None),
            (b"1e-5", Some(Float(1e-05))),
            (b"4.9e-324", Some(Float(5e-324))),
            (b"2.4703282292062328e-324", Some(Float(5e-324))),
            (b"2.4703282292062327e-324", Some(Float(0.0))),
            (b"1__0", None),
            (b"0b1", None),
            (b"", None),
            (b" ", None),
            (b"0x7fffffffffffffff", Some(Int(9223372036854775807))),
            (b"0x8000000000000000", Some(Int(i64::MIN))),
            (b"-0x1", Some(Int(-1))),
            (b"-0x1p-1", Some(Float(-0.5))),
            (b"0x1p99999999999", Some(Float(f64::INFINITY))),
            (b"0x1p-99999999999", Some(Float(0.0))),
            (b"0x0p99999999999", Some(Float(0.0))),
            (b"1e99999999999999999999", Some(Float(f64::INFINITY))),
            (b"0.1", Some(Float(0.1))),
            (b"123456789012345678901234567890", Some(Float(1.2345678901234568e+29))),
            (b"0x1.0000000000000800000000001p0", Some(Float(1.0000000000000002))),
            (b"0x1.00000000000008p0", Some(Float(1.0))),
            (b"0x1.00000000000018p0", Some(Float(1.0000000000000004))),
            (b"0x.00000000000000000000000001p0", Some(Float(4.930380657631324e-32))),
            (b"  -  1", None),
            (b"1e5 x", None),
            (b"0x1g", None),
            (b"3.14159265358979323846", Some(Float(std::f64::consts::PI))),
            (b"1.7976931348623157e308", Some(Float(1.7976931348623157e+308))),
            (b"1.7976931348623159e308", Some(Float(f64::INFINITY))),
            (b"0x1.ffffffffffffep-1023", Some(Float(2.225073858507201e-308))),
            (b"0x1.fffffffffffffp-1023", Some(Float(2.2250738585072014e-308))),
            (b"0x1.ffffffffffffe8p-1023", Some(Float(2.225073858507201e-308))),
            (b"0x1.ffffffffffffe800001p-1023", Some(Float(2.225073858507201e-308))),
        ];
        for &(s, expect) in cases {
            let got = str_to_number(s);
            let same = match (got, expect) {
                (Some(Float(a)), Some(Float(b))) => a.to_bits() == b.to_bits(),
                (a, b) => a == b,
            };
            assert!(same, "{:?}: got {got:?}, expected {expect:?}", String::from_utf8_lossy(s));
        }
    }

    /// glibc 2.36's strtod drops a rounding bit for some hexadecimal subnormals with more than
    /// 53 significant bits (lua5.4 there reads this one as 0x0.c3d97ede1ec66p-1022); we round
    /// correctly, as Python's float.fromhex does.
    #[test]
    fn hex_subnormal_rounds_correctly() {
        let got = str_to_number(b"0x0187b2FDBc3d8cD8p-1079");
        assert_eq!(
            got,
            Some(Numeral::Float(f64::from_bits(0x000c_3d97_ede1_ec67)))
        );
    }
}

//! Lua numbers and the reference's string-to-number conversion (`lua_stringtonumber`).
#![forbid(unsafe_code)]

/// A Lua number: the integer and float subtypes are distinct values.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Number {
    Int(i64),
    Float(f64),
}

/// C's `isspace` in the "C" locale.
pub fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// Value of a hexadecimal digit (the caller checked it is one).
pub fn hex_value(c: u8) -> u32 {
    match c {
        b'0'..=b'9' => u32::from(c - b'0'),
        b'a'..=b'f' => u32::from(c - b'a') + 10,
        b'A'..=b'F' => u32::from(c - b'A') + 10,
        _ => 0,
    }
}

/// Converts a string to a number following Lua's rules: optional surrounding whitespace, an optional
/// sign, decimal or hexadecimal integers (decimal ones that overflow become floats, hexadecimal ones wrap
/// around), decimal floats and hexadecimal floats with an optional binary exponent. `inf`, `nan` and
/// strings with embedded zeros are not numerals.
pub fn str_to_number(s: &[u8]) -> Option<Number> {
    if s.contains(&0) {
        return None;
    }
    if let Some(i) = str_to_int(s) {
        return Some(Number::Int(i));
    }
    str_to_float(s).map(Number::Float)
}

fn skip_spaces(s: &[u8], mut i: usize) -> usize {
    while i < s.len() && is_space(s[i]) {
        i += 1;
    }
    i
}

/// Reads an optional sign at `*i`; true when it is a minus.
fn read_sign(s: &[u8], i: &mut usize) -> bool {
    match s.get(*i) {
        Some(b'-') => {
            *i += 1;
            true
        }
        Some(b'+') => {
            *i += 1;
            false
        }
        _ => false,
    }
}

fn is_hex_prefix(s: &[u8], i: usize) -> bool {
    s.get(i) == Some(&b'0') && matches!(s.get(i + 1), Some(b'x') | Some(b'X'))
}

/// The integer part of the conversion (`l_str2int`): `None` if the string is not an integer numeral
/// or a decimal one does not fit.
fn str_to_int(s: &[u8]) -> Option<i64> {
    let mut i = skip_spaces(s, 0);
    let neg = read_sign(s, &mut i);
    let mut a: u64 = 0;
    let mut empty = true;
    if is_hex_prefix(s, i) {
        i += 2;
        while i < s.len() && s[i].is_ascii_hexdigit() {
            a = a.wrapping_mul(16).wrapping_add(u64::from(hex_value(s[i])));
            empty = false;
            i += 1;
        }
    } else {
        let max_by_10 = (i64::MAX / 10) as u64;
        let max_last = (i64::MAX % 10) as u64;
        while i < s.len() && s[i].is_ascii_digit() {
            let d = u64::from(s[i] - b'0');
            if a >= max_by_10 && (a > max_by_10 || d > max_last + u64::from(neg)) {
                return None;
            }
            a = a * 10 + d;
            empty = false;
            i += 1;
        }
    }
    i = skip_spaces(s, i);
    if empty || i != s.len() {
        return None;
    }
    Some(if neg {
        0u64.wrapping_sub(a) as i64
    } else {
        a as i64
    })
}

/// The float part of the conversion (`l_str2d`).
fn str_to_float(s: &[u8]) -> Option<f64> {
    let mode = s
        .iter()
        .find(|c| b".xXnN".contains(c))
        .map(|c| c.to_ascii_lowercase());
    if mode == Some(b'n') {
        return None;
    }
    let mut i = skip_spaces(s, 0);
    let neg = read_sign(s, &mut i);
    let (value, end) = if mode == Some(b'x') {
        read_hex_float(s, i)?
    } else {
        read_dec_float(s, i)?
    };
    if skip_spaces(s, end) != s.len() {
        return None;
    }
    Some(if neg { -value } else { value })
}

fn digits_end(s: &[u8], mut i: usize) -> usize {
    while i < s.len() && s[i].is_ascii_digit() {
        i += 1;
    }
    i
}

/// Reads a decimal float (as C's `strtod` does) starting at `start`; returns its value and end.
fn read_dec_float(s: &[u8], start: usize) -> Option<(f64, usize)> {
    let int_end = digits_end(s, start);
    let mut end = int_end;
    let mut frac = &s[int_end..int_end];
    if s.get(end) == Some(&b'.') {
        let frac_end = digits_end(s, end + 1);
        frac = &s[end + 1..frac_end];
        end = frac_end;
    }
    let int = &s[start..int_end];
    if int.is_empty() && frac.is_empty() {
        return None;
    }
    let mut exp: &[u8] = &[];
    if matches!(s.get(end), Some(b'e') | Some(b'E')) {
        let mut j = end + 1;
        if matches!(s.get(j), Some(b'+') | Some(b'-')) {
            j += 1;
        }
        let exp_end = digits_end(s, j);
        if exp_end > j {
            exp = &s[end + 1..exp_end];
            end = exp_end;
        }
    }
    // Rebuild a canonical `int.frac[eexp]` text (all ASCII) for Rust's correctly rounded parser.
    let mut text = String::with_capacity(int.len() + frac.len() + exp.len() + 4);
    let push = |text: &mut String, part: &[u8]| text.extend(part.iter().map(|&c| char::from(c)));
    push(&mut text, if int.is_empty() { b"0" } else { int });
    text.push('.');
    push(&mut text, if frac.is_empty() { b"0" } else { frac });
    if !exp.is_empty() {
        text.push('e');
        push(&mut text, exp);
    }
    let value = text.parse::<f64>().ok()?;
    Some((value, end))
}

/// Reads a hexadecimal float (`0x` prefix, hex digits with an optional dot, optional `p` exponent)
/// starting at `start`, correctly rounded as C99's `strtod` does; returns its value and end.
fn read_hex_float(s: &[u8], start: usize) -> Option<(f64, usize)> {
    if !is_hex_prefix(s, start) {
        return None;
    }
    let mut i = start + 2;
    let mut mant: u64 = 0;
    let mut exp2: i64 = 0;
    let mut sticky = false;
    let mut nsig = 0;
    let mut ndigits = 0;
    let mut seen_dot = false;
    loop {
        match s.get(i) {
            Some(b'.') if !seen_dot => seen_dot = true,
            Some(&c) if c.is_ascii_hexdigit() => {
                let d = hex_value(c);
                ndigits += 1;
                if nsig == 0 && d == 0 {
                    if seen_dot {
                        exp2 -= 4;
                    }
                } else if nsig < 16 {
                    mant = mant * 16 + u64::from(d);
                    nsig += 1;
                    if seen_dot {
                        exp2 -= 4;
                    }
                } else {
                    sticky |= d != 0;
                    if !seen_dot {
                        exp2 += 4;
                    }
                }
            }
            _ => break,
        }
        i += 1;
    }
    if ndigits == 0 {
        return None;
    }
    if matches!(s.get(i), Some(b'p') | Some(b'P')) {
        let mut j = i + 1;
        let neg = read_sign(s, &mut j);
        let exp_end = digits_end(s, j);
        if exp_end > j {
            let mut e: i64 = 0;
            for &c in &s[j..exp_end] {
                e = (e * 10 + i64::from(c - b'0')).min(1 << 40);
            }
            exp2 += if neg { -e } else { e };
            i = exp_end;
        }
    }
    Some((make_float(mant, exp2, sticky), i))
}

/// The float nearest to `mant * 2^exp2` (plus a little more when `sticky`), rounding to even.
fn make_float(mant: u64, exp2: i64, sticky: bool) -> f64 {
    if mant == 0 {
        return 0.0;
    }
    let nbits = 64 - i64::from(mant.leading_zeros());
    let msb = nbits - 1 + exp2;
    if msb > 1023 {
        return f64::INFINITY;
    }
    let mut lsb = (msb - 52).max(-1074);
    let drop = lsb - exp2;
    let mut m: u64 = if drop <= 0 {
        mant << (-drop)
    } else if drop > 64 {
        0
    } else {
        let (kept, rem, half) = if drop == 64 {
            (0, mant, 1u64 << 63)
        } else {
            (
                mant >> drop,
                mant & ((1u64 << drop) - 1),
                1u64 << (drop - 1),
            )
        };
        let up = rem > half || (rem == half && (sticky || kept & 1 == 1));
        kept + u64::from(up)
    };
    if m == 1 << 53 {
        m >>= 1;
        lsb += 1;
    }
    if m == 0 {
        return 0.0;
    }
    if m >= 1 << 52 {
        let biased = lsb + 52 + 1023;
        if biased >= 2047 {
            return f64::INFINITY;
        }
        f64::from_bits(((biased as u64) << 52) | (m & ((1u64 << 52) - 1)))
    } else {
        f64::from_bits(m)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(s: &str) -> Option<Number> {
        str_to_number(s.as_bytes())
    }

    #[test]
    fn integers() {
        assert_eq!(num("10"), Some(Number::Int(10)));
        assert_eq!(num("  -7  "), Some(Number::Int(-7)));
        assert_eq!(num("+3"), Some(Number::Int(3)));
        assert_eq!(num("9223372036854775807"), Some(Number::Int(i64::MAX)));
        assert_eq!(num("-9223372036854775808"), Some(Number::Int(i64::MIN)));
        assert_eq!(
            num("9223372036854775808"),
            Some(Number::Float(9223372036854775808.0))
        );
        assert_eq!(num("0x10"), Some(Number::Int(16)));
        assert_eq!(num("0xffffffffffffffff"), Some(Number::Int(-1)));
        assert_eq!(num("0x7fffffffffffffff"), Some(Number::Int(i64::MAX)));
        assert_eq!(num("0x10000000000000000"), Some(Number::Int(0)));
        assert_eq!(num("-0x1"), Some(Number::Int(-1)));
        assert_eq!(num("\t\n 5 \x0b\x0c\r"), Some(Number::Int(5)));
    }

    #[test]
    fn floats() {
        assert_eq!(num("1.5"), Some(Number::Float(1.5)));
        assert_eq!(num(".5"), Some(Number::Float(0.5)));
        assert_eq!(num("5."), Some(Number::Float(5.0)));
        assert_eq!(num("1e2"), Some(Number::Float(100.0)));
        assert_eq!(num("1.E+2"), Some(Number::Float(100.0)));
        assert_eq!(num("2e-1"), Some(Number::Float(0.2)));
        assert_eq!(num("1e400"), Some(Number::Float(f64::INFINITY)));
        assert_eq!(num("-1e400"), Some(Number::Float(f64::NEG_INFINITY)));
        assert_eq!(num("0x1p4"), Some(Number::Float(16.0)));
        assert_eq!(num("0x.8"), Some(Number::Float(0.5)));
        assert_eq!(num("0xA."), Some(Number::Float(10.0)));
        assert_eq!(num("0x1P-2"), Some(Number::Float(0.25)));
        assert_eq!(num("0x1p+1"), Some(Number::Float(2.0)));
        assert_eq!(num("0x.1p4"), Some(Number::Float(1.0)));
        assert_eq!(num("-0x1.8p1"), Some(Number::Float(-3.0)));
        assert_eq!(num("0x1p-1074"), Some(Number::Float(f64::from_bits(1))));
        assert_eq!(num("0x1p-1080"), Some(Number::Float(0.0)));
        assert_eq!(num("0x1p1024"), Some(Number::Float(f64::INFINITY)));
        assert_eq!(num("0x1.fffffffffffff8p0"), Some(Number::Float(2.0)));
        assert_eq!(
            num("0x1.fffffffffffff7p0"),
            Some(Number::Float(1.9999999999999998))
        );
        assert_eq!(
            num("1e99999999999999999999"),
            Some(Number::Float(f64::INFINITY))
        );
        assert_eq!(num("1e-99999999999999999999"), Some(Number::Float(0.0)));
        assert_eq!(num("0.1"), Some(Number::Float(0.1)));
        assert_eq!(
            num("123456789012345678901234567890"),
            Some(Number::Float(1.2345678901234568e29))
        );
        assert_eq!(
            num("0x123456789abcdef0123p0"),
            Some(Number::Float(5.373003642731685e21))
        );
    }

    #[test]
    fn rejects() {
        for s in [
            "", " ", "inf", "nan", "-inf", "1e", "1e+", "0x", "0xp1", "0x1p", ".", "1..2", "1 2",
            "1\0", "abc", "0x1.2.3", "1.5x", "--1", "infinity", "0x1pN", "e5", "- 1",
        ] {
            assert_eq!(num(s), None, "{s:?}");
        }
    }
}

//! Text to number for `tonumber(s, base)`: integers in bases 2 to 36.
//!
//! Same rules as the reference: optional leading and trailing C whitespace, an optional sign,
//! then at least one alphanumeric digit, every one valid in the base (letters either case).
//! The value wraps around modulo 2^64 like C unsigned arithmetic. Anything else, including a
//! zero byte, makes the conversion fail.

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
}

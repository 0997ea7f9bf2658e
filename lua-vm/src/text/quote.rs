//! `%q` of `string.format`: values written as Lua literals that read back to the same value.
//!
//! Strings go between double quotes with `"`, `\` and newline escaped by a backslash and other
//! control bytes as decimal escapes (three digits when a digit follows); floats as hexadecimal
//! (`0x1p+0`), or `1e9999`, `-1e9999`, `(0/0)`; integers in decimal except the minimum integer,
//! written `0x8000000000000000` (a decimal numeral would read back as a float).

use super::numfmt::write_integer;
use super::printf::{fmt_float, Spec};

/// Appends `s` as a quoted Lua string literal.
pub fn quote_string(out: &mut Vec<u8>, s: &[u8]) {
    out.reserve(s.len() + 2);
    out.push(b'"');
    for (i, &c) in s.iter().enumerate() {
        match c {
            b'"' | b'\\' | b'\n' => {
                out.push(b'\\');
                out.push(c);
            }
            0..=31 | 127 => {
                out.push(b'\\');
                let next_is_digit = s.get(i + 1).is_some_and(u8::is_ascii_digit);
                if next_is_digit || c >= 100 {
                    out.push(b'0' + c / 100);
                }
                if next_is_digit || c >= 10 {
                    out.push(b'0' + c / 10 % 10);
                }
                out.push(b'0' + c % 10);
            }
            _ => out.push(c),
        }
    }
    out.push(b'"');
}

/// Appends an integer as a literal.
pub fn quote_integer(out: &mut Vec<u8>, n: i64) {
    if n == i64::MIN {
        out.extend_from_slice(b"0x8000000000000000");
    } else {
        write_integer(out, n);
    }
}

/// Appends a float as a literal: hexadecimal, or the fixed spellings of infinities and NaN.
pub fn quote_float(out: &mut Vec<u8>, f: f64) {
    if f == f64::INFINITY {
        out.extend_from_slice(b"1e9999");
    } else if f == f64::NEG_INFINITY {
        out.extend_from_slice(b"-1e9999");
    } else if f.is_nan() {
        out.extend_from_slice(b"(0/0)");
    } else {
        fmt_float(out, &Spec::default(), b'a', f);
    }
}

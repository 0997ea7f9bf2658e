//! Number semantics of Lua 5.4 that plain Rust operators do not give: floor division and modulo
//! for integers and floats, logical shifts, float-to-integer conversions and exact comparisons
//! between integers and floats.
//!
//! Integer operations wrap around (use `wrapping_*` for `+ - *`); the helpers here only cover the
//! cases with extra rules. Division or modulo by an integer zero returns `None`; the VM raises
//! [`IDIV_BY_ZERO`] or [`MOD_BY_ZERO`].

#![forbid(unsafe_code)]

/// Error message of `n // 0` with integers (final text, as lua5.4 prints it).
pub const IDIV_BY_ZERO: &str = "attempt to divide by zero";
/// Error message of `n % 0` with integers (final text, as lua5.4 prints it).
pub const MOD_BY_ZERO: &str = "attempt to perform 'n%0'";

/// Integer floor division `a // b`; `None` when `b == 0`. `minint // -1` wraps to `minint`.
#[inline]
pub fn int_idiv(a: i64, b: i64) -> Option<i64> {
    if b == 0 {
        return None;
    }
    if b == -1 {
        return Some(a.wrapping_neg());
    }
    let q = a / b;
    Some(if (a ^ b) < 0 && a % b != 0 { q - 1 } else { q })
}

/// Integer modulo `a % b` with the sign of `b`; `None` when `b == 0`. `x % -1` is 0.
#[inline]
pub fn int_mod(a: i64, b: i64) -> Option<i64> {
    if b == 0 {
        return None;
    }
    if b == -1 {
        return Some(0);
    }
    let r = a % b;
    Some(if r != 0 && (r ^ b) < 0 { r + b } else { r })
}

/// Float floor division `floor(a / b)`.
#[inline]
pub fn float_idiv(a: f64, b: f64) -> f64 {
    (a / b).floor()
}

/// Float modulo: C's `fmod`, moved to the sign of `b` when the signs differ
/// (`5.3 % -2 == -0.7`, `-1 % math.huge == math.huge`, `x % 0.0` is NaN).
#[inline]
pub fn float_mod(a: f64, b: f64) -> f64 {
    let m = a % b;
    if (m > 0.0 && b < 0.0) || (m < 0.0 && b > 0.0) {
        m + b
    } else {
        m
    }
}

/// `a << b` as Lua does it: logical, a negative `b` shifts right, `|b| >= 64` gives 0.
#[inline]
pub fn shift_left(a: i64, b: i64) -> i64 {
    if b < 0 {
        if b <= -64 {
            0
        } else {
            ((a as u64) >> (-b)) as i64
        }
    } else if b >= 64 {
        0
    } else {
        ((a as u64) << b) as i64
    }
}

/// `a >> b` (logical): `shift_left(a, -b)`.
#[inline]
pub fn shift_right(a: i64, b: i64) -> i64 {
    shift_left(a, b.wrapping_neg())
}

/// Rounding mode of a float-to-integer conversion (the reference's `F2Imod`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum F2I {
    /// Only integral values convert.
    Eq,
    /// Round down.
    Floor,
    /// Round up.
    Ceil,
}

/// Converts a float to an integer with rounding `mode`; `None` if the result is out of the
/// integer range, NaN, or (mode `Eq`) not integral.
#[inline]
pub fn float_to_int(f: f64, mode: F2I) -> Option<i64> {
    // Without `floor` (a libm call on baseline x86_64): in range, truncation gives the integer part,
    // and a value that truncation changed has |f| < 2^52, so the +-1 below cannot overflow.
    if !(-9223372036854775808.0..9223372036854775808.0).contains(&f) {
        // Out of range or NaN; every float this large is integral, so rounding does not help.
        return None;
    }
    let i = f as i64;
    if i as f64 == f {
        return Some(i);
    }
    match mode {
        F2I::Eq => None,
        F2I::Floor => Some(if f < 0.0 { i - 1 } else { i }),
        F2I::Ceil => Some(if f > 0.0 { i + 1 } else { i }),
    }
}

/// The integer equal to `f`, if any (`3.0` -> 3; `3.5`, `2^63`, NaN -> `None`).
#[inline]
pub fn float_to_int_exact(f: f64) -> Option<i64> {
    float_to_int(f, F2I::Eq)
}

/// `floor(f)` as an integer, if in range.
#[inline]
pub fn float_floor_to_int(f: f64) -> Option<i64> {
    float_to_int(f, F2I::Floor)
}

/// `ceil(f)` as an integer, if in range.
#[inline]
pub fn float_ceil_to_int(f: f64) -> Option<i64> {
    float_to_int(f, F2I::Ceil)
}

/// Whether `i` converts to a float exactly for sure (|i| <= 2^53).
#[inline]
fn fits_float(i: i64) -> bool {
    const LIM: u64 = 1 << 53;
    LIM.wrapping_add(i as u64) <= 2 * LIM
}

/// `i < f`, exactly.
#[inline]
pub fn lt_int_float(i: i64, f: f64) -> bool {
    if fits_float(i) {
        (i as f64) < f
    } else {
        // i < f <=> i < ceil(f)
        match float_ceil_to_int(f) {
            Some(c) => i < c,
            None => f > 0.0,
        }
    }
}

/// `i <= f`, exactly.
#[inline]
pub fn le_int_float(i: i64, f: f64) -> bool {
    if fits_float(i) {
        (i as f64) <= f
    } else {
        // i <= f <=> i <= floor(f)
        match float_floor_to_int(f) {
            Some(c) => i <= c,
            None => f > 0.0,
        }
    }
}

/// `f < i`, exactly.
#[inline]
pub fn lt_float_int(f: f64, i: i64) -> bool {
    if fits_float(i) {
        f < (i as f64)
    } else {
        // f < i <=> floor(f) < i
        match float_floor_to_int(f) {
            Some(c) => c < i,
            None => f < 0.0,
        }
    }
}

/// `f <= i`, exactly.
#[inline]
pub fn le_float_int(f: f64, i: i64) -> bool {
    if fits_float(i) {
        f <= (i as f64)
    } else {
        // f <= i <=> ceil(f) <= i
        match float_ceil_to_int(f) {
            Some(c) => c <= i,
            None => f < 0.0,
        }
    }
}

/// `i == f`, exactly (as the reference: the float must be an integer equal to `i`).
#[inline]
pub fn eq_int_float(i: i64, f: f64) -> bool {
    float_to_int_exact(f) == Some(i)
}

#[cfg(test)]
mod float_to_int_tests {
    use super::*;

    #[test]
    fn conversions_match_floor_and_ceil() {
        let samples = [
            0.0,
            -0.0,
            0.5,
            -0.5,
            1.0,
            -1.0,
            2.5,
            -2.5,
            1e15 + 0.5,
            -1e15 - 0.5,
            4503599627370495.5,
            -4503599627370495.5,
            2f64.powi(63) - 1024.0,
            -(2f64.powi(63)),
            2f64.powi(63),
            -9.3e18,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            3.0e-300,
        ];
        let in_range = |x: f64| (-9223372036854775808.0..9223372036854775808.0).contains(&x);
        for f in samples {
            let exact = if f.floor() == f && in_range(f) {
                Some(f as i64)
            } else {
                None
            };
            assert_eq!(float_to_int(f, F2I::Eq), exact, "{f}");
            let fl = f.floor();
            assert_eq!(
                float_to_int(f, F2I::Floor),
                in_range(fl).then_some(fl as i64),
                "{f}"
            );
            let cl = f.ceil();
            assert_eq!(
                float_to_int(f, F2I::Ceil),
                in_range(cl).then_some(cl as i64),
                "{f}"
            );
        }
    }
}

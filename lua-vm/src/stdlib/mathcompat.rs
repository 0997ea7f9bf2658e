//! The deprecated math functions that lua5.4 still provides because it is built with
//! `LUA_COMPAT_MATHLIB`: atan2, cosh, sinh, tanh, pow, frexp, ldexp and log10.
#![forbid(unsafe_code)]

use crate::api::Reg;
use crate::vm::error::LuaResult;
use crate::vm::state::State;

fn unary(st: &mut State, f: fn(f64) -> f64) -> LuaResult<usize> {
    let x = st.check_number(1)?;
    st.push_number(f(x));
    Ok(1)
}

fn cosh(st: &mut State) -> LuaResult<usize> {
    unary(st, f64::cosh)
}
fn sinh(st: &mut State) -> LuaResult<usize> {
    unary(st, f64::sinh)
}
fn tanh(st: &mut State) -> LuaResult<usize> {
    unary(st, f64::tanh)
}
fn log10(st: &mut State) -> LuaResult<usize> {
    unary(st, f64::log10)
}

fn pow(st: &mut State) -> LuaResult<usize> {
    let x = st.check_number(1)?;
    let y = st.check_number(2)?;
    st.push_number(x.powf(y));
    Ok(1)
}

/// Splits `x` into a mantissa in `[0.5, 1)` (in magnitude) and a power of two, as C's `frexp`;
/// zero, infinities and NaN come back unchanged with exponent 0.
pub fn frexp(x: f64) -> (f64, i32) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    let (x, adjust) = if x.abs() < f64::MIN_POSITIVE {
        (x * 2f64.powi(64), -64) // make a subnormal normal
    } else {
        (x, 0)
    };
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    let mant = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (mant, exp - 1022 + adjust)
}

/// `x * 2^n` with a single final rounding, as C's `ldexp`/`scalbn`.
pub fn ldexp(x: f64, n: i32) -> f64 {
    let mut y = x;
    let mut n = n;
    let big = 2f64.powi(1023);
    let small = 2f64.powi(-1022) * 2f64.powi(53); // stays normal, keeps 53 bits
    if n > 1023 {
        y *= big;
        n -= 1023;
        if n > 1023 {
            y *= big;
            n -= 1023;
            n = n.min(1023);
        }
    } else if n < -1022 {
        y *= small;
        n += 1022 - 53;
        if n < -1022 {
            y *= small;
            n += 1022 - 53;
            n = n.max(-1022);
        }
    }
    y * f64::from_bits(((0x3ff + n) as u64) << 52)
}

fn frexp_(st: &mut State) -> LuaResult<usize> {
    let x = st.check_number(1)?;
    let (m, e) = frexp(x);
    st.push_number(m);
    st.push_integer(e as i64);
    Ok(2)
}

fn ldexp_(st: &mut State) -> LuaResult<usize> {
    let x = st.check_number(1)?;
    let ep = st.check_integer(2)? as i32; // C's (int) conversion
    st.push_number(ldexp(x, ep));
    Ok(1)
}

pub(super) const FUNCS: &[Reg] = &[
    ("atan2", super::math::atan),
    ("cosh", cosh),
    ("sinh", sinh),
    ("tanh", tanh),
    ("pow", pow),
    ("frexp", frexp_),
    ("ldexp", ldexp_),
    ("log10", log10),
];

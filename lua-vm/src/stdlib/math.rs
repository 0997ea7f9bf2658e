//! The math library (`lmathlib.c`): integer-preserving abs/floor/ceil/fmod/modf, the C math
//! functions, min/max through Lua comparison, tointeger/type/ult and the constants; the random
//! generator is in `random`, the functions lua5.4 keeps for 5.3 compatibility in `mathcompat`.
#![forbid(unsafe_code)]

use crate::api::{CompareOp, Reg};
use crate::value::{Type, Value};
use crate::vm::error::LuaResult;
use crate::vm::state::State;

/// Pushes `d` as an integer if it has an exact integer representation, as a float otherwise.
fn push_num_int(st: &mut State, d: f64) {
    // -2^63 <= d < 2^63
    if (-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(&d) {
        st.push_integer(d as i64);
    } else {
        st.push_number(d);
    }
}

/// A float function of one number argument.
fn unary(st: &mut State, f: fn(f64) -> f64) -> LuaResult<usize> {
    let x = st.check_number(1)?;
    st.push_number(f(x));
    Ok(1)
}

fn abs(st: &mut State) -> LuaResult<usize> {
    if let Value::Int(n) = st.value_at(1) {
        st.push_integer(n.wrapping_abs());
    } else {
        unary(st, f64::abs)?;
    }
    Ok(1)
}

fn sin(st: &mut State) -> LuaResult<usize> {
    unary(st, f64::sin)
}
fn cos(st: &mut State) -> LuaResult<usize> {
    unary(st, f64::cos)
}
fn tan(st: &mut State) -> LuaResult<usize> {
    unary(st, f64::tan)
}
fn asin(st: &mut State) -> LuaResult<usize> {
    unary(st, f64::asin)
}
fn acos(st: &mut State) -> LuaResult<usize> {
    unary(st, f64::acos)
}
fn sqrt(st: &mut State) -> LuaResult<usize> {
    unary(st, f64::sqrt)
}
fn exp(st: &mut State) -> LuaResult<usize> {
    unary(st, f64::exp)
}

pub(super) fn atan(st: &mut State) -> LuaResult<usize> {
    let y = st.check_number(1)?;
    let x = st.opt_number(2, 1.0)?;
    st.push_number(y.atan2(x));
    Ok(1)
}

fn tointeger(st: &mut State) -> LuaResult<usize> {
    match st.to_integer(1) {
        Some(n) => st.push_integer(n),
        None => {
            st.check_any(1)?;
            st.push_nil();
        }
    }
    Ok(1)
}

fn floor(st: &mut State) -> LuaResult<usize> {
    if st.is_integer(1) {
        st.set_top(1);
    } else {
        let d = st.check_number(1)?.floor();
        push_num_int(st, d);
    }
    Ok(1)
}

fn ceil(st: &mut State) -> LuaResult<usize> {
    if st.is_integer(1) {
        st.set_top(1);
    } else {
        let d = st.check_number(1)?.ceil();
        push_num_int(st, d);
    }
    Ok(1)
}

fn fmod(st: &mut State) -> LuaResult<usize> {
    match (st.value_at(1), st.value_at(2)) {
        (Value::Int(a), Value::Int(d)) => {
            if (d as u64).wrapping_add(1) <= 1 {
                // -1 or 0: avoid the overflow of minint % -1
                st.arg_check(d != 0, 2, "zero")?;
                st.push_integer(0);
            } else {
                st.push_integer(a % d);
            }
        }
        _ => {
            let a = st.check_number(1)?;
            let b = st.check_number(2)?;
            st.push_number(a % b);
        }
    }
    Ok(1)
}

fn modf(st: &mut State) -> LuaResult<usize> {
    if st.is_integer(1) {
        st.set_top(1);
        st.push_number(0.0);
    } else {
        let n = st.check_number(1)?;
        // integer part, rounding towards zero
        let ip = if n < 0.0 { n.ceil() } else { n.floor() };
        push_num_int(st, ip);
        st.push_number(if n == ip { 0.0 } else { n - ip });
    }
    Ok(2)
}

fn ult(st: &mut State) -> LuaResult<usize> {
    let a = st.check_integer(1)?;
    let b = st.check_integer(2)?;
    st.push_bool((a as u64) < (b as u64));
    Ok(1)
}

fn log(st: &mut State) -> LuaResult<usize> {
    let x = st.check_number(1)?;
    let res = if st.is_none_or_nil(2) {
        x.ln()
    } else {
        let base = st.check_number(2)?;
        if base == 2.0 {
            x.log2()
        } else if base == 10.0 {
            x.log10()
        } else {
            x.ln() / base.ln()
        }
    };
    st.push_number(res);
    Ok(1)
}

fn deg(st: &mut State) -> LuaResult<usize> {
    let x = st.check_number(1)?;
    st.push_number(x * (180.0 / std::f64::consts::PI));
    Ok(1)
}

fn rad(st: &mut State) -> LuaResult<usize> {
    let x = st.check_number(1)?;
    st.push_number(x * (std::f64::consts::PI / 180.0));
    Ok(1)
}

fn min(st: &mut State) -> LuaResult<usize> {
    let n = st.get_top();
    st.arg_check(n >= 1, 1, "value expected")?;
    let mut imin = 1;
    for i in 2..=n {
        if st.compare(i, imin, CompareOp::Lt)? {
            imin = i;
        }
    }
    st.push_value(imin);
    Ok(1)
}

fn max(st: &mut State) -> LuaResult<usize> {
    let n = st.get_top();
    st.arg_check(n >= 1, 1, "value expected")?;
    let mut imax = 1;
    for i in 2..=n {
        if st.compare(imax, i, CompareOp::Lt)? {
            imax = i;
        }
    }
    st.push_value(imax);
    Ok(1)
}

fn type_(st: &mut State) -> LuaResult<usize> {
    if st.type_at(1) == Some(Type::Number) {
        let name = if st.is_integer(1) { "integer" } else { "float" };
        st.push_str(name)?;
    } else {
        st.check_any(1)?;
        st.push_nil();
    }
    Ok(1)
}

const FUNCS: &[Reg] = &[
    ("abs", abs),
    ("acos", acos),
    ("asin", asin),
    ("atan", atan),
    ("ceil", ceil),
    ("cos", cos),
    ("deg", deg),
    ("exp", exp),
    ("tointeger", tointeger),
    ("floor", floor),
    ("fmod", fmod),
    ("ult", ult),
    ("log", log),
    ("max", max),
    ("min", min),
    ("modf", modf),
    ("rad", rad),
    ("sin", sin),
    ("sqrt", sqrt),
    ("tan", tan),
    ("type", type_),
];

/// Opens the math library (`luaopen_math`).
pub fn open_math(st: &mut State) -> LuaResult<usize> {
    st.new_lib(FUNCS)?;
    st.set_funcs(super::mathcompat::FUNCS, 0)?;
    st.push_number(std::f64::consts::PI);
    st.set_field(-2, "pi")?;
    st.push_number(f64::INFINITY);
    st.set_field(-2, "huge")?;
    st.push_integer(i64::MAX);
    st.set_field(-2, "maxinteger")?;
    st.push_integer(i64::MIN);
    st.set_field(-2, "mininteger")?;
    super::random::register(st)?;
    Ok(1)
}

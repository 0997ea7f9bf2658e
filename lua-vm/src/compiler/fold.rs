//! Constant folding: Lua arithmetic on numeric constants, refusing operations that could raise an
//! error at run time or produce values that are unsafe as constants (NaN, zeros that may be -0.0).
#![forbid(unsafe_code)]

use super::constants::float_to_int;
use crate::value::number::Number;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArithOp {
    Add,
    Sub,
    Mul,
    Mod,
    Pow,
    Div,
    IDiv,
    BAnd,
    BOr,
    BXor,
    Shl,
    Shr,
    Unm,
    BNot,
}

fn to_int(n: Number) -> Option<i64> {
    match n {
        Number::Int(i) => Some(i),
        Number::Float(f) => float_to_int(f),
    }
}

fn to_float(n: Number) -> f64 {
    match n {
        Number::Int(i) => i as f64,
        Number::Float(f) => f,
    }
}

/// Lua's integer modulo (result has the sign of the divisor); `n` is not zero.
pub fn int_mod(m: i64, n: i64) -> i64 {
    if n == -1 {
        return 0;
    }
    let r = m % n;
    if r != 0 && (r ^ n) < 0 {
        r + n
    } else {
        r
    }
}

/// Lua's integer floor division; `n` is not zero.
pub fn int_idiv(m: i64, n: i64) -> i64 {
    if n == -1 {
        return m.wrapping_neg();
    }
    let q = m / n;
    if (m ^ n) < 0 && m % n != 0 {
        q - 1
    } else {
        q
    }
}

/// Lua's float modulo.
pub fn float_mod(a: f64, b: f64) -> f64 {
    let m = a % b;
    if (m > 0.0 && b < 0.0) || (m < 0.0 && b > 0.0) {
        m + b
    } else {
        m
    }
}

/// Lua's shift left (negative counts shift right; logical shifts).
pub fn shift_left(x: i64, y: i64) -> i64 {
    if y < 0 {
        if y <= -64 {
            0
        } else {
            ((x as u64) >> (-y)) as i64
        }
    } else if y >= 64 {
        0
    } else {
        ((x as u64) << y) as i64
    }
}

fn int_arith(op: ArithOp, a: i64, b: i64) -> i64 {
    match op {
        ArithOp::Add => a.wrapping_add(b),
        ArithOp::Sub => a.wrapping_sub(b),
        ArithOp::Mul => a.wrapping_mul(b),
        ArithOp::Mod => int_mod(a, b),
        ArithOp::IDiv => int_idiv(a, b),
        ArithOp::BAnd => a & b,
        ArithOp::BOr => a | b,
        ArithOp::BXor => a ^ b,
        ArithOp::Shl => shift_left(a, b),
        ArithOp::Shr => shift_left(a, b.wrapping_neg()),
        ArithOp::Unm => 0i64.wrapping_sub(a),
        ArithOp::BNot => !a,
        ArithOp::Pow | ArithOp::Div => 0,
    }
}

fn float_arith(op: ArithOp, a: f64, b: f64) -> f64 {
    match op {
        ArithOp::Add => a + b,
        ArithOp::Sub => a - b,
        ArithOp::Mul => a * b,
        ArithOp::Div => a / b,
        ArithOp::Pow => {
            if b == 2.0 {
                a * a
            } else {
                a.powf(b)
            }
        }
        ArithOp::IDiv => (a / b).floor(),
        ArithOp::Unm => -a,
        ArithOp::Mod => float_mod(a, b),
        _ => 0.0,
    }
}

/// Folds `a op b` (for unary operators `b` is a dummy integer 0); `None` when folding is not safe.
pub fn fold(op: ArithOp, a: Number, b: Number) -> Option<Number> {
    use ArithOp::*;
    let res = match op {
        BAnd | BOr | BXor | Shl | Shr | BNot => Number::Int(int_arith(op, to_int(a)?, to_int(b)?)),
        Div | Pow | IDiv | Mod if matches!(op, Div | IDiv | Mod) && to_float(b) == 0.0 => {
            return None
        }
        Div | Pow => Number::Float(float_arith(op, to_float(a), to_float(b))),
        _ => match (a, b) {
            (Number::Int(x), Number::Int(y)) => Number::Int(int_arith(op, x, y)),
            _ => Number::Float(float_arith(op, to_float(a), to_float(b))),
        },
    };
    match res {
        Number::Float(f) if f.is_nan() || f == 0.0 => None,
        r => Some(r),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Number::{Float as F, Int as I};

    #[test]
    fn integer_operations() {
        assert_eq!(fold(ArithOp::Add, I(i64::MAX), I(1)), Some(I(i64::MIN)));
        assert_eq!(fold(ArithOp::Mod, I(-7), I(3)), Some(I(2)));
        assert_eq!(fold(ArithOp::Mod, I(7), I(-3)), Some(I(-2)));
        assert_eq!(fold(ArithOp::IDiv, I(-7), I(2)), Some(I(-4)));
        assert_eq!(fold(ArithOp::IDiv, I(i64::MIN), I(-1)), Some(I(i64::MIN)));
        assert_eq!(fold(ArithOp::Shl, I(1), I(64)), Some(I(0)));
        assert_eq!(fold(ArithOp::Shr, I(-1), I(60)), Some(I(15)));
        assert_eq!(fold(ArithOp::Shl, I(1), I(-1)), Some(I(0)));
        assert_eq!(fold(ArithOp::BNot, I(0), I(0)), Some(I(-1)));
        assert_eq!(fold(ArithOp::BAnd, F(3.0), I(1)), Some(I(1)));
        assert_eq!(fold(ArithOp::Unm, I(i64::MIN), I(0)), Some(I(i64::MIN)));
    }

    #[test]
    fn float_operations() {
        assert_eq!(fold(ArithOp::Div, I(1), I(2)), Some(F(0.5)));
        assert_eq!(fold(ArithOp::Pow, I(2), I(10)), Some(F(1024.0)));
        assert_eq!(fold(ArithOp::Mod, F(5.5), I(-2)), Some(F(-0.5)));
        assert_eq!(fold(ArithOp::IDiv, F(7.0), I(2)), Some(F(3.0)));
        assert_eq!(fold(ArithOp::Mul, F(1e308), I(10)), Some(F(f64::INFINITY)));
    }

    #[test]
    fn unsafe_folds_are_refused() {
        assert_eq!(fold(ArithOp::Div, I(1), I(0)), None);
        assert_eq!(fold(ArithOp::IDiv, I(1), I(0)), None);
        assert_eq!(fold(ArithOp::Mod, I(1), F(0.0)), None);
        assert_eq!(fold(ArithOp::Unm, F(0.0), I(0)), None);
        assert_eq!(fold(ArithOp::Sub, I(1), F(1.0)), None);
        assert_eq!(fold(ArithOp::BAnd, F(1.5), I(1)), None);
        assert_eq!(fold(ArithOp::BOr, F(1e100), I(1)), None);
        assert_eq!(fold(ArithOp::Sub, F(f64::INFINITY), F(f64::INFINITY)), None);
    }
}

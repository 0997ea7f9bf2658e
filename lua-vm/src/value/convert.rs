//! Conversions between values as the VM needs them: numbers for arithmetic (with or without string
//! coercion), integers for bitwise operations and `for` limits, and exact mixed int/float ordering.

use crate::text::numparse::{str_to_number, Numeral};
use crate::value::arith::{self, F2I};
use crate::value::Value;

/// A number operand without string coercion (`tonumberns`).
#[inline(always)]
pub fn to_num_ns(v: &Value) -> Option<f64> {
    match v {
        Value::Num(f) => Some(*f),
        Value::Int(i) => Some(*i as f64),
        _ => None,
    }
}

/// The number a string denotes, if it is a numeral.
pub fn str_to_value(s: &[u8]) -> Option<Value> {
    match str_to_number(s)? {
        Numeral::Int(i) => Some(Value::Int(i)),
        Numeral::Float(f) => Some(Value::Num(f)),
    }
}

/// A value converted to a number, strings included (`tonumber` in the VM's sense).
pub fn to_number(v: &Value) -> Option<f64> {
    match v {
        Value::Num(f) => Some(*f),
        Value::Int(i) => Some(*i as f64),
        Value::Str(s) => to_num_ns(&str_to_value(s.get().as_bytes())?),
        _ => None,
    }
}

/// An integer for bitwise operations: integers and floats with an exact integer value; strings are not
/// converted (`tointegerns`: string operands go to metamethods).
#[inline(always)]
pub fn to_int_ns(v: &Value) -> Option<i64> {
    match v {
        Value::Int(i) => Some(*i),
        Value::Num(f) => arith::float_to_int(*f, F2I::Eq),
        _ => None,
    }
}

/// An integer with string conversion (`lua_tointegerx`): integers, integral floats, numeric strings.
#[inline]
pub fn to_integer(v: &Value) -> Option<i64> {
    to_integer_mode(v, F2I::Eq)
}

/// A value converted to an integer with the given rounding mode, strings included.
pub fn to_integer_mode(v: &Value, mode: F2I) -> Option<i64> {
    match v {
        Value::Int(i) => Some(*i),
        Value::Num(f) => arith::float_to_int(*f, mode),
        Value::Str(s) => match str_to_value(s.get().as_bytes())? {
            Value::Int(i) => Some(i),
            Value::Num(f) => arith::float_to_int(f, mode),
            _ => None,
        },
        _ => None,
    }
}

/// `a < b` for two numbers, exact across integers and floats.
#[inline]
pub fn num_lt(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => x < y,
        (Value::Num(x), Value::Num(y)) => x < y,
        (Value::Int(x), Value::Num(y)) => arith::lt_int_float(*x, *y),
        (Value::Num(x), Value::Int(y)) => arith::lt_float_int(*x, *y),
        _ => false,
    }
}

/// `a <= b` for two numbers, exact across integers and floats.
#[inline]
pub fn num_le(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => x <= y,
        (Value::Num(x), Value::Num(y)) => x <= y,
        (Value::Int(x), Value::Num(y)) => arith::le_int_float(*x, *y),
        (Value::Num(x), Value::Int(y)) => arith::le_float_int(*x, *y),
        _ => false,
    }
}

/// `a ^ b` as the reference computes it.
#[inline]
pub fn float_pow(a: f64, b: f64) -> f64 {
    if b == 2.0 {
        a * a
    } else {
        a.powf(b)
    }
}

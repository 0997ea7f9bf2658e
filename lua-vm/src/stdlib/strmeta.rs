//! The metatable shared by all strings: `__index` is the string table (so `("x"):upper()` works)
//! and the arithmetic metamethods convert numeric strings with the numeral rules (the reference's
//! `stringmetamethods`); other operands go to the second operand's metamethod or raise
//! "attempt to add a 'string' with a 'table'".
#![forbid(unsafe_code)]

use crate::api::Reg;
use crate::value::{Type, Value};
use crate::vm::error::LuaResult;
use crate::vm::ops::ArithOp;
use crate::vm::state::State;

/// Pushes argument `arg` as a number if it is one or a string that is a whole numeral (`tonum`).
fn to_num(st: &mut State, arg: i32) -> bool {
    match st.value_at(arg) {
        Value::Int(_) | Value::Num(_) => {
            st.push_value(arg);
            true
        }
        Value::Str(s) => {
            let b = s.get().as_bytes();
            st.string_to_number(b) == b.len() + 1
        }
        _ => false,
    }
}

/// The operation on the two operands, or the second operand's metamethod (`arith` / `trymt`).
fn arith(st: &mut State, op: ArithOp, event: &'static str) -> LuaResult<usize> {
    if to_num(st, 1) && to_num(st, 2) {
        st.arith_top(op)?;
        return Ok(1);
    }
    st.set_top(2);
    if st.type_at(2) == Some(Type::String) || st.get_metafield(2, event)? == Type::Nil {
        let (a, b) = (st.type_name_at(-2), st.type_name_at(-1));
        let msg = format!("attempt to {} a '{a}' with a '{b}'", &event[2..]);
        return Err(st.error_msg(msg));
    }
    st.insert(-3);
    st.call(2, 1)?;
    Ok(1)
}

fn add(st: &mut State) -> LuaResult<usize> {
    arith(st, ArithOp::Add, "__add")
}
fn sub(st: &mut State) -> LuaResult<usize> {
    arith(st, ArithOp::Sub, "__sub")
}
fn mul(st: &mut State) -> LuaResult<usize> {
    arith(st, ArithOp::Mul, "__mul")
}
fn mod_(st: &mut State) -> LuaResult<usize> {
    arith(st, ArithOp::Mod, "__mod")
}
fn pow(st: &mut State) -> LuaResult<usize> {
    arith(st, ArithOp::Pow, "__pow")
}
fn div(st: &mut State) -> LuaResult<usize> {
    arith(st, ArithOp::Div, "__div")
}
fn idiv(st: &mut State) -> LuaResult<usize> {
    arith(st, ArithOp::IDiv, "__idiv")
}
fn unm(st: &mut State) -> LuaResult<usize> {
    arith(st, ArithOp::Unm, "__unm")
}

const METAMETHODS: &[Reg] = &[
    ("__add", add),
    ("__sub", sub),
    ("__mul", mul),
    ("__mod", mod_),
    ("__pow", pow),
    ("__div", div),
    ("__idiv", idiv),
    ("__unm", unm),
];

/// Creates the string metatable with `__index` set to the library table on top of the stack and
/// installs it for all strings (`createmetatable`).
pub fn create_metatable(st: &mut State) -> LuaResult<()> {
    st.create_table(0, METAMETHODS.len() + 1)?;
    st.set_funcs(METAMETHODS, 0)?;
    st.push_bytes(b"")?;
    st.push_value(-2);
    st.set_metatable(-2);
    st.pop(1);
    st.push_value(-2);
    st.set_field(-2, "__index")?;
    st.pop(1);
    Ok(())
}

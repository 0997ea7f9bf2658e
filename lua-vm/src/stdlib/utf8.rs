//! The utf8 library (`lutf8lib.c`): char, charpattern, codes, codepoint, len and offset, as thin
//! wrappers over the extended UTF-8 algorithms in `text::utf8` that add the argument handling and
//! turn their errors into the reference's Lua errors.
#![forbid(unsafe_code)]

use crate::api::Reg;
use crate::text::utf8::{self as u, LenResult, Utf8Error};
use crate::vm::error::{LuaError, LuaResult};
use crate::vm::state::State;

fn raise(st: &mut State, e: Utf8Error) -> LuaError {
    match e {
        Utf8Error::BadArgument { arg, msg } => st.arg_error(arg as i32, msg),
        other => st.error_msg(other.to_string()),
    }
}

/// Translates a relative string position as `u_posrelat` (negative counts from the end; too
/// negative gives 0).
fn posrelat(pos: i64, len: usize) -> i64 {
    if pos >= 0 {
        pos
    } else if pos.unsigned_abs() > len as u64 {
        0
    } else {
        len as i64 + pos + 1
    }
}

fn len(st: &mut State) -> LuaResult<usize> {
    let s = st.check_bytes(1)?;
    let i = st.opt_integer(2, 1)?;
    let j = st.opt_integer(3, -1)?;
    let lax = st.to_boolean(4);
    match u::len(s, i, j, lax) {
        Ok(LenResult::Count(n)) => {
            st.push_integer(n);
            Ok(1)
        }
        Ok(LenResult::Invalid(pos)) => {
            st.push_nil();
            st.push_integer(pos as i64);
            Ok(2)
        }
        Err(e) => Err(raise(st, e)),
    }
}

fn codepoint(st: &mut State) -> LuaResult<usize> {
    let s = st.check_bytes(1)?;
    let posi = posrelat(st.opt_integer(2, 1)?, s.len());
    let pose = posrelat(st.opt_integer(3, posi)?, s.len());
    let lax = st.to_boolean(4);
    st.arg_check(posi >= 1, 2, "out of bounds")?;
    st.arg_check(pose <= s.len() as i64, 3, "out of bounds")?;
    if posi > pose {
        return Ok(0);
    }
    if pose - posi >= i32::MAX as i64 {
        return Err(st.error_msg("string slice too long"));
    }
    let n = (pose - posi) as usize + 1; // upper bound of the number of results
    if !st.ensure_stack(n) {
        return Err(st.error_msg("stack overflow (string slice too long)"));
    }
    let mut count = 0;
    let r = u::codepoint(s, posi, Some(pose), lax, |c| {
        st.push_integer(c as i64);
        count += 1;
    });
    match r {
        Ok(()) => Ok(count),
        Err(e) => Err(raise(st, e)),
    }
}

fn char(st: &mut State) -> LuaResult<usize> {
    let n = st.get_top();
    let mut buf = Vec::new();
    for i in 1..=n {
        let code = st.check_integer(i)?;
        st.arg_check(code as u64 <= u::MAX_UTF as u64, i, "value out of range")?;
        u::encode(code as u32, &mut buf);
    }
    st.push_bytes(&buf)?;
    Ok(1)
}

fn offset(st: &mut State) -> LuaResult<usize> {
    let s = st.check_bytes(1)?;
    let n = st.check_integer(2)?;
    let i = if st.is_none_or_nil(3) {
        None
    } else {
        Some(st.check_integer(3)?)
    };
    match u::offset(s, n, i) {
        Ok(Some(p)) => st.push_integer(p as i64),
        Ok(None) => st.push_nil(),
        Err(e) => return Err(raise(st, e)),
    }
    Ok(1)
}

fn iter_aux(st: &mut State, strict: bool) -> LuaResult<usize> {
    let s = st.check_bytes(1)?;
    let control = st.to_integer(2).unwrap_or(0);
    match u::codes_next(s, control, strict) {
        Ok(Some((pos, code))) => {
            st.push_integer(pos as i64);
            st.push_integer(code as i64);
            Ok(2)
        }
        Ok(None) => Ok(0),
        Err(e) => Err(raise(st, e)),
    }
}

fn iter_strict(st: &mut State) -> LuaResult<usize> {
    iter_aux(st, true)
}

fn iter_lax(st: &mut State) -> LuaResult<usize> {
    iter_aux(st, false)
}

fn codes(st: &mut State) -> LuaResult<usize> {
    let lax = st.to_boolean(2);
    st.check_bytes(1)?;
    st.push_fn(if lax { iter_lax } else { iter_strict });
    st.push_value(1);
    st.push_integer(0);
    Ok(3)
}

const FUNCS: &[Reg] = &[
    ("offset", offset),
    ("codepoint", codepoint),
    ("char", char),
    ("len", len),
    ("codes", codes),
];

/// Opens the utf8 library (`luaopen_utf8`).
pub fn open_utf8(st: &mut State) -> LuaResult<usize> {
    st.new_lib(FUNCS)?;
    st.push_bytes(u::CHARPATTERN)?;
    st.set_field(-2, "charpattern")?;
    Ok(1)
}

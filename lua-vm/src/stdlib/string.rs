//! The string library (`luaopen_string`): the opener and the simple functions (len, sub, upper,
//! lower, rep, reverse, byte, char). The others live beside it: `strformat` (format), `strpack`
//! (pack, packsize, unpack), `strpattern` (find, match, gmatch, gsub), `strdump` (dump) and
//! `strmeta` (the metatable shared by all strings).
#![forbid(unsafe_code)]

use crate::api::Reg;
use crate::text::error::TextError;
use crate::vm::error::{LuaError, LuaResult};
use crate::vm::state::State;

use super::{strdump, strformat, strmeta, strpack, strpattern};

/// Longest result `rep` builds (`MAXSIZE` of lstrlib: `INT_MAX`).
const MAX_RESULT: u64 = i32::MAX as u64;

/// The reference's `posrelatI`: a 1-based start position; negative counts from the end; out of
/// range values are clipped to 1 (results may exceed `len`).
pub(crate) fn start_pos(pos: i64, len: usize) -> u64 {
    if pos > 0 {
        pos as u64
    } else if pos == 0 || pos.unsigned_abs() > len as u64 {
        1
    } else {
        len as u64 - pos.unsigned_abs() + 1
    }
}

/// The reference's `getendpos`: the optional end position at `arg` (default `def`), clipped to
/// `0..=len`.
pub(crate) fn end_pos(st: &mut State, arg: i32, def: i64, len: usize) -> LuaResult<u64> {
    let pos = st.opt_integer(arg, def)?;
    Ok(if pos > len as i64 {
        len as u64
    } else if pos >= 0 {
        pos as u64
    } else if pos.unsigned_abs() > len as u64 {
        0
    } else {
        len as u64 - pos.unsigned_abs() + 1
    })
}

/// Raises a text engine error as the reference library would (`luaL_error` or `luaL_argerror`).
pub(crate) fn text_error(st: &mut State, e: TextError) -> LuaError {
    match e {
        TextError::Error(m) => st.error_msg(m),
        TextError::Arg(n, m) => st.arg_error(n as i32, m),
        TextError::OutOfMemory => st.mem_error(),
    }
}

fn len(st: &mut State) -> LuaResult<usize> {
    let s = st.check_bytes(1)?;
    st.push_integer(s.len() as i64);
    Ok(1)
}

fn sub(st: &mut State) -> LuaResult<usize> {
    let s = st.check_bytes(1)?;
    let start = start_pos(st.check_integer(2)?, s.len());
    let end = end_pos(st, 3, -1, s.len())?;
    if start <= end {
        st.push_bytes(&s[start as usize - 1..end as usize])?;
    } else {
        st.push_bytes(b"")?;
    }
    Ok(1)
}

fn reverse(st: &mut State) -> LuaResult<usize> {
    let s = st.check_bytes(1)?;
    let r: Vec<u8> = s.iter().rev().copied().collect();
    st.push_bytes(&r)?;
    Ok(1)
}

fn lower(st: &mut State) -> LuaResult<usize> {
    map_case(st, false)
}

fn upper(st: &mut State) -> LuaResult<usize> {
    map_case(st, true)
}

/// `string.upper`/`string.lower`: a short string is converted in a stack buffer (no allocation
/// besides the result).
fn map_case(st: &mut State, upper: bool) -> LuaResult<usize> {
    let s = st.check_bytes(1)?;
    let conv = |b: &mut [u8]| {
        if upper {
            b.make_ascii_uppercase()
        } else {
            b.make_ascii_lowercase()
        }
    };
    let mut small = [0u8; 64];
    if let Some(b) = small.get_mut(..s.len()) {
        b.copy_from_slice(s);
        conv(b);
        st.push_bytes(b)?;
    } else {
        let mut v = s.to_vec();
        conv(&mut v);
        st.push_bytes(&v)?;
    }
    Ok(1)
}

fn rep(st: &mut State) -> LuaResult<usize> {
    let s = st.check_bytes(1)?;
    let n = st.check_integer(2)?;
    let sep = st.opt_bytes(3, b"")?;
    if n <= 0 {
        st.push_bytes(b"")?;
        return Ok(1);
    }
    let unit = s.len() as u64 + sep.len() as u64;
    if unit > MAX_RESULT / n as u64 {
        return Err(st.error_msg("resulting string too large"));
    }
    if unit == 0 {
        st.push_bytes(b"")?;
        return Ok(1);
    }
    let n = n as usize;
    let total = n * s.len() + (n - 1) * sep.len();
    st.g().heap.check(total).map_err(|_| st.mem_error())?;
    let mut out = Vec::new();
    if out.try_reserve_exact(total).is_err() {
        return Err(st.mem_error());
    }
    for i in 0..n {
        if i > 0 {
            out.extend_from_slice(sep);
        }
        out.extend_from_slice(s);
    }
    st.push_bytes(&out)?;
    Ok(1)
}

fn byte(st: &mut State) -> LuaResult<usize> {
    let s = st.check_bytes(1)?;
    let pi = st.opt_integer(2, 1)?;
    let end = end_pos(st, 3, pi, s.len())?;
    let start = start_pos(pi, s.len());
    if start > end {
        return Ok(0);
    }
    if end - start >= i32::MAX as u64 {
        return Err(st.error_msg("string slice too long"));
    }
    let n = (end - start) as usize + 1;
    if !st.ensure_stack(n) {
        return Err(st.error_msg("stack overflow (string slice too long)"));
    }
    for &c in &s[start as usize - 1..end as usize] {
        st.push_integer(i64::from(c));
    }
    Ok(n)
}

fn char(st: &mut State) -> LuaResult<usize> {
    let n = st.get_top();
    let mut out = Vec::with_capacity(n as usize);
    for i in 1..=n {
        let c = st.check_integer(i)? as u64;
        st.arg_check(c <= 255, i, "value out of range")?;
        out.push(c as u8);
    }
    st.push_bytes(&out)?;
    Ok(1)
}

const FUNCS: &[Reg] = &[
    ("byte", byte),
    ("char", char),
    ("dump", strdump::dump),
    ("find", strpattern::find),
    ("format", strformat::format),
    ("gmatch", strpattern::gmatch),
    ("gsub", strpattern::gsub),
    ("len", len),
    ("lower", lower),
    ("match", strpattern::match_),
    ("rep", rep),
    ("reverse", reverse),
    ("sub", sub),
    ("upper", upper),
    ("pack", strpack::pack),
    ("packsize", strpack::packsize),
    ("unpack", strpack::unpack),
];

/// Opens the string library and sets the metatable of strings (`luaopen_string`).
pub fn open_string(st: &mut State) -> LuaResult<usize> {
    st.new_lib(FUNCS)?;
    strmeta::create_metatable(st)?;
    Ok(1)
}

//! The table library (`ltablib.c`): concat, insert, move, pack, remove, sort (in `tablesort`) and
//! unpack. Every element access goes through `get_i`/`set_i` and lengths through `len_of`, so
//! `__index`, `__newindex` and `__len` are honoured as in the reference; non-table arguments are
//! accepted when their metatable provides the metamethods the function needs (`checktab`).
#![forbid(unsafe_code)]

use crate::api::Reg;
use crate::gc::heap::Gc;
use crate::value::table::Table;
use crate::value::{Type, Value};
use crate::vm::error::{LuaError, LuaResult};
use crate::vm::ops::append_stringish;
use crate::vm::state::State;

use super::tablesort;

/// What a table-like argument must support (`TAB_R`, `TAB_W`, `TAB_L`).
pub(super) const TAB_R: u8 = 1;
pub(super) const TAB_W: u8 = 2;
pub(super) const TAB_L: u8 = 4;
pub(super) const TAB_RW: u8 = TAB_R | TAB_W;

/// Checks that argument `arg` is a table or has a metatable with the metamethods `what` asks for
/// (raw fields `__index`, `__newindex`, `__len`); otherwise raises "table expected".
pub(super) fn check_tab(st: &mut State, arg: i32, what: u8) -> LuaResult<()> {
    if st.type_at(arg) == Some(Type::Table) {
        return Ok(());
    }
    if st.get_metatable(arg) {
        let needed = [(TAB_R, "__index"), (TAB_W, "__newindex"), (TAB_L, "__len")];
        let mut ok = true;
        for (bit, field) in needed {
            if what & bit != 0 {
                st.push_str(field)?;
                let present = st.raw_get(-2) != Type::Nil;
                st.pop(1);
                if !present {
                    ok = false;
                    break;
                }
            }
        }
        st.pop(1);
        if ok {
            return Ok(());
        }
    }
    st.check_type(arg, Type::Table)
}

/// `aux_getn`: checks the argument (with length support) and returns its length (`luaL_len`).
pub(super) fn aux_getn(st: &mut State, arg: i32, what: u8) -> LuaResult<i64> {
    check_tab(st, arg, what | TAB_L)?;
    st.len_of(arg)
}

/// Argument 1 (which must be present) when it is a table without a metatable: no metamethod can
/// apply to its length or its elements, so raw access is what `lua_geti`/`lua_seti`/`luaL_len`
/// would do, without the API's index decoding.
pub(super) fn plain_table(st: &mut State) -> Option<Gc<Table>> {
    let th = st.th();
    match th.stack[th.ci().func + 1] {
        Value::Table(h) if h.get().meta.is_none() => Some(h),
        _ => None,
    }
}

fn insert(st: &mut State) -> LuaResult<usize> {
    if st.get_top() == 2 {
        if let Some(h) = plain_table(st) {
            // The append `t[#t + 1] = v`, without the API's index decoding and metamethod checks.
            let v = st.value_at(2);
            let n = h.get().length().wrapping_add(1);
            st.g().heap.barrier_value(h, &v);
            return h
                .get_mut()
                .set_int(&mut st.g().heap, n, v)
                .map(|_| 0)
                .map_err(|e| st.oom(e));
        }
    }
    let e = aux_getn(st, 1, TAB_RW)?.wrapping_add(1); // first empty element
    let pos = match st.get_top() {
        2 => e,
        3 => {
            let pos = st.check_integer(2)?;
            // pos must be in [1, e]
            let ok = (pos as u64).wrapping_sub(1) < e as u64;
            st.arg_check(ok, 2, "position out of bounds")?;
            let mut i = e;
            while i > pos {
                st.get_i(1, i - 1)?;
                st.set_i(1, i)?;
                i -= 1;
            }
            pos
        }
        _ => return Err(st.error_msg("wrong number of arguments to 'insert'")),
    };
    st.set_i(1, pos)?;
    Ok(0)
}

fn remove(st: &mut State) -> LuaResult<usize> {
    let size = aux_getn(st, 1, TAB_RW)?;
    let mut pos = st.opt_integer(2, size)?;
    if pos != size {
        // a given position must be in [1, size + 1]
        let ok = (pos as u64).wrapping_sub(1) <= size as u64;
        st.arg_check(ok, 1, "position out of bounds")?;
    }
    st.get_i(1, pos)?;
    while pos < size {
        st.get_i(1, pos + 1)?;
        st.set_i(1, pos)?;
        pos += 1;
    }
    st.push_nil();
    st.set_i(1, pos)?;
    Ok(1)
}

/// `table.move(a1, f, e, t [, a2])`: copies `a1[f..e]` into `a2[t..]`, in increasing order when
/// the ranges allow it.
fn move_(st: &mut State) -> LuaResult<usize> {
    let f = st.check_integer(2)?;
    let e = st.check_integer(3)?;
    let t = st.check_integer(4)?;
    let tt = if st.is_none_or_nil(5) { 1 } else { 5 };
    check_tab(st, 1, TAB_R)?;
    check_tab(st, tt, TAB_W)?;
    if e >= f {
        st.arg_check(
            f > 0 || e < i64::MAX.wrapping_add(f),
            3,
            "too many elements to move",
        )?;
        let n = e - f + 1; // number of elements to move
        st.arg_check(t <= i64::MAX - n + 1, 4, "destination wrap around")?;
        let forward =
            t > e || t <= f || (tt != 1 && !st.compare(1, tt, crate::api::CompareOp::Eq)?);
        if forward {
            for i in 0..n {
                st.get_i(1, f + i)?;
                st.set_i(tt, t + i)?;
            }
        } else {
            for i in (0..n).rev() {
                st.get_i(1, f + i)?;
                st.set_i(tt, t + i)?;
            }
        }
    }
    st.push_value(tt);
    Ok(1)
}

/// The error of an element of type `tn` at index `i` that is neither a string nor a number.
fn invalid_value(st: &mut State, tn: &str, i: i64) -> LuaError {
    st.error_msg(format!(
        "invalid value ({tn}) at index {i} in table for 'concat'"
    ))
}

/// Appends `t[i]` (t at index 1) to `buf`; it must be a string or a number.
fn add_field(st: &mut State, buf: &mut Vec<u8>, i: i64) -> LuaResult<()> {
    st.get_i(1, i)?;
    if !st.is_string(-1) {
        let tn = st.type_name_at(-1);
        return Err(invalid_value(st, tn, i));
    }
    let piece = st.to_bytes(-1)?.unwrap_or(b"");
    st.reserve_buffer(buf, piece.len())?;
    buf.extend_from_slice(piece);
    st.pop(1);
    Ok(())
}

/// `add_field` for a table without a metatable: appends the raw `t[i]` (a string, or a number
/// written as `tostring` writes it).
fn add_raw_field(st: &mut State, buf: &mut Vec<u8>, h: Gc<Table>, i: i64) -> LuaResult<()> {
    let v = h.get().get_int(i);
    let more = match v {
        Value::Str(s) => s.get().len(),
        // The longest text of a number: "-9223372036854775808", "-1.7976931348623e+308".
        Value::Int(_) | Value::Num(_) => 24,
        _ => return Err(invalid_value(st, v.type_of().name(), i)),
    };
    st.reserve_buffer(buf, more)?;
    append_stringish(buf, &v);
    Ok(())
}

fn concat(st: &mut State) -> LuaResult<usize> {
    let last = aux_getn(st, 1, TAB_R)?;
    let sep = st.opt_bytes(2, b"")?;
    let mut i = st.opt_integer(3, 1)?;
    let last = st.opt_integer(4, last)?;
    let mut buf = Vec::new();
    // Without a metatable no element access can run code (nor give the table one): the elements
    // are read raw, with no stack traffic.
    let raw = plain_table(st);
    // The loop stops at `last` without computing `last + 1`.
    while i <= last {
        match raw {
            Some(h) => add_raw_field(st, &mut buf, h, i)?,
            None => add_field(st, &mut buf, i)?,
        }
        if i == last {
            break;
        }
        st.reserve_buffer(&mut buf, sep.len())?;
        buf.extend_from_slice(sep);
        i += 1;
    }
    st.push_bytes(&buf)?;
    Ok(1)
}

fn pack(st: &mut State) -> LuaResult<usize> {
    let n = st.get_top();
    st.create_table(n as usize, 1)?;
    st.insert(1);
    for i in (1..=n).rev() {
        st.set_i(1, i as i64)?;
    }
    st.push_integer(n as i64);
    st.set_field(1, "n")?;
    Ok(1)
}

fn unpack(st: &mut State) -> LuaResult<usize> {
    let mut i = st.opt_integer(2, 1)?;
    let e = if st.is_none_or_nil(3) {
        st.len_of(1)?
    } else {
        st.check_integer(3)?
    };
    if i > e {
        return Ok(0);
    }
    let n = (e as u64).wrapping_sub(i as u64); // number of elements minus 1
    if n >= i32::MAX as u64 || !st.ensure_stack(n as usize + 1) {
        return Err(st.error_msg("too many results to unpack"));
    }
    while i < e {
        st.get_i(1, i)?;
        i += 1;
    }
    st.get_i(1, e)?;
    Ok(n as usize + 1)
}

const FUNCS: &[Reg] = &[
    ("concat", concat),
    ("insert", insert),
    ("pack", pack),
    ("unpack", unpack),
    ("remove", remove),
    ("move", move_),
    ("sort", tablesort::sort),
];

/// Opens the table library (`luaopen_table`).
pub fn open_table(st: &mut State) -> LuaResult<usize> {
    st.new_lib(FUNCS)?;
    Ok(1)
}

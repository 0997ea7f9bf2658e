//! The debug library's introspection of functions and frames (`ldblib.c`): getinfo, getlocal,
//! setlocal, written on the debug API (`api/debug.rs`).
#![forbid(unsafe_code)]

use crate::api::DebugInfo;
use crate::gc::heap::Gc;
use crate::value::Value;
use crate::vm::debuginfo::local_name;
use crate::vm::error::LuaResult;
use crate::vm::state::{State, Thread};

/// The optional thread first argument (`getthread`): the thread to inspect and how many arguments
/// it takes (0 or 1).
pub(crate) fn get_thread(st: &State) -> (Gc<Thread>, i32) {
    match st.to_thread(1) {
        Some(t) => (t, 1),
        None => (st.thread(), 0),
    }
}

/// Whether every option letter is one `lua_getinfo` knows.
fn options_valid(opts: &[u8]) -> bool {
    opts.iter().all(|c| b"SlutnrLf".contains(c))
}

fn set_str(st: &mut State, k: &str, v: &[u8]) -> LuaResult<()> {
    st.push_bytes(v)?;
    st.set_field(-2, k)
}

fn set_int(st: &mut State, k: &str, v: i64) -> LuaResult<()> {
    st.push_integer(v);
    st.set_field(-2, k)
}

fn set_bool(st: &mut State, k: &str, v: bool) -> LuaResult<()> {
    st.push_bool(v);
    st.set_field(-2, k)
}

/// Builds the result table of `debug.getinfo` from `d` for the options `opts`.
fn info_table(st: &mut State, d: &DebugInfo, opts: &[u8]) -> LuaResult<()> {
    let has = |c: u8| opts.contains(&c);
    st.create_table(0, 2)?;
    if has(b'S') {
        set_str(st, "source", &d.source)?;
        set_str(st, "short_src", &d.short_src)?;
        set_int(st, "linedefined", d.line_defined)?;
        set_int(st, "lastlinedefined", d.last_line_defined)?;
        set_str(st, "what", d.what.as_bytes())?;
    }
    if has(b'l') {
        set_int(st, "currentline", d.current_line)?;
    }
    if has(b'u') {
        set_int(st, "nups", d.nups as i64)?;
        set_int(st, "nparams", d.nparams as i64)?;
        set_bool(st, "isvararg", d.is_vararg)?;
    }
    if has(b'n') {
        match &d.name {
            Some(n) => st.push_str(n)?,
            None => st.push_nil(),
        }
        st.set_field(-2, "name")?;
        set_str(st, "namewhat", d.namewhat.as_bytes())?;
    }
    if has(b'r') {
        set_int(st, "ftransfer", d.ftransfer as i64)?;
        set_int(st, "ntransfer", d.ntransfer as i64)?;
    }
    if has(b't') {
        set_bool(st, "istailcall", d.is_tail_call)?;
    }
    if has(b'L') {
        if matches!(d.func, Value::LFn(_)) {
            st.create_table(0, d.active_lines.len())?;
            for &l in &d.active_lines {
                st.push_bool(true);
                st.raw_set_i(-2, l)?;
            }
        } else {
            st.push_nil();
        }
        st.set_field(-2, "activelines")?;
    }
    if has(b'f') {
        st.push(d.func);
        st.set_field(-2, "func")?;
    }
    Ok(())
}

/// `debug.getinfo([thread,] f [, what])`.
pub(crate) fn db_getinfo(st: &mut State) -> LuaResult<usize> {
    let (co, arg) = get_thread(st);
    let opts = st.opt_bytes(arg + 2, b"flnSrtu")?.to_vec();
    let l1 = st.for_thread(co);
    if opts.first() == Some(&b'>') {
        return Err(st.arg_error(arg + 2, "invalid option '>'"));
    }
    let what = String::from_utf8_lossy(&opts).into_owned();
    let d = if st.is_function(arg + 1) {
        // The reference prefixes '>' here, so a '>' later in the options is invalid too.
        if opts.contains(&b'>') {
            return Err(st.arg_error(arg + 2, "invalid option"));
        }
        let f = st.value_at(arg + 1);
        l1.get_info_value(&f, &what)
    } else {
        let level = st.check_integer(arg + 1)?;
        let ci = usize::try_from(level).ok().and_then(|l| l1.get_stack(l));
        let Some(ci_idx) = ci else {
            st.push_nil();
            return Ok(1);
        };
        l1.get_info_frame(ci_idx, &what)
    };
    if !options_valid(&opts) {
        return Err(st.arg_error(arg + 2, "invalid option"));
    }
    info_table(st, &d, &opts)?;
    Ok(1)
}

/// The frame at `level` of `l1`, or the reference's "level out of range" argument error.
fn frame_at(st: &mut State, l1: &State, level: i64, arg: i32) -> LuaResult<usize> {
    match usize::try_from(level).ok().and_then(|l| l1.get_stack(l)) {
        Some(ci) => Ok(ci),
        None => Err(st.arg_error(arg, "level out of range")),
    }
}

/// `debug.getlocal([thread,] f, local)`.
pub(crate) fn db_getlocal(st: &mut State) -> LuaResult<usize> {
    let (co, arg) = get_thread(st);
    let nvar = st.check_integer(arg + 2)?;
    if st.is_function(arg + 1) {
        // Parameter names of a non-active function.
        let name = match st.value_at(arg + 1) {
            Value::LFn(c) if nvar > 0 => {
                local_name(c.get().proto.get(), nvar as usize, 0).map(|n| n.to_vec())
            }
            _ => None,
        };
        match name {
            Some(n) => st.push_bytes(&n)?,
            None => st.push_nil(),
        }
        return Ok(1);
    }
    let level = st.check_integer(arg + 1)?;
    let l1 = st.for_thread(co);
    let ci = frame_at(st, &l1, level, arg + 1)?;
    match l1.local_slot(ci, nvar) {
        Some((name, slot)) => {
            let v = l1.th().stack[slot];
            st.push_str(&name)?;
            st.push(v);
            Ok(2)
        }
        None => {
            st.push_nil();
            Ok(1)
        }
    }
}

/// `debug.setlocal([thread,] level, local, value)`.
pub(crate) fn db_setlocal(st: &mut State) -> LuaResult<usize> {
    let (co, arg) = get_thread(st);
    let level = st.check_integer(arg + 1)?;
    let nvar = st.check_integer(arg + 2)?;
    let ci = frame_at(st, &st.for_thread(co), level, arg + 1)?;
    st.check_any(arg + 3)?;
    st.set_top(arg + 3);
    // The value moves to the inspected thread first: the frame's temporaries are counted with it.
    let mut l1 = st.for_thread(co);
    st.xmove(&mut l1, 1);
    let found = l1.local_slot(ci, nvar);
    let v = l1.pop_value();
    match found {
        Some((name, slot)) => {
            l1.th().stack[slot] = v;
            st.push_str(&name)?;
        }
        None => st.push_nil(),
    }
    Ok(1)
}

//! The debug library (`ldblib.c`): registry and metatable access, user values, upvalues, tracebacks,
//! the interactive `debug.debug`, and the library table. Frame introspection is in `debug_info.rs`,
//! hooks in `debug_hook.rs`.
#![forbid(unsafe_code)]

use std::io::{BufRead, Write};

use crate::api::Reg;
use crate::value::{Type, Value};
use crate::vm::error::{LuaResult, Status};
use crate::vm::state::{State, MAX_CCALLS, REGISTRY_INDEX};

use super::debug_hook::{db_gethook, db_sethook};
use super::debug_info::{db_getinfo, db_getlocal, db_setlocal, get_thread};

fn db_getregistry(st: &mut State) -> LuaResult<usize> {
    st.push_value(REGISTRY_INDEX);
    Ok(1)
}

fn db_getmetatable(st: &mut State) -> LuaResult<usize> {
    st.check_any(1)?;
    if !st.get_metatable(1) {
        st.push_nil();
    }
    Ok(1)
}

fn db_setmetatable(st: &mut State) -> LuaResult<usize> {
    let t = st.type_at(2);
    if !matches!(t, Some(Type::Nil) | Some(Type::Table)) {
        return Err(st.type_error_arg(2, "nil or table"));
    }
    st.set_top(2);
    st.set_metatable(1);
    Ok(1)
}

fn db_getuservalue(st: &mut State) -> LuaResult<usize> {
    let n = st.opt_integer(2, 1)? as i32;
    if st.type_at(1) != Some(Type::UserData) {
        st.push_nil();
        return Ok(1);
    }
    let n = usize::try_from(n).unwrap_or(0);
    if st.get_i_uservalue(1, n).is_some() {
        st.push_bool(true);
        return Ok(2);
    }
    Ok(1)
}

fn db_setuservalue(st: &mut State) -> LuaResult<usize> {
    let n = st.opt_integer(3, 1)? as i32;
    st.check_type(1, Type::UserData)?;
    st.check_any(2)?;
    st.set_top(2);
    let n = usize::try_from(n).unwrap_or(0);
    if !st.set_i_uservalue(1, n) {
        st.push_nil();
    }
    Ok(1)
}

/// Gets (pushing name and value) or sets (from the value on top) upvalue `n` of the function at 1.
fn aux_upvalue(st: &mut State, get: bool) -> LuaResult<usize> {
    let n = st.check_integer(2)? as i32;
    st.check_type(1, Type::Function)?;
    let f = st.value_at(1);
    let n = usize::try_from(n).unwrap_or(0);
    if get {
        match st.upvalue_of(&f, n) {
            Some((name, v)) => {
                st.push_str(&name)?;
                st.push(v);
                Ok(2)
            }
            None => Ok(0),
        }
    } else {
        let v = st.value_at(-1);
        match st.set_upvalue_of(&f, n, v) {
            Some(name) => {
                st.pop(1);
                st.push_str(&name)?;
                Ok(1)
            }
            None => Ok(0),
        }
    }
}

fn db_getupvalue(st: &mut State) -> LuaResult<usize> {
    aux_upvalue(st, true)
}

fn db_setupvalue(st: &mut State) -> LuaResult<usize> {
    st.check_any(3)?;
    aux_upvalue(st, false)
}

/// Identity of upvalue `n` of function `f` (`lua_upvalueid`): the upvalue cell of a Lua closure, the
/// slot of a native closure; none for an index out of range or a function without upvalues.
fn upvalue_id(f: &Value, n: i64) -> Option<usize> {
    let i = usize::try_from(n).ok()?.checked_sub(1)?;
    match f {
        Value::LFn(c) => c.get().upvals.get(i).map(|u| u.addr()),
        Value::NCl(c) => c
            .get()
            .upvals
            .get(i)
            .map(|slot| slot as *const Value as usize),
        _ => None,
    }
}

/// Checks the function at `argf` and the upvalue index at `argnup` (`checkupval`).
fn check_upval(st: &mut State, argf: i32, argnup: i32) -> LuaResult<(Option<usize>, i64)> {
    let nup = st.check_integer(argnup)? as i32 as i64;
    st.check_type(argf, Type::Function)?;
    let f = st.value_at(argf);
    Ok((upvalue_id(&f, nup), nup))
}

fn db_upvalueid(st: &mut State) -> LuaResult<usize> {
    match check_upval(st, 1, 2)?.0 {
        Some(id) => st.push_light_userdata(id),
        None => st.push_nil(),
    }
    Ok(1)
}

fn db_upvaluejoin(st: &mut State) -> LuaResult<usize> {
    let (id1, n1) = check_upval(st, 1, 2)?;
    st.arg_check(id1.is_some(), 2, "invalid upvalue index")?;
    let (id2, n2) = check_upval(st, 3, 4)?;
    st.arg_check(id2.is_some(), 4, "invalid upvalue index")?;
    let f1 = st.value_at(1);
    let f2 = st.value_at(3);
    st.arg_check(matches!(f1, Value::LFn(_)), 1, "Lua function expected")?;
    st.arg_check(matches!(f2, Value::LFn(_)), 3, "Lua function expected")?;
    if let (Value::LFn(c1), Value::LFn(c2)) = (f1, f2) {
        let uv = c2.get().upvals[n2 as usize - 1];
        st.g().heap.barrier(c1);
        c1.get_mut().upvals[n1 as usize - 1] = uv;
    }
    Ok(0)
}

fn db_traceback(st: &mut State) -> LuaResult<usize> {
    let (co, arg) = get_thread(st);
    let msg = if st.is_string(arg + 1) {
        st.to_bytes(arg + 1)?.map(|m| m.to_vec())
    } else {
        None
    };
    if msg.is_none() && !st.is_none_or_nil(arg + 1) {
        // A non-string message is returned untouched.
        st.push_value(arg + 1);
        return Ok(1);
    }
    let def = if co == st.thread() { 1 } else { 0 };
    let level = st.opt_integer(arg + 2, def)? as i32;
    let mut l1 = st.for_thread(co);
    // A negative level has no frames.
    let level = usize::try_from(level).unwrap_or(usize::MAX);
    st.traceback(&mut l1, msg.as_deref(), level)?;
    Ok(1)
}

fn db_setcstacklimit(st: &mut State) -> LuaResult<usize> {
    st.check_integer(1)?;
    st.push_integer(MAX_CCALLS as i64);
    Ok(1)
}

/// Reads a line as `fgets` with a 250-byte buffer does: at most 249 bytes, ending at a newline.
fn read_command(input: &mut impl BufRead) -> Option<Vec<u8>> {
    let mut line = Vec::new();
    while line.len() < 249 {
        let buf = input.fill_buf().ok()?;
        if buf.is_empty() {
            break;
        }
        let c = buf[0];
        input.consume(1);
        line.push(c);
        if c == b'\n' {
            break;
        }
    }
    (!line.is_empty()).then_some(line)
}

/// `debug.debug()`: runs each line read from standard input until "cont" or end of input.
fn db_debug(st: &mut State) -> LuaResult<usize> {
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    loop {
        let mut err = std::io::stderr();
        let _ = err.write_all(b"lua_debug> ");
        let _ = err.flush();
        let Some(line) = read_command(&mut input) else {
            return Ok(0);
        };
        if line == b"cont\n" {
            return Ok(0);
        }
        let failed = st.load_buffer(&line, b"=(debug command)", "bt") != Status::Ok
            || st.pcall(0, 0, 0) != Status::Ok;
        if failed {
            let mut msg = st.to_lstring(-1)?.to_vec();
            msg.push(b'\n');
            let _ = err.write_all(&msg);
            let _ = err.flush();
        }
        st.set_top(0);
    }
}

const FUNCS: &[Reg] = &[
    ("debug", db_debug),
    ("getuservalue", db_getuservalue),
    ("gethook", db_gethook),
    ("getinfo", db_getinfo),
    ("getlocal", db_getlocal),
    ("getregistry", db_getregistry),
    ("getmetatable", db_getmetatable),
    ("getupvalue", db_getupvalue),
    ("upvaluejoin", db_upvaluejoin),
    ("upvalueid", db_upvalueid),
    ("setuservalue", db_setuservalue),
    ("sethook", db_sethook),
    ("setlocal", db_setlocal),
    ("setmetatable", db_setmetatable),
    ("setupvalue", db_setupvalue),
    ("traceback", db_traceback),
    ("setcstacklimit", db_setcstacklimit),
];

/// Opens the debug library (`luaopen_debug`).
pub fn open_debug(st: &mut State) -> LuaResult<usize> {
    st.new_lib(FUNCS)?;
    Ok(1)
}

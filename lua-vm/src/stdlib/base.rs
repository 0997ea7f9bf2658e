//! The base library: print, type, tostring, tonumber, pairs, ipairs, next, select, raw access,
//! metatables, error, assert, pcall, xpcall, load, loadfile, dofile, collectgarbage, warn, `_G`,
//! `_VERSION`.
#![forbid(unsafe_code)]

use crate::api::Reg;
use crate::value::{Type, Value};
use crate::vm::error::{LuaResult, Status};
use crate::vm::state::{State, MULTRET};

fn print(st: &mut State) -> LuaResult<usize> {
    let n = st.get_top();
    let mut out = Vec::new();
    for i in 1..=n {
        let s = st.to_lstring(i)?;
        if i > 1 {
            out.push(b'\t');
        }
        out.extend_from_slice(s);
        st.pop(1);
    }
    out.push(b'\n');
    // Shares C's stdout buffer with io.write; print flushes it (`lua_writeline`).
    let _ = crate::stdlib::io_stdout::write_and_flush(&out);
    Ok(0)
}

fn warn(st: &mut State) -> LuaResult<usize> {
    let n = st.get_top();
    st.check_bytes(1)?;
    for i in 2..=n {
        st.check_bytes(i)?;
    }
    for i in 1..=n {
        let s = st.to_bytes(i)?.unwrap_or(b"").to_vec();
        st.warning_bytes(&s, i < n);
    }
    Ok(0)
}

fn type_(st: &mut State) -> LuaResult<usize> {
    st.arg_check(st.get_top() >= 1, 1, "value expected")?;
    let name = st.value_at(1).type_name();
    st.push_static_str(name)?;
    Ok(1)
}

fn tostring(st: &mut State) -> LuaResult<usize> {
    st.check_any(1)?;
    st.to_lstring(1)?;
    Ok(1)
}

fn tonumber(st: &mut State) -> LuaResult<usize> {
    if st.is_none_or_nil(2) {
        match st.value_at(1) {
            Value::Int(_) | Value::Num(_) => {
                st.set_top(1);
                return Ok(1);
            }
            Value::Str(s) => {
                if let Some(v) = crate::value::convert::str_to_value(s.get().as_bytes()) {
                    st.push(v);
                    return Ok(1);
                }
            }
            _ => st.check_any(1)?,
        }
    } else {
        let base = st.check_integer(2)?;
        st.check_type(1, Type::String)?;
        let s = st.to_bytes(1)?.unwrap_or(b"");
        st.arg_check((2..=36).contains(&base), 2, "base out of range")?;
        if let Some(n) = crate::text::numparse::str_to_int_base(s, base as u32) {
            st.push_integer(n);
            return Ok(1);
        }
    }
    st.push_nil();
    Ok(1)
}

pub(crate) fn next(st: &mut State) -> LuaResult<usize> {
    st.check_type(1, Type::Table)?;
    st.set_top(2);
    if st.next(1)? {
        Ok(2)
    } else {
        st.push_nil();
        Ok(1)
    }
}

fn pairs(st: &mut State) -> LuaResult<usize> {
    st.check_any(1)?;
    if st.get_metafield(1, "__pairs")? == Type::Nil {
        st.push_fn(next);
        st.push_value(1);
        st.push_nil();
    } else {
        st.push_value(1);
        // `__pairs` may yield: the continuation returns its three results.
        st.call_k(1, 3, 0, Some(pairs_cont))?;
    }
    Ok(3)
}

fn pairs_cont(_st: &mut State, _status: Status, _ctx: isize) -> LuaResult<usize> {
    Ok(3)
}

pub(crate) fn ipairs_aux(st: &mut State) -> LuaResult<usize> {
    let i = st.check_integer(2)?.wrapping_add(1);
    st.push_integer(i);
    if st.get_i(1, i)? == Type::Nil {
        Ok(1)
    } else {
        Ok(2)
    }
}

fn ipairs(st: &mut State) -> LuaResult<usize> {
    st.check_any(1)?;
    st.push_fn(ipairs_aux);
    st.push_value(1);
    st.push_integer(0);
    Ok(3)
}

fn select(st: &mut State) -> LuaResult<usize> {
    let n = st.get_top() as i64;
    if let Value::Str(s) = st.value_at(1) {
        if s.get().as_bytes() == b"#" {
            st.push_integer(n - 1);
            return Ok(1);
        }
    }
    let i = st.check_integer(1)?;
    let i = if i < 0 {
        n + i
    } else if i > n {
        n
    } else {
        i
    };
    st.arg_check(1 <= i, 1, "index out of range")?;
    Ok((n - i) as usize)
}

fn rawequal(st: &mut State) -> LuaResult<usize> {
    st.check_any(1)?;
    st.check_any(2)?;
    let eq = st.raw_equal(1, 2);
    st.push_bool(eq);
    Ok(1)
}

fn rawlen(st: &mut State) -> LuaResult<usize> {
    let t = st.type_at(1);
    if !matches!(t, Some(Type::Table) | Some(Type::String)) {
        return Err(st.type_error_arg(1, "table or string"));
    }
    let n = st.raw_len(1);
    st.push_integer(n as i64);
    Ok(1)
}

fn rawget(st: &mut State) -> LuaResult<usize> {
    st.check_type(1, Type::Table)?;
    st.check_any(2)?;
    st.set_top(2);
    st.raw_get(1);
    Ok(1)
}

fn rawset(st: &mut State) -> LuaResult<usize> {
    st.check_type(1, Type::Table)?;
    st.check_any(2)?;
    st.check_any(3)?;
    st.set_top(3);
    st.raw_set(1)?;
    Ok(1)
}

fn getmetatable(st: &mut State) -> LuaResult<usize> {
    st.check_any(1)?;
    let v = st.value_at(1);
    match st.metatable_of(&v) {
        None => st.push_nil(),
        Some(mt) => {
            // A protected metatable shows its `__metatable` field instead.
            let key = st.static_str("__metatable")?;
            match mt.get().get_str(key) {
                Value::Nil => st.push(Value::Table(mt)),
                field => st.push(field),
            }
        }
    }
    Ok(1)
}

fn setmetatable(st: &mut State) -> LuaResult<usize> {
    let t = st.type_at(2);
    st.check_type(1, Type::Table)?;
    if !matches!(t, Some(Type::Nil) | Some(Type::Table)) {
        return Err(st.type_error_arg(2, "nil or table"));
    }
    if st.get_metafield(1, "__metatable")? != Type::Nil {
        return Err(st.error_msg("cannot change a protected metatable"));
    }
    st.set_top(2);
    st.set_metatable(1);
    Ok(1)
}

fn error(st: &mut State) -> LuaResult<usize> {
    let level = st.opt_integer(2, 1)?;
    st.set_top(1);
    if st.type_at(1) == Some(Type::String) && level > 0 {
        let mut msg = st.where_(level as usize);
        msg.extend_from_slice(st.to_bytes(1)?.unwrap_or(b""));
        st.push_bytes(&msg)?;
    }
    Err(st.error())
}

fn assert(st: &mut State) -> LuaResult<usize> {
    if st.to_boolean(1) {
        return Ok(st.get_top() as usize);
    }
    st.check_any(1)?;
    st.remove(1);
    st.push_str("assertion failed!")?;
    st.set_top(1);
    error(st)
}

/// Continuation of `pcall`/`xpcall`: results after a success, or false and the error object.
fn finish_pcall(st: &mut State, status: Status, extra: isize) -> LuaResult<usize> {
    if status != Status::Ok && status != Status::Yield {
        st.push_bool(false);
        st.push_value(-2);
        Ok(2)
    } else {
        Ok((st.get_top() as isize - extra) as usize)
    }
}

fn pcall(st: &mut State) -> LuaResult<usize> {
    st.check_any(1)?;
    st.push_bool(true);
    st.insert(1);
    let n = st.get_top() as usize - 2;
    let status = st.pcall_k(n, MULTRET, 0, 0, Some(finish_pcall))?;
    finish_pcall(st, status, 0)
}

fn xpcall(st: &mut State) -> LuaResult<usize> {
    let n = st.get_top();
    st.check_type(2, Type::Function)?;
    st.push_bool(true);
    st.push_value(1);
    st.rotate(3, 2);
    let h = st.slot(2).unwrap_or(0);
    let status = st.pcall_k(n as usize - 2, MULTRET, h, 2, Some(finish_pcall))?;
    finish_pcall(st, status, 2)
}

/// After a load: the function, or nil and the message.
fn load_aux(st: &mut State, status: Status, envidx: i32) -> LuaResult<usize> {
    if status == Status::Ok {
        if envidx != 0 {
            st.push_value(envidx);
            if let Value::LFn(f) = st.value_at(-2) {
                if let Some(&uv) = f.get().upvals.first() {
                    st.g().heap.barrier(uv);
                    uv.get_mut().set(st.value_at(-1));
                }
            }
            st.pop(1);
        }
        Ok(1)
    } else {
        st.push_nil();
        st.insert(-2);
        Ok(2)
    }
}

fn load(st: &mut State) -> LuaResult<usize> {
    let mode = String::from_utf8_lossy(st.opt_bytes(3, b"bt")?).into_owned();
    let envidx = if st.is_none(4) { 0 } else { 4 };
    let status = if let Some(s) = st.to_str_obj(1) {
        let chunk = s.get().as_bytes().to_vec();
        let name = st.opt_bytes(2, &chunk)?.to_vec();
        st.load_bytes_named(&chunk, &name, &mode)
    } else {
        let name = st.opt_bytes(2, b"=(load)")?.to_vec();
        st.check_type(1, Type::Function)?;
        // Collect the pieces returned by the reader function. As in the reference, a failing reader
        // makes `load` return nil and the message (after the current message handler saw it).
        let mut chunk = Vec::new();
        loop {
            st.push_value(1);
            let func = st.th().top - 1;
            let errfunc = st.th().errfunc;
            if st.pcall_at(func, 1, errfunc) != Status::Ok {
                st.push_nil();
                st.insert(-2);
                return Ok(2);
            }
            match st.value_at(-1) {
                Value::Nil => {
                    st.pop(1);
                    break;
                }
                Value::Str(s) => {
                    if s.get().is_empty() {
                        st.pop(1);
                        break;
                    }
                    // The pieces may not outgrow the memory cap, nor abort when the system
                    // allocator refuses.
                    let piece = s.get().as_bytes();
                    if chunk.len().saturating_add(piece.len()) > st.buffer_room()
                        || chunk.try_reserve(piece.len()).is_err()
                    {
                        return Err(st.mem_error());
                    }
                    chunk.extend_from_slice(piece);
                    st.pop(1);
                }
                _ => {
                    st.pop(1);
                    let e = st.error_msg("reader function must return a string");
                    let e = st.handle_error(e);
                    st.push_nil();
                    st.push(e.value);
                    return Ok(2);
                }
            }
        }
        st.load_bytes_named(&chunk, &name, &mode)
    };
    load_aux(st, status, envidx)
}

fn loadfile(st: &mut State) -> LuaResult<usize> {
    let fname = st.opt_bytes(1, b"")?.to_vec();
    let mode = String::from_utf8_lossy(st.opt_bytes(2, b"bt")?).into_owned();
    let envidx = if st.is_none(3) { 0 } else { 3 };
    let path = if st.is_none_or_nil(1) {
        None
    } else {
        Some(String::from_utf8_lossy(&fname).into_owned())
    };
    let status = st.load_file(path.as_deref(), &mode);
    load_aux(st, status, envidx)
}

fn dofile_cont(st: &mut State, _status: Status, _ctx: isize) -> LuaResult<usize> {
    Ok(st.get_top() as usize - 1)
}

fn dofile(st: &mut State) -> LuaResult<usize> {
    let fname = st.opt_bytes(1, b"")?.to_vec();
    let path = if st.is_none_or_nil(1) {
        None
    } else {
        Some(String::from_utf8_lossy(&fname).into_owned())
    };
    st.set_top(1);
    if st.load_file(path.as_deref(), "bt") != Status::Ok {
        return Err(st.error());
    }
    st.call_k(0, MULTRET, 0, Some(dofile_cont))?;
    dofile_cont(st, Status::Ok, 0)
}

fn collectgarbage(st: &mut State) -> LuaResult<usize> {
    const OPTS: [&str; 11] = [
        "stop",
        "restart",
        "collect",
        "count",
        "step",
        "setpause",
        "setstepmul",
        "isrunning",
        "generational",
        "incremental",
        "",
    ];
    let o = st.check_option(1, Some("collect"), &OPTS[..10])?;
    let g = st.g();
    if g.gc.running {
        // Inside a finalizer the collector cannot be driven: every option fails (returns nil).
        st.push_nil();
        return Ok(1);
    }
    match OPTS[o] {
        "stop" => {
            g.gc.stopped = true;
            st.push_integer(0);
        }
        "restart" => {
            g.gc.stopped = false;
            g.gc.set_pause_threshold(&mut g.heap);
            st.push_integer(0);
        }
        "collect" => {
            st.full_gc();
            st.push_integer(0);
        }
        "count" => {
            let b = g.heap.bytes() as f64;
            st.push_number(b / 1024.0);
        }
        "step" => {
            let kb = st.opt_integer(2, 0)?;
            let done = st.gc_step(kb);
            st.push_bool(done);
        }
        "setpause" => {
            let p = st.opt_integer(2, 0)?;
            let g = st.g();
            let old = g.gc.pause;
            g.gc.pause = p.clamp(0, 100_000) as usize;
            st.push_integer(old as i64);
        }
        "setstepmul" => {
            let p = st.opt_integer(2, 0)?;
            let g = st.g();
            let old = g.gc.stepmul;
            g.gc.stepmul = p.clamp(0, 100_000) as usize;
            st.push_integer(old as i64);
        }
        "isrunning" => {
            let r = !g.gc.stopped;
            st.push_bool(r);
        }
        "generational" | "incremental" => {
            let gen = OPTS[o] == "generational";
            let was = g.gc.generational;
            if !gen {
                let pause = st.opt_integer(2, 0)?;
                let stepmul = st.opt_integer(3, 0)?;
                let g = st.g();
                if pause != 0 {
                    g.gc.pause = pause.clamp(0, 100_000) as usize;
                }
                if stepmul != 0 {
                    g.gc.stepmul = stepmul.clamp(0, 100_000) as usize;
                }
            }
            st.g().gc.generational = gen;
            st.push_str(if was { "generational" } else { "incremental" })?;
        }
        _ => st.push_integer(0),
    }
    Ok(1)
}

const FUNCS: &[Reg] = &[
    ("assert", assert),
    ("collectgarbage", collectgarbage),
    ("dofile", dofile),
    ("error", error),
    ("getmetatable", getmetatable),
    ("ipairs", ipairs),
    ("loadfile", loadfile),
    ("load", load),
    ("next", next),
    ("pairs", pairs),
    ("pcall", pcall),
    ("print", print),
    ("warn", warn),
    ("rawequal", rawequal),
    ("rawlen", rawlen),
    ("rawget", rawget),
    ("rawset", rawset),
    ("select", select),
    ("setmetatable", setmetatable),
    ("tonumber", tonumber),
    ("tostring", tostring),
    ("type", type_),
    ("xpcall", xpcall),
];

/// Opens the base library into the global table and returns it (`luaopen_base`).
pub fn open_base(st: &mut State) -> LuaResult<usize> {
    st.push_global_table();
    st.set_funcs(FUNCS, 0)?;
    st.push_value(-1);
    st.set_field(-2, "_G")?;
    st.push_str("Lua 5.4")?;
    st.set_field(-2, "_VERSION")?;
    Ok(1)
}

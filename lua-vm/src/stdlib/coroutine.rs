//! The coroutine library (`lcorolib.c`): create, resume, yield, status, wrap, isyieldable, running,
//! close, written on the VM's coroutine machinery (`vm/coroutine.rs`).
#![forbid(unsafe_code)]

use crate::api::Reg;
use crate::gc::heap::Gc;
use crate::value::{Type, Value};
use crate::vm::error::{LuaResult, Status};
use crate::vm::state::{upvalue_index, State, Thread, ThreadStatus};

impl State {
    /// Creates a new coroutine and pushes it (`lua_newthread`). It shares the globals and registry, and
    /// inherits the hook mask and count of the running thread (not its hook function).
    pub fn new_thread(&mut self) -> LuaResult<Gc<Thread>> {
        let mut t = Thread::new(self.g);
        let h = self.th().hook;
        t.hook.mask = h.mask;
        t.hook.base_count = h.base_count;
        t.hook.count = h.base_count;
        // A native hook (the host's, as `lua_sethook`'s C hook) follows new threads; a Lua hook set
        // by `debug.sethook` is per thread, as in the reference.
        if h.native {
            t.hook.func = h.func;
            t.hook.native = true;
        }
        let co = self.alloc(t)?;
        self.push(Value::Thread(co));
        Ok(co)
    }

    /// The status of a thread as `lua_status` reports it.
    pub fn thread_status(co: Gc<Thread>) -> Status {
        match co.get().status {
            ThreadStatus::Ok => Status::Ok,
            ThreadStatus::Suspended => Status::Yield,
            ThreadStatus::Dead(s) => s,
        }
    }
}

/// Status of a coroutine as seen from `st` (`auxstatus`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum CoStatus {
    Running,
    Dead,
    Suspended,
    Normal,
}

impl CoStatus {
    fn name(self) -> &'static str {
        match self {
            CoStatus::Running => "running",
            CoStatus::Dead => "dead",
            CoStatus::Suspended => "suspended",
            CoStatus::Normal => "normal",
        }
    }
}

fn aux_status(st: &State, co: Gc<Thread>) -> CoStatus {
    if st.thread() == co {
        return CoStatus::Running;
    }
    let th = co.get();
    match th.status {
        ThreadStatus::Suspended => CoStatus::Suspended,
        ThreadStatus::Dead(_) => CoStatus::Dead,
        ThreadStatus::Ok => {
            if th.cis.len() > 1 {
                CoStatus::Normal
            } else if th.top == th.ci().func + 1 {
                CoStatus::Dead
            } else {
                CoStatus::Suspended
            }
        }
    }
}

/// The thread argument 1 (`getco`).
fn get_co(st: &mut State) -> LuaResult<Gc<Thread>> {
    match st.to_thread(1) {
        Some(co) => Ok(co),
        None => Err(st.type_error_arg(1, "thread")),
    }
}

/// Moves `narg` values to `co`, resumes it and moves its results (or error object) back. Returns the
/// number of results, or `None` after an error (the error object is then on top).
fn aux_resume(st: &mut State, co: Gc<Thread>, narg: usize) -> LuaResult<Option<usize>> {
    let mut cs = st.for_thread(co);
    if co != st.thread() && !cs.ensure_stack(narg) {
        st.push_str("too many arguments to resume")?;
        return Ok(None);
    }
    st.xmove(&mut cs, narg);
    let (status, nres) = st.resume(co, narg);
    if status == Status::Ok || status == Status::Yield {
        if !st.ensure_stack(nres + 1) {
            let t = co.get_mut();
            t.top -= nres;
            st.push_str("too many results to resume")?;
            return Ok(None);
        }
        cs.xmove(st, nres);
        Ok(Some(nres))
    } else {
        cs.xmove(st, 1);
        Ok(None)
    }
}

fn co_create(st: &mut State) -> LuaResult<usize> {
    st.check_type(1, Type::Function)?;
    let co = st.new_thread()?;
    st.push_value(1);
    let mut cs = st.for_thread(co);
    st.xmove(&mut cs, 1);
    Ok(1)
}

fn co_resume(st: &mut State) -> LuaResult<usize> {
    let co = get_co(st)?;
    let narg = st.get_top() as usize - 1;
    match aux_resume(st, co, narg)? {
        None => {
            st.push_bool(false);
            st.insert(-2);
            Ok(2)
        }
        Some(r) => {
            st.push_bool(true);
            st.insert(-(r as i32 + 1));
            Ok(r + 1)
        }
    }
}

fn aux_wrap(st: &mut State) -> LuaResult<usize> {
    let Value::Thread(co) = st.value_at(upvalue_index(1)) else {
        return Err(st.error_msg("invalid coroutine"));
    };
    let narg = st.get_top() as usize;
    match aux_resume(st, co, narg)? {
        Some(r) => Ok(r),
        None => {
            let mut stat = State::thread_status(co);
            if stat != Status::Ok && stat != Status::Yield {
                // An error inside the coroutine: close its pending variables first.
                let mut cs = st.for_thread(co);
                stat = st.close_thread(co);
                cs.xmove(st, 1);
            }
            if stat != Status::ErrMem && st.type_at(-1) == Some(Type::String) {
                let w = st.where_(1);
                st.push_bytes(&w)?;
                st.insert(-2);
                st.concat_n(2)?;
            }
            Err(st.error())
        }
    }
}

fn co_wrap(st: &mut State) -> LuaResult<usize> {
    co_create(st)?;
    st.push_closure(aux_wrap, 1)?;
    Ok(1)
}

fn co_yield(st: &mut State) -> LuaResult<usize> {
    let n = st.get_top() as usize;
    Err(st.yield_k(n, 0, None))
}

fn co_status(st: &mut State) -> LuaResult<usize> {
    let co = get_co(st)?;
    let s = aux_status(st, co);
    st.push_str(s.name())?;
    Ok(1)
}

fn co_isyieldable(st: &mut State) -> LuaResult<usize> {
    let y = if st.is_none(1) {
        st.is_yieldable()
    } else {
        let co = get_co(st)?;
        co.get().nny == 0
    };
    st.push_bool(y);
    Ok(1)
}

fn co_running(st: &mut State) -> LuaResult<usize> {
    let ismain = st.push_thread();
    st.push_bool(ismain);
    Ok(2)
}

fn co_close(st: &mut State) -> LuaResult<usize> {
    let co = get_co(st)?;
    match aux_status(st, co) {
        CoStatus::Dead | CoStatus::Suspended => {
            let status = st.close_thread(co);
            if status == Status::Ok {
                st.push_bool(true);
                Ok(1)
            } else {
                st.push_bool(false);
                let mut cs = st.for_thread(co);
                cs.xmove(st, 1);
                Ok(2)
            }
        }
        s => Err(st.error_msg(format!("cannot close a {} coroutine", s.name()))),
    }
}

const FUNCS: &[Reg] = &[
    ("create", co_create),
    ("resume", co_resume),
    ("running", co_running),
    ("status", co_status),
    ("wrap", co_wrap),
    ("yield", co_yield),
    ("isyieldable", co_isyieldable),
    ("close", co_close),
];

/// Opens the coroutine library (`luaopen_coroutine`).
pub fn open_coroutine(st: &mut State) -> LuaResult<usize> {
    st.new_lib(FUNCS)?;
    Ok(1)
}

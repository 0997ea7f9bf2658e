//! `Thread`: a handle on a coroutine, resumed from the host.

use lua_vm::value::Value as RawValue;
use lua_vm::vm::state::ThreadStatus as RawStatus;
use lua_vm::{State, Status};

use crate::error::{Error, Result};
use crate::protect::{plain_text, Raise};
use crate::reference::Ref;
use crate::traits::{FromLua, FromLuaMulti, IntoLua, IntoLuaMulti};
use crate::value::handle_ref;

/// A Lua thread (coroutine), kept alive while the handle (or a clone of it) exists.
#[derive(Clone)]
pub struct Thread(pub(crate) Ref);

impl std::fmt::Debug for Thread {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Thread(..)")
    }
}

/// What `resume` may do with a thread next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ThreadStatus {
    /// Not started yet, or suspended in a yield.
    Resumable,
    /// Running, or normal (it resumed another coroutine).
    Active,
    /// Returned from its body.
    Finished,
    /// Stopped by an error.
    Error,
}

impl Thread {
    /// Resumes the coroutine with `args`; returns the values it yielded or returned. An error inside
    /// the coroutine comes back as `Error::Runtime` with the coroutine's traceback.
    pub fn resume<R: FromLuaMulti>(&self, args: impl IntoLuaMulti) -> Result<R> {
        self.0.protect(|st, t| {
            let Some(co) = st.to_thread(t) else {
                return Err(Raise::Host(Error::message("not a thread")));
            };
            match self.status_of(st, t) {
                ThreadStatus::Resumable => {}
                ThreadStatus::Active => {
                    return Err(Raise::Host(Error::message(
                        "cannot resume non-suspended coroutine",
                    )))
                }
                ThreadStatus::Finished | ThreadStatus::Error => {
                    return Err(Raise::Host(Error::message("cannot resume dead coroutine")))
                }
            }
            let mut cs = st.state_of(co);
            let n = args.push_multi(&mut cs)?;
            let (status, nres) = st.resume(co, n);
            let nres = nres as i32;
            if matches!(status, Status::Ok | Status::Yield) {
                let top = cs.get_top();
                let r = R::from_stack_multi(&mut cs, top - nres + 1, top);
                cs.pop(nres);
                return Ok(r?);
            }
            let message = plain_text(&cs.value_at(-1));
            if status == Status::ErrMem {
                cs.pop(1);
                return Err(Raise::Host(Error::Memory { message }));
            }
            let mut tb = Vec::new();
            cs.traceback_into(&mut tb, 0)?;
            cs.pop(1);
            Err(Raise::Host(Error::Runtime {
                message,
                traceback: String::from_utf8_lossy(&tb).into_owned(),
            }))
        })
    }

    /// The coroutine's status.
    pub fn status(&self) -> ThreadStatus {
        self.0
            .protect(|st, t| Ok(self.status_of(st, t)))
            .unwrap_or(ThreadStatus::Error)
    }

    fn status_of(&self, st: &State, t: i32) -> ThreadStatus {
        let Some(co) = st.to_thread(t) else {
            return ThreadStatus::Error;
        };
        if co == st.thread() {
            return ThreadStatus::Active;
        }
        let th = co.get();
        match th.status {
            RawStatus::Suspended => ThreadStatus::Resumable,
            RawStatus::Dead(_) => ThreadStatus::Error,
            RawStatus::Ok if th.cis.len() > 1 => ThreadStatus::Active,
            RawStatus::Ok if th.top == th.ci().func + 1 => ThreadStatus::Finished,
            RawStatus::Ok => ThreadStatus::Resumable,
        }
    }
}

impl FromLua for Thread {
    fn from_stack(st: &mut State, idx: i32) -> Result<Self> {
        handle_ref(st, idx, "thread", |v| matches!(v, RawValue::Thread(_))).map(Thread)
    }
}

impl IntoLua for Thread {
    fn push_into(self, st: &mut State) -> Result<()> {
        self.0.push(st)
    }
}

impl IntoLua for &Thread {
    fn push_into(self, st: &mut State) -> Result<()> {
        self.0.push(st)
    }
}

//! Host entry points for embedding layers (used by lua-bind): a second handle on a thread, a GC
//! safe point for host code that allocates in a loop, and the protected call of a Rust closure as a
//! native frame (the pmain pattern of `lua.c` without a function value: the closure may borrow the
//! host's locals).

use std::any::Any;
use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::gc::heap::Gc;
use crate::value::Value;
use crate::vm::call::Saved;
use crate::vm::error::{LuaError, LuaResult, Status};
use crate::vm::state::{cist, CallInfo, State, Thread, MIN_STACK};

/// The message of a panic payload.
fn panic_text(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic payload".to_string()
    }
}

/// The function value that marks a host frame on the call stack; never called.
fn host_frame(_: &mut State) -> LuaResult<usize> {
    Ok(0)
}

/// The state of a thread's call stack when a host entry started without a protected call (see
/// `State::host_level`).
pub struct HostLevel(Saved);

impl State {
    /// Records the call stack, the top and the counters, for a host entry that runs code which
    /// normally runs no Lua code (conversions, raw table access) without the cost of a protected
    /// call: on an error, `host_recover` unwinds to here as a protected call would (without a
    /// message handler).
    #[inline]
    pub fn host_level(&self) -> HostLevel {
        let th = self.th();
        HostLevel(Saved::take(th, th.top))
    }

    /// Whether the call stack is as it was at `level` (no frame left behind).
    #[inline]
    pub fn host_level_intact(&self, level: &HostLevel) -> bool {
        self.th().cis.len() == level.0.ncis
    }

    /// Unwinds to `level` after error `e`: frames, counters, open upvalues and to-be-closed
    /// variables above it (closing methods run), and leaves the error object at the level's top,
    /// as `pcall` does. Returns the error's status.
    pub fn host_recover(&mut self, level: &HostLevel, e: LuaError) -> Status {
        self.recover(&level.0, e)
    }

    /// Another handle on the same thread (a copy of the `lua_State*`). Like every `State`, it must not
    /// be used after the owning `Vm` is dropped; the embedding layer keeps the `Vm` alive while it holds one.
    pub fn share(&self) -> State {
        State {
            g: self.g,
            th: self.th,
        }
    }

    /// A handle on thread `co` of the same VM (to push arguments onto a coroutine before `resume`).
    pub fn state_of(&self, co: Gc<Thread>) -> State {
        self.for_thread(co)
    }

    /// Runs a collection if the heap passed its threshold: what `luaC_checkGC` does in the reference's
    /// allocating API functions. Call it only where every live value is on a stack (or referenced from
    /// the registry), e.g. before creating a table from the host.
    pub fn gc_check(&mut self) {
        if self.g().heap.should_collect() {
            self.collect_step();
        }
    }

    /// Runs `f` as a native function in a protected call (`lua_pcall` of a native function): the `nargs`
    /// values on top are its arguments (at 1..=nargs of its frame), `msgh` is the stack index of a message
    /// handler (0: none), and its results are adjusted to `nresults` as for `pcall`. On error the handler
    /// runs with the failing frames still on the call stack, the stack is unwound to this level and the
    /// error object replaces the arguments. The frame appears in tracebacks as `[C]: in ?`. A Rust
    /// panic inside (not caught closer to its source) becomes the runtime error "panic: ...".
    pub fn pcall_native(
        &mut self,
        nargs: usize,
        nresults: i32,
        msgh: i32,
        f: &mut dyn FnMut(&mut State) -> LuaResult<usize>,
    ) -> Status {
        let errfunc = if msgh == 0 {
            0
        } else {
            self.slot(msgh).unwrap_or(0)
        };
        if let Err(e) = self.check_stack(MIN_STACK + 1) {
            self.pop(nargs as i32);
            self.push(e.value);
            return e.status;
        }
        // The marker function goes below the arguments.
        self.push(Value::NFn(host_frame));
        if nargs > 0 {
            self.insert(-(nargs as i32) - 1);
        }
        let th = self.th();
        let func = th.top - nargs - 1;
        let saved = Saved::take(th, func);
        th.errfunc = errfunc;
        th.nny += 1;
        th.n_ccalls += 1;
        let top = th.top;
        th.cis
            .push(CallInfo::new(func, top + MIN_STACK, nresults, cist::C));
        // A panic that crosses the VM (a native function that does not catch its own) ends here, so
        // the frames it left are unwound like those of an error.
        let mut r = match catch_unwind(AssertUnwindSafe(|| f(self))) {
            Ok(r) => r,
            Err(payload) => Err(self.runtime_error(format!("panic: {}", panic_text(&*payload)))),
        };
        if r.is_ok() && self.th().cis.len() != saved.ncis + 1 {
            // The closure swallowed an error of an unprotected call and left its frames behind.
            r = Err(self.runtime_error("host function returned with frames left on the call stack"));
        }
        match r {
            Ok(n) => {
                let th = self.th();
                let n = n.min(th.top - th.ci().func - 1);
                // The return hook may fail: that error is the call's error.
                if let Err(e) = self.poscall(n) {
                    let e = self.handle_error(e);
                    return self.recover(&saved, e);
                }
                let th = self.th();
                th.n_ccalls -= 1;
                th.nny -= 1;
                th.errfunc = saved.errfunc;
                Status::Ok
            }
            Err(e) => {
                let e = self.handle_error(e);
                self.recover(&saved, e)
            }
        }
    }
}

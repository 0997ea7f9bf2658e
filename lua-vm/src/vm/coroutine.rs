//! Coroutines: resume, yield and the machinery that continues interrupted frames after a yield.
//!
//! A yield is an `Err` with status `Yield` that unwinds every Rust frame up to `resume`; the call stack
//! of the coroutine (its `CallInfo`s) stays as it was. Resuming "unrolls" it: the native function that
//! yielded returns the resume values, interrupted Lua instructions are finished (`finish_op`), Lua
//! frames continue in `execute`, and native frames that called `call_k`/`pcall_k` continue in their
//! continuation. A yield is refused while a non-yieldable native call is in progress (`nny > 0`): that
//! is "attempt to yield across a C-call boundary".

use crate::compiler::opcode::*;
use crate::gc::heap::Gc;
use crate::value::Value;
use crate::vm::call::Saved;
use crate::vm::error::{LuaError, LuaResult, Status};
use crate::vm::state::{cist, KFn, State, Thread, ThreadStatus, MAX_CCALLS, MIN_STACK, MULTRET};

impl State {
    /// Whether the running code may yield.
    pub fn is_yieldable(&self) -> bool {
        self.th().nny == 0
    }

    /// Suspends the running coroutine, transferring the `nresults` values on top of the stack to
    /// `resume`. Returns the error to propagate (a yield signal, or an error when yielding is not
    /// allowed). `k` continues the native function on resume (`lua_yieldk`).
    pub fn yield_k(&mut self, nresults: usize, ctx: isize, k: Option<KFn>) -> LuaError {
        let th = self.th();
        if th.nny > 0 {
            let main = self.th == self.g().main_thread;
            return self.runtime_error(if main {
                "attempt to yield from outside a coroutine"
            } else {
                "attempt to yield across a C-call boundary"
            });
        }
        let th = self.th();
        th.status = ThreadStatus::Suspended;
        th.nyield = nresults;
        let ci = th.ci_mut();
        ci.k = k;
        ci.ctx = ctx;
        LuaError::yield_signal()
    }

    /// Resumes coroutine `co` with the `nargs` values on top of `co`'s stack. Returns the status (`Ok`
    /// when it finished, `Yield` when it yielded, an error status when it failed) and the number of
    /// values it left on top of its stack (results, yielded values, or the error object).
    pub fn resume(&mut self, co: Gc<Thread>, nargs: usize) -> (Status, usize) {
        let mut cs = self.for_thread(co);
        let th = co.get_mut();
        let starting = match th.status {
            ThreadStatus::Ok => {
                if th.cis.len() > 1 {
                    return cs.resume_error("cannot resume non-suspended coroutine", nargs);
                }
                if th.top - (th.ci().func + 1) == nargs {
                    return cs.resume_error("cannot resume dead coroutine", nargs);
                }
                true
            }
            ThreadStatus::Suspended => false,
            ThreadStatus::Dead(_) => return cs.resume_error("cannot resume dead coroutine", nargs),
        };
        let from_calls = self.th().n_ccalls;
        if from_calls >= MAX_CCALLS {
            return cs.resume_error("C stack overflow", nargs);
        }
        let lent = self.lend_native_hook(co);
        let th = co.get_mut();
        // The coroutine runs one native level above its resumer; its body adds no level of its own.
        let base_calls = from_calls + 1;
        th.n_ccalls = base_calls;
        let mut r = if starting {
            let func = th.top - nargs - 1;
            th.n_ccalls = from_calls;
            cs.call_at(func, MULTRET)
        } else {
            th.status = ThreadStatus::Ok;
            cs.resume_from_yield(nargs)
        };
        // Errors inside a yieldable pcall that was interrupted by a yield are caught here.
        loop {
            match r {
                Err(e) if !e.is_yield() => match cs.find_ypcall() {
                    Some(idx) => {
                        let e = cs.handle_error(e);
                        let th = co.get_mut();
                        th.cis.truncate(idx + 1);
                        th.n_ccalls = base_calls;
                        th.nny = 0;
                        r = cs.finish_pcallk_error(e).and_then(|_| cs.unroll());
                    }
                    None => break,
                },
                _ => break,
            }
        }
        if lent {
            self.take_back_native_hook(co);
        }
        let th = co.get_mut();
        match r {
            Ok(()) => {
                th.status = ThreadStatus::Ok;
                let n = th.top - (th.ci().func + 1);
                (Status::Ok, n)
            }
            Err(e) if e.is_yield() => (Status::Yield, th.nyield),
            Err(e) => {
                th.status = ThreadStatus::Dead(e.status);
                let top = th.top;
                if top + 2 >= th.stack.len() {
                    th.realloc_stack(top + 2 + MIN_STACK);
                }
                // Two copies, as the reference leaves them: the one on top goes to the resumer, the
                // one below is the error a later `close` passes to pending `__close` metamethods.
                th.stack[top] = e.value;
                th.stack[top + 1] = e.value;
                th.top = top + 2;
                let t = th.top;
                th.ci_mut().top = t;
                (e.status, 1)
            }
        }
    }

    fn resume_error(&mut self, msg: &str, nargs: usize) -> (Status, usize) {
        let th = self.th();
        th.top -= nargs;
        let v = match self.new_str(msg.as_bytes()) {
            Ok(s) => Value::Str(s),
            Err(e) => e.value,
        };
        let th = self.th();
        let top = th.top;
        th.stack[top] = v;
        th.top = top + 1;
        (Status::ErrRun, 1)
    }

    /// Index of the innermost frame in a yieldable pcall, if any.
    fn find_ypcall(&self) -> Option<usize> {
        self.th()
            .cis
            .iter()
            .rposition(|ci| ci.status & cist::YPCALL != 0)
    }

    /// After `resume` of a suspended coroutine: the native function that yielded returns the `nargs`
    /// resume values (through its continuation, if it has one), then the rest of the stack unrolls.
    fn resume_from_yield(&mut self, nargs: usize) -> LuaResult<()> {
        let th = self.th();
        let ci = *th.ci();
        if ci.is_lua() {
            // Yielded inside a hook: continue the Lua frame where it was.
            return self.unroll();
        }
        let n = match ci.k {
            Some(k) => {
                let th = self.th();
                th.ci_mut().k = None;
                k(self, Status::Yield, ci.ctx)?
            }
            None => nargs,
        };
        self.poscall(n)?;
        self.unroll()
    }

    /// Continues every interrupted frame of the coroutine until its base.
    fn unroll(&mut self) -> LuaResult<()> {
        loop {
            let th = self.th();
            if th.cis.len() <= 1 {
                return Ok(());
            }
            let ci = *th.ci();
            if ci.is_lua() {
                self.finish_op()?;
                crate::vm::execute::execute(self)?;
            } else {
                self.finish_ccall(ci)?;
            }
        }
    }

    /// Finishes a native frame interrupted by a yield in something it called: its continuation runs.
    /// A yieldable pcall interrupted while recovering from an error goes on closing variables first.
    fn finish_ccall(&mut self, ci: crate::vm::state::CallInfo) -> LuaResult<()> {
        let mut status = Status::Yield;
        if let Some(s) = ci.recover {
            let e = LuaError {
                status: s,
                value: self.th().stack[ci.funcidx],
            };
            status = self.ypcall_recover(e)?;
        } else if ci.status & cist::YPCALL != 0 {
            let th = self.th();
            th.ci_mut().status &= !cist::YPCALL;
            th.errfunc = ci.old_errfunc;
        }
        let n = match ci.k {
            Some(k) => k(self, status, ci.ctx)?,
            None => {
                let th = self.th();
                th.top - (ci.func + 1)
            }
        };
        self.poscall(n)?;
        Ok(())
    }

    /// The error path of a yieldable pcall whose frame was left by a yield (`finishpcallk`): closes
    /// pending variables, puts the error object where the called function was, and runs the
    /// continuation with the error status.
    fn finish_pcallk_error(&mut self, e: LuaError) -> LuaResult<()> {
        let ci = *self.th().ci();
        let status = self.ypcall_recover(e)?;
        let n = match ci.k {
            Some(k) => k(self, status, ci.ctx)?,
            None => 1,
        };
        self.poscall(n)?;
        Ok(())
    }

    /// Error recovery of the yieldable pcall whose frame is on top: closes the pending variables above
    /// the called function with closing calls that may yield (an error in one replaces the current
    /// error, after the message handler), leaves the final error object where the function was,
    /// restores the error handler and returns the status. When a closing call yields, the frame keeps
    /// the error status (`recover`) and `finish_ccall` comes back here on resume.
    fn ypcall_recover(&mut self, mut e: LuaError) -> LuaResult<Status> {
        let th = self.th();
        let (ncis, nny, n_ccalls) = (th.cis.len(), th.nny, th.n_ccalls);
        loop {
            let th = self.th();
            let ci = *th.ci();
            th.stack[ci.funcidx] = e.value;
            th.ci_mut().recover = Some(e.status);
            th.hook.allow = ci.old_allowhook;
            match self.close_level_k(ci.funcidx, Some(e.value), true) {
                Ok(()) => break,
                Err(y) if y.is_yield() => return Err(y),
                Err(e2) => {
                    let e2 = self.handle_error(e2);
                    let th = self.th();
                    th.cis.truncate(ncis);
                    th.nny = nny;
                    th.n_ccalls = n_ccalls;
                    e = e2;
                }
            }
        }
        let th = self.th();
        let ci = *th.ci();
        th.stack[ci.funcidx] = e.value;
        th.top = ci.funcidx + 1;
        let c = th.ci_mut();
        c.recover = None;
        c.status &= !cist::YPCALL;
        th.errfunc = ci.old_errfunc;
        self.shrink_stack();
        self.collect_after_memory_error(e.status);
        Ok(e.status)
    }

    /// Completes the instruction a Lua frame was executing when a metamethod it called yielded
    /// (`luaV_finishOp`).
    fn finish_op(&mut self) -> LuaResult<()> {
        let th = self.th();
        let ci = *th.ci();
        let Some(p) = self.frame_proto(&ci) else {
            return Ok(());
        };
        let pc = ci.pc_index();
        if pc == 0 {
            return Ok(());
        }
        let base = ci.func + 1;
        let inst = p.code[pc - 1];
        let th = self.th();
        match get_opcode(inst) {
            OpCode::MMBIN | OpCode::MMBINI | OpCode::MMBINK => {
                let prev = p.code[pc - 2];
                th.top -= 1;
                th.stack[base + get_a(prev) as usize] = th.stack[th.top];
            }
            OpCode::UNM
            | OpCode::BNOT
            | OpCode::LEN
            | OpCode::GETTABUP
            | OpCode::GETTABLE
            | OpCode::GETI
            | OpCode::GETFIELD
            | OpCode::SELF => {
                th.top -= 1;
                th.stack[base + get_a(inst) as usize] = th.stack[th.top];
            }
            OpCode::LT
            | OpCode::LE
            | OpCode::LTI
            | OpCode::LEI
            | OpCode::GTI
            | OpCode::GEI
            | OpCode::EQ => {
                th.top -= 1;
                let res = !th.stack[th.top].is_falsy();
                if res != get_k(inst) {
                    th.ci_mut().step_pc(1);
                }
            }
            OpCode::CONCAT => {
                let top = th.top - 1;
                let a = get_a(inst) as usize;
                let total = top - 1 - (base + a);
                th.stack[top - 2] = th.stack[top];
                th.top = top - 1;
                self.concat(total)?;
            }
            OpCode::CLOSE => th.ci_mut().step_pc(-1),
            OpCode::RETURN => {
                let ra = base + get_a(inst) as usize;
                th.top = ra + ci.nres;
                th.ci_mut().step_pc(-1);
            }
            _ => {}
        }
        Ok(())
    }

    /// Closes a coroutine (`lua_closethread`): runs its pending `__close` metamethods and leaves it dead.
    /// Returns the status and, on error, leaves the error object on top of `co`'s stack.
    pub fn close_thread(&mut self, co: Gc<Thread>) -> Status {
        let mut cs = self.for_thread(co);
        let from_calls = self.th().n_ccalls;
        let th = co.get_mut();
        let mut err = match th.status {
            ThreadStatus::Dead(s) => Some(LuaError {
                status: s,
                value: th.stack[th.top.saturating_sub(1)],
            }),
            _ => None,
        };
        // The function slot of the base frame is cleared: a closed coroutine has nothing to run.
        th.stack[0] = Value::Nil;
        th.status = ThreadStatus::Ok;
        th.errfunc = 0;
        let lent = self.lend_native_hook(co);
        // Each `__close` runs protected; an error replaces the current one and closing goes on.
        loop {
            let th = co.get_mut();
            th.cis.truncate(1);
            th.nny = 0;
            th.n_ccalls = from_calls;
            match cs.close_level(1, err.map(|e| e.value)) {
                Ok(()) => break,
                Err(e) => err = Some(e),
            }
        }
        if lent {
            self.take_back_native_hook(co);
        }
        let th = co.get_mut();
        let st = match err {
            Some(e) => {
                th.stack[1] = e.value;
                th.top = 2;
                e.status
            }
            None => {
                th.top = 1;
                Status::Ok
            }
        };
        th.tbc.clear();
        let t = th.top;
        th.ci_mut().top = t + MIN_STACK;
        // As the reference's `luaE_resetthread`, the thread is left with status OK (dead once its
        // error object is taken away).
        th.status = ThreadStatus::Ok;
        st
    }

    /// `lua_pcallk`: a protected call that a yield may suspend when `k` is given and the code is
    /// yieldable; otherwise an ordinary protected call. The function and its `nargs` arguments are on top.
    pub fn pcall_k(
        &mut self,
        nargs: usize,
        nresults: i32,
        errfunc: usize,
        ctx: isize,
        k: Option<KFn>,
    ) -> LuaResult<Status> {
        let th = self.th();
        let func = th.top - nargs - 1;
        if k.is_none() || th.nny > 0 {
            return Ok(self.pcall_at(func, nresults, errfunc));
        }
        let saved = Saved::take(th, func);
        let (old_errfunc, old_allow) = (th.errfunc, th.hook.allow);
        let ci = th.ci_mut();
        ci.k = k;
        ci.ctx = ctx;
        ci.funcidx = func;
        ci.old_errfunc = old_errfunc;
        ci.old_allowhook = old_allow;
        ci.status |= cist::YPCALL;
        th.errfunc = errfunc;
        let r = self.call_at(func, nresults);
        match r {
            Ok(()) => {
                let th = self.th();
                th.ci_mut().status &= !cist::YPCALL;
                th.errfunc = saved.errfunc;
                Ok(Status::Ok)
            }
            Err(e) if e.is_yield() => Err(e),
            Err(e) => {
                let e = self.handle_error(e);
                let th = self.th();
                th.cis.truncate(saved.ncis);
                th.nny = saved.nny;
                th.n_ccalls = saved.n_ccalls;
                self.ypcall_recover(e)
            }
        }
    }

    /// `lua_callk`: a call that a yield may suspend when `k` is given and the code is yieldable.
    pub fn call_k(
        &mut self,
        nargs: usize,
        nresults: i32,
        ctx: isize,
        k: Option<KFn>,
    ) -> LuaResult<()> {
        let th = self.th();
        let func = th.top - nargs - 1;
        if k.is_none() || th.nny > 0 {
            return self.call_noyield_at(func, nresults);
        }
        let ci = th.ci_mut();
        ci.k = k;
        ci.ctx = ctx;
        self.call_at(func, nresults)
    }
}

//! Calls and protected calls (the reference's `ldo.c`): stack growth, entering and leaving frames,
//! `__call`, the native-call depth limit, protected calls with message handlers, upvalue and
//! to-be-closed variable closing. Every error is raised by returning `Err`; this module is where errors
//! are caught.

use crate::gc::heap::Gc;
use crate::value::function::{NativeKind, UpVal};
use crate::value::store::{copy, put};
use crate::value::Value;
use crate::vm::error::{LuaError, LuaResult, Status};
use crate::vm::meta::TmName;
use crate::vm::state::{
    cist, CallInfo, State, ERROR_STACK_SIZE, MAX_CCALLS, MAX_STACK, MIN_STACK, MULTRET,
};

impl State {
    /// Ensures `n` free slots above `top`, growing the stack (the reference's `luaD_checkstack`).
    #[inline]
    pub(crate) fn check_stack(&mut self, n: usize) -> LuaResult<()> {
        let th = self.th();
        if th.stack_size() - th.top < n {
            self.grow_stack(n)?;
        }
        Ok(())
    }

    #[cold]
    pub(crate) fn grow_stack(&mut self, n: usize) -> LuaResult<()> {
        let th = self.th();
        let size = th.stack_size();
        if size > MAX_STACK {
            // Already using the extra room reserved for handling a stack overflow.
            return Err(LuaError {
                status: Status::ErrErr,
                value: Value::Str(self.new_str(b"error in error handling")?),
            });
        }
        let needed = th.top + n;
        if needed <= MAX_STACK {
            let new_size = (size * 2).max(needed).min(MAX_STACK);
            let bytes = (new_size - size) * std::mem::size_of::<Value>();
            self.g().heap.grow(bytes).map_err(|_| self.mem_error())?;
            self.th().realloc_stack(new_size);
            return Ok(());
        }
        // Give the error handling some room, then raise the overflow.
        let th = self.th();
        let bytes = (ERROR_STACK_SIZE - size) * std::mem::size_of::<Value>();
        self.g().heap.grow(bytes).ok();
        th.realloc_stack(ERROR_STACK_SIZE);
        Err(self.runtime_error("stack overflow"))
    }

    /// Too many frames: handled as a stack overflow. The first time, the stack gets the extra room
    /// for error handling and "stack overflow" is raised; while that room is in use (a message
    /// handler running), more frames are allowed up to a bound, and past it, or on a further
    /// overflow of the slots, the error is "error in error handling".
    #[cold]
    fn frame_overflow(&mut self) -> LuaResult<()> {
        let th = self.th();
        let limit = crate::vm::execute::MAX_FRAMES + 2 * MAX_CCALLS as usize;
        if th.stack_size() <= MAX_STACK || th.cis.len() >= limit {
            // Asking for more than the maximum raises the right error for each case.
            return self.grow_stack(ERROR_STACK_SIZE);
        }
        Ok(())
    }

    /// Shrinks a stack that grew for a deep recursion once it is no longer needed.
    pub(crate) fn shrink_stack(&mut self) {
        let th = self.th();
        let in_use = th.cis.iter().map(|c| c.top).max().unwrap_or(0).max(th.top);
        let good = (in_use + in_use / 8 + 2 * MIN_STACK).max(2 * MIN_STACK);
        if th.stack_size() > MAX_STACK || (in_use <= MAX_STACK && good < th.stack_size() / 3) {
            let old = th.stack_size();
            let new = good.min(MAX_STACK);
            th.realloc_stack(new);
            th.stack.shrink_to_fit();
            self.g()
                .heap
                .shrink((old.saturating_sub(new)) * std::mem::size_of::<Value>());
        }
    }

    /// Replaces a non-function at `func` by its `__call` metamethod, shifting the arguments up.
    fn try_func_tm(&mut self, func: usize) -> LuaResult<()> {
        let f = self.th().stack[func];
        let tm = self.tm_of(&f, TmName::Call);
        if tm.is_nil() {
            return Err(self.call_error(f));
        }
        self.check_stack(1)?;
        let th = self.th();
        th.stack.copy_within(func..th.top, func + 1);
        th.top += 1;
        th.stack[func] = tm;
        Ok(())
    }

    /// Starts a call of the value at `func` with the arguments above it up to `top`. For a Lua function
    /// pushes its frame and returns true (the caller runs it); a native function runs to completion here
    /// and its results are moved into place (returns false).
    pub(crate) fn precall(&mut self, func: usize, nresults: i32) -> LuaResult<bool> {
        let mut tries = 0;
        loop {
            let f = self.th().stack[func];
            match f {
                Value::LFn(cl) => {
                    let p = cl.get().proto.get();
                    let fsize = p.max_stack as usize;
                    self.check_stack(fsize)?;
                    let th = self.th();
                    let nargs = th.top - func - 1;
                    let nparams = p.num_params as usize;
                    for i in nargs..nparams {
                        th.stack[func + 1 + i] = Value::Nil;
                    }
                    if nargs < nparams {
                        th.top = func + 1 + nparams;
                    }
                    if th.cis.len() >= crate::vm::execute::MAX_FRAMES {
                        self.frame_overflow()?;
                    }
                    th.cis.push(CallInfo::new_lua(
                        func,
                        func + 1 + fsize,
                        nresults,
                        p.code.as_ptr(),
                    ));
                    return Ok(true);
                }
                Value::NFn(nf) => {
                    self.call_native(func, nresults, nf)?;
                    return Ok(false);
                }
                Value::NCl(cl) => {
                    let n = match &cl.get().f {
                        NativeKind::Fn(nf) => *nf,
                        NativeKind::Boxed(_) => {
                            self.call_boxed(func, nresults, cl)?;
                            return Ok(false);
                        }
                    };
                    self.call_native(func, nresults, n)?;
                    return Ok(false);
                }
                _ => {
                    // Chains of __call are bounded: each level inserts one more value.
                    tries += 1;
                    if tries > 100 {
                        return Err(self.call_error(f));
                    }
                    self.try_func_tm(func)?;
                }
            }
        }
    }

    /// Pushes the frame of a native function about to run at `func` (and runs the call hook).
    #[inline(always)]
    fn enter_native(&mut self, func: usize, nresults: i32) -> LuaResult<()> {
        let th = self.th();
        if th.stack_size() - th.top < MIN_STACK {
            self.grow_stack(MIN_STACK)?;
        }
        let th = self.th();
        let top = th.top;
        th.cis
            .push(CallInfo::new(func, top + MIN_STACK, nresults, cist::C));
        if th.hook.mask & crate::vm::state::hookmask::CALL != 0 {
            self.call_hook_event(crate::vm::hooks::HookEvent::Call)?;
        }
        Ok(())
    }

    /// Pops the frame of a native function at `func` that returned `n` results on top, moving them
    /// into place (`poscall` without the hook test when no hook is set).
    #[inline(always)]
    fn leave_native(&mut self, func: usize, nresults: i32, n: usize) -> LuaResult<()> {
        let th = self.th();
        let top = th.top;
        let n = n.min(top - func - 1);
        if th.hook.mask != 0 {
            return self.poscall(n);
        }
        th.cis.pop();
        move_results(th, func, top - n, n, nresults);
        Ok(())
    }

    /// Runs a native function in a new frame and moves its results into place.
    #[inline(always)]
    pub(crate) fn call_native(
        &mut self,
        func: usize,
        nresults: i32,
        f: crate::vm::state::NativeFn,
    ) -> LuaResult<()> {
        self.enter_native(func, nresults)?;
        let n = f(self)?;
        self.leave_native(func, nresults, n)
    }

    /// `call_native` for a Rust closure.
    #[inline(never)]
    fn call_boxed(
        &mut self,
        func: usize,
        nresults: i32,
        cl: Gc<crate::value::function::NClosure>,
    ) -> LuaResult<()> {
        self.enter_native(func, nresults)?;
        let n = match &cl.get().f {
            NativeKind::Fn(nf) => nf(self)?,
            NativeKind::Boxed(b) => b(self)?,
        };
        self.leave_native(func, nresults, n)
    }

    /// Finishes the current frame: moves its `nres` results (on top of the stack) to where the function
    /// was, adjusted to the number the caller wanted, and pops the frame.
    #[inline]
    pub(crate) fn poscall(&mut self, nres: usize) -> LuaResult<()> {
        let th = self.th();
        if th.hook.mask != 0 {
            self.ret_hook(nres)?;
        }
        let th = self.th();
        let n = th.cis.len() - 1;
        let (res, wanted) = {
            let ci = &th.cis[n];
            (ci.func, ci.nresults)
        };
        th.cis.truncate(n);
        let first = th.top - nres;
        move_results(th, res, first, nres, wanted);
        Ok(())
    }

    /// Calls the value at `func` (arguments above it) and leaves `nresults` results at `func`.
    /// Counts as one level of native recursion.
    pub fn call_at(&mut self, func: usize, nresults: i32) -> LuaResult<()> {
        let th = self.th();
        th.n_ccalls += 1;
        if th.n_ccalls >= MAX_CCALLS {
            self.check_cstack()?;
        }
        if self.precall(func, nresults)? {
            self.th().ci_mut().status |= cist::FRESH;
            crate::vm::execute::execute(self)?;
        }
        self.th().n_ccalls -= 1;
        Ok(())
    }

    /// A call that cannot be suspended by a yield (made from a native function without continuation).
    pub fn call_noyield_at(&mut self, func: usize, nresults: i32) -> LuaResult<()> {
        self.th().nny += 1;
        self.call_at(func, nresults)?;
        self.th().nny -= 1;
        Ok(())
    }

    #[cold]
    fn check_cstack(&mut self) -> LuaResult<()> {
        let n = self.th().n_ccalls;
        if n == MAX_CCALLS {
            Err(self.runtime_error("C stack overflow"))
        } else if n >= MAX_CCALLS / 10 * 11 {
            // Overflow while handling the overflow: give up on the error handler.
            Err(LuaError {
                status: Status::ErrErr,
                value: Value::Str(self.new_str(b"error in error handling")?),
            })
        } else {
            Ok(())
        }
    }

    /// Protected call of the value at `func`: on error, runs the message handler at stack index
    /// `errfunc` (0: none) while the failing frames are still there, then unwinds to this level, closes
    /// pending to-be-closed variables and leaves the error object at `func`. Returns the status.
    pub fn pcall_at(&mut self, func: usize, nresults: i32, errfunc: usize) -> Status {
        let th = self.th();
        let saved = Saved::take(th, func);
        th.errfunc = errfunc;
        let r = self.call_noyield_at(func, nresults);
        match r {
            Ok(()) => {
                self.th().errfunc = saved.errfunc;
                Status::Ok
            }
            Err(e) => {
                let e = self.handle_error(e);
                self.recover(&saved, e)
            }
        }
    }

    /// Runs the current message handler on a runtime error (the frames that failed are still on the call
    /// stack, so a traceback sees them).
    pub(crate) fn handle_error(&mut self, e: LuaError) -> LuaError {
        let errfunc = self.th().errfunc;
        if e.status != Status::ErrRun || errfunc == 0 {
            return e;
        }
        let mut err = e;
        // A handler that fails is called again on its own error, as in the reference, until the native
        // depth limit turns it into "error in error handling".
        for _ in 0..(MAX_CCALLS / 10 * 11) {
            let th = self.th();
            let h = th.stack[errfunc];
            if self.check_stack(2).is_err() {
                return self.err_in_handler();
            }
            let th = self.th();
            let top = th.top;
            th.stack[top] = h;
            th.stack[top + 1] = err.value;
            th.top = top + 2;
            match self.call_at(top, 1) {
                Ok(()) => {
                    let th = self.th();
                    th.top -= 1;
                    return LuaError {
                        status: Status::ErrRun,
                        value: th.stack[th.top],
                    };
                }
                Err(e2) if e2.status == Status::ErrRun => err = e2,
                Err(e2) if e2.status == Status::ErrMem => return e2,
                Err(_) => return self.err_in_handler(),
            }
        }
        self.err_in_handler()
    }

    fn err_in_handler(&mut self) -> LuaError {
        match self.new_str(b"error in error handling") {
            Ok(s) => LuaError {
                status: Status::ErrErr,
                value: Value::Str(s),
            },
            Err(e) => e,
        }
    }

    /// Unwinds to a saved level after an error: restores the frames and counters, closes upvalues and
    /// to-be-closed variables above `saved.level` (each `__close` runs protected and may replace the error)
    /// and leaves the final error object at `saved.level`.
    pub(crate) fn recover(&mut self, saved: &Saved, e: LuaError) -> Status {
        let th = self.th();
        th.cis.truncate(saved.ncis);
        th.nny = saved.nny;
        th.n_ccalls = saved.n_ccalls;
        th.hook.allow = saved.allowhook;
        let mut e = e;
        e = self.close_protected(saved.level, e);
        let th = self.th();
        th.errfunc = saved.errfunc;
        let lvl = saved.level;
        if th.stack.len() <= lvl + 1 {
            th.realloc_stack(lvl + 1 + MIN_STACK);
        }
        th.stack[lvl] = e.value;
        th.top = lvl + 1;
        self.shrink_stack();
        self.collect_after_memory_error(e.status);
        e.status
    }

    /// After a memory error has unwound, the garbage it left (often what filled the memory) is
    /// collected at once, so that the next allocations under the cap succeed: the reference gets
    /// the same effect from its emergency collection when an allocation fails. The unwound state is
    /// a safe point: every live value is on a stack.
    pub(crate) fn collect_after_memory_error(&mut self, status: Status) {
        if status == Status::ErrMem && !self.g().gc.running {
            self.full_gc();
        }
    }

    /// Closes upvalues and to-be-closed variables down to `level` after an error, each closing call
    /// protected; an error in a `__close` becomes the new error.
    pub(crate) fn close_protected(&mut self, level: usize, mut e: LuaError) -> LuaError {
        loop {
            let th = self.th();
            let ncis = th.cis.len();
            let (nny, ncc) = (th.nny, th.n_ccalls);
            match self.close_level(level, Some(e.value)) {
                Ok(()) => return e,
                Err(e2) => {
                    // The message handler sees errors in closing methods too.
                    let e2 = self.handle_error(e2);
                    let th = self.th();
                    th.cis.truncate(ncis);
                    th.nny = nny;
                    th.n_ccalls = ncc;
                    e = e2;
                }
            }
        }
    }

    /// Finds or creates the open upvalue for stack slot `level`.
    pub(crate) fn find_upval(&mut self, level: usize) -> LuaResult<Gc<UpVal>> {
        let th = self.th();
        let mut pos = th.open_upvals.len();
        while pos > 0 {
            let u = th.open_upvals[pos - 1];
            let idx = u.get().index;
            if idx == level {
                return Ok(u);
            }
            if idx < level {
                break;
            }
            pos -= 1;
        }
        // SAFETY: `level` is a slot of the current frame, below the stack's length.
        let v = unsafe { th.stack.as_mut_ptr().add(level) };
        let uv = self.alloc(UpVal {
            v,
            closed: Value::Nil,
            index: level,
            open: true,
        })?;
        let th = self.th();
        th.open_upvals.insert(pos, uv);
        if !th.in_twups {
            // The collector must close these upvalues if the thread dies while they are still used.
            th.in_twups = true;
            self.g().gc.twups.push(self.th.erase());
        }
        Ok(uv)
    }

    /// Closes every open upvalue at or above `level` (copies the value into the upvalue).
    pub(crate) fn close_upvals(&mut self, level: usize) {
        let th = self.th();
        while let Some(&u) = th.open_upvals.last() {
            let uv = u.get_mut();
            if uv.index < level {
                break;
            }
            th.open_upvals.pop();
            let v = uv.get();
            uv.closed = v;
            uv.v = &mut uv.closed;
            uv.open = false;
            // An old upvalue gets the value of a stack slot, which may be young.
            self.g().heap.barrier_value(u, &v);
        }
    }

    /// Marks stack slot `level` as a to-be-closed variable (`local x <close>`).
    pub(crate) fn new_tbc(&mut self, level: usize) -> LuaResult<()> {
        let v = self.th().stack[level];
        if v.is_falsy() {
            return Ok(());
        }
        if self.tm_of(&v, TmName::Close).is_nil() {
            let name =
                crate::vm::debuginfo::local_name_at(self, level).unwrap_or_else(|| "?".into());
            return Err(self.runtime_error(format!("variable '{name}' got a non-closable value")));
        }
        self.th().tbc.push(level);
        Ok(())
    }

    /// Closes upvalues and calls `__close` of to-be-closed variables at or above `level`, newest first.
    /// `err` is the error object for closing on error (`None` for a normal exit, which passes nil).
    /// The closing calls cannot yield.
    pub(crate) fn close_level(&mut self, level: usize, err: Option<Value>) -> LuaResult<()> {
        self.close_level_k(level, err, false)
    }

    /// `close_level` whose closing calls may yield when `yieldable` (the `CLOSE` and `RETURN`
    /// instructions: on resume the instruction runs again and closes the remaining variables).
    pub(crate) fn close_level_k(
        &mut self,
        level: usize,
        err: Option<Value>,
        yieldable: bool,
    ) -> LuaResult<()> {
        self.close_upvals(level);
        loop {
            let th = self.th();
            let Some(&slot) = th.tbc.last() else { break };
            if slot < level {
                break;
            }
            th.tbc.pop();
            let obj = th.stack[slot];
            // A metamethod removed after the variable was marked is called anyway, as nil: the
            // reference's "attempt to call a nil value (metamethod 'close')".
            let tm = self.tm_of(&obj, TmName::Close);
            let errv = err.unwrap_or(Value::Nil);
            let th = self.th();
            // Closing calls run above every live value of the frame.
            let ci_top = th.ci().top;
            if th.top < ci_top && th.ci().is_lua() {
                th.top = ci_top;
            }
            self.check_stack(4)?;
            let th = self.th();
            let top = th.top;
            // The error object is anchored below the call: a closing method may collect garbage, and
            // its own argument slot is not a root once the method's registers reuse it.
            th.stack[top] = errv;
            th.stack[top + 1] = tm;
            th.stack[top + 2] = obj;
            th.stack[top + 3] = errv;
            th.top = top + 4;
            if yieldable {
                self.call_at(top + 1, 0)?;
            } else {
                self.call_noyield_at(top + 1, 0)?;
            }
            self.th().top = top;
        }
        Ok(())
    }
}

/// Moves `nres` results from `first` to `res`, adjusting them to `wanted`. The commonest case (one
/// result wanted, at least one given) is inlined into the callers; the others are a call.
#[inline(always)]
pub(crate) fn move_results(
    th: &mut crate::vm::state::Thread,
    res: usize,
    first: usize,
    nres: usize,
    wanted: i32,
) {
    if wanted == 1 && nres > 0 {
        debug_assert!(res <= first && first < th.stack.len());
        let stk = th.stack.as_mut_ptr();
        // SAFETY: `res <= first` and `first` (a result, as `nres > 0`) are slots of the stack.
        unsafe { copy(stk.add(res), stk.add(first)) };
        th.top = res + 1;
        return;
    }
    move_results_any(th, res, first, nres, wanted);
}

#[inline(never)]
fn move_results_any(
    th: &mut crate::vm::state::Thread,
    res: usize,
    first: usize,
    nres: usize,
    wanted: i32,
) {
    debug_assert!(res <= first && first + nres <= th.stack.len());
    let stk = th.stack.as_mut_ptr();
    match wanted {
        0 => th.top = res,
        1 => {
            debug_assert!(res < th.stack.len());
            // SAFETY: `res` and `first` (when `nres > 0`) are slots of the stack (asserted above).
            unsafe {
                if nres == 0 {
                    put(stk.add(res), Value::Nil);
                } else {
                    copy(stk.add(res), stk.add(first));
                }
            }
            th.top = res + 1;
        }
        MULTRET => {
            // Few results are the common case: plain copies instead of a memmove call. `res <= first`,
            // so a forward copy never overwrites what it has yet to read.
            if nres <= 4 {
                for i in 0..nres {
                    // SAFETY: `first + i < first + nres`, inside the stack (asserted above).
                    unsafe { copy(stk.add(res + i), stk.add(first + i)) };
                }
            } else {
                th.stack.copy_within(first..first + nres, res);
            }
            th.top = res + nres;
        }
        w => {
            let w = w as usize;
            let n = nres.min(w);
            th.stack.copy_within(first..first + n, res);
            for i in n..w {
                th.stack[res + i] = Value::Nil;
            }
            th.top = res + w;
        }
    }
}

/// What a protected call saves to restore after an error.
pub(crate) struct Saved {
    pub ncis: usize,
    pub level: usize,
    pub nny: u32,
    pub n_ccalls: u32,
    pub errfunc: usize,
    pub allowhook: bool,
}

impl Saved {
    pub fn take(th: &crate::vm::state::Thread, level: usize) -> Saved {
        Saved {
            ncis: th.cis.len(),
            level,
            nny: th.nny,
            n_ccalls: th.n_ccalls,
            errfunc: th.errfunc,
            allowhook: th.hook.allow,
        }
    }
}

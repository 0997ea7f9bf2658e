//! The interpreter loop (the reference's `luaV_execute`). Lua-to-Lua calls and returns stay inside the
//! loop: a call pushes a frame and continues, a return pops it and continues with the caller. The loop
//! leaves only when the frame it was entered for (marked `FRESH`) returns, or on an error or yield.
//!
//! Registers are reached through a raw pointer to the frame's base (`sp`). The stack only moves when it
//! grows, which can happen only inside operations that call out (calls, metamethods, varargs), so `sp`
//! is refreshed after each of those. Every operation that can raise an error or run Lua code first saves
//! the pc in the frame (so errors report the right line and yields can resume) and sets `top` to the
//! frame's top (so the callee's values go above every live register).

use std::hint::cold_path;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::compiler::opcode::*;
use crate::gc::heap::Gc;
use crate::value::arith;
use crate::value::convert;
use crate::value::function::{LClosure, NativeKind, Proto};
use crate::value::store::{
    copy, get, int_at, num_at, num_operand, put, put_int, put_num, tag, TAG_INT, TAG_NUM,
};
use crate::value::string::LuaStr;
use crate::value::table::Table;
use crate::value::Value;
use crate::vm::call::move_results;
use crate::vm::error::LuaResult;
use crate::vm::iterate::tforcall_inline;
use crate::vm::meta::TmName;
use crate::vm::ops::{for_count, Hint};
use crate::vm::state::{cist, hookmask, CallInfo, State, Thread, MIN_STACK, MULTRET};

/// Most frames a thread may have (deep Lua recursion ends in "stack overflow" well before).
pub(crate) const MAX_FRAMES: usize = 200_000;

/// Pushes a Lua frame; the caller checked the stack room and the frame limit.
#[inline(always)]
fn push_lua_frame(
    th: &mut Thread,
    func: usize,
    top: usize,
    nresults: i32,
    code: *const Instruction,
) {
    if th.cis.len() == th.cis.capacity() {
        th.cis.reserve(th.cis.len().max(8));
    }
    let ci = CallInfo::new_lua(func, top, nresults, code);
    // SAFETY: capacity was ensured just above, so the slot at `len` is allocated; it is written before
    // the length covers it.
    unsafe {
        th.cis.as_mut_ptr().add(th.cis.len()).write(ci);
        th.cis.set_len(th.cis.len() + 1);
    }
}

/// Decodes the opcode of a verified instruction.
#[inline(always)]
fn opcode_of(i: Instruction) -> OpCode {
    let raw = get_op_raw(i);
    debug_assert!((raw as usize) < NUM_OPCODES);
    // SAFETY: every instruction the VM runs comes from the compiler or from a verified binary chunk, so
    // its opcode field is a valid `OpCode` discriminant (`OpCode` is `repr(u8)` and dense from 0).
    unsafe { std::mem::transmute::<u8, OpCode>(raw) }
}

/// The key of a field instruction (`GETFIELD`, `SETFIELD`, `GETTABUP`, `SETTABUP`): a short string
/// constant, as the compiler makes every such operand and the verifier checks in binary chunks, so
/// it is read without a test.
///
/// # Safety
/// `k` must point to a constant of the running function that is a field instruction's key.
#[inline(always)]
unsafe fn field_name(k: *const Value) -> Gc<LuaStr> {
    // SAFETY: the caller's contract.
    match unsafe { &*k } {
        Value::Str(s) => {
            debug_assert!(s.get().is_short());
            *s
        }
        // SAFETY: see above: the compiler and the verifier exclude every other constant here.
        _ => unsafe { std::hint::unreachable_unchecked() },
    }
}

const TRACE_MASK: u8 = hookmask::LINE | hookmask::COUNT;

/// The pointer unchanged, but opaque to the optimizer. The loop passes the incremented pc through it:
/// otherwise LLVM keeps the address of the current instruction in a second register to express the
/// next pc as "current + 4" in every handler, one more register and one more copy per instruction
/// (measured: 3-5% more instructions on arithmetic-heavy programs).
#[inline(always)]
#[allow(clippy::pointers_in_nomem_asm_block)] // the block touches no memory: it only names a register
fn opaque(p: *const Instruction) -> *const Instruction {
    #[allow(unused_mut)]
    let mut p = p;
    #[cfg(any(
        target_arch = "x86_64",
        target_arch = "x86",
        target_arch = "aarch64",
        target_arch = "arm",
        target_arch = "riscv64"
    ))]
    // SAFETY: an empty assembly template (a comment naming the register); nothing is executed.
    unsafe {
        std::arch::asm!("/* {0} */", inout(reg) p, options(pure, nomem, nostack, preserves_flags));
    }
    p
}

/// Runs Lua frames starting with the current one until the frame marked `FRESH` returns.
// After every call-out the register pointer is reloaded (`refresh!`, from the base index read before
// the call), also where the next step leaves the frame; those dead stores are the price of one uniform
// macro.
pub(crate) fn execute(st: &mut State) -> LuaResult<()> {
    // Two instances of the loop: without line/count hooks there is no per-instruction check at all.
    // The instance is chosen again at every frame entry and after native calls (where `debug.sethook`
    // can have changed the hooks).
    let mut hooked = st.th().hook.mask & TRACE_MASK != 0;
    loop {
        let done = if hooked {
            run::<true>(st)?
        } else {
            run::<false>(st)?
        };
        if done {
            return Ok(());
        }
        hooked = !hooked;
    }
}

/// The loop proper; returns `Ok(true)` when the `FRESH` frame returned and `Ok(false)` when the hooks
/// changed so that the other instance must continue (the frame state is saved in the call stack).
#[allow(unused_assignments)]
fn run<const HOOKED: bool>(st: &mut State) -> LuaResult<bool> {
    // The thread does not change during one invocation; a raw pointer avoids re-deriving it from `st`.
    let thp: *mut Thread = st.th();
    let interrupt: &AtomicBool = &st.g().interrupt;
    // The running frame's state, kept in locals; reloaded from the call stack at `'newframe` and set
    // directly by the Lua-call fast path. Only what most instructions use is carried from one to the
    // next (the loop is one function: every further value carried costs registers to all of them);
    // the frame index, its base index and its code start are derived where needed (`ci_idx!`,
    // `base!`, the frame record's `code`).
    let mut cl: Gc<LClosure>;
    let mut kp: *const Value;
    let mut pc: *const Instruction;
    let mut sp: *mut Value;
    // In the hooked instance: whether line/count events are on (off until VARARGPREP ran).
    let mut trace_on: bool;
    'newframe: loop {
        if interrupt.load(Ordering::Relaxed) {
            return Err(st.interrupted_error());
        }
        // The frame's state, from its record; the locals of this block end here on purpose.
        {
            // SAFETY: `thp` points to the live running thread (see above); `cis` is never empty and the
            // frame's function slot is inside the stack.
            let th = unsafe { &mut *thp };
            let ci_idx = th.cis.len() - 1;
            // SAFETY: `ci_idx` is the last frame; a frame's function slot is inside the stack.
            let ci_func = unsafe { (*th.cis.as_ptr().add(ci_idx)).func };
            // SAFETY: as above.
            cl = match unsafe { *th.stack.as_ptr().add(ci_func) } {
                Value::LFn(c) => c,
                _ => {
                    return Err(st.runtime_error("internal error: Lua frame without a Lua function"))
                }
            };
            let proto = cl.get().proto.get();
            let code = proto.code.as_ptr();
            debug_assert_eq!(code, th.cis[ci_idx].code);
            kp = proto.k.as_ptr();
            // SAFETY: `ci_idx` is the last frame.
            pc = unsafe { (*th.cis.as_ptr().add(ci_idx)).savedpc };
            let base = ci_func + 1;
            // `base + proto.max_stack` is within the stack, as `precall` checked; `sp` is recomputed after
            // every operation that may reallocate the stack.
            // SAFETY: `base` is inside the stack (see above).
            sp = unsafe { th.stack.as_mut_ptr().add(base) };
            trace_on = HOOKED;
            if th.hook.mask != 0 {
                if pc == code {
                    if proto.is_vararg {
                        // Hooks start after VARARGPREP.
                        trace_on = false;
                    } else if th.cis[ci_idx].status & cist::CALL_HOOKED == 0 {
                        // Marked so that a switch of loop instance below does not call the hook twice.
                        th.cis[ci_idx].status |= cist::CALL_HOOKED;
                        st.call_hook_for_lua()?;
                    }
                }
                let th = st.th();
                // SAFETY: the hook may have grown the stack; `base` is still inside it.
                sp = unsafe { th.stack.as_mut_ptr().add(base) };
            }
        }
        // SAFETY: `thp` is the running thread.
        if (unsafe { (*thp).hook.mask } & TRACE_MASK != 0) != HOOKED {
            return Ok(false);
        }

        // Pointers to register `i` and to constant `i`.
        macro_rules! rptr {
            ($i:expr) => {
                sp.add($i as usize)
            };
        }
        macro_rules! kptr {
            ($i:expr) => {
                kp.add($i as usize)
            };
        }
        // A register's value, read as two 8-byte words (see `value::store`).
        macro_rules! reg {
            ($i:expr) => {
                get(rptr!($i))
            };
        }
        macro_rules! kst {
            ($i:expr) => {
                *kptr!($i)
            };
        }
        // The running frame is always the last record of the call stack.
        macro_rules! ci_idx {
            () => {
                (*thp).cis.len() - 1
            };
        }
        macro_rules! cur_ci {
            () => {
                (*thp).cis.as_mut_ptr().add(ci_idx!())
            };
        }
        // The stack index of register 0 (valid until the stack moves).
        macro_rules! base {
            () => {
                sp.offset_from((*thp).stack.as_ptr()) as usize
            };
        }
        macro_rules! interrupted {
            () => {
                interrupt.load(Ordering::Relaxed)
            };
        }
        // A backward jump (a loop's next iteration) stops here when the host raised the interrupt.
        macro_rules! stop_if_interrupted {
            () => {
                if interrupted!() {
                    cold_path();
                    savepc!();
                    return Err(st.interrupted_error());
                }
            };
        }
        // The running closure's upvalue `n`: the verifier (and the compiler) keep upvalue operands
        // below the prototype's count, which is the length of every closure's `upvals`.
        macro_rules! upval {
            ($n:expr) => {{
                let n = $n as usize;
                debug_assert!(n < cl.get().upvals.len());
                *cl.get().upvals.get_unchecked(n)
            }};
        }
        macro_rules! savepc {
            () => {{
                (*cur_ci!()).savedpc = pc;
            }};
        }
        // Points `sp` at register 0 again after the stack may have moved (`$base` read before).
        macro_rules! refresh {
            ($base:expr) => {{
                sp = (*thp).stack.as_mut_ptr().add($base);
            }};
        }
        // An operation that may raise, call out or reallocate the stack.
        macro_rules! protect {
            ($e:expr) => {{
                savepc!();
                let b = base!();
                (*thp).top = (*cur_ci!()).top;
                let r = $e;
                refresh!(b);
                r?
            }};
        }
        // Like `protect!` but keeps `top` (for operations that use it).
        macro_rules! protect_nt {
            ($e:expr) => {{
                savepc!();
                let b = base!();
                let r = $e;
                refresh!(b);
                r?
            }};
        }
        macro_rules! check_gc {
            ($limit:expr) => {
                if st.g().heap.should_collect() {
                    cold_path();
                    savepc!();
                    let b = base!();
                    (*thp).top = b + $limit as usize;
                    st.collect_step();
                    (*thp).top = (*cur_ci!()).top;
                    refresh!(b);
                }
            };
        }
        // Continues the Lua caller of a frame that just returned (not a FRESH one).
        macro_rules! return_to_caller {
            ($newframe:lifetime, $dispatch:lifetime) => {{
                let th = &mut *thp;
                let c = &*cur_ci!();
                // The next instruction straight from the frame record: the dispatch need not wait
                // for the loads through the closure below.
                pc = c.savedpc;
                match *th.stack.as_ptr().add(c.func) {
                    Value::LFn(f) => cl = f,
                    _ => continue $newframe,
                }
                let proto = cl.get().proto.get();
                debug_assert_eq!(c.code, proto.code.as_ptr());
                kp = proto.k.as_ptr();
                sp = th.stack.as_mut_ptr().add(c.func + 1);
                continue $dispatch;
            }};
        }
        macro_rules! jump_next {
            () => {{
                let ni = *pc;
                pc = pc.offset(get_sj(ni) as isize + 1);
            }};
        }
        macro_rules! cond_jump {
            ($cond:expr, $i:expr) => {
                if $cond != get_k($i) {
                    pc = pc.add(1);
                } else {
                    jump_next!();
                }
            };
        }
        // The arithmetic macros take pointers to their operands: tags are tested in place and each
        // payload is loaded as the type its tag says (a float straight into a float register).
        macro_rules! arith_ii_ff {
            ($i:expr, $x:expr, $y:expr, $iop:expr, $fop:expr) => {{
                let (px, py): (*const Value, *const Value) = ($x, $y);
                let (tx, ty) = (tag(px), tag(py));
                if tx == TAG_INT && ty == TAG_INT {
                    put_int(rptr!(get_a($i)), $iop(int_at(px), int_at(py)));
                    pc = pc.add(1);
                } else if tx == TAG_NUM && ty == TAG_NUM {
                    put_num(rptr!(get_a($i)), $fop(num_at(px), num_at(py)));
                    pc = pc.add(1);
                } else {
                    cold_path();
                    if let (Some(x), Some(y)) = (num_operand(px), num_operand(py)) {
                        put_num(rptr!(get_a($i)), $fop(x, y));
                        pc = pc.add(1);
                    }
                }
            }};
        }
        macro_rules! arith_ff {
            ($i:expr, $x:expr, $y:expr, $fop:expr) => {
                if let (Some(x), Some(y)) = (num_operand($x), num_operand($y)) {
                    put_num(rptr!(get_a($i)), $fop(x, y));
                    pc = pc.add(1);
                }
            };
        }
        // Integer division and modulo can raise ("attempt to perform 'n//0'").
        macro_rules! arith_div {
            ($i:expr, $x:expr, $y:expr, $iop:ident, $fop:expr) => {{
                let (px, py): (*const Value, *const Value) = ($x, $y);
                if tag(px) == TAG_INT && tag(py) == TAG_INT {
                    let (x, y) = (int_at(px), int_at(py));
                    // The division itself inline; only a zero divisor takes the raising path.
                    let r = match arith::$iop(x, y) {
                        Some(r) => r,
                        None => protect!(st.$iop(x, y)),
                    };
                    put_int(rptr!(get_a($i)), r);
                    pc = pc.add(1);
                } else if let (Some(x), Some(y)) = (num_operand(px), num_operand(py)) {
                    put_num(rptr!(get_a($i)), $fop(x, y));
                    pc = pc.add(1);
                }
            }};
        }
        macro_rules! bitwise {
            ($i:expr, $x:expr, $y:expr, $op:expr) => {{
                let (px, py): (*const Value, *const Value) = ($x, $y);
                if tag(px) == TAG_INT && tag(py) == TAG_INT {
                    put_int(rptr!(get_a($i)), $op(int_at(px), int_at(py)));
                    pc = pc.add(1);
                } else if let (Some(x), Some(y)) =
                    (convert::to_int_ns(&*px), convert::to_int_ns(&*py))
                {
                    put_int(rptr!(get_a($i)), $op(x, y));
                    pc = pc.add(1);
                }
            }};
        }
        macro_rules! order {
            ($i:expr, $iop:tt, $fop:tt, $slow:ident) => {{
                // Compared in place: no copy of the operands on the fast path.
                let cond = match (&*rptr!(get_a($i)), &*rptr!(get_b($i))) {
                    (Value::Int(x), Value::Int(y)) => *x $iop *y,
                    (Value::Num(x), Value::Num(y)) => *x $fop *y,
                    _ => {
                        cold_path();
                        let (a, b) = (reg!(get_a($i)), reg!(get_b($i)));
                        protect!(st.$slow(a, b))
                    }
                };
                cond_jump!(cond, $i);
            }};
        }
        macro_rules! order_imm {
            ($i:expr, $op:tt, $event:expr, $flip:expr) => {{
                let im = get_sb($i) as i64;
                // Compared in place: no copy of the operand on the fast path.
                let cond = match &*rptr!(get_a($i)) {
                    Value::Int(x) => *x $op im,
                    Value::Num(f) => *f $op (im as f64),
                    _ => {
                        cold_path();
                        let a = reg!(get_a($i));
                        let isf = get_c($i) != 0;
                        let imv = if isf { Value::Num(im as f64) } else { Value::Int(im) };
                        protect!(st.order_tm(a, imv, $flip, $event))
                    }
                };
                cond_jump!(cond, $i);
            }};
        }

        // SAFETY: all register, constant and code accesses below are in bounds: the compiler (or the
        // binary-chunk verifier) guarantees operands below `max_stack`, constant indices below `k.len()`
        // and jumps inside `code`, and every function ends with a return.
        unsafe {
            'dispatch: loop {
                if HOOKED && trace_on {
                    let b = base!();
                    let r = st.trace_exec(ci_idx!(), pc);
                    refresh!(b);
                    r?;
                }
                let i = *pc;
                pc = pc.add(1);
                pc = opaque(pc);
                match opcode_of(i) {
                    OpCode::MOVE => copy(rptr!(get_a(i)), rptr!(get_b(i))),
                    OpCode::LOADI => put_int(rptr!(get_a(i)), get_sbx(i) as i64),
                    OpCode::LOADF => put_num(rptr!(get_a(i)), get_sbx(i) as f64),
                    OpCode::LOADK => copy(rptr!(get_a(i)), kptr!(get_bx(i))),
                    OpCode::LOADKX => {
                        copy(rptr!(get_a(i)), kptr!(get_ax(*pc)));
                        pc = pc.add(1);
                    }
                    OpCode::LOADFALSE => put(rptr!(get_a(i)), Value::Bool(false)),
                    OpCode::LFALSESKIP => {
                        put(rptr!(get_a(i)), Value::Bool(false));
                        pc = pc.add(1);
                    }
                    OpCode::LOADTRUE => put(rptr!(get_a(i)), Value::Bool(true)),
                    OpCode::LOADNIL => {
                        let a = get_a(i);
                        for r in a..=a + get_b(i) {
                            put(sp.add(r as usize), Value::Nil);
                        }
                    }
                    OpCode::GETUPVAL => {
                        copy(rptr!(get_a(i)), upval!(get_b(i)).get().v);
                    }
                    OpCode::SETUPVAL => {
                        let uv = upval!(get_b(i));
                        let v = rptr!(get_a(i));
                        st.g().heap.barrier_value(uv, &*v);
                        copy(uv.get().v, v);
                    }
                    OpCode::GETTABUP => {
                        // Matched in place: no copy of the operands on the fast path.
                        let tp: *const Value = upval!(get_b(i)).get().v;
                        let mut done = false;
                        if let Value::Table(h) = &*tp {
                            let v = h.get().get_short_str(field_name(kptr!(get_c(i))));
                            if !v.is_nil() {
                                copy(rptr!(get_a(i)), v);
                                done = true;
                            }
                        }
                        if !done {
                            cold_path();
                            let (t, key) = (get(tp), kst!(get_c(i)));
                            let v = protect!(st.index(t, key, Hint::Upval(get_b(i))));
                            put(rptr!(get_a(i)), v);
                        }
                    }
                    OpCode::GETTABLE => {
                        let mut done = false;
                        if let Value::Table(h) = &*rptr!(get_b(i)) {
                            let key = &*rptr!(get_c(i));
                            let hr = h.get();
                            match key {
                                // An array hit is copied straight from its slot.
                                Value::Int(n)
                                    if (*n as u64).wrapping_sub(1) < hr.array_len() as u64 =>
                                {
                                    let v = hr.array().get_unchecked((*n as u64 - 1) as usize);
                                    if !v.is_nil() {
                                        copy(rptr!(get_a(i)), v);
                                        done = true;
                                    }
                                }
                                Value::Str(ks) => {
                                    let v = hr.get_str_slot(*ks);
                                    if !v.is_nil() {
                                        copy(rptr!(get_a(i)), v);
                                        done = true;
                                    }
                                }
                                _ => {
                                    let v = hr.get(key);
                                    if !v.is_nil() {
                                        put(rptr!(get_a(i)), v);
                                        done = true;
                                    }
                                }
                            }
                        }
                        if !done {
                            cold_path();
                            let t = reg!(get_b(i));
                            let key = reg!(get_c(i));
                            let v = protect!(st.index(t, key, Hint::Reg(get_b(i))));
                            put(rptr!(get_a(i)), v);
                        }
                    }
                    OpCode::GETI => {
                        let n = get_c(i) as i64;
                        let mut done = false;
                        if let Value::Table(h) = &*rptr!(get_b(i)) {
                            let hr = h.get();
                            if (n as u64).wrapping_sub(1) < hr.array_len() as u64 {
                                let v = hr.array().get_unchecked((n - 1) as usize);
                                if !v.is_nil() {
                                    copy(rptr!(get_a(i)), v);
                                    done = true;
                                }
                            } else {
                                let v = hr.get_int(n);
                                if !v.is_nil() {
                                    put(rptr!(get_a(i)), v);
                                    done = true;
                                }
                            }
                        }
                        if !done {
                            cold_path();
                            let t = reg!(get_b(i));
                            let v = protect!(st.index(t, Value::Int(n), Hint::Reg(get_b(i))));
                            put(rptr!(get_a(i)), v);
                        }
                    }
                    OpCode::GETFIELD => {
                        // Matched in place: no copy of the operands on the fast path.
                        let mut done = false;
                        if let Value::Table(h) = &*rptr!(get_b(i)) {
                            let v = h.get().get_short_str(field_name(kptr!(get_c(i))));
                            if !v.is_nil() {
                                copy(rptr!(get_a(i)), v);
                                done = true;
                            }
                        }
                        if !done {
                            cold_path();
                            let t = reg!(get_b(i));
                            let ks = field_name(kptr!(get_c(i)));
                            // A table's own lookup just missed: continue from its metatable.
                            let fast = match t {
                                Value::Table(h) => st.index_str_after_miss(h.get().meta, ks),
                                _ => st.index_str_fast(t, ks),
                            };
                            match fast {
                                Some(v) => copy(rptr!(get_a(i)), v),
                                None => {
                                    let v =
                                        protect!(st.index(t, Value::Str(ks), Hint::Reg(get_b(i))));
                                    put(rptr!(get_a(i)), v);
                                }
                            }
                        }
                    }
                    OpCode::SETTABUP => {
                        let t = upval!(get_a(i)).get().get();
                        // The value is read through a pointer and copied as 16 raw bytes.
                        let vp: *const Value = if get_k(i) {
                            kptr!(get_c(i))
                        } else {
                            rptr!(get_c(i))
                        };
                        let done = match t {
                            Value::Table(h) => {
                                st.g().heap.barrier_value(h, &*vp);
                                h.get_mut()
                                    .replace_existing_short_str(field_name(kptr!(get_b(i))), vp)
                            }
                            _ => false,
                        };
                        if !done {
                            cold_path();
                            let (key, v) = (kst!(get_b(i)), get(vp));
                            protect!(st.newindex(t, key, v, Hint::Upval(get_a(i))));
                        }
                    }
                    OpCode::SETTABLE => {
                        let vp: *const Value = if get_k(i) {
                            kptr!(get_c(i))
                        } else {
                            rptr!(get_c(i))
                        };
                        let done = match (&*rptr!(get_a(i)), &*rptr!(get_b(i))) {
                            (Value::Table(h), Value::Int(n)) => {
                                st.g().heap.barrier_value(*h, &*vp);
                                let hm = h.get_mut();
                                let n = *n;
                                let idx = (n as u64).wrapping_sub(1);
                                if idx < hm.array_len() as u64 && !hm.array()[idx as usize].is_nil()
                                {
                                    copy(hm.array_mut().as_mut_ptr().add(idx as usize), vp);
                                    true
                                } else if hm.meta.is_none() {
                                    // No `__newindex` possible: a raw set (appends stay in the
                                    // array, in place when there is room).
                                    if !hm.append_in_place(idx, vp) {
                                        let v = get(vp);
                                        protect!(hm
                                            .set_int(&mut st.g().heap, n, v)
                                            .map_err(|e| st.oom(e)));
                                    }
                                    true
                                } else {
                                    hm.replace_existing(&Value::Int(n), get(vp))
                                }
                            }
                            (Value::Table(h), Value::Str(ks)) => {
                                st.g().heap.barrier_value(*h, &*vp);
                                h.get_mut().replace_existing_str(*ks, vp)
                            }
                            (Value::Table(h), key) => {
                                st.g().heap.barrier_value(*h, &*vp);
                                h.get_mut().replace_existing(key, get(vp))
                            }
                            _ => false,
                        };
                        if !done {
                            cold_path();
                            let t = reg!(get_a(i));
                            let key = reg!(get_b(i));
                            let v = get(vp);
                            protect!(st.newindex(t, key, v, Hint::Reg(get_a(i))));
                        }
                    }
                    OpCode::SETI => {
                        let n = get_b(i) as i64;
                        let vp: *const Value = if get_k(i) {
                            kptr!(get_c(i))
                        } else {
                            rptr!(get_c(i))
                        };
                        let done = match &*rptr!(get_a(i)) {
                            Value::Table(h) => {
                                st.g().heap.barrier_value(*h, &*vp);
                                let hm = h.get_mut();
                                let idx = (n as u64).wrapping_sub(1);
                                if idx < hm.array_len() as u64 && !hm.array()[idx as usize].is_nil()
                                {
                                    copy(hm.array_mut().as_mut_ptr().add(idx as usize), vp);
                                    true
                                } else {
                                    hm.replace_existing(&Value::Int(n), get(vp))
                                }
                            }
                            _ => false,
                        };
                        if !done {
                            cold_path();
                            let t = reg!(get_a(i));
                            let v = get(vp);
                            protect!(st.newindex(t, Value::Int(n), v, Hint::Reg(get_a(i))));
                        }
                    }
                    OpCode::SETFIELD => {
                        let vp: *const Value = if get_k(i) {
                            kptr!(get_c(i))
                        } else {
                            rptr!(get_c(i))
                        };
                        let done = match &*rptr!(get_a(i)) {
                            Value::Table(h) => {
                                st.g().heap.barrier_value(*h, &*vp);
                                h.get_mut()
                                    .replace_existing_short_str(field_name(kptr!(get_b(i))), vp)
                            }
                            _ => false,
                        };
                        if !done {
                            cold_path();
                            let t = reg!(get_a(i));
                            let key = kst!(get_b(i));
                            let v = get(vp);
                            protect!(st.newindex(t, key, v, Hint::Reg(get_a(i))));
                        }
                    }
                    OpCode::NEWTABLE => {
                        let a = get_a(i);
                        let mut b = get_b(i) as usize;
                        if b > 0 {
                            b = 1 << (b - 1);
                        }
                        let mut c = get_c(i) as usize;
                        if get_k(i) {
                            c += get_ax(*pc) as usize * (MAXARG_C as usize + 1);
                        }
                        pc = pc.add(1);
                        let t = protect!(st.new_table_sized(c, b));
                        put(sp.add(a as usize), Value::Table(t));
                        check_gc!(a + 1);
                    }
                    OpCode::SELF => {
                        let a = get_a(i) as usize;
                        let t = reg!(get_b(i));
                        let key = if get_k(i) {
                            kst!(get_c(i))
                        } else {
                            reg!(get_c(i))
                        };
                        copy(sp.add(a + 1), rptr!(get_b(i)));
                        // The method is usually found through `__index` (a class table), so the
                        // raw lookup and the chain are one path.
                        let fast = match key {
                            Value::Str(ks) => st.index_str_fast(t, ks),
                            _ => None,
                        };
                        match fast {
                            Some(v) => copy(sp.add(a), v),
                            None => {
                                cold_path();
                                let v = protect!(st.index(t, key, Hint::Reg(get_b(i))));
                                put(sp.add(a), v);
                            }
                        }
                    }
                    OpCode::ADDI => {
                        let px = rptr!(get_b(i));
                        let imm = get_sc(i) as i64;
                        match tag(px) {
                            TAG_INT => {
                                put_int(rptr!(get_a(i)), int_at(px).wrapping_add(imm));
                                pc = pc.add(1);
                            }
                            TAG_NUM => {
                                put_num(rptr!(get_a(i)), num_at(px) + imm as f64);
                                pc = pc.add(1);
                            }
                            _ => {}
                        }
                    }
                    OpCode::ADDK => arith_ii_ff!(
                        i,
                        rptr!(get_b(i)),
                        kptr!(get_c(i)),
                        i64::wrapping_add,
                        |x, y| x + y
                    ),
                    OpCode::SUBK => arith_ii_ff!(
                        i,
                        rptr!(get_b(i)),
                        kptr!(get_c(i)),
                        i64::wrapping_sub,
                        |x, y| x - y
                    ),
                    OpCode::MULK => arith_ii_ff!(
                        i,
                        rptr!(get_b(i)),
                        kptr!(get_c(i)),
                        i64::wrapping_mul,
                        |x, y| x * y
                    ),
                    OpCode::MODK => {
                        arith_div!(
                            i,
                            rptr!(get_b(i)),
                            kptr!(get_c(i)),
                            int_mod,
                            arith::float_mod
                        )
                    }
                    OpCode::POWK => {
                        arith_ff!(i, rptr!(get_b(i)), kptr!(get_c(i)), convert::float_pow)
                    }
                    OpCode::DIVK => {
                        arith_ff!(i, rptr!(get_b(i)), kptr!(get_c(i)), |x: f64, y: f64| x / y)
                    }
                    OpCode::IDIVK => arith_div!(
                        i,
                        rptr!(get_b(i)),
                        kptr!(get_c(i)),
                        int_idiv,
                        arith::float_idiv
                    ),
                    OpCode::BANDK => {
                        bitwise!(i, rptr!(get_b(i)), kptr!(get_c(i)), |x: i64, y: i64| x & y)
                    }
                    OpCode::BORK => {
                        bitwise!(i, rptr!(get_b(i)), kptr!(get_c(i)), |x: i64, y: i64| x | y)
                    }
                    OpCode::BXORK => {
                        bitwise!(i, rptr!(get_b(i)), kptr!(get_c(i)), |x: i64, y: i64| x ^ y)
                    }
                    OpCode::SHRI => {
                        if let Some(x) = convert::to_int_ns(&*rptr!(get_b(i))) {
                            put_int(rptr!(get_a(i)), arith::shift_left(x, -(get_sc(i) as i64)));
                            pc = pc.add(1);
                        }
                    }
                    OpCode::SHLI => {
                        if let Some(x) = convert::to_int_ns(&*rptr!(get_b(i))) {
                            put_int(rptr!(get_a(i)), arith::shift_left(get_sc(i) as i64, x));
                            pc = pc.add(1);
                        }
                    }
                    OpCode::ADD => arith_ii_ff!(
                        i,
                        rptr!(get_b(i)),
                        rptr!(get_c(i)),
                        i64::wrapping_add,
                        |x, y| x + y
                    ),
                    OpCode::SUB => arith_ii_ff!(
                        i,
                        rptr!(get_b(i)),
                        rptr!(get_c(i)),
                        i64::wrapping_sub,
                        |x, y| x - y
                    ),
                    OpCode::MUL => arith_ii_ff!(
                        i,
                        rptr!(get_b(i)),
                        rptr!(get_c(i)),
                        i64::wrapping_mul,
                        |x, y| x * y
                    ),
                    OpCode::MOD => {
                        arith_div!(
                            i,
                            rptr!(get_b(i)),
                            rptr!(get_c(i)),
                            int_mod,
                            arith::float_mod
                        )
                    }
                    OpCode::POW => {
                        arith_ff!(i, rptr!(get_b(i)), rptr!(get_c(i)), convert::float_pow)
                    }
                    OpCode::DIV => {
                        arith_ff!(i, rptr!(get_b(i)), rptr!(get_c(i)), |x: f64, y: f64| x / y)
                    }
                    OpCode::IDIV => arith_div!(
                        i,
                        rptr!(get_b(i)),
                        rptr!(get_c(i)),
                        int_idiv,
                        arith::float_idiv
                    ),
                    OpCode::BAND => {
                        bitwise!(i, rptr!(get_b(i)), rptr!(get_c(i)), |x: i64, y: i64| x & y)
                    }
                    OpCode::BOR => {
                        bitwise!(i, rptr!(get_b(i)), rptr!(get_c(i)), |x: i64, y: i64| x | y)
                    }
                    OpCode::BXOR => {
                        bitwise!(i, rptr!(get_b(i)), rptr!(get_c(i)), |x: i64, y: i64| x ^ y)
                    }
                    OpCode::SHL => bitwise!(i, rptr!(get_b(i)), rptr!(get_c(i)), arith::shift_left),
                    OpCode::SHR => {
                        bitwise!(i, rptr!(get_b(i)), rptr!(get_c(i)), |x: i64, y: i64| {
                            arith::shift_left(x, y.wrapping_neg())
                        })
                    }
                    OpCode::MMBIN => {
                        cold_path();
                        let prev = *pc.sub(2);
                        let a = reg!(get_a(i));
                        let b = reg!(get_b(i));
                        let event = TmName::from_u8(get_c(i) as u8).unwrap_or(TmName::Add);
                        let r = protect!(st.arith_tm(
                            a,
                            b,
                            event,
                            Hint::Reg(get_a(i)),
                            Hint::Reg(get_b(i))
                        ));
                        put(rptr!(get_a(prev)), r);
                    }
                    OpCode::MMBINI => {
                        cold_path();
                        let prev = *pc.sub(2);
                        let a = reg!(get_a(i));
                        let imm = Value::Int(get_sb(i) as i64);
                        let event = TmName::from_u8(get_c(i) as u8).unwrap_or(TmName::Add);
                        let r = if get_k(i) {
                            protect!(st.arith_tm(imm, a, event, Hint::None, Hint::Reg(get_a(i))))
                        } else {
                            protect!(st.arith_tm(a, imm, event, Hint::Reg(get_a(i)), Hint::None))
                        };
                        put(rptr!(get_a(prev)), r);
                    }
                    OpCode::MMBINK => {
                        cold_path();
                        let prev = *pc.sub(2);
                        let a = reg!(get_a(i));
                        let imm = kst!(get_b(i));
                        let event = TmName::from_u8(get_c(i) as u8).unwrap_or(TmName::Add);
                        let r = if get_k(i) {
                            protect!(st.arith_tm(imm, a, event, Hint::None, Hint::Reg(get_a(i))))
                        } else {
                            protect!(st.arith_tm(a, imm, event, Hint::Reg(get_a(i)), Hint::None))
                        };
                        put(rptr!(get_a(prev)), r);
                    }
                    OpCode::UNM => {
                        let b = reg!(get_b(i));
                        let r = match b {
                            Value::Int(n) => {
                                put_int(rptr!(get_a(i)), n.wrapping_neg());
                                continue 'dispatch;
                            }
                            Value::Num(f) => {
                                put_num(rptr!(get_a(i)), -f);
                                continue 'dispatch;
                            }
                            _ => protect!(st.arith_tm(
                                b,
                                b,
                                TmName::Unm,
                                Hint::Reg(get_b(i)),
                                Hint::Reg(get_b(i))
                            )),
                        };
                        put(rptr!(get_a(i)), r);
                    }
                    OpCode::BNOT => {
                        let b = reg!(get_b(i));
                        let r = match convert::to_int_ns(&b) {
                            Some(n) => Value::Int(!n),
                            None => {
                                protect!(st.arith_tm(
                                    b,
                                    b,
                                    TmName::BNot,
                                    Hint::Reg(get_b(i)),
                                    Hint::Reg(get_b(i))
                                ))
                            }
                        };
                        put(rptr!(get_a(i)), r);
                    }
                    OpCode::NOT => put(rptr!(get_a(i)), Value::Bool(reg!(get_b(i)).is_falsy())),
                    OpCode::LEN => {
                        let b = reg!(get_b(i));
                        let r = match b {
                            Value::Str(s) => {
                                put_int(rptr!(get_a(i)), s.get().len() as i64);
                                continue 'dispatch;
                            }
                            Value::Table(h) if h.get().meta.is_none() => {
                                put_int(rptr!(get_a(i)), h.get().length());
                                continue 'dispatch;
                            }
                            _ => protect!(st.obj_len(b, Hint::Reg(get_b(i)))),
                        };
                        put(rptr!(get_a(i)), r);
                    }
                    OpCode::CONCAT => {
                        let a = get_a(i) as usize;
                        let n = get_b(i) as usize;
                        (*thp).top = base!() + a + n;
                        protect_nt!(st.concat(n));
                        check_gc!(a + 1);
                    }
                    OpCode::CLOSE => {
                        protect!(st.close_level_k(base!() + get_a(i) as usize, None, true));
                    }
                    OpCode::TBC => {
                        protect!(st.new_tbc(base!() + get_a(i) as usize));
                    }
                    OpCode::JMP => {
                        let sj = get_sj(i);
                        pc = pc.offset(sj as isize);
                        if sj < 0 {
                            stop_if_interrupted!();
                        }
                    }
                    OpCode::EQ => {
                        // Compared in place; the common kinds without a call.
                        let (pa, pb) = (&*rptr!(get_a(i)), &*rptr!(get_b(i)));
                        let cond = match (pa, pb) {
                            (Value::Int(x), Value::Int(y)) => x == y,
                            (Value::Str(x), Value::Str(y)) => LuaStr::equal(*x, *y),
                            (Value::Table(x), Value::Table(y)) if x == y => true,
                            (Value::Table(_), Value::Table(_))
                            | (Value::UserData(_), Value::UserData(_)) => {
                                cold_path();
                                let (a, b) = (get(pa), get(pb));
                                protect!(st.equal(a, b))
                            }
                            _ => pa.raw_eq(pb),
                        };
                        cond_jump!(cond, i);
                    }
                    OpCode::LT => order!(i, <, <, less_than),
                    OpCode::LE => order!(i, <=, <=, less_equal),
                    OpCode::EQK => {
                        let (pa, pk) = (&*rptr!(get_a(i)), &*kptr!(get_b(i)));
                        let cond = match (pa, pk) {
                            (Value::Int(x), Value::Int(y)) => x == y,
                            (Value::Str(x), Value::Str(y)) => LuaStr::equal(*x, *y),
                            _ => pa.raw_eq(pk),
                        };
                        cond_jump!(cond, i);
                    }
                    OpCode::EQI => {
                        let im = get_sb(i) as i64;
                        let cond = match &*rptr!(get_a(i)) {
                            Value::Int(x) => *x == im,
                            Value::Num(f) => *f == im as f64,
                            _ => false,
                        };
                        cond_jump!(cond, i);
                    }
                    OpCode::LTI => order_imm!(i, <, TmName::Lt, false),
                    OpCode::LEI => order_imm!(i, <=, TmName::Le, false),
                    OpCode::GTI => order_imm!(i, >, TmName::Lt, true),
                    OpCode::GEI => order_imm!(i, >=, TmName::Le, true),
                    OpCode::TEST => {
                        let cond = !reg!(get_a(i)).is_falsy();
                        cond_jump!(cond, i);
                    }
                    OpCode::TESTSET => {
                        let b = rptr!(get_b(i));
                        if (*b).is_falsy() == get_k(i) {
                            pc = pc.add(1);
                        } else {
                            copy(rptr!(get_a(i)), b);
                            jump_next!();
                        }
                    }
                    OpCode::CALL => {
                        let a = get_a(i) as usize;
                        let b = get_b(i) as usize;
                        let nresults = get_c(i) as i32 - 1;
                        let func = base!() + a;
                        let th = &mut *thp;
                        if b != 0 {
                            th.top = func + b;
                        }
                        savepc!();
                        // Fast path: a Lua callee with enough stack gets its frame right here.
                        if let Value::LFn(callee) = get(sp.add(a)) {
                            let p = callee.get().proto.get();
                            let fsize = p.max_stack as usize;
                            if th.top + fsize <= th.stack_size() && th.cis.len() < MAX_FRAMES {
                                let nargs = th.top - func - 1;
                                let nparams = p.num_params as usize;
                                if nargs < nparams {
                                    let stk = th.stack.as_mut_ptr();
                                    for j in nargs..nparams {
                                        put(stk.add(func + 1 + j), Value::Nil);
                                    }
                                    th.top = func + 1 + nparams;
                                }
                                let callee_code = p.code.as_ptr();
                                push_lua_frame(th, func, func + 1 + fsize, nresults, callee_code);
                                if th.hook.mask != 0 || interrupted!() {
                                    continue 'newframe;
                                }
                                // Enter the callee without reloading what is already known.
                                cl = callee;
                                kp = p.k.as_ptr();
                                pc = callee_code;
                                sp = th.stack.as_mut_ptr().add(func + 1);
                                continue 'dispatch;
                            }
                        }
                        // Fast path: a native callee without hooks runs right here (the work of
                        // `precall` + `poscall` for natives, without their hook tests). Kept apart
                        // from `call_native` on purpose: routing CALL through it measured 6% more
                        // instructions on call-heavy programs (lisp_interp, nbody).
                        let native = match get(sp.add(a)) {
                            Value::NFn(f) => Some(f),
                            Value::NCl(c) => match &c.get().f {
                                NativeKind::Fn(f) => Some(*f),
                                NativeKind::Boxed(_) => None,
                            },
                            _ => None,
                        };
                        if let Some(f) = native
                            .filter(|_| th.hook.mask == 0 && th.top + MIN_STACK <= th.stack_size())
                        {
                            let top = th.top;
                            th.cis
                                .push(CallInfo::new(func, top + MIN_STACK, nresults, cist::C));
                            let r = f(st);
                            refresh!(func - a);
                            let n = r?;
                            let th = &mut *thp;
                            let n = n.min(th.top - func - 1);
                            if th.hook.mask != 0 {
                                // The callee set a hook (`debug.sethook`): the return hook and
                                // its line bookkeeping apply.
                                protect_nt!(st.poscall(n));
                            } else {
                                th.cis.pop();
                                let first = th.top - n;
                                move_results(th, func, first, n, nresults);
                            }
                        } else {
                            cold_path();
                            let is_lua = st.precall(func, nresults);
                            refresh!(func - a);
                            if is_lua? {
                                continue 'newframe;
                            }
                        }
                        if st.g().heap.should_collect() {
                            st.collect_step();
                            refresh!(func - a);
                        }
                        if ((*thp).hook.mask & TRACE_MASK != 0) != HOOKED {
                            return Ok(false);
                        }
                    }
                    OpCode::TAILCALL => {
                        let a = get_a(i) as usize;
                        let mut b = get_b(i) as usize;
                        let nparams1 = get_c(i) as usize;
                        let (base, ci_idx) = (base!(), ci_idx!());
                        let th = &mut *thp;
                        let delta = if nparams1 != 0 {
                            th.cis[ci_idx].nextraargs + nparams1
                        } else {
                            0
                        };
                        if b != 0 {
                            th.top = base + a + b;
                        } else {
                            b = th.top - (base + a);
                        }
                        savepc!();
                        if get_k(i) {
                            st.close_upvals(base);
                        }
                        // Fast path: a Lua callee replaces this frame right here.
                        let th = &mut *thp;
                        if let Value::LFn(callee) = get(sp.add(a)) {
                            let p = callee.get().proto.get();
                            let fsize = p.max_stack as usize;
                            if th.hook.mask == 0 && th.top + fsize <= th.stack_size() {
                                let func = base + a;
                                let nargs = b - 1;
                                let c = &mut *th.cis.as_mut_ptr().add(ci_idx);
                                let dst = c.func - delta;
                                let stk = th.stack.as_mut_ptr();
                                // `dst <= func`: a forward copy never overwrites what it reads.
                                for j in 0..=nargs {
                                    copy(stk.add(dst + j), stk.add(func + j));
                                }
                                let nparams = p.num_params as usize;
                                for j in nargs..nparams {
                                    put(stk.add(dst + 1 + j), Value::Nil);
                                }
                                let callee_code = p.code.as_ptr();
                                c.reuse_for_tail_call(dst, dst + 1 + fsize, callee_code);
                                th.top = dst + 1 + nargs.max(nparams);
                                if interrupted!() {
                                    continue 'newframe;
                                }
                                cl = callee;
                                kp = p.k.as_ptr();
                                pc = callee_code;
                                sp = stk.add(dst + 1);
                                continue 'dispatch;
                            }
                        }
                        let r = st.pretailcall(ci_idx, base + a, b - 1, delta);
                        refresh!(base);
                        match r? {
                            None => continue 'newframe,
                            Some(n) => {
                                // A native function ran; finish this frame with its results.
                                let th = &mut *thp;
                                th.cis[ci_idx].func -= delta;
                                let fresh = th.cis[ci_idx].status & cist::FRESH != 0;
                                st.poscall(n)?;
                                if fresh {
                                    return Ok(true);
                                }
                                continue 'newframe;
                            }
                        }
                    }
                    OpCode::RETURN => {
                        let a = get_a(i) as usize;
                        let (base, ci_idx) = (base!(), ci_idx!());
                        let th = &mut *thp;
                        let n = if get_b(i) == 0 {
                            th.top - (base + a)
                        } else {
                            get_b(i) as usize - 1
                        };
                        savepc!();
                        if get_k(i) {
                            let th = &mut *thp;
                            th.cis[ci_idx].nres = n;
                            if th.top < th.cis[ci_idx].top {
                                th.top = th.cis[ci_idx].top;
                            }
                            protect_nt!(st.close_level_k(base, None, true));
                        }
                        let th = &mut *thp;
                        if get_c(i) != 0 {
                            th.cis[ci_idx].func -= th.cis[ci_idx].nextraargs + get_c(i) as usize;
                        }
                        th.top = base + a + n;
                        let fresh = th.cis[ci_idx].status & cist::FRESH != 0;
                        st.poscall(n)?;
                        if fresh {
                            return Ok(true);
                        }
                        continue 'newframe;
                    }
                    OpCode::RETURN0 => {
                        let (base, ci_idx) = (base!(), ci_idx!());
                        let th = &mut *thp;
                        if th.hook.mask != 0 {
                            th.top = base + get_a(i) as usize;
                            savepc!();
                        } else {
                            let c = &th.cis[ci_idx];
                            let (wanted, status) = (c.nresults, c.status);
                            th.cis.truncate(ci_idx);
                            let res = base - 1;
                            if wanted > 0 {
                                for j in 0..wanted as usize {
                                    th.stack[res + j] = Value::Nil;
                                }
                                th.top = res + wanted as usize;
                            } else {
                                th.top = res;
                            }
                            if status & cist::FRESH != 0 {
                                return Ok(true);
                            }
                            return_to_caller!('newframe, 'dispatch);
                        }
                        let fresh = th.cis[ci_idx].status & cist::FRESH != 0;
                        st.poscall(0)?;
                        if fresh {
                            return Ok(true);
                        }
                        continue 'newframe;
                    }
                    OpCode::RETURN1 => {
                        let (base, ci_idx) = (base!(), ci_idx!());
                        let th = &mut *thp;
                        let a = get_a(i) as usize;
                        if th.hook.mask != 0 {
                            th.top = base + a + 1;
                            savepc!();
                        } else {
                            let c = &*th.cis.as_ptr().add(ci_idx);
                            let (wanted, status) = (c.nresults, c.status);
                            th.cis.set_len(ci_idx);
                            let res = base - 1;
                            if wanted == 0 {
                                th.top = res;
                            } else {
                                // `res + wanted` is within the caller's frame, inside the stack.
                                let stk = th.stack.as_mut_ptr();
                                copy(stk.add(res), sp.add(a));
                                let mut t = res + 1;
                                let mut w = wanted;
                                while w > 1 {
                                    put(stk.add(t), Value::Nil);
                                    t += 1;
                                    w -= 1;
                                }
                                th.top = t;
                            }
                            if status & cist::FRESH != 0 {
                                return Ok(true);
                            }
                            return_to_caller!('newframe, 'dispatch);
                        }
                        let fresh = th.cis[ci_idx].status & cist::FRESH != 0;
                        st.poscall(1)?;
                        if fresh {
                            return Ok(true);
                        }
                        continue 'newframe;
                    }
                    OpCode::FORLOOP => {
                        let a = get_a(i) as usize;
                        match reg!(a + 2) {
                            Value::Int(step) => {
                                // Integer loop: R[A+1] holds the remaining iteration count.
                                // The internal slots keep their tags: only the payloads change.
                                if let Value::Int(count) = &mut *sp.add(a + 1) {
                                    if *count as u64 > 0 {
                                        *count -= 1;
                                        if let Value::Int(idx) = &mut *sp.add(a) {
                                            *idx = idx.wrapping_add(step);
                                            put_int(sp.add(a + 3), *idx);
                                        }
                                        pc = pc.sub(get_bx(i) as usize);
                                        stop_if_interrupted!();
                                    }
                                }
                            }
                            Value::Num(step) => {
                                if let (Value::Num(idx), Value::Num(limit)) = (reg!(a), reg!(a + 1))
                                {
                                    let idx = idx + step;
                                    let go = if step > 0.0 {
                                        idx <= limit
                                    } else {
                                        limit <= idx
                                    };
                                    if go {
                                        put_num(sp.add(a), idx);
                                        put_num(sp.add(a + 3), idx);
                                        pc = pc.sub(get_bx(i) as usize);
                                        stop_if_interrupted!();
                                    }
                                }
                            }
                            _ => {}
                        }
                    }
                    OpCode::FORPREP => {
                        let a = get_a(i) as usize;
                        let ra = sp.add(a);
                        // All-integer loops are prepared here (short inner loops pay this at
                        // every entry); float, mixed, converted and erroneous ones in `for_prep`.
                        let fast = tag(ra) == TAG_INT
                            && tag(ra.add(1)) == TAG_INT
                            && tag(ra.add(2)) == TAG_INT
                            && int_at(ra.add(2)) != 0;
                        if fast {
                            let init = int_at(ra);
                            match for_count(init, int_at(ra.add(1)), int_at(ra.add(2))) {
                                Some(count) => {
                                    put_int(ra.add(1), count as i64);
                                    put_int(ra.add(3), init);
                                }
                                None => pc = pc.add(get_bx(i) as usize + 1),
                            }
                        } else {
                            cold_path();
                            let skip = protect!(st.for_prep(base!() + a));
                            if skip {
                                pc = pc.add(get_bx(i) as usize + 1);
                            }
                        }
                    }
                    OpCode::TFORPREP => {
                        let a = get_a(i) as usize;
                        protect!(st.new_tbc(base!() + a + 3));
                        pc = pc.add(get_bx(i) as usize);
                        // Falls into the TFORCALL that follows the loop body.
                    }
                    OpCode::TFORCALL => {
                        let a = get_a(i) as usize;
                        // `pairs` and `ipairs` over a plain table step without a call (hooks
                        // would see one).
                        if (*thp).hook.mask == 0 && tforcall_inline(sp.add(a), get_c(i) as usize) {
                            continue 'dispatch;
                        }
                        copy(sp.add(a + 4), sp.add(a));
                        copy(sp.add(a + 5), sp.add(a + 1));
                        copy(sp.add(a + 6), sp.add(a + 2));
                        let base = base!();
                        (*thp).top = base + a + 7;
                        savepc!();
                        let is_lua = st.precall(base + a + 4, get_c(i) as i32);
                        refresh!(base);
                        if is_lua? {
                            continue 'newframe;
                        }
                        // As after CALL: a native iterator may have allocated (io.lines, gmatch).
                        if st.g().heap.should_collect() {
                            st.collect_step();
                            refresh!(base);
                        }
                        if ((*thp).hook.mask & TRACE_MASK != 0) != HOOKED {
                            return Ok(false);
                        }
                    }
                    OpCode::TFORLOOP => {
                        let a = get_a(i) as usize;
                        let v = reg!(a + 4);
                        if !v.is_nil() {
                            put(sp.add(a + 2), v);
                            pc = pc.sub(get_bx(i) as usize);
                            stop_if_interrupted!();
                        }
                    }
                    OpCode::SETLIST => {
                        let a = get_a(i) as usize;
                        let mut n = get_b(i) as usize;
                        let mut last = get_c(i) as usize;
                        let (base, ci_idx) = (base!(), ci_idx!());
                        let th = &mut *thp;
                        if n == 0 {
                            n = th.top - (base + a) - 1;
                        } else {
                            th.top = th.cis[ci_idx].top;
                        }
                        last += n;
                        if get_k(i) {
                            last += get_ax(*pc) as usize * (MAXARG_C as usize + 1);
                            pc = pc.add(1);
                        }
                        if let Value::Table(h) = reg!(a) {
                            savepc!();
                            let vals = std::slice::from_raw_parts(sp.add(a + 1), n);
                            let r = st.set_list(h, last - n, vals);
                            refresh!(base);
                            r?;
                        }
                    }
                    OpCode::CLOSURE => {
                        let a = get_a(i) as usize;
                        let p = cl.get().proto.get().protos[get_bx(i) as usize];
                        let c = protect!(st.new_lclosure(p, cl, base!()));
                        put(sp.add(a), Value::LFn(c));
                        check_gc!(a + 1);
                    }
                    OpCode::VARARG => {
                        let a = get_a(i) as usize;
                        let n = get_c(i) as i32 - 1;
                        protect_nt!(st.get_varargs(ci_idx!(), base!() + a, n));
                    }
                    OpCode::VARARGPREP => {
                        savepc!();
                        let r = st.adjust_varargs(ci_idx!(), cl.get().proto.get());
                        // The frame moved up, above its extra arguments.
                        refresh!((*cur_ci!()).func + 1);
                        r?;
                        if (*thp).hook.mask != 0 {
                            protect_nt!(st.call_hook_for_lua());
                            // The next instruction is seen as a new line.
                            (*thp).hook.old_pc = 1;
                        }
                        trace_on = HOOKED;
                        if ((*thp).hook.mask & TRACE_MASK != 0) != HOOKED {
                            savepc!();
                            return Ok(false);
                        }
                    }
                    OpCode::EXTRAARG => {
                        savepc!();
                        return Err(st.runtime_error("invalid instruction EXTRAARG"));
                    }
                }
            }
        }
    }
}

impl State {
    /// A tail call from frame `ci_idx`: moves the function and its `nargs` arguments down to the frame's
    /// function slot (minus `delta` for vararg functions) and reuses the frame for a Lua callee (`None`),
    /// or runs a native callee and returns its number of results.
    pub(crate) fn pretailcall(
        &mut self,
        ci_idx: usize,
        func: usize,
        nargs: usize,
        delta: usize,
    ) -> LuaResult<Option<usize>> {
        let mut nargs = nargs;
        let mut tries = 0;
        loop {
            let f = self.th().stack[func];
            match f {
                Value::LFn(cl) => {
                    let p = cl.get().proto.get();
                    let fsize = p.max_stack as usize;
                    self.check_stack(fsize)?;
                    let th = self.th();
                    let dst = th.cis[ci_idx].func - delta;
                    th.stack.copy_within(func..func + nargs + 1, dst);
                    let nparams = p.num_params as usize;
                    for j in nargs..nparams {
                        th.stack[dst + 1 + j] = Value::Nil;
                    }
                    th.cis[ci_idx].reuse_for_tail_call(dst, dst + 1 + fsize, p.code.as_ptr());
                    th.top = dst + 1 + nargs.max(nparams);
                    return Ok(None);
                }
                Value::NFn(_) | Value::NCl(_) => {
                    let th = self.th();
                    let before = th.cis.len();
                    self.precall(func, MULTRET)?;
                    debug_assert_eq!(self.th().cis.len(), before);
                    let th = self.th();
                    return Ok(Some(th.top - func));
                }
                _ => {
                    tries += 1;
                    if tries > 100 {
                        return Err(self.call_error(f));
                    }
                    let tm = self.tm_of(&f, TmName::Call);
                    if tm.is_nil() {
                        return Err(self.call_error(f));
                    }
                    self.check_stack(1)?;
                    let th = self.th();
                    th.stack.copy_within(func..th.top, func + 1);
                    th.top += 1;
                    th.stack[func] = tm;
                    nargs += 1;
                }
            }
        }
    }

    /// `luaT_adjustvarargs`: moves the function and its fixed parameters above the actual arguments so the
    /// extra arguments stay below the frame.
    fn adjust_varargs(&mut self, ci_idx: usize, p: &Proto) -> LuaResult<()> {
        let th = self.th();
        let func = th.cis[ci_idx].func;
        let nfix = p.num_params as usize;
        let actual = th.top - func - 1;
        let nextra = actual.saturating_sub(nfix);
        th.cis[ci_idx].nextraargs = nextra;
        self.check_stack(p.max_stack as usize + 1)?;
        let th = self.th();
        let mut top = th.top;
        th.stack[top] = th.stack[func];
        top += 1;
        for j in 1..=nfix {
            th.stack[top] = th.stack[func + j];
            th.stack[func + j] = Value::Nil;
            top += 1;
        }
        th.top = top;
        let ci = &mut th.cis[ci_idx];
        ci.func += actual + 1;
        ci.top += actual + 1;
        Ok(())
    }

    /// `VARARG`: copies `n` extra arguments (all of them when `n < 0`) to `ra`.
    fn get_varargs(&mut self, ci_idx: usize, ra: usize, n: i32) -> LuaResult<()> {
        let th = self.th();
        let nextra = th.cis[ci_idx].nextraargs;
        let n = if n < 0 {
            self.check_stack(nextra)?;
            let th = self.th();
            th.top = ra + nextra;
            nextra
        } else {
            n as usize
        };
        let th = self.th();
        let func = th.cis[ci_idx].func;
        for j in 0..n {
            th.stack[ra + j] = if j < nextra {
                th.stack[func - nextra + j]
            } else {
                Value::Nil
            };
        }
        Ok(())
    }

    /// `CLOSURE`: a new Lua closure for prototype `p`, capturing upvalues of `parent` or of its frame.
    pub(crate) fn new_lclosure(
        &mut self,
        p: Gc<Proto>,
        parent: Gc<LClosure>,
        base: usize,
    ) -> LuaResult<Gc<LClosure>> {
        let descs = &p.get().upvalues;
        let mut ups = Vec::with_capacity(descs.len());
        for d in descs.iter() {
            let uv = if d.in_stack {
                self.find_upval(base + d.index as usize)?
            } else {
                parent.get().upvals[d.index as usize]
            };
            ups.push(uv);
        }
        self.alloc(LClosure {
            proto: p,
            upvals: ups.into_boxed_slice(),
        })
    }

    /// `SETLIST`: stores `vals` at `t[first+1 ..]`.
    fn set_list(&mut self, t: Gc<Table>, first: usize, vals: &[Value]) -> LuaResult<()> {
        self.g().heap.barrier(t);
        let h = t.get_mut();
        let last = first + vals.len();
        if last > h.array_len() {
            let nh = h.nodes().len();
            h.resize(&mut self.g().heap, last, nh)
                .map_err(|e| self.oom(e))?;
        }
        h.array_mut()[first..last].copy_from_slice(vals);
        Ok(())
    }

    /// A table presized for `narr` array items and `nrec` fields.
    pub(crate) fn new_table_sized(&mut self, narr: usize, nrec: usize) -> LuaResult<Gc<Table>> {
        // Absurd sizes (from the host API) are memory errors, cap or not.
        let bytes = narr
            .checked_mul(std::mem::size_of::<Value>())
            .zip(nrec.checked_next_power_of_two())
            .and_then(|(a, n)| n.checked_mul(40).and_then(|h| a.checked_add(h)))
            .filter(|&b| b <= crate::vm::limits::MAX_OBJECT_BYTES)
            .ok_or_else(|| self.mem_error())?;
        self.g().heap.check(bytes).map_err(|e| self.oom(e))?;
        Table::alloc(&mut self.g().heap, narr, nrec).map_err(|e| self.oom(e))
    }
}

//! One step of a generic `for` over a table with `next` (what `pairs` returns for a table without
//! `__pairs`) or with `ipairs`' iterator, done by `TFORCALL` without calling the native function: no
//! frame record, no argument copies, no result transfer. Only the plain cases are taken here; every
//! other one (another iterator, a state that is not a table, a key `next` does not know, a control
//! value that is not an integer, an `ipairs` hole in a table with a metatable, hooks) makes the
//! interpreter call the iterator as before, which raises the same errors and runs the same
//! metamethods.

use crate::stdlib::base;
use crate::value::store::put;
use crate::value::Value;
use crate::vm::state::NativeFn;

/// Runs the iterator call of `TFORCALL` at `ra` (iterator, state, control, closing value; the
/// results go from `ra + 4`) for `nresults` loop variables, if it is one of the plain cases above.
/// Returns whether it did. The first test inline: loops over other iterators (closures, coroutines)
/// pay two instructions.
///
/// # Safety
/// `ra` must point to register A of a `TFORCALL` in the running frame, whose registers up to
/// `ra + 4 + nresults` exist (the compiler reserves them for the loop variables).
#[inline(always)]
pub(crate) unsafe fn tforcall_inline(ra: *mut Value, nresults: usize) -> bool {
    // SAFETY: the caller's contract: register A exists.
    unsafe { matches!(*ra, Value::NFn(_)) && step_table(ra, nresults) }
}

/// The rest of `tforcall_inline`, out of the interpreter loop.
///
/// # Safety
/// As `tforcall_inline`.
#[inline(never)]
unsafe fn step_table(ra: *mut Value, nresults: usize) -> bool {
    // SAFETY: the caller's contract: registers A to A + 2 exist.
    let (f, state, control) = unsafe { (*ra, *ra.add(1), *ra.add(2)) };
    let (Value::NFn(f), Value::Table(t)) = (f, state) else {
        return false;
    };
    let t = t.get();
    let (k, v) = if std::ptr::fn_addr_eq(f, base::next as NativeFn) {
        match t.next(&control) {
            Ok(Some(kv)) => kv,
            Ok(None) => (Value::Nil, Value::Nil),
            // "invalid key to 'next'": raised by the call.
            Err(_) => return false,
        }
    } else if std::ptr::fn_addr_eq(f, base::ipairs_aux as NativeFn) {
        let Value::Int(i) = control else {
            return false;
        };
        let i = i.wrapping_add(1);
        let v = t.get_int(i);
        if !v.is_nil() {
            (Value::Int(i), v)
        } else if t.meta.is_none() {
            (Value::Nil, Value::Nil)
        } else {
            // `__index` may supply the value.
            return false;
        }
    } else {
        return false;
    };
    // The iterator's results adjusted to the loop variables, as a call with `nresults` results.
    for (j, r) in [k, v]
        .into_iter()
        .chain(std::iter::repeat(Value::Nil))
        .take(nresults)
        .enumerate()
    {
        // SAFETY: the caller's contract: registers A + 4 to A + 3 + nresults exist.
        unsafe { put(ra.add(4 + j), r) };
    }
    true
}

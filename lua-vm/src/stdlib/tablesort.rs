//! `table.sort`: the reference's quicksort (Sedgewick's variant with median-of-three pivots,
//! randomised pivots for badly unbalanced partitions), working on the Lua stack through
//! `get_i`/`set_i` so metamethods apply and the same comparisons happen in the same order, which
//! makes "invalid order function for sorting" appear in the same situations as in lua5.4.
//! Recursion only follows the smaller partition, so its depth stays below 32.
#![forbid(unsafe_code)]

use crate::value::store::{read, write};
use crate::value::Type;
use crate::vm::error::LuaResult;
use crate::vm::state::State;

use super::table::{aux_getn, plain_table, TAB_RW};

/// Partitions larger than this may use a randomised pivot.
const RANLIMIT: u32 = 100;

/// A "random" number from the clock, used to pick pivots once a partition was very unbalanced.
fn randomize_pivot() -> u32 {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    let secs = now.as_secs();
    let nanos = now.subsec_nanos();
    (secs as u32)
        .wrapping_add((secs >> 32) as u32)
        .wrapping_add(nanos)
}

/// Pops the two values on top into `t[i]` (top) and `t[j]` (below it).
fn set2(st: &mut State, i: u32, j: u32) -> LuaResult<()> {
    seti(st, i)?;
    seti(st, j)
}

/// Pushes `t[i]` (`lua_geti(L, 1, i)`).
fn geti(st: &mut State, i: u32) -> LuaResult<()> {
    match plain_table(st) {
        Some(h) => {
            let v = h.get().get_int(i as i64);
            st.push(v);
            Ok(())
        }
        None => st.get_i(1, i as i64).map(|_| ()),
    }
}

/// Pops the top value into `t[i]` (`lua_seti(L, 1, i)`).
fn seti(st: &mut State, i: u32) -> LuaResult<()> {
    match plain_table(st) {
        Some(h) => {
            let v = st.pop_value();
            st.g().heap.barrier(h);
            h.get_mut()
                .set_int(&mut st.g().heap, i as i64, v)
                .map_err(|e| st.oom(e))
        }
        None => st.set_i(1, i as i64),
    }
}

/// Whether the value at stack index `a` sorts before the one at `b` (negative indices), using the
/// comparison function at index 2 or `<`.
fn sort_comp(st: &mut State, a: i32, b: i32) -> LuaResult<bool> {
    let th = st.th();
    let top = th.top;
    // `sort` left exactly the list and the comparison function (or nil) in the frame.
    let f = read(&th.stack[th.ci().func + 2]);
    let va = read(&th.stack[(top as isize + a as isize) as usize]);
    let vb = read(&th.stack[(top as isize + b as isize) as usize]);
    if f.is_nil() {
        // `<` on the values read straight from the stack: what `lua_compare` does, without its
        // index decoding.
        return st.less_than(va, vb);
    }
    // The call `comp(a, b)` built directly on the stack (the API's index decoding costs more
    // than the comparison itself for simple comparators).
    st.check_stack(3)?;
    let th = st.th();
    let slots = &mut th.stack[top..top + 3];
    write(&mut slots[0], f);
    write(&mut slots[1], va);
    write(&mut slots[2], vb);
    th.top = top + 3;
    st.call_noyield_at(top, 1)?;
    let th = st.th();
    let res = !th.stack[top].is_falsy();
    th.top = top;
    Ok(res)
}

fn order_error(st: &mut State) -> crate::vm::error::LuaError {
    st.error_msg("invalid order function for sorting")
}

/// Partitions `t[lo..=up]` around the pivot on top of the stack (also stored at `t[up - 1]`);
/// precondition `t[lo] <= P == t[up - 1] <= t[up]`. Returns the pivot's final position.
fn partition(st: &mut State, lo: u32, up: u32) -> LuaResult<u32> {
    let mut i = lo; // incremented before first use
    let mut j = up - 1; // decremented before first use
    loop {
        // repeat ++i while t[i] < P
        loop {
            i += 1;
            geti(st, i)?;
            if !sort_comp(st, -1, -2)? {
                break;
            }
            if i == up - 1 {
                // t[i] < P but t[up - 1] == P
                return Err(order_error(st));
            }
            st.pop(1);
        }
        // repeat --j while P < t[j]
        loop {
            j = j.wrapping_sub(1);
            geti(st, j)?;
            if !sort_comp(st, -3, -1)? {
                break;
            }
            if j < i {
                // j < i but t[j] > P
                return Err(order_error(st));
            }
            st.pop(1);
        }
        if j < i {
            // no elements out of place: put the pivot (t[up - 1]) at i
            st.pop(1);
            set2(st, up - 1, i)?;
            return Ok(i);
        }
        set2(st, i, j)?;
    }
}

/// A pivot in the middle half of `[lo, up]`, chosen with `rnd`.
fn choose_pivot(lo: u32, up: u32, rnd: u32) -> u32 {
    let r4 = (up - lo) / 4;
    rnd % (r4 * 2) + (lo + r4)
}

fn aux_sort(st: &mut State, mut lo: u32, mut up: u32, mut rnd: u32) -> LuaResult<()> {
    while lo < up {
        // order t[lo] and t[up]
        geti(st, lo)?;
        geti(st, up)?;
        if sort_comp(st, -1, -2)? {
            set2(st, lo, up)?;
        } else {
            st.pop(2);
        }
        if up - lo == 1 {
            return Ok(());
        }
        let p = if up - lo < RANLIMIT || rnd == 0 {
            (lo + up) / 2
        } else {
            choose_pivot(lo, up, rnd)
        };
        // order t[lo], t[p], t[up]
        geti(st, p)?;
        geti(st, lo)?;
        if sort_comp(st, -2, -1)? {
            set2(st, p, lo)?;
        } else {
            st.pop(1);
            geti(st, up)?;
            if sort_comp(st, -1, -2)? {
                set2(st, p, up)?;
            } else {
                st.pop(2);
            }
        }
        if up - lo == 2 {
            return Ok(());
        }
        geti(st, p)?; // the pivot
        st.push_value(-1);
        geti(st, up - 1)?;
        set2(st, p, up - 1)?; // swap the pivot with t[up - 1]
        let p = partition(st, lo, up)?;
        let n; // size of the smaller part
        if p - lo < up - p {
            aux_sort(st, lo, p - 1, rnd)?;
            n = p - lo;
            lo = p + 1;
        } else {
            aux_sort(st, p + 1, up, rnd)?;
            n = up - p;
            up = p - 1;
        }
        if (up.wrapping_sub(lo)) / 128 > n {
            rnd = randomize_pivot();
        }
    }
    Ok(())
}

/// `table.sort(list [, comp])`.
pub(super) fn sort(st: &mut State) -> LuaResult<usize> {
    let n = aux_getn(st, 1, TAB_RW)?;
    if n > 1 {
        st.arg_check(n < i32::MAX as i64, 1, "array too big")?;
        if !st.is_none_or_nil(2) {
            st.check_type(2, Type::Function)?;
        }
        st.set_top(2);
        aux_sort(st, 1, n as u32, 0)?;
    }
    Ok(0)
}

//! `debug.sethook` and `debug.gethook` (`ldblib.c`): per-thread hook functions with call, return,
//! line and count events. The function is stored in the thread's `HookState` (the VM calls it with the
//! event name and line) and, as in the reference, in the registry's weak-keyed `_HOOKKEY` table.
#![forbid(unsafe_code)]

use crate::gc::heap::Gc;
use crate::value::{Type, Value};
use crate::vm::error::LuaResult;
use crate::vm::state::{hookmask, State, Thread, REGISTRY_INDEX};

use super::debug_info::get_thread;

const HOOKKEY: &str = "_HOOKKEY";

impl State {
    /// Sets the Lua hook function of thread `co` (`lua_sethook` with `debug.sethook`'s hook): a nil function or an empty mask turns hooks off.
    pub fn set_thread_hook(&mut self, co: Gc<Thread>, func: Value, mask: u8, count: i32) {
        let (func, mask) = if func.is_nil() || mask == 0 {
            (Value::Nil, 0)
        } else {
            (func, mask)
        };
        let h = &mut co.get_mut().hook;
        h.func = func;
        h.base_count = count;
        h.count = count;
        h.mask = mask;
        h.native = false;
    }
}

/// The mask letters of `debug.sethook` ("c", "r", "l", and a positive count) as a hook mask.
fn make_mask(smask: &[u8], count: i32) -> u8 {
    let mut m = 0;
    if smask.contains(&b'c') {
        m |= hookmask::CALL;
    }
    if smask.contains(&b'r') {
        m |= hookmask::RET;
    }
    if smask.contains(&b'l') {
        m |= hookmask::LINE;
    }
    if count > 0 {
        m |= hookmask::COUNT;
    }
    m
}

fn unmake_mask(mask: u8) -> String {
    let mut s = String::new();
    if mask & hookmask::CALL != 0 {
        s.push('c');
    }
    if mask & hookmask::RET != 0 {
        s.push('r');
    }
    if mask & hookmask::LINE != 0 {
        s.push('l');
    }
    s
}

/// `debug.sethook([thread,] hook, mask [, count])`; no hook turns hooks off.
pub(crate) fn db_sethook(st: &mut State) -> LuaResult<usize> {
    let (co, arg) = get_thread(st);
    let (func, mask, count) = if st.is_none_or_nil(arg + 1) {
        st.set_top(arg + 1);
        (Value::Nil, 0, 0)
    } else {
        let smask = st.check_bytes(arg + 2)?.to_vec();
        st.check_type(arg + 1, Type::Function)?;
        // Truncated to a C int, as the reference does.
        let count = st.opt_integer(arg + 3, 0)? as i32;
        (st.value_at(arg + 1), make_mask(&smask, count), count)
    };
    if !st.get_subtable(REGISTRY_INDEX, HOOKKEY)? {
        // A new hook table: its keys (threads) are weak.
        st.push_str("k")?;
        st.set_field(-2, "__mode")?;
        st.push_value(-1);
        st.set_metatable(-2);
    }
    st.push(Value::Thread(co));
    st.push_value(arg + 1);
    st.raw_set(-3)?;
    st.set_thread_hook(co, func, mask, count);
    Ok(0)
}

/// `debug.gethook([thread])`: the hook function, its mask and count, or fail without a hook.
pub(crate) fn db_gethook(st: &mut State) -> LuaResult<usize> {
    let (co, _) = get_thread(st);
    let h = co.get().hook;
    if h.mask == 0 {
        st.push_nil();
        return Ok(1);
    }
    if h.native {
        // A hook the host set (`State::set_hook`): not a Lua value to hand out.
        st.push_str("external hook")?;
    } else {
        // A thread created while a hook was set inherits the mask but has no function of its own.
        st.push(h.func);
    }
    st.push_str(&unmake_mask(h.mask))?;
    st.push_integer(h.base_count as i64);
    Ok(3)
}

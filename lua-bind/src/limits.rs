//! Limits on what a script may consume, on the `Lua` handle: the instruction budget (a native count
//! hook that charges a counter kept in the VM's `Inner`), the interrupt handle another thread can
//! raise, and the memory cap. Each one stops a script with an error the host receives; the VM stays
//! usable afterwards.

use std::cell::Cell;

use lua_vm::vm::limits::InterruptHandle;
use lua_vm::vm::state::hookmask;
use lua_vm::{LuaResult, State};

use crate::lua::Lua;
use crate::reference::inner_of;

/// Message of the error that stops a script whose instruction budget is spent (after the position,
/// as any runtime error: "chunk:3: instruction budget exhausted").
pub const BUDGET_EXHAUSTED: &str = "instruction budget exhausted";

/// The count hook fires every `GRANULE` instructions (fewer when less is left).
const GRANULE: u64 = 1000;

/// The budget of a VM: `None` for no limit.
#[derive(Default)]
pub(crate) struct Budget {
    limit: Cell<Option<u64>>,
    remaining: Cell<u64>,
}

impl Lua {
    /// Gives the VM a budget of `limit` VM instructions (`None`: no budget). Every Lua instruction run
    /// from now on counts, in any coroutine, until the budget is spent: then the running script stops
    /// with "instruction budget exhausted" (a runtime error; `pcall` in the script cannot go on with
    /// it: once spent, the budget stops the very next instruction). Calling this again refills the
    /// budget. Native code (pattern matching, `table.move` over proxies...) runs without counting, and
    /// finalizers (`__gc`) run without hooks, as in the reference: the interrupt handle stops those.
    ///
    /// The count is checked every 1,000 instructions; a script may run up to that many past it. A
    /// script with the `debug` library could replace the hook with `debug.sethook` (the sandbox has
    /// no `debug`).
    pub fn set_instruction_limit(&self, limit: Option<u64>) {
        let budget = &self.inner.budget;
        budget.limit.set(limit);
        let mut st = self.inner.state();
        match limit {
            Some(n) => {
                budget.remaining.set(n);
                st.set_hook(Some(budget_hook), hookmask::COUNT, period(n));
            }
            None => st.set_hook(None, 0, 0),
        }
    }

    /// The budget given by `set_instruction_limit`.
    pub fn instruction_limit(&self) -> Option<u64> {
        self.inner.budget.limit.get()
    }

    /// What is left of the instruction budget (`None` without one). Counted in steps of up to 1,000
    /// instructions.
    pub fn instructions_remaining(&self) -> Option<u64> {
        let b = &self.inner.budget;
        b.limit.get().map(|_| b.remaining.get())
    }

    /// A handle that stops the running script from any thread: `handle.interrupt()` makes the script
    /// fail with "interrupted!" at its next loop iteration or function call, also inside coroutines,
    /// callbacks, finalizers, pattern matching and native loops over metamethods. The interrupt
    /// stays raised (a script's `pcall` cannot swallow it)
    /// until the host clears it with `handle.clear()` or `Lua::clear_interrupt`. The handle is `Send +
    /// Sync + Clone`; keep one in another thread (or in an `Arc`) to implement a timeout.
    pub fn interrupt_handle(&self) -> InterruptHandle {
        self.inner.state().interrupt_handle()
    }

    /// Lowers a raised interrupt, so scripts run again.
    pub fn clear_interrupt(&self) {
        self.inner.state().clear_interrupt();
    }

    /// The memory cap given by `set_memory_limit`.
    pub fn memory_limit(&self) -> Option<usize> {
        self.inner.state().memory_limit()
    }
}

/// The count period for `remaining` instructions left.
fn period(remaining: u64) -> i32 {
    remaining.clamp(1, GRANULE) as i32
}

/// The native count hook: charges the period that just ran, fails once nothing is left. Once the
/// budget is spent it fires at every instruction, so a script cannot catch the error and go on.
fn budget_hook(st: &mut State) -> LuaResult<usize> {
    let Ok(inner) = inner_of(st) else {
        return Ok(0);
    };
    let budget = &inner.budget;
    if budget.limit.get().is_none() {
        // A coroutine still carrying the hook of an earlier budget.
        st.set_hook(None, 0, 0);
        return Ok(0);
    }
    let ran = st.thread().get().hook.base_count.max(1) as u64;
    let left = budget.remaining.get().saturating_sub(ran);
    budget.remaining.set(left);
    let next = period(left);
    if next as u64 != ran {
        st.set_hook(Some(budget_hook), hookmask::COUNT, next);
    }
    if left == 0 {
        return Err(st.error_msg(BUDGET_EXHAUSTED));
    }
    Ok(0)
}

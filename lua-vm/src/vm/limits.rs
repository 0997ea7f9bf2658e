//! Limits for untrusted scripts: a memory cap, a host-side interrupt that another thread can raise,
//! and a native hook (for instruction budgets). The interrupt is checked where a script can loop or
//! recurse: backward jumps and function entry.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use crate::value::Value;
use crate::vm::error::LuaError;
use crate::vm::state::{NativeFn, State};

/// Message of the error raised when the host interrupts a running script.
pub const INTERRUPTED: &str = "interrupted!";

/// A handle that stops the VM's running script from any thread. The interrupt stays raised until
/// `clear_interrupt` (or `InterruptHandle::clear`), so a script cannot swallow it with `pcall` and go on.
#[derive(Clone, Debug)]
pub struct InterruptHandle(pub(crate) Arc<AtomicBool>);

impl InterruptHandle {
    pub fn interrupt(&self) {
        self.0.store(true, Ordering::Relaxed);
    }
    pub fn clear(&self) {
        self.0.store(false, Ordering::Relaxed);
    }
    pub fn is_raised(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
    /// The flag itself, for a signal handler that can only store into an atomic (it stays valid as
    /// long as the VM or any handle lives).
    pub fn as_ptr(&self) -> *const AtomicBool {
        Arc::as_ptr(&self.0)
    }
}

impl State {
    /// Caps the bytes the VM may hold; `None` removes the cap. Allocations over it raise
    /// "not enough memory" (status `ErrMem`), which `pcall` can catch.
    pub fn set_memory_limit(&mut self, limit: Option<usize>) {
        self.g().heap.set_limit(limit);
    }
    pub fn memory_limit(&self) -> Option<usize> {
        self.g().heap.limit()
    }
    /// Bytes currently accounted to the VM's objects.
    pub fn memory_used(&self) -> usize {
        self.g().heap.bytes()
    }

    /// Bytes a native function's scratch buffer may still take under the memory cap (`usize::MAX`
    /// without a cap). Functions that build one result from many parts (`string.gsub`,
    /// `string.format`, `table.concat`) check their buffer against it, so a script cannot make the
    /// host allocate without bound before the finished string is refused.
    pub fn buffer_room(&self) -> usize {
        let heap = &self.g().heap;
        match heap.limit() {
            Some(l) => l.saturating_sub(heap.bytes()),
            None => usize::MAX,
        }
    }

    /// A handle that interrupts this VM's scripts from any thread.
    pub fn interrupt_handle(&self) -> InterruptHandle {
        InterruptHandle(self.g().interrupt.clone())
    }
    pub fn clear_interrupt(&mut self) {
        self.g().interrupt.store(false, Ordering::Relaxed);
    }

    /// Makes the interrupt one-shot: raising the error clears it, so the script's `pcall` can catch it
    /// and go on (the `lua` command's Ctrl-C). By default it stays raised until cleared.
    pub fn set_interrupt_sticky(&mut self, sticky: bool) {
        self.g().interrupt_sticky = sticky;
    }

    /// The error of an interrupted script.
    #[cold]
    pub(crate) fn interrupted_error(&mut self) -> LuaError {
        if !self.g().interrupt_sticky {
            self.g().interrupt.store(false, Ordering::Relaxed);
        }
        self.runtime_error(INTERRUPTED)
    }

    /// Installs a native hook on this thread (`lua_sethook`): `mask` is a combination of
    /// `hookmask::{CALL, RET, LINE, COUNT}`, `count` the instruction period of the count event. The hook
    /// receives the event name and line like `debug.sethook` hooks; returning an error stops the script.
    /// `None` removes the hook.
    pub fn set_hook(&mut self, f: Option<NativeFn>, mask: u8, count: i32) {
        let th = self.th();
        match f {
            Some(f) if mask != 0 => {
                th.hook.func = Value::NFn(f);
                th.hook.mask = mask;
                th.hook.base_count = count.max(1);
                th.hook.count = count.max(1);
            }
            _ => {
                th.hook.func = Value::Nil;
                th.hook.mask = 0;
            }
        }
    }
}

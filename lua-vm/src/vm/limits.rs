//! Limits for untrusted scripts: a memory cap, a host-side interrupt that another thread can raise,
//! and a native hook (for instruction budgets). The interrupt is checked where a script can loop or
//! recurse: backward jumps and function entry. A native hook follows the coroutines its thread runs.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use crate::gc::heap::Gc;
use crate::value::Value;
use crate::vm::error::LuaError;
use crate::vm::state::{NativeFn, State, Thread};

/// Message of the error raised when the host interrupts a running script.
pub const INTERRUPTED: &str = "interrupted!";

/// No single object or native buffer may be larger than this (1 TiB), cap or not: a request past it
/// is a memory error before anything is allocated.
pub const MAX_OBJECT_BYTES: usize = 1 << 40;

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

    /// Makes room for `more` bytes in a native buffer that will become a Lua value (`luaL_Buffer`):
    /// the buffer counts against the memory cap as if the VM held it, and a size the allocator refuses
    /// (or past `MAX_OBJECT_BYTES`) is a memory error instead of an abort.
    pub fn reserve_buffer(&self, buf: &mut Vec<u8>, more: usize) -> Result<(), LuaError> {
        let need = buf.len().saturating_add(more);
        if need > MAX_OBJECT_BYTES || self.g().heap.check(need).is_err() {
            return Err(self.mem_error());
        }
        if buf.capacity() - buf.len() >= more {
            return Ok(());
        }
        // A first reservation is usually the whole result (`..`); later ones grow geometrically.
        let r = if buf.is_empty() {
            buf.try_reserve_exact(more)
        } else {
            buf.try_reserve(more)
        };
        r.map_err(|_| self.mem_error())
    }

    /// A cleared scratch buffer for a string function that builds its result (`gsub`, `format`):
    /// kept in the global state between calls, so that a result costs no malloc/free of a buffer.
    /// Give it back with `keep_str_buf` (a nested call just gets an empty one).
    pub fn take_str_buf(&mut self) -> Vec<u8> {
        let mut buf = std::mem::take(&mut self.g().str_buf);
        buf.clear();
        buf
    }

    /// Keeps `buf` for the next `take_str_buf`, unless it grew large or a bigger one is kept.
    pub fn keep_str_buf(&mut self, buf: Vec<u8>) {
        const KEEP: usize = 16 * 1024;
        let g = self.g();
        if buf.capacity() <= KEEP && buf.capacity() > g.str_buf.capacity() {
            g.str_buf = buf;
        }
    }

    /// Bytes a native function's scratch buffer may still take under the memory cap (`usize::MAX`
    /// without a cap). `string.format` and `string.pack` check their buffer against it (the others
    /// grow theirs with `reserve_buffer`), so a script cannot make the host allocate without bound
    /// before the finished string is refused.
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
                th.hook.native = true;
            }
            _ => {
                th.hook.func = Value::Nil;
                th.hook.mask = 0;
                th.hook.native = false;
            }
        }
    }

    /// Before this thread runs code on coroutine `co` (resume, close): a native hook of this thread
    /// goes with it, count included, unless `co` has a `debug.sethook` hook of its own. The count then
    /// runs down across threads as one, so an instruction budget cannot be dodged by spreading the
    /// work over many short-lived coroutines. Returns whether the hook was lent.
    pub(crate) fn lend_native_hook(&mut self, co: Gc<Thread>) -> bool {
        let h = self.th().hook;
        if !h.native || co == self.th {
            return false;
        }
        let ch = &mut co.get_mut().hook;
        if !ch.func.is_nil() && !ch.native {
            return false;
        }
        ch.func = h.func;
        ch.mask = h.mask;
        ch.base_count = h.base_count;
        ch.count = h.count;
        ch.native = true;
        true
    }

    /// After `co` returned control to this thread: the count it left (and the period, which the hook
    /// may have changed) comes back.
    pub(crate) fn take_back_native_hook(&mut self, co: Gc<Thread>) {
        let ch = co.get().hook;
        let h = &mut self.th().hook;
        h.count = ch.count;
        h.base_count = ch.base_count;
    }
}

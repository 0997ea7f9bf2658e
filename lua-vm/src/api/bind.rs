//! Fast paths for binding layers (lua-bind and its generated code): the arguments of the running
//! native function read without index resolution, values held by the host in slots of the VM
//! (`HostData`: GC roots, cheaper than registry references), interned key strings cached per record
//! type, and tables built through their handles without going through stack indices.

use crate::gc::heap::{bits, Gc};
use crate::value::string::LuaStr;
use crate::value::table::Table;
use crate::value::Value;
use crate::vm::error::LuaResult;
use crate::vm::state::State;

/// What a host binding layer keeps inside the VM, reachable from `&mut State` without a table
/// lookup: values it holds (slots that are GC roots: the handles of a binding layer, cheaper than
/// registry references), the interned key strings of its record types (by a number the host gives
/// each type), and one context object of its own.
///
/// The slots are host memory, not accounted in the VM's heap (as the host's own handle objects are
/// not): making a handle never fails for the VM's memory cap.
#[derive(Default)]
pub struct HostData {
    slots: Vec<Value>,
    /// Free slots (nil); its capacity is kept at least that of `slots`, so freeing never allocates.
    free: Vec<u32>,
    keys: Vec<Box<[Gc<LuaStr>]>>,
    ctx: Option<Box<dyn std::any::Any>>,
}

impl HostData {
    /// The held values (for the collector's roots).
    pub(crate) fn slots(&self) -> &[Value] {
        &self.slots
    }
}

impl State {
    /// Argument `i` (from 1) of the running native function, `None` past the last one.
    #[inline(always)]
    pub fn native_arg(&self, i: usize) -> Option<Value> {
        let th = self.th();
        let idx = th.ci().func + i;
        if idx < th.top {
            th.stack.get(idx).copied()
        } else {
            None
        }
    }

    /// The value at stack index `idx` (from 1) of the running frame, `None` at or above the top.
    #[inline(always)]
    pub fn frame_value(&self, idx: i32) -> Option<Value> {
        if idx < 1 {
            return None;
        }
        let th = self.th();
        let i = th.ci().func + idx as usize;
        if i < th.top {
            th.stack.get(i).copied()
        } else {
            None
        }
    }

    /// The registry table.
    #[inline(always)]
    pub fn registry_table(&self) -> Gc<Table> {
        self.g().registry
    }

    /// Holds `v` in a new host slot (a GC root until `host_unref`) and returns its number.
    #[inline]
    pub fn host_ref(&mut self, v: Value) -> u32 {
        let h = &mut self.g().host;
        if let Some(i) = h.free.pop() {
            if let Some(s) = h.slots.get_mut(i as usize) {
                *s = v;
                return i;
            }
        }
        Self::host_ref_grow(h, v)
    }

    #[cold]
    #[inline(never)]
    fn host_ref_grow(h: &mut HostData, v: Value) -> u32 {
        let i = h.slots.len() as u32;
        h.slots.push(v);
        let cap = h.slots.capacity();
        if h.free.capacity() < cap {
            h.free.reserve_exact(cap - h.free.len());
        }
        i
    }

    /// Releases host slot `r` (its value may be collected; the number is reused).
    #[inline]
    pub fn host_unref(&mut self, r: u32) {
        let h = &mut self.g().host;
        if let Some(s) = h.slots.get_mut(r as usize) {
            *s = Value::Nil;
            // Never reallocates: `free` has room for every slot.
            h.free.push(r);
        }
    }

    /// Replaces the value held in host slot `r` (nothing for a slot that does not exist).
    #[inline]
    pub fn host_set(&mut self, r: u32, v: Value) {
        if let Some(s) = self.g().host.slots.get_mut(r as usize) {
            *s = v;
        }
    }

    /// The value held in host slot `r` (nil for a slot that does not exist).
    #[inline(always)]
    pub fn host_value(&self, r: u32) -> Value {
        match self.g().host.slots.get(r as usize) {
            Some(&v) => v,
            None => Value::Nil,
        }
    }

    /// Pushes the value held in host slot `r`.
    #[inline]
    pub fn push_host_value(&mut self, r: u32) {
        let v = self.host_value(r);
        self.push(v);
    }

    /// Sets the host's context object (replacing any previous one).
    pub fn set_host_context(&mut self, ctx: Box<dyn std::any::Any>) {
        self.g().host.ctx = Some(ctx);
    }

    /// The host's context object, if it set one.
    #[inline]
    pub fn host_context(&self) -> Option<&dyn std::any::Any> {
        self.g().host.ctx.as_deref()
    }

    /// Interned strings for `names`, created once per VM and cached under `id` (a small number the
    /// host gives each set of names). What binding layers use as the field names of a record: with
    /// them a field access is a table lookup, without hashing or interning. The strings are fixed
    /// (never collected: a bounded set, the field names of the program's types).
    #[inline]
    pub fn host_keys<const N: usize>(
        &mut self,
        id: u32,
        names: &[&str; N],
    ) -> LuaResult<[Gc<LuaStr>; N]> {
        if let Some(k) = self.g().host.keys.get(id as usize) {
            if let Ok(a) = <&[Gc<LuaStr>; N]>::try_from(&k[..]) {
                return Ok(*a);
            }
        }
        self.make_host_keys(id, names)
    }

    #[cold]
    #[inline(never)]
    fn make_host_keys<const N: usize>(
        &mut self,
        id: u32,
        names: &[&str; N],
    ) -> LuaResult<[Gc<LuaStr>; N]> {
        let mut out = [self.g().mem_err_msg; N];
        for (o, name) in out.iter_mut().zip(names) {
            let s = self.new_str(name.as_bytes())?;
            // Fixed: never collected, so the cache needs no marking.
            s.header().set_flag(bits::FIXED);
            *o = s;
        }
        let keys = &mut self.g().host.keys;
        let i = id as usize;
        if keys.len() <= i {
            keys.resize_with(i + 1, || Box::new([]));
        }
        keys[i] = Box::new(out);
        Ok(out)
    }

    /// Creates a table with room for `narr` array items and `nrec` fields, pushes it and returns it.
    #[inline]
    pub fn push_new_table(&mut self, narr: usize, nrec: usize) -> LuaResult<Gc<Table>> {
        let t = if narr == 0 && nrec <= 8 {
            // A record: its few nodes inside the table's box (one allocation).
            Table::alloc_record(&mut self.g().heap, nrec).map_err(|e| self.oom(e))?
        } else {
            self.new_table_sized(narr, nrec)?
        };
        // One 16-byte store: the host reads the slot back right away (a handle to the table).
        crate::value::store::write(self.push_slot(), Value::Table(t));
        Ok(t)
    }

    /// Raw `t[k] = v` for a string key that `t` does not have and a value that is not nil (a field
    /// of a table being built: no lookup first). Same conditions as `table_set_str`.
    #[inline(always)]
    pub fn table_add_str(&mut self, t: Gc<Table>, k: Gc<LuaStr>, v: Value) -> LuaResult<()> {
        // A record being built is young, but a barrier costs one flag test.
        self.g().heap.barrier(t);
        if t.get_mut().fill_main_position_str(k, v) {
            return Ok(());
        }
        self.table_add_str_slow(t, k, v)
    }

    #[inline(never)]
    fn table_add_str_slow(&mut self, t: Gc<Table>, k: Gc<LuaStr>, v: Value) -> LuaResult<()> {
        t.get_mut()
            .insert_absent(&mut self.g().heap, Value::Str(k), v)
            .map_err(|e| self.oom(e))
    }

    /// Raw `t[i] = v` for an integer key (same conditions as `table_set_str`).
    #[inline]
    pub fn table_set_int(&mut self, t: Gc<Table>, i: i64, v: Value) -> LuaResult<()> {
        self.g().heap.barrier(t);
        t.get_mut()
            .set_int(&mut self.g().heap, i, v)
            .map_err(|e| self.oom(e))
    }
}

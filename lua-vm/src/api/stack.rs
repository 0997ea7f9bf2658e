//! The stack protocol (our `lua.h`, part 1): indices, stack manipulation, type checks, conversions and
//! pushes. A native function sees its own frame: arguments at 1..=top; negative indices count from the
//! top; `REGISTRY_INDEX` is the registry; `upvalue_index(i)` the running native closure's upvalues.

use std::any::Any;

use crate::gc::heap::Gc;
use crate::value::convert;
use crate::value::function::{NClosure, NativeKind};
use crate::value::string::LuaStr;
use crate::value::userdata::UserData;
use crate::value::{Type, Value};
use crate::vm::error::LuaResult;
use crate::vm::state::{NativeFn, State, Thread, REGISTRY_INDEX};

impl State {
    /// Base of the running function's frame (index 1).
    #[inline(always)]
    fn frame_base(&self) -> usize {
        self.th().ci().func + 1
    }

    /// Stack slot of a valid positive or negative index, if it is inside the frame's used part.
    #[inline]
    pub(crate) fn slot(&self, idx: i32) -> Option<usize> {
        let th = self.th();
        if idx > 0 {
            let s = self.frame_base() + idx as usize - 1;
            (s < th.top).then_some(s)
        } else if idx > REGISTRY_INDEX {
            let d = (-idx) as usize;
            (idx != 0 && d <= th.top - self.frame_base()).then(|| th.top - d)
        } else {
            None
        }
    }

    /// The value at an index (nil for an absent index: "none").
    // Inline: every argument read of every native function comes here, mostly with a constant index
    // that selects one of the two cases.
    #[inline]
    pub fn value_at(&self, idx: i32) -> Value {
        if let Some(s) = self.slot(idx) {
            // Read as words: see `value::store`.
            return crate::value::store::read(&self.th().stack[s]);
        }
        self.pseudo_value_at(idx)
    }

    /// The value at a pseudo-index (the registry, an upvalue of the running native closure) or nil.
    #[inline]
    fn pseudo_value_at(&self, idx: i32) -> Value {
        if idx == REGISTRY_INDEX {
            return Value::Table(self.g().registry);
        }
        if idx < REGISTRY_INDEX {
            let n = (REGISTRY_INDEX - idx) as usize;
            if let Value::NCl(c) = self.th().stack[self.th().ci().func] {
                return c.get().upvals.get(n - 1).copied().unwrap_or(Value::Nil);
            }
        }
        Value::Nil
    }

    /// Stores into an index (stack slot, registry is not assignable, upvalue of the native closure).
    pub(crate) fn set_value_at(&mut self, idx: i32, v: Value) {
        if let Some(s) = self.slot(idx) {
            self.th().stack[s] = v;
        } else if idx < REGISTRY_INDEX {
            let n = (REGISTRY_INDEX - idx) as usize;
            if let Value::NCl(c) = self.th().stack[self.th().ci().func] {
                self.g().heap.barrier(c);
                if let Some(u) = c.get_mut().upvals.get_mut(n - 1) {
                    *u = v;
                }
            }
        }
    }

    /// Number of values in the frame (`lua_gettop`).
    #[inline]
    pub fn get_top(&self) -> i32 {
        (self.th().top - self.frame_base()) as i32
    }

    /// Sets the frame's top: fills with nil when growing, drops values when shrinking (`lua_settop`).
    pub fn set_top(&mut self, idx: i32) {
        let base = self.frame_base();
        let th = self.th();
        let new_top = if idx >= 0 {
            base + idx as usize
        } else {
            (th.top as isize + idx as isize + 1) as usize
        };
        while th.top < new_top {
            let t = th.top;
            th.stack[t] = Value::Nil;
            th.top += 1;
        }
        th.top = new_top;
    }

    /// Converts a relative index into an absolute one (`lua_absindex`).
    pub fn abs_index(&self, idx: i32) -> i32 {
        if idx > 0 || idx <= REGISTRY_INDEX {
            idx
        } else {
            self.get_top() + idx + 1
        }
    }

    /// Pops `n` values.
    pub fn pop(&mut self, n: i32) {
        self.set_top(-n - 1);
    }

    /// Ensures room for `n` more values; false if the stack cannot grow that much (`lua_checkstack`).
    pub fn ensure_stack(&mut self, n: usize) -> bool {
        if self.th().top + n > crate::vm::state::MAX_STACK {
            return false;
        }
        self.check_stack(n).is_ok()
    }

    /// Pushes any value. Room for `MIN_STACK` values is guaranteed on entry to a native function;
    /// beyond that callers use `ensure_stack` (as in C), but the stack also grows here if needed.
    #[inline]
    pub fn push(&mut self, v: Value) {
        let th = self.th();
        if th.top >= th.stack.len() {
            self.grow_for_push();
        }
        let th = self.th();
        let t = th.top;
        crate::value::store::write(&mut th.stack[t], v);
        th.top += 1;
    }

    /// Claims the slot at the top (growing the stack if needed) and returns it, for a push that
    /// writes the value in one store.
    #[inline(always)]
    pub(crate) fn push_slot<'a>(&mut self) -> &'a mut Value {
        let th = self.th();
        if th.top >= th.stack.len() {
            self.grow_for_push();
        }
        let th = self.th();
        let t = th.top;
        th.top += 1;
        &mut th.stack[t]
    }

    /// The stack is full up to its extra slots (a push past what `check_stack` asked for): doubled.
    #[cold]
    #[inline(never)]
    fn grow_for_push(&mut self) {
        let th = self.th();
        let n = th.stack_size();
        th.realloc_stack(n * 2);
    }

    /// Pops the top value and returns it.
    pub fn pop_value(&mut self) -> Value {
        let th = self.th();
        if th.top <= self.frame_base() {
            return Value::Nil;
        }
        th.top -= 1;
        crate::value::store::read(&th.stack[th.top])
    }

    pub fn push_value(&mut self, idx: i32) {
        let v = self.value_at(idx);
        self.push(v);
    }

    /// Rotates the values from `idx` to the top `n` positions towards the top (`lua_rotate`).
    pub fn rotate(&mut self, idx: i32, n: i32) {
        let Some(start) = self.slot(idx) else { return };
        let th = self.th();
        let seg = &mut th.stack[start..th.top];
        if seg.is_empty() {
            return;
        }
        let len = seg.len() as i32;
        let n = n.rem_euclid(len) as usize;
        seg.rotate_right(n);
    }

    pub fn insert(&mut self, idx: i32) {
        self.rotate(idx, 1);
    }

    pub fn remove(&mut self, idx: i32) {
        self.rotate(idx, -1);
        self.pop(1);
    }

    pub fn replace(&mut self, idx: i32) {
        self.copy(-1, idx);
        self.pop(1);
    }

    /// Copies the value at `from` into `to` (`lua_copy`).
    pub fn copy(&mut self, from: i32, to: i32) {
        let v = self.value_at(from);
        self.set_value_at(to, v);
    }

    /// Moves `n` values from this thread's top to `to`'s top (`lua_xmove`).
    pub fn xmove(&mut self, to: &mut State, n: usize) {
        if self.th == to.th {
            return;
        }
        let from = self.th();
        let start = from.top - n;
        let dst = to.th();
        while dst.top + n > dst.stack.len() {
            let size = dst.stack_size();
            dst.realloc_stack(size * 2);
        }
        let at = dst.top;
        // Two different threads (checked above): one block copy.
        dst.stack[at..at + n].copy_from_slice(&from.stack[start..start + n]);
        dst.top = at + n;
        from.top = start;
    }

    /// Type at an index, `None` for a non-valid index (`LUA_TNONE`).
    pub fn type_at(&self, idx: i32) -> Option<Type> {
        if let Some(s) = self.slot(idx) {
            return Some(self.th().stack[s].type_of());
        }
        if idx > REGISTRY_INDEX {
            return None;
        }
        Some(self.pseudo_value_at(idx).type_of())
    }

    /// Name of a type, "no value" for none (`lua_typename`).
    pub fn type_name_at(&self, idx: i32) -> &'static str {
        match self.type_at(idx) {
            None => "no value",
            Some(t) => t.name(),
        }
    }

    pub fn is_none(&self, idx: i32) -> bool {
        self.type_at(idx).is_none()
    }
    pub fn is_nil(&self, idx: i32) -> bool {
        self.type_at(idx) == Some(Type::Nil)
    }
    pub fn is_none_or_nil(&self, idx: i32) -> bool {
        matches!(self.type_at(idx), None | Some(Type::Nil))
    }
    pub fn is_boolean(&self, idx: i32) -> bool {
        self.type_at(idx) == Some(Type::Boolean)
    }
    pub fn is_table(&self, idx: i32) -> bool {
        self.type_at(idx) == Some(Type::Table)
    }
    pub fn is_function(&self, idx: i32) -> bool {
        self.type_at(idx) == Some(Type::Function)
    }
    pub fn is_native_function(&self, idx: i32) -> bool {
        matches!(self.value_at(idx), Value::NFn(_) | Value::NCl(_))
    }
    pub fn is_userdata(&self, idx: i32) -> bool {
        matches!(
            self.value_at(idx),
            Value::UserData(_) | Value::LightUserData(_)
        )
    }
    pub fn is_thread(&self, idx: i32) -> bool {
        self.type_at(idx) == Some(Type::Thread)
    }
    /// A number or a string convertible to a number.
    pub fn is_number(&self, idx: i32) -> bool {
        self.to_number(idx).is_some()
    }
    /// A string or a number (numbers convert to strings).
    pub fn is_string(&self, idx: i32) -> bool {
        matches!(
            self.value_at(idx),
            Value::Str(_) | Value::Int(_) | Value::Num(_)
        )
    }
    pub fn is_integer(&self, idx: i32) -> bool {
        matches!(self.value_at(idx), Value::Int(_))
    }

    /// The number at an index, converting numeric strings (`lua_tonumberx`).
    pub fn to_number(&self, idx: i32) -> Option<f64> {
        convert::to_number(&self.value_at(idx))
    }

    /// The integer at an index: integers, integral floats and numeric strings (`lua_tointegerx`).
    pub fn to_integer(&self, idx: i32) -> Option<i64> {
        convert::to_integer(&self.value_at(idx))
    }

    pub fn to_boolean(&self, idx: i32) -> bool {
        !self.value_at(idx).is_falsy()
    }

    /// The string at an index; a number is converted in place to a string (`lua_tolstring`). The bytes
    /// stay valid while the value stays on the stack.
    pub fn to_bytes<'a>(&mut self, idx: i32) -> LuaResult<Option<&'a [u8]>> {
        let v = self.value_at(idx);
        match v {
            Value::Str(s) => Ok(Some(s.get().as_bytes())),
            Value::Int(_) | Value::Num(_) => {
                let sv = self.to_string_value(v)?;
                self.set_value_at(idx, sv);
                Ok(sv.as_str_bytes())
            }
            _ => Ok(None),
        }
    }

    /// The string object at an index, if it is a string (no conversion).
    pub fn to_str_obj(&self, idx: i32) -> Option<Gc<LuaStr>> {
        match self.value_at(idx) {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// Raw length: string length, table border without `__len`, userdata size (`lua_rawlen`).
    pub fn raw_len(&self, idx: i32) -> usize {
        match self.value_at(idx) {
            Value::Str(s) => s.get().len(),
            Value::Table(t) => t.get().length() as usize,
            Value::UserData(u) => u.get().size,
            _ => 0,
        }
    }

    /// The host value inside a full userdata, if it has type `T`.
    pub fn to_userdata<'a, T: Any>(&self, idx: i32) -> Option<&'a mut T> {
        match self.value_at(idx) {
            Value::UserData(u) => u.get_mut().data.downcast_mut::<T>(),
            _ => None,
        }
    }

    pub fn to_thread(&self, idx: i32) -> Option<Gc<Thread>> {
        match self.value_at(idx) {
            Value::Thread(t) => Some(t),
            _ => None,
        }
    }

    /// Identity of the value at an index (`lua_topointer`), 0 for values without one.
    pub fn to_pointer(&self, idx: i32) -> usize {
        self.value_at(idx).pointer().unwrap_or(0)
    }

    pub fn push_nil(&mut self) {
        crate::value::store::write(self.push_slot(), Value::Nil);
    }
    #[inline]
    pub fn push_number(&mut self, n: f64) {
        crate::value::store::write_num(self.push_slot(), n);
    }
    #[inline]
    pub fn push_integer(&mut self, n: i64) {
        crate::value::store::write_int(self.push_slot(), n);
    }
    #[inline]
    pub fn push_bool(&mut self, b: bool) {
        crate::value::store::write(self.push_slot(), Value::Bool(b));
    }
    pub fn push_light_userdata(&mut self, p: usize) {
        self.push(Value::LightUserData(p));
    }
    /// Pushes a copy of a byte string.
    pub fn push_bytes(&mut self, s: &[u8]) -> LuaResult<()> {
        let s = self.new_str(s)?;
        self.push(Value::Str(s));
        Ok(())
    }
    pub fn push_str(&mut self, s: &str) -> LuaResult<()> {
        self.push_bytes(s.as_bytes())
    }
    /// Pushes a native function without upvalues.
    pub fn push_fn(&mut self, f: NativeFn) {
        self.push(Value::NFn(f));
    }
    /// Pushes a native closure whose `n` upvalues are popped from the stack (`lua_pushcclosure`).
    pub fn push_closure(&mut self, f: NativeFn, n: usize) -> LuaResult<()> {
        self.push_native(NativeKind::Fn(f), n)
    }
    /// Pushes a Rust closure as a native function, with `n` upvalues popped from the stack.
    pub fn push_boxed_closure(
        &mut self,
        f: crate::value::function::BoxedFn,
        n: usize,
    ) -> LuaResult<()> {
        self.push_native(NativeKind::Boxed(f), n)
    }
    fn push_native(&mut self, f: NativeKind, n: usize) -> LuaResult<()> {
        let th = self.th();
        let start = th.top - n;
        let ups: Box<[Value]> = th.stack[start..th.top].into();
        let c = self.alloc(NClosure { f, upvals: ups })?;
        let th = self.th();
        th.top = start;
        self.push(Value::NCl(c));
        Ok(())
    }
    /// Pushes the running thread; true if it is the main thread (`lua_pushthread`).
    pub fn push_thread(&mut self) -> bool {
        let t = self.th;
        self.push(Value::Thread(t));
        t == self.g().main_thread
    }
    pub fn push_global_table(&mut self) {
        let g = self.globals_table();
        self.push(Value::Table(g));
    }

    /// Creates a table with room for `narr` array items and `nrec` fields and pushes it.
    pub fn create_table(&mut self, narr: usize, nrec: usize) -> LuaResult<()> {
        let t = self.new_table_sized(narr, nrec)?;
        self.push(Value::Table(t));
        Ok(())
    }

    pub fn new_table(&mut self) -> LuaResult<()> {
        self.create_table(0, 0)
    }

    /// Creates a full userdata holding `data` with `nuvalue` user values and pushes it.
    pub fn new_userdata<T: Any>(&mut self, data: T, nuvalue: usize) -> LuaResult<()> {
        let size = std::mem::size_of::<T>();
        let u = self.alloc(UserData {
            meta: None,
            user_values: vec![Value::Nil; nuvalue].into_boxed_slice(),
            data: Box::new(data),
            size,
        })?;
        self.push(Value::UserData(u));
        Ok(())
    }
}

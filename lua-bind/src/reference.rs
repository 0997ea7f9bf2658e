//! The shared core of a `Lua` and its handles: `Inner` owns the VM; handles keep values alive in host
//! slots of the VM (`State::host_ref`, GC roots outside the registry) and hold an `Rc<Inner>`, so the
//! VM lives as long as any of them.
//!
//! Dropping a handle never touches the VM (it may happen while the collector runs a finalizer that
//! frees a userdata holding a handle): the slot goes into a queue that the next entry releases.

use std::cell::{Cell, RefCell};
use std::path::PathBuf;
use std::rc::{Rc, Weak};

use lua_vm::vm::state::REGISTRY_INDEX;
use lua_vm::{State, Vm};

use crate::error::{Error, Result};
use crate::limits::Budget;
use crate::protect::{protect, Raise};

pub(crate) struct Inner {
    vm: Vm,
    /// Identity of this VM's registry, to refuse handles of another state.
    registry: usize,
    /// Host slots of dropped handles, released at the next entry.
    pending: RefCell<Vec<u32>>,
    /// Directories searched by `require` when the `package` library is not loaded.
    pub(crate) script_dirs: RefCell<Vec<PathBuf>>,
    /// The instruction budget (`limits.rs`).
    pub(crate) budget: Budget,
    /// A sandbox: chunks load as text only (`sandbox.rs`).
    pub(crate) text_only: Cell<bool>,
}

impl Inner {
    /// Creates the VM and records the context in its registry.
    pub(crate) fn new() -> Result<Rc<Inner>> {
        let vm = Vm::new();
        let registry = vm.to_pointer(REGISTRY_INDEX);
        let inner = Rc::new(Inner {
            vm,
            registry,
            pending: RefCell::new(Vec::new()),
            script_dirs: RefCell::new(Vec::new()),
            budget: Budget::default(),
            text_only: Cell::new(false),
        });
        let weak = Rc::downgrade(&inner);
        inner.state().set_host_context(Box::new(weak));
        Ok(inner)
    }

    /// A handle on the main thread.
    #[inline]
    pub(crate) fn state(&self) -> State {
        self.vm.share()
    }

    /// Runs `body` protected on the main thread, after releasing the references of dropped handles.
    pub(crate) fn protect<R>(
        &self,
        body: impl FnOnce(&mut State) -> std::result::Result<R, Raise>,
    ) -> Result<R> {
        let mut st = self.state();
        self.release_pending(&mut st);
        protect(&mut st, body)
    }

    /// `protect` for bodies that normally run no Lua code (see `protect_light`).
    #[inline]
    pub(crate) fn protect_light<R>(
        &self,
        body: impl FnOnce(&mut State) -> std::result::Result<R, Raise>,
    ) -> Result<R> {
        let mut st = self.state();
        self.release_pending(&mut st);
        crate::protect::protect_light(&mut st, body)
    }

    #[inline]
    fn release_pending(&self, st: &mut State) {
        if let Ok(mut p) = self.pending.try_borrow_mut() {
            // Cannot run Lua code (nor drop a handle), cannot fail. The vector keeps its capacity
            // for the next handles.
            while let Some(r) = p.pop() {
                st.host_unref(r);
            }
        }
    }

    /// Whether `st` is a thread of this VM.
    #[inline]
    pub(crate) fn owns(&self, st: &State) -> bool {
        st.registry_table().addr() == self.registry
    }
}

/// The `Inner` of the VM `st` belongs to (bound functions use it to hand out handles).
pub(crate) fn inner_of(st: &mut State) -> Result<Rc<Inner>> {
    st.host_context()
        .and_then(|c| c.downcast_ref::<Weak<Inner>>())
        .and_then(Weak::upgrade)
        .ok_or_else(|| Error::message("this Lua state has no lua-bind context"))
}

/// A host slot holding one Lua value, released when dropped. Cloning holds the value in a new slot.
pub(crate) struct Ref {
    pub(crate) inner: Rc<Inner>,
    r: u32,
}

impl Ref {
    /// References the value at `idx`.
    pub(crate) fn new(st: &mut State, idx: i32) -> Result<Ref> {
        let inner = inner_of(st)?;
        Ok(Ref::with_inner(inner, st, idx))
    }

    /// References the value at `idx` of `st`, a thread of `inner`'s VM.
    #[inline]
    pub(crate) fn with_inner(inner: Rc<Inner>, st: &mut State, idx: i32) -> Ref {
        let v = st.value_at(idx);
        Ref::of_value(inner, st, v)
    }

    /// References `v`, a value reachable in `st` (a thread of `inner`'s VM).
    #[inline]
    pub(crate) fn of_value(inner: Rc<Inner>, st: &mut State, v: lua_vm::value::Value) -> Ref {
        let r = st.host_ref(v);
        Ref { inner, r }
    }

    /// The referenced value, after checking that `st` belongs to the same VM.
    #[inline]
    pub(crate) fn value(&self, st: &State) -> Result<lua_vm::value::Value> {
        if !self.inner.owns(st) {
            return Err(foreign_handle());
        }
        Ok(st.host_value(self.r))
    }

    /// Replaces the referenced value (`st` must belong to the same VM).
    #[inline]
    pub(crate) fn set_value(&self, st: &mut State, v: lua_vm::value::Value) -> Result<()> {
        if !self.inner.owns(st) {
            return Err(foreign_handle());
        }
        st.host_set(self.r, v);
        Ok(())
    }

    /// Pushes the referenced value onto `st` (which must belong to the same VM).
    #[inline]
    pub(crate) fn push(&self, st: &mut State) -> Result<()> {
        if !self.inner.owns(st) {
            return Err(foreign_handle());
        }
        st.push_host_value(self.r);
        Ok(())
    }

    /// Runs `body` protected with the referenced value at the top of the stack (at `top`).
    pub(crate) fn protect<R>(
        &self,
        body: impl FnOnce(&mut State, i32) -> std::result::Result<R, Raise>,
    ) -> Result<R> {
        self.inner.protect(|st| {
            self.push(st)?;
            let idx = st.get_top();
            body(st, idx)
        })
    }

    /// `protect_light` (no protected call: for bodies that run no Lua code) with the referenced
    /// value at the top of the stack (at `top`).
    #[inline]
    pub(crate) fn protect_light<R>(
        &self,
        body: impl FnOnce(&mut State, i32) -> std::result::Result<R, Raise>,
    ) -> Result<R> {
        self.inner.protect_light(|st| {
            self.push(st)?;
            let idx = st.get_top();
            body(st, idx)
        })
    }
}

#[cold]
fn foreign_handle() -> Error {
    Error::message("a handle was used with a Lua state it does not belong to")
}

impl Clone for Ref {
    fn clone(&self) -> Ref {
        let mut st = self.inner.state();
        let v = st.host_value(self.r);
        Ref::of_value(self.inner.clone(), &mut st, v)
    }
}

impl Drop for Ref {
    fn drop(&mut self) {
        if let Ok(mut p) = self.inner.pending.try_borrow_mut() {
            p.push(self.r);
        }
    }
}

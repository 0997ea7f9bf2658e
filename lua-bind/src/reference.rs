//! The shared core of a `Lua` and its handles: `Inner` owns the VM; handles keep values alive through
//! registry references (`ref_`) and hold an `Rc<Inner>`, so the VM lives as long as any of them.
//!
//! Dropping a handle never touches the VM (it may happen while the collector runs a finalizer that
//! frees a userdata holding a handle): the reference goes into a queue that the next protected entry
//! releases with `unref`.

use std::cell::{Cell, RefCell};
use std::path::PathBuf;
use std::rc::{Rc, Weak};

use lua_vm::vm::state::REGISTRY_INDEX;
use lua_vm::{State, Vm};

use crate::error::{Error, Result};
use crate::limits::Budget;
use crate::protect::{from_lua_error, protect, Raise};

/// Registry key (a light userdata: the address of this static) of the userdata holding the
/// `Weak<Inner>` that bound functions use to find their `Lua`.
static CONTEXT_KEY: u8 = 0;

fn context_key() -> usize {
    &CONTEXT_KEY as *const u8 as usize
}

pub(crate) struct Inner {
    vm: Vm,
    /// Identity of this VM's registry, to refuse handles of another state.
    registry: usize,
    /// References of dropped handles, released at the next entry.
    pending: RefCell<Vec<i64>>,
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
        let mut st = inner.state();
        st.new_userdata(weak, 0).map_err(from_lua_error)?;
        st.raw_set_p(REGISTRY_INDEX, context_key())
            .map_err(from_lua_error)?;
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
            // Only raw table writes: cannot run Lua code (nor drop a handle); a memory error leaves
            // the slot in use. The vector keeps its capacity for the next handles.
            while let Some(r) = p.pop() {
                let _ = st.registry_unref(r);
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
    st.raw_get_p(REGISTRY_INDEX, context_key());
    let inner = st.to_userdata::<Weak<Inner>>(-1).and_then(|w| w.upgrade());
    st.pop(1);
    inner.ok_or_else(|| Error::message("this Lua state has no lua-bind context"))
}

/// A registry reference to one Lua value, released when dropped.
pub(crate) struct Ref {
    pub(crate) inner: Rc<Inner>,
    r: i64,
}

impl Ref {
    /// References the value at `idx`.
    pub(crate) fn new(st: &mut State, idx: i32) -> Result<Ref> {
        let inner = inner_of(st)?;
        Ref::with_inner(inner, st, idx)
    }

    pub(crate) fn with_inner(inner: Rc<Inner>, st: &mut State, idx: i32) -> Result<Ref> {
        let v = st.value_at(idx);
        let r = st.registry_ref(v).map_err(from_lua_error)?;
        Ok(Ref { inner, r })
    }

    /// Pushes the referenced value onto `st` (which must belong to the same VM).
    #[inline]
    pub(crate) fn push(&self, st: &mut State) -> Result<()> {
        if !self.inner.owns(st) {
            return Err(Error::message(
                "a handle was used with a Lua state it does not belong to",
            ));
        }
        let reg = st.registry_table();
        st.push_table_int(reg, self.r);
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
}

impl Drop for Ref {
    fn drop(&mut self) {
        if let Ok(mut p) = self.inner.pending.try_borrow_mut() {
            p.push(self.r);
        }
    }
}

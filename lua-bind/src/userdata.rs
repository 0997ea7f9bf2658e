//! `AnyUserData`: a handle on a full userdata. Host values made into userdata with
//! `Lua::create_userdata` sit in a `RefCell`, so access from the host is checked at run time.

use std::any::Any;
use std::cell::RefCell;

use lua_vm::value::Value as RawValue;
use lua_vm::State;

use crate::error::{Error, Result};
use crate::reference::Ref;
use crate::traits::{FromLua, IntoLua};
use crate::value::handle_ref;

/// A full userdata, kept alive while the handle (or a clone of it) exists.
#[derive(Clone)]
pub struct AnyUserData(pub(crate) Ref);

impl std::fmt::Debug for AnyUserData {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AnyUserData(..)")
    }
}

impl AnyUserData {
    /// Whether the userdata holds a `T` made by `Lua::create_userdata`.
    pub fn is<T: Any>(&self) -> bool {
        self.0
            .protect(|st, u| Ok(st.to_userdata::<RefCell<T>>(u).is_some()))
            .unwrap_or(false)
    }

    /// Calls `f` with the `T` inside (an error if it holds another type or is already borrowed).
    pub fn with<T: Any, R>(&self, f: impl FnOnce(&mut T) -> R) -> Result<R> {
        self.0.protect(|st, u| {
            let cell = st
                .to_userdata::<RefCell<T>>(u)
                .ok_or_else(|| Error::message("userdata is not of the requested type"))?;
            let mut b = cell
                .try_borrow_mut()
                .map_err(|_| Error::message("userdata is already borrowed"))?;
            Ok(f(&mut b))
        })
    }
}

impl FromLua for AnyUserData {
    fn from_stack(st: &mut State, idx: i32) -> Result<Self> {
        handle_ref(st, idx, "userdata", |v| matches!(v, RawValue::UserData(_))).map(AnyUserData)
    }
}

impl IntoLua for AnyUserData {
    fn push_into(self, st: &mut State) -> Result<()> {
        self.0.push(st)
    }
}

impl IntoLua for &AnyUserData {
    fn push_into(self, st: &mut State) -> Result<()> {
        self.0.push(st)
    }
}

//! Support for the code `#[lua_function]` and `#[derive(LuaTable)]` generate. Not a public API: the
//! generated code names these items through `::lua_bind::__private`.

use std::any::Any;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicU32, Ordering};

pub use crate::traits::via_stack;
pub use lua_vm::gc::heap::Gc;
pub use lua_vm::{LuaError, State};

use crate::conversion::expect_table;
use crate::error::{BadArgument, Error, Result};
use crate::lua::Lua;
use crate::multi::Variadic;
use crate::protect::{from_lua_error, raise};
use crate::reference::inner_of;
use crate::traits::{FromLua, IntoLua, LuaReturn};

pub type LuaResult<T> = std::result::Result<T, LuaError>;

/// Runs the body of a bound function, turning a panic into the Lua error "panic in 'name': ...".
#[inline]
pub fn guard(
    st: &mut State,
    name: &str,
    body: impl FnOnce(&mut State) -> LuaResult<usize>,
) -> LuaResult<usize> {
    match catch_unwind(AssertUnwindSafe(|| body(&mut *st))) {
        Ok(r) => r,
        Err(payload) => Err(panic_error(st, name, payload)),
    }
}

#[cold]
fn panic_error(st: &mut State, name: &str, payload: Box<dyn Any + Send>) -> LuaError {
    let what = if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic payload".to_string()
    };
    st.error_msg(format!("panic in '{name}': {what}"))
}

/// Stands for a function whose `#[lua_function]` expansion failed (keeps uses of `FN` compiling so
/// only the real error is reported).
pub fn unbound(st: &mut State) -> LuaResult<usize> {
    Err(st.error_msg("function was not bound (its #[lua_function] had errors)"))
}

/// Argument `i` of function `name`, converted; a failure raises "bad argument #i to 'name' (...)".
#[inline]
pub fn arg<T: FromLua>(st: &mut State, i: i32, name: &str) -> LuaResult<T> {
    let r = match st.native_arg(i as usize) {
        Some(v) => T::from_arg(st, i, v),
        None => T::from_stack(st, i),
    };
    match r {
        Ok(v) => Ok(v),
        Err(e) => Err(bad_arg(st, i, name, e)),
    }
}

#[cold]
#[inline(never)]
fn bad_arg(st: &mut State, i: i32, name: &str, e: Error) -> LuaError {
    arg_error_at(st, name, e.into_bad_argument(i as usize, name))
}

/// Arguments `i..=top` of function `name` (a `Variadic` last parameter).
pub fn variadic<T: FromLua>(st: &mut State, i: i32, name: &str) -> LuaResult<Variadic<T>> {
    let top = st.get_top();
    let mut out = Vec::with_capacity((top - i + 1).max(0) as usize);
    for j in i..=top {
        out.push(arg(st, j, name)?);
    }
    Ok(Variadic(out))
}

/// The Lua error for a failed argument conversion of function `name`. As `luaL_argerror`, a call
/// made as a method (`obj:f(...)`) does not count `self`.
#[cold]
pub fn arg_error_at(st: &mut State, name: &str, e: Error) -> LuaError {
    let Error::BadArgument(bad) = e else {
        return raise(st, e);
    };
    let BadArgument {
        position,
        expected,
        got,
        path,
        message,
        ..
    } = *bad;
    let mut position = position;
    let is_method = st
        .get_stack(0)
        .map(|ci| st.get_info_frame(ci, "n").namewhat == "method")
        .unwrap_or(false);
    if is_method {
        position -= 1;
        if position == 0 {
            let detail = Error::Conversion {
                from: got,
                to: expected,
                path,
                message,
            };
            return st.error_msg(format!("calling '{name}' on bad self ({detail})"));
        }
    }
    let e = BadArgument {
        position,
        function: name.to_string(),
        expected,
        got,
        path,
        message,
    };
    st.error_msg(e.to_string())
}

/// Pushes the results of a bound function and returns their count (or raises its error).
#[inline]
pub fn ret<R: LuaReturn>(st: &mut State, r: R) -> LuaResult<usize> {
    match r.push_return(st) {
        Ok(n) => Ok(n),
        Err(e) => Err(raise(st, e)),
    }
}

/// The `Lua` of the state running a bound function that takes `&Lua`.
pub fn context(st: &mut State) -> LuaResult<Lua> {
    match inner_of(st) {
        Ok(inner) => Ok(Lua::from_inner(inner)),
        Err(e) => Err(raise(st, e)),
    }
}

// ---- derived tables ----

/// Pushes a new table with room for `narr` items and `nrec` fields.
#[inline]
pub fn new_table(st: &mut State, narr: usize, nrec: usize) -> Result<()> {
    st.gc_check();
    st.create_table(narr, nrec).map_err(from_lua_error)
}

/// A table handle inside generated code (the table is on the stack).
pub type TableRef = Gc<lua_vm::value::table::Table>;
/// An interned field name (fixed: never collected).
pub type Key = Gc<lua_vm::value::string::LuaStr>;
pub use lua_vm::value::Value as RawValue;

/// The field names of a record type (a static of the generated code) and the number under which
/// each VM caches their interned strings (given on first use, one per type in the process).
pub struct RecordNames<const N: usize> {
    names: [&'static str; N],
    id: AtomicU32,
}

impl<const N: usize> RecordNames<N> {
    pub const fn new(names: [&'static str; N]) -> Self {
        RecordNames {
            names,
            id: AtomicU32::new(0),
        }
    }

    /// This type's cache number.
    #[inline(always)]
    fn id(&self) -> u32 {
        match self.id.load(Ordering::Relaxed) {
            0 => self.assign_id(),
            n => n - 1,
        }
    }

    #[cold]
    #[inline(never)]
    fn assign_id(&self) -> u32 {
        static NEXT: AtomicU32 = AtomicU32::new(1);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        match self
            .id
            .compare_exchange(0, n, Ordering::Relaxed, Ordering::Relaxed)
        {
            Ok(_) => n - 1,
            Err(current) => current - 1,
        }
    }
}

/// The interned strings of a record's field names, cached per VM.
#[inline]
pub fn record_keys<const N: usize>(
    st: &mut State,
    names: &'static RecordNames<N>,
) -> Result<[Key; N]> {
    st.host_keys(names.id(), &names.names)
        .map_err(from_lua_error)
}

/// Pushes a new table with room for `nrec` fields and returns it.
#[inline]
pub fn new_record(st: &mut State, nrec: usize) -> Result<TableRef> {
    st.gc_check();
    st.push_new_table(0, nrec).map_err(from_lua_error)
}

/// Sets field `key` of the table `t`, on top of the stack, to `v` (raw: the table was just created).
/// On error the table is popped.
#[inline]
pub fn set_field<V: IntoLua>(st: &mut State, t: TableRef, key: Key, v: V) -> Result<()> {
    // The table is new and the derive checked that the names are distinct: a field is absent.
    let r = match v.into_raw(st) {
        Ok(RawValue::Nil) => Ok(()),
        Ok(raw) => st.table_add_str(t, key, raw).map_err(from_lua_error),
        Err(e) => Err(e),
    };
    if r.is_err() {
        st.pop(1);
    }
    r
}

/// Sets item `i` of the table on top to `v`. On error the table is popped.
#[inline]
pub fn set_index<V: IntoLua>(st: &mut State, i: i64, v: V) -> Result<()> {
    let r = v
        .push_into(st)
        .and_then(|()| st.raw_set_i(-2, i).map_err(from_lua_error));
    if r.is_err() {
        st.pop(1);
    }
    r
}

/// Checks that the value at `idx` is a table and returns its absolute index.
#[inline]
pub fn table_at(st: &mut State, idx: i32) -> Result<i32> {
    let idx = st.abs_index(idx);
    expect_table(st, idx)?;
    Ok(idx)
}

/// The table a record is read from: the value at `idx`, which must be a table.
#[inline]
pub fn record_at(st: &mut State, idx: i32) -> Result<TableRef> {
    match st.value_at(idx) {
        RawValue::Table(t) => Ok(t),
        _ => Err(crate::conversion::type_error(st, idx, "table")),
    }
}

/// Reads field `key` (named `name`) of the reachable table `t` (raw); errors name the field.
#[inline(always)]
pub fn get_field<V: FromLua>(st: &mut State, t: TableRef, key: Key, name: &str) -> Result<V> {
    let v = t.get().get_str(key);
    match V::from_raw(st, v) {
        Ok(v) => Ok(v),
        Err(e) => Err(field_error(e, name)),
    }
}

#[cold]
#[inline(never)]
fn field_error(e: Error, name: &str) -> Error {
    e.in_field(name)
}

/// Reads field `key`, or `default()` when it is nil.
#[inline]
pub fn get_field_or<V: FromLua>(
    st: &mut State,
    t: TableRef,
    key: Key,
    name: &str,
    default: impl FnOnce() -> V,
) -> Result<V> {
    match get_field::<Option<V>>(st, t, key, name)? {
        Some(v) => Ok(v),
        None => Ok(default()),
    }
}

/// Reads item `i` of the table at `idx` (raw); errors name the index.
#[inline]
pub fn get_index<V: FromLua>(st: &mut State, idx: i32, i: i64) -> Result<V> {
    crate::conversion::raw_index(st, idx, i)
}

/// Pushes the name of a unit enum variant.
#[inline]
pub fn push_name(st: &mut State, name: &str) -> Result<()> {
    st.push_str(name).map_err(from_lua_error)
}

/// Reads the string at `idx` and returns its index in `names`; errors as `luaL_checkoption`.
pub fn check_name(st: &mut State, idx: i32, names: &[&str]) -> Result<usize> {
    let s = crate::conversion::read_bytes(st, idx)?;
    match names.iter().position(|n| n.as_bytes() == s.as_slice()) {
        Some(i) => Ok(i),
        None => Err(Error::conversion_msg(
            "string",
            "string",
            format!("invalid option '{}'", String::from_utf8_lossy(&s)),
        )),
    }
}

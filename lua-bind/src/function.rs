//! `Function`: a handle on a Lua (or native) function, called protected from the host; `LuaFn`: a
//! native function with the name its errors use (what `#[lua_function]` generates); Rust closures as
//! Lua functions.

use std::any::Any;
use std::rc::Weak;

use lua_vm::value::Value as RawValue;
use lua_vm::vm::state::NativeFn;
use lua_vm::State;

use crate::__private as private;
use crate::error::{Error, Result};
use crate::lua::Lua;
use crate::reference::{Inner, Ref};
use crate::traits::{FromLua, FromLuaMulti, IntoLua, IntoLuaMulti, LuaReturn};
use crate::value::handle_ref;

/// A Lua function, kept alive while the handle (or a clone of it) exists.
#[derive(Clone)]
pub struct Function(pub(crate) Ref);

impl std::fmt::Debug for Function {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Function(..)")
    }
}

impl Function {
    /// Calls the function with `args` in a protected call and converts its results.
    pub fn call<R: FromLuaMulti>(&self, args: impl IntoLuaMulti) -> Result<R> {
        self.0.protect(|st, f| {
            // The function pushed by `protect` is the one called (results from `f`).
            let n = args.push_multi(st)?;
            st.call(n, R::NRESULTS)?;
            let top = st.get_top();
            Ok(R::from_stack_multi(st, f, top)?)
        })
    }
}

impl FromLua for Function {
    fn from_stack(st: &mut State, idx: i32) -> Result<Self> {
        handle_ref(st, idx, "function", |v| v.is_function()).map(Function)
    }
}

impl IntoLua for Function {
    fn push_into(self, st: &mut State) -> Result<()> {
        self.0.push(st)
    }
}

impl IntoLua for &Function {
    fn push_into(self, st: &mut State) -> Result<()> {
        self.0.push(st)
    }
}

/// A native function together with the name Lua and its error messages see. `#[lua_function]`
/// generates one as `the_function::FN`; it is also how a hand-written `fn(&mut State)` is registered.
#[derive(Clone, Copy)]
pub struct LuaFn {
    name: &'static str,
    func: NativeFn,
}

impl LuaFn {
    pub const fn new(name: &'static str, func: NativeFn) -> LuaFn {
        LuaFn { name, func }
    }

    pub fn name(&self) -> &'static str {
        self.name
    }

    pub fn native(&self) -> NativeFn {
        self.func
    }
}

impl std::fmt::Debug for LuaFn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "LuaFn({})", self.name)
    }
}

impl IntoLua for LuaFn {
    #[inline]
    fn push_into(self, st: &mut State) -> Result<()> {
        st.push_fn(self.func);
        Ok(())
    }
}

/// The `Error` for an `Err` returned by a bound function: ours as it is, any other error by message.
pub(crate) fn error_of<E: std::fmt::Display + 'static>(e: E) -> Error {
    match (&e as &dyn Any).downcast_ref::<Error>() {
        Some(err) => err.clone(),
        None => Error::Message(e.to_string()),
    }
}

/// Pushes a Rust closure as a Lua function. It receives the `Lua` and its arguments converted to `A`;
/// a panic inside becomes a Lua error.
pub(crate) fn push_closure<A, R, F>(
    st: &mut State,
    inner: Weak<Inner>,
    name: Option<&'static str>,
    f: F,
) -> Result<()>
where
    A: FromLuaMulti,
    R: LuaReturn,
    F: Fn(&Lua, A) -> R + 'static,
{
    let call = move |st: &mut State| -> std::result::Result<usize, lua_vm::LuaError> {
        let fname = name.unwrap_or("?");
        private::guard(st, fname, |st| {
            let Some(inner) = inner.upgrade() else {
                return Err(st.error_msg("the Lua state of this function is gone"));
            };
            let lua = Lua::from_inner(inner);
            let top = st.get_top();
            let args = match A::from_args(st, 1, top) {
                Ok(a) => a,
                Err(e) => {
                    let name = name
                        .map(str::to_string)
                        .unwrap_or_else(|| call_site_name(st));
                    return Err(private::arg_error_at(st, &name, e));
                }
            };
            private::ret(st, f(&lua, args))
        })
    };
    st.push_boxed_closure(Box::new(call), 0)
        .map_err(crate::protect::from_lua_error)
}

/// The name the caller used for the running function, as `luaL_argerror` finds it.
fn call_site_name(st: &mut State) -> String {
    let Some(ci) = st.get_stack(0) else {
        return "?".to_string();
    };
    let d = st.get_info_frame(ci, "n");
    if let Some(n) = d.name {
        return n;
    }
    let f: RawValue = d.func;
    st.global_func_name(&f).unwrap_or_else(|| "?".to_string())
}

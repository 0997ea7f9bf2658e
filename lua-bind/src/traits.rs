//! The conversion traits. Conversions push to and read from the stack directly: `IntoLua` pushes one
//! value, `FromLua` reads the value at an index; the multi-value forms push or read a run of values
//! (argument lists, results). `LuaReturn` is what a bound function may return (adds `Result`).

use lua_vm::value::Value as RawValue;
use lua_vm::State;

use crate::error::Result;

/// A Rust value that can be pushed onto the Lua stack as one Lua value.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be converted into a Lua value",
    label = "no `IntoLua` conversion for `{Self}`",
    note = "implement `IntoLua` for it, or derive it with `#[derive(LuaTable)]` for a struct"
)]
pub trait IntoLua {
    /// Pushes exactly one value on `st`'s stack (nothing on error).
    fn push_into(self, st: &mut State) -> Result<()>;

    /// The value without leaving it on the stack, for storing it into a table right away (before
    /// the next GC safe point: a collectable result is not anchored). Generated code uses it; the
    /// default pushes the value and pops it.
    #[doc(hidden)]
    #[inline]
    fn into_raw(self, st: &mut State) -> Result<RawValue>
    where
        Self: Sized,
    {
        self.push_into(st)?;
        Ok(st.pop_value())
    }
}

/// A Rust value that can be read from a Lua value on the stack.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be converted from a Lua value",
    label = "no `FromLua` conversion for `{Self}`",
    note = "implement `FromLua` for it, or derive it with `#[derive(LuaTable)]` for a struct"
)]
pub trait FromLua: Sized {
    /// Reads the value at the absolute index `idx` (an index above the top reads as "no value").
    /// Leaves the stack as it found it.
    fn from_stack(st: &mut State, idx: i32) -> Result<Self>;

    /// `from_stack` for a value at the valid index `idx` that the caller already read (`v`): the
    /// arguments of bound functions. The default ignores `v`.
    #[doc(hidden)]
    #[inline]
    fn from_arg(st: &mut State, idx: i32, v: RawValue) -> Result<Self> {
        let _ = v;
        Self::from_stack(st, idx)
    }

    /// Converts `v`, a value read from a table that is reachable (e.g. on the stack): the fields of
    /// derived records. The default pushes it for `from_stack` and pops it.
    #[doc(hidden)]
    #[inline]
    fn from_raw(st: &mut State, v: RawValue) -> Result<Self> {
        via_stack(st, v)
    }
}

/// Converts `v` with `T::from_stack` by pushing it (then pops it).
#[doc(hidden)]
#[inline(never)]
pub fn via_stack<T: FromLua>(st: &mut State, v: RawValue) -> Result<T> {
    st.push(v);
    let top = st.get_top();
    let r = T::from_stack(st, top);
    st.pop(1);
    r
}

/// Any number of Rust values pushed as a run of Lua values (arguments, results).
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be converted into Lua values",
    label = "no `IntoLuaMulti` conversion for `{Self}`"
)]
pub trait IntoLuaMulti {
    /// Pushes the values and returns how many were pushed.
    fn push_multi(self, st: &mut State) -> Result<usize>;
}

/// Rust values read from a run of Lua values: the stack slots `first..=last` (absolute indices; missing
/// values read as "no value").
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be converted from Lua values",
    label = "no `FromLuaMulti` conversion for `{Self}`"
)]
pub trait FromLuaMulti: Sized {
    /// How many results a call converted to `Self` asks for (`MULTRET`: all of them).
    #[doc(hidden)]
    const NRESULTS: i32 = lua_vm::vm::state::MULTRET;

    fn from_stack_multi(st: &mut State, first: i32, last: i32) -> Result<Self>;

    /// As `from_stack_multi` for the arguments of a function (`first` is argument 1's index 1): a
    /// conversion error becomes a bad-argument error naming the argument's position (the function
    /// name is filled in by the caller).
    fn from_args(st: &mut State, first: i32, last: i32) -> Result<Self> {
        Self::from_stack_multi(st, first, last).map_err(|e| e.into_bad_argument(first as usize, ""))
    }
}

/// What a function bound with `#[lua_function]` may return: any `IntoLuaMulti` (one value, `()`,
/// `Option<T>`, a tuple for several results) or a `Result` whose `Err` raises a Lua error.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be returned to Lua",
    label = "not a Lua return type",
    note = "a bound function returns `()`, a value with `IntoLua`, `Option<T>`, a tuple of them, or `Result<T, E: Display>`"
)]
pub trait LuaReturn {
    /// Pushes the results and returns their count, or the error to raise.
    fn push_return(self, st: &mut State) -> Result<usize>;
}

impl<T: IntoLua> IntoLuaMulti for T {
    #[inline]
    fn push_multi(self, st: &mut State) -> Result<usize> {
        self.push_into(st)?;
        Ok(1)
    }
}

impl<T: FromLua> FromLuaMulti for T {
    const NRESULTS: i32 = 1;

    #[inline]
    fn from_stack_multi(st: &mut State, first: i32, last: i32) -> Result<Self> {
        match st.frame_value(first) {
            Some(v) if first <= last => T::from_arg(st, first, v),
            _ => T::from_stack(st, first),
        }
    }
}

impl<T: IntoLuaMulti> LuaReturn for T {
    #[inline]
    fn push_return(self, st: &mut State) -> Result<usize> {
        self.push_multi(st)
    }
}

impl<T: IntoLuaMulti, E: std::fmt::Display + 'static> LuaReturn for std::result::Result<T, E> {
    #[inline]
    fn push_return(self, st: &mut State) -> Result<usize> {
        match self {
            Ok(v) => v.push_multi(st),
            Err(e) => Err(crate::function::error_of(e)),
        }
    }
}

//! Multiple values: `()` (none), tuples (one value per element; the last element may itself be several
//! values, e.g. a `Variadic`), and `Variadic<T>`, the rest of the arguments or results.

use std::ops::{Deref, DerefMut};

use lua_vm::State;

use crate::error::Result;
use crate::traits::{FromLua, FromLuaMulti, IntoLua, IntoLuaMulti};

impl IntoLuaMulti for () {
    #[inline]
    fn push_multi(self, _st: &mut State) -> Result<usize> {
        Ok(0)
    }
}

impl FromLuaMulti for () {
    #[inline]
    fn from_stack_multi(_st: &mut State, _first: i32, _last: i32) -> Result<Self> {
        Ok(())
    }
}

/// Any number of values of one type: the rest of a function's arguments, or a variable number of
/// results.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Variadic<T>(pub Vec<T>);

impl<T> Variadic<T> {
    pub fn new() -> Variadic<T> {
        Variadic(Vec::new())
    }
    pub fn into_inner(self) -> Vec<T> {
        self.0
    }
}

impl<T> Deref for Variadic<T> {
    type Target = Vec<T>;
    fn deref(&self) -> &Vec<T> {
        &self.0
    }
}

impl<T> DerefMut for Variadic<T> {
    fn deref_mut(&mut self) -> &mut Vec<T> {
        &mut self.0
    }
}

impl<T> FromIterator<T> for Variadic<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        Variadic(iter.into_iter().collect())
    }
}

impl<T: IntoLua> IntoLuaMulti for Variadic<T> {
    fn push_multi(self, st: &mut State) -> Result<usize> {
        let n = self.0.len();
        for (i, v) in self.0.into_iter().enumerate() {
            if let Err(e) = v.push_into(st) {
                st.pop(i as i32);
                return Err(e);
            }
        }
        Ok(n)
    }
}

impl<T: FromLua> FromLuaMulti for Variadic<T> {
    fn from_stack_multi(st: &mut State, first: i32, last: i32) -> Result<Self> {
        let mut out = Vec::with_capacity((last - first + 1).max(0) as usize);
        for i in first..=last {
            out.push(T::from_stack(st, i)?);
        }
        Ok(Variadic(out))
    }

    fn from_args(st: &mut State, first: i32, last: i32) -> Result<Self> {
        let mut out = Vec::with_capacity((last - first + 1).max(0) as usize);
        for i in first..=last {
            out.push(T::from_stack(st, i).map_err(|e| e.into_bad_argument(i as usize, ""))?);
        }
        Ok(Variadic(out))
    }
}

macro_rules! tuple_impls {
    ($($name:ident)* ; $last:ident) => {
        impl<$($name: IntoLua,)* $last: IntoLuaMulti> IntoLuaMulti for ($($name,)* $last,) {
            #[allow(non_snake_case, unused_mut)]
            fn push_multi(self, st: &mut State) -> Result<usize> {
                let ($($name,)* $last,) = self;
                let mut n = 0usize;
                $(
                    if let Err(e) = $name.push_into(st) {
                        st.pop(n as i32);
                        return Err(e);
                    }
                    n += 1;
                )*
                match $last.push_multi(st) {
                    Ok(k) => Ok(n + k),
                    Err(e) => {
                        st.pop(n as i32);
                        Err(e)
                    }
                }
            }
        }

        impl<$($name: FromLua,)* $last: FromLuaMulti> FromLuaMulti for ($($name,)* $last,) {
            #[allow(non_snake_case, unused_assignments, unused_mut)]
            fn from_stack_multi(st: &mut State, first: i32, last: i32) -> Result<Self> {
                let mut i = first;
                $(
                    let $name = $name::from_stack(st, i)?;
                    i += 1;
                )*
                let $last = $last::from_stack_multi(st, i, last)?;
                Ok(($($name,)* $last,))
            }

            #[allow(non_snake_case, unused_assignments, unused_mut)]
            fn from_args(st: &mut State, first: i32, last: i32) -> Result<Self> {
                let mut i = first;
                $(
                    let $name = $name::from_stack(st, i)
                        .map_err(|e| e.into_bad_argument(i as usize, ""))?;
                    i += 1;
                )*
                let $last = $last::from_args(st, i, last)?;
                Ok(($($name,)* $last,))
            }
        }
    };
}

tuple_impls!(; A);
tuple_impls!(A; B);
tuple_impls!(A B; C);
tuple_impls!(A B C; D);
tuple_impls!(A B C D; E);
tuple_impls!(A B C D E; F);
tuple_impls!(A B C D E F; G);
tuple_impls!(A B C D E F G; H);
tuple_impls!(A B C D E F G H; I);
tuple_impls!(A B C D E F G H I; J);
tuple_impls!(A B C D E F G H I J; K);
tuple_impls!(A B C D E F G H I J K; L);

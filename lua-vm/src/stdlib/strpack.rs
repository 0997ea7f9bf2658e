//! `string.pack`, `string.packsize` and `string.unpack`: the engines of `text::pack` over the Lua
//! stack.
#![forbid(unsafe_code)]

use std::borrow::Cow;

use crate::text::pack::{pack as pack_text, packsize as packsize_text, unpack as unpack_text};
use crate::text::pack::{PackArgs, Unpacked};
use crate::vm::error::LuaResult;
use crate::vm::state::State;

use super::strformat::ArgError;
use super::string::text_error;

struct StackArgs<'s> {
    st: &'s mut State,
    /// Bytes the result may still take under the memory cap (see `State::buffer_room`): strings
    /// packed again and again are what can outgrow it.
    room: usize,
}

impl PackArgs for StackArgs<'_> {
    type Error = ArgError;

    fn integer(&mut self, argn: usize) -> Result<i64, ArgError> {
        Ok(self.st.check_integer(argn as i32)?)
    }

    fn number(&mut self, argn: usize) -> Result<f64, ArgError> {
        Ok(self.st.check_number(argn as i32)?)
    }

    fn string(&mut self, argn: usize) -> Result<Cow<'_, [u8]>, ArgError> {
        let s = self.st.check_bytes(argn as i32)?;
        self.room = match self.room.checked_sub(s.len()) {
            Some(r) => r,
            None => return Err(ArgError::Lua(self.st.mem_error())),
        };
        Ok(Cow::Borrowed(s))
    }
}

/// `string.pack(fmt, v1, v2, ...)`.
pub fn pack(st: &mut State) -> LuaResult<usize> {
    let fmt = st.check_bytes(1)?;
    // As the reference: a nil above the arguments, so a missing one is reported as "got nil".
    st.push_nil();
    let mut out = Vec::new();
    let room = st.buffer_room();
    if let Err(e) = pack_text(fmt, &mut StackArgs { st, room }, &mut out) {
        return Err(e.into_lua(st));
    }
    st.push_bytes(&out)?;
    Ok(1)
}

/// `string.packsize(fmt)`.
pub fn packsize(st: &mut State) -> LuaResult<usize> {
    let fmt = st.check_bytes(1)?;
    match packsize_text(fmt) {
        Ok(n) => {
            st.push_integer(n);
            Ok(1)
        }
        Err(e) => Err(text_error(st, e)),
    }
}

/// `string.unpack(fmt, s, init)`.
pub fn unpack(st: &mut State) -> LuaResult<usize> {
    let fmt = st.check_bytes(1)?;
    let data = st.check_bytes(2)?;
    let init = st.opt_integer(3, 1)?;
    let mut n = 0;
    let r = unpack_text(fmt, data, init, |v| -> Result<(), ArgError> {
        if !st.ensure_stack(2) {
            return Err(ArgError::Lua(
                st.error_msg("stack overflow (too many results)"),
            ));
        }
        match v {
            Unpacked::Int(i) => st.push_integer(i),
            Unpacked::Float(f) => st.push_number(f),
            Unpacked::Str(s) => st.push_bytes(s)?,
        }
        n += 1;
        Ok(())
    });
    match r {
        Ok(next) => {
            st.push_integer(next);
            Ok(n + 1)
        }
        Err(e) => Err(e.into_lua(st)),
    }
}

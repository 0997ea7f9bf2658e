//! `string.format`: the pure driver in `text::format` fed by the arguments on the Lua stack, with
//! the auxiliary library's semantics (`luaL_checkinteger`, `luaL_checknumber`, `luaL_tolstring`
//! with `__tostring` and `__name`, `lua_topointer`) and its error messages.
#![forbid(unsafe_code)]

use std::borrow::Cow;

use crate::text::error::TextError;
use crate::text::format::{format as format_text, FormatArgs, Literal};
use crate::value::{Type, Value};
use crate::vm::error::{LuaError, LuaResult};
use crate::vm::state::State;

use super::string::text_error;

/// An error while formatting: already a Lua error, or one from the engine still to be framed.
pub(crate) enum ArgError {
    Lua(LuaError),
    Text(TextError),
}

impl From<TextError> for ArgError {
    fn from(e: TextError) -> Self {
        ArgError::Text(e)
    }
}

impl From<LuaError> for ArgError {
    fn from(e: LuaError) -> Self {
        ArgError::Lua(e)
    }
}

impl ArgError {
    pub(crate) fn into_lua(self, st: &mut State) -> LuaError {
        match self {
            ArgError::Lua(e) => e,
            ArgError::Text(e) => text_error(st, e),
        }
    }
}

/// The arguments of the running `string.format` call.
struct StackArgs<'s> {
    st: &'s mut State,
    top: usize,
    /// Bytes the result may still take under the memory cap (see `State::buffer_room`).
    room: usize,
}

impl StackArgs<'_> {
    /// Whether the value at `n` has a `__tostring` metamethod (then `luaL_tolstring` calls it).
    fn has_tostring(&mut self, n: i32) -> Result<bool, ArgError> {
        let t = self.st.get_metafield(n, "__tostring")?;
        if t != Type::Nil {
            self.st.pop(1);
        }
        Ok(t != Type::Nil)
    }

    /// `luaL_tolstring` of argument `n`, copied out (the converted value is popped again).
    fn tolstring_owned(&mut self, n: i32) -> Result<Vec<u8>, ArgError> {
        let s = self.st.to_lstring(n)?.to_vec();
        self.st.pop(1);
        Ok(s)
    }
}

impl FormatArgs for StackArgs<'_> {
    type Error = ArgError;

    fn arg_count(&self) -> usize {
        self.top
    }

    fn integer(&mut self, argn: usize) -> Result<i64, ArgError> {
        Ok(self.st.check_integer(argn as i32)?)
    }

    fn number(&mut self, argn: usize) -> Result<f64, ArgError> {
        Ok(self.st.check_number(argn as i32)?)
    }

    fn tostring(&mut self, argn: usize) -> Result<Cow<'_, [u8]>, ArgError> {
        let n = argn as i32;
        // Each `%s` may copy a whole string: the sum of them is what can outgrow the cap.
        let len = match self.st.value_at(n) {
            Value::Str(s) => s.get().as_bytes().len(),
            _ => 0,
        };
        self.room = match self.room.checked_sub(len) {
            Some(r) => r,
            None => return Err(ArgError::Lua(self.st.mem_error())),
        };
        if let Value::Str(s) = self.st.value_at(n) {
            if !self.has_tostring(n)? {
                return Ok(Cow::Borrowed(s.get().as_bytes()));
            }
        }
        let owned = self.tolstring_owned(n)?;
        self.room = match self.room.checked_sub(owned.len()) {
            Some(r) => r,
            None => return Err(ArgError::Lua(self.st.mem_error())),
        };
        Ok(Cow::Owned(owned))
    }

    fn literal(&mut self, argn: usize) -> Result<Literal<'_>, ArgError> {
        let n = argn as i32;
        if let Value::Str(s) = self.st.value_at(n) {
            // `%q` writes at most four bytes per byte of the string.
            let len = s.get().as_bytes().len().saturating_mul(4);
            self.room = match self.room.checked_sub(len) {
                Some(r) => r,
                None => return Err(ArgError::Lua(self.st.mem_error())),
            };
        }
        Ok(match self.st.value_at(n) {
            Value::Str(s) => Literal::Str(Cow::Borrowed(s.get().as_bytes())),
            Value::Int(i) => Literal::Int(i),
            Value::Num(f) => Literal::Float(f),
            Value::Nil | Value::Bool(_) => Literal::Verbatim(Cow::Owned(self.tolstring_owned(n)?)),
            _ => Literal::Other,
        })
    }

    fn pointer(&mut self, argn: usize) -> Result<usize, ArgError> {
        Ok(self.st.to_pointer(argn as i32))
    }
}

/// `string.format(fmt, ...)`.
pub fn format(st: &mut State) -> LuaResult<usize> {
    let top = st.get_top() as usize;
    let fmt = st.check_bytes(1)?;
    let mut out = st.take_str_buf();
    st.reserve_buffer(&mut out, fmt.len() + 16)?;
    let room = st.buffer_room();
    let r = format_text(fmt, &mut StackArgs { st, top, room }, &mut out);
    if let Err(e) = r {
        return Err(e.into_lua(st));
    }
    st.push_bytes(&out)?;
    st.keep_str_buf(out);
    Ok(1)
}

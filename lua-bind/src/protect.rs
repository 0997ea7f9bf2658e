//! Protected entry, pmain style: every call from the host into the VM runs as a native frame inside a
//! protected call whose message handler takes the traceback before the stack unwinds (as `lua.c`'s
//! `msghandler`). Also the way back: turning an `Error` into a Lua error raised from a bound function,
//! and a `LuaError` caught by the VM into an `Error`.

use std::panic::{catch_unwind, AssertUnwindSafe};

use lua_vm::value::Value as RawValue;
use lua_vm::{LuaError, State, Status};

use crate::error::Error;

/// Why a protected body stopped: a Lua error to unwind through the VM (the message handler sees it
/// with the failing frames still on the stack), or a host error returned as it is.
pub(crate) enum Raise {
    Lua(LuaError),
    Host(Error),
}

impl From<LuaError> for Raise {
    fn from(e: LuaError) -> Raise {
        Raise::Lua(e)
    }
}

impl From<Error> for Raise {
    fn from(e: Error) -> Raise {
        Raise::Host(e)
    }
}

/// What the message handler leaves as the error object: the message and the traceback, apart.
struct Traced {
    message: String,
    traceback: String,
}

/// The message handler of host entries: converts the error object to a message as `lua.c` does and
/// records the traceback from level 1 (the function that raised the error).
fn msgh(st: &mut State) -> Result<usize, LuaError> {
    let message = error_text(st, 1)?;
    let mut tb = Vec::new();
    st.traceback_into(&mut tb, 1)?;
    st.new_userdata(
        Traced {
            message,
            traceback: String::from_utf8_lossy(&tb).into_owned(),
        },
        0,
    )?;
    Ok(1)
}

/// The message of the error object at `idx`: strings and numbers as they are, a `__tostring` result,
/// or "(error object is a X value)".
fn error_text(st: &mut State, idx: i32) -> Result<String, LuaError> {
    if st.is_string(idx) {
        let b = st.to_bytes(idx)?.unwrap_or(b"");
        return Ok(String::from_utf8_lossy(b).into_owned());
    }
    if st.call_meta(idx, "__tostring")? && st.to_str_obj(-1).is_some() {
        let b = st.to_bytes(-1)?.unwrap_or(b"");
        let s = String::from_utf8_lossy(b).into_owned();
        st.pop(1);
        return Ok(s);
    }
    Ok(format!(
        "(error object is a {} value)",
        st.value_at(idx).type_name()
    ))
}

/// Runs `body` protected, on the current top of `st`'s thread, and restores the top afterwards.
pub(crate) fn protect<R>(
    st: &mut State,
    body: impl FnOnce(&mut State) -> Result<R, Raise>,
) -> Result<R, Error> {
    let base = st.get_top();
    st.push_fn(msgh);
    let mut body = Some(body);
    let mut out: Option<Result<R, Error>> = None;
    let status = st.pcall_native(0, 0, base + 1, &mut |st| {
        let Some(body) = body.take() else {
            return Ok(0);
        };
        match body(st) {
            Ok(r) => out = Some(Ok(r)),
            Err(Raise::Host(e)) => {
                // Unwind as for a Lua error (a Lua error turned into a host error may have left
                // frames behind), but without running the message handler: it only runs for ErrRun.
                out = Some(Err(e));
                return Err(LuaError {
                    status: Status::ErrErr,
                    value: RawValue::Nil,
                });
            }
            Err(Raise::Lua(e)) => return Err(e),
        }
        Ok(0)
    });
    let result = match (status, out) {
        (Status::Ok, Some(r)) => r,
        (Status::Ok, None) => Err(Error::message("protected call returned no result")),
        // A host error, unwound with the private ErrErr signal.
        (_, Some(Err(e))) => Err(e),
        (status, _) => Err(caught_error(st, status, -1)),
    };
    st.set_top(base);
    if status == Status::ErrMem {
        // What the failed code left is garbage now: collect it, so the host's next call has the
        // room (the collector would otherwise wait for a safe point in Lua code).
        st.full_gc();
    }
    result
}

/// `protect` for bodies that normally run no Lua code (conversions, raw table access): no protected
/// call, no message handler (a Lua error raised by code they do run has no traceback). An error or a
/// panic unwinds the call stack to where it was, as `protect` does; the top is restored.
pub(crate) fn protect_light<R>(
    st: &mut State,
    body: impl FnOnce(&mut State) -> Result<R, Raise>,
) -> Result<R, Error> {
    let base = st.get_top();
    let level = st.host_level();
    let r = catch_unwind(AssertUnwindSafe(|| body(&mut *st)));
    let result = match r {
        Ok(Ok(v)) if st.host_level_intact(&level) => Ok(v),
        Ok(r) => {
            let (e, host) = match r {
                Ok(_) => (
                    st.error_msg("host function returned with frames left on the call stack"),
                    None,
                ),
                Err(Raise::Lua(e)) => (e, None),
                Err(Raise::Host(e)) => (
                    LuaError {
                        status: Status::ErrErr,
                        value: RawValue::Nil,
                    },
                    Some(e),
                ),
            };
            let status = st.host_recover(&level, e);
            match host {
                Some(e) => Err(e),
                None => Err(caught_error(st, status, -1)),
            }
        }
        Err(payload) => {
            let text = if let Some(s) = payload.downcast_ref::<&str>() {
                (*s).to_string()
            } else if let Some(s) = payload.downcast_ref::<String>() {
                s.clone()
            } else {
                "unknown panic payload".to_string()
            };
            let e = st.error_msg(format!("panic: {text}"));
            let status = st.host_recover(&level, e);
            Err(caught_error(st, status, -1))
        }
    };
    st.set_top(base);
    if matches!(result, Err(Error::Memory { .. })) {
        st.full_gc();
    }
    result
}

/// The `Error` for an error object a protected call left at `idx` with `status`.
pub(crate) fn caught_error(st: &mut State, status: Status, idx: i32) -> Error {
    if let Some(t) = st.to_userdata::<Traced>(idx) {
        return Error::Runtime {
            message: t.message.clone(),
            traceback: t.traceback.clone(),
        };
    }
    let message = plain_text(&st.value_at(idx));
    match status {
        Status::ErrSyntax => Error::Syntax { message },
        Status::ErrMem => Error::Memory { message },
        Status::ErrErr => Error::ErrorHandler { message },
        _ => Error::Runtime {
            message,
            traceback: String::new(),
        },
    }
}

/// The text of an error value without running any Lua code.
pub(crate) fn plain_text(v: &RawValue) -> String {
    match v {
        RawValue::Str(s) => String::from_utf8_lossy(s.get().as_bytes()).into_owned(),
        RawValue::Int(i) => i.to_string(),
        RawValue::Num(n) => lua_vm::text::numfmt::fmt_float(*n).as_str().to_string(),
        other => format!("(error object is a {} value)", other.type_name()),
    }
}

impl From<LuaError> for Error {
    /// A `LuaError` returned by the stack API (inside `Lua::with_state` or a native function); its
    /// message is read without running Lua code.
    fn from(e: LuaError) -> Error {
        from_lua_error(e)
    }
}

/// An error caught by the VM outside a protected entry (a memory error of a push, for instance).
pub(crate) fn from_lua_error(e: LuaError) -> Error {
    let message = plain_text(&e.value);
    match e.status {
        Status::ErrSyntax => Error::Syntax { message },
        Status::ErrMem => Error::Memory { message },
        Status::ErrErr => Error::ErrorHandler { message },
        _ => Error::Runtime {
            message,
            traceback: String::new(),
        },
    }
}

/// The Lua error that raises `e` from a bound function: Lua errors keep their message as it is, other
/// errors get the caller's position prepended as `luaL_error` does.
pub(crate) fn raise(st: &mut State, e: Error) -> LuaError {
    match e {
        Error::Memory { .. } => st.mem_error(),
        Error::Runtime { message, .. }
        | Error::Syntax { message }
        | Error::ErrorHandler { message } => match st.new_str(message.as_bytes()) {
            Ok(s) => LuaError::runtime(RawValue::Str(s)),
            Err(e) => e,
        },
        other => st.error_msg(other.to_string()),
    }
}

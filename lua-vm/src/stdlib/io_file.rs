//! File handles: the `FILE*` userdata (`LStream`), its metatable and methods (read, write, lines,
//! flush, seek, setvbuf, close, `__gc`, `__close`, `__tostring`), and the helpers the io functions
//! share with them (`luaL_fileresult`, `luaL_execresult`, `g_read`, `g_write`, the lines iterator).
#![forbid(unsafe_code)]

use std::cell::RefCell;
use std::io;
use std::os::unix::process::ExitStatusExt;
use std::process::ExitStatus;
use std::rc::Rc;

use super::io_read::{not_eof, read_all, read_chars, read_line, read_numeral};
use super::io_stdout::{self, BufMode};
use super::io_stream::Stream;
use crate::api::{os_error_text, Reg};
use crate::text::printf::{fmt_float, Spec};
use crate::value::{Type, Value};
use crate::vm::error::LuaResult;
use crate::vm::state::{upvalue_index, State, MIN_STACK};

/// Registry name of the file handle metatable (`LUA_FILEHANDLE`).
pub const FILEHANDLE: &str = "FILE*";

/// How a handle is closed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CloseKind {
    /// stdin/stdout/stderr: never closed (`io_noclose`).
    Std,
    /// `fclose`.
    File,
    /// `pclose`: the result is the child's exit status.
    Pipe,
}

/// The payload of a `FILE*` userdata (`luaL_Stream`); `s` is `None` once closed.
pub struct LStream {
    pub s: Option<Rc<RefCell<Stream>>>,
    pub kind: CloseKind,
}

/// Pushes a new file handle for an open stream.
pub fn push_file(st: &mut State, s: Stream, kind: CloseKind) -> LuaResult<()> {
    let rc = Rc::new(RefCell::new(s));
    if kind != CloseKind::Std {
        io_stdout::register(&rc);
    }
    st.new_userdata(LStream { s: Some(rc), kind }, 0)?;
    st.set_metatable_named(FILEHANDLE)
}

/// The handle at argument 1 (`tolstream`).
fn to_lstream<'a>(st: &mut State) -> LuaResult<&'a mut LStream> {
    st.check_udata::<LStream>(1, FILEHANDLE)
}

/// The open stream at argument 1 (`tofile`).
pub fn to_file(st: &mut State) -> LuaResult<Rc<RefCell<Stream>>> {
    match &to_lstream(st)?.s {
        Some(s) => Ok(s.clone()),
        None => Err(st.error_msg("attempt to use a closed file")),
    }
}

/// Pushes `nil, "[fname: ]strerror", errno` (`luaL_fileresult` on failure).
pub fn push_error(st: &mut State, e: &io::Error, fname: Option<&[u8]>) -> LuaResult<usize> {
    let en = e.raw_os_error().unwrap_or(0);
    let text = os_error_text(e);
    let mut msg = Vec::new();
    if let Some(f) = fname {
        msg.extend_from_slice(f);
        msg.extend_from_slice(b": ");
    }
    msg.extend_from_slice(text.as_bytes());
    st.push_nil();
    st.push_bytes(&msg)?;
    st.push_integer(en as i64);
    Ok(3)
}

/// `true`, or the error triple (`luaL_fileresult`).
pub fn file_result(st: &mut State, r: io::Result<()>, fname: Option<&[u8]>) -> LuaResult<usize> {
    match r {
        Ok(()) => {
            st.push_bool(true);
            Ok(1)
        }
        Err(e) => push_error(st, &e, fname),
    }
}

/// `true|nil, "exit"|"signal", code` for a finished child process (`luaL_execresult`).
pub fn exec_result(st: &mut State, r: io::Result<ExitStatus>) -> LuaResult<usize> {
    let status = match r {
        Ok(s) => s,
        Err(e) => return push_error(st, &e, None),
    };
    let (what, code) = match (status.code(), status.signal()) {
        (Some(c), _) => ("exit", c),
        (None, Some(sig)) => ("signal", sig),
        (None, None) => ("exit", 0),
    };
    if what == "exit" && code == 0 {
        st.push_bool(true);
    } else {
        st.push_nil();
    }
    st.push_str(what)?;
    st.push_integer(code as i64);
    Ok(3)
}

/// Closes the handle at index 1 according to its kind and pushes the results (`aux_close`).
pub fn aux_close(st: &mut State) -> LuaResult<usize> {
    let p = to_lstream(st)?;
    if p.kind == CloseKind::Std {
        st.push_nil();
        st.push_str("cannot close standard file")?;
        return Ok(2);
    }
    let kind = p.kind;
    let Some(s) = p.s.take() else {
        return Ok(0);
    };
    let r = s.borrow_mut().close();
    drop(s);
    match kind {
        CloseKind::Pipe => exec_result(
            st,
            r.and_then(|st| st.ok_or_else(|| super::io_stream::errno(super::io_stream::EBADF))),
        ),
        _ => file_result(st, r.map(|_| ()), None),
    }
}

fn f_close(st: &mut State) -> LuaResult<usize> {
    to_file(st)?;
    aux_close(st)
}

fn f_gc(st: &mut State) -> LuaResult<usize> {
    if to_lstream(st)?.s.is_some() {
        aux_close(st)?;
    }
    Ok(0)
}

fn f_tostring(st: &mut State) -> LuaResult<usize> {
    let text = match &to_lstream(st)?.s {
        None => "file (closed)".to_string(),
        Some(s) => format!("file ({:#x})", Rc::as_ptr(s) as *const u8 as usize),
    };
    st.push_str(&text)?;
    Ok(1)
}

/// Largest read request tried before reporting a memory error (the reference allocates the whole
/// buffer first, which fails for absurd sizes).
const MAX_READ_REQUEST: u64 = 1 << 40;

/// Reads with the formats at `first..first+nargs`, pushing one result per format processed
/// (`g_read`).
pub fn g_read(st: &mut State, s: &Rc<RefCell<Stream>>, first: i32, nargs: i32) -> LuaResult<usize> {
    let mut buf = Vec::new();
    if nargs == 0 {
        let r = s.borrow_mut().with_reader(|r| read_line(r, &mut buf, true));
        return match r {
            Ok(ok) => {
                if ok {
                    st.push_bytes(&buf)?;
                } else {
                    st.push_nil();
                }
                Ok(1)
            }
            Err(e) => push_error(st, &e, None),
        };
    }
    if !st.ensure_stack(nargs as usize + MIN_STACK) {
        return Err(st.error_msg("stack overflow (too many arguments)"));
    }
    let mut n = 0;
    let mut success = true;
    while n < nargs && success {
        let idx = first + n;
        buf.clear();
        let r = if st.type_at(idx) == Some(Type::Number) {
            let l = st.check_integer(idx)? as u64;
            if l == 0 {
                let r = s.borrow_mut().with_reader(not_eof);
                st.push_str("")?;
                r
            } else {
                if l >= MAX_READ_REQUEST {
                    return Err(st.mem_error());
                }
                let r = s.borrow_mut().with_reader(|r| read_chars(r, &mut buf, l));
                st.push_bytes(&buf)?;
                r
            }
        } else {
            let p = st.check_bytes(idx)?;
            let p = p.strip_prefix(b"*").unwrap_or(p);
            match p.first() {
                Some(b'n') => {
                    let r = s.borrow_mut().with_reader(read_numeral);
                    match r {
                        Ok(Some(text)) if st.string_to_number(&text) != 0 => Ok(true),
                        Ok(_) => {
                            st.push_nil();
                            Ok(false)
                        }
                        Err(e) => Err(e),
                    }
                }
                Some(b'l') | Some(b'L') => {
                    let chop = p[0] == b'l';
                    let r = s.borrow_mut().with_reader(|r| read_line(r, &mut buf, chop));
                    st.push_bytes(&buf)?;
                    r
                }
                Some(b'a') => {
                    let r = s.borrow_mut().with_reader(|r| read_all(r, &mut buf));
                    st.push_bytes(&buf)?;
                    r.map(|_| true)
                }
                _ => return Err(st.arg_error(idx, "invalid format")),
            }
        };
        match r {
            Ok(ok) => success = ok,
            Err(e) => return push_error(st, &e, None),
        }
        n += 1;
    }
    if !success {
        st.pop(1);
        st.push_nil();
    }
    Ok(n as usize)
}

/// Writes the arguments from `arg` to the one below the top, where the file handle sits; returns
/// the handle or the error triple (`g_write`).
pub fn g_write(st: &mut State, s: &Rc<RefCell<Stream>>, arg: i32) -> LuaResult<usize> {
    let last = st.get_top() - 1;
    let mut status: io::Result<()> = Ok(());
    let mut num = Vec::new();
    for i in arg..=last {
        let r = match st.value_at(i) {
            Value::Int(v) => {
                num.clear();
                crate::text::numfmt::write_integer(&mut num, v);
                s.borrow_mut().write(&num)
            }
            Value::Num(x) => {
                num.clear();
                let spec = Spec {
                    precision: Some(14),
                    ..Spec::default()
                };
                fmt_float(&mut num, &spec, b'g', x);
                s.borrow_mut().write(&num)
            }
            _ => {
                let b = st.check_bytes(i)?;
                s.borrow_mut().write(b)
            }
        };
        if r.is_err() {
            status = r;
        }
    }
    match status {
        Ok(()) => Ok(1),
        Err(e) => push_error(st, &e, None),
    }
}

fn f_read(st: &mut State) -> LuaResult<usize> {
    let s = to_file(st)?;
    let nargs = st.get_top() - 1;
    g_read(st, &s, 2, nargs)
}

fn f_write(st: &mut State) -> LuaResult<usize> {
    let s = to_file(st)?;
    st.push_value(1);
    g_write(st, &s, 2)
}

/// Most formats `lines` accepts (`MAXARGLINE`).
const MAX_ARG_LINE: i32 = 250;

/// Replaces the stack (file, formats...) with the lines iterator (`aux_lines`).
pub fn aux_lines(st: &mut State, toclose: bool) -> LuaResult<()> {
    let n = st.get_top() - 1;
    st.arg_check(n <= MAX_ARG_LINE, MAX_ARG_LINE + 2, "too many arguments")?;
    st.push_value(1);
    st.push_integer(n as i64);
    st.push_bool(toclose);
    st.rotate(2, 3);
    st.push_closure(io_readline, 3 + n as usize)
}

/// The lines iterator: upvalues are the file, the number of formats, whether to close the file at
/// the end, and the formats (`io_readline`).
fn io_readline(st: &mut State) -> LuaResult<usize> {
    let open = st
        .to_userdata::<LStream>(upvalue_index(1))
        .and_then(|p| p.s.clone());
    let Some(s) = open else {
        return Err(st.error_msg("file is already closed"));
    };
    st.set_top(1);
    let n = st.to_integer(upvalue_index(2)).unwrap_or(0) as i32;
    if !st.ensure_stack(n as usize) {
        return Err(st.error_msg("stack overflow (too many arguments)"));
    }
    for i in 1..=n {
        st.push_value(upvalue_index(3 + i));
    }
    let n = g_read(st, &s, 2, n)? as i32;
    drop(s);
    if st.to_boolean(-n) {
        return Ok(n as usize);
    }
    if n > 1 {
        let msg = st.to_bytes(-n + 1)?.unwrap_or(b"").to_vec();
        return Err(st.error_msg(msg));
    }
    if st.to_boolean(upvalue_index(3)) {
        st.set_top(0);
        st.push_value(upvalue_index(1));
        aux_close(st)?;
    }
    Ok(0)
}

fn f_lines(st: &mut State) -> LuaResult<usize> {
    to_file(st)?;
    aux_lines(st, false)?;
    Ok(1)
}

fn f_seek(st: &mut State) -> LuaResult<usize> {
    let s = to_file(st)?;
    let op = st.check_option(2, Some("cur"), &["set", "cur", "end"])?;
    let offset = st.opt_integer(3, 0)?;
    let whence = [b's', b'c', b'e'][op];
    let r = s.borrow_mut().seek(whence, offset);
    match r {
        Ok(p) => {
            st.push_integer(p as i64);
            Ok(1)
        }
        Err(e) => push_error(st, &e, None),
    }
}

/// Default buffer size of `setvbuf` (`LUAL_BUFFERSIZE`).
const LUAL_BUFFERSIZE: i64 = 1024;

fn f_setvbuf(st: &mut State) -> LuaResult<usize> {
    let s = to_file(st)?;
    let op = st.check_option(2, None, &["no", "full", "line"])?;
    let size = st.opt_integer(3, LUAL_BUFFERSIZE)?;
    let mode = [BufMode::No, BufMode::Full, BufMode::Line][op];
    let size = if size <= 0 || size > (1 << 30) {
        super::io_stdout::BUFSIZE
    } else {
        size as usize
    };
    let r = s.borrow_mut().set_buffering(mode, size);
    file_result(st, r, None)
}

fn f_flush(st: &mut State) -> LuaResult<usize> {
    let s = to_file(st)?;
    let r = s.borrow_mut().flush();
    file_result(st, r, None)
}

/// Methods of file handles.
const METHODS: &[Reg] = &[
    ("read", f_read),
    ("write", f_write),
    ("lines", f_lines),
    ("flush", f_flush),
    ("seek", f_seek),
    ("close", f_close),
    ("setvbuf", f_setvbuf),
];

/// Metamethods of file handles.
const METAMETHODS: &[Reg] = &[
    ("__gc", f_gc),
    ("__close", f_gc),
    ("__tostring", f_tostring),
];

/// Creates the `FILE*` metatable with its methods (`createmeta`).
pub fn create_meta(st: &mut State) -> LuaResult<()> {
    st.new_metatable(FILEHANDLE)?;
    st.set_funcs(METAMETHODS, 0)?;
    st.new_lib(METHODS)?;
    st.set_field(-2, "__index")?;
    st.pop(1);
    Ok(())
}

//! The io library (`luaopen_io`): open, close, read, write, lines, input, output, popen, tmpfile,
//! type, flush, and the standard files. File handles and their methods are in `io_file`, the streams
//! in `io_stream`, standard output's shared buffer in `io_stdout`.
#![forbid(unsafe_code)]

use std::ffi::OsStr;
use std::fs::OpenOptions;
use std::os::unix::ffi::OsStrExt;
use std::process::{Command, Stdio};

use super::io_file::{
    aux_lines, create_meta, file_result, g_read, g_write, push_error, push_file, to_file,
    CloseKind, LStream,
};
use super::io_stream::{Raw, Stream};
use crate::api::Reg;
use crate::vm::error::LuaResult;
use crate::vm::state::{State, REGISTRY_INDEX};

pub use super::io_stdout::flush_all;

const IO_INPUT: &str = "_IO_input";
const IO_OUTPUT: &str = "_IO_output";

/// The bytes of a C string: everything before the first NUL.
pub fn c_str(s: &[u8]) -> &[u8] {
    match s.iter().position(|&c| c == 0) {
        Some(i) => &s[..i],
        None => s,
    }
}

/// Checks an `fopen` mode: `[rwa]%+?b*` (`l_checkmode`).
fn check_mode(mode: &[u8]) -> bool {
    let Some((&first, rest)) = mode.split_first() else {
        return false;
    };
    if !b"rwa".contains(&first) {
        return false;
    }
    let rest = rest.strip_prefix(b"+").unwrap_or(rest);
    rest.iter().all(|&c| c == b'b')
}

/// Opens a file as `fopen(name, mode)` does, for a mode `check_mode` accepted.
fn fopen(name: &[u8], mode: &[u8]) -> std::io::Result<Stream> {
    let plus = mode.get(1) == Some(&b'+');
    let mut o = OpenOptions::new();
    let (r, w) = match mode[0] {
        b'r' => {
            o.read(true).write(plus);
            (true, plus)
        }
        b'w' => {
            o.write(true).read(plus).create(true).truncate(true);
            (plus, true)
        }
        _ => {
            o.append(true).read(plus).create(true);
            (plus, true)
        }
    };
    let f = o.open(OsStr::from_bytes(c_str(name)))?;
    Ok(Stream::new(Raw::File(f), r, w))
}

/// Opens a file or raises "cannot open file" (`opencheck`); pushes the handle.
fn open_check(st: &mut State, name: &[u8], mode: &[u8]) -> LuaResult<()> {
    match fopen(name, mode) {
        Ok(s) => push_file(st, s, CloseKind::File),
        Err(e) => {
            let mut msg = b"cannot open file '".to_vec();
            msg.extend_from_slice(c_str(name));
            msg.extend_from_slice(b"' (");
            msg.extend_from_slice(crate::api::os_error_text(&e).as_bytes());
            msg.push(b')');
            Err(st.error_msg(msg))
        }
    }
}

fn io_open(st: &mut State) -> LuaResult<usize> {
    let name = st.check_bytes(1)?.to_vec();
    let mode = st.opt_bytes(2, b"r")?.to_vec();
    st.arg_check(check_mode(&mode), 2, "invalid mode")?;
    match fopen(&name, &mode) {
        Ok(s) => {
            push_file(st, s, CloseKind::File)?;
            Ok(1)
        }
        Err(e) => push_error(st, &e, Some(c_str(&name))),
    }
}

fn io_close(st: &mut State) -> LuaResult<usize> {
    if st.is_none(1) {
        st.get_field(REGISTRY_INDEX, IO_OUTPUT)?;
    }
    to_file(st)?;
    super::io_file::aux_close(st)
}

fn io_popen(st: &mut State) -> LuaResult<usize> {
    let prog = st.check_bytes(1)?.to_vec();
    let mode = st.opt_bytes(2, b"r")?.to_vec();
    st.arg_check(mode == b"r" || mode == b"w", 2, "invalid mode")?;
    flush_all();
    let mut cmd = Command::new("/bin/sh");
    cmd.arg("-c").arg(OsStr::from_bytes(c_str(&prog)));
    let reading = mode == b"r";
    if reading {
        cmd.stdout(Stdio::piped());
    } else {
        cmd.stdin(Stdio::piped());
    }
    match cmd.spawn() {
        Ok(mut child) => {
            let raw = if reading {
                let out = child.stdout.take();
                Raw::PipeRead(child, out)
            } else {
                let inp = child.stdin.take();
                Raw::PipeWrite(child, inp)
            };
            push_file(st, Stream::new(raw, reading, !reading), CloseKind::Pipe)?;
            Ok(1)
        }
        Err(e) => push_error(st, &e, Some(c_str(&prog))),
    }
}

/// Creates and opens an anonymous temporary file (`tmpfile`): created in the temporary directory
/// and unlinked at once.
fn make_tmpfile() -> std::io::Result<std::fs::File> {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let dir = std::env::temp_dir();
    let mut last = None;
    for _ in 0..100 {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let t = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let path = dir.join(format!("lua_tmp{}_{n}_{t:x}", std::process::id()));
        match OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(f) => {
                let _ = std::fs::remove_file(&path);
                return Ok(f);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::from_raw_os_error(17)))
}

fn io_tmpfile(st: &mut State) -> LuaResult<usize> {
    match make_tmpfile() {
        Ok(f) => {
            push_file(st, Stream::new(Raw::File(f), true, true), CloseKind::File)?;
            Ok(1)
        }
        Err(e) => push_error(st, &e, None),
    }
}

fn io_type(st: &mut State) -> LuaResult<usize> {
    st.check_any(1)?;
    let closed = st
        .test_udata::<LStream>(1, super::io_file::FILEHANDLE)?
        .map(|p| p.s.is_none());
    match closed {
        None => st.push_nil(),
        Some(true) => st.push_str("closed file")?,
        Some(false) => st.push_str("file")?,
    }
    Ok(1)
}

/// Pushes the default input or output file and returns its stream (`getiofile`).
fn get_io_file(st: &mut State, key: &str) -> LuaResult<std::rc::Rc<std::cell::RefCell<Stream>>> {
    st.get_field(REGISTRY_INDEX, key)?;
    match st.to_userdata::<LStream>(-1).and_then(|p| p.s.clone()) {
        Some(s) => Ok(s),
        None => Err(st.error_msg(format!("default {} file is closed", &key[4..]))),
    }
}

/// Sets or gets the default input or output (`g_iofile`).
fn g_iofile(st: &mut State, key: &str, mode: &[u8]) -> LuaResult<usize> {
    if !st.is_none_or_nil(1) {
        match st.to_bytes(1)? {
            Some(name) => open_check(st, name, mode)?,
            None => {
                to_file(st)?;
                st.push_value(1);
            }
        }
        st.set_field(REGISTRY_INDEX, key)?;
    }
    st.get_field(REGISTRY_INDEX, key)?;
    Ok(1)
}

fn io_input(st: &mut State) -> LuaResult<usize> {
    g_iofile(st, IO_INPUT, b"r")
}

fn io_output(st: &mut State) -> LuaResult<usize> {
    g_iofile(st, IO_OUTPUT, b"w")
}

fn io_lines(st: &mut State) -> LuaResult<usize> {
    if st.is_none(1) {
        st.push_nil();
    }
    let toclose = if st.is_nil(1) {
        st.get_field(REGISTRY_INDEX, IO_INPUT)?;
        st.replace(1);
        to_file(st)?;
        false
    } else {
        let name = st.check_bytes(1)?;
        open_check(st, name, b"r")?;
        st.replace(1);
        true
    };
    aux_lines(st, toclose)?;
    if toclose {
        st.push_nil();
        st.push_nil();
        st.push_value(1);
        Ok(4)
    } else {
        Ok(1)
    }
}

fn io_read(st: &mut State) -> LuaResult<usize> {
    let nargs = st.get_top();
    let s = get_io_file(st, IO_INPUT)?;
    g_read(st, &s, 1, nargs)
}

fn io_write(st: &mut State) -> LuaResult<usize> {
    let s = get_io_file(st, IO_OUTPUT)?;
    g_write(st, &s, 1)
}

fn io_flush(st: &mut State) -> LuaResult<usize> {
    let s = get_io_file(st, IO_OUTPUT)?;
    let r = s.borrow_mut().flush();
    file_result(st, r, None)
}

const IOLIB: &[Reg] = &[
    ("close", io_close),
    ("flush", io_flush),
    ("input", io_input),
    ("lines", io_lines),
    ("open", io_open),
    ("output", io_output),
    ("popen", io_popen),
    ("read", io_read),
    ("tmpfile", io_tmpfile),
    ("type", io_type),
    ("write", io_write),
];

/// Creates a standard file handle in the module (and in the registry under `key`).
fn create_std_file(st: &mut State, raw: Raw, key: Option<&str>, name: &str) -> LuaResult<()> {
    let (r, w) = match raw {
        Raw::Stdin => (true, false),
        _ => (false, true),
    };
    push_file(st, Stream::new(raw, r, w), CloseKind::Std)?;
    if let Some(k) = key {
        st.push_value(-1);
        st.set_field(REGISTRY_INDEX, k)?;
    }
    st.set_field(-2, name)
}

/// Opens the io library and returns its table (`luaopen_io`).
pub fn open_io(st: &mut State) -> LuaResult<usize> {
    st.new_lib(IOLIB)?;
    create_meta(st)?;
    create_std_file(st, Raw::Stdin, Some(IO_INPUT), "stdin")?;
    create_std_file(st, Raw::Stdout, Some(IO_OUTPUT), "stdout")?;
    create_std_file(st, Raw::Stderr, None, "stderr")?;
    Ok(1)
}

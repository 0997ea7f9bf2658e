//! The os library (`loslib.c`): clock, execute, exit, getenv, remove, rename and tmpname here;
//! date, time and difftime in `ostime`; setlocale in `oslocale`. No libc: processes go through
//! `std::process`, CPU time is read from `/proc`, files through `std::fs`; results and messages
//! follow `luaL_fileresult` / `luaL_execresult`.
#![forbid(unsafe_code)]

use std::ffi::OsStr;
use std::io::Write;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::process::CommandExt;

use crate::api::Reg;
use crate::vm::error::LuaResult;
use crate::vm::state::State;

/// A Lua string as the C library sees it: cut at the first NUL.
pub(super) fn c_str(s: &[u8]) -> &OsStr {
    let end = s.iter().position(|&c| c == 0).unwrap_or(s.len());
    OsStr::from_bytes(&s[..end])
}

/// `luaL_fileresult`: true on success, otherwise nil, "fname: message" (or just the message) and
/// the error number.
fn file_result(st: &mut State, r: std::io::Result<()>, fname: Option<&[u8]>) -> LuaResult<usize> {
    match r {
        Ok(()) => {
            st.push_bool(true);
            Ok(1)
        }
        Err(e) => {
            let mut msg = Vec::new();
            if let Some(f) = fname {
                msg.extend_from_slice(f);
                msg.extend_from_slice(b": ");
            }
            msg.extend_from_slice(crate::api::os_error_text(&e).as_bytes());
            st.push_nil();
            st.push_bytes(&msg)?;
            st.push_integer(e.raw_os_error().unwrap_or(0) as i64);
            Ok(3)
        }
    }
}

/// CPU time used by the process, in seconds (C's `clock()`): the scheduler's per-thread run times
/// in nanoseconds when available, else user + system ticks from `/proc/self/stat`.
fn cpu_seconds() -> f64 {
    let mut total_ns: u64 = 0;
    let mut found = false;
    if let Ok(dir) = std::fs::read_dir("/proc/self/task") {
        for entry in dir.flatten() {
            let path = entry.path().join("schedstat");
            if let Ok(text) = std::fs::read_to_string(path) {
                if let Some(ns) = text
                    .split_whitespace()
                    .next()
                    .and_then(|v| v.parse::<u64>().ok())
                {
                    total_ns += ns;
                    found = true;
                }
            }
        }
    }
    if found {
        return total_ns as f64 / 1e9;
    }
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    let rest = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or("");
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<u64>().ok())
            .unwrap_or(0)
    };
    (ticks(11) + ticks(12)) as f64 / 100.0
}

fn clock(st: &mut State) -> LuaResult<usize> {
    // clock() counts microseconds (CLOCKS_PER_SEC is 1000000).
    let us = (cpu_seconds() * 1e6).floor();
    st.push_number(us / 1e6);
    Ok(1)
}

fn execute(st: &mut State) -> LuaResult<usize> {
    if st.is_none_or_nil(1) {
        let shell = std::path::Path::new("/bin/sh").exists();
        st.push_bool(shell);
        return Ok(1);
    }
    let cmd = st.check_bytes(1)?;
    let _ = std::io::stdout().flush();
    // Like system(): "sh" as argv[0] (it shows in the shell's error messages).
    let status = std::process::Command::new("/bin/sh")
        .arg0("sh")
        .arg("-c")
        .arg(c_str(cmd))
        .status();
    match status {
        Err(e) => file_result(st, Err(e), None),
        Ok(s) => {
            use std::os::unix::process::ExitStatusExt;
            let (what, code) = match (s.code(), s.signal()) {
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
    }
}

fn exit(st: &mut State) -> LuaResult<usize> {
    let status = if st.is_boolean(1) {
        if st.to_boolean(1) {
            0
        } else {
            1
        }
    } else {
        st.opt_integer(1, 0)? as i32 // C's (int) conversion
    };
    if st.to_boolean(2) {
        close_state(st);
    }
    flush_before_exit();
    std::process::exit(status)
}

/// What C's `exit` does to stdio before the process ends: every output stream is flushed (the
/// buffers of standard output, `io.write` and open files live in the io library).
fn flush_before_exit() {
    crate::stdlib::io::flush_all();
}

/// `lua_close` before exiting: unwinds the main thread, closes its upvalues and runs every
/// pending finalizer. The process exits right after, so nothing touches the freed objects.
fn close_state(st: &mut State) {
    let main = st.g().main_thread;
    let mut m = st.for_thread(main);
    crate::gc::collect::close_state(&mut m);
}

fn getenv(st: &mut State) -> LuaResult<usize> {
    let name = c_str(st.check_bytes(1)?);
    let bytes = name.as_bytes();
    let value = if bytes.is_empty() || bytes.contains(&b'=') {
        None
    } else {
        std::env::var_os(name)
    };
    match value {
        Some(v) => st.push_bytes(v.as_bytes())?,
        None => st.push_nil(),
    }
    Ok(1)
}

/// C's `remove`: unlinks a file, or removes an empty directory.
fn remove_path(path: &OsStr) -> std::io::Result<()> {
    const EISDIR: i32 = 21;
    match std::fs::remove_file(path) {
        Err(e) if e.raw_os_error() == Some(EISDIR) => std::fs::remove_dir(path),
        r => r,
    }
}

fn remove(st: &mut State) -> LuaResult<usize> {
    let name = c_str(st.check_bytes(1)?);
    let r = remove_path(name);
    file_result(st, r, Some(name.as_bytes()))
}

fn rename(st: &mut State) -> LuaResult<usize> {
    let from = c_str(st.check_bytes(1)?);
    let to = c_str(st.check_bytes(2)?);
    let r = std::fs::rename(from, to);
    file_result(st, r, None)
}

/// `mkstemp("/tmp/lua_XXXXXX")`: creates a new empty file with a unique name (mode 0600) and
/// returns the name.
fn make_temp() -> Option<String> {
    use std::os::unix::fs::OpenOptionsExt;
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    const CHARS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0);
    let mut seed = nanos ^ (std::process::id() as u64) << 32;
    for _ in 0..62 * 62 * 62 {
        seed = seed
            .wrapping_add(COUNTER.fetch_add(1, Ordering::Relaxed))
            .wrapping_mul(0x9E37_79B9_7F4A_7C15)
            .rotate_left(29);
        let mut name = String::from("/tmp/lua_");
        let mut v = seed;
        for _ in 0..6 {
            name.push(CHARS[(v % 62) as usize] as char);
            v /= 62;
        }
        let r = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&name);
        match r {
            Ok(_) => return Some(name),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(_) => return None,
        }
    }
    None
}

fn tmpname(st: &mut State) -> LuaResult<usize> {
    match make_temp() {
        Some(name) => {
            st.push_str(&name)?;
            Ok(1)
        }
        None => Err(st.error_msg("unable to generate a unique filename")),
    }
}

const FUNCS: &[Reg] = &[
    ("clock", clock),
    ("date", super::ostime::date),
    ("difftime", super::ostime::difftime),
    ("execute", execute),
    ("exit", exit),
    ("getenv", getenv),
    ("remove", remove),
    ("rename", rename),
    ("setlocale", super::oslocale::setlocale),
    ("time", super::ostime::time),
    ("tmpname", tmpname),
];

/// Opens the os library (`luaopen_os`).
pub fn open_os(st: &mut State) -> LuaResult<usize> {
    st.new_lib(FUNCS)?;
    Ok(1)
}

//! The interpreter's main body, run as a native function under `pcall` so that nothing a script does
//! can abort the process (`pmain`): options, `LUA_INIT`, the `arg` table, `-e`/`-l`/`-W`, the
//! script, and the REPL.

use std::io::IsTerminal;
use std::os::unix::ffi::OsStrExt;

use lua_vm::stdlib::io_stdout;
use lua_vm::vm::state::REGISTRY_INDEX;
use lua_vm::{LuaResult, State, Status};

use super::args::{collect_args, usage};
use super::repl::do_repl;
use super::run::{dofile, dolibrary, dostring, handle_script};
use super::{set_progname, write_err};

/// The version banner: the language version, then this implementation (it ends with "PUC-Rio", which
/// scripts such as the official main.lua look for).
pub const COPYRIGHT: &str =
    "Lua 5.4.4  lua-rs, a Rust implementation of the language of Lua.org, PUC-Rio";

fn print_version() {
    let mut line = COPYRIGHT.as_bytes().to_vec();
    line.push(b'\n');
    let _ = io_stdout::write_and_flush(&line);
}

/// Creates the global `arg`: the script name at 0, its arguments at 1.., the interpreter and
/// options at negative indices (`createargtable`).
fn create_arg_table(st: &mut State, argv: &[Vec<u8>], script: usize) -> LuaResult<()> {
    let script = if script == argv.len() { 0 } else { script };
    let narg = argv.len() - (script + 1);
    st.create_table(narg, script + 1)?;
    for (i, a) in argv.iter().enumerate() {
        st.push_bytes(a)?;
        st.raw_set_i(-2, i as i64 - script as i64)?;
    }
    st.set_global("arg")
}

/// Runs `LUA_INIT_5_4` or `LUA_INIT`: a chunk, or "@file" (`handle_luainit`).
fn handle_luainit(st: &mut State) -> Status {
    let (name, init) = match std::env::var_os("LUA_INIT_5_4") {
        Some(v) => ("=LUA_INIT_5_4", v),
        None => match std::env::var_os("LUA_INIT") {
            Some(v) => ("=LUA_INIT", v),
            None => return Status::Ok,
        },
    };
    let init = init.as_bytes();
    match init.strip_prefix(b"@") {
        Some(file) => dofile(st, Some(file)),
        None => dostring(st, init, name.as_bytes()),
    }
}

/// Runs the `-e`, `-l` and `-W` options in order; false if one failed (`runargs`).
fn runargs(st: &mut State, argv: &[Vec<u8>], n: usize) -> LuaResult<bool> {
    let mut i = 1;
    while i < n {
        let opt = argv[i].get(1).copied();
        match opt {
            Some(c @ (b'e' | b'l')) => {
                let mut extra = &argv[i][2..];
                if extra.is_empty() {
                    i += 1;
                    extra = &argv[i];
                }
                let status = if c == b'e' {
                    dostring(st, extra, b"=(command line)")
                } else {
                    dolibrary(st, extra)?
                };
                if status != Status::Ok {
                    return Ok(false);
                }
            }
            Some(b'W') => st.warning("@on", false),
            _ => {}
        }
        i += 1;
    }
    Ok(true)
}

/// The protected main: returns true (pushed) when everything ran without errors.
pub fn pmain(st: &mut State, argv: &[Vec<u8>]) -> LuaResult<usize> {
    let (flags, script) = collect_args(argv);
    if let Some(p) = argv.first().filter(|p| !p.is_empty()) {
        set_progname(Some(p.clone()));
    }
    if flags.error {
        let prog = super::progname().unwrap_or_else(|| b"lua".to_vec());
        write_err(&usage(&prog, &argv[script]));
        return Ok(0);
    }
    if flags.version {
        print_version();
    }
    if flags.no_env {
        st.push_bool(true);
        st.set_field(REGISTRY_INDEX, "LUA_NOENV")?;
    }
    lua_vm::stdlib::open_libs(st)?;
    create_arg_table(st, argv, script)?;
    set_generational(st)?;
    if !flags.no_env && handle_luainit(st) != Status::Ok {
        return Ok(0);
    }
    if !runargs(st, argv, script)? {
        return Ok(0);
    }
    if script < argv.len() && handle_script(st, argv, script)? != Status::Ok {
        return Ok(0);
    }
    if flags.interactive {
        do_repl(st)?;
    } else if script == argv.len() && !flags.exec && !flags.version {
        if std::io::stdin().is_terminal() {
            print_version();
            do_repl(st)?;
        } else {
            dofile(st, None);
        }
    }
    st.push_bool(true);
    Ok(1)
}

/// Puts the collector in generational mode, as the reference interpreter does
/// (`lua_gc(L, LUA_GCGEN, 0, 0)`).
fn set_generational(st: &mut State) -> LuaResult<()> {
    st.get_global("collectgarbage")?;
    if st.is_function(-1) {
        st.push_str("generational")?;
        st.call(1, 0)?;
    } else {
        st.pop(1);
    }
    Ok(())
}

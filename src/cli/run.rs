//! Running chunks as the reference interpreter does: every call goes through `docall` with the
//! message handler that adds a traceback, and errors are reported on standard error (`report`).

use lua_vm::value::Type;
use lua_vm::vm::state::{MIN_STACK, MULTRET};
use lua_vm::{LuaResult, State, Status};

use super::{l_message, progname};

/// Prints the error message on top (if `status` is an error) and pops it (`report`).
pub fn report(st: &mut State, status: Status) -> Status {
    if status != Status::Ok {
        let msg = match st.to_bytes(-1) {
            Ok(Some(m)) => m.to_vec(),
            _ => b"(null)".to_vec(),
        };
        l_message(progname().as_deref(), &msg);
        st.pop(1);
    }
    status
}

/// The message handler: a string error gets a traceback; other values use `__tostring` or are
/// described by their type (`msghandler`).
pub fn msghandler(st: &mut State) -> LuaResult<usize> {
    let msg = match st.to_bytes(1)? {
        Some(m) => m.to_vec(),
        None => {
            if st.call_meta(1, "__tostring")? && st.type_at(-1) == Some(Type::String) {
                return Ok(1);
            }
            format!("(error object is a {} value)", st.type_name_at(1)).into_bytes()
        }
    };
    let mut out = msg;
    out.push(b'\n');
    st.traceback_into(&mut out, 1)?;
    st.push_bytes(&out)?;
    Ok(1)
}

/// Calls the function below the `narg` arguments on top with the message handler (`docall`).
pub fn docall(st: &mut State, narg: i32, nres: i32) -> Status {
    let base = st.get_top() - narg;
    st.push_fn(msghandler);
    st.insert(base);
    // Ctrl-C during the call stops the script with "interrupted!" (one-shot, so `pcall` can catch it).
    st.set_interrupt_sticky(false);
    crate::cli::signals::arm_sigint(st.interrupt_handle().as_ptr());
    let status = st.pcall(narg as usize, nres, base);
    crate::cli::signals::disarm_sigint();
    st.remove(base);
    status
}

/// Runs a loaded chunk (if loading worked) and reports errors (`dochunk`).
pub fn dochunk(st: &mut State, status: Status) -> Status {
    let status = if status == Status::Ok {
        docall(st, 0, 0)
    } else {
        status
    };
    report(st, status)
}

/// Runs a file, or standard input for `None` (`dofile`).
pub fn dofile(st: &mut State, name: Option<&[u8]>) -> Status {
    let name = name.map(|n| String::from_utf8_lossy(n).into_owned());
    let status = st.load_file(name.as_deref(), "bt");
    dochunk(st, status)
}

/// Runs a string as a chunk named `name` (`dostring`).
pub fn dostring(st: &mut State, s: &[u8], name: &[u8]) -> Status {
    let status = st.load_buffer(s, name, "bt");
    dochunk(st, status)
}

/// `-l [g=]mod`: `g = require(mod)` (`dolibrary`).
pub fn dolibrary(st: &mut State, spec: &[u8]) -> LuaResult<Status> {
    let (glob, module) = match spec.iter().position(|&c| c == b'=') {
        Some(i) => (&spec[..i], &spec[i + 1..]),
        None => (spec, spec),
    };
    st.get_global("require")?;
    st.push_bytes(module)?;
    let status = docall(st, 1, 1);
    if status == Status::Ok {
        let g = String::from_utf8_lossy(glob).into_owned();
        st.set_global(&g)?;
    }
    Ok(report(st, status))
}

/// Pushes `arg[1..#arg]` (`pushargs`).
fn pushargs(st: &mut State) -> LuaResult<i32> {
    if st.get_global("arg")? != Type::Table {
        return Err(st.error_msg("'arg' is not a table"));
    }
    let n = st.len_of(-1)?;
    if n < 0 || !st.ensure_stack(n as usize + 3) {
        return Err(st.error_msg("stack overflow (too many arguments to script)"));
    }
    for i in 1..=n {
        st.raw_get_i(-(i as i32), i);
    }
    st.remove(-(n as i32) - 1);
    Ok(n as i32)
}

/// Runs the script `argv[script]` with the arguments after it (`handle_script`).
pub fn handle_script(st: &mut State, argv: &[Vec<u8>], script: usize) -> LuaResult<Status> {
    let fname = &argv[script];
    let stdin = fname.as_slice() == b"-" && argv[script - 1].as_slice() != b"--";
    let name = String::from_utf8_lossy(fname).into_owned();
    let mut status = st.load_file(if stdin { None } else { Some(&name) }, "bt");
    if status == Status::Ok {
        let n = pushargs(st)?;
        status = docall(st, n, MULTRET);
    }
    Ok(report(st, status))
}

/// Calls `print` on every value on the stack (`l_print`).
pub fn l_print(st: &mut State) -> LuaResult<()> {
    let n = st.get_top();
    if n > 0 {
        if !st.ensure_stack(MIN_STACK) {
            return Err(st.error_msg("stack overflow (too many results to print)"));
        }
        st.get_global("print")?;
        st.insert(1);
        if st.pcall(n as usize, 0, 0) != Status::Ok {
            let mut msg = b"error calling 'print' (".to_vec();
            match st.to_bytes(-1)? {
                Some(m) => msg.extend_from_slice(m),
                None => msg.extend_from_slice(b"(null)"),
            }
            msg.push(b')');
            l_message(progname().as_deref(), &msg);
        }
    }
    Ok(())
}

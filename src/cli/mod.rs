//! The standalone interpreter's parts: command-line parsing (`args`), running chunks with the
//! message handler and reporting errors (`run`), the protected main (`pmain`), and the
//! read-eval-print loop (`repl`). They follow the reference `lua.c`.

pub mod args;
pub mod pmain;
pub mod repl;
pub mod run;
pub mod signals;

use std::cell::RefCell;
use std::io::Write;

thread_local! {
    /// Name prefixed to error messages (`progname`): argv[0], or none inside the REPL.
    static PROGNAME: RefCell<Option<Vec<u8>>> = const { RefCell::new(None) };
}

/// The current program name for messages.
pub fn progname() -> Option<Vec<u8>> {
    PROGNAME.with(|p| p.borrow().clone())
}

/// Sets the program name; returns the previous one.
pub fn set_progname(name: Option<Vec<u8>>) -> Option<Vec<u8>> {
    PROGNAME.with(|p| std::mem::replace(&mut *p.borrow_mut(), name))
}

/// Writes to standard error and flushes it (`lua_writestringerror`).
pub fn write_err(bytes: &[u8]) {
    let mut e = std::io::stderr();
    let _ = e.write_all(bytes);
    let _ = e.flush();
}

/// Prints "pname: msg" on standard error (`l_message`).
pub fn l_message(pname: Option<&[u8]>, msg: &[u8]) {
    let mut out = Vec::new();
    if let Some(p) = pname {
        out.extend_from_slice(p);
        out.extend_from_slice(b": ");
    }
    out.extend_from_slice(msg);
    out.push(b'\n');
    write_err(&out);
}

//! The read-eval-print loop (`doREPL`): prompts from `_PROMPT`/`_PROMPT2`, a line is first tried as
//! `return <line>;`, then as a statement that may continue on more lines while the syntax error
//! ends in "<eof>". Lines are read as Debian's readline-enabled `lua5.4` reads them: without a length
//! limit, and echoed to standard output when standard input is not a terminal.

use std::io::{BufRead, IsTerminal};

use lua_vm::stdlib::io_stdout;
use lua_vm::vm::state::MULTRET;
use lua_vm::{LuaResult, State, Status};

use super::run::{docall, l_print, report};
use super::set_progname;

const PROMPT: &[u8] = b"> ";
const PROMPT2: &[u8] = b">> ";
const EOFMARK: &[u8] = b"<eof>";

/// Pushes the prompt (leaving the global's value or nil on the stack) and returns its text
/// (`get_prompt`).
fn get_prompt(st: &mut State, firstline: bool) -> LuaResult<Vec<u8>> {
    let name = if firstline { "_PROMPT" } else { "_PROMPT2" };
    if st.get_global(name)? == lua_vm::value::Type::Nil {
        return Ok(if firstline { PROMPT } else { PROMPT2 }.to_vec());
    }
    let p = st.to_lstring(-1)?.to_vec();
    st.remove(-2);
    Ok(p)
}

/// Shows the prompt and reads a line from standard input, without its newline; `None` at the end
/// of input.
fn read_line(prompt: &[u8]) -> Option<Vec<u8>> {
    let _ = io_stdout::write_and_flush(prompt);
    let mut line = Vec::new();
    let stdin = std::io::stdin();
    match stdin.lock().read_until(b'\n', &mut line) {
        Ok(0) | Err(_) => return None,
        Ok(_) => {}
    }
    if line.last() == Some(&b'\n') {
        line.pop();
    }
    // readline echoes what it read when input is not a terminal (nothing for an empty line after an
    // empty prompt).
    if !stdin.is_terminal() && (!prompt.is_empty() || !line.is_empty()) {
        let mut echo = line.clone();
        echo.push(b'\n');
        let _ = io_stdout::write_and_flush(&echo);
    }
    Some(line)
}

/// True (and the message popped) if `status` is a syntax error at the end of the input
/// (`incomplete`).
fn incomplete(st: &mut State, status: Status) -> LuaResult<bool> {
    if status == Status::ErrSyntax {
        let msg = st.to_bytes(-1)?.unwrap_or(b"");
        if msg.ends_with(EOFMARK) {
            st.pop(1);
            return Ok(true);
        }
    }
    Ok(false)
}

/// Prompts and pushes a line; false at the end of input, with the prompt value left on the stack
/// (`pushline`).
fn pushline(st: &mut State, firstline: bool) -> LuaResult<bool> {
    let prompt = get_prompt(st, firstline)?;
    let Some(line) = read_line(&prompt) else {
        return Ok(false);
    };
    st.pop(1);
    if firstline && line.first() == Some(&b'=') {
        let mut s = b"return ".to_vec();
        s.extend_from_slice(&line[1..]);
        st.push_bytes(&s)?;
    } else {
        st.push_bytes(&line)?;
    }
    Ok(true)
}

/// Tries to compile the line on top as `return <line>;` (`addreturn`).
fn addreturn(st: &mut State) -> LuaResult<Status> {
    let line = st.to_bytes(-1)?.unwrap_or(b"");
    let mut ret = b"return ".to_vec();
    ret.extend_from_slice(line);
    ret.push(b';');
    st.push_bytes(&ret)?;
    let status = st.load_buffer(&ret, b"=stdin", "bt");
    if status == Status::Ok {
        st.remove(-2);
    } else {
        st.pop(2);
    }
    Ok(status)
}

/// Reads more lines until the statement is complete (`multiline`).
fn multiline(st: &mut State) -> LuaResult<Status> {
    loop {
        let line = st.to_bytes(1)?.unwrap_or(b"").to_vec();
        let status = st.load_buffer(&line, b"=stdin", "bt");
        if !incomplete(st, status)? || !pushline(st, false)? {
            return Ok(status);
        }
        st.push_str("\n")?;
        st.insert(-2);
        st.concat_n(3)?;
    }
}

/// Reads and compiles one statement or expression; `None` at the end of input (`loadline`).
fn loadline(st: &mut State) -> LuaResult<Option<Status>> {
    st.set_top(0);
    if !pushline(st, true)? {
        return Ok(None);
    }
    let mut status = addreturn(st)?;
    if status != Status::Ok {
        status = multiline(st)?;
    }
    st.remove(1);
    Ok(Some(status))
}

/// The read-eval-print loop (`doREPL`).
pub fn do_repl(st: &mut State) -> LuaResult<()> {
    let old = set_progname(None);
    while let Some(mut status) = loadline(st)? {
        if status == Status::Ok {
            status = docall(st, 0, MULTRET);
        }
        if status == Status::Ok {
            l_print(st)?;
        } else {
            report(st, status);
        }
    }
    st.set_top(0);
    let _ = io_stdout::write_and_flush(b"\n");
    set_progname(old);
    Ok(())
}

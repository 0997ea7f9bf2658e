//! Shared helpers of the coroutine and debug library tests: run a Lua snippet in a fresh VM with the
//! standard libraries and two test natives, and compare its result with the value lua5.4 gives.
//!
//! Every snippet is prefixed with `PRELUDE` (one line, so line numbers are the snippet's own):
//! `S(...)` joins its arguments with "," after `tostring`. The test natives are `callnative(f, ...)`,
//! which calls `f` with a plain (non-yieldable) call, and `callk(f, ...)`, which calls it with a
//! continuation so a yield inside `f` suspends it. For lua5.4 the same names are defined in Lua
//! (`callnative` through a `table.sort` comparator, which is not yieldable either).
#![allow(dead_code)]

use lua_vm::vm::state::MULTRET;
use lua_vm::{LuaResult, State, Status, Vm};

pub const PRELUDE: &str = "local function S(...) local n = select('#', ...) local out = '' \
for i = 1, n do out = out .. (i > 1 and ',' or '') .. tostring((select(i, ...))) end return out end; ";

fn callnative(st: &mut State) -> LuaResult<usize> {
    let n = st.get_top() as usize;
    st.call(n - 1, MULTRET)?;
    Ok(st.get_top() as usize)
}

fn callk_cont(st: &mut State, _status: Status, _ctx: isize) -> LuaResult<usize> {
    Ok(st.get_top() as usize)
}

fn callk(st: &mut State) -> LuaResult<usize> {
    let n = st.get_top() as usize;
    st.call_k(n - 1, MULTRET, 0, Some(callk_cont))?;
    callk_cont(st, Status::Ok, 0)
}

/// Runs `src` (after the prelude) as chunk "=test" and returns its first result as a string, or
/// "error: " and the error message.
pub fn run(src: &str) -> String {
    let mut vm = Vm::new();
    lua_vm::stdlib::open_libs(&mut vm).expect("libraries open");
    vm.push_fn(callnative);
    vm.set_global("callnative").unwrap();
    vm.push_fn(callk);
    vm.set_global("callk").unwrap();
    let code = format!("{PRELUDE}{src}");
    let status = vm.load(code.as_bytes(), "=test", "t");
    assert_eq!(status, Status::Ok, "snippet does not compile: {src}");
    let status = vm.pcall(0, 1, 0);
    let text = String::from_utf8_lossy(vm.to_lstring(-1).unwrap()).into_owned();
    if status == Status::Ok {
        text
    } else {
        format!("error: {text}")
    }
}

/// Asserts that `src` gives `expected` (the value recorded from lua5.4).
#[track_caller]
pub fn check(src: &str, expected: &str) {
    assert_eq!(run(src), expected, "snippet:\n{src}");
}

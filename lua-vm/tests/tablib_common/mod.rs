//! Shared harness of the table/math/utf8/os library tests: runs a chunk named "=test" in a fresh
//! VM with the standard libraries and renders its results the way the recording harness did with
//! lua5.4 (results through `tostring` joined by tabs, or "error: <message>").

use lua_vm::vm::state::MULTRET;
use lua_vm::{Status, Vm};

/// Runs `code` and returns its rendered results.
pub fn run(code: &str) -> Vec<u8> {
    let mut vm = Vm::new();
    lua_vm::stdlib::open_libs(&mut vm).expect("open_libs");
    if vm.load(code.as_bytes(), "=test", "bt") != Status::Ok {
        let msg = vm.to_lstring(-1).expect("message").to_vec();
        let mut out = b"syntax: ".to_vec();
        out.extend_from_slice(&msg);
        return out;
    }
    let status = vm.pcall(0, MULTRET, 0);
    let mut out = Vec::new();
    if status == Status::Ok {
        let n = vm.get_top();
        for i in 1..=n {
            if i > 1 {
                out.push(b'\t');
            }
            let s = vm.to_lstring(i).expect("tostring").to_vec();
            vm.pop(1);
            out.extend_from_slice(&s);
        }
    } else {
        out.extend_from_slice(b"error: ");
        let s = vm.to_lstring(-1).expect("tostring").to_vec();
        out.extend_from_slice(&s);
    }
    out
}

/// Asserts that `code` produces `expected`.
#[allow(dead_code)]
pub fn check(code: &str, expected: &[u8]) {
    let got = run(code);
    assert!(
        got == expected,
        "chunk:\n{code}\n--- got:\n{}\n--- expected (lua5.4):\n{}",
        String::from_utf8_lossy(&got),
        String::from_utf8_lossy(expected)
    );
}

/// Like `check`, with the local time zone set to `tz` first (every caller uses the same zone, so
/// tests running in parallel agree on it).
#[allow(dead_code)]
pub fn check_tz(tz: &str, code: &str, expected: &[u8]) {
    if std::env::var("TZ").ok().as_deref() != Some(tz) {
        std::env::set_var("TZ", tz);
    }
    check(code, expected);
}

//! `os.exit`: each chunk runs in a child process (this test binary re-invoked with the chunk in an
//! environment variable, running only `child_runner`), and its exit status and output are compared
//! with what lua5.4 gives for the same chunk.

use std::process::Command;

use lua_vm::vm::state::MULTRET;
use lua_vm::{Status, Vm};

const ENV: &str = "TABLIB_OS_EXIT_CHUNK";

/// In the child: runs the chunk (which is expected to exit); does nothing in a normal test run.
#[test]
fn child_runner() {
    let Ok(code) = std::env::var(ENV) else { return };
    let mut vm = Vm::new();
    lua_vm::stdlib::open_libs(&mut vm).expect("open_libs");
    assert_eq!(vm.load(code.as_bytes(), "=test", "bt"), Status::Ok);
    let status = vm.pcall(0, MULTRET, 0);
    // Reaching this point means os.exit did not exit.
    std::process::exit(if status == Status::Ok { 100 } else { 101 });
}

/// Runs `code` in a child process: (exit code, what the chunk printed).
fn run_child(code: &str) -> (i32, String) {
    let out = Command::new(std::env::current_exe().expect("test binary"))
        .args(["child_runner", "--exact", "--nocapture", "--test-threads=1"])
        .env(ENV, code)
        .output()
        .expect("spawn child");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    // Drop the test harness's own output before the chunk's ("running 1 test", the test name).
    const MARK: &str = "test child_runner ... ";
    let printed = match stdout.find(MARK) {
        Some(i) => stdout[i + MARK.len()..].to_string(),
        None => stdout,
    };
    (out.status.code().unwrap_or(-1), printed)
}

fn check(code: &str, status: i32, printed: &str) {
    let (s, p) = run_child(code);
    assert_eq!((s, p.as_str()), (status, printed), "chunk: {code}");
}

#[test]
fn exit_false_is_failure() {
    check(r#"print("a") os.exit(false)"#, 1, "a\n");
}

#[test]
fn exit_true_is_success() {
    check("os.exit(true)", 0, "");
}

#[test]
fn exit_default_is_success() {
    check("os.exit()", 0, "");
}

#[test]
fn exit_code_is_truncated_like_c() {
    check("os.exit(256 + 7)", 7, "");
    check("os.exit(-1)", 255, "");
}

#[test]
fn exit_with_close_runs_close_and_finalizers() {
    check(
        r#"local t <close> = setmetatable({}, {__close = function() print("closed") end})
setmetatable({}, {__gc = function() print("gc") end})
os.exit(3, true)"#,
        3,
        "closed\ngc\n",
    );
}

#[test]
fn exit_without_close_skips_close() {
    check(
        r#"local t <close> = setmetatable({}, {__close = function() print("closed") end})
os.exit(4)"#,
        4,
        "",
    );
}

#[test]
fn exit_bad_argument_does_not_exit() {
    check(
        r#"print(pcall(os.exit, "x"))"#,
        100,
        "false\tbad argument #1 to 'os.exit' (number expected, got string)\n",
    );
}

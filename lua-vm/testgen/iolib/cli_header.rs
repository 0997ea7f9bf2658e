//! The `lua` command against the reference: each case runs the built interpreter (as argv[0]
//! "lua", in a scratch directory holding a few scripts, with the given standard input and
//! environment) and compares standard output, standard error and the exit status with what lua5.4
//! produced for the same invocation. Some cases merge standard error into standard output to check
//! the order of buffered and unbuffered output.

use std::io::{Read, Write};
use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};

const FILES: &[(&str, &str)] = &[
    ("script.lua", "print('script', ...)\nprint(#arg, arg[0], arg[-1], arg[1], arg[2])\nreturn 1"),
    ("err.lua", "local function f() error('deep') end\nlocal function g() f() end\ng()\n"),
    ("shebang.lua", "#!/usr/bin/env lua\nprint('line', 2)\n"),
    ("mod.lua", "print('loading', ...)\nreturn {x = 15}\n"),
    ("init.lua", "x = (x or 10) print('init file', x) x = x + 1\n"),
    ("errobj.lua", "error(setmetatable({}, {__tostring = function () return 'custom' end}))\n"),
    ("syntax.lua", "x = = 1\n"),
    ("many.lua", "print(select('#', ...), (select(30, ...)))\n"),
];

/// A fresh scratch directory with the scripts of `FILES`.
fn scratch_dir() -> std::path::PathBuf {
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("lua_cli_test_{}_{n}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (name, text) in FILES {
        std::fs::write(dir.join(name), text).unwrap();
    }
    dir
}

/// Runs the interpreter and returns (stdout, stderr, exit status); with `merged`, standard error
/// goes to the same pipe as standard output.
fn run(args: &[&str], stdin: &str, env: &[(&str, &str)], merged: bool) -> (String, String, i32) {
    let dir = scratch_dir();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_lua"));
    cmd.arg0("lua").args(args).current_dir(&dir);
    for (k, _) in std::env::vars_os() {
        if k.to_string_lossy().starts_with("LUA_") {
            cmd.env_remove(k);
        }
    }
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.stdin(Stdio::piped());
    let (out, err, status) = if merged {
        let (mut reader, writer) = std::io::pipe().unwrap();
        cmd.stdout(writer.try_clone().unwrap()).stderr(writer);
        let mut child = cmd.spawn().unwrap();
        drop(cmd);
        let mut input = child.stdin.take().unwrap();
        let _ = input.write_all(stdin.as_bytes());
        drop(input);
        let mut out = Vec::new();
        reader.read_to_end(&mut out).unwrap();
        let status = child.wait().unwrap();
        (out, Vec::new(), status)
    } else {
        cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut child = cmd.spawn().unwrap();
        let mut input = child.stdin.take().unwrap();
        let _ = input.write_all(stdin.as_bytes());
        drop(input);
        let o = child.wait_with_output().unwrap();
        (o.stdout, o.stderr, o.status)
    };
    let _ = std::fs::remove_dir_all(&dir);
    (
        String::from_utf8_lossy(&out).into_owned(),
        String::from_utf8_lossy(&err).into_owned(),
        status.code().unwrap_or(-1),
    )
}

fn check(
    args: &[&str],
    stdin: &str,
    env: &[(&str, &str)],
    merged: bool,
    expected: (&str, &str, i32),
) {
    let (out, err, code) = run(args, stdin, env, merged);
    assert_eq!(out, expected.0, "stdout of lua {args:?}");
    assert_eq!(err, expected.1, "stderr of lua {args:?}");
    assert_eq!(code, expected.2, "exit status of lua {args:?}");
}

/// The reference's default `package.path` for a "/usr/local" installation (Debian's lua5.4 adds
/// its own directories, so these cases are written by hand from luaconf.h's definitions).
const DEFAULT_PATH: &str = "/usr/local/share/lua/5.4/?.lua;/usr/local/share/lua/5.4/?/init.lua;\
/usr/local/lib/lua/5.4/?.lua;/usr/local/lib/lua/5.4/?/init.lua;./?.lua;./?/init.lua";
const DEFAULT_CPATH: &str = "/usr/local/lib/lua/5.4/?.so;/usr/local/lib/lua/5.4/loadall.so;./?.so";

fn path_with(env: &[(&str, &str)], extra: &[&str]) -> String {
    let mut args = extra.to_vec();
    args.extend(["-e", "print(package.path) print(package.cpath)"]);
    let (out, err, code) = run(&args, "", env, false);
    assert_eq!((err.as_str(), code), ("", 0));
    out
}

#[test]
fn default_paths() {
    assert_eq!(path_with(&[], &[]), format!("{DEFAULT_PATH}\n{DEFAULT_CPATH}\n"));
}

#[test]
fn option_e_ignores_path_variables() {
    let env = [("LUA_PATH", "xxx"), ("LUA_CPATH", "xxx"), ("LUA_INIT", "error(10)")];
    assert_eq!(path_with(&env, &["-E"]), format!("{DEFAULT_PATH}\n{DEFAULT_CPATH}\n"));
}

#[test]
fn double_semicolon_expands_to_default() {
    let d = DEFAULT_PATH;
    for (p, expected) in [
        (";", ";".to_string()),
        (";;", d.to_string()),
        ("a;;b", format!("a;{d};b")),
        (";;b", format!("{d};b")),
        ("a;;", format!("a;{d}")),
        ("a;b;;c", format!("a;b;{d};c")),
        ("a;;b;;c", format!("a;{d};b;;c")),
    ] {
        let out = path_with(&[("LUA_PATH", p)], &[]);
        assert_eq!(out, format!("{expected}\n{DEFAULT_CPATH}\n"), "LUA_PATH={p}");
    }
    let out = path_with(&[("LUA_CPATH_5_4", "x;;")], &[]);
    assert_eq!(out, format!("{DEFAULT_PATH}\nx;{DEFAULT_CPATH}\n"));
}

#[test]
fn bad_option_fails_without_output() {
    let (out, _, code) = run(&["-x"], "", &[], false);
    assert_eq!((out.as_str(), code), ("", 1));
}

//! The package library against outputs recorded from lua5.4: each case runs a chunk (with `TMP`
//! naming a scratch file prefix, shown as "$TMP" in messages) and compares its results, converted
//! with `tostring` and joined by tabs (or "ERR: message"), with what the reference printed.

use lua_vm::{Status, Vm};

const HARNESS: &str = r#"
local f = assert(load(CODE, "=test"))
local function pack(...) return select('#', ...), {...} end
local n, t = pack(pcall(f))
local s = ""
if t[1] then
  for i = 2, n do s = s .. (i > 2 and "\t" or "") .. tostring(t[i]) end
else
  s = "ERR: " .. tostring(t[2])
end
return s
"#;

/// Runs `code` in a fresh VM with every library open and returns the harness's text.
fn run(code: &str, tmp: &str) -> String {
    let mut vm = Vm::new();
    lua_vm::stdlib::open_libs(&mut vm).expect("open libs");
    vm.push_str(tmp).unwrap();
    vm.set_global("TMP").unwrap();
    vm.push_str(code).unwrap();
    vm.set_global("CODE").unwrap();
    assert_eq!(vm.load(HARNESS.as_bytes(), "=harness", "t"), Status::Ok);
    let st = vm.pcall(0, 1, 0);
    let out = vm.to_bytes(-1).unwrap().unwrap_or(b"").to_vec();
    assert_eq!(st, Status::Ok, "{}", String::from_utf8_lossy(&out));
    String::from_utf8_lossy(&out).into_owned()
}

/// Removes the scratch files (and directories) whose names start with the prefix.
fn cleanup(prefix: &std::path::Path) {
    let (Some(dir), Some(name)) = (prefix.parent(), prefix.file_name()) else {
        return;
    };
    let name = name.to_string_lossy().into_owned();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        if e.file_name().to_string_lossy().starts_with(&name) {
            let p = e.path();
            let _ = std::fs::remove_dir_all(&p).or_else(|_| std::fs::remove_file(&p));
        }
    }
}

fn check(code: &str, expected: &str) {
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let tmp = std::env::temp_dir().join(format!("lua_vm_pkg_test_{}_{n}", std::process::id()));
    let tmps = tmp.to_string_lossy().into_owned();
    let _ = std::fs::create_dir_all(format!("{tmps}_a"));
    let got = run(code, &tmps).replace(&tmps, "$TMP");
    cleanup(&tmp);
    assert_eq!(got, expected, "for chunk:\n{code}");
}

// Native libraries cannot be loaded: these follow the reference built without dynamic library
// support (`LIB_FAIL` "absent", `DLMSG`), not Debian's dlopen-enabled lua5.4.

#[test]
fn loadlib_is_absent() {
    check(
        "return package.loadlib('x.so', 'luaopen_x')",
        "nil\tdynamic libraries not enabled; check your Lua installation\tabsent",
    );
}

#[test]
fn c_searcher_found_file_cannot_load() {
    check(
        "local f = io.open(TMP .. '_lib.so', 'w') f:close() package.path = '' package.cpath = TMP .. '_?.so'
         local ok, msg = pcall(require, 'lib') return ok, msg",
        "false\terror loading module 'lib' from file '$TMP_lib.so':\n\tdynamic libraries not enabled; check your Lua installation",
    );
}

#[test]
fn c_root_searcher_found_file_cannot_load() {
    check(
        "local f = io.open(TMP .. '_lib.so', 'w') f:close() package.path = '' package.cpath = TMP .. '_?.so'
         local ok, msg = pcall(require, 'lib.sub') return ok, msg",
        "false\terror loading module 'lib.sub' from file '$TMP_lib.so':\n\tdynamic libraries not enabled; check your Lua installation",
    );
}

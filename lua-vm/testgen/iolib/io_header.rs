//! The io library against outputs recorded from lua5.4: each case runs a chunk (with `TMP` naming a
//! scratch file) and compares its results, converted with `tostring` and joined by tabs (or
//! "ERR: message"), with what the reference printed for the same chunk.

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

fn check(code: &str, expected: &str) {
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let tmp = std::env::temp_dir().join(format!("lua_vm_io_test_{}_{n}", std::process::id()));
    let tmp = tmp.to_string_lossy().into_owned();
    let got = run(code, &tmp);
    let _ = std::fs::remove_file(&tmp);
    assert_eq!(got, expected, "for chunk:\n{code}");
}

/// Lines read by a `for` loop are garbage once the next one is read: memory stays bounded (the
/// collector runs after native iterators called by the generic for).
#[test]
fn lines_loop_memory_is_bounded() {
    let code = "local f = io.open(TMP, 'w') for i = 1, 100000 do f:write(i, ' some text on the line\\n') end f:close()
        collectgarbage() local base, peak, n = collectgarbage('count'), 0, 0
        for l in io.lines(TMP) do n = n + 1 end peak = collectgarbage('count')
        return n, peak - base < 2000";
    check(code, "100000\ttrue");
}

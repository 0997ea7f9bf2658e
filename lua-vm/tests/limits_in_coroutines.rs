//! Limits hit inside coroutines (State API): the native count hook and the host interrupt stop a
//! script that loops inside a coroutine, and the memory cap applies there too; the VM stays usable.
//! A thread created while a native hook is installed inherits it, as `lua_newthread` copies the hook.
//! Skipped (with a note) when the coroutine library is not opened in this build.

use lua_vm::vm::state::{hookmask, MULTRET};
use lua_vm::{LuaResult, State, Status, Vm};

fn vm() -> Option<Vm> {
    let mut vm = Vm::new();
    lua_vm::stdlib::open_libs(&mut vm).unwrap();
    if vm.get_global("coroutine").unwrap() != lua_vm::value::Type::Table {
        eprintln!("coroutine library not opened: skipped");
        return None;
    }
    vm.pop(1);
    Some(vm)
}

fn run(st: &mut State, src: &str) -> (Status, String) {
    let base = st.get_top();
    assert_eq!(st.load(src.as_bytes(), "=test", "t"), Status::Ok);
    let s = st.pcall(0, MULTRET, 0);
    let msg = if st.get_top() > base && st.is_string(base + 1) {
        String::from_utf8_lossy(st.to_bytes(base + 1).unwrap().unwrap()).into_owned()
    } else {
        String::new()
    };
    st.set_top(base);
    (s, msg)
}

fn budget_hook(st: &mut State) -> LuaResult<usize> {
    st.interrupt_handle().interrupt();
    Err(st.error_msg("budget exhausted"))
}

const CHECK: &str =
    "local co = coroutine.wrap(function(a) local b = coroutine.yield(a + 1) return b * 2 end)
                     return co(1) + co(20)";

#[test]
fn count_hook_stops_loops_inside_coroutines() {
    let Some(mut vm) = vm() else { return };
    vm.set_hook(Some(budget_hook), hookmask::COUNT, 10_000);
    // A watchdog turns a coroutine that escapes the budget into a failure instead of a hang.
    let h = vm.interrupt_handle();
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let done2 = done.clone();
    let watchdog = std::thread::spawn(move || {
        let start = std::time::Instant::now();
        while !done2.load(std::sync::atomic::Ordering::Relaxed) {
            if start.elapsed() > std::time::Duration::from_secs(10) {
                h.interrupt();
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
    });
    for src in [
        "coroutine.wrap(function() while true do end end)()",
        "local co = coroutine.create(function() while true do end end) return select(2, coroutine.resume(co))",
        "coroutine.wrap(function() coroutine.wrap(function() local n = 0 while true do n = n + 1 end end)() end)()",
    ] {
        let (s, msg) = run(&mut vm, src);
        // The budget error surfaces through resume as a result or as the chunk's error.
        assert!(msg.contains("budget exhausted"), "{src}: {s:?} {msg}");
        vm.clear_interrupt();
    }
    done.store(true, std::sync::atomic::Ordering::Relaxed);
    watchdog.join().unwrap();
    vm.set_hook(None, 0, 0);
    assert_eq!(run(&mut vm, CHECK), (Status::Ok, "42".to_string()));
}

#[test]
fn interrupt_stops_loops_inside_coroutines() {
    let Some(mut vm) = vm() else { return };
    let h = vm.interrupt_handle();
    let t = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(50));
        h.interrupt();
    });
    let (s, msg) = run(
        &mut vm,
        "local co = coroutine.wrap(function() while true do pcall(function() while true do end end) end end)
         co()",
    );
    t.join().unwrap();
    assert_eq!(s, Status::ErrRun);
    assert!(msg.ends_with("interrupted!"), "{msg}");
    vm.clear_interrupt();
    assert_eq!(run(&mut vm, CHECK), (Status::Ok, "42".to_string()));
}

#[test]
fn memory_cap_applies_inside_coroutines() {
    let Some(mut vm) = vm() else { return };
    let used = vm.memory_used();
    vm.set_memory_limit(Some(used + (4 << 20)));
    let (s, msg) = run(
        &mut vm,
        "local co = coroutine.create(function() local t = {} for i = 1, 1e8 do t[i] = {i} end end)
         local ok, e = coroutine.resume(co)
         return tostring(ok) .. ' ' .. e .. ' ' .. coroutine.status(co)",
    );
    assert_eq!(
        (s, msg.as_str()),
        (Status::Ok, "false not enough memory dead")
    );
    vm.full_gc();
    assert_eq!(run(&mut vm, CHECK), (Status::Ok, "42".to_string()));
    vm.set_memory_limit(None);
}

//! Limits on untrusted scripts through the State API: memory cap, host interrupt, native count hook.
//! After each limit is hit the VM must still run code.

use std::time::Duration;

use lua_vm::vm::state::{hookmask, MULTRET};
use lua_vm::{State, Status, Vm};

fn vm() -> Vm {
    let mut vm = Vm::new();
    lua_vm::stdlib::open_libs(&mut vm).unwrap();
    vm
}

/// Runs a chunk in protected mode; returns the status and the error message (or first result).
fn run(st: &mut State, src: &str) -> (Status, String) {
    let base = st.get_top();
    let s = st.load(src.as_bytes(), "=test", "t");
    assert_eq!(s, Status::Ok, "load failed");
    let s = st.pcall(0, MULTRET, 0);
    let msg = if st.get_top() > base {
        String::from_utf8_lossy(st.to_lstring(base + 1).unwrap()).into_owned()
    } else {
        String::new()
    };
    st.set_top(base);
    (s, msg)
}

#[test]
fn memory_cap_raises_a_catchable_memory_error_and_the_vm_survives() {
    let mut vm = vm();
    let used = vm.memory_used();
    vm.set_memory_limit(Some(used + 4 * 1024 * 1024));
    let (s, msg) = run(&mut vm, "local t = {} for i = 1, 1e8 do t[i] = {i} end");
    assert_eq!(s, Status::ErrMem);
    assert_eq!(msg, "not enough memory");
    // Inside the script, pcall catches it.
    let (s, msg) = run(&mut vm, "local ok, e = pcall(function() local t = {} for i = 1, 1e8 do t[i] = i end end) return tostring(ok) .. ' ' .. e");
    assert_eq!(s, Status::Ok);
    assert_eq!(msg, "false not enough memory");
    vm.full_gc();
    assert!(vm.memory_used() <= used + 4 * 1024 * 1024);
    vm.set_memory_limit(None);
    let (s, msg) = run(
        &mut vm,
        "local t = {} for i = 1, 1000 do t[i] = i end return #t",
    );
    assert_eq!((s, msg.as_str()), (Status::Ok, "1000"));
}

#[test]
fn interrupt_from_another_thread_stops_an_endless_loop() {
    let mut vm = vm();
    let h = vm.interrupt_handle();
    let t = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(50));
        h.interrupt();
    });
    let (s, msg) = run(&mut vm, "while true do end");
    t.join().unwrap();
    assert_eq!(s, Status::ErrRun);
    assert_eq!(msg, "test:1: interrupted!");
    // The interrupt stays raised: a script cannot swallow it with pcall and keep looping.
    let (s, _) = run(
        &mut vm,
        "while true do pcall(function() while true do end end) end",
    );
    assert_eq!(s, Status::ErrRun);
    vm.clear_interrupt();
    let (s, msg) = run(
        &mut vm,
        "local n = 0 for i = 1, 10 do n = n + i end return n",
    );
    assert_eq!((s, msg.as_str()), (Status::Ok, "55"));
}

#[test]
fn interrupt_stops_deep_recursion_and_numeric_loops() {
    let mut vm = vm();
    let h = vm.interrupt_handle();
    let h2 = h.clone();
    let t = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(50));
        h2.interrupt();
    });
    let (s, msg) = run(&mut vm, "local n = 0 for i = 1, 1 << 62 do n = n + 1 end");
    t.join().unwrap();
    assert_eq!((s, msg.as_str()), (Status::ErrRun, "test:1: interrupted!"));
    let (s, _) = run(&mut vm, "local function f() return f() end return f()");
    assert_eq!(s, Status::ErrRun);
    h.clear();
}

fn budget_hook(st: &mut State) -> lua_vm::LuaResult<usize> {
    Err(st.error_msg("instruction budget exhausted"))
}

#[test]
fn count_hook_enforces_an_instruction_budget() {
    let mut vm = vm();
    vm.set_hook(Some(budget_hook), hookmask::COUNT, 10_000);
    let (s, msg) = run(&mut vm, "while true do end");
    assert_eq!(s, Status::ErrRun);
    assert!(msg.contains("instruction budget exhausted"), "{msg}");
    vm.set_hook(None, 0, 0);
    let (s, msg) = run(&mut vm, "return 1 + 1");
    assert_eq!((s, msg.as_str()), (Status::Ok, "2"));
}

//! Limits on the paths scripts can take around them, through the State API: a native count hook
//! follows the coroutines its thread runs (so a budget counts their instructions too), native
//! buffers (`table.concat`, `gsub`, `load` readers) count against the memory cap while they grow,
//! absurd sizes are memory errors without a cap, garbage is collected before the cap fails an
//! allocation, and a hook that fails inside a coroutine leaves its stack readable.

use std::cell::Cell;

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
    assert_eq!(st.load(src.as_bytes(), "=test", "t"), Status::Ok, "load");
    let s = st.pcall(0, MULTRET, 0);
    let msg = if st.get_top() > base {
        String::from_utf8_lossy(st.to_lstring(base + 1).unwrap()).into_owned()
    } else {
        String::new()
    };
    st.set_top(base);
    (s, msg)
}

thread_local! {
    static FIRED: Cell<u64> = const { Cell::new(0) };
}

/// Counts its calls; fails at the 50th (a budget of 50 periods).
fn counting_hook(st: &mut State) -> lua_vm::LuaResult<usize> {
    let n = FIRED.with(|f| {
        f.set(f.get() + 1);
        f.get()
    });
    if n >= 50 {
        return Err(st.error_msg("budget"));
    }
    Ok(0)
}

#[test]
fn a_native_count_hook_follows_coroutines() {
    let mut vm = vm();
    FIRED.with(|f| f.set(0));
    vm.set_hook(Some(counting_hook), hookmask::COUNT, 100);
    // A loop inside a coroutine is stopped.
    let (s, msg) = run(
        &mut vm,
        "coroutine.wrap(function() while true do end end)()",
    );
    assert_eq!(s, Status::ErrRun);
    assert!(msg.ends_with("budget"), "{msg}");
    // Work spread over many coroutines, each shorter than the period, still counts: the count runs
    // down across them as one.
    FIRED.with(|f| f.set(0));
    let (s, msg) = run(
        &mut vm,
        "while true do coroutine.wrap(function() for i = 1, 20 do end end)() end",
    );
    assert_eq!(s, Status::ErrRun);
    assert!(msg.ends_with("budget"), "{msg}");
    // Closing a coroutine runs its `__close` handlers under the hook too.
    FIRED.with(|f| f.set(0));
    let (s, msg) = run(
        &mut vm,
        "local co = coroutine.create(function()
           local x <close> = setmetatable({}, {__close = function() while true do end end})
           coroutine.yield()
         end)
         coroutine.resume(co)
         return select(2, coroutine.close(co))",
    );
    assert_eq!(s, Status::Ok);
    assert!(msg.ends_with("budget"), "{msg}");
    // Scripts see the host's hook as the reference shows a C hook.
    FIRED.with(|f| f.set(0));
    let (s, msg) = run(
        &mut vm,
        "local h, m, n = debug.gethook() return h .. '|' .. m .. '|' .. n",
    );
    assert_eq!((s, msg.as_str()), (Status::Ok, "external hook||100"));
    // `debug.sethook` hooks stay per thread, as in the reference: a coroutine's own hook is kept.
    vm.set_hook(None, 0, 0);
    let (s, msg) = run(
        &mut vm,
        "local n = 0
         local co = coroutine.create(function() for i = 1, 10 do end end)
         debug.sethook(co, function() n = n + 1 end, '', 1)
         coroutine.resume(co)
         return n",
    );
    assert_eq!((s, msg.as_str()), (Status::Ok, "15"));
}

#[test]
fn a_failing_hook_leaves_a_dead_coroutines_stack_readable() {
    let mut vm = vm();
    FIRED.with(|f| f.set(49));
    vm.set_hook(Some(counting_hook), hookmask::COUNT, 10);
    assert_eq!(
        vm.load(
            b"return coroutine.create(function() while true do end end)",
            "=co",
            "t"
        ),
        Status::Ok
    );
    vm.call(0, 1).unwrap();
    let co = vm.to_thread(-1).unwrap();
    let (status, n) = vm.resume(co, 0);
    assert_eq!((status, n), (Status::ErrRun, 1));
    let mut cs = vm.state_of(co);
    let msg = String::from_utf8_lossy(cs.to_bytes(-1).unwrap().unwrap()).into_owned();
    assert_eq!(msg, "co:1: budget");
    let mut tb = Vec::new();
    cs.traceback_into(&mut tb, 0).unwrap();
    assert!(String::from_utf8_lossy(&tb).contains("co:1:"));
    vm.set_hook(None, 0, 0);
    vm.pop(1);
    assert_eq!(run(&mut vm, "return 6 * 7"), (Status::Ok, "42".into()));
}

#[test]
fn native_buffers_count_against_the_cap() {
    let mut vm = vm();
    vm.full_gc();
    let cap = vm.memory_used() + 4 * 1024 * 1024;
    vm.set_memory_limit(Some(cap));
    for src in [
        "local s = ('x'):rep(1 << 20) local t = {} for i = 1, 64 do t[i] = s end return table.concat(t)",
        "local s = ('x'):rep(1 << 20) return (('ab'):rep(32):gsub('.', s))",
        "local s = ('x'):rep(1 << 20) return (('ab'):rep(32):gsub('.', function() return s end))",
        "local s = ('x'):rep(1 << 20) return load(function() return s end)",
        "local s = ('x'):rep(1 << 20) return s .. s .. s .. s .. s",
    ] {
        let (s, msg) = run(&mut vm, src);
        assert_eq!((s, msg.as_str()), (Status::ErrMem, "not enough memory"), "{src}");
        vm.full_gc();
        assert!(vm.memory_used() < cap);
    }
    vm.set_memory_limit(None);
    let (s, msg) = run(
        &mut vm,
        "local s = ('x'):rep(1 << 20) local t = {} for i = 1, 8 do t[i] = s end return #table.concat(t)",
    );
    assert_eq!((s, msg.as_str()), (Status::Ok, "8388608"));
}

#[test]
fn absurd_table_sizes_are_memory_errors() {
    let mut vm = vm();
    for (narr, nrec) in [
        (usize::MAX, 0),
        (0, usize::MAX),
        (usize::MAX / 16, 1),
        (1 << 40, 0),
    ] {
        let e = vm.create_table(narr, nrec).unwrap_err();
        assert_eq!(e.status, Status::ErrMem, "{narr} {nrec}");
    }
    vm.create_table(1000, 1000).unwrap();
    vm.pop(1);
}

#[test]
fn garbage_is_collected_before_the_cap_fails_an_allocation() {
    let mut vm = vm();
    vm.full_gc();
    // Far below the collector's usual first threshold.
    let used = vm.memory_used();
    vm.set_memory_limit(Some(used + 200 * 1024));
    let (s, msg) = run(
        &mut vm,
        "local n = 0 for i = 1, 100000 do local t = {i, i + 1, tostring(i)} n = n + #t end return n",
    );
    assert_eq!((s, msg.as_str()), (Status::Ok, "300000"));
    // A script that catches the memory error goes on once its garbage is gone.
    let (s, msg) = run(
        &mut vm,
        "local ok, e = pcall(function() local t = {} while true do t[#t + 1] = {} end end)
         local u = {} for i = 1, 1000 do u[i] = {} end
         return tostring(ok) .. ' ' .. e .. ' ' .. #u",
    );
    assert_eq!(
        (s, msg.as_str()),
        (Status::Ok, "false not enough memory 1000")
    );
}

#[test]
fn an_interrupt_stops_native_loops_over_native_metamethods() {
    let mut vm = vm();
    let h = vm.interrupt_handle();
    let t = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(50));
        h.interrupt();
    });
    // No Lua instruction runs inside: `table.move` calls `rawlen` and `rawequal` as metamethods.
    let (s, msg) = run(
        &mut vm,
        "local src = setmetatable({}, {__index = rawlen})
         local dst = setmetatable({}, {__newindex = rawequal})
         table.move(src, 1, math.maxinteger - 1, 1, dst)",
    );
    t.join().unwrap();
    assert_eq!((s, msg.as_str()), (Status::ErrRun, "interrupted!"));
    vm.clear_interrupt();
    assert_eq!(run(&mut vm, "return 6 * 7"), (Status::Ok, "42".into()));
}

#[test]
fn an_interrupt_stops_a_pathological_pattern() {
    let mut vm = vm();
    let h = vm.interrupt_handle();
    let t = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(50));
        h.interrupt();
    });
    // Backtracks through ~10^17 ways of splitting the subject: no Lua instruction runs meanwhile.
    let (s, msg) = run(
        &mut vm,
        "return string.find(('a'):rep(60), ('a*'):rep(60) .. 'b')",
    );
    t.join().unwrap();
    assert_eq!((s, msg.as_str()), (Status::ErrRun, "interrupted!"));
    vm.clear_interrupt();
    let (s, msg) = run(&mut vm, "return (string.find(('a'):rep(20), 'a*b*$'))");
    assert_eq!((s, msg.as_str()), (Status::Ok, "1"));
}

//! Limits on scripts through the `Lua` API: the memory cap (tables grown without end, huge strings,
//! `table.concat`, `gsub`, `load` readers), the instruction budget, the interrupt raised from another
//! thread; each hit inside coroutines and inside native callbacks (sort comparators, gsub callbacks,
//! host functions calling back into Lua). After every one the VM runs code again.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use lua_bind::prelude::*;
use lua_bind::{BUDGET_EXHAUSTED, INTERRUPTED};

const MIB: usize = 1 << 20;

/// Caps the VM at what it uses now plus `extra` bytes.
fn cap(lua: &Lua, extra: usize) {
    lua.gc_collect().unwrap();
    lua.set_memory_limit(Some(lua.memory_used() + extra));
}

fn is_memory(e: &Error) -> bool {
    matches!(e, Error::Memory { message } if message == "not enough memory")
}

/// The VM still computes.
fn works(lua: &Lua) {
    let n: i64 = lua
        .load("local t = {} for i = 1, 100 do t[i] = i end return #t + #('x'):rep(10)")
        .eval()
        .unwrap();
    assert_eq!(n, 110);
}

/// Interrupts `lua` after `secs` seconds unless dropped first: a test that fails to stop a script
/// fails instead of hanging.
struct Watchdog(Arc<AtomicBool>);

impl Watchdog {
    fn new(lua: &Lua, secs: u64) -> Watchdog {
        let done = Arc::new(AtomicBool::new(false));
        let d = done.clone();
        let h = lua.interrupt_handle();
        std::thread::spawn(move || {
            for _ in 0..secs * 100 {
                if d.load(Ordering::Relaxed) {
                    return;
                }
                std::thread::sleep(Duration::from_millis(10));
            }
            h.interrupt();
        });
        Watchdog(done)
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

fn budget_stopped(e: &Error) -> bool {
    matches!(e, Error::Runtime { message, .. } if message.ends_with(BUDGET_EXHAUSTED))
}

// ---- memory ----

#[test]
fn a_table_grown_without_end_hits_the_cap_and_the_vm_recovers() {
    let lua = Lua::new();
    cap(&lua, 4 * MIB);
    let e = lua
        .load("t = {} local i = 0 while true do i = i + 1 t[i] = {i} end")
        .exec()
        .unwrap_err();
    assert!(is_memory(&e), "{e:?}");
    // The script's pcall catches it, as the reference's does.
    let r: (bool, String) = lua
        .load("return pcall(function() local u = {} while true do u[#u + 1] = 'x' .. #u end end)")
        .eval()
        .unwrap();
    assert_eq!(r, (false, "not enough memory".to_string()));
    // Dropping the garbage and collecting brings the use back down; the cap can also be raised.
    lua.load("t = nil").exec().unwrap();
    lua.gc_collect().unwrap();
    assert!(lua.memory_used() < lua.memory_limit().unwrap() - 3 * MIB);
    works(&lua);
    lua.set_memory_limit(None);
    let n: i64 = lua
        .load("local t = {} for i = 1, 300000 do t[i] = {} end return #t")
        .eval()
        .unwrap();
    assert_eq!(n, 300000);
}

#[test]
fn huge_single_requests_fail_cleanly() {
    let lua = Lua::new();
    // Past the string library's size limit: the reference's error, cap or not.
    let e = lua
        .load("return string.rep('x', 1 << 40)")
        .exec()
        .unwrap_err();
    assert!(
        e.lua_message().ends_with("resulting string too large"),
        "{e}"
    );
    cap(&lua, 8 * MIB);
    let e = lua
        .load("return string.rep('x', 1 << 30)")
        .exec()
        .unwrap_err();
    assert!(is_memory(&e), "{e:?}");
    let e = lua
        .load("return string.rep('abc', 1 << 24, ',')")
        .exec()
        .unwrap_err();
    assert!(is_memory(&e), "{e:?}");
    // `..` of big parts.
    let e = lua
        .load("local s = ('x'):rep(3 << 20) return s .. s .. s")
        .exec()
        .unwrap_err();
    assert!(is_memory(&e), "{e:?}");
    works(&lua);
    // A bigger cap lets the same request through.
    lua.set_memory_limit(Some(lua.memory_used() + 64 * MIB));
    let n: i64 = lua.load("#string.rep('x', 1 << 24)").eval().unwrap();
    assert_eq!(n, 1 << 24);
}

#[test]
fn table_concat_of_huge_parts_is_counted_while_it_grows() {
    let lua = Lua::new();
    cap(&lua, 8 * MIB);
    // 100 references to one 1 MiB string: 100 MiB of result from 1 MiB of input.
    let e = lua
        .load("local s = ('x'):rep(1 << 20) local t = {} for i = 1, 100 do t[i] = s end return table.concat(t)")
        .exec()
        .unwrap_err();
    assert!(is_memory(&e), "{e:?}");
    // A separator repeated without end, over a range the table fakes with `__index`.
    let e = lua
        .load("local t = setmetatable({}, {__index = function() return '' end}) return table.concat(t, ('y'):rep(1000), 1, 1 << 40)")
        .exec()
        .unwrap_err();
    assert!(is_memory(&e), "{e:?}");
    // gsub with a string replacement, and `load` fed by a reader that never ends.
    let e = lua
        .load("local big = ('z'):rep(1 << 20) return (('x'):rep(1000):gsub('.', big))")
        .exec()
        .unwrap_err();
    assert!(is_memory(&e), "{e:?}");
    let e = lua
        .load("local s = ('-'):rep(1 << 20) return load(function() return s end)")
        .exec()
        .unwrap_err();
    assert!(is_memory(&e), "{e:?}");
    works(&lua);
    let n: i64 = lua
        .load("local t = {} for i = 1, 1000 do t[i] = 'ab' end return #table.concat(t, ',')")
        .eval()
        .unwrap();
    assert_eq!(n, 2999);
}

#[test]
fn absurd_sizes_from_the_host_are_memory_errors_without_a_cap() {
    let lua = Lua::new();
    assert_eq!(lua.memory_limit(), None);
    for (narr, nrec) in [
        (usize::MAX / 2, 0),
        (0, usize::MAX / 2),
        (1 << 41, 0),
        (0, 1 << 40),
    ] {
        let e = lua
            .with_state(|st| {
                st.create_table(narr, nrec)?;
                Ok(())
            })
            .unwrap_err();
        assert!(is_memory(&e), "{narr} {nrec}: {e:?}");
    }
    works(&lua);
}

#[test]
fn memory_limit_inside_coroutines_and_callbacks() {
    let lua = Lua::new();
    cap(&lua, 4 * MIB);
    // A generator that allocates without end.
    let e = lua
        .load("local gen = coroutine.wrap(function() local t = {} while true do t[#t + 1] = {} coroutine.yield(#t) end end) while true do gen() end")
        .exec()
        .unwrap_err();
    assert!(e.lua_message().ends_with("not enough memory"), "{e:?}");
    lua.gc_collect().unwrap();
    // Resumed from the host: a memory error keeps its kind.
    let co: Thread = lua
        .load("coroutine.create(function() local t = {} while true do t[#t + 1] = ('x'):rep(100) .. #t end end)")
        .eval()
        .unwrap();
    let e = co.resume::<()>(()).unwrap_err();
    assert!(is_memory(&e), "{e:?}");
    drop(co);
    lua.gc_collect().unwrap();
    // A gsub callback that allocates without end.
    let e = lua
        .load("return (('abc'):gsub('.', function(c) local t = {} while true do t[#t + 1] = c:rep(64) .. #t end end))")
        .exec()
        .unwrap_err();
    assert!(is_memory(&e), "{e:?}");
    // A gsub callback that returns big values: the result is counted as it grows.
    let e = lua
        .load("local big = ('q'):rep(1 << 20) return (('x'):rep(100):gsub('.', function() return big end))")
        .exec()
        .unwrap_err();
    assert!(is_memory(&e), "{e:?}");
    // A sort comparator that allocates.
    let e = lua
        .load("local keep = {} table.sort({3, 1, 2, 5, 4}, function(a, b) while true do keep[#keep + 1] = {} end end)")
        .exec()
        .unwrap_err();
    assert!(is_memory(&e), "{e:?}");
    lua.gc_collect().unwrap();
    works(&lua);
}

// ---- instruction budget ----

#[test]
fn the_instruction_budget_stops_an_endless_loop_and_can_be_reset() {
    let lua = Lua::new();
    let _w = Watchdog::new(&lua, 20);
    lua.set_instruction_limit(Some(100_000));
    assert_eq!(lua.instruction_limit(), Some(100_000));
    let e = lua.load("while true do end").exec().unwrap_err();
    assert!(budget_stopped(&e), "{e:?}");
    assert_eq!(
        e.lua_message(),
        "[string \"while true do end\"]:1: instruction budget exhausted"
    );
    assert_eq!(lua.instructions_remaining(), Some(0));
    // Spent: nothing more runs, and a script cannot catch the error and go on.
    let e = lua.load("return 1 + 1").exec().unwrap_err();
    assert!(budget_stopped(&e), "{e:?}");
    lua.set_instruction_limit(Some(100_000));
    let e = lua
        .load("while true do pcall(function() while true do end end) end")
        .exec()
        .unwrap_err();
    assert!(budget_stopped(&e), "{e:?}");
    // Resetting refills it: a script within the budget runs, the remaining count goes down.
    lua.set_instruction_limit(Some(1_000_000));
    works(&lua);
    lua.load("for i = 1, 20000 do end").exec().unwrap();
    let left = lua.instructions_remaining().unwrap();
    assert!(left < 1_000_000 && left > 900_000, "{left}");
    // Removing it lets long scripts run.
    lua.set_instruction_limit(None);
    assert_eq!(lua.instructions_remaining(), None);
    let n: i64 = lua
        .load("local n = 0 for i = 1, 3000000 do n = n + 1 end return n")
        .eval()
        .unwrap();
    assert_eq!(n, 3_000_000);
}

#[test]
fn a_small_budget_is_exact_to_the_period() {
    let lua = Lua::new();
    lua.set_instruction_limit(Some(50));
    let e = lua
        .load("local n = 0 for i = 1, 100 do n = n + i end")
        .exec()
        .unwrap_err();
    assert!(budget_stopped(&e), "{e:?}");
    lua.set_instruction_limit(Some(500));
    let n: i64 = lua
        .load("local n = 0 for i = 1, 100 do n = n + i end return n")
        .eval()
        .unwrap();
    assert_eq!(n, 5050);
    lua.set_instruction_limit(Some(0));
    let e = lua.load("return 1").exec().unwrap_err();
    assert!(budget_stopped(&e), "{e:?}");
}

#[test]
fn the_budget_counts_inside_coroutines() {
    let lua = Lua::new();
    let _w = Watchdog::new(&lua, 30);
    lua.set_instruction_limit(Some(200_000));
    // A generator that loops inside its coroutine.
    let e = lua
        .load("local gen = coroutine.wrap(function() while true do end end) gen()")
        .exec()
        .unwrap_err();
    assert!(e.lua_message().ends_with(BUDGET_EXHAUSTED), "{e:?}");
    // A generator resumed without end.
    lua.set_instruction_limit(Some(200_000));
    let e = lua
        .load("local gen = coroutine.wrap(function() local i = 0 while true do i = i + 1 coroutine.yield(i) end end) while true do gen() end")
        .exec()
        .unwrap_err();
    assert!(e.lua_message().ends_with(BUDGET_EXHAUSTED), "{e:?}");
    // Work spread over a tree of short coroutines, each shorter than the hook's period: the count
    // follows the coroutines, so the whole tree is charged.
    lua.set_instruction_limit(Some(2_000_000));
    let e = lua
        .load(
            "local function work(depth)
               local n = 0
               for i = 1, 200 do n = n + i end
               if depth < 100 then
                 for _ = 1, 3 do coroutine.wrap(work)(depth + 1) end
               end
             end
             work(0)",
        )
        .exec()
        .unwrap_err();
    assert!(e.lua_message().ends_with(BUDGET_EXHAUSTED), "{e:?}");
    // A coroutine created before the budget was set is charged once resumed.
    lua.set_instruction_limit(None);
    let co: Thread = lua
        .load("coroutine.create(function() while true do end end)")
        .eval()
        .unwrap();
    lua.set_instruction_limit(Some(100_000));
    let e = co.resume::<()>(()).unwrap_err();
    assert!(e.lua_message().ends_with(BUDGET_EXHAUSTED), "{e:?}");
    lua.set_instruction_limit(None);
    works(&lua);
    // Coroutines that carried the old budget's hook run freely afterwards.
    let n: i64 = lua
        .load("return coroutine.wrap(function() local n = 0 for i = 1, 100000 do n = n + 1 end return n end)()")
        .eval()
        .unwrap();
    assert_eq!(n, 100000);
}

#[lua_function]
fn call_back(f: Function) -> Result<i64, Error> {
    f.call::<i64>(())
}

#[test]
fn the_budget_stops_loops_inside_native_callbacks() {
    let lua = Lua::new();
    let _w = Watchdog::new(&lua, 20);
    lua.register("call_back", call_back::FN).unwrap();
    for src in [
        "table.sort({3, 1, 2, 5, 4}, function(a, b) while true do end end)",
        "string.gsub('abc', '.', function(c) while true do end end)",
        "call_back(function() while true do end end)",
        "local _ = setmetatable({}, {__index = function() while true do end end}).x",
        "tostring(setmetatable({}, {__tostring = function() while true do end end}))",
    ] {
        lua.set_instruction_limit(Some(100_000));
        let e = lua.load(src).exec().unwrap_err();
        assert!(e.lua_message().contains(BUDGET_EXHAUSTED), "{src}: {e:?}");
    }
    lua.set_instruction_limit(None);
    let n: i64 = lua
        .load("return call_back(function() return 41 end) + 1")
        .eval()
        .unwrap();
    assert_eq!(n, 42);
}

// ---- interrupt ----

/// Interrupts through a handle shared with another thread after `ms` milliseconds.
fn interrupt_later(handle: &Arc<InterruptHandle>, ms: u64) -> std::thread::JoinHandle<()> {
    let h = Arc::clone(handle);
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(ms));
        h.interrupt();
    })
}

fn interrupted(e: &Error) -> bool {
    e.lua_message().ends_with(INTERRUPTED)
}

#[test]
fn an_interrupt_from_another_thread_stops_the_script() {
    let lua = Lua::new();
    let handle = Arc::new(lua.interrupt_handle());
    let t = interrupt_later(&handle, 50);
    let e = lua.load("while true do end").exec().unwrap_err();
    t.join().unwrap();
    assert!(interrupted(&e), "{e:?}");
    assert_eq!(
        e.lua_message(),
        "[string \"while true do end\"]:1: interrupted!"
    );
    // It stays raised: nothing runs until the host clears it, and pcall cannot swallow it.
    assert!(handle.is_raised());
    let e = lua
        .load("while true do pcall(function() while true do end end) end")
        .exec()
        .unwrap_err();
    assert!(interrupted(&e), "{e:?}");
    handle.clear();
    works(&lua);
    // Also through `Lua::clear_interrupt`, and on numeric loops and deep recursion.
    let t = interrupt_later(&handle, 50);
    let e = lua
        .load("local n = 0 for i = 1, math.maxinteger do n = n + 1 end")
        .exec()
        .unwrap_err();
    t.join().unwrap();
    assert!(interrupted(&e), "{e:?}");
    lua.clear_interrupt();
    assert!(!handle.is_raised());
    works(&lua);
}

#[test]
fn interrupts_reach_coroutines_callbacks_and_finalizers() {
    let lua = Lua::new();
    lua.register("call_back", call_back::FN).unwrap();
    let handle = Arc::new(lua.interrupt_handle());
    for src in [
        "local gen = coroutine.wrap(function() while true do coroutine.yield(1) end end) while true do gen() end",
        "coroutine.wrap(function() while true do end end)()",
        "table.sort({3, 1, 2, 5, 4}, function(a, b) while true do end end)",
        "string.gsub('abc', '.', function(c) while true do end end)",
        "call_back(function() while true do end end)",
        // Native code that runs no Lua instruction: a pathological pattern, a native loop over
        // native metamethods.
        "string.find(('a'):rep(60), ('a*'):rep(60) .. 'b')",
        "table.move(setmetatable({}, {__index = rawlen}), 1, math.maxinteger - 1, 1, setmetatable({}, {__newindex = rawequal}))",
        // A finalizer runs without hooks, but the interrupt reaches it; the error it raises there is
        // a warning, and the script stops at its next check.
        "setmetatable({}, {__gc = function() while true do end end}) collectgarbage() while true do end",
    ] {
        let t = interrupt_later(&handle, 30);
        let e = lua.load(src).exec().unwrap_err();
        t.join().unwrap();
        assert!(e.lua_message().contains(INTERRUPTED), "{src}: {e:?}");
        handle.clear();
        works(&lua);
    }
}

// ---- error paths lose nothing ----

#[lua_function]
fn host_alloc(lua: &Lua, n: i64) -> Result<i64, Error> {
    let t = lua.create_table()?;
    for i in 1..=n {
        t.set(i, "item")?;
    }
    t.len()
}

/// What the host holds: a table, a function, a userdata, a registry reference made on the stack
/// API, and globals.
struct Held {
    table: Table,
    func: Function,
    data: AnyUserData,
    reg: i64,
}

fn hold(lua: &Lua) -> Held {
    lua.load("config = {name = 'game', list = {1, 2, 3}} counter = 7")
        .exec()
        .unwrap();
    let table: Table = lua.get_global("config").unwrap();
    let func: Function = lua
        .load("function(a) return a * 2 + counter end")
        .eval()
        .unwrap();
    let data = lua.create_userdata(vec![1u8, 2, 3]).unwrap();
    let reg = lua
        .with_state(|st| {
            st.push_str("kept in the registry")?;
            Ok(st.ref_(lua_bind::lua_vm::vm::state::REGISTRY_INDEX)?)
        })
        .unwrap();
    Held {
        table,
        func,
        data,
        reg,
    }
}

fn intact(lua: &Lua, h: &Held) {
    lua.gc_collect().unwrap();
    assert_eq!(h.table.get::<_, String>("name").unwrap(), "game");
    let list: Table = h.table.get("list").unwrap();
    assert_eq!(list.len().unwrap(), 3);
    assert_eq!(h.func.call::<i64>(5).unwrap(), 17);
    assert_eq!(h.data.with(|v: &mut Vec<u8>| v.len()).unwrap(), 3);
    let s = lua
        .with_state(|st| {
            st.raw_get_i(lua_bind::lua_vm::vm::state::REGISTRY_INDEX, h.reg);
            Ok(String::from_utf8_lossy(st.to_bytes(-1)?.unwrap_or(b"")).into_owned())
        })
        .unwrap();
    assert_eq!(s, "kept in the registry");
    assert_eq!(lua.get_global::<i64>("counter").unwrap(), 7);
    let same: Table = lua.get_global("config").unwrap();
    assert!(same.ptr_eq(&h.table));
    works(lua);
}

#[test]
fn error_paths_lose_nothing() {
    let lua = Lua::new();
    lua.register("host_alloc", host_alloc::FN).unwrap();
    let held = hold(&lua);
    intact(&lua, &held);

    // Runtime error, deep inside calls.
    let e = lua
        .load("local function f(n) if n == 0 then error('deep') end return f(n - 1) end f(50)")
        .exec()
        .unwrap_err();
    assert!(e.lua_message().ends_with("deep"), "{e:?}");
    intact(&lua, &held);

    // Errors in the message handler: the error object's __tostring fails (the handler then handles
    // that error), or fails again and again until the handler gives up.
    let e = lua
        .load("error(setmetatable({}, {__tostring = function() error('no text') end}))")
        .exec()
        .unwrap_err();
    assert!(e.lua_message().ends_with("no text"), "{e:?}");
    intact(&lua, &held);
    let e = lua
        .load("local mt = {} mt.__tostring = function() error(setmetatable({}, mt)) end error(setmetatable({}, mt))")
        .exec()
        .unwrap_err();
    eprintln!("recursive: {e:?}");
    intact(&lua, &held);
    // The handler runs out of memory while it builds the traceback.
    lua.load("junk = {}").exec().unwrap();
    cap(&lua, MIB);
    let e = lua
        .load("local function f(n) if n == 0 then pcall(function() while true do junk[#junk + 1] = {} end end) error('full') end return f(n - 1) + 1 end f(100)")
        .exec()
        .unwrap_err();
    eprintln!("full: {e:?}");
    lua.set_memory_limit(None);
    lua.load("junk = nil").exec().unwrap();
    intact(&lua, &held);
    // And a script's own xpcall with a failing handler.
    let r: (bool, String) = lua
        .load("return xpcall(error, function() error('again') end, 'x')")
        .eval()
        .unwrap();
    assert!(!r.0);
    intact(&lua, &held);

    // Memory: in Lua code, in a host function, while the host creates values.
    cap(&lua, 2 * MIB);
    let e = lua
        .load("local t = {} while true do t[#t + 1] = {} end")
        .exec()
        .unwrap_err();
    assert!(is_memory(&e), "{e:?}");
    let e = lua.load("host_alloc(1e9)").exec().unwrap_err();
    assert!(is_memory(&e), "{e:?}");
    let big = lua.create_table().unwrap();
    let e = (1..)
        .map(|i| big.set(i, "a fairly long string value to fill memory"))
        .find_map(|r| r.err())
        .unwrap();
    assert!(is_memory(&e), "{e:?}");
    drop(big);
    // At the cap, the host still gets the globals (their handle's few bytes pass the cap).
    lua.set_memory_limit(Some(lua.memory_used()));
    let handles: Vec<Table> = (0..2000).map(|_| lua.globals()).collect();
    assert!(handles.iter().all(|g| g.ptr_eq(&handles[0])));
    drop(handles);
    lua.set_memory_limit(None);
    intact(&lua, &held);

    // Instruction budget and interrupt.
    lua.set_instruction_limit(Some(10_000));
    let e = lua.load("while true do end").exec().unwrap_err();
    assert!(budget_stopped(&e), "{e:?}");
    let e = held.func.call::<i64>(1);
    assert!(e.is_ok() || budget_stopped(&e.unwrap_err()));
    lua.set_instruction_limit(None);
    intact(&lua, &held);
    let handle = Arc::new(lua.interrupt_handle());
    let t = interrupt_later(&handle, 30);
    let e = lua.load("while true do end").exec().unwrap_err();
    t.join().unwrap();
    assert!(interrupted(&e), "{e:?}");
    lua.clear_interrupt();
    intact(&lua, &held);
}

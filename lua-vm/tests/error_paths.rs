//! "Error paths lose nothing": after a runtime error, a memory error, an interrupt, an error in the
//! message handler, a stack overflow, an error in a count hook or in a native function, the host's
//! registry references, globals, the tables it holds on its own stack and the stack height are all
//! intact, and the next call works (State API).

use lua_vm::vm::state::{hookmask, MULTRET, REGISTRY_INDEX};
use lua_vm::{LuaResult, State, Status, Vm};

/// What the host holds across the failing calls.
struct Held {
    /// A registry reference to a table {10, 20, 30, name = "kept"}.
    reference: i64,
    /// Stack height with the host's own values: a table at 1, a string at 2.
    top: i32,
}

fn setup() -> (Vm, Held) {
    let mut vm = Vm::new();
    lua_vm::stdlib::open_libs(&mut vm).unwrap();
    let src = "held = {10, 20, 30, name = 'kept'}
               config = {limit = 5, nested = {deep = true}}
               counter = 0
               function bump() counter = counter + 1 return counter end";
    assert_eq!(vm.load(src.as_bytes(), "=setup", "t"), Status::Ok);
    assert_eq!(vm.pcall(0, 0, 0), Status::Ok);
    vm.get_global("held").unwrap();
    let reference = vm.ref_(REGISTRY_INDEX).unwrap();
    // Host values on the stack: a table and a string.
    vm.create_table(0, 1).unwrap();
    vm.push_str("host value").unwrap();
    vm.set_field(-2, "v").unwrap();
    vm.push_str("a host string").unwrap();
    let top = vm.get_top();
    (vm, Held { reference, top })
}

/// The string at `idx` (`lua_tolstring`, which pushes nothing).
fn bytes(st: &mut State, idx: i32) -> Vec<u8> {
    st.to_bytes(idx).unwrap().unwrap_or_default().to_vec()
}

/// Checks everything the host held and that new calls work.
fn check_intact(st: &mut State, h: &Held, context: &str) {
    assert_eq!(st.get_top(), h.top, "{context}: stack height");
    st.get_field(1, "v").unwrap();
    assert_eq!(bytes(st, -1), b"host value", "{context}");
    st.pop(1);
    assert_eq!(bytes(st, 2), b"a host string", "{context}");
    st.raw_get_i(REGISTRY_INDEX, h.reference);
    for (i, want) in [10, 20, 30].into_iter().enumerate() {
        st.get_i(-1, i as i64 + 1).unwrap();
        assert_eq!(
            st.to_integer(-1),
            Some(want),
            "{context}: registry ref item {i}"
        );
        st.pop(1);
    }
    st.get_field(-1, "name").unwrap();
    assert_eq!(bytes(st, -1), b"kept", "{context}");
    st.pop(2);
    // Globals and the next call.
    let src = "assert(held[3] == 30 and held.name == 'kept')
               assert(config.limit == 5 and config.nested.deep == true)
               local before = counter
               assert(bump() == before + 1)
               local t = {} for i = 1, 1000 do t[i] = tostring(i) end
               return #t .. ':' .. held[1] .. ',' .. held[2]";
    assert_eq!(
        st.load(src.as_bytes(), "=check", "t"),
        Status::Ok,
        "{context}"
    );
    let s = st.pcall(0, 1, 0);
    let msg = String::from_utf8_lossy(&bytes(st, -1)).into_owned();
    assert_eq!((s, msg.as_str()), (Status::Ok, "1000:10,20"), "{context}");
    st.pop(1);
    assert_eq!(
        st.get_top(),
        h.top,
        "{context}: stack height after the check"
    );
}

/// Loads and runs `src` with an optional message handler (a global function name); returns the
/// status and the error message, leaving the stack as it was.
fn run(st: &mut State, src: &str, handler: Option<&str>) -> (Status, String) {
    let base = st.get_top();
    let msgh = match handler {
        Some(name) => {
            st.get_global(name).unwrap();
            base + 1
        }
        None => 0,
    };
    assert_eq!(st.load(src.as_bytes(), "=test", "t"), Status::Ok);
    let s = st.pcall(0, MULTRET, msgh);
    // A string message is read without allocating (after a memory error the heap is still full).
    let msg = if st.get_top() > base + (msgh != 0) as i32 && st.is_string(-1) {
        String::from_utf8_lossy(&bytes(st, -1)).into_owned()
    } else if st.get_top() > base + (msgh != 0) as i32 {
        String::from_utf8_lossy(st.to_lstring(-1).unwrap()).into_owned()
    } else {
        String::new()
    };
    st.set_top(base);
    (s, msg)
}

#[test]
fn runtime_errors_lose_nothing() {
    let (mut vm, h) = setup();
    for (src, want) in [
        ("error('plain')", "test:1: plain"),
        (
            "local x = nil; return x.y",
            "test:1: attempt to index a nil value (local 'x')",
        ),
        (
            "held = nil; error('after clobbering a global')",
            "test:1: after clobbering a global",
        ),
        (
            "return 1 < {}",
            "test:1: attempt to compare number with table",
        ),
        (
            "error(setmetatable({}, {__tostring = function() return 'object' end}))",
            "object",
        ),
    ] {
        let (s, msg) = run(&mut vm, src, None);
        assert_eq!((s, msg.as_str()), (Status::ErrRun, want));
        if src.starts_with("held = nil") {
            // The script really changed the global before failing; the registry reference did not.
            vm.raw_get_i(REGISTRY_INDEX, h.reference);
            vm.set_global("held").unwrap();
        }
        check_intact(&mut vm, &h, src);
    }
}

#[test]
fn memory_errors_lose_nothing() {
    let (mut vm, h) = setup();
    let used = vm.memory_used();
    vm.set_memory_limit(Some(used + (2 << 20)));
    for src in [
        "local t = {} for i = 1, 1e8 do t[i] = {i} end",
        "local s = 'x' while true do s = s .. s end",
        "return string.rep('x', 1 << 30)",
        "local t = {} for i = 1, 1e7 do t['k' .. i] = i end",
    ] {
        let (s, msg) = run(&mut vm, src, None);
        assert_eq!(
            (s, msg.as_str()),
            (Status::ErrMem, "not enough memory"),
            "{src}"
        );
        vm.full_gc();
        // The check itself needs a little memory: it must fit under the same cap after a collection.
        check_intact(&mut vm, &h, src);
    }
    vm.set_memory_limit(None);
    check_intact(&mut vm, &h, "cap lifted");
}

#[test]
fn interrupts_lose_nothing() {
    let (mut vm, h) = setup();
    let handle = vm.interrupt_handle();
    handle.interrupt();
    let (s, msg) = run(&mut vm, "while true do counter = counter + 1 end", None);
    assert_eq!((s, msg.as_str()), (Status::ErrRun, "test:1: interrupted!"));
    // Raised, the interrupt stops every call...
    let (s, _) = run(&mut vm, "return bump()", None);
    assert_eq!(s, Status::ErrRun);
    // ...and once cleared everything works again.
    handle.clear();
    check_intact(&mut vm, &h, "interrupt");
}

fn budget_hook(st: &mut State) -> LuaResult<usize> {
    Err(st.error_msg("budget exhausted"))
}

#[test]
fn hook_errors_lose_nothing() {
    let (mut vm, h) = setup();
    vm.set_hook(Some(budget_hook), hookmask::COUNT, 1000);
    let (s, msg) = run(&mut vm, "while true do end", None);
    assert_eq!(s, Status::ErrRun);
    assert!(msg.ends_with("budget exhausted"), "{msg}");
    vm.set_hook(None, 0, 0);
    check_intact(&mut vm, &h, "count hook");
}

#[test]
fn errors_in_the_message_handler_lose_nothing() {
    let (mut vm, h) = setup();
    run(
        &mut vm,
        "function failing_handler(m) error('handler failed') end
         function tracing_handler(m) return 'handled: ' .. tostring(m) end
         function deep_handler(m) local function f() return f() + 1 end return f() end",
        None,
    );
    let (s, msg) = run(&mut vm, "error('x')", Some("failing_handler"));
    assert_eq!(
        (s, msg.as_str()),
        (Status::ErrErr, "error in error handling")
    );
    check_intact(&mut vm, &h, "failing handler");
    let (s, msg) = run(&mut vm, "error('x')", Some("deep_handler"));
    assert_eq!(s, Status::ErrErr, "{msg}");
    check_intact(&mut vm, &h, "overflowing handler");
    let (s, msg) = run(&mut vm, "error('x')", Some("tracing_handler"));
    assert_eq!((s, msg.as_str()), (Status::ErrRun, "handled: test:1: x"));
    check_intact(&mut vm, &h, "working handler");
}

#[test]
fn stack_overflows_lose_nothing() {
    let (mut vm, h) = setup();
    let (s, msg) = run(
        &mut vm,
        "local function f() return 1 + f() end return f()",
        None,
    );
    assert_eq!(
        (s, msg.as_str()),
        (Status::ErrRun, "test:1: stack overflow")
    );
    check_intact(&mut vm, &h, "stack overflow");
    let (s, msg) = run(
        &mut vm,
        "local t = setmetatable({}, {__index = function(t, k) return t[k] end}) return t.x",
        None,
    );
    assert_eq!(
        (s, msg.as_str()),
        (Status::ErrRun, "test:1: C stack overflow")
    );
    check_intact(&mut vm, &h, "C stack overflow");
}

fn failing_native(st: &mut State) -> LuaResult<usize> {
    // Leaves junk on its stack before failing: the caller must not see it.
    st.push_str("junk").unwrap();
    st.create_table(0, 0)?;
    Err(st.error_msg("native failure"))
}

#[test]
fn native_errors_and_close_errors_lose_nothing() {
    let (mut vm, h) = setup();
    vm.push_fn(failing_native);
    vm.set_global("failing_native").unwrap();
    let (s, msg) = run(&mut vm, "failing_native()", None);
    assert_eq!(
        (s, msg.as_str()),
        (Status::ErrRun, "test:1: native failure")
    );
    check_intact(&mut vm, &h, "native error");
    let (s, msg) = run(
        &mut vm,
        "local x <close> = setmetatable({}, {__close = function() error('in close', 0) end})
         error('body', 0)",
        None,
    );
    assert_eq!((s, msg.as_str()), (Status::ErrRun, "in close"));
    check_intact(&mut vm, &h, "error in __close");
    // Host API calls that fail (metamethod errors) outside any Lua frame.
    vm.get_global("config").unwrap();
    vm.push_nil();
    vm.push_integer(1);
    let r = vm.set_table(-3);
    assert!(r.is_err(), "nil key accepted");
    vm.set_top(h.top);
    check_intact(&mut vm, &h, "failed set_table");
}

//! Calls through the public API: call/pcall with statuses and message handlers, load with chunk names
//! and modes, errors raised by native functions, and the messages of the auxiliary argument checks
//! when a native function registered as a global is called from Lua. Messages are those of lua5.4 for
//! the same situations (its C functions in place of ours: e.g. `string.rep` for `f`).

use lua_vm::value::Type;
use lua_vm::vm::state::MULTRET;
use lua_vm::{LuaResult, State, Status, Vm};

fn string_at(st: &mut State, idx: i32) -> String {
    let b = st.to_bytes(idx).unwrap().expect("a string");
    String::from_utf8_lossy(b).into_owned()
}

fn vm_with_base() -> Vm {
    let mut vm = Vm::new();
    lua_vm::stdlib::open_libs(&mut vm).unwrap();
    vm
}

/// Loads `code` as chunk `=c` and runs it protected; returns the status and the first result or error
/// message as a string (tostring'd), leaving the stack empty.
fn run(st: &mut State, code: &str) -> (Status, String) {
    let base = st.get_top();
    let mut status = st.load(code.as_bytes(), "=c", "t");
    if status == Status::Ok {
        status = st.pcall(0, 1, 0);
    }
    let s = String::from_utf8_lossy(st.to_lstring(-1).unwrap()).into_owned();
    st.set_top(base);
    (status, s)
}

fn register(st: &mut State, name: &str, f: lua_vm::vm::state::NativeFn) {
    st.push_fn(f);
    st.set_global(name).unwrap();
}

fn need_int(st: &mut State) -> LuaResult<usize> {
    let n = st.check_integer(1)?;
    st.push_integer(n.wrapping_add(1));
    Ok(1)
}

fn options(st: &mut State) -> LuaResult<usize> {
    let n = st.opt_integer(1, 7)?;
    let which = st.check_option(2, Some("first"), &["first", "second"])?;
    let f = st.opt_number(3, 0.5)?;
    st.push_integer(n);
    st.push_integer(which as i64);
    st.push_number(f);
    Ok(3)
}

fn custom_check(st: &mut State) -> LuaResult<usize> {
    st.check_any(1)?;
    let ok = st.to_boolean(2);
    st.arg_check(ok, 2, "custom reason")?;
    Ok(0)
}

fn typed(st: &mut State) -> LuaResult<usize> {
    st.check_type(1, Type::Table)?;
    let s = st.check_bytes(2)?.to_vec();
    st.push_bytes(&s)?;
    Ok(1)
}

fn raise_msg(st: &mut State) -> LuaResult<usize> {
    Err(st.error_msg("something failed"))
}

fn raise_table(st: &mut State) -> LuaResult<usize> {
    st.new_table()?;
    st.push_integer(5);
    st.set_field(-2, "code")?;
    Err(st.error())
}

fn call_arg(st: &mut State) -> LuaResult<usize> {
    // calls its first argument with the rest, returning all results; errors propagate
    let n = st.get_top() as usize;
    st.call(n - 1, MULTRET)?;
    Ok(st.get_top() as usize)
}

#[test]
fn check_integer_messages_from_lua() {
    let mut vm = vm_with_base();
    register(&mut vm, "f", need_int);
    assert_eq!(run(&mut vm, "return f(41)"), (Status::Ok, "42".into()));
    assert_eq!(run(&mut vm, "return f('41')"), (Status::Ok, "42".into()));
    assert_eq!(run(&mut vm, "return f(3.0)"), (Status::Ok, "4".into()));
    let cases = [
        (
            "f()",
            "c:1: bad argument #1 to 'f' (number expected, got no value)",
        ),
        (
            "f(nil)",
            "c:1: bad argument #1 to 'f' (number expected, got nil)",
        ),
        (
            "f({})",
            "c:1: bad argument #1 to 'f' (number expected, got table)",
        ),
        (
            "f('x')",
            "c:1: bad argument #1 to 'f' (number expected, got string)",
        ),
        (
            "f(1.5)",
            "c:1: bad argument #1 to 'f' (number has no integer representation)",
        ),
        (
            "f('1.5')",
            "c:1: bad argument #1 to 'f' (number has no integer representation)",
        ),
        (
            "\n\nlocal g = f; g()",
            "c:3: bad argument #1 to 'g' (number expected, got no value)",
        ),
        (
            "local t = {m = f}; t.m()",
            "c:1: bad argument #1 to 'm' (number expected, got no value)",
        ),
        (
            "local t = {m = f}; t:m()",
            "c:1: calling 'm' on bad self (number expected, got table)",
        ),
        (
            "f(setmetatable({}, {__name = 'MyType'}))",
            "c:1: bad argument #1 to 'f' (number expected, got MyType)",
        ),
    ];
    for (code, msg) in cases {
        assert_eq!(
            run(&mut vm, code),
            (Status::ErrRun, msg.to_string()),
            "{code}"
        );
    }
    // called from a native function (pcall) there is no Lua position, and the name is found in _G
    assert_eq!(
        run(&mut vm, "local ok, e = pcall(f) return e"),
        (
            Status::Ok,
            "bad argument #1 to 'f' (number expected, got no value)".into()
        )
    );
}

#[test]
fn other_argument_checks() {
    let mut vm = vm_with_base();
    register(&mut vm, "opts", options);
    register(&mut vm, "custom", custom_check);
    register(&mut vm, "typed", typed);
    assert_eq!(
        run(&mut vm, "local a, b, c = opts() return a .. b .. c").1,
        "700.5"
    );
    assert_eq!(
        run(
            &mut vm,
            "local a, b, c = opts(1, 'second', 2) return a .. b .. c"
        )
        .1,
        "112.0"
    );
    let cases = [
        (
            "opts(1.5)",
            "c:1: bad argument #1 to 'opts' (number has no integer representation)",
        ),
        (
            "opts(1, 'third')",
            "c:1: bad argument #2 to 'opts' (invalid option 'third')",
        ),
        (
            "opts(1, 2)",
            "c:1: bad argument #2 to 'opts' (invalid option '2')",
        ),
        (
            "opts(1, nil, 'x')",
            "c:1: bad argument #3 to 'opts' (number expected, got string)",
        ),
        (
            "custom()",
            "c:1: bad argument #1 to 'custom' (value expected)",
        ),
        (
            "custom(1, false)",
            "c:1: bad argument #2 to 'custom' (custom reason)",
        ),
        (
            "typed(1)",
            "c:1: bad argument #1 to 'typed' (table expected, got number)",
        ),
        (
            "typed({}, {})",
            "c:1: bad argument #2 to 'typed' (string expected, got table)",
        ),
    ];
    for (code, msg) in cases {
        assert_eq!(
            run(&mut vm, code),
            (Status::ErrRun, msg.to_string()),
            "{code}"
        );
    }
    assert_eq!(
        run(&mut vm, "return typed({}, 12)"),
        (Status::Ok, "12".into())
    );
}

#[test]
fn errors_raised_by_natives() {
    let mut vm = vm_with_base();
    register(&mut vm, "raise_msg", raise_msg);
    register(&mut vm, "raise_table", raise_table);
    assert_eq!(
        run(&mut vm, "\nraise_msg()"),
        (Status::ErrRun, "c:2: something failed".into())
    );
    assert_eq!(
        run(&mut vm, "local ok, e = pcall(raise_table) return e.code"),
        (Status::Ok, "5".into())
    );
    // protected call from Rust: the error object is on top, in place of the function
    vm.push_integer(123);
    vm.push_fn(raise_table);
    assert_eq!(vm.pcall(0, 0, 0), Status::ErrRun);
    assert_eq!(vm.get_top(), 2);
    assert!(vm.is_table(-1));
    assert_eq!(vm.get_field(-1, "code").unwrap(), Type::Number);
    assert_eq!(
        vm.to_integer(1),
        Some(123),
        "values below the function are kept"
    );
}

#[test]
fn pcall_statuses_and_results() {
    let mut vm = vm_with_base();
    assert_eq!(vm.load(b"return 1, 2, 3", "=c", "t"), Status::Ok);
    assert_eq!(vm.pcall(0, MULTRET, 0), Status::Ok);
    assert_eq!(vm.get_top(), 3);
    vm.set_top(0);
    assert_eq!(vm.load(b"return 1, 2, 3", "=c", "t"), Status::Ok);
    assert_eq!(vm.pcall(0, 1, 0), Status::Ok);
    assert_eq!(vm.get_top(), 1);
    assert_eq!(vm.to_integer(1), Some(1));
    vm.set_top(0);
    assert_eq!(
        vm.load(b"local a = ... return a * 2", "=c", "t"),
        Status::Ok
    );
    vm.push_integer(21);
    assert_eq!(vm.pcall(1, 1, 0), Status::Ok);
    assert_eq!(vm.to_integer(-1), Some(42));
    vm.set_top(0);
    assert_eq!(
        vm.load(b"local t = nil; return t.x", "@script.lua", "t"),
        Status::Ok
    );
    assert_eq!(vm.pcall(0, 0, 0), Status::ErrRun);
    assert_eq!(
        string_at(&mut vm, -1),
        "script.lua:1: attempt to index a nil value (local 't')"
    );
}

/// A message handler that wraps string messages as "handled: MSG".
fn handler(st: &mut State) -> LuaResult<usize> {
    let msg = st.to_lstring(1)?.to_vec();
    let mut out = b"handled: ".to_vec();
    out.extend_from_slice(&msg);
    st.push_bytes(&out)?;
    Ok(1)
}

fn failing_handler(st: &mut State) -> LuaResult<usize> {
    Err(st.error_msg("handler failed"))
}

#[test]
fn message_handlers() {
    let mut vm = vm_with_base();
    vm.push_fn(handler); // 1
    assert_eq!(vm.load(b"error('boom')", "=c", "t"), Status::Ok);
    assert_eq!(vm.pcall(0, 0, 1), Status::ErrRun);
    assert_eq!(string_at(&mut vm, -1), "handled: c:1: boom");
    assert_eq!(vm.get_top(), 2);
    vm.set_top(1);
    // non-string error objects reach the handler unchanged
    assert_eq!(vm.load(b"error(42)", "=c", "t"), Status::Ok);
    assert_eq!(vm.pcall(0, 0, -2), Status::ErrRun);
    assert_eq!(string_at(&mut vm, -1), "handled: 42");
    vm.set_top(1);
    // the handler runs before the stack unwinds: a traceback sees the failing function
    vm.set_top(0);
    assert_eq!(
        vm.load(
            b"local function inner() error('deep') end\nlocal function outer() inner() end\nouter()",
            "=c",
            "t"
        ),
        Status::Ok
    );
    vm.push_fn(traceback_handler);
    vm.insert(1);
    assert_eq!(vm.pcall(0, 0, 1), Status::ErrRun);
    let tb = string_at(&mut vm, -1);
    assert!(tb.starts_with("c:1: deep\nstack traceback:\n"), "{tb}");
    assert!(tb.contains("c:1: in upvalue 'inner'"), "{tb}");
    assert!(tb.contains("c:2: in local 'outer'"), "{tb}");
    // an error inside the handler: status ErrErr
    vm.set_top(0);
    vm.push_fn(failing_handler);
    assert_eq!(vm.load(b"error('x')", "=c", "t"), Status::Ok);
    assert_eq!(vm.pcall(0, 0, 1), Status::ErrErr);
    assert_eq!(string_at(&mut vm, -1), "error in error handling");
}

fn traceback_handler(st: &mut State) -> LuaResult<usize> {
    let msg = st.to_lstring(1)?.to_vec();
    let mut out = msg;
    out.extend_from_slice(b"\n");
    st.traceback_into(&mut out, 1)?;
    st.push_bytes(&out)?;
    Ok(1)
}

#[test]
fn native_calls_lua_and_errors_propagate() {
    let mut vm = vm_with_base();
    register(&mut vm, "call_arg", call_arg);
    assert_eq!(
        run(
            &mut vm,
            "return select('#', call_arg(function(...) return ... end, 1, nil, 3))"
        ),
        (Status::Ok, "3".into())
    );
    assert_eq!(
        run(
            &mut vm,
            "return call_arg(function(a, b) return a + b end, 2, 3)"
        ),
        (Status::Ok, "5".into())
    );
    assert_eq!(
        run(&mut vm, "call_arg(function() error('inner error') end)"),
        (Status::ErrRun, "c:1: inner error".into())
    );
    assert_eq!(
        run(
            &mut vm,
            "local ok, e = pcall(call_arg, error, 'x', 0) return e"
        ),
        (Status::Ok, "x".into())
    );
    // an unprotected call from Rust returns the error
    vm.set_top(0);
    vm.push_fn(raise_msg);
    let e = vm.call(0, 0).unwrap_err();
    assert_eq!(e.status, Status::ErrRun);
}

#[test]
fn load_chunk_names_and_modes() {
    let mut vm = Vm::new();
    let cases: [(&str, &str); 5] = [
        ("=name", "name:1: unexpected symbol near <eof>"),
        ("@file.lua", "file.lua:1: unexpected symbol near <eof>"),
        ("return x +", "[string \"return x +\"]:1: unexpected symbol near <eof>"),
        (
            "a very long chunk name that goes on and on and on and on and on and on and on and on",
            "[string \"a very long chunk name that goes on and on an...\"]:1: unexpected symbol near <eof>",
        ),
        (
            "@a/very/long/path/that/goes/on/and/on/and/on/and/on/and/on/and/on/and/on/file.lua",
            "...es/on/and/on/and/on/and/on/and/on/and/on/and/on/file.lua:1: unexpected symbol near <eof>",
        ),
    ];
    for (name, msg) in cases {
        assert_eq!(
            vm.load(b"return x +", name, "bt"),
            Status::ErrSyntax,
            "{name}"
        );
        assert_eq!(string_at(&mut vm, -1), msg);
        vm.pop(1);
    }
    // the first line of a source used as its name
    assert_eq!(
        vm.load(b"local a = 1\nreturn +", "local a = 1\nreturn +", "t"),
        Status::ErrSyntax
    );
    assert_eq!(
        string_at(&mut vm, -1),
        "[string \"local a = 1...\"]:2: unexpected symbol near '+'"
    );
    vm.pop(1);
    // modes
    assert_eq!(vm.load(b"return 1", "=x", "b"), Status::ErrSyntax);
    assert_eq!(
        string_at(&mut vm, -1),
        "attempt to load a text chunk (mode is 'b')"
    );
    vm.pop(1);
    assert_eq!(vm.load(b"\x1bLua", "=x", "t"), Status::ErrSyntax);
    assert_eq!(
        string_at(&mut vm, -1),
        "attempt to load a binary chunk (mode is 't')"
    );
    vm.pop(1);
    assert_eq!(vm.load(b"return 1", "=x", "t"), Status::Ok);
    assert!(vm.is_function(-1));
    vm.call(0, 1).unwrap();
    assert_eq!(vm.to_integer(-1), Some(1));
    // the chunk name is the source in debug information
    vm.set_top(0);
    assert_eq!(vm.load(b"return 1", "@some/file.lua", "t"), Status::Ok);
    let f = vm.value_at(-1);
    let info = vm.get_info_value(&f, "S");
    assert_eq!(info.source, b"@some/file.lua");
    assert_eq!(info.short_src, b"some/file.lua");
    assert_eq!(info.what, "main");
}

#[test]
fn loaded_chunks_share_the_global_table() {
    let mut vm = vm_with_base();
    assert_eq!(run(&mut vm, "shared = 10"), (Status::Ok, "nil".into()));
    assert_eq!(run(&mut vm, "return shared * 2"), (Status::Ok, "20".into()));
    vm.get_global("shared").unwrap();
    assert_eq!(vm.to_integer(-1), Some(10));
    vm.pop(1);
    // do_string propagates errors with their status
    let e = vm.do_string("error('from do_string')").unwrap_err();
    assert_eq!(e.status, Status::ErrRun);
    let e = vm.do_string("x = = 1").unwrap_err();
    assert_eq!(e.status, Status::ErrSyntax);
}

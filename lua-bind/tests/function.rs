//! `#[lua_function]` wrappers and Rust closures called from Lua: argument checks with the reference's
//! messages, optional and variadic arguments, the `&Lua` context, several results, `Result` returns,
//! panics turned into Lua errors; and Lua functions called from the host.

use lua_bind::prelude::*;

#[lua_function]
fn add(a: i64, b: i64) -> i64 {
    a + b
}

#[lua_function(name = "greet")]
fn greeting(name: String, punctuation: Option<String>) -> String {
    format!("hello, {name}{}", punctuation.unwrap_or_else(|| ".".into()))
}

#[lua_function]
fn sum_all(first: f64, rest: Variadic<f64>) -> f64 {
    first + rest.iter().sum::<f64>()
}

#[lua_function]
fn divmod(a: i64, b: i64) -> Result<(i64, i64), String> {
    if b == 0 {
        return Err("division by zero".to_string());
    }
    Ok((a.div_euclid(b), a.rem_euclid(b)))
}

#[lua_function]
fn nothing() {}

#[lua_function]
fn boom(msg: String) -> i64 {
    panic!("{msg}");
}

#[lua_function]
fn count_globals(lua: &Lua, prefix: String) -> Result<usize, Error> {
    let mut n = 0;
    for pair in lua.globals().pairs::<Value, Value>() {
        let (k, _) = pair?;
        if k.as_str().is_some_and(|s| s.starts_with(&prefix)) {
            n += 1;
        }
    }
    Ok(n)
}

#[lua_function]
fn call_twice(lua: &Lua, f: Function) -> Result<i64, Error> {
    let a: i64 = f.call(1)?;
    let b: i64 = f.call(a)?;
    let _ = lua;
    Ok(b)
}

fn lua() -> Lua {
    let lua = Lua::new();
    for f in [
        add::FN,
        greeting::FN,
        sum_all::FN,
        divmod::FN,
        nothing::FN,
        boom::FN,
    ] {
        lua.register(f.name(), f).unwrap();
    }
    lua.register("count_globals", count_globals::FN).unwrap();
    lua.register("call_twice", call_twice::FN).unwrap();
    lua
}

/// The message of the error a Lua snippet raises, caught by Lua's own `pcall`.
fn pcall_msg(lua: &Lua, src: &str) -> String {
    let (ok, msg): (bool, String) = lua
        .load(format!("return pcall(function() {src} end)"))
        .set_name("test")
        .eval()
        .unwrap();
    assert!(!ok, "{src} should fail");
    msg
}

#[test]
fn the_function_stays_callable_from_rust() {
    assert_eq!(add(2, 3), 5);
    assert_eq!(greeting("x".into(), None), "hello, x.");
}

#[test]
fn arguments_are_checked_with_the_reference_messages() {
    let lua = lua();
    assert_eq!(lua.load("add(40, 2)").eval::<i64>().unwrap(), 42);
    assert_eq!(
        pcall_msg(&lua, "add(1, 'x')"),
        "test:1: bad argument #2 to 'add' (number expected, got string)"
    );
    assert_eq!(
        pcall_msg(&lua, "add(1)"),
        "test:1: bad argument #2 to 'add' (number expected, got no value)"
    );
    assert_eq!(
        pcall_msg(&lua, "add(1.5, 2)"),
        "test:1: bad argument #1 to 'add' (number has no integer representation)"
    );
    assert_eq!(
        pcall_msg(&lua, "add({}, 2)"),
        "test:1: bad argument #1 to 'add' (number expected, got table)"
    );
    // Called through a local name: the message still names the function as bound.
    assert_eq!(
        pcall_msg(&lua, "local f = add; f(1, nil)"),
        "test:1: bad argument #2 to 'add' (number expected, got nil)"
    );
}

#[lua_function]
fn scaled(t: Table, by: i64) -> Result<i64, Error> {
    Ok(t.get::<_, i64>("n")? * by)
}

#[test]
fn method_calls_do_not_count_self() {
    let lua = lua();
    lua.register("scaled", scaled::FN).unwrap();
    assert_eq!(
        lua.load("local o = {n = 4, scaled = scaled}; return o:scaled(3)")
            .eval::<i64>()
            .unwrap(),
        12
    );
    assert_eq!(
        pcall_msg(&lua, "local o = {n = 4, scaled = scaled}; o:scaled('x')"),
        "test:1: bad argument #1 to 'scaled' (number expected, got string)"
    );
    assert_eq!(
        pcall_msg(&lua, "local t = {add = add}; t:add(1)"),
        "test:1: calling 'add' on bad self (number expected, got table)"
    );
    assert_eq!(
        pcall_msg(&lua, "local t = {add = add}; t.add(t, 1)"),
        "test:1: bad argument #1 to 'add' (number expected, got table)"
    );
    let lua2 = lua;
    assert_eq!(
        pcall_msg(
            &lua2,
            "local s = setmetatable({}, {__index = {add = add}}); s:add(1)"
        ),
        "test:1: calling 'add' on bad self (number expected, got table)"
    );
}

#[test]
fn the_name_attribute_sets_the_name_in_messages() {
    let lua = lua();
    assert_eq!(
        lua.load("greet('bob', '!')").eval::<String>().unwrap(),
        "hello, bob!"
    );
    assert_eq!(
        lua.load("greet('bob')").eval::<String>().unwrap(),
        "hello, bob."
    );
    assert_eq!(
        lua.load("greet('bob', nil)").eval::<String>().unwrap(),
        "hello, bob."
    );
    assert_eq!(
        pcall_msg(&lua, "greet()"),
        "test:1: bad argument #1 to 'greet' (string expected, got no value)"
    );
    assert_eq!(
        pcall_msg(&lua, "greet('a', {})"),
        "test:1: bad argument #2 to 'greet' (string expected, got table)"
    );
}

#[test]
fn variadic_takes_the_rest() {
    let lua = lua();
    assert_eq!(lua.load("sum_all(1)").eval::<f64>().unwrap(), 1.0);
    assert_eq!(lua.load("sum_all(1, 2, 3.5)").eval::<f64>().unwrap(), 6.5);
    assert_eq!(
        pcall_msg(&lua, "sum_all(1, 2, 'x')"),
        "test:1: bad argument #3 to 'sum_all' (number expected, got string)"
    );
}

#[test]
fn several_results_and_result_errors() {
    let lua = lua();
    let (q, r): (i64, i64) = lua.load("divmod(17, 5)").eval().unwrap();
    assert_eq!((q, r), (3, 2));
    assert_eq!(pcall_msg(&lua, "divmod(1, 0)"), "test:1: division by zero");
    let n: i64 = lua.load("select('#', nothing())").eval().unwrap();
    assert_eq!(n, 0);
}

#[test]
fn a_panic_becomes_a_lua_error_and_the_vm_stays_usable() {
    let lua = lua();
    assert_eq!(
        pcall_msg(&lua, "boom('oh no')"),
        "test:1: panic in 'boom': oh no"
    );
    // Uncaught, it reaches the host as a runtime error with a traceback.
    let e = lua
        .load("boom('again')")
        .set_name("host")
        .exec()
        .unwrap_err();
    assert_eq!(e.lua_message(), "host:1: panic in 'boom': again");
    assert!(
        e.traceback().contains("[C]: in function 'boom'"),
        "{}",
        e.traceback()
    );
    assert_eq!(lua.load("add(1, 1)").eval::<i64>().unwrap(), 2);
}

#[test]
fn the_lua_context_parameter() {
    let lua = lua();
    lua.load("abc1, abc2 = 1, 2").exec().unwrap();
    assert_eq!(lua.load("count_globals('abc')").eval::<usize>().unwrap(), 2);
    assert_eq!(
        lua.load("call_twice(function(x) return x * 10 end)")
            .eval::<i64>()
            .unwrap(),
        100
    );
    // An error inside the callback's call to Lua propagates with its message unchanged.
    assert_eq!(
        pcall_msg(&lua, "call_twice(function(x) error('inner', 0) end)"),
        "inner"
    );
    assert_eq!(
        pcall_msg(&lua, "call_twice(function(x) error('at level 1') end)"),
        "test:1: at level 1"
    );
}

#[test]
fn closures_as_lua_functions() {
    let lua = lua();
    let counter = std::rc::Rc::new(std::cell::Cell::new(0));
    let c = counter.clone();
    let f = lua
        .create_function(move |_, (a, b): (i64, Option<i64>)| {
            c.set(c.get() + 1);
            a * b.unwrap_or(1)
        })
        .unwrap();
    lua.set_global("mul", f).unwrap();
    assert_eq!(lua.load("mul(6, 7)").eval::<i64>().unwrap(), 42);
    assert_eq!(lua.load("mul(6)").eval::<i64>().unwrap(), 6);
    assert_eq!(counter.get(), 2);
    // Unnamed closures are named as the reference names C functions: by how they were called.
    assert_eq!(
        pcall_msg(&lua, "mul('a')"),
        "test:1: bad argument #1 to 'mul' (number expected, got string)"
    );
    assert_eq!(
        pcall_msg(&lua, "local m = mul; m(1, 2.5)"),
        "test:1: bad argument #2 to 'm' (number has no integer representation)"
    );
    let named = lua
        .create_named_function("scale", |_, x: f64| x * 2.0)
        .unwrap();
    lua.set_global("s", named).unwrap();
    assert_eq!(
        pcall_msg(&lua, "s(true)"),
        "test:1: bad argument #1 to 'scale' (number expected, got boolean)"
    );
    let p = lua
        .create_named_function("explode", |_, ()| -> i64 { panic!("kaput") })
        .unwrap();
    lua.set_global("explode", p).unwrap();
    assert_eq!(
        pcall_msg(&lua, "explode()"),
        "test:1: panic in 'explode': kaput"
    );
}

#[test]
fn lua_functions_called_from_the_host() {
    let lua = lua();
    let f: Function = lua
        .load("function(a, b) return a .. b, #a end")
        .eval()
        .unwrap();
    let (s, n): (String, i64) = f.call(("ab", "cd")).unwrap();
    assert_eq!((s.as_str(), n), ("abcd", 2));
    let e = f
        .call::<String>((1, lua.create_table().unwrap()))
        .unwrap_err();
    assert!(e.lua_message().contains("attempt to concatenate"), "{e}");
    assert_eq!(lua.call_global::<i64>("add", (1, 2)).unwrap(), 3);
    let e = lua.call_global::<i64>("add", (1, "z")).unwrap_err();
    assert_eq!(
        e.lua_message(),
        "bad argument #2 to 'add' (number expected, got string)"
    );
    let e = lua.call_global::<()>("no_such_function", ()).unwrap_err();
    assert_eq!(e.lua_message(), "attempt to call a nil value");
}

fn raw_panics(_: &mut lua_bind::State) -> lua_bind::LuaResult<usize> {
    panic!("raw native failed")
}

#[test]
fn a_panic_in_an_unguarded_native_is_caught_at_the_host_entry() {
    let lua = lua();
    lua.register("raw", LuaFn::new("raw", raw_panics)).unwrap();
    let e = lua
        .load("local function f() raw() end f()")
        .exec()
        .unwrap_err();
    assert_eq!(e.lua_message(), "panic: raw native failed");
    // The frames the panic crossed are gone: the VM runs normally.
    assert_eq!(lua.load("add(2, 2)").eval::<i64>().unwrap(), 4);
    let e = lua.load("error('x')").set_name("n").exec().unwrap_err();
    assert_eq!(
        e.traceback(),
        "stack traceback:\n\t[C]: in function 'error'\n\tn:1: in main chunk\n\t[C]: in ?"
    );
}

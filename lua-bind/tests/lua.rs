//! The `Lua` entry points: loading and running chunks (names, environments, eval, functions, files),
//! globals, registration, libraries, modules (`require`, `reload`), and the protected entry: errors
//! of every kind come back as `Error` values with message and traceback, and the VM stays usable.

use lua_bind::prelude::*;

#[lua_function]
fn twice(x: i64) -> i64 {
    x * 2
}

#[lua_function]
fn shout(s: String) -> String {
    s.to_uppercase()
}

#[test]
fn exec_eval_and_chunk_names() {
    let lua = Lua::new();
    lua.load("x = 1 + 2").exec().unwrap();
    assert_eq!(lua.get_global::<i64>("x").unwrap(), 3);
    assert_eq!(lua.load("x * 2").eval::<i64>().unwrap(), 6, "an expression");
    assert_eq!(
        lua.load("local y = x return y + 1").eval::<i64>().unwrap(),
        4,
        "statements"
    );
    let e = lua.load("error('here')").exec().unwrap_err();
    assert_eq!(e.lua_message(), "[string \"error('here')\"]:1: here");
    let e = lua
        .load("\n\nerror('there')")
        .set_name("chunky")
        .exec()
        .unwrap_err();
    assert_eq!(e.lua_message(), "chunky:3: there");
    let e = lua
        .load("error('file')")
        .set_name("@dir/file.lua")
        .exec()
        .unwrap_err();
    assert_eq!(e.lua_message(), "dir/file.lua:1: file");
}

#[test]
fn syntax_errors() {
    let lua = Lua::new();
    let e = lua.load("x = = 1").set_name("bad").exec().unwrap_err();
    assert_eq!(
        e,
        Error::Syntax {
            message: "bad:1: unexpected symbol near '='".into()
        }
    );
    let e = lua.load("for").set_name("bad").eval::<()>().unwrap_err();
    assert_eq!(e.to_string(), "bad:1: <name> expected near <eof>");
}

#[test]
fn runtime_errors_carry_the_traceback() {
    let lua = Lua::new();
    let src = "local function inner()\n  local t = nil\n  return t.x\nend\nfunction outer() return inner() + 1 end\nouter()";
    let e = lua.load(src).set_name("@deep.lua").exec().unwrap_err();
    let Error::Runtime { message, traceback } = &e else {
        panic!("{e:?}")
    };
    // The same text lua5.4 prints for this file (after its "lua5.4: " prefix).
    assert_eq!(
        message,
        "deep.lua:3: attempt to index a nil value (local 't')"
    );
    assert_eq!(
        traceback,
        "stack traceback:\n\tdeep.lua:3: in upvalue 'inner'\n\tdeep.lua:5: in function 'outer'\n\tdeep.lua:6: in main chunk\n\t[C]: in ?"
    );
    assert_eq!(e.to_string(), format!("{message}\n{traceback}"));
}

#[test]
fn non_string_error_objects() {
    let lua = Lua::new();
    let e = lua.load("error({code = 1})").exec().unwrap_err();
    assert_eq!(e.lua_message(), "(error object is a table value)");
    let e = lua
        .load("error(setmetatable({}, {__tostring = function() return 'custom' end}))")
        .exec()
        .unwrap_err();
    assert_eq!(e.lua_message(), "custom");
    let e = lua.load("error()").exec().unwrap_err();
    assert_eq!(e.lua_message(), "(error object is a nil value)");
    let e = lua.load("error(42)").exec().unwrap_err();
    assert_eq!(e.lua_message(), "42");
}

#[test]
fn errors_in_the_error_handler_path() {
    let lua = Lua::new();
    // A __tostring that fails: the handler's own error is handled again until it gives up.
    let e = lua
        .load("error(setmetatable({}, {__tostring = function() error('no') end}))")
        .exec()
        .unwrap_err();
    assert!(
        matches!(e, Error::ErrorHandler { .. } | Error::Runtime { .. }),
        "{e:?}"
    );
    assert_eq!(lua.load("1 + 1").eval::<i64>().unwrap(), 2);
}

#[test]
fn stack_overflow_is_an_error_not_a_crash() {
    let lua = Lua::new();
    let e = lua
        .load("local function f() return 1 + f() end f()")
        .exec()
        .unwrap_err();
    assert!(e.lua_message().contains("stack overflow"), "{e}");
    assert_eq!(lua.load("2 + 2").eval::<i64>().unwrap(), 4);
}

#[test]
fn environments() {
    let lua = Lua::new();
    let env = lua.create_table().unwrap();
    env.set("y", 5).unwrap();
    lua.load("z = y * 2")
        .set_environment(env.clone())
        .exec()
        .unwrap();
    assert_eq!(env.get::<_, i64>("z").unwrap(), 10);
    assert_eq!(
        lua.get_global::<Option<i64>>("z").unwrap(),
        None,
        "globals untouched"
    );
}

#[test]
fn into_function_loads_without_running() {
    let lua = Lua::new();
    let f = lua
        .load("counter = (counter or 0) + 1 return counter")
        .into_function()
        .unwrap();
    assert_eq!(lua.get_global::<Option<i64>>("counter").unwrap(), None);
    assert_eq!(f.call::<i64>(()).unwrap(), 1);
    assert_eq!(f.call::<i64>(()).unwrap(), 2);
}

#[test]
fn exec_file_names_the_file() {
    let dir = std::env::temp_dir().join(format!("lua-bind-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("prog.lua");
    std::fs::write(&path, "#!/usr/bin/lua\nresult = 7\nerror('line three')\n").unwrap();
    let lua = Lua::new();
    let e = lua.exec_file(&path).unwrap_err();
    assert_eq!(e.lua_message(), format!("{}:3: line three", path.display()));
    assert_eq!(lua.get_global::<i64>("result").unwrap(), 7);
    let e = lua.exec_file(dir.join("missing.lua")).unwrap_err();
    assert_eq!(
        e.to_string(),
        format!(
            "cannot open {}: No such file or directory",
            dir.join("missing.lua").display()
        )
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn globals_and_metamethods_on_them_run_protected() {
    let lua = Lua::new();
    lua.set_global("name", "lua").unwrap();
    assert_eq!(lua.get_global::<String>("name").unwrap(), "lua");
    assert_eq!(lua.globals().get::<_, String>("name").unwrap(), "lua");
    lua.load("setmetatable(_G, {__newindex = function(t, k) error('no new global ' .. k, 2) end, __index = function(t, k) error('undefined ' .. k) end})").exec().unwrap();
    let e = lua.set_global("fresh", 1).unwrap_err();
    assert!(e.lua_message().contains("no new global fresh"), "{e}");
    let e = lua.get_global::<i64>("nope").unwrap_err();
    assert!(e.lua_message().contains("undefined nope"), "{e}");
    assert_eq!(lua.get_global::<String>("name").unwrap(), "lua");
}

#[test]
fn register_one_function_and_a_library() {
    let lua = Lua::new();
    lua.register("twice", twice::FN).unwrap();
    assert_eq!(lua.load("twice(21)").eval::<i64>().unwrap(), 42);
    let lib = lua.register_lib("util", &[twice::FN, shout::FN]).unwrap();
    assert_eq!(
        lua.load("util.shout('hi') .. util.twice(2)")
            .eval::<String>()
            .unwrap(),
        "HI4"
    );
    assert_eq!(
        lib.get::<_, Function>("twice")
            .unwrap()
            .call::<i64>(5)
            .unwrap(),
        10
    );
}

#[test]
fn choosing_libraries() {
    let lua = Lua::with_libs(&["_G"]).unwrap();
    assert_eq!(
        lua.load("type(print)").eval::<String>().unwrap(),
        "function"
    );
    let bare = Lua::empty();
    assert!(bare
        .load("print")
        .eval::<Option<Function>>()
        .unwrap()
        .is_none());
    let e = Lua::with_libs(&["nonsense"]).err().unwrap();
    assert_eq!(e.to_string(), "unknown library 'nonsense'");
}

#[test]
fn require_and_reload() {
    let dir = std::env::temp_dir().join(format!("lua-bind-req-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("pkg")).unwrap();
    std::fs::write(
        dir.join("mod_a.lua"),
        "loads = (loads or 0) + 1\nreturn { v = 1, name = ... }",
    )
    .unwrap();
    std::fs::write(dir.join("pkg/inner.lua"), "return 'inner'").unwrap();
    let lua = Lua::new();
    lua.set_script_path(&dir).unwrap();
    let m: Table = lua.require("mod_a").unwrap();
    assert_eq!(m.get::<_, i64>("v").unwrap(), 1);
    assert_eq!(m.get::<_, String>("name").unwrap(), "mod_a");
    let again: Table = lua.require("mod_a").unwrap();
    assert!(
        again.ptr_eq(&m),
        "a second require returns the loaded module"
    );
    assert_eq!(lua.get_global::<i64>("loads").unwrap(), 1);
    assert_eq!(lua.require::<String>("pkg.inner").unwrap(), "inner");
    std::fs::write(dir.join("mod_a.lua"), "loads = loads + 1\nreturn { v = 2 }").unwrap();
    let m2: Table = lua.reload("mod_a").unwrap();
    assert_eq!(m2.get::<_, i64>("v").unwrap(), 2);
    assert_eq!(
        lua.get_global::<i64>("loads").unwrap(),
        2,
        "same VM, state kept"
    );
    let e = lua.require::<Value>("missing_mod").unwrap_err();
    assert!(
        e.lua_message()
            .starts_with("module 'missing_mod' not found:"),
        "{e}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_script_cannot_abort_the_host() {
    let lua = Lua::new();
    for src in [
        "error('x')",
        "local t = setmetatable({}, {__index = function() error('deep') end}) return t.k",
        "return 1 < {}",
        "string_missing.x = 1",
        "coroutine_missing()",
        "local s = '' for i = 1, 10 do s = s .. s end error(s)",
    ] {
        assert!(lua.load(src).exec().is_err(), "{src}");
    }
    assert_eq!(
        lua.load("'still here'").eval::<String>().unwrap(),
        "still here"
    );
}

#[test]
fn a_memory_error_comes_back_and_the_vm_recovers() {
    let lua = Lua::new();
    lua.set_memory_limit(Some(8 << 20));
    let e = lua
        .load("local t = {} for i = 1, 1e9 do t[i] = {i} end")
        .exec()
        .unwrap_err();
    assert_eq!(
        e,
        Error::Memory {
            message: "not enough memory".into()
        }
    );
    lua.set_memory_limit(None);
    lua.gc_collect().unwrap();
    assert_eq!(lua.load("#'still fine'").eval::<i64>().unwrap(), 10);
}

#[test]
fn require_without_the_package_library() {
    let dir = std::env::temp_dir().join(format!("lua-bind-nopkg-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("m.lua"),
        "count = (count or 0) + 1 return {name = ..., n = count}",
    )
    .unwrap();
    let lua = Lua::with_libs(&["_G"]).unwrap();
    assert!(lua
        .get_global::<Option<Table>>("package")
        .unwrap()
        .is_none());
    lua.set_script_path(&dir).unwrap();
    let m: Table = lua.require("m").unwrap();
    assert_eq!(m.get::<_, String>("name").unwrap(), "m");
    let again: Table = lua.require("m").unwrap();
    assert!(again.ptr_eq(&m));
    let m2: Table = lua.reload("m").unwrap();
    assert_eq!(m2.get::<_, i64>("n").unwrap(), 2);
    let e = lua.require::<Value>("absent").unwrap_err();
    assert_eq!(
        e.lua_message(),
        format!(
            "module 'absent' not found:\n\tno file '{}'",
            dir.join("absent.lua").display()
        )
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_lua_error_turned_into_a_host_error_still_unwinds() {
    let lua = Lua::new();
    lua.load("function fail() local t <close> = setmetatable({}, {__close = function() closed = true end}) error('inside') end").exec().unwrap();
    // The raw call fails with frames on the stack; `?` turns the LuaError into an Error.
    let e = lua
        .with_state(|st| {
            st.get_global("fail")?;
            st.call(0, 0)?;
            Ok(())
        })
        .unwrap_err();
    assert!(e.lua_message().ends_with("inside"), "{e}");
    assert!(
        lua.get_global::<bool>("closed").unwrap(),
        "pending __close ran"
    );
    // Swallowing the error leaves frames behind: caught at the end of the entry.
    let e = lua
        .with_state(|st| {
            st.get_global("fail")?;
            let _ = st.call(0, 0);
            Ok(())
        })
        .unwrap_err();
    assert_eq!(
        e.lua_message(),
        "host function returned with frames left on the call stack"
    );
    for _ in 0..3 {
        assert_eq!(
            lua.load("debug_depth_check = 1 return 1 + 1")
                .eval::<i64>()
                .unwrap(),
            2
        );
    }
    let e = lua.load("error('after')").set_name("x").exec().unwrap_err();
    assert_eq!(
        e.traceback(),
        "stack traceback:\n\t[C]: in function 'error'\n\tx:1: in main chunk\n\t[C]: in ?"
    );
}

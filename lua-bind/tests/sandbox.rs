//! The sandbox (`Lua::sandboxed`, `LuaBuilder`): exactly the safe libraries are there, every
//! forbidden function is absent or refuses (io, os.execute, string.dump, dofile, binary chunks,
//! modules from disk), the allowed ones work, and a chunk with an environment of its own sees only
//! what the host put in it.

use lua_bind::prelude::*;

#[lua_function]
fn twice(x: i64) -> i64 {
    x * 2
}

/// The sorted keys of a table the chunk returns.
fn keys(lua: &Lua, expr: &str) -> Vec<String> {
    let t: Table = lua.load(expr).eval().unwrap();
    let mut k: Vec<String> = t.pairs::<String, Value>().map(|p| p.unwrap().0).collect();
    k.sort();
    k
}

#[test]
fn exactly_the_safe_libraries_are_there() {
    let lua = Lua::sandboxed();
    assert!(lua.is_sandboxed());
    assert!(!Lua::new().is_sandboxed());
    assert_eq!(
        keys(&lua, "_G"),
        [
            "_G",
            "_VERSION",
            "assert",
            "collectgarbage",
            "coroutine",
            "error",
            "getmetatable",
            "ipairs",
            "load",
            "math",
            "next",
            "os",
            "package",
            "pairs",
            "pcall",
            "print",
            "rawequal",
            "rawget",
            "rawlen",
            "rawset",
            "require",
            "select",
            "setmetatable",
            "string",
            "table",
            "tonumber",
            "tostring",
            "type",
            "utf8",
            "warn",
            "xpcall",
        ]
    );
    assert_eq!(keys(&lua, "os"), ["clock", "date", "difftime", "time"]);
    assert_eq!(
        keys(&lua, "string"),
        [
            "byte", "char", "find", "format", "gmatch", "gsub", "len", "lower", "match", "pack",
            "packsize", "rep", "reverse", "sub", "unpack", "upper"
        ]
    );
    assert_eq!(
        keys(&lua, "package"),
        ["config", "loaded", "preload", "searchers"]
    );
    assert_eq!(lua.load("#package.searchers").eval::<i64>().unwrap(), 1);
    // The loaded table holds the same (pruned) libraries and nothing else.
    assert_eq!(
        keys(&lua, "package.loaded"),
        [
            "_G",
            "coroutine",
            "math",
            "os",
            "package",
            "string",
            "table",
            "utf8"
        ]
    );
    assert!(lua
        .load("package.loaded.os == os and package.loaded.string == string and ('').dump == nil")
        .eval::<bool>()
        .unwrap());
}

#[test]
fn forbidden_functions_are_absent() {
    let lua = Lua::sandboxed();
    for name in [
        "io",
        "debug",
        "dofile",
        "loadfile",
        "string.dump",
        "os.execute",
        "os.exit",
        "os.getenv",
        "os.remove",
        "os.rename",
        "os.setlocale",
        "os.tmpname",
        "package.loadlib",
        "package.searchpath",
        "package.path",
        "package.cpath",
        "package.loaded.io",
        "package.loaded.debug",
    ] {
        let nil: bool = lua.load(format!("{name} == nil")).eval().unwrap();
        assert!(nil, "{name} is there");
    }
    let e = lua.load("os.execute('true')").exec().unwrap_err();
    assert!(
        e.lua_message()
            .ends_with("attempt to call a nil value (field 'execute')"),
        "{e}"
    );
    let e = lua.load("io.open('/etc/passwd')").exec().unwrap_err();
    assert!(
        e.lua_message()
            .ends_with("attempt to index a nil value (global 'io')"),
        "{e}"
    );
}

#[test]
fn binary_chunks_are_refused() {
    let dump: Bytes = Lua::new()
        .load("string.dump(function() return 42 end)")
        .eval()
        .unwrap();
    let lua = Lua::sandboxed();
    lua.set_global("chunk", dump.clone()).unwrap();
    let r: (Value, String) = lua.load("return load(chunk)").eval().unwrap();
    assert!(r.0.is_nil());
    assert_eq!(r.1, "attempt to load a binary chunk (mode is 't')");
    // Asking for binary mode does not help.
    for mode in ["'b'", "'bt'", "nil"] {
        let r: (Value, String) = lua
            .load(format!("return load(chunk, 'x', {mode})"))
            .eval()
            .unwrap();
        assert_eq!(
            r.1, "attempt to load a binary chunk (mode is 't')",
            "{mode}"
        );
    }
    // Through a reader function too.
    let r: (Value, String) = lua
        .load(
            "local done return load(function() if not done then done = true return chunk end end)",
        )
        .eval()
        .unwrap();
    assert_eq!(r.1, "attempt to load a binary chunk (mode is 't')");
    // And the host's own loading in a sandboxed VM.
    let e = lua.load(dump.0.clone()).exec().unwrap_err();
    assert!(
        e.lua_message()
            .ends_with("attempt to load a binary chunk (mode is 't')"),
        "{e}"
    );
    // A full VM still loads them.
    let full = Lua::new();
    assert_eq!(full.load(dump.0).call_check(), 42);
}

trait CallCheck {
    fn call_check(self) -> i64;
}

impl CallCheck for lua_bind::Chunk<'_> {
    fn call_check(self) -> i64 {
        self.into_function().unwrap().call(()).unwrap()
    }
}

#[test]
fn text_load_keeps_working() {
    let lua = Lua::sandboxed();
    let n: i64 = lua
        .load("return load('return 1 + ...')(41)")
        .eval()
        .unwrap();
    assert_eq!(n, 42);
    // With an environment, a name, and the reference's errors.
    let r: (i64, String) = lua
        .load(
            "local f = load('return x', 'chunk', 't', {x = 5})
             local g, e = load('return +', '=bad')
             return f(), e",
        )
        .eval()
        .unwrap();
    assert_eq!(r, (5, "bad:1: unexpected symbol near '+'".to_string()));
    let e = lua.load("load()").exec().unwrap_err();
    assert!(
        e.lua_message()
            .ends_with("bad argument #1 to 'load' (function expected, got no value)"),
        "{e}"
    );
}

#[test]
fn require_sees_only_what_the_host_registered() {
    let dir = std::env::temp_dir().join(format!("lua-bind-sandbox-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("secret.lua"), "return 'read from disk'").unwrap();
    let lua = Lua::sandboxed();
    // A script that points the path at the directory still finds nothing there.
    lua.set_global("dir", dir.to_string_lossy().as_ref())
        .unwrap();
    let e = lua
        .load("package.path = dir .. '/?.lua' return require('secret')")
        .exec()
        .unwrap_err();
    assert!(
        e.lua_message()
            .ends_with("module 'secret' not found:\n\tno field package.preload['secret']"),
        "{e}"
    );
    // Nor does the host's script path open the disk to `require`.
    lua.set_script_path(&dir).unwrap();
    assert!(lua.require::<String>("secret").is_err());
    // Modules the host registered are found.
    lua.register_lib("tools", &[twice::FN]).unwrap();
    assert_eq!(
        lua.load("require('tools').twice(21)")
            .eval::<i64>()
            .unwrap(),
        42
    );
    let preload: Table = lua.load("package.preload").eval().unwrap();
    let loader = lua
        .create_function(|lua, name: String| lua.create_sequence([name]))
        .unwrap();
    preload.set("named", loader).unwrap();
    assert_eq!(
        lua.load("require('named')[1]").eval::<String>().unwrap(),
        "named"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_allowed_functions_work() {
    let lua = Lua::sandboxed();
    let r: String = lua
        .load(
            r##"
            local t = {5, 3, 8, 1}
            table.sort(t)
            local parts = {}
            for _, v in ipairs(t) do parts[#parts + 1] = string.format("%02d", v) end
            local gen = coroutine.wrap(function() for i = 1, 3 do coroutine.yield(i) end end)
            local sum = gen() + gen() + gen()
            local ok, err = pcall(error, {code = 7})
            return table.concat(parts, ",") .. " " .. sum .. " " .. math.floor(3.7) .. " "
                .. utf8.char(72, 233) .. " " .. select("#", 1, 2, 3) .. " " .. err.code .. " "
                .. tostring(type(os.time()) == "number" and os.clock() >= 0)
                .. " " .. os.date("!%Y-%m-%d", 86400) .. " " .. os.difftime(10, 4)
                .. " " .. ("abc"):upper():rep(2, "-") .. " " .. string.unpack("i4", string.pack("i4", 99))
        "##,
        )
        .eval()
        .unwrap();
    assert_eq!(
        r,
        "01,03,05,08 6 3 H\u{e9} 3 7 true 1970-01-02 6.0 ABC-ABC 99"
    );
    assert_eq!(lua.load("_VERSION").eval::<String>().unwrap(), "Lua 5.4");
}

#[test]
fn an_environment_limits_what_a_chunk_sees() {
    let lua = Lua::sandboxed();
    let env = lua.create_table().unwrap();
    env.set("x", 20).unwrap();
    env.set("twice", twice::FN).unwrap();
    let r: (i64, bool) = lua
        .load(
            "local seen = _G == nil and string == nil and os == nil and load == nil
                 and require == nil and print == nil and getmetatable == nil and io == nil
             return twice(x) + 2, seen",
        )
        .set_environment(env.clone())
        .eval()
        .unwrap();
    assert_eq!(r, (42, true));
    // Globals the chunk sets stay in its environment.
    lua.load("y = 1 function f() return y end")
        .set_environment(env.clone())
        .exec()
        .unwrap();
    assert_eq!(env.get::<_, i64>("y").unwrap(), 1);
    assert!(lua.globals().get::<_, Value>("y").unwrap().is_nil());
    assert!(lua.globals().get::<_, Value>("f").unwrap().is_nil());
    // `_ENV` is that table, and string methods (reachable through any string) are the safe ones.
    let r: (bool, bool) = lua
        .load("return _ENV == env_self, (''):rep(0) == '' and ('').dump == nil")
        .set_environment({
            env.set("env_self", env.clone()).unwrap();
            env.clone()
        })
        .eval()
        .unwrap();
    assert_eq!(r, (true, true));
    // Another chunk with another environment does not see the first one's globals.
    let other = lua.create_table().unwrap();
    let r: bool = lua
        .load("return y == nil and f == nil and x == nil")
        .set_environment(other)
        .eval()
        .unwrap();
    assert!(r);
    // Functions defined in the environment keep it when called from the host.
    let f: Function = env.get("f").unwrap();
    assert_eq!(f.call::<i64>(()).unwrap(), 1);
}

#[test]
fn the_builder_sets_the_limits() {
    let lua = LuaBuilder::new()
        .sandbox(true)
        .memory_limit(8 << 20)
        .instruction_limit(1_000_000)
        .build()
        .unwrap();
    assert_eq!(lua.memory_limit(), Some(8 << 20));
    assert_eq!(lua.instruction_limit(), Some(1_000_000));
    assert!(lua.memory_used() < 1 << 20);
    let e = lua.load("while true do end").exec().unwrap_err();
    assert!(e.lua_message().ends_with(lua_bind::BUDGET_EXHAUSTED), "{e}");
    lua.set_instruction_limit(None);
    let e = lua
        .load("local t = {} while true do t[#t + 1] = {} end")
        .exec()
        .unwrap_err();
    assert!(matches!(e, Error::Memory { .. }), "{e:?}");
    assert_eq!(lua.load("1 + 1").eval::<i64>().unwrap(), 2);
    // Without the sandbox the builder opens every library.
    let full = LuaBuilder::new().build().unwrap();
    assert!(full
        .load("io ~= nil and debug ~= nil")
        .eval::<bool>()
        .unwrap());
    assert_eq!(full.memory_limit(), None);
}

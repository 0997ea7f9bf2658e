//! The package library against outputs recorded from lua5.4: each case runs a chunk (with `TMP`
//! naming a scratch file prefix, shown as "$TMP" in messages) and compares its results, converted
//! with `tostring` and joined by tabs (or "ERR: message"), with what the reference printed.

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

/// Removes the scratch files (and directories) whose names start with the prefix.
fn cleanup(prefix: &std::path::Path) {
    let (Some(dir), Some(name)) = (prefix.parent(), prefix.file_name()) else {
        return;
    };
    let name = name.to_string_lossy().into_owned();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        if e.file_name().to_string_lossy().starts_with(&name) {
            let p = e.path();
            let _ = std::fs::remove_dir_all(&p).or_else(|_| std::fs::remove_file(&p));
        }
    }
}

fn check(code: &str, expected: &str) {
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let tmp = std::env::temp_dir().join(format!("lua_vm_pkg_test_{}_{n}", std::process::id()));
    let tmps = tmp.to_string_lossy().into_owned();
    let _ = std::fs::create_dir_all(format!("{tmps}_a"));
    let got = run(code, &tmps).replace(&tmps, "$TMP");
    cleanup(&tmp);
    assert_eq!(got, expected, "for chunk:\n{code}");
}

// Native libraries cannot be loaded: these follow the reference built without dynamic library
// support (`LIB_FAIL` "absent", `DLMSG`), not Debian's dlopen-enabled lua5.4.

#[test]
fn loadlib_is_absent() {
    check(
        "return package.loadlib('x.so', 'luaopen_x')",
        "nil\tdynamic libraries not enabled; check your Lua installation\tabsent",
    );
}

#[test]
fn c_searcher_found_file_cannot_load() {
    check(
        "local f = io.open(TMP .. '_lib.so', 'w') f:close() package.path = '' package.cpath = TMP .. '_?.so'
         local ok, msg = pcall(require, 'lib') return ok, msg",
        "false\terror loading module 'lib' from file '$TMP_lib.so':\n\tdynamic libraries not enabled; check your Lua installation",
    );
}

#[test]
fn c_root_searcher_found_file_cannot_load() {
    check(
        "local f = io.open(TMP .. '_lib.so', 'w') f:close() package.path = '' package.cpath = TMP .. '_?.so'
         local ok, msg = pcall(require, 'lib.sub') return ok, msg",
        "false\terror loading module 'lib.sub' from file '$TMP_lib.so':\n\tdynamic libraries not enabled; check your Lua installation",
    );
}

#[test]
fn package_fields() {
    check("return type(package.path), type(package.cpath), package.config, type(package.searchers), #package.searchers, type(package.preload), package.loaded._G == _G, package.loaded.package == package, package.loaded.io == io, type(require)", "string\tstring\t/\n;\n?\n!\n-\n\ttable\t4\ttable\ttrue\ttrue\ttrue\tfunction");
}

#[test]
fn default_paths_from_environment_or_default() {
    check(
        "return package.path == (package.path), type(package.searchpath), type(package.loadlib)",
        "true\tfunction\tfunction",
    );
}

#[test]
fn require_loaded_library() {
    check("return require(\"io\") == io, require(\"_G\") == _G, require(\"package\") == package, select(\"#\", require(\"io\"))", "true\ttrue\ttrue\t1");
}

#[test]
fn require_not_found_message() {
    check("package.path = \"?.lua;?/?\" package.cpath = \"?.so;?/init\"\nlocal ok, msg = pcall(require, \"XXX\") return ok, msg", "false\tmodule 'XXX' not found:\n\tno field package.preload['XXX']\n\tno file 'XXX.lua'\n\tno file 'XXX/XXX'\n\tno file 'XXX.so'\n\tno file 'XXX/init'");
}

#[test]
fn require_not_found_empty_paths() {
    check("package.path = \"\" package.cpath = \"\"\nlocal ok, msg = pcall(require, \"a.b\") return msg", "module 'a.b' not found:\n\tno field package.preload['a.b']\n\tno file ''\n\tno file ''\n\tno file ''");
}

#[test]
fn require_path_must_be_string() {
    check(
        "package.path = {} local ok, msg = pcall(require, \"no-such-file\") return msg",
        "'package.path' must be a string",
    );
}

#[test]
fn require_cpath_must_be_string() {
    check("package.cpath = nil package.path = \"\" local ok, msg = pcall(require, \"no-such-file\") return msg", "'package.cpath' must be a string");
}

#[test]
fn require_searchers_must_be_table() {
    check(
        "package.searchers = 3 local ok, msg = pcall(require, \"a\") return msg",
        "'package.searchers' must be a table",
    );
}

#[test]
fn require_bad_name() {
    check("local a = {pcall(require)} local b = {pcall(require, {})} return a[2], b[2]", "bad argument #1 to 'require' (string expected, got no value)\tbad argument #1 to 'require' (string expected, got table)");
}

#[test]
fn require_preload() {
    check("package.preload.pl = function (...) local t = {...} t.n = select(\"#\", ...) return t end\nlocal pl, extra = require(\"pl\") return pl[1], pl[2], pl.n, extra, require(\"pl\") == pl, package.loaded.pl == pl", "pl\t:preload:\t2\t:preload:\ttrue\ttrue");
}

#[test]
fn require_preload_returns_nothing() {
    check("package.preload.x = function () end\nlocal a, b = require(\"x\") return a, b, package.loaded.x", "true\t:preload:\ttrue");
}

#[test]
fn require_preload_sets_loaded() {
    check("package.preload.y = function (name) package.loaded[name] = 25 end\nlocal a, b = require(\"y\") return a, b", "25\t:preload:");
}

#[test]
fn require_preload_returns_false() {
    check("package.preload.z = function () return false end\nlocal a, b = require(\"z\") return a, b, package.loaded.z", "false\t:preload:\tfalse");
}

#[test]
fn require_lua_file() {
    check("local function write(name, s) local f = assert(io.open(name, \"w\")) f:write(s) f:close() end\nwrite(TMP .. \"_mod.lua\", \"local name, file = ... return {name = name, file = file, n = select('#', ...)}\")\npackage.path = TMP .. \"_?.lua\"\nlocal m, file = require(\"mod\") return m.name, m.file == file, m.n, file, require(\"mod\") == m", "mod\ttrue\t2\t$TMP_mod.lua\ttrue");
}

#[test]
fn require_hot_reload() {
    check("local function write(name, s) local f = assert(io.open(name, \"w\")) f:write(s) f:close() end\nwrite(TMP .. \"_hot.lua\", \"count = (count or 0) + 1 return count\")\npackage.path = TMP .. \"_?.lua\"\nlocal a = require(\"hot\") local b = require(\"hot\") package.loaded.hot = nil local c = require(\"hot\") return a, b, c", "1\t1\t2");
}

#[test]
fn require_module_returns_nothing() {
    check("local function write(name, s) local f = assert(io.open(name, \"w\")) f:write(s) f:close() end\nwrite(TMP .. \"_nothing.lua\", \"X = 1\")\npackage.path = TMP .. \"_?.lua\"\nlocal a, b = require(\"nothing\") return a, b, package.loaded.nothing", "true\t$TMP_nothing.lua\ttrue");
}

#[test]
fn require_submodule_dots() {
    check("local function write(name, s) local f = assert(io.open(name, \"w\")) f:write(s) f:close() end\nwrite(TMP .. \"_a/b.lua\", \"\") package.path = TMP .. \"_?.lua\"\nlocal ok, msg = pcall(require, \"a.b\") return msg", "true");
}

#[test]
fn require_runtime_error() {
    check("local function write(name, s) local f = assert(io.open(name, \"w\")) f:write(s) f:close() end\nwrite(TMP .. \"_err.lua\", \"B = 15; a = a + 1;\") package.path = TMP .. \"_?.lua\"\nlocal ok, msg = pcall(require, \"err\") return ok, msg, B", "false\t$TMP_err.lua:1: attempt to perform arithmetic on a nil value (global 'a')\t15");
}

#[test]
fn require_syntax_error() {
    check("local function write(name, s) local f = assert(io.open(name, \"w\")) f:write(s) f:close() end\nwrite(TMP .. \"_synerr.lua\", \"B =\") package.path = TMP .. \"_?.lua\"\nlocal ok, msg = pcall(require, \"synerr\") return ok, msg", "false\terror loading module 'synerr' from file '$TMP_synerr.lua':\n\t$TMP_synerr.lua:1: unexpected symbol near <eof>");
}

#[test]
fn require_second_template() {
    check("local function write(name, s) local f = assert(io.open(name, \"w\")) f:write(s) f:close() end\nwrite(TMP .. \"_two.lc\", \"return 'lc'\") package.path = TMP .. \"_?.lua;\" .. TMP .. \"_?.lc\"\nlocal a, b = require(\"two\") return a, b", "lc\t$TMP_two.lc");
}

#[test]
fn require_custom_searchers() {
    check("package.searchers = {\n  function (name) return \"\\n\\tfirst says no\" end,\n  function (name) return nil end,\n  function (name) if name == \"found\" then return function (n, x) return n .. x end, \"data\" end return 42 end,\n}\nlocal a, b = require(\"found\") local ok, msg = pcall(require, \"other\") return a, b, msg", "founddata\tdata\tmodule 'other' not found:\n\t\n\tfirst says no\n\t42");
}

#[test]
fn require_loader_error() {
    check("package.preload.bad = function () error(\"in loader\") end local ok, msg = pcall(require, \"bad\") return ok, msg", "false\ttest:1: in loader");
}

#[test]
fn require_name_with_nul() {
    check("package.preload[\"a\"] = function (n) return n end local a = require(\"a\\0b\") return a == \"a\\0b\", #a", "true\t3");
}

#[test]
fn searchpath_found_and_not_found() {
    check("local function write(name, s) local f = assert(io.open(name, \"w\")) f:write(s) f:close() end\nwrite(TMP .. \"_C.lua\", \"\")\nlocal a = package.searchpath(\"C\", TMP .. \"_?.lua\")\nlocal b, c = package.searchpath(\"nope\", TMP .. \"_?.lua;\" .. TMP .. \"_?/x;;end\")\nreturn a == TMP .. \"_C.lua\", b, c", "true\tnil\tno file '$TMP_nope.lua'\n\tno file '$TMP_nope/x'\n\tno file ''\n\tno file 'end'");
}

#[test]
fn searchpath_separators() {
    check("local function write(name, s) local f = assert(io.open(name, \"w\")) f:write(s) f:close() end\nwrite(TMP .. \"_XXxX\", \"\") write(TMP .. \"_C.lua\", \"\")\nreturn package.searchpath(\"C.lua\", TMP .. \"_?\", \"\", \"\") == TMP .. \"_C.lua\",\n  package.searchpath(\"C.lua\", TMP .. \"_?\", \".\", \".\") == TMP .. \"_C.lua\",\n  package.searchpath(\"--x-\", TMP .. \"_?\", \"-\", \"X\") == TMP .. \"_XXxX\",\n  package.searchpath(\"---xX\", TMP .. \"_?\", \"---\", \"XX\") == TMP .. \"_XXxX\",\n  package.searchpath(\"a.b.c\", \"?\"), package.searchpath(\"a.b\", \"?\", \".\", \"::\")", "true\ttrue\ttrue\ttrue\tnil\tnil\tno file 'a::b'");
}

#[test]
fn searchpath_many_templates() {
    check("local t = {} for i = 1, 50 do t[i] = \"?\" end\nlocal p = \"\" for i = 1, 10 do p = p .. \"x?\" .. i .. \";\" end\nlocal a, b = package.searchpath(\"m\", p) return a, b", "nil\tno file 'xm1'\n\tno file 'xm2'\n\tno file 'xm3'\n\tno file 'xm4'\n\tno file 'xm5'\n\tno file 'xm6'\n\tno file 'xm7'\n\tno file 'xm8'\n\tno file 'xm9'\n\tno file 'xm10'\n\tno file ''");
}

#[test]
fn searchpath_empty_and_nul() {
    check("local a, b = package.searchpath(\"x\", \"\") local c, d = package.searchpath(\"x\", \"??\\0?\") return a, b, c, d", "nil\tno file ''\tnil\tno file 'xx'");
}

#[test]
fn searchpath_bad_args() {
    check("local a = {pcall(package.searchpath)} local b = {pcall(package.searchpath, \"x\")} local c = {pcall(package.searchpath, \"x\", \"y\", {})} return a[2], b[2], c[2]", "bad argument #2 to 'package.searchpath' (string expected, got no value)\tbad argument #2 to 'package.searchpath' (string expected, got no value)\tbad argument #3 to 'package.searchpath' (string expected, got table)");
}

#[test]
fn loadlib_args() {
    check("local a = {pcall(package.loadlib)} local b = {pcall(package.loadlib, \"x\")} return a[2], b[2]", "bad argument #1 to 'package.loadlib' (string expected, got no value)\tbad argument #2 to 'package.loadlib' (string expected, got no value)");
}

#[test]
fn package_table_replaced() {
    check("local p = package package = {} p.preload.pl = function () return \"ok\" end local a, b = require(\"pl\") package = p return a, b", "ok\t:preload:");
}

#[test]
fn loaded_is_registry_loaded() {
    check("package.loaded.fake = \"F\" local a = require(\"fake\") package.loaded = {} local b = require(\"fake\") return a, b", "F\tF");
}

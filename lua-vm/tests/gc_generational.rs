//! The generational collector under stress: a minor collection every few KB of allocation, so that
//! objects turn old almost at once and every store of a new object into an old one must go through a
//! write barrier. A missing barrier frees a reachable object; debug builds poison freed objects, so
//! the scripts below then read garbage (wrong results or a crash) instead of passing by luck.

mod script_util;

use lua_vm::{State, Status, Vm};

fn stressed_vm() -> Vm {
    let mut vm = Vm::new();
    lua_vm::stdlib::open_libs(&mut vm).unwrap();
    vm.set_gc_stress(true);
    vm
}

/// Runs `src` protected and returns its results as text (or panics with the error message).
fn run(st: &mut State, src: &str) -> Vec<String> {
    let (s, out) = script_util::run_script(st, src, "=gen");
    assert_eq!(s, Status::Ok, "script failed: {out:?}");
    out
}

/// Allocates enough garbage for several minor collections.
const CHURN: &str = r#"
local function churn(n)
  local t
  for i = 1, n or 3000 do t = {i, tostring(i) .. "x"} end
  return t
end
"#;

fn check(src: &str, expected: &[&str]) {
    let mut vm = stressed_vm();
    let out = run(&mut vm, &format!("{CHURN}\n{src}"));
    assert_eq!(out, expected);
}

#[test]
fn stores_into_old_tables_keep_new_values() {
    check(
        r#"
        -- Existing keys (the instructions' fast paths) and new keys (the general path), each kind
        -- of store into its own old table (one barrier per table would cover the others). The stores
        -- run in functions that return before the collections, so that no stale register keeps the
        -- new values alive.
        local k, n = "dyn" .. 1, 2
        local old = {}
        for i = 1, 7 do old[i] = {f = 0, 0, 0, dyn1 = 0, [3.5] = 0} end
        churn()
        local function store(o)
          o[1].f = {tag = "field"}
          o[2][1] = {tag = "int"}
          o[3][k] = {tag = "dyn"}
          o[4][n] = {tag = "reg"}
          rawset(o[5], "raw", {tag = "raw"})
          table.insert(o[6], {tag = "ins"})
          o[7][3.5] = {tag = "float"}
        end
        store(old)
        local new = {{}, {}, {}}
        churn()
        local function add(o)
          o[1].f = {tag = "nf"}
          o[2][1] = {tag = "n1"}
          o[3][k] = {tag = "nk"}
        end
        add(new)
        churn(10000)
        return old[1].f.tag, old[2][1].tag, old[3].dyn1.tag, old[4][2].tag, old[5].raw.tag,
               old[6][3].tag, old[7][3.5].tag, new[1].f.tag .. new[2][1].tag .. new[3].dyn1.tag
        "#,
        &[
            "field", "int", "dyn", "reg", "raw", "ins", "float", "nfn1nk",
        ],
    );
}

#[test]
fn globals_and_constructors_survive() {
    check(
        r#"
        churn()
        newglobal = {tag = "global"}
        local list = {}
        for i = 1, 300 do
          list[i] = {i, "v" .. i}
          if i % 50 == 0 then churn(500) end
        end
        churn()
        local s = 0
        for i = 1, 300 do s = s + list[i][1]; assert(list[i][2] == "v" .. i) end
        local t = {churn(10), churn(10), churn(10)}  -- SETLIST into a table that turned old
        return newglobal.tag, tostring(s), tostring(#t)
        "#,
        &["global", "45150", "3"],
    );
}

#[test]
fn upvalues_set_and_closed_keep_new_values() {
    check(
        r#"
        local up
        local function set(v) up = v end
        local function get() return up end
        churn()
        set({tag = "up"})
        churn()
        local function mk()
          local x = {}
          local f = function() return x end
          churn()
          x = {tag = "closed"}
          return f
        end
        local f = mk()
        churn()
        return get().tag, f().tag
        "#,
        &["up", "closed"],
    );
}

#[test]
fn suspended_coroutines_keep_their_stacks() {
    check(
        r#"
        local co = coroutine.wrap(function()
          local a = {tag = "a"}
          coroutine.yield()
          churn()
          local b = {tag = "b"}
          coroutine.yield()
          churn()
          return a.tag .. b.tag
        end)
        co(); churn(); co(); churn()
        local gen = coroutine.wrap(function()
          for i = 1, 50 do coroutine.yield({i}) end
        end)
        local s = 0
        for _ = 1, 50 do s = s + gen()[1]; churn(200) end
        return co(), tostring(s)
        "#,
        &["ab", "1275"],
    );
}

#[test]
fn metatables_and_library_writes_keep_new_values() {
    check(
        r#"
        local obj = {}
        churn()
        setmetatable(obj, {__index = {hello = "hi"}})
        churn()
        local arr = {}
        for i = 1, 200 do arr[i] = {v = 200 - i} end
        churn()
        for i = 1, 200 do arr[i] = {v = i % 37} end
        table.sort(arr, function(a, b) return a.v < b.v end)
        churn()
        local ok = true
        for i = 2, 200 do ok = ok and arr[i - 1].v <= arr[i].v end
        local dst = {}
        churn()
        table.move({{1}, {2}, {3}}, 1, 3, 1, dst)
        churn()
        return obj.hello, tostring(ok), tostring(dst[1][1] + dst[2][1] + dst[3][1])
        "#,
        &["hi", "true", "6"],
    );
}

#[test]
fn debug_upvalue_writes_keep_new_values() {
    check(
        r#"
        local a, b = {}, {}
        local function fa() return a end
        local function fb() return b end
        churn()
        debug.setupvalue(fa, 1, {tag = "set"})
        churn()
        debug.upvaluejoin(fb, 1, fa, 1)
        churn()
        local env = {x = {tag = "env"}}
        local g = load("return x", "chunk", "t", env)
        churn()
        return fa().tag, fb().tag, g().tag
        "#,
        &["set", "set", "env"],
    );
}

#[test]
fn weak_tables_and_finalizers_follow_the_manual() {
    check(
        r#"
        local weak = setmetatable({}, {__mode = "v"})
        churn()
        local strong = {}
        weak[1] = {}
        weak[2] = strong
        collectgarbage()
        local eph = setmetatable({}, {__mode = "k"})
        local key = {}
        churn()
        eph[key] = {tag = "eph"}
        eph[{}] = {tag = "gone"}
        churn()
        collectgarbage()
        local n = 0
        for _ in pairs(eph) do n = n + 1 end
        local finalized = 0
        for i = 1, 20 do setmetatable({}, {__gc = function() finalized = finalized + 1 end}) end
        collectgarbage()
        return tostring(weak[1]), tostring(weak[2] == strong), eph[key].tag, tostring(n),
               tostring(finalized)
        "#,
        &["nil", "true", "eph", "1", "20"],
    );
}

#[test]
fn interned_strings_are_dropped_and_recreated() {
    check(
        r#"
        local keep = {}
        for i = 1, 2000 do
          local s = "k" .. (i % 300)
          if i % 7 == 0 then keep[#keep + 1] = s end
        end
        churn()
        local t = {}
        for i = 1, 300 do t["k" .. i] = i end
        churn()
        local s = 0
        for i = 1, 300 do s = s + t["k" .. i] end
        return tostring(s), keep[1], keep[#keep]
        "#,
        &["45150", "k7", "k195"],
    );
}

#[test]
fn switching_modes_keeps_every_live_object() {
    check(
        r#"
        local t = {}
        for i = 1, 100 do t[i] = {i} end
        churn()
        assert(collectgarbage("incremental") == "generational")
        for i = 1, 100 do t[i] = {i * 2} end
        collectgarbage()
        assert(collectgarbage("generational") == "incremental")
        churn()
        for i = 1, 100 do t[i][2] = {i} end
        churn()
        local s = 0
        for i = 1, 100 do s = s + t[i][1] + t[i][2][1] end
        return tostring(s)
        "#,
        &["15150"],
    );
}

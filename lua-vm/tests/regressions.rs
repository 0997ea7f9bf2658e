//! Regression tests for crashes found by fuzzing (fuzz/) and by the random-input crash check
//! (scripts/crash-check.sh). Each test names the input that crashed and what it did.

mod script_util;

use lua_vm::{State, Status, Vm};

fn vm() -> Vm {
    let mut vm = Vm::new();
    lua_vm::stdlib::open_libs(&mut vm).unwrap();
    vm
}

/// Runs `src` protected; returns the status and its results (or error) as text.
fn run(st: &mut State, src: &str) -> (Status, Vec<String>) {
    script_util::run_script(st, src, "=test")
}

/// Environment variable telling a re-executed test binary to run the child side of a test.
const CHILD: &str = "LUA_VM_REGRESSION_CHILD";

/// Re-runs this test binary for test `name` with the address space limited to `kib` KiB (as the
/// crash check's `ulimit -v`) and returns whether the child succeeded. Linux/Unix with `sh` only.
fn run_with_address_limit(name: &str, kib: u64) -> bool {
    let exe = std::env::current_exe().unwrap();
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -v {kib} && exec \"$0\" --exact {name} --test-threads=1 --nocapture"
        ))
        .arg(exe)
        .env(CHILD, "1")
        .output()
        .expect("sh");
    // The child's own test report stays out of the parent's output unless it failed.
    if !status.status.success() {
        eprintln!("{}", String::from_utf8_lossy(&status.stdout));
        eprintln!("{}", String::from_utf8_lossy(&status.stderr));
    }
    status.status.success()
}

/// crash-check (mutation of a memory-exhaustion script): with `ulimit -v`, growing a table or
/// building a long string until the system allocator refused aborted the process ("memory
/// allocation of N bytes failed", SIGABRT). The refusal must be the Lua memory error, caught by pcall.
#[test]
fn system_allocator_refusal_is_a_memory_error() {
    if std::env::var_os(CHILD).is_none() {
        assert!(run_with_address_limit(
            "system_allocator_refusal_is_a_memory_error",
            384 << 10
        ));
        return;
    }
    let mut vm = vm();
    for src in [
        // crash-check (mutated gc test): `load` with a reader whose pieces never end.
        "local s = string.rep(' ', 1 << 24) return load(function() return s end)",
        // The array part doubling past what the OS gives.
        "local t = {} for i = 1, 1e9 do t[i] = i end",
        // The hash part.
        "local t = {} for i = 1, 1e9 do t[i * 2] = i end",
        // A long string from concatenation.
        "local s = string.rep('x', 1 << 26) local t = s .. s .. s .. s .. s .. s .. s",
        // Many tables.
        "local t = {} for i = 1, 1e8 do t[i] = {} end",
    ] {
        let r = run(&mut vm, &format!("return pcall(function() {src} end)"));
        assert_eq!(
            r,
            (
                Status::Ok,
                vec!["boolean".into(), "not enough memory".into()]
            ),
            "{src}"
        );
        vm.full_gc();
        let r = run(
            &mut vm,
            "local t = {} for i = 1, 100 do t[i] = i end return #t",
        );
        assert_eq!(r, (Status::Ok, vec!["100".into()]));
    }
}

/// Probing the memory cap: `string.gsub` with an empty pattern and a long replacement, and
/// `string.format`/`string.pack` with many `%s`/`z` of a long string, built their result in a Rust buffer that ignored
/// the VM's cap (terabytes requested: "memory allocation failed", SIGABRT). Under a 32 MiB cap they
/// must fail with the memory error long before that; run under `ulimit -v` so a regression fails the
/// child instead of exhausting the machine.
#[test]
fn library_buffers_respect_the_memory_cap() {
    if std::env::var_os(CHILD).is_none() {
        assert!(run_with_address_limit(
            "library_buffers_respect_the_memory_cap",
            1 << 20
        ));
        return;
    }
    let mut vm = vm();
    let used = vm.memory_used();
    vm.set_memory_limit(Some(used + (32 << 20)));
    for src in [
        "local s = string.rep('x', 1 << 20) return s:gsub('', s)",
        // crash-check (mutated gc test): a `load` reader returning the same long piece forever.
        "local s = string.rep(' ', 1 << 20) return load(function() return s end)",
        "local s = string.rep('x', 1 << 20) return s:gsub('', function() return s end)",
        "local s = string.rep('x', 1 << 20) return s:gsub('x', {x = s})",
        "local s = string.rep('x', 1 << 20)
         return string.format(string.rep('%s', 200), table.unpack(setmetatable({}, {__index = function() return s end}), 1, 200))",
        "local s = string.rep('x', 1 << 20)
         return string.format(string.rep('%q', 200), table.unpack(setmetatable({}, {__index = function() return s end}), 1, 200))",
        "local s = string.rep('x', 1 << 20)
         local o = setmetatable({}, {__tostring = function() return s end})
         return string.format(string.rep('%s', 200), table.unpack(setmetatable({}, {__index = function() return o end}), 1, 200))",
        "local s = string.rep('x', 1 << 20)
         return string.pack(string.rep('z', 200), table.unpack(setmetatable({}, {__index = function() return s end}), 1, 200))",
    ] {
        if src.contains("table.unpack") && vm.get_global("table").unwrap() != lua_vm::value::Type::Table {
            vm.pop(1);
            continue;
        }
        vm.set_top(0);
        let r = run(&mut vm, src);
        assert_eq!(r, (Status::ErrMem, vec!["not enough memory".into()]), "{src}");
        vm.full_gc();
    }
}

/// The intern table removes dead strings in place (so a collection under memory pressure allocates
/// nothing): every live string must stay findable, or re-creating it would give a second object and
/// table lookups by that key would miss.
#[test]
fn interned_strings_stay_findable_after_collections() {
    let mut vm = vm();
    let src = "local keep, t = {}, {}
        for round = 1, 30 do
          for i = 1, 4000 do
            local s = 'k' .. ((round * 7919 + i * 31) % 50000)
            if i % 3 == 0 then keep[#keep + 1] = s; t[s] = true end
          end
          if round % 2 == 0 then collectgarbage() end
          if round % 5 == 0 then
            for j = 1, #keep, 2 do t[keep[j]] = nil; keep[j] = false end
            collectgarbage()
          end
        end
        local n = 0
        for _, s in ipairs(keep) do
          if s then assert(t['k' .. s:sub(2)], s) n = n + 1 end
        end
        return n";
    assert_eq!(run(&mut vm, src), (Status::Ok, vec!["19995".to_string()]));
}

/// Table lookups by string compare pointers first; a long string (not interned) must also find a
/// key that is another object with the same bytes, through every kind of access (index, field
/// store, method call, global), also when its hash is first computed by the lookup.
#[test]
fn long_string_keys_match_by_contents() {
    let mut vm = vm();
    let src = "local a = string.rep('k', 50)
        local b = string.rep('k', 49) .. 'k'
        local t = {[a] = 1}
        assert(t[b] == 1 and rawget(t, b) == 1)
        t[b] = 2
        assert(t[a] == 2)
        local c = ('k'):rep(48) .. 'kk'
        t[c] = nil
        assert(t[a] == nil and next(t) == nil)
        local obj = setmetatable({}, {__index = {[a] = function(self) return 'm' end}})
        assert(obj[b](obj) == 'm')
        _ENV[a] = 7
        local r = _ENV[c]
        _ENV[a] = nil
        local short = {x = 1}
        short[('x'):rep(1)] = 3
        return r .. ' ' .. short.x";
    assert_eq!(run(&mut vm, src), (Status::Ok, vec!["7 3".to_string()]));
}

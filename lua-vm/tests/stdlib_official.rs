//! The official Lua 5.4.4 test files of the coroutine and debug libraries (`coroutine.lua`, `db.lua`),
//! read from the suite's directory at test time (nothing is copied here) and run with `_port`, `_soft`
//! and `_nomsg` set, as the suite's driver would. `db.lua` runs up to its section on stripped binary
//! chunks (`string.dump`), which is not this library's business.
//!
//! Skipped (with a note) when the suite is not installed, or while the libraries these files use
//! besides coroutine and debug (string, table, math, os, io) are not all opened by `open_libs`.
use std::path::PathBuf;

use lua_vm::vm::state::MULTRET;
use lua_vm::{Status, Vm};

fn testes_dir() -> PathBuf {
    std::env::var_os("LUA_TESTES_DIR").map_or_else(
        || PathBuf::from("/work/lua-5.4.4-tests/testes"),
        PathBuf::from,
    )
}

const SETUP: &str = "_port = true; _soft = true; _nomsg = true; \
require = require or function(name) return _G[name] end";

/// Runs `src` as chunk `@name` after the setup; `None` when skipped, else the error if it failed.
fn run_official(name: &str, cut_at: Option<&str>) -> Option<Result<(), String>> {
    let path = testes_dir().join(name);
    let Ok(mut src) = std::fs::read(&path) else {
        eprintln!("note: {} not found; skipped", path.display());
        return None;
    };
    if let Some(marker) = cut_at {
        let pos = src
            .windows(marker.len())
            .position(|w| w == marker.as_bytes())
            .expect("marker present in the test file");
        let line_start = src[..pos]
            .iter()
            .rposition(|&c| c == b'\n')
            .map_or(0, |p| p + 1);
        src.truncate(line_start);
    }
    let name = name.to_string();
    let handle = std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(move || {
            let mut vm = Vm::new();
            lua_vm::stdlib::open_libs(&mut vm).expect("libraries open");
            for lib in ["string", "table", "math", "os", "io"] {
                vm.get_global(lib).unwrap();
                let present = vm.is_table(-1);
                vm.pop(1);
                if !present {
                    eprintln!("note: library '{lib}' not opened; {name} skipped");
                    return None;
                }
            }
            assert_eq!(vm.load(SETUP.as_bytes(), "=setup", "t"), Status::Ok);
            assert_eq!(vm.pcall(0, 0, 0), Status::Ok);
            let chunk = format!("@{name}");
            let mut status = vm.load_buffer(&src, chunk.as_bytes(), "t");
            if status == Status::Ok {
                status = vm.pcall(0, MULTRET, 0);
            }
            Some(if status == Status::Ok {
                Ok(())
            } else {
                Err(String::from_utf8_lossy(vm.to_lstring(-1).unwrap()).into_owned())
            })
        })
        .unwrap();
    handle.join().unwrap()
}

#[test]
fn official_coroutine_lua() {
    if let Some(r) = run_official("coroutine.lua", None) {
        r.unwrap();
    }
}

#[test]
fn official_db_lua_without_stripped_chunks() {
    if let Some(r) = run_official(
        "db.lua",
        Some("testing debug functions on chunk without debug info"),
    ) {
        r.unwrap();
    }
}

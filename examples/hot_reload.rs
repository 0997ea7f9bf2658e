//! Hot reload: a long-running host calls a task in a loop while the script file is edited; the new
//! code runs in the same VM, without a restart.
//!
//! The host adds the script directory to `package.path` (`set_script_path`), `require`s the module
//! "task", and on every tick checks whether task.lua changed; if so it calls `reload("task")`
//! (clears `package.loaded.task` and requires it again). State kept in Lua (the `state` table) lives
//! on across reloads. A broken edit does not stop the host: it reports the error and keeps running
//! the previous version until the file is fixed.
//!
//! The "editor" here is the host itself, rewriting the file at fixed ticks so the run is repeatable.
//! Run with `cargo run --example hot_reload`.

use std::path::PathBuf;

use lua_bind::prelude::*;

const VERSION_1: &str = r#"
local M = {}
function M.run(tick, state)
  state.calls = state.calls + 1
  return "v1 says hello at tick " .. tick .. " (calls: " .. state.calls .. ")"
end
return M
"#;

const VERSION_2: &str = r#"
local M = {}
function M.run(tick, state)
  state.calls = state.calls + 1
  return "v2 counts down: " .. (10 - tick) .. " (calls: " .. state.calls .. ")"
end
return M
"#;

const BROKEN: &str = r#"
local M = {}
function M.run(tick, state)
  return "unfinished" ..
end
return M
"#;

const VERSION_3: &str = r#"
local M = {}
function M.run(tick, state)
  state.calls = state.calls + 1
  return "v3 fixed: tick " .. tick .. " squared is " .. tick * tick .. " (calls: " .. state.calls .. ")"
end
return M
"#;

/// What the "editor" writes before a given tick.
fn edit_for(tick: i64) -> Option<&'static str> {
    match tick {
        1 => Some(VERSION_1),
        4 => Some(VERSION_2),
        6 => Some(BROKEN),
        8 => Some(VERSION_3),
        _ => None,
    }
}

fn script_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("lua-bind-hot-reload-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("create the script directory");
    dir
}

fn main() -> lua_bind::Result<()> {
    let dir = script_dir();
    let file = dir.join("task.lua");
    let lua = Lua::new();
    lua.set_script_path(&dir)?;
    let state = lua.create_table()?;
    state.set("calls", 0)?;

    let mut module: Option<Table> = None;
    let mut seen = String::new();
    for tick in 1..=9 {
        if let Some(src) = edit_for(tick) {
            std::fs::write(&file, src).expect("write task.lua");
        }
        let now = std::fs::read_to_string(&file).unwrap_or_default();
        if now != seen {
            seen = now;
            let loaded = if module.is_none() {
                lua.require::<Table>("task")
            } else {
                println!("[host] task.lua changed, reloading");
                lua.reload::<Table>("task")
            };
            match loaded {
                Ok(m) => module = Some(m),
                Err(e) => println!(
                    "[host] reload failed, keeping the previous version: {}",
                    e.lua_message()
                ),
            }
        }
        let Some(m) = &module else { continue };
        let run: Function = m.get("run")?;
        match run.call::<String>((tick, &state)) {
            Ok(line) => println!("tick {tick}: {line}"),
            Err(e) => println!("tick {tick}: task failed: {}", e.lua_message()),
        }
    }
    println!("calls made: {}", state.get::<_, i64>("calls")?);
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

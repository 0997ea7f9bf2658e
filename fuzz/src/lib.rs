//! Shared harness of the fuzz targets: a VM with the standard libraries minus everything that
//! touches the outside world, run under a memory cap, an instruction budget (a native count hook)
//! and a wall-clock watchdog that raises the host interrupt as a last resort.

use std::sync::{Mutex, Once};
use std::time::{Duration, Instant};

use lua_vm::vm::limits::InterruptHandle;
use lua_vm::vm::state::{hookmask, MULTRET};
use lua_vm::{LuaResult, State, Status, Vm};

/// Bytes a script may allocate on top of what the fresh VM holds.
pub const MEMORY_CAP: usize = 32 << 20;
/// Instructions a script may run before the budget hook stops it.
pub const INSTRUCTION_BUDGET: i32 = 200_000;
/// Wall-clock time after which the watchdog interrupts a script (natives the hook cannot see).
pub const WALL_CLOCK: Duration = Duration::from_secs(2);

/// Globals a fuzzed script must not reach: files, processes, the host's output, the hook.
const REMOVED_GLOBALS: &[&str] = &["io", "os", "package", "require", "dofile", "loadfile"];

/// The deadline the watchdog enforces, with the handle of the VM it interrupts.
static WATCH: Mutex<Option<(InterruptHandle, Instant)>> = Mutex::new(None);
static WATCHDOG: Once = Once::new();

fn start_watchdog() {
    WATCHDOG.call_once(|| {
        std::thread::spawn(|| loop {
            std::thread::sleep(Duration::from_millis(20));
            if let Ok(w) = WATCH.lock() {
                if let Some((h, deadline)) = w.as_ref() {
                    if Instant::now() >= *deadline {
                        h.interrupt();
                    }
                }
            }
        });
    });
}

/// The count hook: once the budget is spent the script is stopped for good (the interrupt stays
/// raised, so `pcall` inside the script cannot swallow it and go on).
fn budget_hook(st: &mut State) -> LuaResult<usize> {
    st.interrupt_handle().interrupt();
    Err(st.error_msg("instruction budget exhausted"))
}

fn noop(_: &mut State) -> LuaResult<usize> {
    Ok(0)
}

/// A fresh VM with the libraries open, dangerous globals removed, `print` silenced, the memory cap
/// and the instruction budget installed.
pub fn sandbox() -> Vm {
    let mut vm = Vm::new();
    lua_vm::stdlib::open_libs(&mut vm).expect("open_libs");
    for name in REMOVED_GLOBALS {
        vm.push_nil();
        vm.set_global(name).expect("set_global");
    }
    vm.push_fn(noop);
    vm.set_global("print").expect("set_global");
    // No script may remove the budget hook.
    if vm.get_global("debug").expect("get_global") == lua_vm::value::Type::Table {
        vm.push_nil();
        vm.set_field(-2, "sethook").expect("set_field");
    }
    vm.pop(1);
    let used = vm.memory_used();
    vm.set_memory_limit(Some(used + MEMORY_CAP));
    vm.set_hook(Some(budget_hook), hookmask::COUNT, INSTRUCTION_BUDGET);
    vm
}

/// Loads `chunk` with `mode` and, if it loads, runs it in protected mode under the limits. Afterwards
/// checks that the VM is still usable: a small chunk must run and give the right answer.
pub fn load_and_run(chunk: &[u8], mode: &str) {
    start_watchdog();
    let mut vm = sandbox();
    if let Ok(mut w) = WATCH.lock() {
        *w = Some((vm.interrupt_handle(), Instant::now() + WALL_CLOCK));
    }
    let base = vm.get_top();
    if vm.load(chunk, "=fuzz", mode) == Status::Ok {
        let _ = vm.pcall(0, MULTRET, 0);
    }
    // Error values must be printable.
    if vm.get_top() > base {
        let _ = vm.to_lstring(base + 1);
    }
    vm.set_top(base);
    if let Ok(mut w) = WATCH.lock() {
        *w = None;
    }
    // The VM survives whatever happened: lift the limits and run a known chunk.
    vm.clear_interrupt();
    vm.set_hook(None, 0, 0);
    vm.set_memory_limit(None);
    assert_eq!(
        vm.load(
            b"local t = {} for i = 1, 10 do t[i] = i end return #t",
            "=check",
            "t"
        ),
        Status::Ok
    );
    assert_eq!(vm.pcall(0, 1, 0), Status::Ok);
    assert_eq!(vm.to_integer(-1), Some(10));
    vm.set_top(base);
}

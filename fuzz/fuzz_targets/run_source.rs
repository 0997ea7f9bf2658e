//! Fuzz target: arbitrary source text compiled and run under a memory cap, an instruction budget and
//! a watchdog; the VM must stay usable afterwards.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    lua_vm_fuzz::load_and_run(data, "t");
});

//! Fuzz target: `load` of arbitrary binary chunks (mode "b"). A chunk is either rejected with an
//! error or loads and then runs under the same limits as source; never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Most inputs should reach the undumper: give them the signature byte when they lack it.
    if data.first() == Some(&0x1b) {
        lua_vm_fuzz::load_and_run(data, "b");
    } else {
        let mut chunk = Vec::with_capacity(data.len() + 1);
        chunk.push(0x1b);
        chunk.extend_from_slice(data);
        lua_vm_fuzz::load_and_run(&chunk, "b");
    }
});

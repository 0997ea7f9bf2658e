//! The standalone `lua` interpreter (minimal driver; the full command line comes with the stdlib issue).
use lua_vm::{Status, Vm};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let mut vm = Vm::new();
    if let Err(e) = lua_vm::stdlib::open_libs(&mut vm) {
        eprintln!("lua: cannot open libraries: {:?}", e.value);
        std::process::exit(1);
    }
    let Some(path) = args.get(1) else {
        eprintln!("usage: lua script.lua");
        std::process::exit(1);
    };
    let st = vm.load_file(Some(path), "bt");
    let st = if st == Status::Ok {
        vm.pcall(0, lua_vm::vm::state::MULTRET, 0)
    } else {
        st
    };
    if st != Status::Ok {
        let msg = vm
            .to_lstring(-1)
            .map(|s| String::from_utf8_lossy(s).into_owned())
            .unwrap_or_default();
        eprintln!("lua: {msg}");
        std::process::exit(1);
    }
}

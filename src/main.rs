//! The standalone `lua` interpreter, as the reference `lua.c`: `lua [options] [script [args]]`.
//! All the work happens in `cli::pmain::pmain`, called in protected mode.

mod cli;

use std::os::unix::ffi::OsStringExt;

use lua_vm::{Status, Vm};

fn main() {
    cli::signals::default_sigpipe();
    let argv: Vec<Vec<u8>> = std::env::args_os().map(|a| a.into_vec()).collect();
    let code = run(argv);
    std::process::exit(code);
}

/// Runs the interpreter and returns the exit status.
fn run(argv: Vec<Vec<u8>>) -> i32 {
    cli::set_progname(Some(b"lua".to_vec()));
    let mut vm = Vm::new();
    let pushed = vm.push_boxed_closure(Box::new(move |st| cli::pmain::pmain(st, &argv)), 0);
    let (status, result) = match pushed {
        Ok(()) => {
            let status = vm.pcall(0, 1, 0);
            let result = vm.to_boolean(-1);
            (status, result)
        }
        Err(e) => {
            vm.push(e.value);
            (e.status, false)
        }
    };
    cli::run::report(&mut vm, status);
    drop(vm);
    lua_vm::stdlib::io::flush_all();
    if result && status == Status::Ok {
        0
    } else {
        1
    }
}

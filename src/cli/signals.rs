//! Signal dispositions of the interpreter process. Rust programs start with SIGPIPE ignored; the
//! reference `lua` (a C program) keeps the default, so writing to a closed pipe ends the process
//! (`lua script.lua | head` stops at once, with the shell seeing status 141).

use std::sync::atomic::{AtomicBool, AtomicPtr, Ordering};

extern "C" {
    fn signal(signum: i32, handler: usize) -> usize;
}

const SIGPIPE: i32 = 13;
const SIG_DFL: usize = 0;

/// Restores the default action for SIGPIPE.
pub fn default_sigpipe() {
    // SAFETY: `signal` is the C library's; setting SIG_DFL for SIGPIPE installs no handler code and
    // is done once at startup, before any other thread exists.
    unsafe {
        signal(SIGPIPE, SIG_DFL);
    }
}

const SIGINT: i32 = 2;

/// Where the Ctrl-C handler stores: the VM's interrupt flag (set once, before the handler is armed).
static INTERRUPT_FLAG: AtomicPtr<AtomicBool> = AtomicPtr::new(std::ptr::null_mut());

/// The SIGINT handler: like the reference's `laction`, it restores the default action (a second
/// Ctrl-C kills the process, for scripts stuck inside a native function) and asks the VM to stop the
/// running script, which then raises "interrupted!".
extern "C" fn on_sigint(_sig: i32) {
    // SAFETY: `signal` is async-signal-safe; the flag pointer is either null or points to the VM's
    // interrupt flag, which lives until the process ends (the VM is never dropped while armed).
    unsafe {
        signal(SIGINT, SIG_DFL);
        let p = INTERRUPT_FLAG.load(Ordering::Relaxed);
        if !p.is_null() {
            (*p).store(true, Ordering::Relaxed);
        }
    }
}

/// Arms Ctrl-C for a script run: the handler raises `flag` (the VM's interrupt flag).
pub fn arm_sigint(flag: *const AtomicBool) {
    INTERRUPT_FLAG.store(flag as *mut AtomicBool, Ordering::Relaxed);
    // SAFETY: installs a handler that only stores into an atomic and calls `signal`.
    unsafe {
        signal(SIGINT, on_sigint as *const () as usize);
    }
}

/// Restores the default action of Ctrl-C after a script run.
pub fn disarm_sigint() {
    // SAFETY: as in `default_sigpipe`.
    unsafe {
        signal(SIGINT, SIG_DFL);
    }
}

//! Signal dispositions of the interpreter process. Rust programs start with SIGPIPE ignored; the
//! reference `lua` (a C program) keeps the default, so writing to a closed pipe ends the process
//! (`lua script.lua | head` stops at once, with the shell seeing status 141).

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

//! The public API: the stack protocol of `lua.h` (`stack`, `access`), the debug interface (`debug`) and
//! the auxiliary library of `lauxlib.h` (`aux`). Hosts and the standard library use only this.

pub mod access;
pub mod aux;
pub mod bind;
pub mod debug;
pub mod host;
pub mod stack;

pub use access::CompareOp;
pub use aux::Reg;
pub use debug::DebugInfo;

/// The C library's text for an I/O error (`strerror`), without Rust's " (os error N)" suffix.
pub fn os_error_text(e: &std::io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

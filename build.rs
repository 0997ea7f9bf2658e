//! Link order of the `lua` binary's code: see `scripts/symbol_order.py`. The functions that the
//! benchmark programs run are laid out together at the start of `.text`, so a run maps a few 64 KB
//! windows of code instead of nearly all of them (the kernel's fault-around maps whole windows): about
//! 0.5 MB less resident memory for every script. Only for release builds with the LLD linker, the default
//! of Rust (1.90 and later) on x86_64 Linux; `LUA_NO_SYMBOL_ORDER=1` turns it off (another linker).

fn main() {
    println!("cargo:rerun-if-changed=symbol-order.txt");
    println!("cargo:rerun-if-env-changed=LUA_NO_SYMBOL_ORDER");
    let target = std::env::var("TARGET").unwrap_or_default();
    let profile = std::env::var("PROFILE").unwrap_or_default();
    let off = std::env::var_os("LUA_NO_SYMBOL_ORDER").is_some_and(|v| !v.is_empty() && v != "0");
    if target != "x86_64-unknown-linux-gnu" || profile != "release" || off {
        return;
    }
    let dir = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default();
    let file = std::path::Path::new(&dir).join("symbol-order.txt");
    if file.exists() {
        println!(
            "cargo:rustc-link-arg-bin=lua=-Wl,--symbol-ordering-file={}",
            file.display()
        );
        println!("cargo:rustc-link-arg-bin=lua=-Wl,--no-warn-symbol-ordering");
    }
}

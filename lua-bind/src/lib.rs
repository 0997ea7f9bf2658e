//! Typed embedding layer over `lua-vm` (work in progress: see issue 4).

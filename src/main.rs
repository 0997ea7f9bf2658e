//! The standalone `lua` interpreter (work in progress).
fn main() {}

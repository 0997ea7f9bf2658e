//! Procedural macros for `lua-bind` (work in progress: see issue 4).

//! The standard libraries, each written on the public API only, and `open_libs` (`luaL_openlibs`).

pub mod base;
pub mod io;
pub mod io_file;
pub mod io_read;
pub mod io_stdout;
pub mod io_stream;
pub mod package;
pub mod package_search;

use crate::vm::error::LuaResult;
use crate::vm::state::{NativeFn, State};

/// The libraries `open_libs` opens, in the reference's order: (name, opener).
pub const LIBS: &[(&str, NativeFn)] = &[
    ("_G", base::open_base),
    ("package", package::open_package),
    ("io", io::open_io),
];

/// Opens every standard library (`luaL_openlibs`).
pub fn open_libs(st: &mut State) -> LuaResult<()> {
    for (name, f) in LIBS {
        st.require_lib(name, *f, true)?;
        st.pop(1);
    }
    Ok(())
}

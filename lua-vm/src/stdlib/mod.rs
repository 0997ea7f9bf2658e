//! The standard libraries, each written on the public API only, and `open_libs` (`luaL_openlibs`).

pub mod base;
pub mod coroutine;
pub mod debug;
mod debug_hook;
mod debug_info;
pub mod io;
pub mod io_file;
pub mod io_read;
pub mod io_stdout;
pub mod io_stream;
pub mod math;
mod mathcompat;
pub mod os;
mod oslocale;
mod ostime;
pub mod package;
pub mod package_search;
pub mod random;
mod strdump;
mod strformat;
pub mod string;
mod strmeta;
mod strpack;
mod strpattern;
pub mod table;
mod tablesort;
pub mod utf8;

use crate::vm::error::LuaResult;
use crate::vm::state::{NativeFn, State};

/// The libraries `open_libs` opens, in the reference's order: (name, opener).
pub const LIBS: &[(&str, NativeFn)] = &[
    ("_G", base::open_base),
    ("package", package::open_package),
    ("coroutine", coroutine::open_coroutine),
    ("table", table::open_table),
    ("io", io::open_io),
    ("os", os::open_os),
    ("string", string::open_string),
    ("math", math::open_math),
    ("utf8", utf8::open_utf8),
    ("debug", debug::open_debug),
];

/// Opens every standard library (`luaL_openlibs`).
pub fn open_libs(st: &mut State) -> LuaResult<()> {
    for (name, f) in LIBS {
        st.require_lib(name, *f, true)?;
        st.pop(1);
    }
    Ok(())
}

//! The package library (`luaopen_package`): `require`, `package.loaded`/`preload` (the registry's
//! `_LOADED`/`_PRELOAD`), `path`/`cpath` from the environment with ";;" expansion, `config`,
//! `searchers`, `searchpath`, `loadlib`. The searchers themselves are in `package_search`.
#![forbid(unsafe_code)]

use std::os::unix::ffi::OsStrExt;

use super::package_search::{
    ll_loadlib, ll_searchpath, searcher_c, searcher_croot, searcher_lua, searcher_preload,
};
use crate::api::Reg;
use crate::value::Type;
use crate::vm::error::LuaResult;
use crate::vm::state::{upvalue_index, NativeFn, State, REGISTRY_INDEX};

/// Default `package.path` (`LUA_PATH_DEFAULT` for a "/usr/local/" installation).
pub const PATH_DEFAULT: &str =
    "/usr/local/share/lua/5.4/?.lua;/usr/local/share/lua/5.4/?/init.lua;\
/usr/local/lib/lua/5.4/?.lua;/usr/local/lib/lua/5.4/?/init.lua;./?.lua;./?/init.lua";
/// Default `package.cpath` (`LUA_CPATH_DEFAULT`).
pub const CPATH_DEFAULT: &str =
    "/usr/local/lib/lua/5.4/?.so;/usr/local/lib/lua/5.4/loadall.so;./?.so";

/// Pushes a searcher's error message pieces into `msg`, or finds the loader (`findloader`): on
/// success the loader and its data are on top.
fn find_loader(st: &mut State, name: &[u8]) -> LuaResult<()> {
    if st.get_field(upvalue_index(1), "searchers")? != Type::Table {
        return Err(st.error_msg("'package.searchers' must be a table"));
    }
    let mut msg: Vec<u8> = Vec::new();
    let mut i = 1;
    loop {
        msg.extend_from_slice(b"\n\t");
        if st.raw_get_i(3, i) == Type::Nil {
            st.pop(1);
            msg.truncate(msg.len() - 2);
            let mut full = b"module '".to_vec();
            full.extend_from_slice(name);
            full.extend_from_slice(b"' not found:");
            full.extend_from_slice(&msg);
            return Err(st.error_msg(full));
        }
        st.push_bytes(name)?;
        st.call(1, 2)?;
        if st.is_function(-2) {
            return Ok(());
        } else if st.is_string(-2) {
            st.pop(1);
            msg.extend_from_slice(st.to_bytes(-1)?.unwrap_or(b""));
            st.pop(1);
        } else {
            st.pop(2);
            msg.truncate(msg.len() - 2);
        }
        i += 1;
    }
}

fn ll_require(st: &mut State) -> LuaResult<usize> {
    let name = st.check_bytes(1)?;
    // The reference uses the name as a C string (up to a NUL) for the table keys and messages.
    let key = super::io::c_str(name).to_vec();
    st.set_top(1);
    st.get_field(REGISTRY_INDEX, "_LOADED")?;
    st.push_bytes(&key)?;
    st.get_table(2)?;
    if st.to_boolean(-1) {
        return Ok(1);
    }
    st.pop(1);
    find_loader(st, &key)?;
    st.rotate(-2, 1);
    st.push_value(1);
    st.push_value(-3);
    st.call(2, 1)?;
    if !st.is_nil(-1) {
        st.push_bytes(&key)?;
        st.insert(-2);
        st.set_table(2)?;
    } else {
        st.pop(1);
    }
    st.push_bytes(&key)?;
    if st.get_table(2)? == Type::Nil {
        st.push_bool(true);
        st.copy(-1, -2);
        st.push_bytes(&key)?;
        st.insert(-2);
        st.set_table(2)?;
    }
    st.rotate(-2, 1);
    Ok(2)
}

/// Sets `package[field]` from the environment variable `env` (versioned name first) or `default`,
/// replacing ";;" with the default (`setpath`).
fn set_path(st: &mut State, field: &str, env: &str, default: &str) -> LuaResult<()> {
    st.get_field(REGISTRY_INDEX, "LUA_NOENV")?;
    let noenv = st.to_boolean(-1);
    st.pop(1);
    let value = std::env::var_os(format!("{env}_5_4")).or_else(|| std::env::var_os(env));
    let path: Vec<u8> = match value {
        Some(v) if !noenv => {
            let p = v.as_bytes();
            match p.windows(2).position(|w| w == b";;") {
                None => p.to_vec(),
                Some(mark) => {
                    let mut b = Vec::new();
                    if mark > 0 {
                        b.extend_from_slice(&p[..mark]);
                        b.push(b';');
                    }
                    b.extend_from_slice(default.as_bytes());
                    if mark + 2 < p.len() {
                        b.push(b';');
                        b.extend_from_slice(&p[mark + 2..]);
                    }
                    b
                }
            }
        }
        _ => default.as_bytes().to_vec(),
    };
    st.push_bytes(&path)?;
    st.set_field(-2, field)
}

const PK_FUNCS: &[Reg] = &[("loadlib", ll_loadlib), ("searchpath", ll_searchpath)];

const SEARCHERS: [NativeFn; 4] = [searcher_preload, searcher_lua, searcher_c, searcher_croot];

/// Opens the package library, installs `require` in the globals and returns the package table.
pub fn open_package(st: &mut State) -> LuaResult<usize> {
    st.get_subtable(REGISTRY_INDEX, "_CLIBS")?;
    st.pop(1);
    st.new_lib(PK_FUNCS)?;
    st.create_table(SEARCHERS.len(), 0)?;
    for (i, f) in SEARCHERS.iter().enumerate() {
        st.push_value(-2);
        st.push_closure(*f, 1)?;
        st.raw_set_i(-2, i as i64 + 1)?;
    }
    st.set_field(-2, "searchers")?;
    set_path(st, "path", "LUA_PATH", PATH_DEFAULT)?;
    set_path(st, "cpath", "LUA_CPATH", CPATH_DEFAULT)?;
    st.push_str("/\n;\n?\n!\n-\n")?;
    st.set_field(-2, "config")?;
    st.get_subtable(REGISTRY_INDEX, "_LOADED")?;
    st.set_field(-2, "loaded")?;
    st.get_subtable(REGISTRY_INDEX, "_PRELOAD")?;
    st.set_field(-2, "preload")?;
    st.push_global_table();
    st.push_value(-2);
    st.set_funcs(&[("require", ll_require)], 1)?;
    st.pop(1);
    Ok(1)
}

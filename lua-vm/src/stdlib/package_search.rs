//! Finding modules for `require`: `package.searchpath`, the path templates ('?' marks, ';'
//! separators), the four searchers (preload, Lua files, C libraries, C root libraries), and
//! `package.loadlib`. Native libraries cannot be loaded: the C searchers and `loadlib` answer as the
//! reference does when built without dynamic library support.
#![forbid(unsafe_code)]

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;

use super::io::c_str;
use crate::value::Type;
use crate::vm::error::{LuaResult, Status};
use crate::vm::state::{upvalue_index, State, REGISTRY_INDEX};

/// Message of the loader without dynamic libraries (`DLMSG`).
const DLMSG: &str = "dynamic libraries not enabled; check your Lua installation";
/// Directory separator (`LUA_DIRSEP`).
const DIRSEP: &[u8] = b"/";

/// Replaces every `pat` in `s` with `rep` (`luaL_gsub`; `pat` is not empty).
fn gsub(s: &[u8], pat: &[u8], rep: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        if s[i..].starts_with(pat) {
            out.extend_from_slice(rep);
            i += pat.len();
        } else {
            out.push(s[i]);
            i += 1;
        }
    }
    out
}

/// True if the file can be opened for reading (`readable`).
fn readable(name: &[u8]) -> bool {
    std::fs::File::open(OsStr::from_bytes(name)).is_ok()
}

/// Looks for `name` in `path` (C string semantics for all arguments); the file name found, or the
/// "no file '...'" list of every name tried (`searchpath`).
pub fn search_path(
    name: &[u8],
    path: &[u8],
    sep: &[u8],
    dirsep: &[u8],
) -> Result<Vec<u8>, Vec<u8>> {
    let (name, path, sep, dirsep) = (c_str(name), c_str(path), c_str(sep), c_str(dirsep));
    let name = if !sep.is_empty() && name.contains(&sep[0]) {
        gsub(name, sep, dirsep)
    } else {
        name.to_vec()
    };
    let full = gsub(path, b"?", &name);
    if !full.is_empty() {
        for candidate in full.split(|&c| c == b';') {
            if readable(candidate) {
                return Ok(candidate.to_vec());
            }
        }
    }
    let mut msg = b"no file '".to_vec();
    msg.extend_from_slice(&gsub(&full, b";", b"'\n\tno file '"));
    msg.push(b'\'');
    Err(msg)
}

/// `package.searchpath(name, path [, sep [, rep]])`.
pub fn ll_searchpath(st: &mut State) -> LuaResult<usize> {
    // The reference's C compiler evaluates these arguments right to left.
    let rep = st.opt_bytes(4, DIRSEP)?;
    let sep = st.opt_bytes(3, b".")?;
    let path = st.check_bytes(2)?;
    let name = st.check_bytes(1)?;
    match search_path(name, path, sep, rep) {
        Ok(f) => st.push_bytes(&f)?,
        Err(msg) => {
            st.push_nil();
            st.push_bytes(&msg)?;
            return Ok(2);
        }
    }
    Ok(1)
}

/// Searches `package[pname]` (the package table is upvalue 1) for `name` (`findfile`); on failure
/// the message is pushed.
fn find_file(st: &mut State, name: &[u8], pname: &str) -> LuaResult<Option<Vec<u8>>> {
    st.get_field(upvalue_index(1), pname)?;
    let Some(path) = st.to_bytes(-1)? else {
        return Err(st.error_msg(format!("'package.{pname}' must be a string")));
    };
    match search_path(name, path, b".", DIRSEP) {
        Ok(f) => Ok(Some(f)),
        Err(msg) => {
            st.push_bytes(&msg)?;
            Ok(None)
        }
    }
}

/// The loader and its file name, or "error loading module" (`checkload`); the loader's error
/// message is on top when `ok` is false.
fn check_load(st: &mut State, ok: bool, filename: &[u8]) -> LuaResult<usize> {
    if ok {
        st.push_bytes(filename)?;
        return Ok(2);
    }
    let name = st.to_bytes(1)?.unwrap_or(b"").to_vec();
    let err = st.to_bytes(-1)?.unwrap_or(b"").to_vec();
    let mut msg = b"error loading module '".to_vec();
    msg.extend_from_slice(&name);
    msg.extend_from_slice(b"' from file '");
    msg.extend_from_slice(filename);
    msg.extend_from_slice(b"':\n\t");
    msg.extend_from_slice(&err);
    Err(st.error_msg(msg))
}

pub fn searcher_preload(st: &mut State) -> LuaResult<usize> {
    let name = st.check_bytes(1)?;
    st.get_field(REGISTRY_INDEX, "_PRELOAD")?;
    st.push_bytes(name)?;
    if st.get_table(-2)? == Type::Nil {
        let mut msg = b"no field package.preload['".to_vec();
        msg.extend_from_slice(c_str(name));
        msg.extend_from_slice(b"']");
        st.push_bytes(&msg)?;
        Ok(1)
    } else {
        st.push_str(":preload:")?;
        Ok(2)
    }
}

pub fn searcher_lua(st: &mut State) -> LuaResult<usize> {
    let name = st.check_bytes(1)?;
    let Some(filename) = find_file(st, name, "path")? else {
        return Ok(1);
    };
    let path = String::from_utf8_lossy(&filename).into_owned();
    let ok = st.load_file(Some(&path), "bt") == Status::Ok;
    check_load(st, ok, &filename)
}

pub fn searcher_c(st: &mut State) -> LuaResult<usize> {
    let name = st.check_bytes(1)?;
    let Some(filename) = find_file(st, name, "cpath")? else {
        return Ok(1);
    };
    st.push_str(DLMSG)?;
    check_load(st, false, &filename)
}

pub fn searcher_croot(st: &mut State) -> LuaResult<usize> {
    let name = st.check_bytes(1)?;
    let Some(dot) = name.iter().position(|&c| c == b'.') else {
        return Ok(0);
    };
    let Some(filename) = find_file(st, &name[..dot], "cpath")? else {
        return Ok(1);
    };
    st.push_str(DLMSG)?;
    check_load(st, false, &filename)
}

/// `package.loadlib(path, funcname)`: always `nil, message, "absent"` here.
pub fn ll_loadlib(st: &mut State) -> LuaResult<usize> {
    st.check_bytes(1)?;
    st.check_bytes(2)?;
    st.push_nil();
    st.push_str(DLMSG)?;
    st.push_str("absent")?;
    Ok(3)
}

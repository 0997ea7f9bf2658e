//! Modules from the host: `set_script_path` (adds `dir/?.lua` to `package.path`), `require` and
//! `reload` (clears `package.loaded[name]` and requires again: hot reload without restarting the VM).
//! When the `package` library is not loaded, `require` searches the script directories itself with the
//! same protocol (the loader gets the module name and the file path; its result, or `true`, is stored
//! in the loaded table, which is `package.loaded` when that library is present).

use std::path::{Path, PathBuf};

use lua_vm::value::Type;
use lua_vm::vm::state::REGISTRY_INDEX;
use lua_vm::{State, Status};

use crate::error::Result;
use crate::lua::Lua;
use crate::protect::Raise;
use crate::traits::FromLuaMulti;

impl Lua {
    /// Makes `require` find `dir/NAME.lua` (dots in NAME become directory separators).
    pub fn set_script_path(&self, dir: impl AsRef<Path>) -> Result<()> {
        let dir = dir.as_ref().to_path_buf();
        let pattern = format!("{}/?.lua;", dir.to_string_lossy());
        self.inner.script_dirs.borrow_mut().push(dir);
        self.inner.protect(|st| {
            if st.get_global("package")? == Type::Table {
                st.get_field(-1, "path")?;
                let old = st.to_bytes(-1)?.map(<[u8]>::to_vec).unwrap_or_default();
                st.pop(1);
                let mut path = pattern.into_bytes();
                path.extend_from_slice(&old);
                st.push_bytes(&path)?;
                st.set_field(-2, "path")?;
            }
            Ok(())
        })
    }

    /// Loads module `name` once (as Lua's `require`) and converts what it returned.
    pub fn require<T: FromLuaMulti>(&self, name: &str) -> Result<T> {
        let dirs = self.inner.script_dirs.borrow().clone();
        let mode = if self.inner.text_only.get() {
            "t"
        } else {
            "bt"
        };
        self.inner.protect(|st| {
            if st.get_global("require")? == Type::Function {
                st.push_str(name)?;
                st.call(1, 1)?;
            } else {
                st.pop(1);
                require_from(st, name, &dirs, mode)?;
            }
            let top = st.get_top();
            Ok(T::from_stack_multi(st, top, top)?)
        })
    }

    /// Forgets module `name` (`package.loaded[name] = nil`) and requires it again, so the new contents
    /// of its file run in the same VM.
    pub fn reload<T: FromLuaMulti>(&self, name: &str) -> Result<T> {
        self.inner.protect(|st| {
            st.get_subtable(REGISTRY_INDEX, "_LOADED")?;
            st.push_nil();
            st.set_field(-2, name)?;
            Ok(())
        })?;
        self.require(name)
    }
}

/// `require` without the package library: the loaded table, then `dir/NAME.lua` in each directory.
fn require_from(
    st: &mut State,
    name: &str,
    dirs: &[PathBuf],
    mode: &str,
) -> std::result::Result<(), Raise> {
    st.get_subtable(REGISTRY_INDEX, "_LOADED")?;
    let loaded = st.get_top();
    if st.get_field(loaded, name)? != Type::Nil && st.to_boolean(-1) {
        return Ok(());
    }
    st.pop(1);
    let rel = name.replace('.', "/");
    let mut tried = String::new();
    for dir in dirs {
        let file = dir.join(format!("{rel}.lua"));
        let file = file.to_string_lossy().into_owned();
        if !Path::new(&file).is_file() {
            tried.push_str(&format!("\n\tno file '{file}'"));
            continue;
        }
        if st.load_file(Some(&file), mode) != Status::Ok {
            let msg = crate::protect::plain_text(&st.value_at(-1));
            return Err(Raise::Lua(st.error_msg(format!(
                "error loading module '{name}' from file '{file}':\n\t{msg}"
            ))));
        }
        st.push_str(name)?;
        st.push_str(&file)?;
        st.call(2, 1)?;
        if st.is_nil(-1) {
            st.pop(1);
            st.push_bool(true);
        }
        st.push_value(-1);
        st.set_field(loaded, name)?;
        return Ok(());
    }
    Err(Raise::Lua(
        st.error_msg(format!("module '{name}' not found:{tried}")),
    ))
}

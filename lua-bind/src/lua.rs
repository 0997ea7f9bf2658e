//! `Lua`: the host's handle on a VM. Every method that enters the VM runs protected (see
//! `protect.rs`), so nothing a script does can abort the host. `Chunk` is a piece of source about to
//! be loaded: name it, give it an environment, then run it, evaluate it or keep it as a function.

use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

use lua_vm::stdlib::LIBS;
use lua_vm::vm::state::{MULTRET, REGISTRY_INDEX};
use lua_vm::{State, Status};

use crate::error::{Error, Result};
use crate::function::{push_closure, Function, LuaFn};
use crate::protect::{caught_error, Raise};
use crate::reference::Inner;
use crate::table::Table;
use crate::traits::{FromLua, FromLuaMulti, IntoLua, IntoLuaMulti, LuaReturn};
use crate::userdata::AnyUserData;

/// A Lua VM owned by the host. Cloning gives another handle on the same VM; the VM lives as long as
/// any `Lua`, `Table`, `Function`, `Value`... of it.
#[derive(Clone)]
pub struct Lua {
    pub(crate) inner: Rc<Inner>,
}

impl Lua {
    /// A VM with every standard library `lua_vm::stdlib::open_libs` opens.
    pub fn new() -> Lua {
        let lua = Lua::empty();
        lua.inner
            .protect(|st| Ok(lua_vm::stdlib::open_libs(st)?))
            .expect("opening the standard libraries cannot fail without a memory limit");
        lua
    }

    /// A VM with the named standard libraries only ("_G" is the base library; the names are those of
    /// `lua_vm::stdlib::LIBS`).
    pub fn with_libs(names: &[&str]) -> Result<Lua> {
        let lua = Lua::empty();
        for name in names {
            let Some((n, f)) = LIBS.iter().find(|(n, _)| n == name) else {
                return Err(Error::message(format!("unknown library '{name}'")));
            };
            lua.inner.protect(|st| {
                st.require_lib(n, *f, true)?;
                Ok(())
            })?;
        }
        Ok(lua)
    }

    /// A VM with no library at all.
    pub fn empty() -> Lua {
        let inner = Inner::new().expect("creating a VM cannot fail without a memory limit");
        Lua { inner }
    }

    pub(crate) fn from_inner(inner: Rc<Inner>) -> Lua {
        Lua { inner }
    }

    /// Prepares `source` for loading. By default the chunk is named after its text, as
    /// `luaL_loadstring` names it.
    pub fn load<'a>(&'a self, source: impl AsRef<[u8]> + 'a) -> Chunk<'a> {
        Chunk {
            lua: self,
            source: Box::new(source),
            name: None,
            env: None,
        }
    }

    /// Loads and runs a file (`dofile` from the host); errors name it as "file.lua:3:".
    pub fn exec_file(&self, path: impl AsRef<std::path::Path>) -> Result<()> {
        let path = path.as_ref().to_string_lossy().into_owned();
        self.inner.protect(|st| {
            let mode = if self.inner.text_only.get() {
                "t"
            } else {
                "bt"
            };
            let status = st.load_file(Some(&path), mode);
            if status != Status::Ok {
                let e = load_error(st, status);
                return Err(Raise::Host(e));
            }
            st.call(0, MULTRET)?;
            Ok(())
        })
    }

    /// The global table.
    pub fn globals(&self) -> Table {
        let get = || {
            self.inner.protect(|st| {
                st.push_global_table();
                Ok(Table::from_stack(st, st.get_top())?)
            })
        };
        get().unwrap_or_else(|_| {
            // Only the protected entry's stack room can fail, on a VM at its memory cap (handles
            // are not counted against it): the cap yields to the host for those few bytes.
            let limit = self.memory_limit();
            self.set_memory_limit(None);
            let t = get();
            self.set_memory_limit(limit);
            t.expect("the global table is always there")
        })
    }

    /// Sets global `name` (honouring a `__newindex` on the globals).
    pub fn set_global(&self, name: &str, value: impl IntoLua) -> Result<()> {
        self.inner.protect(|st| {
            value.push_into(st)?;
            st.set_global(name)?;
            Ok(())
        })
    }

    /// Reads global `name` (honouring an `__index` on the globals).
    pub fn get_global<T: FromLua>(&self, name: &str) -> Result<T> {
        self.inner.protect(|st| {
            st.get_global(name)?;
            let top = st.get_top();
            Ok(T::from_stack(st, top)?)
        })
    }

    /// Calls the global function `name` with `args` and converts its results.
    pub fn call_global<R: FromLuaMulti>(&self, name: &str, args: impl IntoLuaMulti) -> Result<R> {
        self.inner.protect(|st| {
            st.get_global(name)?;
            let f = st.get_top();
            let n = args.push_multi(st)?;
            st.call(n, MULTRET)?;
            let top = st.get_top();
            Ok(R::from_stack_multi(st, f, top)?)
        })
    }

    /// Registers one native function as global `name` (one line per function:
    /// `lua.register("add", add::FN)?`).
    pub fn register(&self, name: &str, f: LuaFn) -> Result<()> {
        self.set_global(name, f)
    }

    /// Registers a table of functions under their own names, as `luaL_newlib` plus `luaL_requiref`:
    /// the table becomes global `libname` and `package.loaded[libname]`.
    pub fn register_lib(&self, libname: &str, fns: &[LuaFn]) -> Result<Table> {
        self.inner.protect(|st| {
            st.create_table(0, fns.len())?;
            for f in fns {
                st.push_fn(f.native());
                st.set_field(-2, f.name())?;
            }
            st.get_subtable(REGISTRY_INDEX, "_LOADED")?;
            st.push_value(-2);
            st.set_field(-2, libname)?;
            st.pop(1);
            st.push_value(-1);
            st.set_global(libname)?;
            Ok(Table::from_stack(st, st.get_top())?)
        })
    }

    /// A Lua function calling a Rust closure. Its arguments convert to `A` (a tuple for several);
    /// a conversion failure is "bad argument #n to 'name' (...)" with the name the caller used.
    pub fn create_function<A, R, F>(&self, f: F) -> Result<Function>
    where
        A: FromLuaMulti,
        R: LuaReturn,
        F: Fn(&Lua, A) -> R + 'static,
    {
        self.make_function(None, f)
    }

    /// As `create_function`, with the name its error messages use.
    pub fn create_named_function<A, R, F>(&self, name: &'static str, f: F) -> Result<Function>
    where
        A: FromLuaMulti,
        R: LuaReturn,
        F: Fn(&Lua, A) -> R + 'static,
    {
        self.make_function(Some(name), f)
    }

    fn make_function<A, R, F>(&self, name: Option<&'static str>, f: F) -> Result<Function>
    where
        A: FromLuaMulti,
        R: LuaReturn,
        F: Fn(&Lua, A) -> R + 'static,
    {
        let weak = Rc::downgrade(&self.inner);
        self.inner.protect(|st| {
            push_closure(st, weak, name, f)?;
            Ok(Function::from_stack(st, st.get_top())?)
        })
    }

    /// A new empty table.
    pub fn create_table(&self) -> Result<Table> {
        self.inner.protect(|st| {
            st.new_table()?;
            Ok(Table::from_stack(st, st.get_top())?)
        })
    }

    /// A new table holding `items` as a sequence.
    pub fn create_sequence<T: IntoLua>(&self, items: impl IntoIterator<Item = T>) -> Result<Table> {
        self.inner.protect_light(|st| {
            let items = items.into_iter();
            st.gc_check();
            // Presized from the iterator's lower bound (capped: it is only a hint).
            let t = st.push_new_table(items.size_hint().0.min(1 << 20), 0)?;
            let top = st.get_top();
            for (i, v) in items.enumerate() {
                let v = v.into_raw(st)?;
                st.table_set_int(t, i as i64 + 1, v)?;
            }
            let r = crate::reference::Ref::with_inner(self.inner.clone(), st, top);
            Ok(Table(r))
        })
    }

    /// A full userdata holding `value` (read back with `AnyUserData::with`).
    pub fn create_userdata<T: Any>(&self, value: T) -> Result<AnyUserData> {
        self.inner.protect(|st| {
            st.new_userdata(RefCell::new(value), 0)?;
            Ok(AnyUserData::from_stack(st, st.get_top())?)
        })
    }

    /// Converts a Rust value to a Lua value held by the host.
    pub fn to_value(&self, v: impl IntoLua) -> Result<crate::Value> {
        self.inner.protect_light(|st| {
            v.push_into(st)?;
            let top = st.get_top();
            Ok(crate::value::value_from_stack_in(&self.inner, st, top)?)
        })
    }

    /// Converts a host-held Lua value to a Rust value.
    pub fn from_value<T: FromLua>(&self, v: &crate::Value) -> Result<T> {
        self.inner.protect_light(|st| match v.raw_in(st)? {
            // Reachable through the handle (or not collectable): converted without the stack.
            Some(raw) => Ok(T::from_raw(st, raw)?),
            None => {
                v.push_into(st)?;
                Ok(T::from_stack(st, st.get_top())?)
            }
        })
    }

    /// Runs a full garbage collection cycle.
    pub fn gc_collect(&self) -> Result<()> {
        self.inner.protect(|st| {
            st.full_gc();
            Ok(())
        })
    }

    /// Caps the memory the VM may use (`None`: no cap). Past it, allocations raise "not enough
    /// memory" (a script's `pcall` can catch it); uncaught, the host receives `Error::Memory`.
    pub fn set_memory_limit(&self, limit: Option<usize>) {
        self.inner.state().set_memory_limit(limit);
    }

    /// Bytes currently held by the VM's objects.
    pub fn memory_used(&self) -> usize {
        self.inner.state().memory_used()
    }

    /// Runs `f` on the main thread's stack inside a protected call (for code written directly on the
    /// stack API). The stack is restored afterwards.
    pub fn with_state<R>(&self, f: impl FnOnce(&mut State) -> Result<R>) -> Result<R> {
        self.inner.protect(|st| Ok(f(st)?))
    }
}

impl Default for Lua {
    fn default() -> Self {
        Lua::new()
    }
}

/// The error a failed load left on top of the stack (popped).
fn load_error(st: &mut State, status: Status) -> Error {
    let e = if status == Status::ErrFile {
        Error::Message(crate::protect::plain_text(&st.value_at(-1)))
    } else {
        caught_error(st, status, -1)
    };
    st.pop(1);
    e
}

/// A chunk of source code about to be loaded (see `Lua::load`).
pub struct Chunk<'a> {
    lua: &'a Lua,
    source: Box<dyn AsRef<[u8]> + 'a>,
    name: Option<String>,
    env: Option<Table>,
}

impl<'a> Chunk<'a> {
    /// The chunk's name in messages: "@file.lua" reads as a file ("file.lua:3:"), "=name" literally;
    /// any other name is taken literally too.
    pub fn set_name(mut self, name: impl Into<String>) -> Chunk<'a> {
        let name = name.into();
        self.name = Some(if name.starts_with('@') || name.starts_with('=') {
            name
        } else {
            format!("={name}")
        });
        self
    }

    /// The table the chunk sees as its globals (`_ENV`).
    pub fn set_environment(mut self, env: Table) -> Chunk<'a> {
        self.env = Some(env);
        self
    }

    /// Loads the chunk and pushes its function (with the environment set).
    fn load_into(&self, st: &mut State, src: &[u8]) -> std::result::Result<(), Raise> {
        let own = self.source.as_ref().as_ref();
        let name = self.name.as_deref().map(str::as_bytes).unwrap_or(own);
        let mode = if self.lua.inner.text_only.get() {
            "t"
        } else {
            "bt"
        };
        let status = st.load_bytes_named(src, name, mode);
        if status != Status::Ok {
            return Err(Raise::Host(load_error(st, status)));
        }
        if let Some(env) = &self.env {
            env.push_into(st)?;
            let f = st.value_at(-2);
            let v = st.value_at(-1);
            st.set_upvalue_of(&f, 1, v);
            st.pop(1);
        }
        Ok(())
    }

    /// Runs the chunk.
    pub fn exec(self) -> Result<()> {
        self.lua.inner.protect(|st| {
            self.load_into(st, self.source.as_ref().as_ref())?;
            st.call(0, 0)?;
            Ok(())
        })
    }

    /// Evaluates the chunk as an expression (`return <source>`) or, if that does not compile, runs it
    /// as statements; converts what it returns.
    pub fn eval<R: FromLuaMulti>(self) -> Result<R> {
        self.lua.inner.protect(|st| {
            let src = self.source.as_ref().as_ref();
            let mut expr = b"return ".to_vec();
            expr.extend_from_slice(src);
            if self.load_into(st, &expr).is_err() {
                self.load_into(st, src)?;
            }
            let f = st.get_top();
            st.call(0, MULTRET)?;
            let top = st.get_top();
            Ok(R::from_stack_multi(st, f, top)?)
        })
    }

    /// Loads the chunk without running it.
    pub fn into_function(self) -> Result<Function> {
        self.lua.inner.protect(|st| {
            self.load_into(st, self.source.as_ref().as_ref())?;
            Ok(Function::from_stack(st, st.get_top())?)
        })
    }
}

//! `LuaBuilder` and the sandbox: a VM for scripts the host did not write, with only the libraries
//! that cannot reach outside the VM, plus its memory cap and instruction budget.
//!
//! The sandbox keeps, by allow-list (anything else the libraries define is removed):
//! - base: `assert collectgarbage error getmetatable ipairs load next pairs pcall print rawequal
//!   rawget rawlen rawset select setmetatable tonumber tostring type warn xpcall _G _VERSION` (no
//!   `dofile`, no `loadfile`; `load` only accepts text chunks: its mode is forced to "t");
//! - `coroutine`, `table`, `math`, `utf8`: whole;
//! - `string`: all but `dump`;
//! - `os`: `clock date difftime time` only;
//! - `package`: `loaded preload config searchers`, where `searchers` holds only the preload searcher,
//!   so `require` finds the modules the host registered (`register_lib`, `package.preload`) and
//!   nothing on disk (no `path`, `cpath`, `searchpath`, `loadlib`);
//! - no `io`, no `debug`.
//!
//! Chunks the host loads in a sandboxed VM are text only as well.

use lua_vm::stdlib::{base, coroutine, math, os, package, string, table, utf8};
use lua_vm::value::Value as RawValue;
use lua_vm::vm::state::NativeFn;
use lua_vm::{LuaResult, State};

use crate::error::{Error, Result};
use crate::lua::Lua;

const BASE: &[&str] = &[
    "assert",
    "collectgarbage",
    "error",
    "getmetatable",
    "ipairs",
    "load",
    "next",
    "pairs",
    "pcall",
    "print",
    "rawequal",
    "rawget",
    "rawlen",
    "rawset",
    "select",
    "setmetatable",
    "tonumber",
    "tostring",
    "type",
    "warn",
    "xpcall",
    "_G",
    "_VERSION",
];
const STRING: &[&str] = &[
    "byte", "char", "find", "format", "gmatch", "gsub", "len", "lower", "match", "pack",
    "packsize", "rep", "reverse", "sub", "unpack", "upper",
];
const OS: &[&str] = &["clock", "date", "difftime", "time"];
const PACKAGE: &[&str] = &["loaded", "preload", "config", "searchers"];

/// The sandbox's libraries: (name, opener, names kept; `None` keeps all).
const SAFE_LIBS: &[(&str, NativeFn, Option<&[&str]>)] = &[
    ("_G", base::open_base, Some(BASE)),
    ("package", package::open_package, Some(PACKAGE)),
    ("coroutine", coroutine::open_coroutine, None),
    ("table", table::open_table, None),
    ("os", os::open_os, Some(OS)),
    ("string", string::open_string, Some(STRING)),
    ("math", math::open_math, None),
    ("utf8", utf8::open_utf8, None),
];

/// Builds a `Lua`: all standard libraries or the sandbox, with optional limits.
///
/// ```
/// use lua_bind::{LuaBuilder, Error};
///
/// let lua = LuaBuilder::new()
///     .sandbox(true)
///     .memory_limit(16 << 20)
///     .instruction_limit(1_000_000)
///     .build()
///     .unwrap();
/// assert_eq!(lua.load("io == nil and os.execute == nil").eval::<bool>().unwrap(), true);
/// let e = lua.load("while true do end").exec().unwrap_err();
/// assert!(e.lua_message().ends_with("instruction budget exhausted"));
/// ```
#[derive(Clone, Debug, Default)]
pub struct LuaBuilder {
    sandbox: bool,
    memory_limit: Option<usize>,
    instruction_limit: Option<u64>,
}

impl LuaBuilder {
    pub fn new() -> LuaBuilder {
        LuaBuilder::default()
    }

    /// Opens only the safe libraries (see `Lua::sandboxed`) instead of all of them.
    pub fn sandbox(mut self, on: bool) -> LuaBuilder {
        self.sandbox = on;
        self
    }

    /// Caps the VM's memory (`Lua::set_memory_limit`); the libraries' own tables count (a few tens
    /// of KiB).
    pub fn memory_limit(mut self, bytes: usize) -> LuaBuilder {
        self.memory_limit = Some(bytes);
        self
    }

    /// Gives the VM an instruction budget (`Lua::set_instruction_limit`).
    pub fn instruction_limit(mut self, instructions: u64) -> LuaBuilder {
        self.instruction_limit = Some(instructions);
        self
    }

    pub fn build(self) -> Result<Lua> {
        let lua = if self.sandbox {
            let lua = Lua::empty();
            lua.inner.text_only.set(true);
            lua.inner.protect(|st| Ok(open_sandbox(st)?))?;
            lua
        } else {
            Lua::new()
        };
        lua.set_memory_limit(self.memory_limit);
        lua.set_instruction_limit(self.instruction_limit);
        Ok(lua)
    }
}

impl Lua {
    /// A VM for untrusted scripts, without limits (add them with `set_memory_limit`,
    /// `set_instruction_limit` and `interrupt_handle`, or build with `LuaBuilder`). Only these are
    /// there:
    /// - base functions `assert collectgarbage error getmetatable ipairs load next pairs pcall print
    ///   rawequal rawget rawlen rawset select setmetatable tonumber tostring type warn xpcall`, `_G`
    ///   and `_VERSION`; no `dofile` or `loadfile`, and `load` takes text chunks only (mode "t" is
    ///   forced, a binary chunk is refused);
    /// - `coroutine`, `table`, `math`, `utf8`; `string` without `dump`;
    /// - `os.clock`, `os.date`, `os.difftime`, `os.time` (no `execute`, `exit`, `getenv`, `remove`,
    ///   `rename`, `setlocale`, `tmpname`);
    /// - `require` and `package.loaded/preload/config/searchers`, with the preload searcher only:
    ///   modules come from the host (`register_lib`, `package.preload`), never from disk
    ///   (`set_script_path` does not change that);
    /// - no `io`, no `debug`.
    ///
    /// The host's own `load` of chunks is text only too. To limit a script further, run it with an
    /// environment of its own (`Chunk::set_environment`): it then sees only that table's contents.
    pub fn sandboxed() -> Lua {
        LuaBuilder::new()
            .sandbox(true)
            .build()
            .expect("opening the sandbox cannot fail without a memory limit")
    }

    /// Whether this VM was built as a sandbox.
    pub fn is_sandboxed(&self) -> bool {
        self.inner.text_only.get()
    }
}

/// Opens the safe libraries and removes what is not on their allow-lists.
fn open_sandbox(st: &mut State) -> std::result::Result<(), Error> {
    for (name, open, keep) in SAFE_LIBS {
        st.require_lib(name, *open, true)?;
        if let Some(keep) = keep {
            keep_only(st, keep)?;
        }
        match *name {
            "_G" => text_only_load(st)?,
            "package" => preload_searcher_only(st)?,
            _ => {}
        }
        st.pop(1);
    }
    Ok(())
}

/// Removes every field of the table on top whose key is not in `keep`.
fn keep_only(st: &mut State, keep: &[&str]) -> LuaResult<()> {
    let t = st.get_top();
    let mut drop = Vec::new();
    st.push_nil();
    while st.next(t)? {
        let k = st.value_at(-2);
        let keep_it = match k {
            RawValue::Str(s) => keep.iter().any(|n| n.as_bytes() == s.get().as_bytes()),
            _ => false,
        };
        if !keep_it {
            drop.push(k);
        }
        st.pop(1);
    }
    // The keys stay reachable from the table until they are removed here.
    for k in drop {
        st.push(k);
        st.push_nil();
        st.raw_set(t)?;
    }
    Ok(())
}

/// Replaces the global `load` (the table on top is the global table) by one whose mode is "t".
fn text_only_load(st: &mut State) -> LuaResult<()> {
    st.get_field(-1, "load")?;
    let RawValue::NFn(load) = st.value_at(-1) else {
        return Err(st.error_msg("the base library has no native 'load'"));
    };
    st.pop(1);
    st.push_boxed_closure(
        Box::new(move |st: &mut State| {
            if st.get_top() == 0 {
                // Nothing to load: `load` reports the missing argument.
                return load(st);
            }
            if st.get_top() < 3 {
                st.set_top(3);
            }
            st.push_str("t")?;
            st.replace(3);
            load(st)
        }),
        0,
    )?;
    st.set_field(-2, "load")
}

/// Leaves only the preload searcher in `package.searchers` (the package table is on top).
fn preload_searcher_only(st: &mut State) -> LuaResult<()> {
    st.get_field(-1, "searchers")?;
    st.create_table(1, 0)?;
    st.raw_get_i(-2, 1);
    st.raw_set_i(-2, 1)?;
    st.set_field(-3, "searchers")?;
    st.pop(1);
    Ok(())
}

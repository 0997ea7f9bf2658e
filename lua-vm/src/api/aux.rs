//! The auxiliary library (our `lauxlib.h`), written only on the public stack API: argument checks
//! with the reference's messages, errors with position, metatables by name, references, `tolstring`,
//! tracebacks and library registration.

use std::any::Any;

use crate::value::{Type, Value};
use crate::vm::error::{LuaError, LuaResult, Status};
use crate::vm::meta::TmName;
use crate::vm::state::{NativeFn, State, MULTRET, REGISTRY_INDEX};

/// A function table entry for `new_lib`/`set_funcs` (the `luaL_Reg` pattern).
pub type Reg = (&'static str, NativeFn);

/// `ref_` result for a nil value (`LUA_REFNIL`).
pub const REFNIL: i64 = -1;
/// Never returned by `ref_` (`LUA_NOREF`).
pub const NOREF: i64 = -2;

impl State {
    /// A runtime error with the position of the calling Lua code prepended (`luaL_error`).
    #[cold]
    pub fn error_msg(&mut self, msg: impl AsRef<[u8]>) -> LuaError {
        let mut full = self.where_(1);
        full.extend_from_slice(msg.as_ref());
        match self.new_str(&full) {
            Ok(s) => LuaError::runtime(Value::Str(s)),
            Err(e) => e,
        }
    }

    /// "bad argument #arg to 'fname' (extramsg)" (`luaL_argerror`).
    #[cold]
    pub fn arg_error(&mut self, arg: i32, extramsg: &str) -> LuaError {
        let mut arg = arg;
        let Some(ci_idx) = self.get_stack(0) else {
            return self.error_msg(format!("bad argument #{arg} ({extramsg})"));
        };
        let d = self.get_info_frame(ci_idx, "n");
        if d.namewhat == "method" {
            arg -= 1;
            if arg == 0 {
                let name = d.name.unwrap_or_else(|| "?".into());
                return self.error_msg(format!("calling '{name}' on bad self ({extramsg})"));
            }
        }
        let name = match d.name {
            Some(n) => n,
            None => {
                let f = self.th().stack[self.th().cis[ci_idx].func];
                self.global_func_name(&f).unwrap_or_else(|| "?".into())
            }
        };
        self.error_msg(format!("bad argument #{arg} to '{name}' ({extramsg})"))
    }

    /// "bad argument #arg to 'f' (tname expected, got X)" (`luaL_typeerror`).
    #[cold]
    pub fn type_error_arg(&mut self, arg: i32, tname: &str) -> LuaError {
        let typearg = if self.get_metafield(arg, "__name").ok() == Some(Type::String) {
            let s = self
                .to_str_obj(-1)
                .map(|s| String::from_utf8_lossy(s.get().as_bytes()).into_owned());
            self.pop(1);
            s.unwrap_or_default()
        } else if matches!(self.value_at(arg), Value::LightUserData(_)) {
            "light userdata".to_string()
        } else {
            self.type_name_at(arg).to_string()
        };
        self.arg_error(arg, &format!("{tname} expected, got {typearg}"))
    }

    fn tag_error(&mut self, arg: i32, t: Type) -> LuaError {
        self.type_error_arg(arg, t.name())
    }

    /// The integer argument `arg` (`luaL_checkinteger`).
    pub fn check_integer(&mut self, arg: i32) -> LuaResult<i64> {
        match self.value_at(arg) {
            Value::Int(i) => Ok(i),
            _ => match self.to_integer(arg) {
                Some(i) => Ok(i),
                None => Err(if self.is_number(arg) {
                    self.arg_error(arg, "number has no integer representation")
                } else {
                    self.tag_error(arg, Type::Number)
                }),
            },
        }
    }

    pub fn opt_integer(&mut self, arg: i32, def: i64) -> LuaResult<i64> {
        if self.is_none_or_nil(arg) {
            Ok(def)
        } else {
            self.check_integer(arg)
        }
    }

    /// The number argument `arg` (`luaL_checknumber`).
    pub fn check_number(&mut self, arg: i32) -> LuaResult<f64> {
        match self.to_number(arg) {
            Some(n) => Ok(n),
            None => Err(self.tag_error(arg, Type::Number)),
        }
    }

    pub fn opt_number(&mut self, arg: i32, def: f64) -> LuaResult<f64> {
        if self.is_none_or_nil(arg) {
            Ok(def)
        } else {
            self.check_number(arg)
        }
    }

    /// The string argument `arg`; numbers are converted in place (`luaL_checklstring`).
    pub fn check_bytes<'a>(&mut self, arg: i32) -> LuaResult<&'a [u8]> {
        match self.to_bytes(arg)? {
            Some(s) => Ok(s),
            None => Err(self.tag_error(arg, Type::String)),
        }
    }

    pub fn opt_bytes<'a>(&mut self, arg: i32, def: &'a [u8]) -> LuaResult<&'a [u8]> {
        if self.is_none_or_nil(arg) {
            Ok(def)
        } else {
            self.check_bytes(arg)
        }
    }

    /// Checks the type of argument `arg` (`luaL_checktype`).
    pub fn check_type(&mut self, arg: i32, t: Type) -> LuaResult<()> {
        if self.type_at(arg) != Some(t) {
            return Err(self.tag_error(arg, t));
        }
        Ok(())
    }

    /// Checks that argument `arg` exists (`luaL_checkany`).
    pub fn check_any(&mut self, arg: i32) -> LuaResult<()> {
        if self.is_none(arg) {
            return Err(self.arg_error(arg, "value expected"));
        }
        Ok(())
    }

    /// Index of the string argument in `options`, or the default (`luaL_checkoption`).
    pub fn check_option(
        &mut self,
        arg: i32,
        def: Option<&str>,
        options: &[&str],
    ) -> LuaResult<usize> {
        let name: Vec<u8> = match def {
            Some(d) if self.is_none_or_nil(arg) => d.as_bytes().to_vec(),
            _ => self.check_bytes(arg)?.to_vec(),
        };
        if let Some(i) = options.iter().position(|o| o.as_bytes() == name.as_slice()) {
            return Ok(i);
        }
        let msg = format!("invalid option '{}'", String::from_utf8_lossy(&name));
        Err(self.arg_error(arg, &msg))
    }

    /// Argument check with a custom message (`luaL_argcheck`).
    pub fn arg_check(&mut self, cond: bool, arg: i32, msg: &str) -> LuaResult<()> {
        if cond {
            Ok(())
        } else {
            Err(self.arg_error(arg, msg))
        }
    }

    /// Pushes field `e` of the metatable of the value at `obj` if present (`luaL_getmetafield`).
    pub fn get_metafield(&mut self, obj: i32, e: &'static str) -> LuaResult<Type> {
        let v = self.value_at(obj);
        let Some(mt) = self.metatable_of(&v) else {
            return Ok(Type::Nil);
        };
        let key = self.static_str(e)?;
        let f = mt.get().get_str(key);
        if f.is_nil() {
            return Ok(Type::Nil);
        }
        self.push(f);
        Ok(f.type_of())
    }

    /// Calls metamethod `e` of the value at `obj` with it as argument, pushing the result
    /// (`luaL_callmeta`); false if there is no such metamethod.
    pub fn call_meta(&mut self, obj: i32, e: &'static str) -> LuaResult<bool> {
        let obj = self.abs_index(obj);
        if self.get_metafield(obj, e)? == Type::Nil {
            return Ok(false);
        }
        self.push_value(obj);
        self.call(1, 1)?;
        Ok(true)
    }

    /// Converts any value to a string as `tostring` does and pushes it (`luaL_tolstring`).
    pub fn to_lstring<'a>(&mut self, idx: i32) -> LuaResult<&'a [u8]> {
        let idx = self.abs_index(idx);
        if self.call_meta(idx, "__tostring")? {
            if !self.is_string(-1) {
                return Err(self.error_msg("'__tostring' must return a string"));
            }
        } else {
            let v = self.value_at(idx);
            match v {
                Value::Int(_) | Value::Num(_) => {
                    let s = self.to_string_value(v)?;
                    self.push(s);
                }
                Value::Str(_) => self.push(v),
                Value::Bool(b) => self.push_static_str(if b { "true" } else { "false" })?,
                Value::Nil => self.push_static_str("nil")?,
                _ => {
                    let kind = if self.get_metafield(idx, "__name")? == Type::String {
                        let n = self
                            .to_str_obj(-1)
                            .map(|s| s.get().as_bytes().to_vec())
                            .unwrap_or_default();
                        self.pop(1);
                        String::from_utf8_lossy(&n).into_owned()
                    } else {
                        v.type_name().to_string()
                    };
                    let p = v.pointer().unwrap_or(0);
                    self.push_str(&format!("{kind}: 0x{p:x}"))?;
                }
            }
        }
        Ok(self.to_bytes(-1)?.unwrap_or(b""))
    }

    /// Length of the value at `idx` as an integer, honouring `__len` (`luaL_len`).
    pub fn len_of(&mut self, idx: i32) -> LuaResult<i64> {
        self.len(idx)?;
        let n = self.to_integer(-1);
        let is_int = self.is_integer(-1) || n.is_some();
        self.pop(1);
        match n {
            Some(n) if is_int => Ok(n),
            _ => Err(self.error_msg("object length is not an integer")),
        }
    }

    /// Creates (or finds) the metatable registered as `tname` and pushes it; true if it was created
    /// (`luaL_newmetatable`).
    pub fn new_metatable(&mut self, tname: &str) -> LuaResult<bool> {
        if self.get_field(REGISTRY_INDEX, tname)? != Type::Nil {
            return Ok(false);
        }
        self.pop(1);
        self.create_table(0, 2)?;
        self.push_str(tname)?;
        self.set_field(-2, "__name")?;
        self.push_value(-1);
        self.set_field(REGISTRY_INDEX, tname)?;
        Ok(true)
    }

    /// Sets the metatable registered as `tname` on the value on top (`luaL_setmetatable`).
    pub fn set_metatable_named(&mut self, tname: &str) -> LuaResult<()> {
        self.get_field(REGISTRY_INDEX, tname)?;
        self.set_metatable(-2);
        Ok(())
    }

    /// The userdata at `arg` if its metatable is the one registered as `tname` (`luaL_testudata`).
    pub fn test_udata<'a, T: Any>(
        &mut self,
        arg: i32,
        tname: &str,
    ) -> LuaResult<Option<&'a mut T>> {
        let v = self.value_at(arg);
        let Value::UserData(u) = v else {
            return Ok(None);
        };
        let key = self.new_str(tname.as_bytes())?;
        let reg_mt = self.g().registry.get().get_str(key);
        match (u.get().meta, reg_mt) {
            (Some(mt), Value::Table(r)) if mt == r => Ok(u.get_mut().data.downcast_mut::<T>()),
            _ => Ok(None),
        }
    }

    /// Like `test_udata` but raises a type error (`luaL_checkudata`).
    pub fn check_udata<'a, T: Any>(&mut self, arg: i32, tname: &str) -> LuaResult<&'a mut T> {
        match self.test_udata::<T>(arg, tname)? {
            Some(u) => Ok(u),
            None => Err(self.type_error_arg(arg, tname)),
        }
    }

    /// Stores the value on top in table `t` under a fresh integer key and returns it (`luaL_ref`).
    pub fn ref_(&mut self, t: i32) -> LuaResult<i64> {
        if self.is_nil(-1) {
            self.pop(1);
            return Ok(REFNIL);
        }
        let t = self.abs_index(t);
        // Slot 0 holds the head of the free list.
        self.raw_get_i(t, 0);
        let free = self.to_integer(-1).unwrap_or(0);
        self.pop(1);
        let r = if free != 0 {
            self.raw_get_i(t, free);
            let next = self.to_integer(-1).unwrap_or(0);
            self.pop(1);
            self.push_integer(next);
            self.raw_set_i(t, 0)?;
            free
        } else {
            self.raw_len(t) as i64 + 1
        };
        self.raw_set_i(t, r)?;
        Ok(r)
    }

    /// Releases a reference made by `ref_` (`luaL_unref`).
    pub fn unref(&mut self, t: i32, r: i64) -> LuaResult<()> {
        if r < 0 {
            return Ok(());
        }
        let t = self.abs_index(t);
        self.raw_get_i(t, 0);
        self.raw_set_i(t, r)?;
        self.push_integer(r);
        self.raw_set_i(t, 0)
    }

    /// Pushes `msg` (if any) followed by the traceback of `of` starting at `level` (`luaL_traceback`).
    pub fn traceback(&mut self, of: &mut State, msg: Option<&[u8]>, level: usize) -> LuaResult<()> {
        let mut out = Vec::new();
        if let Some(m) = msg {
            out.extend_from_slice(m);
            out.push(b'\n');
        }
        of.traceback_into(&mut out, level)?;
        self.push_bytes(&out)
    }

    /// Registers functions into the table on top (`luaL_setfuncs`); the `nup` values below the table
    /// become upvalues of each function.
    pub fn set_funcs(&mut self, funcs: &[Reg], nup: usize) -> LuaResult<()> {
        for (name, f) in funcs {
            if nup == 0 {
                self.push_fn(*f);
            } else {
                for _ in 0..nup {
                    self.push_value(-(nup as i32));
                }
                self.push_closure(*f, nup)?;
            }
            self.set_field(-(nup as i32) - 2, name)?;
        }
        self.pop(nup as i32);
        Ok(())
    }

    /// Creates a table with the functions and pushes it (`luaL_newlib`).
    pub fn new_lib(&mut self, funcs: &[Reg]) -> LuaResult<()> {
        self.create_table(0, funcs.len())?;
        self.set_funcs(funcs, 0)
    }

    /// Ensures `t[fname]` (t at `idx`) is a table and pushes it; true if it already existed
    /// (`luaL_getsubtable`).
    pub fn get_subtable(&mut self, idx: i32, fname: &str) -> LuaResult<bool> {
        let idx = self.abs_index(idx);
        if self.get_field(idx, fname)? == Type::Table {
            return Ok(true);
        }
        self.pop(1);
        self.new_table()?;
        self.push_value(-1);
        self.set_field(idx, fname)?;
        Ok(false)
    }

    /// Opens a library: calls `openf(modname)` unless `package.loaded[modname]` is set, stores the result
    /// there (and in a global when `glb`), and leaves the module on the stack (`luaL_requiref`).
    pub fn require_lib(&mut self, modname: &str, openf: NativeFn, glb: bool) -> LuaResult<()> {
        self.get_subtable(REGISTRY_INDEX, "_LOADED")?;
        self.get_field(-1, modname)?;
        if !self.to_boolean(-1) {
            self.pop(1);
            self.push_fn(openf);
            self.push_str(modname)?;
            self.call(1, 1)?;
            self.push_value(-1);
            self.set_field(-3, modname)?;
        }
        self.remove(-2);
        if glb {
            self.push_value(-1);
            self.set_global(modname)?;
        }
        Ok(())
    }

    /// Loads a chunk from a buffer (`luaL_loadbufferx`).
    pub fn load_buffer(&mut self, buf: &[u8], name: &[u8], mode: &str) -> Status {
        self.load_bytes_named(buf, name, mode)
    }

    /// Loads and runs a string; errors propagate (`luaL_dostring` without protection).
    pub fn do_string(&mut self, src: &str) -> LuaResult<()> {
        let st = self.load_bytes_named(src.as_bytes(), src.as_bytes(), "bt");
        if st != Status::Ok {
            let v = self.pop_value();
            return Err(LuaError {
                status: st,
                value: v,
            });
        }
        self.call(0, MULTRET)
    }

    /// Loads a file, handling a leading `#` line (`luaL_loadfilex`); `None` reads standard input.
    pub fn load_file(&mut self, path: Option<&str>, mode: &str) -> Status {
        let (name, data) = match path {
            None => {
                use std::io::Read;
                let mut d = Vec::new();
                if let Err(e) = std::io::stdin().read_to_end(&mut d) {
                    let _ = self.push_str(&format!("cannot read stdin: {e}"));
                    return Status::ErrFile;
                }
                (b"=stdin".to_vec(), d)
            }
            Some(p) => match std::fs::read(p) {
                Ok(d) => {
                    let mut n = b"@".to_vec();
                    n.extend_from_slice(p.as_bytes());
                    (n, d)
                }
                Err(e) => {
                    let what = if std::path::Path::new(p).exists() {
                        "read"
                    } else {
                        "open"
                    };
                    let _ = self.push_str(&format!(
                        "cannot {what} {p}: {}",
                        crate::api::os_error_text(&e)
                    ));
                    return Status::ErrFile;
                }
            },
        };
        let body = skip_comment(&data);
        self.load_bytes_named(body, &name, mode)
    }
}

/// Skips a UTF-8 BOM and a first line starting with `#` (keeping the newline so line numbers hold).
pub fn skip_comment(data: &[u8]) -> &[u8] {
    let d = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
    if d.first() == Some(&b'#') {
        let nl = d.iter().position(|&c| c == b'\n').unwrap_or(d.len());
        // A binary chunk after the comment line starts right after the newline.
        if d.get(nl + 1) == Some(&0x1b) {
            return &d[nl + 1..];
        }
        &d[nl..]
    } else {
        d
    }
}

/// The `TmName` for a metamethod field name, if it is one.
pub fn tm_from_name(name: &str) -> Option<TmName> {
    crate::vm::meta::TM_NAMES
        .iter()
        .position(|n| *n == name)
        .and_then(|i| TmName::from_u8(i as u8))
}

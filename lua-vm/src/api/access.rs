//! The stack protocol (our `lua.h`, part 2): table access (with and without metamethods), metatables,
//! user values, globals, calls, protected calls, loading chunks, errors, comparison and arithmetic.

use crate::gc::heap::Gc;
use crate::value::table::Table;
use crate::value::{Type, Value};
use crate::vm::error::{LuaError, LuaResult, Status};
use crate::vm::ops::{ArithOp, Hint};
use crate::vm::state::{State, MULTRET};

/// Comparison operators of `compare` (`LUA_OPEQ`, `LUA_OPLT`, `LUA_OPLE`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompareOp {
    Eq,
    Lt,
    Le,
}

impl State {
    fn table_at(&self, idx: i32) -> Option<Gc<Table>> {
        self.value_at(idx).as_table()
    }

    /// Pushes `t[k]` where `t` is at `idx` and `k` is popped (`lua_gettable`).
    pub fn get_table(&mut self, idx: i32) -> LuaResult<Type> {
        let t = self.value_at(idx);
        let k = self.pop_value();
        let v = self.index(t, k, Hint::None)?;
        self.push(v);
        Ok(v.type_of())
    }

    /// Pushes `t[k]` for a string key (`lua_getfield`).
    pub fn get_field(&mut self, idx: i32, k: &str) -> LuaResult<Type> {
        let t = self.value_at(idx);
        let key = Value::Str(self.new_str(k.as_bytes())?);
        let v = self.index(t, key, Hint::None)?;
        self.push(v);
        Ok(v.type_of())
    }

    /// Pushes `t[n]` (`lua_geti`).
    pub fn get_i(&mut self, idx: i32, n: i64) -> LuaResult<Type> {
        let t = self.value_at(idx);
        let v = match t {
            Value::Table(h) if !h.get().get_int(n).is_nil() => h.get().get_int(n),
            _ => self.index(t, Value::Int(n), Hint::None)?,
        };
        self.push(v);
        Ok(v.type_of())
    }

    /// Pushes the global `name` (`lua_getglobal`).
    pub fn get_global(&mut self, name: &str) -> LuaResult<Type> {
        let g = Value::Table(self.globals_table());
        let key = Value::Str(self.new_str(name.as_bytes())?);
        let v = self.index(g, key, Hint::None)?;
        self.push(v);
        Ok(v.type_of())
    }

    /// Raw `t[k]` with the key popped (`lua_rawget`). The value at `idx` must be a table.
    pub fn raw_get(&mut self, idx: i32) -> Type {
        let t = self.table_at(idx);
        let k = self.pop_value();
        let v = t.map(|t| t.get().get(&k)).unwrap_or(Value::Nil);
        self.push(v);
        v.type_of()
    }

    /// Raw `t[n]` (`lua_rawgeti`).
    pub fn raw_get_i(&mut self, idx: i32, n: i64) -> Type {
        let v = self
            .table_at(idx)
            .map(|t| t.get().get_int(n))
            .unwrap_or(Value::Nil);
        self.push(v);
        v.type_of()
    }

    /// Raw `t[p]` for a light-userdata key (`lua_rawgetp`).
    pub fn raw_get_p(&mut self, idx: i32, p: usize) -> Type {
        let v = self
            .table_at(idx)
            .map(|t| t.get().get(&Value::LightUserData(p)))
            .unwrap_or(Value::Nil);
        self.push(v);
        v.type_of()
    }

    /// `t[k] = v` with `k` and `v` popped (`lua_settable`).
    pub fn set_table(&mut self, idx: i32) -> LuaResult<()> {
        let t = self.value_at(idx);
        let v = self.pop_value();
        let k = self.pop_value();
        self.newindex(t, k, v, Hint::None)
    }

    /// `t[k] = v` for a string key, `v` popped (`lua_setfield`).
    pub fn set_field(&mut self, idx: i32, k: &str) -> LuaResult<()> {
        let t = self.value_at(idx);
        let key = Value::Str(self.new_str(k.as_bytes())?);
        let v = self.pop_value();
        self.newindex(t, key, v, Hint::None)
    }

    /// `t[n] = v`, `v` popped (`lua_seti`).
    pub fn set_i(&mut self, idx: i32, n: i64) -> LuaResult<()> {
        let t = self.value_at(idx);
        let v = self.pop_value();
        self.newindex(t, Value::Int(n), v, Hint::None)
    }

    /// Sets the global `name` to the popped value (`lua_setglobal`).
    pub fn set_global(&mut self, name: &str) -> LuaResult<()> {
        let g = Value::Table(self.globals_table());
        let key = Value::Str(self.new_str(name.as_bytes())?);
        let v = self.pop_value();
        self.newindex(g, key, v, Hint::None)
    }

    /// Raw `t[k] = v` with `k` and `v` popped (`lua_rawset`).
    pub fn raw_set(&mut self, idx: i32) -> LuaResult<()> {
        let t = self.table_at(idx);
        let v = self.pop_value();
        let k = self.pop_value();
        match t {
            Some(t) => self.table_set_checked(t, k, v),
            None => Ok(()),
        }
    }

    /// Raw `t[n] = v`, `v` popped (`lua_rawseti`).
    pub fn raw_set_i(&mut self, idx: i32, n: i64) -> LuaResult<()> {
        let t = self.table_at(idx);
        let v = self.pop_value();
        match t {
            Some(t) => {
                self.g().heap.barrier(t);
                t.get_mut()
                    .set_int(&mut self.g().heap, n, v)
                    .map_err(|e| self.oom(e))
            }
            None => Ok(()),
        }
    }

    /// Raw `t[p] = v` for a light-userdata key, `v` popped (`lua_rawsetp`).
    pub fn raw_set_p(&mut self, idx: i32, p: usize) -> LuaResult<()> {
        let t = self.table_at(idx);
        let v = self.pop_value();
        match t {
            Some(t) => self.table_set_checked(t, Value::LightUserData(p), v),
            None => Ok(()),
        }
    }

    /// Pushes the metatable of the value at `idx` and returns true, or pushes nothing (`lua_getmetatable`).
    pub fn get_metatable(&mut self, idx: i32) -> bool {
        let v = self.value_at(idx);
        match self.metatable_of(&v) {
            Some(mt) => {
                self.push(Value::Table(mt));
                true
            }
            None => false,
        }
    }

    /// Pops a table (or nil) and sets it as the metatable of the value at `idx` (`lua_setmetatable`).
    pub fn set_metatable(&mut self, idx: i32) {
        let v = self.value_at(idx);
        let mt = self.pop_value().as_table();
        match v {
            Value::Table(t) => {
                self.g().heap.barrier(t);
                t.get_mut().meta = mt;
                self.check_finalizer(&v, mt);
            }
            Value::UserData(u) => {
                self.g().heap.barrier(u);
                u.get_mut().meta = mt;
                self.check_finalizer(&v, mt);
            }
            other => self.g().type_mt[other.type_of() as usize] = mt,
        }
    }

    /// Pushes the `n`-th user value of the userdata at `idx` (`lua_getiuservalue`); `None` (and nil
    /// pushed) if it has no such value.
    pub fn get_i_uservalue(&mut self, idx: i32, n: usize) -> Option<Type> {
        match self.value_at(idx) {
            Value::UserData(u) if n >= 1 && n <= u.get().user_values.len() => {
                let v = u.get().user_values[n - 1];
                self.push(v);
                Some(v.type_of())
            }
            _ => {
                self.push_nil();
                None
            }
        }
    }

    /// Pops a value into the `n`-th user value of the userdata at `idx`; false if it has none.
    pub fn set_i_uservalue(&mut self, idx: i32, n: usize) -> bool {
        let u = self.value_at(idx);
        let v = self.pop_value();
        match u {
            Value::UserData(u) if n >= 1 && n <= u.get().user_values.len() => {
                self.g().heap.barrier(u);
                u.get_mut().user_values[n - 1] = v;
                true
            }
            _ => false,
        }
    }

    /// Calls the function below the `nargs` arguments on top; leaves `nresults` results (`MULTRET`: all).
    /// Errors propagate (`lua_call`); the call cannot be suspended by a yield.
    pub fn call(&mut self, nargs: usize, nresults: i32) -> LuaResult<()> {
        let func = self.th().top - nargs - 1;
        self.call_noyield_at(func, nresults)
    }

    /// Protected call (`lua_pcall`): `msgh` is the stack index of a message handler (0: none). On error
    /// the stack holds the error object in place of the function and arguments.
    pub fn pcall(&mut self, nargs: usize, nresults: i32, msgh: i32) -> Status {
        let func = self.th().top - nargs - 1;
        let errfunc = if msgh == 0 {
            0
        } else {
            self.slot(msgh).unwrap_or(0)
        };
        self.pcall_at(func, nresults, errfunc)
    }

    /// Loads a chunk and pushes its function, or pushes the error message (`lua_load`).
    pub fn load(&mut self, chunk: &[u8], chunkname: &str, mode: &str) -> Status {
        self.load_bytes_named(chunk, chunkname.as_bytes(), mode)
    }

    pub fn load_bytes_named(&mut self, chunk: &[u8], chunkname: &[u8], mode: &str) -> Status {
        match self.load_chunk(chunk, chunkname, mode) {
            Ok(f) => {
                self.push(Value::LFn(f));
                Status::Ok
            }
            Err(e) => {
                self.push(e.value);
                e.status
            }
        }
    }

    /// Pops the error object and returns the error that raises it (`lua_error`): `return Err(st.error())`.
    pub fn error(&mut self) -> LuaError {
        let v = self.pop_value();
        LuaError::runtime(v)
    }

    /// Pops a key and pushes the next key-value pair of the table at `idx` (`lua_next`); false at the end.
    pub fn next(&mut self, idx: i32) -> LuaResult<bool> {
        let t = self.table_at(idx);
        let k = self.pop_value();
        let Some(t) = t else { return Ok(false) };
        match t.get().next(&k) {
            Ok(Some((k, v))) => {
                self.push(k);
                self.push(v);
                Ok(true)
            }
            Ok(None) => Ok(false),
            Err(_) => Err(self.runtime_error("invalid key to 'next'")),
        }
    }

    /// Concatenates the `n` values on top, leaving the result (`lua_concat`).
    pub fn concat_n(&mut self, n: usize) -> LuaResult<()> {
        if n == 0 {
            return self.push_bytes(b"");
        }
        self.concat(n)
    }

    /// Pushes the length of the value at `idx`, honouring `__len` (`lua_len`).
    pub fn len(&mut self, idx: i32) -> LuaResult<()> {
        let v = self.value_at(idx);
        let r = self.obj_len(v, Hint::None)?;
        self.push(r);
        Ok(())
    }

    /// Compares two values, honouring metamethods (`lua_compare`); false if an index is not valid.
    pub fn compare(&mut self, a: i32, b: i32, op: CompareOp) -> LuaResult<bool> {
        if self.is_none(a) || self.is_none(b) {
            return Ok(false);
        }
        let (x, y) = (self.value_at(a), self.value_at(b));
        match op {
            CompareOp::Eq => self.equal(x, y),
            CompareOp::Lt => self.less_than(x, y),
            CompareOp::Le => self.less_equal(x, y),
        }
    }

    pub fn raw_equal(&self, a: i32, b: i32) -> bool {
        !self.is_none(a) && !self.is_none(b) && self.value_at(a).raw_eq(&self.value_at(b))
    }

    /// Arithmetic on the top two values (one for unary operators), replaced by the result (`lua_arith`).
    pub fn arith_top(&mut self, op: ArithOp) -> LuaResult<()> {
        let (a, b) = if matches!(op, ArithOp::Unm | ArithOp::BNot) {
            let a = self.pop_value();
            (a, a)
        } else {
            let b = self.pop_value();
            let a = self.pop_value();
            (a, b)
        };
        let r = self.arith(op, a, b)?;
        self.push(r);
        Ok(())
    }

    /// Converts a string to a number and pushes it; returns the string's length + 1 or 0 on failure
    /// (`lua_stringtonumber`).
    pub fn string_to_number(&mut self, s: &[u8]) -> usize {
        match crate::value::convert::str_to_value(s) {
            Some(v) => {
                self.push(v);
                s.len() + 1
            }
            None => 0,
        }
    }

    /// Calls a function value with arguments and collects all results (a convenience for hosts).
    pub fn call_value(&mut self, f: Value, args: &[Value]) -> LuaResult<Vec<Value>> {
        let base = self.get_top();
        self.check_stack(args.len() + 1)?;
        self.push(f);
        for a in args {
            self.push(*a);
        }
        self.call(args.len(), MULTRET)?;
        let n = self.get_top() - base;
        let mut out = Vec::with_capacity(n as usize);
        for i in 1..=n {
            out.push(self.value_at(base + i));
        }
        self.set_top(base);
        Ok(out)
    }
}

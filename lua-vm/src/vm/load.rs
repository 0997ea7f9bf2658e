//! Loading chunks: compiling source text (or reading a binary chunk) and turning the compiler's
//! `FuncProto` into the garbage-collected runtime `Proto` and a closure over the global table.

use std::collections::HashMap;

use crate::compiler::proto::{Constant, FuncProto};
use crate::gc::heap::Gc;
use crate::value::function::{LClosure, Proto, UpVal};
use crate::value::string::{LuaStr, MAX_SHORT_LEN};
use crate::value::Value;
use crate::vm::error::{LuaError, LuaResult, Status};
use crate::vm::state::State;

impl State {
    /// Builds the runtime prototype tree for a compiled function.
    pub fn load_proto(&mut self, fp: &FuncProto) -> LuaResult<Gc<Proto>> {
        let mut long_strings = HashMap::new();
        self.load_proto_in(fp, &mut long_strings)
    }

    /// `load_proto` with the long strings already created for this chunk: equal long string constants
    /// of one chunk are one object, as the reference's scanner makes them.
    fn load_proto_in(
        &mut self,
        fp: &FuncProto,
        long: &mut HashMap<Vec<u8>, Gc<LuaStr>>,
    ) -> LuaResult<Gc<Proto>> {
        let mut k = Vec::with_capacity(fp.constants.len());
        for c in &fp.constants {
            k.push(match c {
                Constant::Nil => Value::Nil,
                Constant::Bool(b) => Value::Bool(*b),
                Constant::Int(i) => Value::Int(*i),
                Constant::Float(f) => Value::Num(*f),
                Constant::Str(s) if s.len() > MAX_SHORT_LEN => match long.get(s) {
                    Some(&ls) => Value::Str(ls),
                    None => {
                        let ls = self.new_str(s)?;
                        long.insert(s.clone(), ls);
                        Value::Str(ls)
                    }
                },
                Constant::Str(s) => Value::Str(self.new_str(s)?),
            });
        }
        // Constants are reachable only through this Rust vector until the Proto exists; no collection
        // can run during loading (collections happen only at the VM's safe points).
        let mut protos = Vec::with_capacity(fp.protos.len());
        for p in &fp.protos {
            protos.push(self.load_proto_in(p, long)?);
        }
        let source = self.new_str(&fp.source)?;
        self.alloc(Proto {
            code: fp.code.clone().into_boxed_slice(),
            k: k.into_boxed_slice(),
            protos: protos.into_boxed_slice(),
            upvalues: fp.upvalues.clone().into_boxed_slice(),
            num_params: fp.num_params,
            is_vararg: fp.is_vararg,
            max_stack: fp.max_stack_size.max(2),
            line_info: fp.line_info.clone().into_boxed_slice(),
            loc_vars: fp.loc_vars.clone().into_boxed_slice(),
            source,
            line_defined: fp.line_defined,
            last_line_defined: fp.last_line_defined,
        })
    }

    /// A closure for a main chunk: its upvalues are fresh closed upvalues, the first one holding the
    /// global table (`_ENV`).
    pub fn closure_for_main(&mut self, p: Gc<Proto>) -> LuaResult<Gc<LClosure>> {
        let n = p.get().upvalues.len();
        let mut ups = Vec::with_capacity(n);
        for i in 0..n {
            let v = if i == 0 {
                Value::Table(self.globals_table())
            } else {
                Value::Nil
            };
            let uv = self.alloc(UpVal {
                v: std::ptr::null_mut(),
                closed: v,
                index: 0,
                open: false,
            })?;
            let u = uv.get_mut();
            u.v = &mut u.closed;
            ups.push(uv);
        }
        self.alloc(LClosure {
            proto: p,
            upvals: ups.into_boxed_slice(),
        })
    }

    /// Compiles or reads a chunk. `mode` is "t", "b" or "bt" as for `load`. On success returns the main
    /// closure; a syntax error comes back with status `ErrSyntax` and the message as its value.
    pub fn load_chunk(
        &mut self,
        chunk: &[u8],
        chunkname: &[u8],
        mode: &str,
    ) -> LuaResult<Gc<LClosure>> {
        let is_binary = chunk.first() == Some(&0x1b);
        let fp = if is_binary {
            if !mode.contains('b') {
                return Err(
                    self.syntax_error(format!("attempt to load a binary chunk (mode is '{mode}')"))
                );
            }
            match crate::compiler::dump::undump(chunk, chunkname) {
                Ok(fp) => fp,
                Err(msg) => return Err(self.syntax_error(msg)),
            }
        } else {
            if !mode.contains('t') {
                return Err(
                    self.syntax_error(format!("attempt to load a text chunk (mode is '{mode}')"))
                );
            }
            match crate::compiler::compile(chunk, chunkname) {
                Ok(fp) => fp,
                Err(e) => {
                    let s = self.new_str(&e.message)?;
                    return Err(LuaError {
                        status: Status::ErrSyntax,
                        value: Value::Str(s),
                    });
                }
            }
        };
        let p = self.load_proto(&fp)?;
        self.closure_for_main(p)
    }

    fn syntax_error(&mut self, msg: String) -> LuaError {
        match self.new_str(msg.as_bytes()) {
            Ok(s) => LuaError {
                status: Status::ErrSyntax,
                value: Value::Str(s),
            },
            Err(e) => e,
        }
    }
}

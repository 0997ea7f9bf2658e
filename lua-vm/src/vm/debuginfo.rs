//! Debug information derived from bytecode (the reference's `ldebug.c`): current lines, names of
//! variables and functions found by symbolic execution, and the runtime error messages that use them
//! ("attempt to index a nil value (local 't')").

use crate::compiler::chunkid::chunk_id;
use crate::compiler::opcode::*;
use crate::value::function::Proto;
use crate::value::Value;
use crate::vm::error::LuaError;
use crate::vm::ops::Hint;
use crate::vm::state::{cist, CallInfo, State};

/// Line of instruction `pc` of `p`, or -1 without line information.
pub fn line_of(p: &Proto, pc: usize) -> i64 {
    p.line_info.get(pc).map(|&l| l as i64).unwrap_or(-1)
}

/// Index of the instruction being executed by a Lua frame.
pub fn current_pc(ci: &CallInfo) -> usize {
    ci.pc_index().saturating_sub(1)
}

/// Name of the `n`-th (1-based) active local variable at `pc` (`luaF_getlocalname`).
pub fn local_name(p: &Proto, n: usize, pc: usize) -> Option<&[u8]> {
    let mut n = n;
    for lv in p.loc_vars.iter() {
        if lv.start_pc as usize > pc {
            break;
        }
        if pc < lv.end_pc as usize {
            n -= 1;
            if n == 0 {
                return Some(&lv.name);
            }
        }
    }
    None
}

fn upval_name(p: &Proto, i: usize) -> String {
    match p.upvalues.get(i).and_then(|u| u.name.as_ref()) {
        Some(n) => String::from_utf8_lossy(n).into_owned(),
        None => "?".into(),
    }
}

fn is_mm_mode(op: OpCode) -> bool {
    matches!(op, OpCode::MMBIN | OpCode::MMBINI | OpCode::MMBINK)
}

/// Whether an instruction writes register A.
fn sets_a(op: OpCode) -> bool {
    use OpCode::*;
    !matches!(
        op,
        SETTABUP
            | SETTABLE
            | SETI
            | SETFIELD
            | SETUPVAL
            | MMBIN
            | MMBINI
            | MMBINK
            | CLOSE
            | TBC
            | JMP
            | EQ
            | LT
            | LE
            | EQK
            | EQI
            | LTI
            | LEI
            | GTI
            | GEI
            | TEST
            | RETURN
            | RETURN0
            | RETURN1
            | TFORPREP
            | SETLIST
            | VARARGPREP
            | EXTRAARG
    )
}

/// Last instruction before `lastpc` that set register `reg`, unless it is inside conditional code.
fn find_set_reg(p: &Proto, lastpc: usize, reg: u32) -> Option<usize> {
    let mut lastpc = lastpc;
    if p.code
        .get(lastpc)
        .is_some_and(|&i| is_mm_mode(get_opcode(i)))
    {
        lastpc = lastpc.saturating_sub(1);
    }
    let mut setreg: Option<usize> = None;
    let mut jmptarget = 0usize;
    for pc in 0..lastpc.min(p.code.len()) {
        let i = p.code[pc];
        let op = get_opcode(i);
        let a = get_a(i);
        let change = match op {
            OpCode::LOADNIL => a <= reg && reg <= a + get_b(i),
            OpCode::TFORCALL => reg >= a + 2,
            OpCode::CALL | OpCode::TAILCALL => reg >= a,
            OpCode::JMP => {
                let dest = pc as i64 + 1 + get_sj(i) as i64;
                if dest <= lastpc as i64 && dest > jmptarget as i64 {
                    jmptarget = dest as usize;
                }
                false
            }
            _ => sets_a(op) && reg == a,
        };
        if change {
            setreg = if pc < jmptarget { None } else { Some(pc) };
        }
    }
    setreg
}

fn const_str(p: &Proto, k: usize) -> Option<String> {
    match p.k.get(k) {
        Some(Value::Str(s)) => Some(String::from_utf8_lossy(s.get().as_bytes()).into_owned()),
        _ => None,
    }
}

/// Kind and name of the value in register `reg` at `lastpc` (`getobjname`).
pub fn obj_name(p: &Proto, lastpc: usize, reg: u32) -> Option<(&'static str, String)> {
    obj_name_depth(p, lastpc, reg, 0)
}

fn obj_name_depth(
    p: &Proto,
    lastpc: usize,
    reg: u32,
    depth: u32,
) -> Option<(&'static str, String)> {
    if let Some(n) = local_name(p, reg as usize + 1, lastpc) {
        return Some(("local", String::from_utf8_lossy(n).into_owned()));
    }
    if depth > 50 {
        return None;
    }
    let pc = find_set_reg(p, lastpc, reg)?;
    let i = p.code[pc];
    match get_opcode(i) {
        OpCode::MOVE => {
            let b = get_b(i);
            if b < get_a(i) {
                return obj_name_depth(p, pc, b, depth + 1);
            }
            None
        }
        OpCode::GETTABUP => {
            let name = const_str(p, get_c(i) as usize).unwrap_or_else(|| "?".into());
            Some((gxf(p, pc, i, true), name))
        }
        OpCode::GETTABLE => {
            let name = reg_name(p, pc, get_c(i));
            Some((gxf(p, pc, i, false), name))
        }
        OpCode::GETI => Some(("field", "integer index".into())),
        OpCode::GETFIELD => {
            let name = const_str(p, get_c(i) as usize).unwrap_or_else(|| "?".into());
            Some((gxf(p, pc, i, false), name))
        }
        OpCode::GETUPVAL => Some(("upvalue", upval_name(p, get_b(i) as usize))),
        OpCode::LOADK | OpCode::LOADKX => {
            let b = if get_opcode(i) == OpCode::LOADK {
                get_bx(i) as usize
            } else {
                p.code
                    .get(pc + 1)
                    .map(|&x| get_ax(x) as usize)
                    .unwrap_or(usize::MAX)
            };
            const_str(p, b).map(|s| ("constant", s))
        }
        OpCode::SELF => {
            let name = if get_k(i) {
                const_str(p, get_c(i) as usize).unwrap_or_else(|| "?".into())
            } else {
                reg_name(p, pc, get_c(i))
            };
            Some(("method", name))
        }
        _ => None,
    }
}

/// Name of a register used as a key: a constant string loaded into it, else "?" (`rname`).
fn reg_name(p: &Proto, pc: usize, c: u32) -> String {
    match obj_name(p, pc, c) {
        Some(("constant", n)) => n,
        _ => "?".into(),
    }
}

/// "global" when the indexed table is `_ENV`, else "field" (`gxf`).
fn gxf(p: &Proto, pc: usize, i: Instruction, is_up: bool) -> &'static str {
    let t = get_b(i);
    let name = if is_up {
        Some(upval_name(p, t as usize))
    } else {
        obj_name(p, pc, t).map(|(_, n)| n)
    };
    if name.as_deref() == Some("_ENV") {
        "global"
    } else {
        "field"
    }
}

/// Kind and name of the function called by instruction `pc` (`funcnamefromcode`).
pub fn func_name_from_code(st: &State, p: &Proto, pc: usize) -> Option<(&'static str, String)> {
    let i = *p.code.get(pc)?;
    let tm = match get_opcode(i) {
        OpCode::CALL | OpCode::TAILCALL => return obj_name(p, pc, get_a(i)),
        OpCode::TFORCALL => return Some(("for iterator", "for iterator".into())),
        OpCode::SELF | OpCode::GETTABUP | OpCode::GETTABLE | OpCode::GETI | OpCode::GETFIELD => {
            "index"
        }
        OpCode::SETTABUP | OpCode::SETTABLE | OpCode::SETI | OpCode::SETFIELD => "newindex",
        OpCode::MMBIN | OpCode::MMBINI | OpCode::MMBINK => {
            let _ = st;
            let ev = crate::vm::meta::TmName::from_u8(get_c(i) as u8)?;
            return Some(("metamethod", ev.name()[2..].to_string()));
        }
        OpCode::UNM => "unm",
        OpCode::BNOT => "bnot",
        OpCode::LEN => "len",
        OpCode::CONCAT => "concat",
        OpCode::EQ => "eq",
        OpCode::LT | OpCode::LTI | OpCode::GTI => "lt",
        OpCode::LE | OpCode::LEI | OpCode::GEI => "le",
        OpCode::CLOSE | OpCode::RETURN => "close",
        _ => return None,
    };
    Some(("metamethod", tm.to_string()))
}

impl State {
    /// The Lua prototype running in frame `ci`, if it is a Lua frame.
    pub(crate) fn frame_proto<'a>(&self, ci: &CallInfo) -> Option<&'a Proto> {
        if !ci.is_lua() {
            return None;
        }
        match self.th().stack.get(ci.func)? {
            Value::LFn(c) => Some(c.get().proto.get()),
            _ => None,
        }
    }

    /// Kind and name of the function running in frame number `level_idx` (index into the call stack),
    /// from the instruction of its caller (`funcnamefromcall` applied to the caller).
    pub(crate) fn func_name_for_frame(&self, idx: usize) -> Option<(&'static str, String)> {
        let th = self.th();
        let ci = th.cis.get(idx)?;
        if ci.status & cist::TAIL != 0 {
            return None;
        }
        let caller = th.cis.get(idx.checked_sub(1)?)?;
        if caller.status & cist::HOOKED != 0 {
            return Some(("hook", "?".into()));
        }
        if caller.status & cist::FIN != 0 {
            return Some(("metamethod", "__gc".into()));
        }
        let p = self.frame_proto(caller)?;
        func_name_from_code(self, p, current_pc(caller))
    }

    /// " (kind 'name')" for an operand of the current Lua frame, or "" (`varinfo`).
    pub(crate) fn varinfo(&self, hint: Hint) -> String {
        let th = self.th();
        let ci = th.ci();
        let Some(p) = self.frame_proto(ci) else {
            return String::new();
        };
        let found = match hint {
            Hint::None => None,
            Hint::Upval(u) => Some(("upvalue", upval_name(p, u as usize))),
            Hint::Reg(r) => obj_name(p, current_pc(ci), r),
        };
        match found {
            Some((kind, name)) => format!(" ({kind} '{name}')"),
            None => String::new(),
        }
    }

    /// The type name used in messages: `__name` of the metatable when it is a string.
    pub fn obj_type_name(&self, v: &Value) -> String {
        if matches!(v, Value::Table(_) | Value::UserData(_)) {
            if let Some(mt) = self.metatable_of(v) {
                if let Value::Str(s) = mt.get().get_str(self.intern_existing(b"__name")) {
                    return String::from_utf8_lossy(s.get().as_bytes()).into_owned();
                }
            }
        }
        v.type_name().to_string()
    }

    /// "attempt to {op} a {type} value{varinfo}". `key` adds the key for indexing a field of a nil
    /// upvalue/global chain as the reference does for `_ENV` fields.
    #[cold]
    pub(crate) fn type_error(
        &mut self,
        v: &Value,
        op: &str,
        hint: Hint,
        key: Option<&Value>,
    ) -> LuaError {
        let _ = key;
        let t = self.obj_type_name(v);
        let info = self.varinfo(hint);
        self.runtime_error(format!("attempt to {op} a {t} value{info}"))
    }

    /// "attempt to call a X value (global 'f')" for the current call instruction (`luaG_callerror`).
    #[cold]
    pub(crate) fn call_error(&mut self, f: Value) -> LuaError {
        let th = self.th();
        let ci = *th.ci();
        let named = if ci.status & cist::HOOKED != 0 {
            Some(("hook", "?".to_string()))
        } else if ci.status & cist::FIN != 0 {
            Some(("metamethod", "__gc".to_string()))
        } else {
            self.frame_proto(&ci)
                .and_then(|p| func_name_from_code(self, p, current_pc(&ci)))
        };
        let t = self.obj_type_name(&f);
        let info = match named {
            Some((kind, name)) => format!(" ({kind} '{name}')"),
            None => String::new(),
        };
        self.runtime_error(format!("attempt to call a {t} value{info}"))
    }

    /// A runtime error with "chunk:line:" of the current Lua frame prepended (`luaG_runerror`).
    #[cold]
    pub fn runtime_error(&mut self, msg: impl AsRef<str>) -> LuaError {
        let msg = msg.as_ref();
        let mut full = self.where_prefix_of_current();
        full.extend_from_slice(msg.as_bytes());
        match self.new_str(&full) {
            Ok(s) => LuaError::runtime(Value::Str(s)),
            Err(e) => e,
        }
    }

    /// "chunk:line: " for the current frame if it is a Lua frame, else empty.
    fn where_prefix_of_current(&self) -> Vec<u8> {
        let ci = *self.th().ci();
        self.where_prefix(&ci)
    }

    pub(crate) fn where_prefix(&self, ci: &CallInfo) -> Vec<u8> {
        let Some(p) = self.frame_proto(ci) else {
            return Vec::new();
        };
        let mut out = chunk_id(p.source.get().as_bytes());
        out.extend_from_slice(format!(":{}: ", line_of(p, current_pc(ci))).as_bytes());
        out
    }

    /// `luaL_where(L, level)`: "chunk:line: " of the function at `level` (1 = the caller of the running
    /// native function) when it is a Lua function.
    pub fn where_(&self, level: usize) -> Vec<u8> {
        let th = self.th();
        let n = th.cis.len();
        if level >= n {
            return Vec::new();
        }
        let ci = th.cis[n - 1 - level];
        if !ci.is_lua() {
            return Vec::new();
        }
        let Some(p) = self.frame_proto(&ci) else {
            return Vec::new();
        };
        if p.line_info.is_empty() {
            return Vec::new();
        }
        self.where_prefix(&ci)
    }

    /// The interned string for `b` (allocating it if needed; metamethod-like names are always present).
    pub(crate) fn intern_existing(
        &self,
        b: &[u8],
    ) -> crate::gc::heap::Gc<crate::value::string::LuaStr> {
        let g = self.g();
        match g.strings.intern(&mut g.heap, b) {
            Ok(s) => s,
            Err(_) => g.mem_err_msg,
        }
    }
}

/// Name of the local variable living in stack slot `level` of the current frame (for `<close>` errors).
pub(crate) fn local_name_at(st: &State, level: usize) -> Option<String> {
    let th = st.th();
    let ci = *th.ci();
    let p = st.frame_proto(&ci)?;
    let reg = level.checked_sub(ci.func + 1)?;
    local_name(p, reg + 1, current_pc(&ci)).map(|n| String::from_utf8_lossy(n).into_owned())
}

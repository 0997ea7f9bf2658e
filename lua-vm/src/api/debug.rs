//! The debug interface (`lua_getstack`, `lua_getinfo`, locals and upvalues), written on the call stack.

use crate::compiler::chunkid::chunk_id;
use crate::compiler::opcode::{get_opcode, OpCode};
use crate::value::Value;
use crate::vm::debuginfo::{current_pc, line_of, local_name};
use crate::vm::error::LuaResult;
use crate::vm::state::{cist, State};

/// What `get_info` reports about a function or an active frame (`lua_Debug`).
#[derive(Clone, Debug, Default)]
pub struct DebugInfo {
    pub source: Vec<u8>,
    pub short_src: Vec<u8>,
    pub line_defined: i64,
    pub last_line_defined: i64,
    /// "Lua", "C", "main".
    pub what: &'static str,
    pub current_line: i64,
    pub name: Option<String>,
    /// "global", "local", "method", "field", "upvalue", "metamethod", "for iterator", "hook" or "".
    pub namewhat: &'static str,
    pub nups: usize,
    pub nparams: usize,
    pub is_vararg: bool,
    pub is_tail_call: bool,
    pub ftransfer: usize,
    pub ntransfer: usize,
    pub func: Value,
    /// Lines with code (for "L").
    pub active_lines: Vec<i64>,
}

impl State {
    /// Index in the call stack of the frame at `level` (0 = the running function), if it exists
    /// (`lua_getstack`).
    pub fn get_stack(&self, level: usize) -> Option<usize> {
        let n = self.th().cis.len();
        // The base frame (index 0) is not a function.
        if level >= n - 1 {
            return None;
        }
        Some(n - 1 - level)
    }

    /// Information about an active frame (by call-stack index).
    pub fn get_info_frame(&self, ci_idx: usize, what: &str) -> DebugInfo {
        let th = self.th();
        let ci = th.cis[ci_idx];
        let f = th.stack[ci.func];
        let mut d = self.get_info_value(&f, what);
        if what.contains('l') {
            d.current_line = match self.frame_proto(&ci) {
                Some(p) => line_of(p, current_pc(&ci)),
                None => -1,
            };
        }
        if what.contains('t') {
            d.is_tail_call = ci.status & cist::TAIL != 0;
        }
        if what.contains('n') {
            match self.func_name_for_frame(ci_idx) {
                Some((kind, name)) => {
                    d.namewhat = kind;
                    d.name = Some(name);
                }
                None => {
                    d.namewhat = "";
                    d.name = None;
                }
            }
        }
        if what.contains('r') && ci.status & cist::TRAN != 0 {
            d.ftransfer = ci.ftransfer as usize;
            d.ntransfer = ci.ntransfer as usize;
        }
        d
    }

    /// Information about a function value (`lua_getinfo` with ">").
    pub fn get_info_value(&self, f: &Value, what: &str) -> DebugInfo {
        let mut d = DebugInfo {
            func: *f,
            current_line: -1,
            ..Default::default()
        };
        match f {
            Value::LFn(c) => {
                let p = c.get().proto.get();
                if what.contains('S') {
                    d.source = p.source.get().as_bytes().to_vec();
                    d.short_src = chunk_id(&d.source);
                    d.line_defined = p.line_defined as i64;
                    d.last_line_defined = p.last_line_defined as i64;
                    d.what = if p.line_defined == 0 { "main" } else { "Lua" };
                }
                if what.contains('u') {
                    d.nups = c.get().upvals.len();
                    d.nparams = p.num_params as usize;
                    d.is_vararg = p.is_vararg;
                }
                if what.contains('L') {
                    let mut lines: Vec<i64> = Vec::new();
                    // A vararg function's first instruction (VARARGPREP) has no line of its own.
                    let start = if p.is_vararg { 1 } else { 0 };
                    for pc in start..p.code.len() {
                        let l = line_of(p, pc);
                        if l >= 0 && !lines.contains(&l) {
                            lines.push(l);
                        }
                    }
                    d.active_lines = lines;
                }
            }
            _ => {
                if what.contains('S') {
                    d.source = b"=[C]".to_vec();
                    d.short_src = b"[C]".to_vec();
                    d.line_defined = -1;
                    d.last_line_defined = -1;
                    d.what = "C";
                }
                if what.contains('u') {
                    d.nups = match f {
                        Value::NCl(c) => c.get().upvals.len(),
                        _ => 0,
                    };
                    d.is_vararg = true;
                }
            }
        }
        d
    }

    /// Name of local `n` (1-based) of the frame at call-stack index `ci_idx`, and its stack slot
    /// (`lua_getlocal`). Negative `n` names vararg values ("(vararg)"); temporaries are "(temporary)"
    /// or "(C temporary)".
    pub fn local_slot(&self, ci_idx: usize, n: i64) -> Option<(String, usize)> {
        let th = self.th();
        let ci = th.cis[ci_idx];
        let base = ci.func + 1;
        if ci.is_lua() {
            let p = self.frame_proto(&ci)?;
            if n < 0 {
                if !p.is_vararg {
                    return None;
                }
                let nextra = ci.nextraargs as i64;
                if -n <= nextra {
                    return Some((
                        "(vararg)".into(),
                        (ci.func as i64 - nextra + (-n) - 1) as usize,
                    ));
                }
                return None;
            }
            if let Some(name) = (n > 0)
                .then(|| local_name(p, n as usize, current_pc(&ci)))
                .flatten()
            {
                return Some((
                    String::from_utf8_lossy(name).into_owned(),
                    base + n as usize - 1,
                ));
            }
        }
        if n <= 0 {
            return None;
        }
        let limit = if ci_idx + 1 == th.cis.len() {
            th.top
        } else {
            th.cis[ci_idx + 1].func
        };
        if limit > base && (n as usize) <= limit - base {
            let name = if ci.is_lua() {
                "(temporary)"
            } else {
                "(C temporary)"
            };
            return Some((name.into(), base + n as usize - 1));
        }
        None
    }

    /// Name of upvalue `n` (1-based) of a function and its current value (`lua_getupvalue`).
    pub fn upvalue_of(&self, f: &Value, n: usize) -> Option<(String, Value)> {
        match f {
            Value::LFn(c) => {
                let cl = c.get();
                let uv = cl.upvals.get(n.checked_sub(1)?)?;
                let name = match cl
                    .proto
                    .get()
                    .upvalues
                    .get(n - 1)
                    .and_then(|d| d.name.as_ref())
                {
                    Some(nm) => String::from_utf8_lossy(nm).into_owned(),
                    None => "(no name)".into(),
                };
                Some((name, uv.get().get()))
            }
            Value::NCl(c) => c
                .get()
                .upvals
                .get(n.checked_sub(1)?)
                .map(|v| (String::new(), *v)),
            _ => None,
        }
    }

    /// Sets upvalue `n` of a function; returns its name (`lua_setupvalue`).
    pub fn set_upvalue_of(&mut self, f: &Value, n: usize, v: Value) -> Option<String> {
        match f {
            Value::LFn(c) => {
                let (name, _) = self.upvalue_of(f, n)?;
                let uv = c.get().upvals[n - 1];
                self.g().heap.barrier(uv);
                uv.get_mut().set(v);
                Some(name)
            }
            Value::NCl(c) => {
                self.g().heap.barrier(*c);
                let slot = c.get_mut().upvals.get_mut(n.checked_sub(1)?)?;
                *slot = v;
                Some(String::new())
            }
            _ => None,
        }
    }

    /// Appends the traceback of this thread's stack from `level` to `out`, in the reference's format
    /// (`luaL_traceback` without the message): at most 10 levels, a line saying how many were skipped,
    /// then the last 11 levels.
    pub fn traceback_into(&mut self, out: &mut Vec<u8>, level: usize) -> LuaResult<()> {
        const LEVELS1: usize = 10;
        const LEVELS2: usize = 11;
        out.extend_from_slice(b"stack traceback:");
        // The last existing level (0 when there is none), as `lastlevel`.
        let last = self.th().cis.len().saturating_sub(2);
        let mut limit2show: isize = if last.saturating_sub(level) > LEVELS1 + LEVELS2 {
            LEVELS1 as isize
        } else {
            -1
        };
        let mut lvl = level;
        while let Some(ci_idx) = self.get_stack(lvl) {
            lvl += 1;
            let show = limit2show != 0;
            limit2show -= 1;
            if !show {
                // The reference counts one level less than it skips.
                let n = last - lvl - LEVELS2 + 1;
                out.extend_from_slice(format!("\n\t...\t(skipping {n} levels)").as_bytes());
                lvl += n;
                continue;
            }
            let d = self.get_info_frame(ci_idx, "Slnt");
            out.extend_from_slice(b"\n\t");
            out.extend_from_slice(&d.short_src);
            out.push(b':');
            if d.current_line > 0 {
                out.extend_from_slice(format!("{}:", d.current_line).as_bytes());
            }
            out.extend_from_slice(b" in ");
            self.push_func_name(out, &d)?;
            if d.is_tail_call {
                out.extend_from_slice(b"\n\t(...tail calls...)");
            }
        }
        Ok(())
    }

    fn push_func_name(&mut self, out: &mut Vec<u8>, d: &DebugInfo) -> LuaResult<()> {
        if let Some(g) = self.global_func_name(&d.func) {
            out.extend_from_slice(format!("function '{g}'").as_bytes());
        } else if !d.namewhat.is_empty() {
            out.extend_from_slice(
                format!("{} '{}'", d.namewhat, d.name.as_deref().unwrap_or("?")).as_bytes(),
            );
        } else if d.what == "main" {
            out.extend_from_slice(b"main chunk");
        } else if d.what != "C" {
            out.extend_from_slice(b"function <");
            out.extend_from_slice(&d.short_src);
            out.extend_from_slice(format!(":{}>", d.line_defined).as_bytes());
        } else {
            out.push(b'?');
        }
        Ok(())
    }

    /// "mod.name" (or "name" for fields of `_G`, or "mod" for a module that is the function itself)
    /// when the function is found in `package.loaded` (`pushglobalfuncname`).
    pub fn global_func_name(&mut self, f: &Value) -> Option<String> {
        if !f.is_function() {
            return None;
        }
        let reg = self.g().registry;
        let key = self.new_str(b"_LOADED").ok()?;
        let loaded = reg.get().get_str(key).as_table()?;
        let mut k = Value::Nil;
        let mut found: Option<Vec<u8>> = None;
        while let Ok(Some((mk, mv))) = loaded.get().next(&k) {
            k = mk;
            let Value::Str(mname) = mk else {
                continue;
            };
            if mv.raw_eq(f) {
                found = Some(mname.get().as_bytes().to_vec());
                break;
            }
            let Value::Table(m) = mv else {
                continue;
            };
            let mut fk = Value::Nil;
            while let Ok(Some((name, v))) = m.get().next(&fk) {
                fk = name;
                if let Value::Str(n) = name {
                    if v.raw_eq(f) {
                        let mut full = mname.get().as_bytes().to_vec();
                        full.push(b'.');
                        full.extend_from_slice(n.get().as_bytes());
                        found = Some(full);
                        break;
                    }
                }
            }
            if found.is_some() {
                break;
            }
        }
        let name = found?;
        let name = match name.strip_prefix(b"_G.") {
            Some(rest) => rest,
            None => &name[..],
        };
        Some(String::from_utf8_lossy(name).into_owned())
    }

    /// True when the instruction that called frame `ci_idx` is a method call (`obj:m()`).
    pub fn called_as_method(&self, ci_idx: usize) -> bool {
        let th = self.th();
        let Some(caller) = ci_idx.checked_sub(1).and_then(|i| th.cis.get(i)) else {
            return false;
        };
        let Some(p) = self.frame_proto(caller) else {
            return false;
        };
        let pc = current_pc(caller);
        p.code
            .get(pc)
            .is_some_and(|&i| get_opcode(i) == OpCode::SELF)
    }
}

//! Name resolution: a name is a local of the current function, an upvalue (captured from an
//! enclosing function, created on demand in every intermediate function) or a global (`_ENV.name`).
#![forbid(unsafe_code)]

use super::expdesc::{ExpDesc, ExpKind};
use super::funcstate::{FuncState, RDKCTC, VDKREG};
use super::parser::{PResult, Parser, MAXUPVAL};
use super::proto::UpvalDesc;
use super::token::Name;

impl Parser<'_> {
    /// The function `depth` levels out from the current one (0 = current).
    fn func_at(&self, depth: usize) -> Option<&FuncState> {
        if depth == 0 {
            Some(&self.fs)
        } else {
            self.outer
                .len()
                .checked_sub(depth)
                .and_then(|i| self.outer.get(i))
        }
    }

    fn func_at_mut(&mut self, depth: usize) -> Option<&mut FuncState> {
        if depth == 0 {
            Some(&mut self.fs)
        } else {
            self.outer
                .len()
                .checked_sub(depth)
                .and_then(move |i| self.outer.get_mut(i))
        }
    }

    /// Looks for an active local named `name` in the function at `depth`.
    fn search_var(&self, depth: usize, name: &Name) -> Option<ExpDesc> {
        let fs = self.func_at(depth)?;
        (0..fs.nactvar).rev().find_map(|i| {
            let vd = self.actvar.get(fs.firstlocal + i)?;
            if vd.name != *name {
                None
            } else if vd.kind == RDKCTC {
                Some(ExpDesc::new(ExpKind::Const(fs.firstlocal + i)))
            } else {
                Some(ExpDesc::new(ExpKind::Local {
                    ridx: vd.ridx,
                    vidx: i,
                }))
            }
        })
    }

    fn search_upvalue(&self, depth: usize, name: &Name) -> Option<u32> {
        let fs = self.func_at(depth)?;
        fs.f.upvalues
            .iter()
            .position(|u| u.name.as_deref() == Some(&name[..]))
            .map(|i| i as u32)
    }

    /// Marks the block where variable `level` of the function at `depth` was declared as having a
    /// captured variable (so it closes upvalues on exit).
    fn mark_upval(&mut self, depth: usize, level: usize) {
        if let Some(fs) = self.func_at_mut(depth) {
            if let Some(bl) = fs.blocks.iter_mut().rev().find(|b| b.nactvar <= level) {
                bl.upval = true;
            }
            fs.needclose = true;
        }
    }

    /// Marks the current block as having a to-be-closed variable.
    pub(super) fn mark_to_be_closed(&mut self) {
        let bl = self.block_cnt();
        bl.upval = true;
        bl.insidetbc = true;
        self.fs.needclose = true;
    }

    /// Adds to the function at `depth` an upvalue for `v`, a local or upvalue of its parent.
    fn new_upvalue(&mut self, depth: usize, name: &Name, v: &ExpDesc) -> PResult<u32> {
        let (nups, line) = match self.func_at(depth) {
            Some(fs) => (fs.f.upvalues.len(), fs.f.line_defined),
            None => return Ok(0),
        };
        if nups + 1 > MAXUPVAL {
            let whr = if line == 0 {
                "main function".to_string()
            } else {
                format!("function at line {line}")
            };
            return Err(
                self.syntax_error(format!("too many upvalues (limit is {MAXUPVAL}) in {whr}"))
            );
        }
        let desc = match v.k {
            ExpKind::Local { ridx, vidx } => {
                let kind = self
                    .func_at(depth + 1)
                    .and_then(|prev| self.actvar.get(prev.firstlocal + vidx))
                    .map_or(VDKREG, |vd| vd.kind);
                UpvalDesc {
                    name: Some(name.to_vec()),
                    in_stack: true,
                    index: ridx as u8,
                    kind,
                }
            }
            ExpKind::Upval(idx) => {
                let kind = self
                    .func_at(depth + 1)
                    .and_then(|prev| prev.f.upvalues.get(idx as usize))
                    .map_or(VDKREG, |u| u.kind);
                UpvalDesc {
                    name: Some(name.to_vec()),
                    in_stack: false,
                    index: idx as u8,
                    kind,
                }
            }
            _ => return Ok(0),
        };
        let Some(fs) = self.func_at_mut(depth) else {
            return Ok(0);
        };
        fs.f.upvalues.push(desc);
        Ok(nups as u32)
    }

    /// Resolves `name` in the function at `depth`: a local, an upvalue (created if needed), a
    /// compile-time constant, or `Void` for a global. `base` is false when looking from an inner function.
    fn single_var_aux(&mut self, depth: usize, name: &Name, base: bool) -> PResult<ExpDesc> {
        if self.func_at(depth).is_none() {
            return Ok(ExpDesc::void());
        }
        if let Some(v) = self.search_var(depth, name) {
            if let (ExpKind::Local { vidx, .. }, false) = (&v.k, base) {
                self.mark_upval(depth, *vidx);
            }
            return Ok(v);
        }
        let idx = match self.search_upvalue(depth, name) {
            Some(idx) => idx,
            None => {
                let v = self.single_var_aux(depth + 1, name, false)?;
                if matches!(v.k, ExpKind::Local { .. } | ExpKind::Upval(_)) {
                    self.new_upvalue(depth, name, &v)?
                } else {
                    return Ok(v);
                }
            }
        };
        Ok(ExpDesc::new(ExpKind::Upval(idx)))
    }

    /// NAME as an expression: a variable, or the global `_ENV.NAME`.
    pub(super) fn single_var(&mut self) -> PResult<ExpDesc> {
        let name = self.str_checkname()?;
        let mut var = self.single_var_aux(0, &name, true)?;
        if var.k == ExpKind::Void {
            let env = Name::from(&b"_ENV"[..]);
            var = self.single_var_aux(0, &env, true)?;
            let key = ExpDesc::new(ExpKind::KStr(name));
            self.indexed(&mut var, key)?;
        }
        Ok(var)
    }

    /// Fails if `e` is a read-only variable (`<const>` or `<close>`).
    pub(super) fn check_readonly(&self, e: &ExpDesc) -> PResult<()> {
        let name: Option<Vec<u8>> = match e.k {
            ExpKind::Const(abs) => self.actvar.get(abs).map(|v| v.name.to_vec()),
            ExpKind::Local { vidx, .. } => self
                .local_var(vidx)
                .filter(|v| v.kind != VDKREG)
                .map(|v| v.name.to_vec()),
            ExpKind::Upval(idx) => self
                .fs
                .f
                .upvalues
                .get(idx as usize)
                .filter(|u| u.kind != VDKREG)
                .map(|u| u.name.clone().unwrap_or_default()),
            _ => None,
        };
        match name {
            Some(n) => {
                let mut msg = b"attempt to assign to const variable '".to_vec();
                msg.extend_from_slice(&n);
                msg.push(b'\'');
                Err(self.sem_error(msg))
            }
            None => Ok(()),
        }
    }
}

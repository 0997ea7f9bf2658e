//! Local variables: declaration, activation (registers), scope end and debug information.
#![forbid(unsafe_code)]

use super::funcstate::{FuncState, VarDesc, RDKCTC, VDKREG};
use super::parser::{PResult, Parser, MAXVARS};
use super::proto::{Constant, LocVar};
use super::token::Name;

impl Parser<'_> {
    /// The active variable with compiler index `vidx` in the current function.
    pub(super) fn local_var(&self, vidx: usize) -> Option<&VarDesc> {
        self.actvar.get(self.fs.firstlocal + vidx)
    }

    /// Register level for the first `nvar` variables: one past the last of them kept in a register.
    pub(super) fn reglevel(&self, nvar: usize) -> u32 {
        reglevel_in(&self.actvar, &self.fs, nvar)
    }

    /// Number of registers holding active variables.
    pub(super) fn nvarstack(&self) -> u32 {
        self.reglevel(self.fs.nactvar)
    }

    /// Declares a new local variable (not active until `adjust_local_vars`); returns its index.
    pub(super) fn new_localvar(&mut self, name: Name) -> PResult<usize> {
        self.check_limit(
            self.actvar.len() + 1 - self.fs.firstlocal,
            MAXVARS,
            "local variables",
        )?;
        self.actvar.push(VarDesc {
            kind: VDKREG,
            ridx: 0,
            pidx: 0,
            name,
            k: Constant::Nil,
        });
        Ok(self.actvar.len() - 1 - self.fs.firstlocal)
    }

    /// Records debug information for a local starting at the current pc.
    fn register_localvar(&mut self, name: &Name) -> PResult<usize> {
        self.check_growth(
            self.fs.f.loc_vars.len(),
            i16::MAX as usize,
            "local variables",
        )?;
        let pc = self.fs.pc() as u32;
        self.fs.f.loc_vars.push(LocVar {
            name: name.to_vec(),
            start_pc: pc,
            end_pc: 0,
        });
        Ok(self.fs.f.loc_vars.len() - 1)
    }

    /// Activates the last `nvars` declared variables.
    pub(super) fn adjust_local_vars(&mut self, nvars: usize) -> PResult<()> {
        let mut reglevel = self.nvarstack();
        for _ in 0..nvars {
            let vidx = self.fs.nactvar;
            self.fs.nactvar += 1;
            let name = match self.local_var(vidx) {
                Some(v) => v.name.clone(),
                None => continue,
            };
            let pidx = self.register_localvar(&name)?;
            if let Some(v) = self.actvar.get_mut(self.fs.firstlocal + vidx) {
                v.ridx = reglevel;
                v.pidx = pidx;
            }
            reglevel += 1;
        }
        Ok(())
    }

    /// The debug entry of variable `vidx` (none for compile-time constants).
    pub(super) fn local_debug_info(&mut self, vidx: usize) -> Option<&mut LocVar> {
        let v = self.actvar.get(self.fs.firstlocal + vidx)?;
        if v.kind == RDKCTC {
            return None;
        }
        let pidx = v.pidx;
        self.fs.f.loc_vars.get_mut(pidx)
    }

    /// Ends the scope of the variables above level `tolevel`.
    pub(super) fn remove_vars(&mut self, tolevel: usize) {
        let n = self.fs.nactvar.saturating_sub(tolevel);
        let pc = self.fs.pc() as u32;
        while self.fs.nactvar > tolevel {
            self.fs.nactvar -= 1;
            let vidx = self.fs.nactvar;
            if let Some(v) = self.local_debug_info(vidx) {
                v.end_pc = pc;
            }
        }
        self.actvar.truncate(self.actvar.len().saturating_sub(n));
    }
}

/// `reglevel` over an explicit function state (also used for enclosing functions).
pub(super) fn reglevel_in(actvar: &[VarDesc], fs: &FuncState, nvar: usize) -> u32 {
    let mut n = nvar;
    while n > 0 {
        n -= 1;
        if let Some(vd) = actvar.get(fs.firstlocal + n) {
            if vd.kind != RDKCTC {
                return vd.ridx + 1;
            }
        }
    }
    0
}

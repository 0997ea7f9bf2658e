//! Turning expression descriptors into values: in a given register, in any register, or as an
//! RK operand (register or constant), plus stores, indexing and `self`.
#![forbid(unsafe_code)]

use super::constants::float_to_int;
use super::expdesc::{ExpDesc, ExpKind, NO_JUMP};
use super::opcode::*;
use super::parser::{PResult, Parser};
use super::proto::Constant;
use super::token::Name;

/// Longest string that the reference treats as a "short" string (usable as a K field key).
const MAX_SHORT_LEN: usize = 40;

/// Maximum constant index usable as an RK operand.
const MAXINDEXRK: u32 = MAXARG_B;

/// Does `i` fit in a signed C/B operand?
pub fn fits_c(i: i64) -> bool {
    (i as u64).wrapping_add(OFFSET_SC as u64) <= u64::from(MAXARG_C)
}

/// Does `i` fit in a signed Bx operand?
pub fn fits_bx(i: i64) -> bool {
    -i64::from(OFFSET_SBX) <= i && i <= i64::from(MAXARG_BX) - i64::from(OFFSET_SBX)
}

/// Encodes a small signed integer as an sC operand.
pub fn int2sc(i: i64) -> u32 {
    (i + i64::from(OFFSET_SC)) as u32
}

/// The expression form of a compile-time constant value.
pub fn const2exp(v: &Constant) -> ExpKind {
    match v {
        Constant::Int(i) => ExpKind::KInt(*i),
        Constant::Float(f) => ExpKind::KFlt(*f),
        Constant::Bool(false) => ExpKind::False,
        Constant::Bool(true) => ExpKind::True,
        Constant::Nil => ExpKind::Nil,
        Constant::Str(s) => ExpKind::KStr(Name::from(&s[..])),
    }
}

impl ExpDesc {
    /// A numeric literal without jumps.
    pub fn is_numeral(&self) -> bool {
        !self.has_jumps() && matches!(self.k, ExpKind::KInt(_) | ExpKind::KFlt(_))
    }

    /// An integer literal without jumps.
    pub fn is_kint(&self) -> bool {
        !self.has_jumps() && matches!(self.k, ExpKind::KInt(_))
    }

    fn ival(&self) -> i64 {
        match self.k {
            ExpKind::KInt(i) => i,
            _ => 0,
        }
    }

    /// An integer literal fitting an unsigned C operand.
    pub fn is_cint(&self) -> bool {
        self.is_kint() && (self.ival() as u64) <= u64::from(MAXARG_C)
    }

    /// An integer literal fitting a signed C operand.
    pub fn is_scint(&self) -> bool {
        self.is_kint() && fits_c(self.ival())
    }

    /// A numeral whose value is an integer fitting a signed operand: returns it encoded. Sets
    /// `isfloat` for integral floats (even when they do not fit, as the reference does).
    pub fn is_scnumber(&self, isfloat: &mut bool) -> Option<u32> {
        let i = match self.k {
            ExpKind::KInt(i) => i,
            ExpKind::KFlt(f) => {
                let i = float_to_int(f)?;
                *isfloat = true;
                i
            }
            _ => return None,
        };
        if !self.has_jumps() && fits_c(i) {
            Some(int2sc(i))
        } else {
            None
        }
    }

    /// The K index of a `K` expression or the register of a `NonReloc` one.
    pub fn info(&self) -> u32 {
        match self.k {
            ExpKind::K(i) | ExpKind::NonReloc(i) => i,
            _ => 0,
        }
    }
}

impl Parser<'_> {
    pub(super) fn free_exp(&mut self, e: &ExpDesc) {
        if let ExpKind::NonReloc(r) = e.k {
            self.free_reg(r);
        }
    }

    /// Frees the registers of two expressions in the proper order.
    pub(super) fn free_exps(&mut self, e1: &ExpDesc, e2: &ExpDesc) {
        match (e1.reg(), e2.reg()) {
            (Some(r1), Some(r2)) => self.free_regs(r1, r2),
            (Some(r), None) | (None, Some(r)) => self.free_reg(r),
            (None, None) => {}
        }
    }

    /// Makes a multi-result expression return `nresults` values (-1: all).
    pub(super) fn set_returns(&mut self, e: &mut ExpDesc, nresults: i32) -> PResult<()> {
        match e.k {
            ExpKind::Call(pc) => set_c(self.instr_mut(pc), (nresults + 1) as u32),
            ExpKind::Vararg(pc) => {
                let freereg = self.fs.freereg;
                let i = self.instr_mut(pc);
                set_c(i, (nresults + 1) as u32);
                set_a(i, freereg);
                self.reserve_regs(1)?;
            }
            _ => {}
        }
        Ok(())
    }

    pub(super) fn set_multret(&mut self, e: &mut ExpDesc) -> PResult<()> {
        self.set_returns(e, -1)
    }

    /// Makes a multi-result expression return exactly one value.
    pub(super) fn set_one_ret(&mut self, e: &mut ExpDesc) {
        match e.k {
            ExpKind::Call(pc) => e.k = ExpKind::NonReloc(get_a(self.instr(pc))),
            ExpKind::Vararg(pc) => {
                set_c(self.instr_mut(pc), 2);
                e.k = ExpKind::Reloc(pc);
            }
            _ => {}
        }
    }

    /// Makes sure `e` is not a variable: emits the load of locals' siblings (upvalues, fields...).
    pub(super) fn discharge_vars(&mut self, e: &mut ExpDesc) -> PResult<()> {
        match e.k {
            ExpKind::Const(abs) => {
                e.k = match self.actvar.get(abs) {
                    Some(v) => const2exp(&v.k),
                    None => ExpKind::Nil,
                };
            }
            ExpKind::Local { ridx, .. } => e.k = ExpKind::NonReloc(ridx),
            ExpKind::Upval(idx) => {
                e.k = ExpKind::Reloc(self.code_abc(OpCode::GETUPVAL, 0, idx, 0)?)
            }
            ExpKind::IndexUp { t, idx } => {
                e.k = ExpKind::Reloc(self.code_abc(OpCode::GETTABUP, 0, t, idx)?)
            }
            ExpKind::IndexI { t, idx } => {
                self.free_reg(t);
                e.k = ExpKind::Reloc(self.code_abc(OpCode::GETI, 0, t, idx)?);
            }
            ExpKind::IndexStr { t, idx } => {
                self.free_reg(t);
                e.k = ExpKind::Reloc(self.code_abc(OpCode::GETFIELD, 0, t, idx)?);
            }
            ExpKind::Indexed { t, idx } => {
                self.free_regs(t, idx);
                e.k = ExpKind::Reloc(self.code_abc(OpCode::GETTABLE, 0, t, idx)?);
            }
            ExpKind::Vararg(_) | ExpKind::Call(_) => self.set_one_ret(e),
            _ => {}
        }
        Ok(())
    }

    /// Loads integer `i` into `reg`.
    pub(super) fn code_int(&mut self, reg: u32, i: i64) -> PResult<()> {
        if fits_bx(i) {
            self.code_asbx(OpCode::LOADI, reg, i as i32);
        } else {
            let k = self.int_k(i)?;
            self.code_k(reg, k);
        }
        Ok(())
    }

    fn code_float(&mut self, reg: u32, f: f64) -> PResult<()> {
        match float_to_int(f) {
            Some(fi) if fits_bx(fi) => {
                self.code_asbx(OpCode::LOADF, reg, fi as i32);
            }
            _ => {
                let k = self.number_k(f)?;
                self.code_k(reg, k);
            }
        }
        Ok(())
    }

    /// Turns a string literal into a constant-table expression.
    pub(super) fn str2k(&mut self, e: &mut ExpDesc) -> PResult<()> {
        if let ExpKind::KStr(s) = &e.k {
            let s = s.clone();
            e.k = ExpKind::K(self.string_k(&s)?);
        }
        Ok(())
    }

    /// Puts the value of `e` (ignoring its jump lists) in register `reg`.
    fn discharge2reg(&mut self, e: &mut ExpDesc, reg: u32) -> PResult<()> {
        self.discharge_vars(e)?;
        match e.k.clone() {
            ExpKind::Nil => self.code_nil(reg, 1)?,
            ExpKind::False => {
                self.code_abc(OpCode::LOADFALSE, reg, 0, 0)?;
            }
            ExpKind::True => {
                self.code_abc(OpCode::LOADTRUE, reg, 0, 0)?;
            }
            ExpKind::KStr(_) => {
                self.str2k(e)?;
                self.code_k(reg, e.info());
            }
            ExpKind::K(k) => {
                self.code_k(reg, k);
            }
            ExpKind::KFlt(f) => self.code_float(reg, f)?,
            ExpKind::KInt(i) => self.code_int(reg, i)?,
            ExpKind::Reloc(pc) => set_a(self.instr_mut(pc), reg),
            ExpKind::NonReloc(r) => {
                if r != reg {
                    self.code_abc(OpCode::MOVE, reg, r, 0)?;
                }
            }
            _ => return Ok(()),
        }
        e.k = ExpKind::NonReloc(reg);
        Ok(())
    }

    /// Puts the value of `e` in some register (a new one unless it already has one).
    pub(super) fn discharge2anyreg(&mut self, e: &mut ExpDesc) -> PResult<()> {
        if !matches!(e.k, ExpKind::NonReloc(_)) {
            self.reserve_regs(1)?;
            let r = self.fs.freereg - 1;
            self.discharge2reg(e, r)?;
        }
        Ok(())
    }

    fn code_loadbool(&mut self, a: u32, op: OpCode) -> PResult<i32> {
        self.get_label();
        Ok(self.code_abc(op, a, 0, 0)? as i32)
    }

    /// Puts the final value of `e`, jump lists included, in register `reg`.
    pub(super) fn exp2reg(&mut self, e: &mut ExpDesc, reg: u32) -> PResult<()> {
        self.discharge2reg(e, reg)?;
        if let ExpKind::Jmp(pc) = e.k {
            let mut t = e.t;
            self.concat_jumps(&mut t, pc as i32)?;
            e.t = t;
        }
        if e.has_jumps() {
            let mut p_f = NO_JUMP;
            let mut p_t = NO_JUMP;
            if self.need_value(e.t) || self.need_value(e.f) {
                let fj = if matches!(e.k, ExpKind::Jmp(_)) {
                    NO_JUMP
                } else {
                    self.jump()
                };
                p_f = self.code_loadbool(reg, OpCode::LFALSESKIP)?;
                p_t = self.code_loadbool(reg, OpCode::LOADTRUE)?;
                self.patch_to_here(fj)?;
            }
            let end = self.get_label();
            self.patch_list_aux(e.f, end, Some(reg), p_f.max(0) as usize)?;
            self.patch_list_aux(e.t, end, Some(reg), p_t.max(0) as usize)?;
        }
        e.f = NO_JUMP;
        e.t = NO_JUMP;
        e.k = ExpKind::NonReloc(reg);
        Ok(())
    }

    /// Puts the final value of `e` in the next free register.
    pub(super) fn exp2nextreg(&mut self, e: &mut ExpDesc) -> PResult<()> {
        self.discharge_vars(e)?;
        self.free_exp(e);
        self.reserve_regs(1)?;
        let r = self.fs.freereg - 1;
        self.exp2reg(e, r)
    }

    /// Puts the final value of `e` in some register and returns it.
    pub(super) fn exp2anyreg(&mut self, e: &mut ExpDesc) -> PResult<u32> {
        self.discharge_vars(e)?;
        if let ExpKind::NonReloc(r) = e.k {
            if !e.has_jumps() {
                return Ok(r);
            }
            if r >= self.nvarstack() {
                self.exp2reg(e, r)?;
                return Ok(r);
            }
        }
        self.exp2nextreg(e)?;
        Ok(e.info())
    }

    /// Puts the value of `e` in a register or leaves it as an upvalue.
    pub(super) fn exp2anyregup(&mut self, e: &mut ExpDesc) -> PResult<()> {
        if !matches!(e.k, ExpKind::Upval(_)) || e.has_jumps() {
            self.exp2anyreg(e)?;
        }
        Ok(())
    }

    /// Puts the value of `e` in a register or leaves it as a constant.
    pub(super) fn exp2val(&mut self, e: &mut ExpDesc) -> PResult<()> {
        if e.has_jumps() {
            self.exp2anyreg(e)?;
            Ok(())
        } else {
            self.discharge_vars(e)
        }
    }

    /// Tries to make `e` a constant with an index usable as an RK operand.
    pub(super) fn exp2k(&mut self, e: &mut ExpDesc) -> PResult<bool> {
        if e.has_jumps() {
            return Ok(false);
        }
        let info = match &e.k {
            ExpKind::True => self.bool_k(true)?,
            ExpKind::False => self.bool_k(false)?,
            ExpKind::Nil => self.nil_k()?,
            ExpKind::KInt(i) => self.int_k(*i)?,
            ExpKind::KFlt(f) => self.number_k(*f)?,
            ExpKind::KStr(s) => {
                let s = s.clone();
                self.string_k(&s)?
            }
            ExpKind::K(i) => *i,
            _ => return Ok(false),
        };
        if info <= MAXINDEXRK {
            e.k = ExpKind::K(info);
            return Ok(true);
        }
        Ok(false)
    }

    /// Makes `e` an RK operand; true if it is a constant.
    pub(super) fn exp2rk(&mut self, e: &mut ExpDesc) -> PResult<bool> {
        if self.exp2k(e)? {
            Ok(true)
        } else {
            self.exp2anyreg(e)?;
            Ok(false)
        }
    }

    fn code_abrk(&mut self, o: OpCode, a: u32, b: u32, ec: &mut ExpDesc) -> PResult<()> {
        let k = self.exp2rk(ec)?;
        self.code_abck(o, a, b, ec.info(), k);
        Ok(())
    }

    /// Stores the value of `ex` into variable `var`.
    pub(super) fn store_var(&mut self, var: &ExpDesc, ex: &mut ExpDesc) -> PResult<()> {
        match var.k {
            ExpKind::Local { ridx, .. } => {
                self.free_exp(ex);
                return self.exp2reg(ex, ridx);
            }
            ExpKind::Upval(idx) => {
                let e = self.exp2anyreg(ex)?;
                self.code_abc(OpCode::SETUPVAL, e, idx, 0)?;
            }
            ExpKind::IndexUp { t, idx } => self.code_abrk(OpCode::SETTABUP, t, idx, ex)?,
            ExpKind::IndexI { t, idx } => self.code_abrk(OpCode::SETI, t, idx, ex)?,
            ExpKind::IndexStr { t, idx } => self.code_abrk(OpCode::SETFIELD, t, idx, ex)?,
            ExpKind::Indexed { t, idx } => self.code_abrk(OpCode::SETTABLE, t, idx, ex)?,
            _ => {}
        }
        self.free_exp(ex);
        Ok(())
    }

    /// `e:key(` — emits SELF: method and object in two consecutive registers.
    pub(super) fn code_self(&mut self, e: &mut ExpDesc, key: &mut ExpDesc) -> PResult<()> {
        self.exp2anyreg(e)?;
        let ereg = e.info();
        self.free_exp(e);
        let base = self.fs.freereg;
        e.k = ExpKind::NonReloc(base);
        self.reserve_regs(2)?;
        self.code_abrk(OpCode::SELF, base, ereg, key)?;
        self.free_exp(key);
        Ok(())
    }

    /// Is `e` a constant short string with an index usable as a B/C operand?
    fn is_kstr(&self, e: &ExpDesc) -> bool {
        match e.k {
            ExpKind::K(i) if !e.has_jumps() && i <= MAXARG_B => {
                matches!(self.fs.f.constants.get(i as usize), Some(Constant::Str(s)) if s.len() <= MAX_SHORT_LEN)
            }
            _ => false,
        }
    }

    /// Makes `t` the indexed expression `t[k]` (`t` is in a register or is an upvalue).
    pub(super) fn indexed(&mut self, t: &mut ExpDesc, mut k: ExpDesc) -> PResult<()> {
        if matches!(k.k, ExpKind::KStr(_)) {
            self.str2k(&mut k)?;
        }
        if matches!(t.k, ExpKind::Upval(_)) && !self.is_kstr(&k) {
            self.exp2anyreg(t)?;
        }
        if let ExpKind::Upval(u) = t.k {
            t.k = ExpKind::IndexUp {
                t: u,
                idx: k.info(),
            };
            return Ok(());
        }
        let treg = match t.k {
            ExpKind::Local { ridx, .. } => ridx,
            _ => t.info(),
        };
        t.k = if self.is_kstr(&k) {
            ExpKind::IndexStr {
                t: treg,
                idx: k.info(),
            }
        } else if k.is_cint() {
            ExpKind::IndexI {
                t: treg,
                idx: k.ival() as u32,
            }
        } else {
            ExpKind::Indexed {
                t: treg,
                idx: self.exp2anyreg(&mut k)?,
            }
        };
        Ok(())
    }

    /// The value of `e` if it is a compile-time constant.
    pub(super) fn exp2const(&self, e: &ExpDesc) -> Option<Constant> {
        if e.has_jumps() {
            return None;
        }
        Some(match &e.k {
            ExpKind::False => Constant::Bool(false),
            ExpKind::True => Constant::Bool(true),
            ExpKind::Nil => Constant::Nil,
            ExpKind::KStr(s) => Constant::Str(s.to_vec()),
            ExpKind::Const(abs) => self.actvar.get(*abs)?.k.clone(),
            ExpKind::KInt(i) => Constant::Int(*i),
            ExpKind::KFlt(f) => Constant::Float(*f),
            _ => return None,
        })
    }
}

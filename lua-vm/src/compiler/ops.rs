//! Code generation for operators: conditions and jumps, `not`, unary and binary operators with
//! immediate/constant operand variants, comparisons, concatenation and constant folding.
#![forbid(unsafe_code)]

use super::exp2reg::int2sc;
use super::expdesc::{ExpDesc, ExpKind, NO_JUMP};
use super::fold::{fold, ArithOp};
use super::opcode::*;
use super::operators::{BinOpr, UnOpr, TM_SHL, TM_SHR};
use super::parser::{PResult, Parser};
use crate::value::number::Number;

fn numeral_value(e: &ExpDesc) -> Option<Number> {
    if e.has_jumps() {
        return None;
    }
    match e.k {
        ExpKind::KInt(i) => Some(Number::Int(i)),
        ExpKind::KFlt(f) => Some(Number::Float(f)),
        _ => None,
    }
}

fn arith_op(op: BinOpr) -> Option<ArithOp> {
    Some(match op {
        BinOpr::Add => ArithOp::Add,
        BinOpr::Sub => ArithOp::Sub,
        BinOpr::Mul => ArithOp::Mul,
        BinOpr::Mod => ArithOp::Mod,
        BinOpr::Pow => ArithOp::Pow,
        BinOpr::Div => ArithOp::Div,
        BinOpr::IDiv => ArithOp::IDiv,
        BinOpr::BAnd => ArithOp::BAnd,
        BinOpr::BOr => ArithOp::BOr,
        BinOpr::BXor => ArithOp::BXor,
        BinOpr::Shl => ArithOp::Shl,
        BinOpr::Shr => ArithOp::Shr,
        _ => return None,
    })
}

/// Folds `e1 op e2` into `e1` when both are numerals and folding is safe.
fn const_folding(op: ArithOp, e1: &mut ExpDesc, e2: &ExpDesc) -> bool {
    let (Some(v1), Some(v2)) = (numeral_value(e1), numeral_value(e2)) else {
        return false;
    };
    match fold(op, v1, v2) {
        Some(Number::Int(i)) => e1.k = ExpKind::KInt(i),
        Some(Number::Float(f)) => e1.k = ExpKind::KFlt(f),
        None => return false,
    }
    true
}

impl Parser<'_> {
    /// Inverts the condition of a comparison expression.
    fn negate_condition(&mut self, e: &ExpDesc) {
        if let ExpKind::Jmp(pc) = e.k {
            let ctl = self.jump_control(pc);
            let k = get_k(self.instr(ctl));
            set_k(self.instr_mut(ctl), !k);
        }
    }

    /// Emits a jump taken when `e` is `cond`; returns its pc. `not x` is tested directly on `x`.
    fn jump_on_cond(&mut self, e: &mut ExpDesc, cond: bool) -> PResult<i32> {
        if let ExpKind::Reloc(pc) = e.k {
            let ie = self.instr(pc);
            if get_opcode(ie) == OpCode::NOT {
                self.remove_last_instruction();
                return Ok(self.cond_jump(OpCode::TEST, get_b(ie), 0, 0, !cond));
            }
        }
        self.discharge2anyreg(e)?;
        self.free_exp(e);
        Ok(self.cond_jump(OpCode::TESTSET, MAXARG_A, e.info(), 0, cond))
    }

    /// Code that falls through when `e` is true and jumps (false list) otherwise.
    pub(super) fn go_if_true(&mut self, e: &mut ExpDesc) -> PResult<()> {
        self.discharge_vars(e)?;
        let pc = match e.k {
            ExpKind::Jmp(pc) => {
                self.negate_condition(e);
                pc as i32
            }
            ExpKind::K(_)
            | ExpKind::KFlt(_)
            | ExpKind::KInt(_)
            | ExpKind::KStr(_)
            | ExpKind::True => NO_JUMP,
            _ => self.jump_on_cond(e, false)?,
        };
        let mut f = e.f;
        self.concat_jumps(&mut f, pc)?;
        e.f = f;
        self.patch_to_here(e.t)?;
        e.t = NO_JUMP;
        Ok(())
    }

    /// Code that falls through when `e` is false and jumps (true list) otherwise.
    pub(super) fn go_if_false(&mut self, e: &mut ExpDesc) -> PResult<()> {
        self.discharge_vars(e)?;
        let pc = match e.k {
            ExpKind::Jmp(pc) => pc as i32,
            ExpKind::Nil | ExpKind::False => NO_JUMP,
            _ => self.jump_on_cond(e, true)?,
        };
        let mut t = e.t;
        self.concat_jumps(&mut t, pc)?;
        e.t = t;
        self.patch_to_here(e.f)?;
        e.f = NO_JUMP;
        Ok(())
    }

    /// `not e`, folded for constants.
    fn code_not(&mut self, e: &mut ExpDesc) -> PResult<()> {
        match e.k {
            ExpKind::Nil | ExpKind::False => e.k = ExpKind::True,
            ExpKind::K(_)
            | ExpKind::KFlt(_)
            | ExpKind::KInt(_)
            | ExpKind::KStr(_)
            | ExpKind::True => e.k = ExpKind::False,
            ExpKind::Jmp(_) => self.negate_condition(e),
            ExpKind::Reloc(_) | ExpKind::NonReloc(_) => {
                self.discharge2anyreg(e)?;
                self.free_exp(e);
                e.k = ExpKind::Reloc(self.code_abc(OpCode::NOT, 0, e.info(), 0)?);
            }
            _ => {}
        }
        std::mem::swap(&mut e.f, &mut e.t);
        self.remove_values(e.f);
        self.remove_values(e.t);
        Ok(())
    }

    /// Unary operators producing values (`-`, `~`, `#`).
    fn code_unexpval(&mut self, op: OpCode, e: &mut ExpDesc, line: u32) -> PResult<()> {
        let r = self.exp2anyreg(e)?;
        self.free_exp(e);
        e.k = ExpKind::Reloc(self.code_abc(op, 0, r, 0)?);
        self.fix_line(line);
        Ok(())
    }

    /// Applies unary operator `op` to `e`.
    pub(super) fn prefix(&mut self, op: UnOpr, e: &mut ExpDesc, line: u32) -> PResult<()> {
        let zero = ExpDesc::new(ExpKind::KInt(0));
        self.discharge_vars(e)?;
        match op {
            UnOpr::Minus => {
                if !const_folding(ArithOp::Unm, e, &zero) {
                    self.code_unexpval(OpCode::UNM, e, line)?;
                }
            }
            UnOpr::BNot => {
                if !const_folding(ArithOp::BNot, e, &zero) {
                    self.code_unexpval(OpCode::BNOT, e, line)?;
                }
            }
            UnOpr::Len => self.code_unexpval(OpCode::LEN, e, line)?,
            UnOpr::Not => self.code_not(e)?,
        }
        Ok(())
    }

    /// Prepares the first operand of binary operator `op` before the second is read.
    pub(super) fn infix(&mut self, op: BinOpr, v: &mut ExpDesc) -> PResult<()> {
        self.discharge_vars(v)?;
        match op {
            BinOpr::And => self.go_if_true(v)?,
            BinOpr::Or => self.go_if_false(v)?,
            BinOpr::Concat => self.exp2nextreg(v)?,
            BinOpr::Eq | BinOpr::Ne => {
                if !v.is_numeral() {
                    self.exp2rk(v)?;
                }
            }
            BinOpr::Lt | BinOpr::Le | BinOpr::Gt | BinOpr::Ge => {
                if v.is_scnumber(&mut false).is_none() {
                    self.exp2anyreg(v)?;
                }
            }
            _ => {
                if !v.is_numeral() {
                    self.exp2anyreg(v)?;
                }
            }
        }
        Ok(())
    }

    /// Emits an operation producing a value from `e1` (into a register) and operand `v2`, followed by
    /// its metamethod fallback instruction `mmop`.
    #[allow(clippy::too_many_arguments)]
    fn finish_binexpval(
        &mut self,
        e1: &mut ExpDesc,
        e2: &ExpDesc,
        op: OpCode,
        v2: u32,
        flip: bool,
        line: u32,
        mmop: OpCode,
        event: u32,
    ) -> PResult<()> {
        let v1 = self.exp2anyreg(e1)?;
        let pc = self.code_abck(op, 0, v1, v2, false);
        self.free_exps(e1, e2);
        e1.k = ExpKind::Reloc(pc);
        self.fix_line(line);
        self.code_abck(mmop, v1, v2, event, flip);
        self.fix_line(line);
        Ok(())
    }

    /// Binary operation over two registers.
    fn code_binexpval(
        &mut self,
        opr: BinOpr,
        e1: &mut ExpDesc,
        e2: &mut ExpDesc,
        line: u32,
    ) -> PResult<()> {
        let v2 = self.exp2anyreg(e2)?;
        self.finish_binexpval(
            e1,
            e2,
            opr.reg_op(),
            v2,
            false,
            line,
            OpCode::MMBIN,
            opr.event(),
        )
    }

    /// Binary operation with an immediate integer second operand.
    #[allow(clippy::too_many_arguments)]
    fn code_bini(
        &mut self,
        op: OpCode,
        e1: &mut ExpDesc,
        e2: &ExpDesc,
        flip: bool,
        line: u32,
        event: u32,
    ) -> PResult<()> {
        let v2 = match e2.k {
            ExpKind::KInt(i) => int2sc(i),
            _ => 0,
        };
        self.finish_binexpval(e1, e2, op, v2, flip, line, OpCode::MMBINI, event)
    }

    /// Codes `e1 op e2` as `e1 op' -e2` with an immediate (`a - 1` as ADDI -1); false if `e2` does
    /// not fit.
    fn finish_binexpneg(
        &mut self,
        e1: &mut ExpDesc,
        e2: &ExpDesc,
        op: OpCode,
        line: u32,
        event: u32,
    ) -> PResult<bool> {
        if !e2.is_kint() {
            return Ok(false);
        }
        let ExpKind::KInt(i2) = e2.k else {
            return Ok(false);
        };
        if !(super::exp2reg::fits_c(i2) && super::exp2reg::fits_c(i2.wrapping_neg())) {
            return Ok(false);
        }
        self.finish_binexpval(e1, e2, op, int2sc(-i2), false, line, OpCode::MMBINI, event)?;
        let last = self.fs.pc() - 1;
        set_b(self.instr_mut(last), int2sc(i2));
        Ok(true)
    }

    /// Arithmetic operators, with a constant second operand when possible.
    fn code_arith(
        &mut self,
        opr: BinOpr,
        e1: &mut ExpDesc,
        e2: &mut ExpDesc,
        flip: bool,
        line: u32,
    ) -> PResult<()> {
        if e2.is_numeral() && self.exp2k(e2)? {
            let v2 = e2.info();
            self.finish_binexpval(
                e1,
                e2,
                opr.k_op(),
                v2,
                flip,
                line,
                OpCode::MMBINK,
                opr.event(),
            )
        } else {
            if flip {
                std::mem::swap(e1, e2);
            }
            self.code_binexpval(opr, e1, e2, line)
        }
    }

    /// Commutative operators (`+`, `*`): a numeral first operand is moved second.
    fn code_commutative(
        &mut self,
        op: BinOpr,
        e1: &mut ExpDesc,
        e2: &mut ExpDesc,
        line: u32,
    ) -> PResult<()> {
        let mut flip = false;
        if e1.is_numeral() {
            std::mem::swap(e1, e2);
            flip = true;
        }
        if op == BinOpr::Add && e2.is_scint() {
            self.code_bini(OpCode::ADDI, e1, e2, flip, line, op.event())
        } else {
            self.code_arith(op, e1, e2, flip, line)
        }
    }

    /// Bitwise operators, with an integer constant operand when possible.
    fn code_bitwise(
        &mut self,
        opr: BinOpr,
        e1: &mut ExpDesc,
        e2: &mut ExpDesc,
        line: u32,
    ) -> PResult<()> {
        let mut flip = false;
        if matches!(e1.k, ExpKind::KInt(_)) && self.exp2rk(e1)? {
            std::mem::swap(e1, e2);
            flip = true;
        } else if !(matches!(e2.k, ExpKind::KInt(_)) && self.exp2rk(e2)?) {
            return self.code_binexpval(opr, e1, e2, line);
        }
        let v2 = e2.info();
        self.finish_binexpval(
            e1,
            e2,
            opr.k_op(),
            v2,
            flip,
            line,
            OpCode::MMBINK,
            opr.event(),
        )
    }

    /// Order comparisons (`op` is LT or LE), with an immediate operand when possible.
    fn code_order(&mut self, op: OpCode, e1: &mut ExpDesc, e2: &mut ExpDesc) -> PResult<()> {
        let mut isfloat = false;
        let (r1, r2, op) = if let Some(im) = e2.is_scnumber(&mut isfloat) {
            let r1 = self.exp2anyreg(e1)?;
            (
                r1,
                im,
                if op == OpCode::LT {
                    OpCode::LTI
                } else {
                    OpCode::LEI
                },
            )
        } else if let Some(im) = e1.is_scnumber(&mut isfloat) {
            let r1 = self.exp2anyreg(e2)?;
            (
                r1,
                im,
                if op == OpCode::LT {
                    OpCode::GTI
                } else {
                    OpCode::GEI
                },
            )
        } else {
            let r1 = self.exp2anyreg(e1)?;
            let r2 = self.exp2anyreg(e2)?;
            (r1, r2, op)
        };
        self.free_exps(e1, e2);
        e1.k = ExpKind::Jmp(self.cond_jump(op, r1, r2, u32::from(isfloat), true) as usize);
        Ok(())
    }

    /// Equality comparisons (`==`, `~=`).
    fn code_eq(&mut self, opr: BinOpr, e1: &mut ExpDesc, e2: &mut ExpDesc) -> PResult<()> {
        if !matches!(e1.k, ExpKind::NonReloc(_)) {
            std::mem::swap(e1, e2);
        }
        let r1 = self.exp2anyreg(e1)?;
        let mut isfloat = false;
        let (op, r2) = if let Some(im) = e2.is_scnumber(&mut isfloat) {
            (OpCode::EQI, im)
        } else if self.exp2rk(e2)? {
            (OpCode::EQK, e2.info())
        } else {
            (OpCode::EQ, self.exp2anyreg(e2)?)
        };
        self.free_exps(e1, e2);
        e1.k = ExpKind::Jmp(
            self.cond_jump(op, r1, r2, u32::from(isfloat), opr == BinOpr::Eq) as usize,
        );
        Ok(())
    }

    /// `e1 .. e2`, merging with a CONCAT that produced `e2`.
    fn code_concat(&mut self, e1: &ExpDesc, e2: &ExpDesc, line: u32) -> PResult<()> {
        if let Some(ppc) = self.previous_instruction() {
            let ie2 = self.instr(ppc);
            if get_opcode(ie2) == OpCode::CONCAT {
                let n = get_b(ie2);
                self.free_exp(e2);
                let i = self.instr_mut(ppc);
                set_a(i, e1.info());
                set_b(i, n + 1);
                return Ok(());
            }
        }
        self.code_abc(OpCode::CONCAT, e1.info(), 2, 0)?;
        self.free_exp(e2);
        self.fix_line(line);
        Ok(())
    }

    /// Finishes binary operation `op` once its second operand has been read.
    pub(super) fn posfix(
        &mut self,
        op: BinOpr,
        e1: &mut ExpDesc,
        e2: &mut ExpDesc,
        line: u32,
    ) -> PResult<()> {
        self.discharge_vars(e2)?;
        if let Some(aop) = arith_op(op) {
            if const_folding(aop, e1, e2) {
                return Ok(());
            }
        }
        match op {
            BinOpr::And => {
                let mut f = e2.f;
                self.concat_jumps(&mut f, e1.f)?;
                e2.f = f;
                *e1 = e2.clone();
            }
            BinOpr::Or => {
                let mut t = e2.t;
                self.concat_jumps(&mut t, e1.t)?;
                e2.t = t;
                *e1 = e2.clone();
            }
            BinOpr::Concat => {
                self.exp2nextreg(e2)?;
                self.code_concat(e1, e2, line)?;
            }
            BinOpr::Add | BinOpr::Mul => self.code_commutative(op, e1, e2, line)?,
            BinOpr::Sub => {
                if !self.finish_binexpneg(e1, e2, OpCode::ADDI, line, op.event())? {
                    self.code_arith(op, e1, e2, false, line)?;
                }
            }
            BinOpr::Div | BinOpr::IDiv | BinOpr::Mod | BinOpr::Pow => {
                self.code_arith(op, e1, e2, false, line)?
            }
            BinOpr::BAnd | BinOpr::BOr | BinOpr::BXor => self.code_bitwise(op, e1, e2, line)?,
            BinOpr::Shl => {
                if e1.is_scint() {
                    std::mem::swap(e1, e2);
                    self.code_bini(OpCode::SHLI, e1, e2, true, line, TM_SHL)?;
                } else if !self.finish_binexpneg(e1, e2, OpCode::SHRI, line, TM_SHL)? {
                    self.code_binexpval(op, e1, e2, line)?;
                }
            }
            BinOpr::Shr => {
                if e2.is_scint() {
                    self.code_bini(OpCode::SHRI, e1, e2, false, line, TM_SHR)?;
                } else {
                    self.code_binexpval(op, e1, e2, line)?;
                }
            }
            BinOpr::Eq | BinOpr::Ne => self.code_eq(op, e1, e2)?,
            BinOpr::Lt => self.code_order(OpCode::LT, e1, e2)?,
            BinOpr::Le => self.code_order(OpCode::LE, e1, e2)?,
            BinOpr::Gt => {
                std::mem::swap(e1, e2);
                self.code_order(OpCode::LT, e1, e2)?;
            }
            BinOpr::Ge => {
                std::mem::swap(e1, e2);
                self.code_order(OpCode::LE, e1, e2)?;
            }
        }
        Ok(())
    }
}

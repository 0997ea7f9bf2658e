//! Instruction emission, line information and register allocation.
#![forbid(unsafe_code)]

use super::opcode::*;
use super::parser::{PResult, Parser};

impl Parser<'_> {
    /// Appends an instruction (with the line of the last token read) and returns its pc.
    pub(super) fn code(&mut self, i: Instruction) -> usize {
        let f = &mut self.fs.f;
        f.code.push(i);
        f.line_info.push(self.lex.lastline);
        f.code.len() - 1
    }

    pub(super) fn code_abck(&mut self, o: OpCode, a: u32, b: u32, c: u32, k: bool) -> usize {
        self.code(create_abck(o, a, b, c, k))
    }

    pub(super) fn code_abc(&mut self, o: OpCode, a: u32, b: u32, c: u32) -> PResult<usize> {
        Ok(self.code_abck(o, a, b, c, false))
    }

    pub(super) fn code_abx(&mut self, o: OpCode, a: u32, bx: u32) -> usize {
        self.code(create_abx(o, a, bx))
    }

    pub(super) fn code_asbx(&mut self, o: OpCode, a: u32, sbx: i32) -> usize {
        self.code(create_asbx(o, a, sbx))
    }

    pub(super) fn code_sj(&mut self, o: OpCode, sj: i32, k: bool) -> usize {
        self.code(create_sj(o, sj, k))
    }

    pub(super) fn code_extraarg(&mut self, a: u32) -> usize {
        self.code(create_ax(OpCode::EXTRAARG, a))
    }

    /// Loads constant `k` into `reg` (LOADK, or LOADKX + EXTRAARG for large indices).
    pub(super) fn code_k(&mut self, reg: u32, k: u32) -> usize {
        if k <= MAXARG_BX {
            self.code_abx(OpCode::LOADK, reg, k)
        } else {
            let p = self.code_abx(OpCode::LOADKX, reg, 0);
            self.code_extraarg(k);
            p
        }
    }

    /// Gives the last instruction the line `line` (e.g. the line of an operator, not of its operands).
    pub(super) fn fix_line(&mut self, line: u32) {
        if let Some(l) = self.fs.f.line_info.last_mut() {
            *l = line;
        }
    }

    /// Removes the last instruction.
    pub(super) fn remove_last_instruction(&mut self) {
        self.fs.f.code.pop();
        self.fs.f.line_info.pop();
    }

    /// Index of the previous instruction, unless a jump target may lie between it and the next one.
    pub(super) fn previous_instruction(&self) -> Option<usize> {
        let pc = self.fs.pc();
        if pc > self.fs.lasttarget {
            Some(pc - 1)
        } else {
            None
        }
    }

    /// The instruction at `pc`.
    pub(super) fn instr(&self, pc: usize) -> Instruction {
        self.fs.f.code.get(pc).copied().unwrap_or(u32::MAX)
    }

    /// Mutable access to the instruction at `pc` (a scratch slot if out of range, which would be a bug).
    pub(super) fn instr_mut(&mut self, pc: usize) -> &mut Instruction {
        if pc >= self.fs.f.code.len() {
            self.fs
                .f
                .code
                .push(create_abck(OpCode::MOVE, 0, 0, 0, false));
            self.fs.f.line_info.push(0);
            let n = self.fs.f.code.len() - 1;
            return &mut self.fs.f.code[n];
        }
        &mut self.fs.f.code[pc]
    }

    /// Sets registers `from..from+n` to nil, merging with a preceding LOADNIL when possible.
    pub(super) fn code_nil(&mut self, from: u32, n: u32) -> PResult<()> {
        let mut from = from;
        let mut last = from + n - 1;
        if let Some(ppc) = self.previous_instruction() {
            let prev = self.instr(ppc);
            if get_opcode(prev) == OpCode::LOADNIL {
                let pfrom = get_a(prev);
                let plast = pfrom + get_b(prev);
                if (pfrom <= from && from <= plast + 1) || (from <= pfrom && pfrom <= last + 1) {
                    from = from.min(pfrom);
                    last = last.max(plast);
                    let i = self.instr_mut(ppc);
                    set_a(i, from);
                    set_b(i, last - from);
                    return Ok(());
                }
            }
        }
        self.code_abc(OpCode::LOADNIL, from, n - 1, 0)?;
        Ok(())
    }

    /// Makes sure `n` more registers above the first free one are available.
    pub(super) fn check_stack(&mut self, n: u32) -> PResult<()> {
        let newstack = self.fs.freereg + n;
        if newstack > u32::from(self.fs.f.max_stack_size) {
            if newstack >= MAXREGS {
                return Err(self.syntax_error("function or expression needs too many registers"));
            }
            self.fs.f.max_stack_size = newstack as u8;
        }
        Ok(())
    }

    pub(super) fn reserve_regs(&mut self, n: u32) -> PResult<()> {
        self.check_stack(n)?;
        self.fs.freereg += n;
        Ok(())
    }

    /// Frees register `reg` if it is a temporary (not a local variable).
    pub(super) fn free_reg(&mut self, reg: u32) {
        if reg >= self.nvarstack() {
            self.fs.freereg = self.fs.freereg.saturating_sub(1);
        }
    }

    /// Frees two registers in the proper (decreasing) order.
    pub(super) fn free_regs(&mut self, r1: u32, r2: u32) {
        if r1 > r2 {
            self.free_reg(r1);
            self.free_reg(r2);
        } else {
            self.free_reg(r2);
            self.free_reg(r1);
        }
    }
}

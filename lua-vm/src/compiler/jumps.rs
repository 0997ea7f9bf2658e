//! Jump lists: conditional jumps chained through their offsets, patched once targets are known,
//! plus the final peephole pass over a function's code.
#![forbid(unsafe_code)]

use super::expdesc::NO_JUMP;
use super::opcode::*;
use super::parser::{PResult, Parser};

impl Parser<'_> {
    /// Destination of the jump at `pc`, or NO_JUMP at the end of a list.
    pub(super) fn get_jump(&self, pc: usize) -> i32 {
        let offset = get_sj(self.instr(pc));
        if offset == NO_JUMP {
            NO_JUMP
        } else {
            (pc as i32 + 1) + offset
        }
    }

    /// Makes the jump at `pc` go to `dest`.
    pub(super) fn fix_jump(&mut self, pc: usize, dest: usize) -> PResult<()> {
        let offset = dest as i64 - (pc as i64 + 1);
        if !(-(OFFSET_SJ as i64) <= offset && offset <= (MAXARG_SJ as i64) - (OFFSET_SJ as i64)) {
            return Err(self.syntax_error("control structure too long"));
        }
        set_sj(self.instr_mut(pc), offset as i32);
        Ok(())
    }

    /// Appends jump list `l2` to list `*l1`.
    pub(super) fn concat_jumps(&mut self, l1: &mut i32, l2: i32) -> PResult<()> {
        if l2 == NO_JUMP {
            return Ok(());
        }
        if *l1 == NO_JUMP {
            *l1 = l2;
            return Ok(());
        }
        let mut list = *l1 as usize;
        loop {
            let next = self.get_jump(list);
            if next == NO_JUMP {
                break;
            }
            list = next as usize;
        }
        self.fix_jump(list, l2 as usize)
    }

    /// Emits an open jump; returns its pc.
    pub(super) fn jump(&mut self) -> i32 {
        self.code_sj(OpCode::JMP, NO_JUMP, false) as i32
    }

    /// Emits a return of `nret` values starting at register `first`.
    pub(super) fn ret(&mut self, first: u32, nret: i32) -> PResult<()> {
        let op = match nret {
            0 => OpCode::RETURN0,
            1 => OpCode::RETURN1,
            _ => OpCode::RETURN,
        };
        self.code_abc(op, first, (nret + 1) as u32, 0)?;
        Ok(())
    }

    /// Emits a test followed by a jump; returns the jump's pc.
    pub(super) fn cond_jump(&mut self, op: OpCode, a: u32, b: u32, c: u32, k: bool) -> i32 {
        self.code_abck(op, a, b, c, k);
        self.jump()
    }

    /// The current pc, marked as a jump target.
    pub(super) fn get_label(&mut self) -> usize {
        let pc = self.fs.pc();
        self.fs.lasttarget = pc;
        pc
    }

    /// Position of the instruction controlling the jump at `pc` (its test, if any).
    pub(super) fn jump_control(&self, pc: usize) -> usize {
        if pc >= 1 && is_test_mode(get_opcode(self.instr(pc - 1))) {
            pc - 1
        } else {
            pc
        }
    }

    /// If the jump at `node` is controlled by a TESTSET, makes it put its value in `reg` (or turns it
    /// into a TEST when there is no register or the value is already there). False if not a TESTSET.
    fn patch_test_reg(&mut self, node: usize, reg: Option<u32>) -> bool {
        let ipc = self.jump_control(node);
        let i = self.instr(ipc);
        if get_opcode(i) != OpCode::TESTSET {
            return false;
        }
        match reg {
            Some(r) if r != get_b(i) => set_a(self.instr_mut(ipc), r),
            _ => *self.instr_mut(ipc) = create_abck(OpCode::TEST, get_b(i), 0, 0, get_k(i)),
        }
        true
    }

    /// Makes every test in `list` produce no value.
    pub(super) fn remove_values(&mut self, mut list: i32) {
        while list != NO_JUMP {
            self.patch_test_reg(list as usize, None);
            list = self.get_jump(list as usize);
        }
    }

    /// Patches the jumps in `list`: value-producing tests go to `vtarget` (value in `reg`), others to
    /// `dtarget`.
    pub(super) fn patch_list_aux(
        &mut self,
        mut list: i32,
        vtarget: usize,
        reg: Option<u32>,
        dtarget: usize,
    ) -> PResult<()> {
        while list != NO_JUMP {
            let next = self.get_jump(list as usize);
            if self.patch_test_reg(list as usize, reg) {
                self.fix_jump(list as usize, vtarget)?;
            } else {
                self.fix_jump(list as usize, dtarget)?;
            }
            list = next;
        }
        Ok(())
    }

    /// Makes all jumps in `list` go to `target`.
    pub(super) fn patch_list(&mut self, list: i32, target: usize) -> PResult<()> {
        self.patch_list_aux(list, target, None, target)
    }

    /// Makes all jumps in `list` go to the current pc.
    pub(super) fn patch_to_here(&mut self, list: i32) -> PResult<()> {
        let here = self.get_label();
        self.patch_list(list, here)
    }

    /// Emits a jump to `target`.
    pub(super) fn jump_to(&mut self, target: usize) -> PResult<()> {
        let j = self.jump();
        self.patch_list(j, target)
    }

    /// True if some jump in `list` does not produce a value (is not controlled by a TESTSET).
    pub(super) fn need_value(&self, mut list: i32) -> bool {
        while list != NO_JUMP {
            let i = self.instr(self.jump_control(list as usize));
            if get_opcode(i) != OpCode::TESTSET {
                return true;
            }
            list = self.get_jump(list as usize);
        }
        false
    }

    /// Final target of a jump, following chains of jumps (at most 100).
    fn final_target(&self, mut i: usize) -> usize {
        for _ in 0..100 {
            let ins = self.instr(i);
            if get_opcode(ins) != OpCode::JMP {
                break;
            }
            let next = i as i64 + i64::from(get_sj(ins)) + 1;
            if next < 0 || next as usize >= self.fs.pc() {
                break;
            }
            i = next as usize;
        }
        i
    }

    /// Final pass: returns get their "close upvalues"/vararg flags, jumps to jumps are shortcut.
    pub(super) fn finish(&mut self) -> PResult<()> {
        let needclose = self.fs.needclose;
        let is_vararg = self.fs.f.is_vararg;
        let nparams = u32::from(self.fs.f.num_params);
        for pc in 0..self.fs.pc() {
            let op = get_opcode(self.instr(pc));
            match op {
                OpCode::RETURN0 | OpCode::RETURN1 | OpCode::RETURN | OpCode::TAILCALL => {
                    if op != OpCode::RETURN && op != OpCode::TAILCALL {
                        if !(needclose || is_vararg) {
                            continue;
                        }
                        set_opcode(self.instr_mut(pc), OpCode::RETURN);
                    }
                    if needclose {
                        set_k(self.instr_mut(pc), true);
                    }
                    if is_vararg {
                        set_c(self.instr_mut(pc), nparams + 1);
                    }
                }
                OpCode::JMP => {
                    let target = self.final_target(pc);
                    self.fix_jump(pc, target)?;
                }
                _ => {}
            }
        }
        Ok(())
    }
}

//! Labels and gotos (`break` is a goto to an implicit label "break" at the end of each loop):
//! resolution of forward and backward jumps, scope checks and upvalue closing.
#![forbid(unsafe_code)]

use super::error::CompileError;
use super::funcstate::{BlockCnt, LabelDesc};
use super::opcode::OpCode;
use super::parser::{PResult, Parser};
use super::token::Name;

/// Maximum number of pending gotos or active labels (the reference's SHRT_MAX vector limit).
const MAX_LABELS: usize = i16::MAX as usize;

fn describe_name(name: &[u8]) -> String {
    String::from_utf8_lossy(name).into_owned()
}

impl Parser<'_> {
    fn new_label_desc(&self, name: Name, line: u32, pc: i32) -> LabelDesc {
        LabelDesc {
            name,
            pc,
            line,
            nactvar: self.fs.nactvar,
            close: false,
        }
    }

    /// Registers a pending goto whose jump (list) is at `pc`.
    pub(super) fn new_goto_entry(&mut self, name: Name, line: u32, pc: i32) -> PResult<()> {
        self.check_growth(self.gotos.len(), MAX_LABELS, "labels/gotos")?;
        let gt = self.new_label_desc(name, line, pc);
        self.gotos.push(gt);
        Ok(())
    }

    /// An active label of the current function named `name`.
    pub(super) fn find_label(&self, name: &Name) -> Option<&LabelDesc> {
        self.labels
            .get(self.fs.firstlabel..)?
            .iter()
            .find(|lb| lb.name == *name)
    }

    fn jump_scope_error(&self, gt: &LabelDesc) -> CompileError {
        let var = self
            .local_var(gt.nactvar)
            .map(|v| v.name.to_vec())
            .unwrap_or_default();
        let msg = format!(
            "<goto {}> at line {} jumps into the scope of local '{}'",
            describe_name(&gt.name),
            gt.line,
            describe_name(&var)
        );
        self.sem_error(msg)
    }

    /// The error for a goto without a visible label (or a `break` outside a loop).
    pub(super) fn undef_goto(&self, gt: &LabelDesc) -> CompileError {
        let msg = if &gt.name[..] == b"break" {
            format!("break outside loop at line {}", gt.line)
        } else {
            format!(
                "no visible label '{}' for <goto> at line {}",
                describe_name(&gt.name),
                gt.line
            )
        };
        self.sem_error(msg)
    }

    /// Resolves the pending goto at index `g` to `label` and removes it from the pending list.
    fn solve_goto(&mut self, g: usize, label: &LabelDesc) -> PResult<()> {
        let gt = self.gotos[g].clone();
        if gt.nactvar < label.nactvar {
            return Err(self.jump_scope_error(&gt));
        }
        self.patch_list(gt.pc, label.pc.max(0) as usize)?;
        self.gotos.remove(g);
        Ok(())
    }

    /// Resolves the pending gotos of the current block that go to the new label `lb`. True if one
    /// of them needs to close upvalues.
    fn solve_gotos(&mut self, lb: &LabelDesc) -> PResult<bool> {
        let mut i = self.fs.blocks.last().map_or(0, |b| b.firstgoto);
        let mut needsclose = false;
        while i < self.gotos.len() {
            if self.gotos[i].name == lb.name {
                needsclose |= self.gotos[i].close;
                self.solve_goto(i, lb)?;
            } else {
                i += 1;
            }
        }
        Ok(needsclose)
    }

    /// Creates a label at the current pc. `last`: it is the last statement of its block, so the
    /// block's locals are already out of scope there. Returns true if it emitted a CLOSE.
    pub(super) fn create_label(&mut self, name: Name, line: u32, last: bool) -> PResult<bool> {
        self.check_growth(self.labels.len(), MAX_LABELS, "labels/gotos")?;
        let pc = self.get_label() as i32;
        let mut lb = self.new_label_desc(name, line, pc);
        if last {
            lb.nactvar = self.fs.blocks.last().map_or(0, |b| b.nactvar);
        }
        self.labels.push(lb.clone());
        if self.solve_gotos(&lb)? {
            let level = self.nvarstack();
            self.code_abc(OpCode::CLOSE, level, 0, 0)?;
            return Ok(true);
        }
        Ok(false)
    }

    /// Moves the pending gotos of block `bl` (being closed) to the enclosing block.
    pub(super) fn move_gotos_out(&mut self, bl: &BlockCnt) {
        let outer_level = self.reglevel(bl.nactvar);
        for i in bl.firstgoto..self.gotos.len() {
            let level = self.reglevel(self.gotos[i].nactvar);
            let gt = &mut self.gotos[i];
            if level > outer_level {
                gt.close |= bl.upval;
            }
            gt.nactvar = bl.nactvar;
        }
    }

    /// Fails if label `name` is already visible.
    pub(super) fn check_repeated(&self, name: &Name) -> PResult<()> {
        if let Some(lb) = self.find_label(name) {
            let msg = format!(
                "label '{}' already defined on line {}",
                describe_name(name),
                lb.line
            );
            return Err(self.sem_error(msg));
        }
        Ok(())
    }
}

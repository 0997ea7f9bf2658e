//! Bytecode verifier for prototypes read from binary chunks. The interpreter loop reaches registers,
//! constants, upvalues, nested prototypes and the code itself without bounds checks, trusting what
//! the compiler produces; a binary chunk can contain anything, so `undump` runs this first.
//!
//! Checked for every function: opcodes exist; register operands (including the ranges that CALL,
//! RETURN, LOADNIL, CONCAT, SETLIST, the loops ... touch) stay below `max_stack_size`; constant,
//! upvalue and prototype indices are in range; every jump or skip lands inside the code; EXTRAARG
//! appears exactly after LOADKX, NEWTABLE and SETLIST with k; a test is followed by a JMP and an
//! arithmetic instruction by its MMBIN; instructions that take "all values up to the top" directly
//! follow a call or VARARG that sets the top and are not jump targets; vararg functions start with
//! VARARGPREP and pass their parameter count to RETURN/TAILCALL, as the compiler does; the last
//! instruction is a return; line information is empty or one line per instruction; table size hints
//! stay proportional to the code; at most `max_stack_size` locals are active at once; and the
//! upvalues a nested function captures exist in its parent.
#![forbid(unsafe_code)]

use super::opcode::*;
use super::proto::{Constant, FuncProto};
use crate::value::string::MAX_SHORT_LEN;

/// Verifies a prototype and all its nested prototypes.
pub fn verify(p: &FuncProto) -> Result<(), String> {
    let mut work = vec![p];
    while let Some(f) = work.pop() {
        verify_function(f).map_err(|e| format!("{e} (function at line {})", f.line_defined))?;
        for q in &f.protos {
            for u in &q.upvalues {
                let ok = if u.in_stack {
                    u.index < f.max_stack_size
                } else {
                    usize::from(u.index) < f.upvalues.len()
                };
                if !ok {
                    return Err("invalid upvalue reference in nested function".into());
                }
            }
            work.push(q);
        }
    }
    Ok(())
}

/// Items a SETLIST stores at most (`LFIELDS_PER_FLUSH`): bounds the array size hints.
const ITEMS_PER_FLUSH: u64 = LFIELDS_PER_FLUSH as u64;

struct Checker<'a> {
    p: &'a FuncProto,
    /// Number of registers.
    ms: u32,
    /// Instructions reached by a jump or a skip (not by falling through).
    targets: Vec<bool>,
    /// Instructions that use the top set by the previous one: (pc, how far above their A the
    /// producer's A must be).
    consumers: Vec<(usize, u32)>,
    pc: usize,
}

fn op_at(p: &FuncProto, pc: usize) -> Option<OpCode> {
    p.code.get(pc).and_then(|&i| OpCode::from_u8(get_op_raw(i)))
}

fn is_arith(op: OpCode) -> bool {
    use OpCode::*;
    matches!(
        op,
        ADDI | ADDK
            | SUBK
            | MULK
            | MODK
            | POWK
            | DIVK
            | IDIVK
            | BANDK
            | BORK
            | BXORK
            | SHRI
            | SHLI
            | ADD
            | SUB
            | MUL
            | MOD
            | POW
            | DIV
            | IDIV
            | BAND
            | BOR
            | BXOR
            | SHL
            | SHR
    )
}

impl Checker<'_> {
    fn fail(&self, what: &str) -> String {
        format!("{what} at instruction {}", self.pc + 1)
    }

    fn reg(&self, r: u32) -> Result<(), String> {
        self.regs(r, 1)
    }

    /// Registers `first .. first + count` exist.
    fn regs(&self, first: u32, count: u32) -> Result<(), String> {
        if first + count > self.ms {
            return Err(self.fail("register out of range"));
        }
        Ok(())
    }

    fn konst(&self, k: u32) -> Result<(), String> {
        if k as usize >= self.p.constants.len() {
            return Err(self.fail("constant index out of range"));
        }
        Ok(())
    }

    /// A field name operand: the VM reads it as a short string without looking (as the compiler
    /// makes every such operand).
    fn short_str_konst(&self, k: u32) -> Result<(), String> {
        match self.p.constants.get(k as usize) {
            Some(Constant::Str(s)) if s.len() <= MAX_SHORT_LEN => Ok(()),
            Some(_) => Err(self.fail("field name not a short string")),
            None => Err(self.fail("constant index out of range")),
        }
    }

    fn upval(&self, u: u32) -> Result<(), String> {
        if u as usize >= self.p.upvalues.len() {
            return Err(self.fail("upvalue index out of range"));
        }
        Ok(())
    }

    fn rk(&self, c: u32, k: bool) -> Result<(), String> {
        if k {
            self.konst(c)
        } else {
            self.reg(c)
        }
    }

    /// A jump or skip to `t`.
    fn target(&mut self, t: i64) -> Result<(), String> {
        if t < 0 || t as usize >= self.p.code.len() {
            return Err(self.fail("jump out of range"));
        }
        self.targets[t as usize] = true;
        Ok(())
    }

    fn next_is(&self, want: &[OpCode]) -> bool {
        op_at(self.p, self.pc + 1).is_some_and(|o| want.contains(&o))
    }

    fn require_next(&self, want: &[OpCode], what: &str) -> Result<(), String> {
        if self.next_is(want) {
            Ok(())
        } else {
            Err(self.fail(what))
        }
    }

    fn prev(&self) -> Option<(OpCode, Instruction)> {
        let j = self.pc.checked_sub(1)?;
        Some((op_at(self.p, j)?, self.p.code[j]))
    }

    /// The C operand of RETURN/TAILCALL: the parameter count + 1 in vararg functions, else 0.
    fn vararg_c(&self, c: u32) -> Result<(), String> {
        let want = if self.p.is_vararg {
            u32::from(self.p.num_params) + 1
        } else {
            0
        };
        if c != want {
            return Err(self.fail("invalid return adjustment"));
        }
        Ok(())
    }

    /// Table size hints must stay proportional to the code that fills the table.
    fn size_hint(&self, n: u64, per_instruction: u64) -> Result<(), String> {
        if n > per_instruction * self.p.code.len() as u64 {
            return Err(self.fail("table size out of range"));
        }
        Ok(())
    }

    fn extra_arg(&self) -> u64 {
        u64::from(get_ax(self.p.code[self.pc + 1]))
    }

    fn instruction(&mut self, i: Instruction) -> Result<(), String> {
        use OpCode::*;
        let op = OpCode::from_u8(get_op_raw(i)).ok_or_else(|| self.fail("invalid opcode"))?;
        let (a, b, c, k) = (get_a(i), get_b(i), get_c(i), get_k(i));
        let j = self.pc as i64;
        if is_test_mode(op) {
            self.require_next(&[JMP], "test without jump")?;
            self.target(j + 2)?;
        }
        if is_arith(op) {
            self.require_next(&[MMBIN, MMBINI, MMBINK], "arithmetic without MMBIN")?;
            self.target(j + 2)?;
        }
        match op {
            MOVE | UNM | BNOT | NOT | LEN | ADDI | SHRI | SHLI | GETI | TESTSET => {
                self.reg(a)?;
                self.reg(b)?;
            }
            LOADI | LOADF | LOADFALSE | LOADTRUE | CLOSE | TBC | EQI | LTI | LEI | GTI | GEI
            | TEST => self.reg(a)?,
            LFALSESKIP => {
                self.reg(a)?;
                self.target(j + 2)?;
            }
            LOADK => {
                self.reg(a)?;
                self.konst(get_bx(i))?;
            }
            LOADKX => {
                self.reg(a)?;
                self.require_next(&[EXTRAARG], "LOADKX without EXTRAARG")?;
                self.konst(get_ax(self.p.code[self.pc + 1]))?;
                self.target(j + 2)?;
            }
            LOADNIL => self.regs(a, b + 1)?,
            GETUPVAL | SETUPVAL => {
                self.reg(a)?;
                self.upval(b)?;
            }
            GETTABUP => {
                self.reg(a)?;
                self.upval(b)?;
                self.short_str_konst(c)?;
            }
            GETTABLE | ADD | SUB | MUL | MOD | POW | DIV | IDIV | BAND | BOR | BXOR | SHL | SHR => {
                self.reg(a)?;
                self.reg(b)?;
                self.reg(c)?;
            }
            GETFIELD => {
                self.reg(a)?;
                self.reg(b)?;
                self.short_str_konst(c)?;
            }
            ADDK | SUBK | MULK | MODK | POWK | DIVK | IDIVK | BANDK | BORK | BXORK => {
                self.reg(a)?;
                self.reg(b)?;
                self.konst(c)?;
            }
            SETTABUP => {
                self.upval(a)?;
                self.short_str_konst(b)?;
                self.rk(c, k)?;
            }
            SETTABLE => {
                self.reg(a)?;
                self.reg(b)?;
                self.rk(c, k)?;
            }
            SETI => {
                self.reg(a)?;
                self.rk(c, k)?;
            }
            SETFIELD => {
                self.reg(a)?;
                self.short_str_konst(b)?;
                self.rk(c, k)?;
            }
            NEWTABLE => {
                self.reg(a)?;
                self.require_next(&[EXTRAARG], "NEWTABLE without EXTRAARG")?;
                if b > 0 {
                    if b > 32 {
                        return Err(self.fail("table size out of range"));
                    }
                    self.size_hint(1u64 << (b - 1), 2)?;
                }
                let extra = if k { self.extra_arg() } else { 0 };
                self.size_hint(
                    u64::from(c) + extra * (u64::from(MAXARG_C) + 1),
                    ITEMS_PER_FLUSH,
                )?;
                self.target(j + 2)?;
            }
            SELF => {
                self.regs(a, 2)?;
                self.reg(b)?;
                self.rk(c, k)?;
            }
            MMBIN | MMBINI | MMBINK => {
                match op {
                    MMBIN => {
                        self.reg(a)?;
                        self.reg(b)?;
                    }
                    MMBINI => self.reg(a)?,
                    _ => {
                        self.reg(a)?;
                        self.konst(b)?;
                    }
                }
                // TM_ADD ..= TM_SHR
                if !(6..=17).contains(&c) {
                    return Err(self.fail("invalid metamethod event"));
                }
                if !self.prev().is_some_and(|(o, _)| is_arith(o)) {
                    return Err(self.fail("MMBIN without arithmetic"));
                }
            }
            CONCAT => {
                if b < 2 {
                    return Err(self.fail("invalid concatenation"));
                }
                self.regs(a, b)?;
            }
            JMP => self.target(j + 1 + i64::from(get_sj(i)))?,
            EQ | LT | LE => {
                self.reg(a)?;
                self.reg(b)?;
            }
            EQK => {
                self.reg(a)?;
                self.konst(b)?;
            }
            CALL => {
                self.reg(a)?;
                if b == 0 {
                    self.consumers.push((self.pc, 1));
                } else {
                    self.regs(a, b)?;
                }
                if c > 0 {
                    self.regs(a, c - 1)?;
                }
            }
            TAILCALL => {
                self.reg(a)?;
                if b == 0 {
                    self.consumers.push((self.pc, 1));
                } else {
                    self.regs(a, b)?;
                }
                self.vararg_c(c)?;
            }
            RETURN => {
                if b == 0 {
                    self.reg(a)?;
                    self.consumers.push((self.pc, 0));
                } else if a + b - 1 > self.ms {
                    return Err(self.fail("register out of range"));
                }
                self.vararg_c(c)?;
            }
            RETURN0 | RETURN1 => {
                if self.p.is_vararg {
                    return Err(self.fail("invalid return in vararg function"));
                }
                if op == RETURN1 {
                    self.reg(a)?;
                } else if a > self.ms {
                    return Err(self.fail("register out of range"));
                }
            }
            FORPREP => {
                self.regs(a, 4)?;
                self.target(j + 2 + i64::from(get_bx(i)))?;
            }
            FORLOOP => {
                self.regs(a, 4)?;
                self.target(j + 1 - i64::from(get_bx(i)))?;
            }
            TFORPREP => {
                self.regs(a, 4)?;
                self.target(j + 1 + i64::from(get_bx(i)))?;
            }
            TFORCALL => {
                self.regs(a, 7)?;
                self.regs(a + 4, c)?;
            }
            TFORLOOP => {
                self.regs(a, 5)?;
                self.target(j + 1 - i64::from(get_bx(i)))?;
            }
            SETLIST => {
                if b == 0 {
                    self.reg(a)?;
                    self.consumers.push((self.pc, 1));
                } else {
                    self.regs(a, b + 1)?;
                }
                let extra = if k {
                    self.require_next(&[EXTRAARG], "SETLIST without EXTRAARG")?;
                    self.target(j + 2)?;
                    self.extra_arg()
                } else {
                    0
                };
                self.size_hint(
                    u64::from(c) + extra * (u64::from(MAXARG_C) + 1),
                    ITEMS_PER_FLUSH,
                )?;
            }
            CLOSURE => {
                self.reg(a)?;
                if get_bx(i) as usize >= self.p.protos.len() {
                    return Err(self.fail("function index out of range"));
                }
            }
            VARARG => {
                if !self.p.is_vararg {
                    return Err(self.fail("VARARG in a function without varargs"));
                }
                self.reg(a)?;
                if c > 0 {
                    self.regs(a, c - 1)?;
                }
            }
            VARARGPREP => {
                if self.pc != 0 || !self.p.is_vararg || a != u32::from(self.p.num_params) {
                    return Err(self.fail("misplaced VARARGPREP"));
                }
            }
            EXTRAARG => {
                let ok = match self.prev() {
                    Some((LOADKX | NEWTABLE, _)) => true,
                    Some((SETLIST, pi)) => get_k(pi),
                    _ => false,
                };
                if !ok {
                    return Err(self.fail("misplaced EXTRAARG"));
                }
            }
        }
        Ok(())
    }
}

fn verify_function(p: &FuncProto) -> Result<(), String> {
    let n = p.code.len();
    if p.max_stack_size < 2 || p.num_params > p.max_stack_size {
        return Err("invalid stack size".into());
    }
    if !p.line_info.is_empty() && p.line_info.len() != n {
        return Err("invalid line information".into());
    }
    if !matches!(
        p.code.last().and_then(|&i| OpCode::from_u8(get_op_raw(i))),
        Some(OpCode::RETURN | OpCode::RETURN0 | OpCode::RETURN1)
    ) {
        return Err("code does not end with a return".into());
    }
    if p.is_vararg && op_at(p, 0) != Some(OpCode::VARARGPREP) {
        return Err("vararg function without VARARGPREP".into());
    }
    let mut ck = Checker {
        p,
        ms: u32::from(p.max_stack_size),
        targets: vec![false; n],
        consumers: Vec::new(),
        pc: 0,
    };
    for (pc, &i) in p.code.iter().enumerate() {
        ck.pc = pc;
        ck.instruction(i)?;
    }
    for &(pc, above) in &ck.consumers {
        ck.pc = pc;
        let a = get_a(p.code[pc]);
        // A TAILCALL never falls through (the return after it is unreachable).
        let produced = ck.prev().is_some_and(|(o, pi)| match o {
            OpCode::CALL | OpCode::VARARG => get_c(pi) == 0 && get_a(pi) >= a + above,
            OpCode::TAILCALL => true,
            _ => false,
        });
        if ck.targets[pc] || !produced {
            return Err(ck.fail("open results without a producer"));
        }
    }
    if p.is_vararg && ck.targets[0] {
        return Err("jump to VARARGPREP".into());
    }
    check_locals(p)
}

/// At no point may more locals be active than there are registers (the debug interface maps the
/// n-th active local to register n - 1).
fn check_locals(p: &FuncProto) -> Result<(), String> {
    let mut events: Vec<(u32, i32)> = Vec::with_capacity(p.loc_vars.len() * 2);
    for lv in &p.loc_vars {
        if lv.start_pc < lv.end_pc {
            events.push((lv.start_pc, 1));
            events.push((lv.end_pc, -1));
        }
    }
    events.sort_unstable();
    let mut active = 0i32;
    for (_, d) in events {
        active += d;
        if active > i32::from(p.max_stack_size) {
            return Err("too many active local variables".into());
        }
    }
    Ok(())
}

//! Grammar rules for table constructors and function bodies (parameters, nested prototypes).
#![forbid(unsafe_code)]

use super::expdesc::{ExpDesc, ExpKind};
use super::opcode::*;
use super::parser::{PResult, Parser};
use super::token::{Name, Token};

/// State of a table constructor being compiled.
struct ConsControl {
    /// Last list item read (not yet stored in a register).
    v: ExpDesc,
    /// Register of the table.
    table: u32,
    /// Number of record (hash) fields.
    nh: usize,
    /// Number of list items already stored (transiently -1 after an open last item).
    na: i64,
    /// Number of list items pending to be stored.
    tostore: u32,
}

/// ceil(log2(x)) for x >= 1.
fn ceil_log2(x: usize) -> u32 {
    if x <= 1 {
        0
    } else {
        usize::BITS - (x - 1).leading_zeros()
    }
}

impl Parser<'_> {
    // constructor -> '{' [ field { sep field } [sep] ] '}'   with sep -> ',' | ';'
    pub(super) fn constructor(&mut self, t: &mut ExpDesc) -> PResult<()> {
        let line = self.lex.linenumber;
        let pc = self.code_abc(OpCode::NEWTABLE, 0, 0, 0)?;
        self.code(0);
        let table = self.fs.freereg;
        *t = ExpDesc::new(ExpKind::NonReloc(table));
        self.reserve_regs(1)?;
        let mut cc = ConsControl {
            v: ExpDesc::void(),
            table,
            nh: 0,
            na: 0,
            tostore: 0,
        };
        self.check_next(&Token::Char(b'{'))?;
        loop {
            if self.at_char(b'}') {
                break;
            }
            self.close_list_field(&mut cc)?;
            self.field(&mut cc)?;
            if !(self.test_next(&Token::Char(b','))? || self.test_next(&Token::Char(b';'))?) {
                break;
            }
        }
        self.check_match(&Token::Char(b'}'), &Token::Char(b'{'), line)?;
        self.last_list_field(&mut cc)?;
        self.set_table_size(pc, table, cc.na.max(0) as usize, cc.nh);
        Ok(())
    }

    // field -> listfield | recfield
    fn field(&mut self, cc: &mut ConsControl) -> PResult<()> {
        match self.lex.t {
            Token::Name(_) => {
                if *self.lex.lookahead()? != Token::Char(b'=') {
                    self.list_field(cc)
                } else {
                    self.rec_field(cc)
                }
            }
            Token::Char(b'[') => self.rec_field(cc),
            _ => self.list_field(cc),
        }
    }

    // recfield -> (NAME | '[' exp ']') = exp
    fn rec_field(&mut self, cc: &mut ConsControl) -> PResult<()> {
        let reg = self.fs.freereg;
        let key = if matches!(self.lex.t, Token::Name(_)) {
            self.check_limit(cc.nh, i32::MAX as usize, "items in a constructor")?;
            self.codename()?
        } else {
            self.yindex()?
        };
        cc.nh += 1;
        self.check_next(&Token::Char(b'='))?;
        let mut tab = ExpDesc::new(ExpKind::NonReloc(cc.table));
        self.indexed(&mut tab, key)?;
        let mut val = ExpDesc::void();
        self.expr(&mut val)?;
        self.store_var(&tab, &mut val)?;
        self.fs.freereg = reg;
        Ok(())
    }

    // listfield -> exp
    fn list_field(&mut self, cc: &mut ConsControl) -> PResult<()> {
        self.expr(&mut cc.v)?;
        cc.tostore += 1;
        Ok(())
    }

    /// Puts the previous list item in its register, flushing a full batch with SETLIST.
    fn close_list_field(&mut self, cc: &mut ConsControl) -> PResult<()> {
        if cc.v.k == ExpKind::Void {
            return Ok(());
        }
        self.exp2nextreg(&mut cc.v)?;
        cc.v = ExpDesc::void();
        if cc.tostore == LFIELDS_PER_FLUSH {
            self.set_list(cc.table, cc.na, cc.tostore as i32);
            cc.na += i64::from(cc.tostore);
            cc.tostore = 0;
        }
        Ok(())
    }

    /// Stores the pending list items; a final call or `...` stores all its results.
    fn last_list_field(&mut self, cc: &mut ConsControl) -> PResult<()> {
        if cc.tostore == 0 {
            return Ok(());
        }
        if cc.v.has_multret() {
            self.set_multret(&mut cc.v)?;
            self.set_list(cc.table, cc.na, -1);
            cc.na -= 1;
        } else {
            if cc.v.k != ExpKind::Void {
                self.exp2nextreg(&mut cc.v)?;
            }
            self.set_list(cc.table, cc.na, cc.tostore as i32);
        }
        cc.na += i64::from(cc.tostore);
        Ok(())
    }

    /// Emits SETLIST storing `tostore` values (-1: up to the stack top) after the `nelems` first ones.
    fn set_list(&mut self, base: u32, nelems: i64, tostore: i32) {
        let nelems = nelems.max(0) as usize;
        let tostore = tostore.max(0) as u32;
        if nelems <= MAXARG_C as usize {
            self.code_abck(OpCode::SETLIST, base, tostore, nelems as u32, false);
        } else {
            let extra = nelems / (MAXARG_C as usize + 1);
            let rest = nelems % (MAXARG_C as usize + 1);
            self.code_abck(OpCode::SETLIST, base, tostore, rest as u32, true);
            self.code_extraarg(extra as u32);
        }
        self.fs.freereg = base + 1;
    }

    /// Fills in the NEWTABLE at `pc` (and its EXTRAARG) with the constructor's sizes.
    fn set_table_size(&mut self, pc: usize, ra: u32, asize: usize, hsize: usize) {
        let rb = if hsize != 0 { ceil_log2(hsize) + 1 } else { 0 };
        let extra = asize / (MAXARG_C as usize + 1);
        let rc = asize % (MAXARG_C as usize + 1);
        *self.instr_mut(pc) = create_abck(OpCode::NEWTABLE, ra, rb, rc as u32, extra > 0);
        *self.instr_mut(pc + 1) = create_ax(OpCode::EXTRAARG, extra as u32);
    }

    // body -> '(' parlist ')' block END
    pub(super) fn body(&mut self, e: &mut ExpDesc, ismethod: bool, line: u32) -> PResult<()> {
        self.check_growth(self.fs.f.protos.len(), MAXARG_BX as usize, "functions")?;
        self.open_func(line);
        self.check_next(&Token::Char(b'('))?;
        if ismethod {
            self.new_localvar(Name::from(&b"self"[..]))?;
            self.adjust_local_vars(1)?;
        }
        self.parlist()?;
        self.check_next(&Token::Char(b')'))?;
        self.statlist()?;
        self.fs.f.last_line_defined = self.lex.linenumber;
        self.check_match(&Token::End, &Token::Function, line)?;
        let proto = self.close_func()?;
        self.fs.f.protos.push(proto);
        let np = self.fs.f.protos.len() as u32;
        *e = ExpDesc::new(ExpKind::Reloc(self.code_abx(OpCode::CLOSURE, 0, np - 1)));
        self.exp2nextreg(e)
    }

    // parlist -> [ {NAME ','} (NAME | '...') ]
    fn parlist(&mut self) -> PResult<()> {
        let mut nparams = 0;
        let mut isvararg = false;
        if !self.at_char(b')') {
            loop {
                match self.lex.t {
                    Token::Name(_) => {
                        let name = self.str_checkname()?;
                        self.new_localvar(name)?;
                        nparams += 1;
                    }
                    Token::Dots => {
                        self.lex.next()?;
                        isvararg = true;
                    }
                    _ => return Err(self.syntax_error("<name> or '...' expected")),
                }
                if isvararg || !self.test_next(&Token::Char(b','))? {
                    break;
                }
            }
        }
        self.adjust_local_vars(nparams)?;
        let nact = self.fs.nactvar;
        self.fs.f.num_params = nact as u8;
        if isvararg {
            self.set_vararg(nact as u32)?;
        }
        self.reserve_regs(nact as u32)
    }
}

//! Statement grammar rules: blocks, control structures, locals, assignments, calls, returns,
//! labels and gotos.
#![forbid(unsafe_code)]

use super::expdesc::{ExpDesc, ExpKind, NO_JUMP};
use super::funcstate::{RDKCONST, RDKCTC, RDKTOCLOSE, VDKREG};
use super::opcode::*;
use super::parser::{PResult, Parser};
use super::token::{Name, Token};

fn name(s: &[u8]) -> Name {
    Name::from(s)
}

impl Parser<'_> {
    /// Does the current token end a block? (`until` only if `withuntil`.)
    fn block_follow(&self, withuntil: bool) -> bool {
        match self.lex.t {
            Token::Else | Token::Elseif | Token::End | Token::Eos => true,
            Token::Until => withuntil,
            _ => false,
        }
    }

    // statlist -> { stat [';'] }
    pub(super) fn statlist(&mut self) -> PResult<()> {
        while !self.block_follow(true) {
            if self.at(&Token::Return) {
                return self.statement();
            }
            self.statement()?;
        }
        Ok(())
    }

    // block -> statlist
    fn block(&mut self) -> PResult<()> {
        self.enter_block(false);
        self.statlist()?;
        self.leave_block()
    }

    // stat -> ';' | ifstat | whilestat | DO block END | forstat | repeatstat | funcstat | localstat
    //       | label | retstat | 'break' | 'goto' NAME | exprstat
    fn statement(&mut self) -> PResult<()> {
        let line = self.lex.linenumber;
        self.enter_level()?;
        match self.lex.t {
            Token::Char(b';') => self.lex.next()?,
            Token::If => self.ifstat(line)?,
            Token::While => self.whilestat(line)?,
            Token::Do => {
                self.lex.next()?;
                self.block()?;
                self.check_match(&Token::End, &Token::Do, line)?;
            }
            Token::For => self.forstat(line)?,
            Token::Repeat => self.repeatstat(line)?,
            Token::Function => self.funcstat(line)?,
            Token::Local => {
                self.lex.next()?;
                if self.test_next(&Token::Function)? {
                    self.localfunc()?;
                } else {
                    self.localstat()?;
                }
            }
            Token::DbColon => {
                self.lex.next()?;
                let label = self.str_checkname()?;
                self.labelstat(label, line)?;
            }
            Token::Return => {
                self.lex.next()?;
                self.retstat()?;
            }
            Token::Break => self.breakstat()?,
            Token::Goto => {
                self.lex.next()?;
                self.gotostat()?;
            }
            _ => self.exprstat()?,
        }
        self.fs.freereg = self.nvarstack();
        self.leave_level();
        Ok(())
    }

    // cond -> exp   (returns the jump list taken when the condition is false)
    fn cond(&mut self) -> PResult<i32> {
        let mut v = ExpDesc::void();
        self.expr(&mut v)?;
        if v.k == ExpKind::Nil {
            v.k = ExpKind::False;
        }
        self.go_if_true(&mut v)?;
        Ok(v.f)
    }

    // gotostat -> 'goto' NAME
    fn gotostat(&mut self) -> PResult<()> {
        let line = self.lex.linenumber;
        let label = self.str_checkname()?;
        match self.find_label(&label).map(|lb| (lb.nactvar, lb.pc)) {
            None => {
                let j = self.jump();
                self.new_goto_entry(label, line, j)
            }
            Some((nactvar, pc)) => {
                let lblevel = self.reglevel(nactvar);
                if self.nvarstack() > lblevel {
                    self.code_abc(OpCode::CLOSE, lblevel, 0, 0)?;
                }
                let j = self.jump();
                self.patch_list(j, pc.max(0) as usize)
            }
        }
    }

    // breakstat -> 'break'   (a goto to the enclosing loop's "break" label)
    fn breakstat(&mut self) -> PResult<()> {
        let line = self.lex.linenumber;
        self.lex.next()?;
        let j = self.jump();
        self.new_goto_entry(name(b"break"), line, j)
    }

    // label -> '::' NAME '::'
    fn labelstat(&mut self, label: Name, line: u32) -> PResult<()> {
        self.check_next(&Token::DbColon)?;
        while self.at_char(b';') || self.at(&Token::DbColon) {
            self.statement()?;
        }
        self.check_repeated(&label)?;
        let last = self.block_follow(false);
        self.create_label(label, line, last)?;
        Ok(())
    }

    // whilestat -> WHILE cond DO block END
    fn whilestat(&mut self, line: u32) -> PResult<()> {
        self.lex.next()?;
        let whileinit = self.get_label();
        let condexit = self.cond()?;
        self.enter_block(true);
        self.check_next(&Token::Do)?;
        self.block()?;
        self.jump_to(whileinit)?;
        self.check_match(&Token::End, &Token::While, line)?;
        self.leave_block()?;
        self.patch_to_here(condexit)
    }

    // repeatstat -> REPEAT block UNTIL cond   (the condition sees the block's locals)
    fn repeatstat(&mut self, line: u32) -> PResult<()> {
        let repeat_init = self.get_label();
        self.enter_block(true);
        self.enter_block(false);
        self.lex.next()?;
        self.statlist()?;
        self.check_match(&Token::Until, &Token::Repeat, line)?;
        let mut condexit = self.cond()?;
        let (upval, nactvar) = {
            let bl = self.block_cnt();
            (bl.upval, bl.nactvar)
        };
        self.leave_block()?;
        if upval {
            let exit = self.jump();
            self.patch_to_here(condexit)?;
            let level = self.reglevel(nactvar);
            self.code_abc(OpCode::CLOSE, level, 0, 0)?;
            condexit = self.jump();
            self.patch_to_here(exit)?;
        }
        self.patch_list(condexit, repeat_init)?;
        self.leave_block()
    }

    // exp1 -> expr   (value in the next register)
    fn exp1(&mut self) -> PResult<()> {
        let mut e = ExpDesc::void();
        self.expr(&mut e)?;
        self.exp2nextreg(&mut e)
    }

    /// Sets the Bx jump of the loop instruction at `pc` to reach `dest` (`back`: backwards).
    fn fix_for_jump(&mut self, pc: usize, dest: usize, back: bool) -> PResult<()> {
        let mut offset = dest as i64 - (pc as i64 + 1);
        if back {
            offset = -offset;
        }
        if offset > i64::from(MAXARG_BX) {
            return Err(self.syntax_error("control structure too long"));
        }
        set_bx(self.instr_mut(pc), offset.max(0) as u32);
        Ok(())
    }

    // forbody -> DO block
    fn forbody(&mut self, base: u32, line: u32, nvars: usize, isgen: bool) -> PResult<()> {
        self.check_next(&Token::Do)?;
        let prep_op = if isgen {
            OpCode::TFORPREP
        } else {
            OpCode::FORPREP
        };
        let prep = self.code_abx(prep_op, base, 0);
        self.enter_block(false);
        self.adjust_local_vars(nvars)?;
        self.reserve_regs(nvars as u32)?;
        self.block()?;
        self.leave_block()?;
        let here = self.get_label();
        self.fix_for_jump(prep, here, false)?;
        if isgen {
            self.code_abc(OpCode::TFORCALL, base, 0, nvars as u32)?;
            self.fix_line(line);
        }
        let loop_op = if isgen {
            OpCode::TFORLOOP
        } else {
            OpCode::FORLOOP
        };
        let endfor = self.code_abx(loop_op, base, 0);
        self.fix_for_jump(endfor, prep + 1, true)?;
        self.fix_line(line);
        Ok(())
    }

    // fornum -> NAME = exp, exp [, exp] forbody
    fn fornum(&mut self, varname: Name, line: u32) -> PResult<()> {
        let base = self.fs.freereg;
        for _ in 0..3 {
            self.new_localvar(name(b"(for state)"))?;
        }
        self.new_localvar(varname)?;
        self.check_next(&Token::Char(b'='))?;
        self.exp1()?;
        self.check_next(&Token::Char(b','))?;
        self.exp1()?;
        if self.test_next(&Token::Char(b','))? {
            self.exp1()?;
        } else {
            let r = self.fs.freereg;
            self.code_int(r, 1)?;
            self.reserve_regs(1)?;
        }
        self.adjust_local_vars(3)?;
        self.forbody(base, line, 1, false)
    }

    // forlist -> NAME {, NAME} IN explist forbody
    fn forlist(&mut self, indexname: Name) -> PResult<()> {
        let mut nvars = 5;
        let base = self.fs.freereg;
        for _ in 0..4 {
            self.new_localvar(name(b"(for state)"))?;
        }
        self.new_localvar(indexname)?;
        while self.test_next(&Token::Char(b','))? {
            let n = self.str_checkname()?;
            self.new_localvar(n)?;
            nvars += 1;
        }
        self.check_next(&Token::In)?;
        let line = self.lex.linenumber;
        let mut e = ExpDesc::void();
        let nexps = self.explist(&mut e)?;
        self.adjust_assign(4, nexps, &mut e)?;
        self.adjust_local_vars(4)?;
        self.mark_to_be_closed();
        self.check_stack(3)?;
        self.forbody(base, line, nvars - 4, true)
    }

    // forstat -> FOR (fornum | forlist) END
    fn forstat(&mut self, line: u32) -> PResult<()> {
        self.enter_block(true);
        self.lex.next()?;
        let varname = self.str_checkname()?;
        match self.lex.t {
            Token::Char(b'=') => self.fornum(varname, line)?,
            Token::Char(b',') | Token::In => self.forlist(varname)?,
            _ => return Err(self.syntax_error("'=' or 'in' expected")),
        }
        self.check_match(&Token::End, &Token::For, line)?;
        self.leave_block()
    }

    // test_then_block -> [IF | ELSEIF] cond THEN block
    fn test_then_block(&mut self, escapelist: &mut i32) -> PResult<()> {
        self.lex.next()?;
        let mut v = ExpDesc::void();
        self.expr(&mut v)?;
        self.check_next(&Token::Then)?;
        let jf = if self.at(&Token::Break) {
            let line = self.lex.linenumber;
            self.go_if_false(&mut v)?;
            self.lex.next()?;
            self.enter_block(false);
            self.new_goto_entry(name(b"break"), line, v.t)?;
            while self.test_next(&Token::Char(b';'))? {}
            if self.block_follow(false) {
                return self.leave_block();
            }
            self.jump()
        } else {
            self.go_if_true(&mut v)?;
            self.enter_block(false);
            v.f
        };
        self.statlist()?;
        self.leave_block()?;
        if self.at(&Token::Else) || self.at(&Token::Elseif) {
            let j = self.jump();
            self.concat_jumps(escapelist, j)?;
        }
        self.patch_to_here(jf)
    }

    // ifstat -> IF cond THEN block {ELSEIF cond THEN block} [ELSE block] END
    fn ifstat(&mut self, line: u32) -> PResult<()> {
        let mut escapelist = NO_JUMP;
        self.test_then_block(&mut escapelist)?;
        while self.at(&Token::Elseif) {
            self.test_then_block(&mut escapelist)?;
        }
        if self.test_next(&Token::Else)? {
            self.block()?;
        }
        self.check_match(&Token::End, &Token::If, line)?;
        self.patch_to_here(escapelist)
    }

    // localfunc -> LOCAL FUNCTION NAME body
    fn localfunc(&mut self) -> PResult<()> {
        let fvar = self.fs.nactvar;
        let n = self.str_checkname()?;
        self.new_localvar(n)?;
        self.adjust_local_vars(1)?;
        let mut b = ExpDesc::void();
        let line = self.lex.linenumber;
        self.body(&mut b, false, line)?;
        let pc = self.fs.pc() as u32;
        if let Some(v) = self.local_debug_info(fvar) {
            v.start_pc = pc;
        }
        Ok(())
    }

    // attrib -> ['<' NAME '>']
    fn local_attribute(&mut self) -> PResult<u8> {
        if self.test_next(&Token::Char(b'<'))? {
            let attr = self.str_checkname()?;
            self.check_next(&Token::Char(b'>'))?;
            return match &attr[..] {
                b"const" => Ok(RDKCONST),
                b"close" => Ok(RDKTOCLOSE),
                _ => {
                    let mut msg = b"unknown attribute '".to_vec();
                    msg.extend_from_slice(&attr);
                    msg.push(b'\'');
                    Err(self.sem_error(msg))
                }
            };
        }
        Ok(VDKREG)
    }

    // localstat -> LOCAL NAME attrib { ',' NAME attrib } ['=' explist]
    fn localstat(&mut self) -> PResult<()> {
        let mut toclose: Option<usize> = None;
        let mut nvars = 0;
        let mut vidx;
        loop {
            let n = self.str_checkname()?;
            vidx = self.new_localvar(n)?;
            let kind = self.local_attribute()?;
            let first = self.fs.firstlocal;
            if let Some(v) = self.actvar.get_mut(first + vidx) {
                v.kind = kind;
            }
            if kind == RDKTOCLOSE {
                if toclose.is_some() {
                    return Err(self.sem_error("multiple to-be-closed variables in local list"));
                }
                toclose = Some(self.fs.nactvar + nvars);
            }
            nvars += 1;
            if !self.test_next(&Token::Char(b','))? {
                break;
            }
        }
        let mut e = ExpDesc::void();
        let nexps = if self.test_next(&Token::Char(b'='))? {
            self.explist(&mut e)? as usize
        } else {
            0
        };
        let last_kind = self.local_var(vidx).map_or(VDKREG, |v| v.kind);
        let constant = if nvars == nexps && last_kind == RDKCONST {
            self.exp2const(&e)
        } else {
            None
        };
        if let Some(k) = constant {
            let first = self.fs.firstlocal;
            if let Some(v) = self.actvar.get_mut(first + vidx) {
                v.kind = RDKCTC;
                v.k = k;
            }
            self.adjust_local_vars(nvars - 1)?;
            self.fs.nactvar += 1;
        } else {
            self.adjust_assign(nvars as u32, nexps as u32, &mut e)?;
            self.adjust_local_vars(nvars)?;
        }
        if let Some(level) = toclose {
            self.mark_to_be_closed();
            let r = self.reglevel(level);
            self.code_abc(OpCode::TBC, r, 0, 0)?;
        }
        Ok(())
    }

    // funcname -> NAME {fieldsel} [':' NAME]   (returns whether it is a method)
    fn funcname(&mut self, v: &mut ExpDesc) -> PResult<bool> {
        *v = self.single_var()?;
        while self.at_char(b'.') {
            self.fieldsel(v)?;
        }
        if self.at_char(b':') {
            self.fieldsel(v)?;
            return Ok(true);
        }
        Ok(false)
    }

    // funcstat -> FUNCTION funcname body
    fn funcstat(&mut self, line: u32) -> PResult<()> {
        self.lex.next()?;
        let mut v = ExpDesc::void();
        let ismethod = self.funcname(&mut v)?;
        let mut b = ExpDesc::void();
        self.body(&mut b, ismethod, line)?;
        self.check_readonly(&v)?;
        self.store_var(&v, &mut b)?;
        self.fix_line(line);
        Ok(())
    }

    // exprstat -> func | assignment
    fn exprstat(&mut self) -> PResult<()> {
        let mut v = ExpDesc::void();
        self.suffixedexp(&mut v)?;
        if self.at_char(b'=') || self.at_char(b',') {
            return self.restassign(v);
        }
        match v.k {
            ExpKind::Call(pc) => {
                set_c(self.instr_mut(pc), 1);
                Ok(())
            }
            _ => Err(self.syntax_error("syntax error")),
        }
    }

    /// Copies a local/upvalue about to be assigned into a fresh register when a previous target of the
    /// same multiple assignment uses it as a table or key, and makes that target use the copy.
    fn check_conflict(&mut self, lhs: &mut [ExpDesc], v: &ExpDesc) -> PResult<()> {
        let extra = self.fs.freereg;
        let mut conflict = false;
        for lh in lhs.iter_mut() {
            match (&mut lh.k, &v.k) {
                (ExpKind::IndexUp { t, idx }, ExpKind::Upval(u)) if *t == *u => {
                    conflict = true;
                    lh.k = ExpKind::IndexStr {
                        t: extra,
                        idx: *idx,
                    };
                }
                (
                    ExpKind::Indexed { t, .. }
                    | ExpKind::IndexI { t, .. }
                    | ExpKind::IndexStr { t, .. },
                    ExpKind::Local { ridx, .. },
                ) => {
                    if *t == *ridx {
                        conflict = true;
                        *t = extra;
                    }
                    if let ExpKind::Indexed { idx, .. } = &mut lh.k {
                        if *idx == *ridx {
                            conflict = true;
                            *idx = extra;
                        }
                    }
                }
                _ => {}
            }
        }
        if conflict {
            match v.k {
                ExpKind::Local { ridx, .. } => self.code_abc(OpCode::MOVE, extra, ridx, 0)?,
                ExpKind::Upval(u) => self.code_abc(OpCode::GETUPVAL, extra, u, 0)?,
                _ => 0,
            };
            self.reserve_regs(1)?;
        }
        Ok(())
    }

    // assignment -> suffixedexp restassign
    // restassign -> ',' suffixedexp restassign | '=' explist
    fn restassign(&mut self, first: ExpDesc) -> PResult<()> {
        let mut lhs = vec![first];
        let mut levels = 0;
        loop {
            let cur = &lhs[lhs.len() - 1];
            if !cur.is_var() {
                return Err(self.syntax_error("syntax error"));
            }
            self.check_readonly(cur)?;
            if !self.test_next(&Token::Char(b','))? {
                break;
            }
            let mut nv = ExpDesc::void();
            self.suffixedexp(&mut nv)?;
            if !nv.is_indexed() {
                self.check_conflict(&mut lhs, &nv)?;
            }
            self.enter_level()?;
            levels += 1;
            lhs.push(nv);
        }
        self.check_next(&Token::Char(b'='))?;
        let nvars = lhs.len() as u32;
        let mut e = ExpDesc::void();
        let nexps = self.explist(&mut e)?;
        let mut targets = lhs.iter().rev();
        if nexps != nvars {
            self.adjust_assign(nvars, nexps, &mut e)?;
        } else if let Some(last) = targets.next() {
            self.set_one_ret(&mut e);
            self.store_var(last, &mut e)?;
        }
        for lh in targets {
            let mut e = ExpDesc::new(ExpKind::NonReloc(self.fs.freereg.saturating_sub(1)));
            self.store_var(lh, &mut e)?;
        }
        for _ in 0..levels {
            self.leave_level();
        }
        Ok(())
    }

    /// Adjusts the `nexps` values of an expression list (last one `e`) to `nvars` values.
    pub(super) fn adjust_assign(&mut self, nvars: u32, nexps: u32, e: &mut ExpDesc) -> PResult<()> {
        let needed = nvars as i32 - nexps as i32;
        if e.has_multret() {
            let extra = (needed + 1).max(0);
            self.set_returns(e, extra)?;
        } else {
            if e.k != ExpKind::Void {
                self.exp2nextreg(e)?;
            }
            if needed > 0 {
                let r = self.fs.freereg;
                self.code_nil(r, needed as u32)?;
            }
        }
        if needed > 0 {
            self.reserve_regs(needed as u32)
        } else {
            self.fs.freereg = (self.fs.freereg as i32 + needed).max(0) as u32;
            Ok(())
        }
    }

    // retstat -> RETURN [explist] [';']
    fn retstat(&mut self) -> PResult<()> {
        let mut first = self.nvarstack();
        let mut nret: i32;
        if self.block_follow(true) || self.at_char(b';') {
            nret = 0;
        } else {
            let mut e = ExpDesc::void();
            nret = self.explist(&mut e)? as i32;
            if e.has_multret() {
                self.set_multret(&mut e)?;
                if let ExpKind::Call(pc) = e.k {
                    let insidetbc = self.fs.blocks.last().is_some_and(|b| b.insidetbc);
                    if nret == 1 && !insidetbc {
                        set_opcode(self.instr_mut(pc), OpCode::TAILCALL);
                    }
                }
                nret = -1;
            } else if nret == 1 {
                first = self.exp2anyreg(&mut e)?;
            } else {
                self.exp2nextreg(&mut e)?;
            }
        }
        self.ret(first, nret)?;
        self.test_next(&Token::Char(b';'))?;
        Ok(())
    }
}

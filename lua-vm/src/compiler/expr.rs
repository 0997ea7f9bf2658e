//! Expression grammar rules: operators with priorities, simple and suffixed expressions, calls.
#![forbid(unsafe_code)]

use super::expdesc::{ExpDesc, ExpKind};
use super::opcode::OpCode;
use super::operators::{binopr, unopr, BinOpr, UNARY_PRIORITY};
use super::parser::{PResult, Parser};
use super::token::Token;

impl Parser<'_> {
    // expr -> subexpr
    pub(super) fn expr(&mut self, v: &mut ExpDesc) -> PResult<()> {
        self.subexpr(v, 0)?;
        Ok(())
    }

    // subexpr -> (simpleexp | unop subexpr) { binop subexpr }
    // where each binop has a left priority above `limit`; returns the first operator not handled.
    fn subexpr(&mut self, v: &mut ExpDesc, limit: u8) -> PResult<Option<BinOpr>> {
        self.enter_level()?;
        if let Some(uop) = unopr(&self.lex.t) {
            let line = self.lex.linenumber;
            self.lex.next()?;
            self.subexpr(v, UNARY_PRIORITY)?;
            self.prefix(uop, v, line)?;
        } else {
            self.simpleexp(v)?;
        }
        let mut op = binopr(&self.lex.t);
        while let Some(o) = op {
            let (left, right) = o.priority();
            if left <= limit {
                break;
            }
            let line = self.lex.linenumber;
            self.lex.next()?;
            self.infix(o, v)?;
            let mut v2 = ExpDesc::void();
            let nextop = self.subexpr(&mut v2, right)?;
            self.posfix(o, v, &mut v2, line)?;
            op = nextop;
        }
        self.leave_level();
        Ok(op)
    }

    // simpleexp -> FLT | INT | STRING | NIL | TRUE | FALSE | ... | constructor | FUNCTION body
    //              | suffixedexp
    fn simpleexp(&mut self, v: &mut ExpDesc) -> PResult<()> {
        let k = match &self.lex.t {
            Token::Flt(f) => ExpKind::KFlt(*f),
            Token::Int(i) => ExpKind::KInt(*i),
            Token::Str(s) => ExpKind::KStr(s.clone()),
            Token::Nil => ExpKind::Nil,
            Token::True => ExpKind::True,
            Token::False => ExpKind::False,
            Token::Dots => {
                if !self.fs.f.is_vararg {
                    return Err(self.syntax_error("cannot use '...' outside a vararg function"));
                }
                ExpKind::Vararg(self.code_abc(OpCode::VARARG, 0, 0, 1)?)
            }
            Token::Char(b'{') => return self.constructor(v),
            Token::Function => {
                self.lex.next()?;
                let line = self.lex.linenumber;
                return self.body(v, false, line);
            }
            _ => return self.suffixedexp(v),
        };
        *v = ExpDesc::new(k);
        self.lex.next()
    }

    // primaryexp -> NAME | '(' expr ')'
    fn primaryexp(&mut self, v: &mut ExpDesc) -> PResult<()> {
        match self.lex.t {
            Token::Char(b'(') => {
                let line = self.lex.linenumber;
                self.lex.next()?;
                self.expr(v)?;
                self.check_match(&Token::Char(b')'), &Token::Char(b'('), line)?;
                self.discharge_vars(v)
            }
            Token::Name(_) => {
                *v = self.single_var()?;
                Ok(())
            }
            _ => Err(self.syntax_error("unexpected symbol")),
        }
    }

    // suffixedexp -> primaryexp { '.' NAME | '[' exp ']' | ':' NAME funcargs | funcargs }
    pub(super) fn suffixedexp(&mut self, v: &mut ExpDesc) -> PResult<()> {
        let line = self.lex.linenumber;
        self.primaryexp(v)?;
        loop {
            match self.lex.t {
                Token::Char(b'.') => self.fieldsel(v)?,
                Token::Char(b'[') => {
                    self.exp2anyregup(v)?;
                    let key = self.yindex()?;
                    self.indexed(v, key)?;
                }
                Token::Char(b':') => {
                    self.lex.next()?;
                    let mut key = self.codename()?;
                    self.code_self(v, &mut key)?;
                    self.funcargs(v, line)?;
                }
                Token::Char(b'(') | Token::Str(_) | Token::Char(b'{') => {
                    self.exp2nextreg(v)?;
                    self.funcargs(v, line)?;
                }
                _ => return Ok(()),
            }
        }
    }

    // NAME (as a string constant)
    pub(super) fn codename(&mut self) -> PResult<ExpDesc> {
        Ok(ExpDesc::new(ExpKind::KStr(self.str_checkname()?)))
    }

    // fieldsel -> ['.' | ':'] NAME
    pub(super) fn fieldsel(&mut self, v: &mut ExpDesc) -> PResult<()> {
        self.exp2anyregup(v)?;
        self.lex.next()?;
        let key = self.codename()?;
        self.indexed(v, key)
    }

    // index -> '[' expr ']'
    pub(super) fn yindex(&mut self) -> PResult<ExpDesc> {
        self.lex.next()?;
        let mut v = ExpDesc::void();
        self.expr(&mut v)?;
        self.exp2val(&mut v)?;
        self.check_next(&Token::Char(b']'))?;
        Ok(v)
    }

    // explist -> expr { ',' expr }   (returns the number of expressions)
    pub(super) fn explist(&mut self, v: &mut ExpDesc) -> PResult<u32> {
        let mut n = 1;
        self.expr(v)?;
        while self.test_next(&Token::Char(b','))? {
            self.exp2nextreg(v)?;
            self.expr(v)?;
            n += 1;
        }
        Ok(n)
    }

    // funcargs -> '(' [ explist ] ')' | constructor | STRING
    fn funcargs(&mut self, f: &mut ExpDesc, line: u32) -> PResult<()> {
        let mut args = ExpDesc::void();
        match &self.lex.t {
            Token::Char(b'(') => {
                self.lex.next()?;
                if !self.at_char(b')') {
                    self.explist(&mut args)?;
                    if args.has_multret() {
                        self.set_multret(&mut args)?;
                    }
                }
                self.check_match(&Token::Char(b')'), &Token::Char(b'('), line)?;
            }
            Token::Char(b'{') => self.constructor(&mut args)?,
            Token::Str(s) => {
                args = ExpDesc::new(ExpKind::KStr(s.clone()));
                self.lex.next()?;
            }
            _ => return Err(self.syntax_error("function arguments expected")),
        }
        let base = f.info();
        let nparams: i32 = if args.has_multret() {
            -1
        } else {
            if args.k != ExpKind::Void {
                self.exp2nextreg(&mut args)?;
            }
            self.fs.freereg as i32 - (base as i32 + 1)
        };
        f.k = ExpKind::Call(self.code_abc(OpCode::CALL, base, (nparams + 1) as u32, 2)?);
        self.fix_line(line);
        self.fs.freereg = base + 1;
        Ok(())
    }
}

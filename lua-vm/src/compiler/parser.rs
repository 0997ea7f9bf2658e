//! The parser's state and shared helpers: token checks, error reporting, nesting levels, function
//! and block entry/exit. Grammar rules live in `expr.rs`, `stat.rs` and `funcbody.rs`.
#![forbid(unsafe_code)]

use std::collections::HashMap;

use super::constants::KKey;
use super::error::CompileError;
use super::funcstate::{BlockCnt, FuncState, LabelDesc, VarDesc};
use super::lexer::Lexer;
use super::opcode::OpCode;
use super::proto::{FuncProto, UpvalDesc};
use super::token::{Name, Token};

pub type PResult<T> = Result<T, CompileError>;

/// Maximum nesting of syntactic levels (the reference's LUAI_MAXCCALLS).
pub const MAX_C_LEVELS: u32 = 200;

/// Maximum number of local variables per function.
pub const MAXVARS: usize = 200;

/// Maximum number of upvalues per function.
pub const MAXUPVAL: usize = 255;

pub struct Parser<'a> {
    pub(super) lex: Lexer<'a>,
    /// The function being compiled.
    pub(super) fs: FuncState,
    /// Enclosing functions, outermost first.
    pub(super) outer: Vec<FuncState>,
    /// Active local variables of all functions being compiled.
    pub(super) actvar: Vec<VarDesc>,
    /// Pending gotos.
    pub(super) gotos: Vec<LabelDesc>,
    /// Active labels.
    pub(super) labels: Vec<LabelDesc>,
    /// Constant positions, shared by all functions (see `constants.rs`).
    pub(super) kcache: HashMap<KKey, usize>,
    /// Current nesting level (counts like the reference's C calls).
    pub(super) nccalls: u32,
    source: Vec<u8>,
}

impl<'a> Parser<'a> {
    pub fn new(src: &'a [u8], chunkname: &[u8], base_level: u32) -> Parser<'a> {
        Parser {
            lex: Lexer::new(src, chunkname),
            fs: FuncState::default(),
            outer: Vec::new(),
            actvar: Vec::new(),
            gotos: Vec::new(),
            labels: Vec::new(),
            kcache: HashMap::new(),
            nccalls: base_level,
            source: chunkname.to_vec(),
        }
    }

    /// mainfunc -> statlist EOS  (a vararg function with the single upvalue `_ENV`)
    pub fn main_func(mut self) -> PResult<FuncProto> {
        self.fs = self.new_func_state(0);
        self.enter_block(false);
        self.set_vararg(0)?;
        self.fs.f.upvalues.push(UpvalDesc {
            name: Some(b"_ENV".to_vec()),
            in_stack: true,
            index: 0,
            kind: 0,
        });
        self.lex.next()?;
        self.statlist()?;
        self.check(&Token::Eos)?;
        self.close_func()
    }

    // ---- errors and token helpers ----

    pub(super) fn syntax_error(&self, msg: impl AsRef<[u8]>) -> CompileError {
        self.lex.syntax_error(msg.as_ref())
    }

    pub(super) fn sem_error(&self, msg: impl AsRef<[u8]>) -> CompileError {
        self.lex.sem_error(msg.as_ref())
    }

    /// "X expected" near the current token.
    pub(super) fn error_expected(&self, t: &Token) -> CompileError {
        self.syntax_error(format!("{} expected", t.describe()))
    }

    /// "too many X (limit is N) in main function / function at line L".
    pub(super) fn error_limit(&self, limit: usize, what: &str) -> CompileError {
        let line = self.fs.f.line_defined;
        let whr = if line == 0 {
            "main function".to_string()
        } else {
            format!("function at line {line}")
        };
        self.syntax_error(format!("too many {what} (limit is {limit}) in {whr}"))
    }

    pub(super) fn check_limit(&self, v: usize, limit: usize, what: &str) -> PResult<()> {
        if v > limit {
            Err(self.error_limit(limit, what))
        } else {
            Ok(())
        }
    }

    /// An allocation limit of the reference (`luaM_growvector`): a plain message without position.
    pub(super) fn check_growth(&self, n: usize, limit: usize, what: &str) -> PResult<()> {
        if n >= limit {
            Err(CompileError::new(format!(
                "too many {what} (limit is {limit})"
            )))
        } else {
            Ok(())
        }
    }

    /// Is the current token `t`?
    pub(super) fn at(&self, t: &Token) -> bool {
        self.lex.t == *t
    }

    pub(super) fn at_char(&self, c: u8) -> bool {
        self.lex.t == Token::Char(c)
    }

    /// Skips the current token if it is `t`.
    pub(super) fn test_next(&mut self, t: &Token) -> PResult<bool> {
        if self.at(t) {
            self.lex.next()?;
            Ok(true)
        } else {
            Ok(false)
        }
    }

    pub(super) fn check(&self, t: &Token) -> PResult<()> {
        if self.at(t) {
            Ok(())
        } else {
            Err(self.error_expected(t))
        }
    }

    pub(super) fn check_next(&mut self, t: &Token) -> PResult<()> {
        self.check(t)?;
        self.lex.next()
    }

    /// Skips `what`, which closes `who` opened at line `where_`; the message mentions the opening
    /// when it is on another line.
    pub(super) fn check_match(&mut self, what: &Token, who: &Token, where_: u32) -> PResult<()> {
        if self.test_next(what)? {
            return Ok(());
        }
        if where_ == self.lex.linenumber {
            Err(self.error_expected(what))
        } else {
            Err(self.syntax_error(format!(
                "{} expected (to close {} at line {})",
                what.describe(),
                who.describe(),
                where_
            )))
        }
    }

    /// NAME
    pub(super) fn str_checkname(&mut self) -> PResult<Name> {
        match &self.lex.t {
            Token::Name(n) => {
                let n = n.clone();
                self.lex.next()?;
                Ok(n)
            }
            _ => Err(self.error_expected(&Token::Name(Name::from(&b""[..])))),
        }
    }

    /// Enters one syntactic nesting level, failing like the reference when there are too many.
    pub(super) fn enter_level(&mut self) -> PResult<()> {
        self.nccalls += 1;
        if self.nccalls >= MAX_C_LEVELS {
            return Err(CompileError::new("C stack overflow"));
        }
        Ok(())
    }

    pub(super) fn leave_level(&mut self) {
        self.nccalls -= 1;
    }

    // ---- functions and blocks ----

    fn new_func_state(&self, line: u32) -> FuncState {
        let mut fs = FuncState::default();
        fs.f.source = self.source.clone();
        fs.f.line_defined = line;
        fs.f.max_stack_size = 2;
        fs.firstlocal = self.actvar.len();
        fs.firstlabel = self.labels.len();
        fs
    }

    /// Starts compiling a new function defined at `line`; the current one becomes its parent.
    pub(super) fn open_func(&mut self, line: u32) {
        let fs = self.new_func_state(line);
        let parent = std::mem::replace(&mut self.fs, fs);
        self.outer.push(parent);
        self.enter_block(false);
    }

    /// Finishes the current function and returns its prototype; its parent becomes current again.
    pub(super) fn close_func(&mut self) -> PResult<FuncProto> {
        let first = self.nvarstack();
        self.ret(first, 0)?;
        self.leave_block()?;
        self.finish()?;
        let parent = self.outer.pop().unwrap_or_default();
        let fs = std::mem::replace(&mut self.fs, parent);
        Ok(fs.f)
    }

    pub(super) fn enter_block(&mut self, isloop: bool) {
        let insidetbc = self.fs.blocks.last().is_some_and(|b| b.insidetbc);
        self.fs.blocks.push(BlockCnt {
            firstlabel: self.labels.len(),
            firstgoto: self.gotos.len(),
            nactvar: self.fs.nactvar,
            upval: false,
            isloop,
            insidetbc,
        });
    }

    /// The innermost block.
    pub(super) fn block_cnt(&mut self) -> &mut BlockCnt {
        if self.fs.blocks.is_empty() {
            self.fs.blocks.push(BlockCnt::default());
        }
        let n = self.fs.blocks.len() - 1;
        &mut self.fs.blocks[n]
    }

    /// Closes the innermost block: solves pending breaks, closes upvalues, removes its variables and
    /// labels, and moves its pending gotos to the enclosing block.
    pub(super) fn leave_block(&mut self) -> PResult<()> {
        let bl = self.block_cnt().clone();
        let stklevel = self.reglevel(bl.nactvar);
        let mut hasclose = false;
        if bl.isloop {
            hasclose = self.create_label(Name::from(&b"break"[..]), 0, false)?;
        }
        let has_previous = self.fs.blocks.len() > 1;
        if !hasclose && has_previous && bl.upval {
            self.code_abc(OpCode::CLOSE, stklevel, 0, 0)?;
        }
        self.fs.blocks.pop();
        // (pending gotos are moved out before the block's variables are forgotten: moving them
        // needs the registers of those variables)
        if has_previous {
            self.move_gotos_out(&bl);
        }
        self.remove_vars(bl.nactvar);
        self.fs.freereg = stklevel;
        self.labels.truncate(bl.firstlabel);
        if !has_previous {
            if let Some(gt) = self.gotos.get(bl.firstgoto) {
                return Err(self.undef_goto(gt));
            }
        }
        Ok(())
    }

    /// Marks the function as vararg and emits its VARARGPREP.
    pub(super) fn set_vararg(&mut self, nparams: u32) -> PResult<()> {
        self.fs.f.is_vararg = true;
        self.code_abc(OpCode::VARARGPREP, nparams, 0, 0)?;
        Ok(())
    }
}

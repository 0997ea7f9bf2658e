//! Unary and binary operators: recognition from tokens, priorities, and their opcodes and events.
#![forbid(unsafe_code)]

use super::opcode::OpCode;
use super::token::Token;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOpr {
    Add,
    Sub,
    Mul,
    Mod,
    Pow,
    Div,
    IDiv,
    BAnd,
    BOr,
    BXor,
    Shl,
    Shr,
    Concat,
    Eq,
    Lt,
    Le,
    Ne,
    Gt,
    Ge,
    And,
    Or,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnOpr {
    Minus,
    BNot,
    Not,
    Len,
}

/// Priority of unary operators.
pub const UNARY_PRIORITY: u8 = 12;

/// Metamethod event numbers (the reference's TMS order), as stored in MMBIN* instructions.
pub const TM_SHL: u32 = 16;
pub const TM_SHR: u32 = 17;

pub fn unopr(t: &Token) -> Option<UnOpr> {
    match t {
        Token::Not => Some(UnOpr::Not),
        Token::Char(b'-') => Some(UnOpr::Minus),
        Token::Char(b'~') => Some(UnOpr::BNot),
        Token::Char(b'#') => Some(UnOpr::Len),
        _ => None,
    }
}

pub fn binopr(t: &Token) -> Option<BinOpr> {
    Some(match t {
        Token::Char(b'+') => BinOpr::Add,
        Token::Char(b'-') => BinOpr::Sub,
        Token::Char(b'*') => BinOpr::Mul,
        Token::Char(b'%') => BinOpr::Mod,
        Token::Char(b'^') => BinOpr::Pow,
        Token::Char(b'/') => BinOpr::Div,
        Token::IDiv => BinOpr::IDiv,
        Token::Char(b'&') => BinOpr::BAnd,
        Token::Char(b'|') => BinOpr::BOr,
        Token::Char(b'~') => BinOpr::BXor,
        Token::Shl => BinOpr::Shl,
        Token::Shr => BinOpr::Shr,
        Token::Concat => BinOpr::Concat,
        Token::Ne => BinOpr::Ne,
        Token::Eq => BinOpr::Eq,
        Token::Char(b'<') => BinOpr::Lt,
        Token::Le => BinOpr::Le,
        Token::Char(b'>') => BinOpr::Gt,
        Token::Ge => BinOpr::Ge,
        Token::And => BinOpr::And,
        Token::Or => BinOpr::Or,
        _ => return None,
    })
}

impl BinOpr {
    /// (left, right) priorities; right < left makes an operator right associative.
    pub fn priority(self) -> (u8, u8) {
        use BinOpr::*;
        match self {
            Add | Sub => (10, 10),
            Mul | Mod | Div | IDiv => (11, 11),
            Pow => (14, 13),
            BAnd => (6, 6),
            BOr => (4, 4),
            BXor => (5, 5),
            Shl | Shr => (7, 7),
            Concat => (9, 8),
            Eq | Lt | Le | Ne | Gt | Ge => (3, 3),
            And => (2, 2),
            Or => (1, 1),
        }
    }

    /// Position among the arithmetic/bitwise operators (ADD..SHR order).
    fn arith_index(self) -> Option<u32> {
        use BinOpr::*;
        Some(match self {
            Add => 0,
            Sub => 1,
            Mul => 2,
            Mod => 3,
            Pow => 4,
            Div => 5,
            IDiv => 6,
            BAnd => 7,
            BOr => 8,
            BXor => 9,
            Shl => 10,
            Shr => 11,
            _ => return None,
        })
    }

    /// The register-register opcode (ADD..SHR).
    pub fn reg_op(self) -> OpCode {
        use OpCode::*;
        const OPS: [OpCode; 12] = [
            ADD, SUB, MUL, MOD, POW, DIV, IDIV, BAND, BOR, BXOR, SHL, SHR,
        ];
        OPS[self.arith_index().unwrap_or(0) as usize]
    }

    /// The register-constant opcode (ADDK..BXORK); only for Add..BXor.
    pub fn k_op(self) -> OpCode {
        use OpCode::*;
        const OPS: [OpCode; 10] = [
            ADDK, SUBK, MULK, MODK, POWK, DIVK, IDIVK, BANDK, BORK, BXORK,
        ];
        OPS[(self.arith_index().unwrap_or(0) as usize).min(9)]
    }

    /// The metamethod event of an arithmetic/bitwise operator.
    pub fn event(self) -> u32 {
        6 + self.arith_index().unwrap_or(0)
    }
}

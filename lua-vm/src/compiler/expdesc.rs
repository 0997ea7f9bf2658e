//! Expression descriptors: how the code generator represents a (possibly not yet emitted) expression.
#![forbid(unsafe_code)]

use super::token::Name;

/// End of a jump list / "no jump".
pub const NO_JUMP: i32 = -1;

/// Where an expression's value is, or how to get it (the reference's `expkind` plus its payload).
#[derive(Clone, Debug, PartialEq)]
pub enum ExpKind {
    /// No value (an empty expression list).
    Void,
    Nil,
    True,
    False,
    /// A constant already in the constant table (its index).
    K(u32),
    KFlt(f64),
    KInt(i64),
    KStr(Name),
    /// Value in a fixed register.
    NonReloc(u32),
    /// A local variable: its register and its compiler index (relative to the function's first).
    Local {
        ridx: u32,
        vidx: usize,
    },
    /// An upvalue (its index).
    Upval(u32),
    /// A compile-time constant local (absolute index in the active-variable list).
    Const(usize),
    /// `R[t][R[idx]]`.
    Indexed {
        t: u32,
        idx: u32,
    },
    /// `Upvalue[t][K[idx]]` (string key).
    IndexUp {
        t: u32,
        idx: u32,
    },
    /// `R[t][idx]` (small integer key).
    IndexI {
        t: u32,
        idx: u32,
    },
    /// `R[t][K[idx]]` (short string key).
    IndexStr {
        t: u32,
        idx: u32,
    },
    /// A comparison: pc of its jump.
    Jmp(usize),
    /// Result can go to any register: pc of the instruction whose A is to be set.
    Reloc(usize),
    /// An open function call (pc).
    Call(usize),
    /// A vararg expression (pc).
    Vararg(usize),
}

/// An expression with its pending "exit when true" / "exit when false" jump lists.
#[derive(Clone, Debug, PartialEq)]
pub struct ExpDesc {
    pub k: ExpKind,
    pub t: i32,
    pub f: i32,
}

impl ExpDesc {
    pub fn new(k: ExpKind) -> ExpDesc {
        ExpDesc {
            k,
            t: NO_JUMP,
            f: NO_JUMP,
        }
    }

    pub fn void() -> ExpDesc {
        ExpDesc::new(ExpKind::Void)
    }

    pub fn has_jumps(&self) -> bool {
        self.t != self.f
    }

    /// A call or `...` (can give multiple results).
    pub fn has_multret(&self) -> bool {
        matches!(self.k, ExpKind::Call(_) | ExpKind::Vararg(_))
    }

    /// Something that can be assigned to.
    pub fn is_var(&self) -> bool {
        self.is_indexed()
            || matches!(
                self.k,
                ExpKind::Local { .. } | ExpKind::Upval(_) | ExpKind::Const(_)
            )
    }

    pub fn is_indexed(&self) -> bool {
        matches!(
            self.k,
            ExpKind::Indexed { .. }
                | ExpKind::IndexUp { .. }
                | ExpKind::IndexI { .. }
                | ExpKind::IndexStr { .. }
        )
    }

    /// The register of a `NonReloc` expression.
    pub fn reg(&self) -> Option<u32> {
        match self.k {
            ExpKind::NonReloc(r) => Some(r),
            _ => None,
        }
    }
}

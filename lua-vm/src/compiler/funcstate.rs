//! Per-function compiler state: blocks, active variables, labels and pending gotos.
#![forbid(unsafe_code)]

use super::proto::{Constant, FuncProto};
use super::token::Name;

/// Kinds of local variables (also stored in `UpvalDesc::kind`).
pub const VDKREG: u8 = 0;
pub const RDKCONST: u8 = 1;
pub const RDKTOCLOSE: u8 = 2;
pub const RDKCTC: u8 = 3;

/// An active local variable.
#[derive(Clone, Debug)]
pub struct VarDesc {
    pub kind: u8,
    /// Register holding the variable (unused for compile-time constants).
    pub ridx: u32,
    /// Index in the prototype's `loc_vars`.
    pub pidx: usize,
    pub name: Name,
    /// Value of a compile-time constant.
    pub k: Constant,
}

/// A label, or a pending goto (`break` is a goto to the label named "break").
#[derive(Clone, Debug)]
pub struct LabelDesc {
    pub name: Name,
    /// Position in code: the label's pc, or the goto's jump (list); may be NO_JUMP.
    pub pc: i32,
    pub line: u32,
    /// Number of active variables at that position.
    pub nactvar: usize,
    /// The goto leaves the scope of a variable that needs closing.
    pub close: bool,
}

/// A block (scope) being compiled.
#[derive(Clone, Debug, Default)]
pub struct BlockCnt {
    /// Index of the first label of this block.
    pub firstlabel: usize,
    /// Index of the first pending goto of this block.
    pub firstgoto: usize,
    /// Active locals outside the block.
    pub nactvar: usize,
    /// Some variable of the block is captured as an upvalue (or is to-be-closed).
    pub upval: bool,
    pub isloop: bool,
    /// Inside the scope of a to-be-closed variable.
    pub insidetbc: bool,
}

/// State of a function being compiled; the prototype grows as code is generated.
#[derive(Debug, Default)]
pub struct FuncState {
    pub f: FuncProto,
    /// Open blocks, innermost last.
    pub blocks: Vec<BlockCnt>,
    /// Last pc that is a jump target.
    pub lasttarget: usize,
    /// Index of the function's first local in the active-variable list.
    pub firstlocal: usize,
    /// Index of the function's first label.
    pub firstlabel: usize,
    /// Number of active locals.
    pub nactvar: usize,
    /// First free register.
    pub freereg: u32,
    /// The function must close upvalues when returning.
    pub needclose: bool,
}

impl FuncState {
    pub fn pc(&self) -> usize {
        self.f.code.len()
    }
}

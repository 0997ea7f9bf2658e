//! The compiler's output: a function prototype as plain Rust data (no GC objects), so the compiler,
//! the binary-chunk reader/writer and the VM's loader can each be used and tested on their own.
//! The VM turns a `FuncProto` into its garbage-collected runtime form when a chunk is loaded.
#![forbid(unsafe_code)]

use super::opcode::Instruction;

/// A constant of a function (the reference's `k` array).
#[derive(Clone, Debug, PartialEq)]
pub enum Constant {
    Nil,
    Bool(bool),
    Int(i64),
    Float(f64),
    /// Lua strings are byte strings: any bytes, `\0` included.
    Str(Vec<u8>),
}

/// How a function reaches one of its upvalues.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UpvalDesc {
    /// Name for debug information (`None` when stripped).
    pub name: Option<Vec<u8>>,
    /// True: the upvalue is a register (local) of the enclosing function; false: an upvalue of it.
    pub in_stack: bool,
    /// Register index (in_stack) or index in the enclosing function's upvalue list.
    pub index: u8,
    /// Kind of the variable it refers to: 0 regular, 1 `<const>`, 2 `<close>`, 3 compile-time constant.
    pub kind: u8,
}

/// A local variable's scope for debug information.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LocVar {
    pub name: Vec<u8>,
    /// First instruction where the variable is active.
    pub start_pc: u32,
    /// First instruction where the variable is dead.
    pub end_pc: u32,
}

/// A compiled Lua function.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct FuncProto {
    /// The chunk's source name as given to `load` (e.g. `@file.lua`, `=stdin`, or the source text itself).
    pub source: Vec<u8>,
    /// Line where the function's definition starts (0 for the main chunk).
    pub line_defined: u32,
    /// Line where the function's definition ends (0 for the main chunk).
    pub last_line_defined: u32,
    pub num_params: u8,
    pub is_vararg: bool,
    /// Number of registers the function needs.
    pub max_stack_size: u8,
    pub code: Vec<Instruction>,
    pub constants: Vec<Constant>,
    pub upvalues: Vec<UpvalDesc>,
    /// Nested functions, indexed by CLOSURE's Bx.
    pub protos: Vec<FuncProto>,
    /// Source line of each instruction (same length as `code`; empty when stripped).
    pub line_info: Vec<u32>,
    pub loc_vars: Vec<LocVar>,
}

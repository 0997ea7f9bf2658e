//! Source text to bytecode: lexer, parser and code generator.
//!
//! The code generator follows the reference implementation's choices (instruction selection,
//! register allocation, constant folding, line information) so that run-time error messages that
//! are derived from the bytecode (variable names, function names, lines) come out the same.
#![forbid(unsafe_code)]

pub mod chunkid;
mod code;
mod constants;
pub mod dump;
mod error;
mod exp2reg;
mod expdesc;
mod expr;
mod fold;
mod funcbody;
mod funcstate;
mod jumps;
mod labels;
mod lex_string;
mod lexer;
pub mod listing;
pub mod opcode;
mod operators;
mod ops;
mod parser;
pub mod proto;
mod resolve;
mod stat;
mod token;
mod undump;
mod vars;
pub mod verify;

pub use chunkid::chunk_id;
pub use error::CompileError;
pub use listing::listing;
pub use parser::MAX_C_LEVELS;
use proto::FuncProto;

/// Nesting level at which `compile` starts counting syntactic levels: that of a `load` called from a
/// main chunk in the reference interpreter (so the same sources hit the limit).
pub const DEFAULT_C_LEVEL: u32 = 2;

/// Compiles a main chunk. `chunkname` is the source name given to `load` (`@file`, `=name` or
/// the source itself); it becomes every prototype's `source` and prefixes error messages.
pub fn compile(source: &[u8], chunkname: &[u8]) -> Result<FuncProto, CompileError> {
    compile_at_level(source, chunkname, DEFAULT_C_LEVEL)
}

/// Like `compile`, for a caller already `c_level` nested calls deep (the reference counts those
/// against the same limit of `MAX_C_LEVELS` as the parser's nesting).
pub fn compile_at_level(
    source: &[u8],
    chunkname: &[u8],
    c_level: u32,
) -> Result<FuncProto, CompileError> {
    parser::Parser::new(source, chunkname, c_level).main_func()
}

//! Source text to bytecode: lexer, parser and code generator.
//!
//! The code generator follows the reference implementation's choices (instruction selection,
//! register allocation, constant folding, line information) so that run-time error messages that
//! are derived from the bytecode (variable names, function names, lines) come out the same: for the
//! whole official test suite the listings are identical to `luac5.4 -l -l`.
//!
//! What the VM can rely on in a `FuncProto` from `compile`:
//! - `line_info` has one absolute line per instruction (the reference's relative/absolute encoding
//!   is not used).
//! - NEWTABLE is always followed by an EXTRAARG (its `k` bit says whether the EXTRAARG holds the high
//!   part of the array size, C + EXTRAARG * 256); SETLIST with `k` is followed by an EXTRAARG too;
//!   LOADKX is followed by the EXTRAARG holding the constant index.
//! - RETURN/TAILCALL of vararg functions have C = num_params + 1, and `k` when the function must
//!   close upvalues or to-be-closed variables (RETURN0/RETURN1 are then turned into RETURN).
//! - MMBIN/MMBINI/MMBINK follow each arithmetic/bitwise instruction, with the event number in C
//!   (TM_ADD = 6 ... as in the reference) and `k` set when the operands were swapped.
//! - `Constant::Str` holds the bytes of both short and long strings (the reference treats strings of
//!   at most 40 bytes as short; only those are used as GETFIELD/SETFIELD/SELF/GETTABUP keys).
//! - `loc_vars` are in the order locals come into scope, `start_pc` inclusive, `end_pc` exclusive; locals of
//!   compile-time constants (`<const>` with a constant value) have no entry and no register.
//! - `UpvalDesc::kind` is the kind of the captured variable (0 regular, 1 `<const>`, 2 `<close>`).
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
/// the source itself); it becomes every prototype's `source` and prefixes error messages. Like the
/// reference (which receives it as a C string) only the part before a zero byte is used.
pub fn compile(source: &[u8], chunkname: &[u8]) -> Result<FuncProto, CompileError> {
    compile_at_level(source, chunkname, DEFAULT_C_LEVEL)
}

/// Like `compile`, for a caller already `c_level` nested C calls deep: the reference counts the C
/// calls in progress (`lua_call`/`lua_pcall` from C, coroutine resumes; not Lua-to-Lua calls nor
/// the call of `load` itself) against the same limit of `MAX_C_LEVELS` as the parser's nesting,
/// failing with "C stack overflow". `compile` assumes 2, the level of a `load` called from a main
/// chunk run by the standalone interpreter.
pub fn compile_at_level(
    source: &[u8],
    chunkname: &[u8],
    c_level: u32,
) -> Result<FuncProto, CompileError> {
    // The reference receives the chunk name as a C string: it ends at a zero byte.
    let end = chunkname
        .iter()
        .position(|&c| c == 0)
        .unwrap_or(chunkname.len());
    parser::Parser::new(source, &chunkname[..end], c_level).main_func()
}

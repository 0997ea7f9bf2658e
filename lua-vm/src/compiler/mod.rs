//! Source text to bytecode: lexer, parser and code generator.

pub mod chunkid;
pub mod dump;
pub mod opcode;
pub mod proto;
mod tmp_stub;
pub use tmp_stub::{compile, CompileError};

//! Source text to bytecode: lexer, parser and code generator.

pub mod opcode;
pub mod proto;

//! Binary chunks (`string.dump` and `load` of precompiled code): the writer, plus the entry point of
//! the reader (`undump.rs`), which verifies what it reads (`verify.rs`).
//!
//! The layout is the reference's (Lua 5.4, format 0) on a little-endian machine with 8-byte integers
//! and floats, so chunks written by `luac5.4` on x86-64 load here and the other way round:
//! ```text
//! header   "\x1bLua" 0x54 0x00 "\x19\x93\r\n\x1a\n" 4 8 8  LUAC_INT(i64) LUAC_NUM(f64)
//! nupvals  byte: number of upvalues of the main function
//! function source(string) linedefined(varint) lastlinedefined(varint) numparams(byte)
//!          is_vararg(byte) maxstacksize(byte) code constants upvalues protos debug
//! ```
//! Counts and lines are big-endian base-128 varints whose last byte has the high bit set; strings
//! are a varint (length + 1, or 0 for "no string") followed by the bytes. Line numbers are stored as
//! the reference stores them: one signed byte per instruction (delta from the previous line) plus
//! absolute (pc, line) pairs where the delta does not fit or every 128 instructions.
#![forbid(unsafe_code)]

use super::proto::{Constant, FuncProto};

pub use super::undump::undump;

/// The signature that starts every binary chunk (`LUA_SIGNATURE`); `load` recognises a binary chunk
/// by its first byte.
pub const SIGNATURE: &[u8] = b"\x1bLua";
/// Version byte (`LUAC_VERSION`): major * 16 + minor.
pub const VERSION: u8 = 0x54;
/// Format byte (`LUAC_FORMAT`): 0, the official format.
pub const FORMAT: u8 = 0;
/// Bytes that catch text-mode conversions of a chunk (`LUAC_DATA`).
pub const DATA: &[u8] = b"\x19\x93\r\n\x1a\n";
/// Sample integer checking the integer format (`LUAC_INT`).
pub const CHECK_INT: i64 = 0x5678;
/// Sample float checking the float format (`LUAC_NUM`).
pub const CHECK_NUM: f64 = 370.5;

/// Constant tags (the reference's variant tags `LUA_VNIL` ...).
pub(super) mod tag {
    pub const NIL: u8 = 0x00;
    pub const FALSE: u8 = 0x01;
    pub const TRUE: u8 = 0x11;
    pub const INT: u8 = 0x03;
    pub const FLOAT: u8 = 0x13;
    pub const SHORT_STR: u8 = 0x04;
    pub const LONG_STR: u8 = 0x14;
}

/// Longest string stored with the short-string tag (`LUAI_MAXSHORTLEN`).
const MAX_SHORT_LEN: usize = 40;
/// A line-info byte meaning "see the absolute line table" (`ABSLINEINFO`).
pub(super) const ABS_LINE_MARK: i8 = -0x80;
/// Deltas must stay below this in absolute value (`LIMLINEDIFF`).
const LIMIT_LINE_DIFF: i64 = 0x80;
/// At most this many instructions between absolute line entries (`MAXIWTHABS`).
const MAX_WITHOUT_ABS: u32 = 128;

/// Serialises a function prototype (and its nested functions) as a binary chunk. With `strip`, the
/// debug information (source, line numbers, local and upvalue names) is left out.
pub fn dump(p: &FuncProto, strip: bool) -> Vec<u8> {
    let mut w = Writer {
        out: Vec::with_capacity(64 + p.code.len() * 5),
        strip,
    };
    w.header();
    w.byte(p.upvalues.len() as u8);
    w.function(p, None);
    w.out
}

struct Writer {
    out: Vec<u8>,
    strip: bool,
}

impl Writer {
    fn byte(&mut self, b: u8) {
        self.out.push(b);
    }

    /// A big-endian base-128 varint, the last byte marked by its high bit (`dumpSize`).
    fn varint(&mut self, x: u64) {
        let mut buf = [0u8; 10];
        let mut n = 0;
        let mut x = x;
        loop {
            buf[buf.len() - 1 - n] = (x & 0x7f) as u8;
            n += 1;
            x >>= 7;
            if x == 0 {
                break;
            }
        }
        let last = buf.len() - 1;
        buf[last] |= 0x80;
        self.out.extend_from_slice(&buf[buf.len() - n..]);
    }

    fn string(&mut self, s: Option<&[u8]>) {
        match s {
            None => self.varint(0),
            Some(s) => {
                self.varint(s.len() as u64 + 1);
                self.out.extend_from_slice(s);
            }
        }
    }

    fn header(&mut self) {
        self.out.extend_from_slice(SIGNATURE);
        self.byte(VERSION);
        self.byte(FORMAT);
        self.out.extend_from_slice(DATA);
        self.byte(4);
        self.byte(8);
        self.byte(8);
        self.out.extend_from_slice(&CHECK_INT.to_le_bytes());
        self.out.extend_from_slice(&CHECK_NUM.to_le_bytes());
    }

    /// One function; `parent_source` is the enclosing function's source (a nested function with the
    /// same source stores none).
    fn function(&mut self, p: &FuncProto, parent_source: Option<&[u8]>) {
        if self.strip || parent_source == Some(p.source.as_slice()) {
            self.string(None);
        } else {
            self.string(Some(&p.source));
        }
        self.varint(u64::from(p.line_defined));
        self.varint(u64::from(p.last_line_defined));
        self.byte(p.num_params);
        self.byte(p.is_vararg as u8);
        self.byte(p.max_stack_size);
        self.varint(p.code.len() as u64);
        for &i in &p.code {
            self.out.extend_from_slice(&i.to_le_bytes());
        }
        self.constants(&p.constants);
        self.varint(p.upvalues.len() as u64);
        for u in &p.upvalues {
            self.byte(u.in_stack as u8);
            self.byte(u.index);
            self.byte(u.kind);
        }
        self.varint(p.protos.len() as u64);
        for q in &p.protos {
            self.function(q, Some(&p.source));
        }
        self.debug(p);
    }

    fn constants(&mut self, k: &[Constant]) {
        self.varint(k.len() as u64);
        for c in k {
            match c {
                Constant::Nil => self.byte(tag::NIL),
                Constant::Bool(false) => self.byte(tag::FALSE),
                Constant::Bool(true) => self.byte(tag::TRUE),
                Constant::Int(i) => {
                    self.byte(tag::INT);
                    self.out.extend_from_slice(&i.to_le_bytes());
                }
                Constant::Float(f) => {
                    self.byte(tag::FLOAT);
                    self.out.extend_from_slice(&f.to_le_bytes());
                }
                Constant::Str(s) => {
                    self.byte(if s.len() <= MAX_SHORT_LEN {
                        tag::SHORT_STR
                    } else {
                        tag::LONG_STR
                    });
                    self.string(Some(s));
                }
            }
        }
    }

    fn debug(&mut self, p: &FuncProto) {
        if self.strip {
            for _ in 0..4 {
                self.varint(0);
            }
            return;
        }
        let (rel, abs) = encode_lines(p.line_defined, &p.line_info);
        self.varint(rel.len() as u64);
        self.out.extend(rel.iter().map(|&d| d as u8));
        self.varint(abs.len() as u64);
        for (pc, line) in abs {
            self.varint(u64::from(pc));
            self.varint(u64::from(line));
        }
        self.varint(p.loc_vars.len() as u64);
        for lv in &p.loc_vars {
            self.string(Some(&lv.name));
            self.varint(u64::from(lv.start_pc));
            self.varint(u64::from(lv.end_pc));
        }
        self.varint(p.upvalues.len() as u64);
        for u in &p.upvalues {
            self.string(u.name.as_deref());
        }
    }
}

/// Encodes absolute lines as the reference does while generating code (`savelineinfo`): a signed
/// delta per instruction, or the mark and an absolute (pc, line) entry when the delta is too large
/// or too many instructions passed since the last absolute entry.
fn encode_lines(line_defined: u32, lines: &[u32]) -> (Vec<i8>, Vec<(u32, u32)>) {
    let mut rel = Vec::with_capacity(lines.len());
    let mut abs = Vec::new();
    let mut prev = i64::from(line_defined);
    let mut without_abs = 0u32;
    for (pc, &line) in lines.iter().enumerate() {
        let diff = i64::from(line) - prev;
        let too_far = diff.abs() >= LIMIT_LINE_DIFF || {
            let old = without_abs;
            without_abs += 1;
            old >= MAX_WITHOUT_ABS
        };
        if too_far {
            abs.push((pc as u32, line));
            rel.push(ABS_LINE_MARK);
            without_abs = 1;
        } else {
            rel.push(diff as i8);
        }
        prev = i64::from(line);
    }
    (rel, abs)
}

/// Decodes the two line tables back into one absolute line per instruction (`luaG_getfuncline`
/// applied to every pc). Lines that would leave the `u32` range (only in corrupt input) are clamped.
pub(super) fn decode_lines(line_defined: u32, rel: &[u8], abs: &[(u32, u32)]) -> Vec<u32> {
    let mut out = Vec::with_capacity(rel.len());
    let mut line = i64::from(line_defined);
    let mut next_abs = abs.iter().peekable();
    for (pc, &d) in rel.iter().enumerate() {
        while next_abs.peek().is_some_and(|e| (e.0 as usize) < pc) {
            next_abs.next();
        }
        match next_abs.peek() {
            Some(&&(apc, aline)) if apc as usize == pc => {
                line = i64::from(aline);
                next_abs.next();
            }
            _ => line += i64::from(d as i8),
        }
        line = line.clamp(0, i64::from(u32::MAX));
        out.push(line as u32);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_are_big_endian_with_a_marked_last_byte() {
        let mut w = Writer {
            out: Vec::new(),
            strip: false,
        };
        w.varint(0);
        w.varint(0x7f);
        w.varint(0x80);
        w.varint(300);
        assert_eq!(w.out, [0x80, 0xff, 0x01, 0x80, 0x02, 0xac]);
    }

    #[test]
    fn line_tables_round_trip() {
        let lines: Vec<u32> = (0..400u32)
            .map(|i| if i % 97 == 0 { 5000 + i } else { 10 + i / 3 })
            .collect();
        let (rel, abs) = encode_lines(7, &lines);
        assert!(!abs.is_empty());
        let rel: Vec<u8> = rel.iter().map(|&d| d as u8).collect();
        assert_eq!(decode_lines(7, &rel, &abs), lines);
    }
}

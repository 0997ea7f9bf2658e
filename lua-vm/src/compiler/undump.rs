//! Reading binary chunks (the reference's `lundump.c`): header checks, the function tree, then the
//! bytecode verifier. Corrupt or truncated input gives the reference's "bad binary format" messages;
//! no length field is trusted before the bytes it announces are known to be there, and the nesting
//! of functions is bounded, so hostile input can neither exhaust memory nor the Rust stack.
#![forbid(unsafe_code)]

use super::dump::{decode_lines, tag, CHECK_INT, CHECK_NUM, DATA, FORMAT, SIGNATURE, VERSION};
use super::proto::{Constant, FuncProto, LocVar, UpvalDesc};
use super::verify::verify;

/// Deepest nesting of functions accepted in a binary chunk (the compiler cannot nest deeper than
/// its limit of C levels either).
pub const MAX_NESTING: usize = 200;

/// Reads a binary chunk. `chunkname` names the chunk in error messages as the reference does
/// ("binary string" for a name that is the chunk itself). The result is verified: every register,
/// constant, upvalue, prototype index and jump of its code is in range.
pub fn undump(chunk: &[u8], chunkname: &[u8]) -> Result<FuncProto, String> {
    let name = match chunkname.first() {
        Some(b'@' | b'=') => String::from_utf8_lossy(&chunkname[1..]).into_owned(),
        Some(0x1b) => "binary string".to_string(),
        _ => String::from_utf8_lossy(chunkname).into_owned(),
    };
    let mut r = Reader {
        data: chunk,
        pos: 0,
    };
    let bad = |why: &str| format!("{name}: bad binary format ({why})");
    r.header().map_err(|e| bad(&e))?;
    let nupvals = r.byte().map_err(|e| bad(&e))?;
    let p = r.function(None, 0).map_err(|e| bad(&e))?;
    if usize::from(nupvals) != p.upvalues.len() {
        return Err(bad("wrong number of upvalues"));
    }
    verify(&p).map_err(|e| bad(&e))?;
    Ok(p)
}

type Res<T> = Result<T, String>;

const TRUNCATED: &str = "truncated chunk";

struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn remaining(&self) -> usize {
        self.data.len() - self.pos
    }

    fn byte(&mut self) -> Res<u8> {
        let b = *self.data.get(self.pos).ok_or(TRUNCATED)?;
        self.pos += 1;
        Ok(b)
    }

    fn block(&mut self, n: usize) -> Res<&'a [u8]> {
        if n > self.remaining() {
            return Err(TRUNCATED.into());
        }
        let b = &self.data[self.pos..self.pos + n];
        self.pos += n;
        Ok(b)
    }

    fn array<const N: usize>(&mut self) -> Res<[u8; N]> {
        let mut a = [0u8; N];
        a.copy_from_slice(self.block(N)?);
        Ok(a)
    }

    /// A varint no larger than `limit` (`loadUnsigned`).
    fn unsigned(&mut self, limit: u64) -> Res<u64> {
        let limit = limit >> 7;
        let mut x: u64 = 0;
        loop {
            let b = self.byte()?;
            if x >= limit {
                return Err("integer overflow".into());
            }
            x = (x << 7) | u64::from(b & 0x7f);
            if b & 0x80 != 0 {
                return Ok(x);
            }
        }
    }

    /// A non-negative C `int` (`loadInt`).
    fn int(&mut self) -> Res<u32> {
        Ok(self.unsigned(i32::MAX as u64)? as u32)
    }

    /// An element count, checked against the bytes left (each element takes at least `min_bytes`).
    fn count(&mut self, min_bytes: usize) -> Res<usize> {
        let n = self.int()? as usize;
        if n.saturating_mul(min_bytes) > self.remaining() {
            return Err(TRUNCATED.into());
        }
        Ok(n)
    }

    /// A string that may be absent (`loadStringN`).
    fn string(&mut self) -> Res<Option<Vec<u8>>> {
        let size = self.unsigned(u64::MAX)?;
        if size == 0 {
            return Ok(None);
        }
        let len = usize::try_from(size - 1).map_err(|_| TRUNCATED)?;
        Ok(Some(self.block(len)?.to_vec()))
    }

    fn literal(&mut self, lit: &[u8], why: &str) -> Res<()> {
        if self.block(lit.len())? != lit {
            return Err(why.into());
        }
        Ok(())
    }

    fn size_byte(&mut self, size: u8, tname: &str) -> Res<()> {
        if self.byte()? != size {
            return Err(format!("{tname} size mismatch"));
        }
        Ok(())
    }

    fn header(&mut self) -> Res<()> {
        self.literal(SIGNATURE, "not a binary chunk")?;
        if self.byte()? != VERSION {
            return Err("version mismatch".into());
        }
        if self.byte()? != FORMAT {
            return Err("format mismatch".into());
        }
        self.literal(DATA, "corrupted chunk")?;
        self.size_byte(4, "Instruction")?;
        self.size_byte(8, "lua_Integer")?;
        self.size_byte(8, "lua_Number")?;
        if i64::from_le_bytes(self.array()?) != CHECK_INT {
            return Err("integer format mismatch".into());
        }
        if f64::from_le_bytes(self.array()?) != CHECK_NUM {
            return Err("float format mismatch".into());
        }
        Ok(())
    }

    /// One function; `parent_source` is inherited when the chunk stores no source for it.
    fn function(&mut self, parent_source: Option<&[u8]>, depth: usize) -> Res<FuncProto> {
        if depth >= MAX_NESTING {
            return Err("too many nested functions".into());
        }
        let source = match (self.string()?, parent_source) {
            (Some(s), _) => s,
            (None, Some(ps)) => ps.to_vec(),
            (None, None) => b"=?".to_vec(),
        };
        let line_defined = self.int()?;
        let last_line_defined = self.int()?;
        let num_params = self.byte()?;
        let is_vararg = self.byte()? != 0;
        let max_stack_size = self.byte()?;
        let ncode = self.count(4)?;
        let mut code = Vec::with_capacity(ncode);
        for _ in 0..ncode {
            code.push(u32::from_le_bytes(self.array()?));
        }
        let constants = self.constants()?;
        let nup = self.count(3)?;
        let mut upvalues = Vec::with_capacity(nup);
        for _ in 0..nup {
            let in_stack = self.byte()? != 0;
            let index = self.byte()?;
            let kind = self.byte()?;
            upvalues.push(UpvalDesc {
                name: None,
                in_stack,
                index,
                kind,
            });
        }
        let nprotos = self.count(1)?;
        let mut protos = Vec::new();
        for _ in 0..nprotos {
            protos.push(self.function(Some(&source), depth + 1)?);
        }
        let mut p = FuncProto {
            source,
            line_defined,
            last_line_defined,
            num_params,
            is_vararg,
            max_stack_size,
            code,
            constants,
            upvalues,
            protos,
            line_info: Vec::new(),
            loc_vars: Vec::new(),
        };
        self.debug(&mut p)?;
        Ok(p)
    }

    fn constants(&mut self) -> Res<Vec<Constant>> {
        let n = self.count(1)?;
        let mut k = Vec::with_capacity(n);
        for _ in 0..n {
            k.push(match self.byte()? {
                tag::NIL => Constant::Nil,
                tag::FALSE => Constant::Bool(false),
                tag::TRUE => Constant::Bool(true),
                tag::INT => Constant::Int(i64::from_le_bytes(self.array()?)),
                tag::FLOAT => Constant::Float(f64::from_le_bytes(self.array()?)),
                tag::SHORT_STR | tag::LONG_STR => match self.string()? {
                    Some(s) => Constant::Str(s),
                    None => return Err("bad format for constant string".into()),
                },
                _ => return Err("bad constant type".into()),
            });
        }
        Ok(k)
    }

    fn debug(&mut self, p: &mut FuncProto) -> Res<()> {
        let nlines = self.count(1)?;
        let rel = self.block(nlines)?;
        let nabs = self.count(2)?;
        let mut abs = Vec::with_capacity(nabs);
        for _ in 0..nabs {
            let pc = self.int()?;
            let line = self.int()?;
            abs.push((pc, line));
        }
        p.line_info = decode_lines(p.line_defined, rel, &abs);
        let nloc = self.count(3)?;
        let mut loc_vars = Vec::with_capacity(nloc);
        for _ in 0..nloc {
            let name = self.string()?.ok_or("bad format for local variable name")?;
            let start_pc = self.int()?;
            let end_pc = self.int()?;
            loc_vars.push(LocVar {
                name,
                start_pc,
                end_pc,
            });
        }
        p.loc_vars = loc_vars;
        let nnames = self.count(1)?;
        if nnames > p.upvalues.len() {
            return Err("too many upvalue names".into());
        }
        for i in 0..nnames {
            p.upvalues[i].name = self.string()?;
        }
        Ok(())
    }
}

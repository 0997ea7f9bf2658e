//! Fuzz target: `string.format` formats and `string.pack`/`unpack`/`packsize` formats with arbitrary
//! arguments, through small `FormatArgs`/`PackArgs` implementations over values decoded from the input.
//! Input layout: `selector format \xff arguments`; arguments are tagged values (see `decode`), and
//! for `unpack` the argument bytes are the data string.
#![no_main]
use std::borrow::Cow;

use libfuzzer_sys::fuzz_target;
use lua_vm::text::error::TextError;
use lua_vm::text::format::{format, FormatArgs, Literal};
use lua_vm::text::numfmt;
use lua_vm::text::pack::{pack, packsize, unpack, PackArgs};

#[derive(Clone, Debug)]
enum V {
    Int(i64),
    Float(f64),
    Str(Vec<u8>),
    Nil,
    Bool(bool),
    Table,
}

fn take8(b: &mut &[u8]) -> [u8; 8] {
    let mut x = [0u8; 8];
    let n = b.len().min(8);
    x[..n].copy_from_slice(&b[..n]);
    *b = &b[n..];
    x
}

/// Decodes tagged values: tag % 6 picks integer (8 bytes), float (8 bytes), string (length byte
/// then bytes), nil, boolean (next byte) or a table.
fn decode(mut b: &[u8]) -> Vec<V> {
    let mut out = Vec::new();
    while let Some((&tag, rest)) = b.split_first() {
        b = rest;
        out.push(match tag % 6 {
            0 => V::Int(i64::from_le_bytes(take8(&mut b))),
            1 => V::Float(f64::from_le_bytes(take8(&mut b))),
            2 => {
                let n = b.first().map_or(0, |&n| n as usize);
                b = b.get(1..).unwrap_or(&[]);
                let n = n.min(b.len());
                let s = b[..n].to_vec();
                b = &b[n..];
                V::Str(s)
            }
            3 => V::Nil,
            4 => {
                let v = b.first().is_some_and(|&c| c & 1 == 1);
                b = b.get(1..).unwrap_or(&[]);
                V::Bool(v)
            }
            _ => V::Table,
        });
    }
    out
}

struct Args(Vec<V>);

impl Args {
    fn get(&self, argn: usize) -> V {
        self.0.get(argn.wrapping_sub(2)).cloned().unwrap_or(V::Nil)
    }
    /// A number as `luaL_checknumber` sees it (strings convert).
    fn num(&self, argn: usize) -> Result<V, TextError> {
        match self.get(argn) {
            V::Str(s) => {
                let t = std::str::from_utf8(&s).unwrap_or("").trim();
                if let Ok(i) = t.parse::<i64>() {
                    Ok(V::Int(i))
                } else if let Ok(f) = t.parse::<f64>() {
                    Ok(V::Float(f))
                } else {
                    Err(TextError::Arg(argn, "number expected"))
                }
            }
            v @ (V::Int(_) | V::Float(_)) => Ok(v),
            _ => Err(TextError::Arg(argn, "number expected")),
        }
    }
    fn int(&self, argn: usize) -> Result<i64, TextError> {
        match self.num(argn)? {
            V::Int(i) => Ok(i),
            V::Float(f) if f.fract() == 0.0 && (-9.2e18..9.2e18).contains(&f) => Ok(f as i64),
            _ => Err(TextError::Arg(argn, "number has no integer representation")),
        }
    }
    fn float(&self, argn: usize) -> Result<f64, TextError> {
        match self.num(argn)? {
            V::Int(i) => Ok(i as f64),
            V::Float(f) => Ok(f),
            _ => Err(TextError::Arg(argn, "number expected")),
        }
    }
    fn text(&self, argn: usize) -> Vec<u8> {
        match self.get(argn) {
            V::Int(i) => numfmt::fmt_integer(i).as_bytes().to_vec(),
            V::Float(f) => numfmt::fmt_float(f).as_bytes().to_vec(),
            V::Str(s) => s,
            V::Nil => b"nil".to_vec(),
            V::Bool(b) => if b { &b"true"[..] } else { b"false" }.to_vec(),
            V::Table => b"table: 0x55d0c0de1230".to_vec(),
        }
    }
}

impl FormatArgs for Args {
    type Error = TextError;
    fn arg_count(&self) -> usize {
        self.0.len() + 1
    }
    fn integer(&mut self, argn: usize) -> Result<i64, TextError> {
        self.int(argn)
    }
    fn number(&mut self, argn: usize) -> Result<f64, TextError> {
        self.float(argn)
    }
    fn tostring(&mut self, argn: usize) -> Result<Cow<'_, [u8]>, TextError> {
        Ok(Cow::Owned(self.text(argn)))
    }
    fn literal(&mut self, argn: usize) -> Result<Literal<'_>, TextError> {
        Ok(match self.get(argn) {
            V::Int(i) => Literal::Int(i),
            V::Float(f) => Literal::Float(f),
            V::Str(s) => Literal::Str(Cow::Owned(s)),
            V::Nil => Literal::Nil,
            V::Bool(b) => Literal::Bool(b),
            V::Table => Literal::Other,
        })
    }
    fn pointer(&mut self, argn: usize) -> Result<usize, TextError> {
        Ok(match self.get(argn) {
            V::Table | V::Str(_) => 0x55d0_c0de_1230,
            _ => 0,
        })
    }
}

impl PackArgs for Args {
    type Error = TextError;
    fn integer(&mut self, argn: usize) -> Result<i64, TextError> {
        self.int(argn)
    }
    fn number(&mut self, argn: usize) -> Result<f64, TextError> {
        self.float(argn)
    }
    fn string(&mut self, argn: usize) -> Result<Cow<'_, [u8]>, TextError> {
        match self.get(argn) {
            V::Int(_) | V::Float(_) | V::Str(_) => Ok(Cow::Owned(self.text(argn))),
            _ => Err(TextError::Arg(argn, "string expected")),
        }
    }
}

/// Pack formats whose declared sizes add up to more than this are skipped: packing them is
/// legitimate but only measures the allocator.
fn too_big(fmt: &[u8]) -> bool {
    let mut total: u64 = 0;
    let mut n: u64 = 0;
    for &c in fmt {
        if c.is_ascii_digit() {
            n = n.saturating_mul(10).saturating_add((c - b'0') as u64);
        } else {
            total = total.saturating_add(n);
            n = 0;
        }
    }
    total.saturating_add(n) > 1 << 20
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let mut parts = rest.splitn(2, |&c| c == 0xff);
    let fmt = parts.next().unwrap_or(b"");
    let argbytes = parts.next().unwrap_or(b"");
    match selector % 4 {
        0 => {
            let mut out = Vec::new();
            let _ = format(fmt, &mut Args(decode(argbytes)), &mut out);
        }
        1 => {
            if too_big(fmt) {
                return;
            }
            let mut out = Vec::new();
            if pack(fmt, &mut Args(decode(argbytes)), &mut out).is_ok() {
                // What pack wrote must unpack again with the same format.
                let _ = unpack::<TextError, _>(fmt, &out, 1, |_| Ok(()));
            }
        }
        2 => {
            let init = (selector as i8 as i64) >> 2;
            let _ = unpack::<TextError, _>(fmt, argbytes, init, |_| Ok(()));
        }
        _ => {
            let _ = packsize(fmt);
        }
    }
});

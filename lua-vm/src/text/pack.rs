//! `string.pack`, `string.unpack` and `string.packsize` engines (Lua 5.4.4 semantics).
//!
//! Native sizes and alignment are those of x86-64 Linux: `h` 2, `i`/`I` 4, `l`/`L`/`j`/`J`/`T`
//! 8, `f` 4, `d`/`n` 8, default maximum alignment (`!`) 8. Integers may take 1 to 16 bytes;
//! wider than 8 bytes they are sign- or zero-extended on pack and checked on unpack. The format
//! string ends at its first zero byte, as the reference reads it as a C string.
//!
//! Argument numbers follow the library functions: the format is argument 1, pack's values start
//! at 2; unpack's data is argument 2 and its initial position argument 3.

use super::error::TextError;
use super::packopt::{Item, Kind, Parser, MAX_SIZE, SZINT};
use std::borrow::Cow;

/// How `pack` fetches its value arguments; implemented by the library wrapper.
pub trait PackArgs {
    /// The wrapper's error; the engine's own errors arrive through `From<TextError>`.
    type Error: From<TextError>;
    /// `luaL_checkinteger`.
    fn integer(&mut self, argn: usize) -> Result<i64, Self::Error>;
    /// `luaL_checknumber`.
    fn number(&mut self, argn: usize) -> Result<f64, Self::Error>;
    /// `luaL_checklstring` (numbers convert to strings).
    fn string(&mut self, argn: usize) -> Result<Cow<'_, [u8]>, Self::Error>;
}

/// One value produced by `unpack`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Unpacked<'a> {
    /// From an integer option.
    Int(i64),
    /// From `f`, `d` or `n`.
    Float(f64),
    /// From `c`, `s` or `z`: a slice of the data.
    Str(&'a [u8]),
}

/// Appends `string.pack(fmt, ...)` to `out`.
pub fn pack<A: PackArgs + ?Sized>(
    fmt: &[u8],
    args: &mut A,
    out: &mut Vec<u8>,
) -> Result<(), A::Error> {
    let mut p = Parser::new(fmt);
    let mut total: usize = 0;
    let mut arg = 1;
    while !p.done() {
        let Item {
            kind,
            size,
            align_pad,
        } = p.item(total)?;
        total = total.saturating_add(align_pad + size);
        grow(out, align_pad.saturating_add(size))?;
        out.resize(out.len() + align_pad, 0);
        arg += 1;
        match kind {
            Kind::Int => {
                let n = args.integer(arg)?;
                if size < SZINT {
                    let lim = 1i64 << (size * 8 - 1);
                    if !(-lim <= n && n < lim) {
                        return Err(TextError::Arg(arg, "integer overflow").into());
                    }
                }
                pack_int(out, n as u64, p.little, size, n < 0);
            }
            Kind::Uint => {
                let n = args.integer(arg)?;
                if size < SZINT && (n as u64) >= 1u64 << (size * 8) {
                    return Err(TextError::Arg(arg, "unsigned overflow").into());
                }
                pack_int(out, n as u64, p.little, size, false);
            }
            Kind::Float => {
                let x = args.number(arg)? as f32;
                let b = if p.little {
                    x.to_le_bytes()
                } else {
                    x.to_be_bytes()
                };
                out.extend_from_slice(&b);
            }
            Kind::Double => {
                let x = args.number(arg)?;
                let b = if p.little {
                    x.to_le_bytes()
                } else {
                    x.to_be_bytes()
                };
                out.extend_from_slice(&b);
            }
            Kind::Char => {
                let s = args.string(arg)?;
                if s.len() > size {
                    return Err(TextError::Arg(arg, "string longer than given size").into());
                }
                out.extend_from_slice(&s);
                out.resize(out.len() + (size - s.len()), 0);
            }
            Kind::Str => {
                let s = args.string(arg)?;
                if size < SZINT && (s.len() as u64) >= 1u64 << (size * 8) {
                    let m = "string length does not fit in given size";
                    return Err(TextError::Arg(arg, m).into());
                }
                grow(out, s.len())?;
                pack_int(out, s.len() as u64, p.little, size, false);
                out.extend_from_slice(&s);
                total = total.saturating_add(s.len());
            }
            Kind::Zstr => {
                let s = args.string(arg)?;
                if s.contains(&0) {
                    return Err(TextError::Arg(arg, "string contains zeros").into());
                }
                grow(out, s.len() + 1)?;
                out.extend_from_slice(&s);
                out.push(0);
                total = total.saturating_add(s.len() + 1);
            }
            Kind::Padding => {
                out.push(0);
                arg -= 1;
            }
            Kind::PadAlign | Kind::Nop => arg -= 1,
        }
    }
    Ok(())
}

/// Reserves room for `n` more bytes, reporting failure instead of aborting.
fn grow(out: &mut Vec<u8>, n: usize) -> Result<(), TextError> {
    out.try_reserve(n).map_err(|_| TextError::OutOfMemory)
}

/// Appends the low `size` bytes of `n`; bytes past the eighth are 0xff for negatives.
fn pack_int(out: &mut Vec<u8>, n: u64, little: bool, size: usize, neg: bool) {
    let start = out.len();
    for i in 0..size {
        let b = if i < SZINT {
            (n >> (8 * i)) as u8
        } else if neg {
            0xff
        } else {
            0
        };
        out.push(b);
    }
    if !little {
        out[start..].reverse();
    }
}

/// `string.packsize(fmt)`.
pub fn packsize(fmt: &[u8]) -> Result<i64, TextError> {
    let mut p = Parser::new(fmt);
    let mut total: usize = 0;
    while !p.done() {
        let Item {
            kind,
            size,
            align_pad,
        } = p.item(total)?;
        if kind == Kind::Str || kind == Kind::Zstr {
            return Err(TextError::Arg(1, "variable-length format"));
        }
        let size = size + align_pad;
        if total > MAX_SIZE.saturating_sub(size) || size > MAX_SIZE {
            return Err(TextError::Arg(1, "format result too large"));
        }
        total += size;
    }
    Ok(total as i64)
}

/// `string.unpack(fmt, data, init)`: hands each value to `sink` in order and returns the
/// position after the last byte read (1-based, as the function's last result). `init` is the
/// initial position argument (1 when absent; negative counts from the end).
pub fn unpack<'d, E, F>(fmt: &[u8], data: &'d [u8], init: i64, mut sink: F) -> Result<i64, E>
where
    E: From<TextError>,
    F: FnMut(Unpacked<'d>) -> Result<(), E>,
{
    let ld = data.len();
    let mut pos = start_position(init, ld) - 1;
    if pos > ld {
        return Err(TextError::Arg(3, "initial position out of string").into());
    }
    let mut p = Parser::new(fmt);
    while !p.done() {
        let Item {
            kind,
            size,
            align_pad,
        } = p.item(pos)?;
        if align_pad.saturating_add(size) > ld - pos {
            return Err(TextError::Arg(2, "data string too short").into());
        }
        pos += align_pad;
        let bytes = &data[pos..pos + size];
        match kind {
            Kind::Int | Kind::Uint => {
                sink(Unpacked::Int(unpack_int(
                    bytes,
                    p.little,
                    kind == Kind::Int,
                )?))?;
            }
            Kind::Float => {
                let mut b = [0u8; 4];
                b.copy_from_slice(bytes);
                let x = if p.little {
                    f32::from_le_bytes(b)
                } else {
                    f32::from_be_bytes(b)
                };
                sink(Unpacked::Float(f64::from(x)))?;
            }
            Kind::Double => {
                let mut b = [0u8; 8];
                b.copy_from_slice(bytes);
                let x = if p.little {
                    f64::from_le_bytes(b)
                } else {
                    f64::from_be_bytes(b)
                };
                sink(Unpacked::Float(x))?;
            }
            Kind::Char => sink(Unpacked::Str(bytes))?,
            Kind::Str => {
                let len = unpack_int(bytes, p.little, false)? as u64;
                let room = ld - pos - size;
                if len > room as u64 {
                    return Err(TextError::Arg(2, "data string too short").into());
                }
                let len = len as usize;
                sink(Unpacked::Str(&data[pos + size..pos + size + len]))?;
                pos += len;
            }
            Kind::Zstr => {
                let rest = &data[pos..];
                let Some(len) = rest.iter().position(|&c| c == 0) else {
                    return Err(TextError::Arg(2, "unfinished string for format 'z'").into());
                };
                sink(Unpacked::Str(&rest[..len]))?;
                pos += len + 1;
            }
            Kind::Padding | Kind::PadAlign | Kind::Nop => {}
        }
        pos += size;
    }
    Ok(pos as i64 + 1)
}

/// The reference's `posrelatI`: a 1-based start position, negative from the end, clipped to 1.
fn start_position(pos: i64, len: usize) -> usize {
    if pos > 0 {
        pos as usize
    } else if pos == 0 || pos.unsigned_abs() > len as u64 {
        1
    } else {
        len - pos.unsigned_abs() as usize + 1
    }
}

/// Reads a `size`-byte integer; sign-extends narrow signed ones and checks that the extra bytes
/// of wide ones are only sign (or zero) extension.
fn unpack_int(bytes: &[u8], little: bool, signed: bool) -> Result<i64, TextError> {
    let size = bytes.len();
    let byte = |i: usize| {
        if little {
            bytes[i]
        } else {
            bytes[size - 1 - i]
        }
    };
    let limit = size.min(SZINT);
    let mut res: u64 = 0;
    for i in (0..limit).rev() {
        res = (res << 8) | u64::from(byte(i));
    }
    if size < SZINT {
        if signed && size > 0 {
            let mask = 1u64 << (size * 8 - 1);
            res = (res ^ mask).wrapping_sub(mask);
        }
    } else if size > SZINT {
        let fill = if !signed || (res as i64) >= 0 {
            0
        } else {
            0xff
        };
        if (limit..size).any(|i| byte(i) != fill) {
            let m = format!("{size}-byte integer does not fit into Lua Integer");
            return Err(TextError::msg(m));
        }
    }
    Ok(res as i64)
}

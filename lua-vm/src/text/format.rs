//! The `string.format` driver: walks the format string, validates each conversion as Lua 5.4.4
//! does (flags allowed per conversion, width and precision of at most two digits) and formats
//! the arguments it fetches through [`FormatArgs`].
//!
//! Arguments are numbered as on the library function's stack: the format string is argument 1,
//! the first value argument 2. The order in which an argument is fetched and its conversion is
//! validated follows the reference, so the same error wins when both are wrong.
//!
//! ```
//! use lua_vm::text::error::TextError;
//! use lua_vm::text::format::{format, FormatArgs, Literal};
//! use std::borrow::Cow;
//!
//! /// A wrapper over plain numbers (a VM wrapper reads its stack instead).
//! struct Nums<'a>(&'a [f64]);
//!
//! impl FormatArgs for Nums<'_> {
//!     type Error = TextError;
//!     fn arg_count(&self) -> usize { self.0.len() + 1 }
//!     fn integer(&mut self, n: usize) -> Result<i64, TextError> { Ok(self.0[n - 2] as i64) }
//!     fn number(&mut self, n: usize) -> Result<f64, TextError> { Ok(self.0[n - 2]) }
//!     fn tostring(&mut self, n: usize) -> Result<Cow<'_, [u8]>, TextError> {
//!         Ok(Cow::Owned(lua_vm::text::numfmt::fmt_float(self.0[n - 2]).as_bytes().to_vec()))
//!     }
//!     fn literal(&mut self, n: usize) -> Result<Literal<'_>, TextError> {
//!         Ok(Literal::Float(self.0[n - 2]))
//!     }
//!     fn pointer(&mut self, _: usize) -> Result<usize, TextError> { Ok(0) }
//! }
//!
//! let mut out = Vec::new();
//! format(b"%5.2f|%d|%s|%q", &mut Nums(&[3.14159, 42.0, 2.0, 0.5]), &mut out).unwrap();
//! assert_eq!(out, b" 3.14|42|2.0|0x1p-1");
//! let err = format(b"%d %d", &mut Nums(&[1.0]), &mut Vec::new()).unwrap_err();
//! assert_eq!(err, TextError::Arg(3, "no value"));
//! ```

use super::error::TextError;
use super::printf::{fmt_char, fmt_float, fmt_int, fmt_pointer, fmt_str, Spec};
use super::quote::{quote_float, quote_integer, quote_string};
use std::borrow::Cow;

/// A value as `%q` sees it.
#[derive(Clone, Debug, PartialEq)]
pub enum Literal<'a> {
    /// A string: written quoted.
    Str(Cow<'a, [u8]>),
    /// An integer.
    Int(i64),
    /// A float.
    Float(f64),
    /// `nil`.
    Nil,
    /// `true` or `false`.
    Bool(bool),
    /// Text appended as is (for a wrapper that honours `__tostring` on nil or booleans).
    Verbatim(Cow<'a, [u8]>),
    /// Any other type: an error "value has no literal form".
    Other,
}

/// How the driver fetches arguments; implemented by the library wrapper over the Lua stack.
///
/// Each fetch has the semantics of the auxiliary library function named below, including its
/// errors ("bad argument #2 to 'format' (number expected, got table)", "number has no integer
/// representation"), which the wrapper produces in its own `Error` type.
pub trait FormatArgs {
    /// The wrapper's error; the driver's own errors arrive through `From<TextError>`.
    type Error: From<TextError>;
    /// Number of arguments, the format string included (`lua_gettop`).
    fn arg_count(&self) -> usize;
    /// `luaL_checkinteger` (strings convert, floats must be integral).
    fn integer(&mut self, argn: usize) -> Result<i64, Self::Error>;
    /// `luaL_checknumber`.
    fn number(&mut self, argn: usize) -> Result<f64, Self::Error>;
    /// `luaL_tolstring`: any value as text (`__tostring`, `__name`, numbers as `tostring`).
    fn tostring(&mut self, argn: usize) -> Result<Cow<'_, [u8]>, Self::Error>;
    /// The argument classified for `%q`.
    fn literal(&mut self, argn: usize) -> Result<Literal<'_>, Self::Error>;
    /// `lua_topointer`: the address of a collectable value or userdata, 0 for the others.
    fn pointer(&mut self, argn: usize) -> Result<usize, Self::Error>;
}

/// Flags accepted by `a A e E f g G`.
const FLAGS_FLOAT: &[u8] = b"-+#0 ";
/// Flags accepted by `o x X`.
const FLAGS_HEX: &[u8] = b"-#0";
/// Flags accepted by `d i`.
const FLAGS_INT: &[u8] = b"-+0 ";
/// Flags accepted by `u`.
const FLAGS_UNSIGNED: &[u8] = b"-0";
/// Flags accepted by `c p s`.
const FLAGS_CHAR: &[u8] = b"-";
/// Bytes a conversion may span before its letter (flags, digits, point).
const SPEC_BYTES: &[u8] = b"-+#0 123456789.";
/// A conversion (flags, width, precision and letter) must be shorter than this.
const MAX_SPEC: usize = 22;
/// `%s` without precision copies strings this long whole (no width can matter).
const LONG_STRING: usize = 100;

/// Appends `string.format(fmt, ...)` to `out`.
pub fn format<A: FormatArgs + ?Sized>(
    fmt: &[u8],
    args: &mut A,
    out: &mut Vec<u8>,
) -> Result<(), A::Error> {
    let mut i = 0;
    let mut arg = 1;
    while i < fmt.len() {
        let Some(k) = fmt[i..].iter().position(|&c| c == b'%') else {
            out.extend_from_slice(&fmt[i..]);
            break;
        };
        out.extend_from_slice(&fmt[i..i + k]);
        i += k + 1;
        if fmt.get(i) == Some(&b'%') {
            out.push(b'%');
            i += 1;
            continue;
        }
        arg += 1;
        if arg > args.arg_count() {
            return Err(TextError::Arg(arg, "no value").into());
        }
        let span = fmt[i..]
            .iter()
            .take_while(|c| SPEC_BYTES.contains(c))
            .count();
        if span + 1 >= MAX_SPEC {
            return Err(TextError::msg("invalid format (too long)").into());
        }
        let body = &fmt[i..i + span];
        let conv = fmt.get(i + span).copied().unwrap_or(0);
        i += span + 1;
        item(out, args, arg, body, conv)?;
    }
    Ok(())
}

/// Formats one conversion `%<body><conv>` with argument `arg`.
fn item<A: FormatArgs + ?Sized>(
    out: &mut Vec<u8>,
    args: &mut A,
    arg: usize,
    body: &[u8],
    conv: u8,
) -> Result<(), A::Error> {
    match conv {
        b'c' => {
            let spec = check(body, conv, FLAGS_CHAR, false)?;
            let n = args.integer(arg)?;
            fmt_char(out, &spec, n as u8);
        }
        b'd' | b'i' | b'u' | b'o' | b'x' | b'X' => {
            let flags = match conv {
                b'd' | b'i' => FLAGS_INT,
                b'u' => FLAGS_UNSIGNED,
                _ => FLAGS_HEX,
            };
            let n = args.integer(arg)?;
            let spec = check(body, conv, flags, true)?;
            fmt_int(out, &spec, conv, n);
        }
        b'a' | b'A' => {
            let spec = check(body, conv, FLAGS_FLOAT, true)?;
            let x = args.number(arg)?;
            fmt_float(out, &spec, conv, x);
        }
        b'e' | b'E' | b'f' | b'g' | b'G' => {
            let x = args.number(arg)?;
            let spec = check(body, conv, FLAGS_FLOAT, true)?;
            fmt_float(out, &spec, conv, x);
        }
        b'p' => {
            let addr = args.pointer(arg)?;
            let spec = check(body, conv, FLAGS_CHAR, false)?;
            fmt_pointer(out, &spec, addr);
        }
        b'q' => {
            if !body.is_empty() {
                return Err(TextError::msg("specifier '%q' cannot have modifiers").into());
            }
            match args.literal(arg)? {
                Literal::Str(s) => quote_string(out, &s),
                Literal::Int(n) => quote_integer(out, n),
                Literal::Float(f) => quote_float(out, f),
                Literal::Nil => out.extend_from_slice(b"nil"),
                Literal::Bool(b) => out.extend_from_slice(if b { b"true" } else { b"false" }),
                Literal::Verbatim(s) => out.extend_from_slice(&s),
                Literal::Other => {
                    return Err(TextError::Arg(arg, "value has no literal form").into())
                }
            }
        }
        b's' => {
            let s = args.tostring(arg)?;
            if body.is_empty() {
                out.extend_from_slice(&s);
            } else {
                if s.contains(&0) {
                    return Err(TextError::Arg(arg, "string contains zeros").into());
                }
                let spec = check(body, conv, FLAGS_CHAR, true)?;
                if spec.precision.is_none() && s.len() >= LONG_STRING {
                    out.extend_from_slice(&s);
                } else {
                    fmt_str(out, &spec, &s);
                }
            }
        }
        _ => {
            return Err(
                conversion_error(b"invalid conversion '", body, conv, b"' to 'format'").into(),
            )
        }
    }
    Ok(())
}

/// Validates `%<body><conv>`: only `flags`, then (unless the next byte is '0') a width of at most
/// two digits and, when `precision` is allowed, a point and at most two digits.
fn check(body: &[u8], conv: u8, flags: &[u8], precision: bool) -> Result<Spec, TextError> {
    let mut i = body.iter().take_while(|c| flags.contains(c)).count();
    if body.get(i) != Some(&b'0') {
        i += two_digits(&body[i..]);
        if precision && body.get(i) == Some(&b'.') {
            i += 1;
            i += two_digits(&body[i..]);
        }
    }
    let bad = || conversion_error(b"invalid conversion specification: '", body, conv, b"'");
    if i != body.len() {
        return Err(bad());
    }
    Spec::parse(body).ok_or_else(bad)
}

/// How many of the first (at most two) bytes of `s` are digits.
fn two_digits(s: &[u8]) -> usize {
    s.iter().take(2).take_while(|c| c.is_ascii_digit()).count()
}

/// `<pre>%<body><conv><post>` (a NUL conversion byte is not shown, as in C).
fn conversion_error(pre: &[u8], body: &[u8], conv: u8, post: &[u8]) -> TextError {
    let mut m = Vec::with_capacity(pre.len() + body.len() + post.len() + 2);
    m.extend_from_slice(pre);
    m.push(b'%');
    m.extend_from_slice(body);
    if conv != 0 {
        m.push(conv);
    }
    m.extend_from_slice(post);
    TextError::Error(m)
}

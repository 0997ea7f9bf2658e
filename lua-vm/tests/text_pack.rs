//! `string.pack`, `string.unpack` and `string.packsize` engines against results recorded from
//! lua5.4 (x86-64) for the same formats and arguments.

use lua_vm::text::error::TextError;
use lua_vm::text::numfmt;
use lua_vm::text::pack::{pack, packsize, unpack, PackArgs, Unpacked};
use lua_vm::value::arith::float_to_int_exact;
use std::borrow::Cow;

#[derive(Clone, Copy, Debug, PartialEq)]
enum V {
    I(i64),
    F(f64),
    S(&'static [u8]),
    Nil,
    T,
}
use V::*;

#[derive(Debug, PartialEq)]
struct E(Vec<u8>);

fn error_text(e: TextError, func: &str) -> Vec<u8> {
    match e {
        TextError::Arg(n, m) => format!("bad argument #{n} to 'string.{func}' ({m})").into_bytes(),
        other => other.message(),
    }
}

impl From<TextError> for E {
    fn from(e: TextError) -> E {
        E(error_text(e, "pack"))
    }
}

struct Args(&'static [V]);

impl Args {
    fn get(&self, argn: usize) -> V {
        self.0.get(argn - 2).copied().unwrap_or(Nil)
    }
    fn expected(&self, argn: usize, what: &str) -> E {
        let got = match self.get(argn) {
            I(_) | F(_) => "number",
            S(_) => "string",
            Nil => "nil",
            T => "table",
        };
        E(
            format!("bad argument #{argn} to 'string.pack' ({what} expected, got {got})")
                .into_bytes(),
        )
    }
    fn num(&self, argn: usize) -> Result<V, E> {
        match self.get(argn) {
            S(s) => {
                let t = std::str::from_utf8(s).unwrap_or("");
                t.parse::<i64>()
                    .map(I)
                    .or_else(|_| t.parse::<f64>().map(F))
                    .map_err(|_| self.expected(argn, "number"))
            }
            v @ (I(_) | F(_)) => Ok(v),
            _ => Err(self.expected(argn, "number")),
        }
    }
}

impl PackArgs for Args {
    type Error = E;
    fn integer(&mut self, argn: usize) -> Result<i64, E> {
        match self.num(argn)? {
            I(i) => Ok(i),
            F(f) => float_to_int_exact(f).ok_or_else(|| {
                let m = format!(
                    "bad argument #{argn} to 'string.pack' (number has no integer representation)"
                );
                E(m.into_bytes())
            }),
            _ => unreachable!(),
        }
    }
    fn number(&mut self, argn: usize) -> Result<f64, E> {
        match self.num(argn)? {
            I(i) => Ok(i as f64),
            F(f) => Ok(f),
            _ => unreachable!(),
        }
    }
    fn string(&mut self, argn: usize) -> Result<Cow<'_, [u8]>, E> {
        match self.get(argn) {
            S(s) => Ok(Cow::Borrowed(s)),
            I(i) => Ok(Cow::Owned(numfmt::fmt_integer(i).as_bytes().to_vec())),
            F(f) => Ok(Cow::Owned(numfmt::fmt_float(f).as_bytes().to_vec())),
            _ => Err(self.expected(argn, "string")),
        }
    }
}

type PackCase = (
    &'static [u8],
    &'static [V],
    Result<&'static [u8], &'static [u8]>,
);
type UnpackCase = (
    &'static [u8],
    &'static [u8],
    i64,
    Result<(&'static [V], i64), &'static [u8]>,
);
type SizeCase = (&'static [u8], Result<i64, &'static [u8]>);

/// `pcall(string.pack, fmt, ...)` in lua5.4.
#[rustfmt::skip]
const PACK: &[PackCase] = &[
    (b"b", &[I(1)], Ok(b"\x01")),
    (b"b", &[I(-128)], Ok(b"\x80")),
    (b"b", &[I(127)], Ok(b"\x7f")),
    (b"b", &[I(128)], Err(b"bad argument #2 to 'string.pack' (integer overflow)")),
    (b"b", &[I(-129)], Err(b"bad argument #2 to 'string.pack' (integer overflow)")),
    (b"B", &[I(255)], Ok(b"\xff")),
    (b"B", &[I(256)], Err(b"bad argument #2 to 'string.pack' (unsigned overflow)")),
    (b"B", &[I(-1)], Err(b"bad argument #2 to 'string.pack' (unsigned overflow)")),
    (b"<h", &[I(4660)], Ok(b"4\x12")),
    (b">h", &[I(4660)], Ok(b"\x124")),
    (b"=h", &[I(-2)], Ok(b"\xfe\xff")),
    (b"h", &[I(32768)], Err(b"bad argument #2 to 'string.pack' (integer overflow)")),
    (b"H", &[I(65535)], Ok(b"\xff\xff")),
    (b"H", &[I(65536)], Err(b"bad argument #2 to 'string.pack' (unsigned overflow)")),
    (b"<l", &[I(-2)], Ok(b"\xfe\xff\xff\xff\xff\xff\xff\xff")),
    (b">L", &[I(1)], Ok(b"\x00\x00\x00\x00\x00\x00\x00\x01")),
    (b"<j", &[I(i64::MIN)], Ok(b"\x00\x00\x00\x00\x00\x00\x00\x80")),
    (b">J", &[I(-1)], Ok(b"\xff\xff\xff\xff\xff\xff\xff\xff")),
    (b"<T", &[I(100)], Ok(b"d\x00\x00\x00\x00\x00\x00\x00")),
    (b">T", &[I(-1)], Ok(b"\xff\xff\xff\xff\xff\xff\xff\xff")),
    (b"<i", &[I(7)], Ok(b"\x07\x00\x00\x00")),
    (b">i", &[I(-7)], Ok(b"\xff\xff\xff\xf9")),
    (b"<I", &[I(4294967295)], Ok(b"\xff\xff\xff\xff")),
    (b"<I", &[I(4294967296)], Err(b"bad argument #2 to 'string.pack' (unsigned overflow)")),
    (b"<i3", &[I(8388607)], Ok(b"\xff\xff\x7f")),
    (b"<i3", &[I(8388608)], Err(b"bad argument #2 to 'string.pack' (integer overflow)")),
    (b"<i3", &[I(-8388608)], Ok(b"\x00\x00\x80")),
    (b"<i3", &[I(-8388609)], Err(b"bad argument #2 to 'string.pack' (integer overflow)")),
    (b"<I3", &[I(16777215)], Ok(b"\xff\xff\xff")),
    (b"<I3", &[I(16777216)], Err(b"bad argument #2 to 'string.pack' (unsigned overflow)")),
    (b">i5", &[I(-3)], Ok(b"\xff\xff\xff\xff\xfd")),
    (b"<i7", &[F(1125899906842624.0)], Ok(b"\x00\x00\x00\x00\x00\x00\x04")),
    (b"<i8", &[I(9223372036854775807)], Ok(b"\xff\xff\xff\xff\xff\xff\xff\x7f")),
    (b"<I8", &[I(-1)], Ok(b"\xff\xff\xff\xff\xff\xff\xff\xff")),
    (b"<i9", &[I(-1)], Ok(b"\xff\xff\xff\xff\xff\xff\xff\xff\xff")),
    (b">i9", &[I(-2)], Ok(b"\xff\xff\xff\xff\xff\xff\xff\xff\xfe")),
    (b"<i16", &[I(i64::MIN)], Ok(b"\x00\x00\x00\x00\x00\x00\x00\x80\xff\xff\xff\xff\xff\xff\xff\xff")),
    (b">i16", &[I(9223372036854775807)], Ok(b"\x00\x00\x00\x00\x00\x00\x00\x00\x7f\xff\xff\xff\xff\xff\xff\xff")),
    (b"<I16", &[I(-1)], Ok(b"\xff\xff\xff\xff\xff\xff\xff\xff\x00\x00\x00\x00\x00\x00\x00\x00")),
    (b">I12", &[I(5)], Ok(b"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x05")),
    (b"<i12", &[I(-5)], Ok(b"\xfb\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff")),
    (b"<i1", &[I(-1)], Ok(b"\xff")),
    (b"<I1", &[I(255)], Ok(b"\xff")),
    (b"<i2", &[I(40000)], Err(b"bad argument #2 to 'string.pack' (integer overflow)")),
    (b"i0", &[I(1)], Err(b"integral size (0) out of limits [1,16]")),
    (b"i17", &[I(1)], Err(b"integral size (17) out of limits [1,16]")),
    (b"I17", &[I(1)], Err(b"integral size (17) out of limits [1,16]")),
    (b"i99999999999", &[I(1)], Err(b"integral size (999999999) out of limits [1,16]")),
    (b"<f", &[F(1.5)], Ok(b"\x00\x00\xc0?")),
    (b">f", &[F(-0.1)], Ok(b"\xbd\xcc\xcc\xcd")),
    (b"<f", &[F(f64::INFINITY)], Ok(b"\x00\x00\x80\x7f")),
    (b"<f", &[F(1e+300)], Ok(b"\x00\x00\x80\x7f")),
    (b"<f", &[I(3)], Ok(b"\x00\x00@@")),
    (b"<d", &[F(0.1)], Ok(b"\x9a\x99\x99\x99\x99\x99\xb9?")),
    (b">d", &[F(-0.0)], Ok(b"\x80\x00\x00\x00\x00\x00\x00\x00")),
    (b"<n", &[F(std::f64::consts::PI)], Ok(b"\x18-DT\xfb!\x09@")),
    (b">n", &[F(9007199254740992.0)], Ok(b"C@\x00\x00\x00\x00\x00\x00")),
    (b"<d", &[S(b"2.5")], Ok(b"\x00\x00\x00\x00\x00\x00\x04@")),
    (b"<d", &[I(7)], Ok(b"\x00\x00\x00\x00\x00\x00\x1c@")),
    (b"<j", &[F(3.0)], Ok(b"\x03\x00\x00\x00\x00\x00\x00\x00")),
    (b"<j", &[F(3.5)], Err(b"bad argument #2 to 'string.pack' (number has no integer representation)")),
    (b"<j", &[S(b"12")], Ok(b"\x0c\x00\x00\x00\x00\x00\x00\x00")),
    (b"<j", &[S(b"x")], Err(b"bad argument #2 to 'string.pack' (number expected, got string)")),
    (b"<d", &[T], Err(b"bad argument #2 to 'string.pack' (number expected, got table)")),
    (b"c5", &[S(b"abc")], Ok(b"abc\x00\x00")),
    (b"c3", &[S(b"abc")], Ok(b"abc")),
    (b"c2", &[S(b"abc")], Err(b"bad argument #2 to 'string.pack' (string longer than given size)")),
    (b"c0", &[S(b"")], Ok(b"")),
    (b"c", &[S(b"a")], Err(b"missing size for format option 'c'")),
    (b"c1", &[I(5)], Ok(b"5")),
    (b"c3", &[F(1.5)], Ok(b"1.5")),
    (b"<s", &[S(b"hello")], Ok(b"\x05\x00\x00\x00\x00\x00\x00\x00hello")),
    (b">s2", &[S(b"hi")], Ok(b"\x00\x02hi")),
    (b"<s1", &[S(b"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")], Ok(b"\xffxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")),
    (b"<s1", &[S(b"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")], Err(b"bad argument #2 to 'string.pack' (string length does not fit in given size)")),
    (b"<s16", &[S(b"q")], Ok(b"\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00q")),
    (b"s", &[I(12)], Ok(b"\x02\x00\x00\x00\x00\x00\x00\x0012")),
    (b"z", &[S(b"hello")], Ok(b"hello\x00")),
    (b"z", &[S(b"")], Ok(b"\x00")),
    (b"z", &[S(b"a\x00b")], Err(b"bad argument #2 to 'string.pack' (string contains zeros)")),
    (b"z", &[I(42)], Ok(b"42\x00")),
    (b"x", &[], Ok(b"\x00")),
    (b"xx", &[], Ok(b"\x00\x00")),
    (b"bxb", &[I(1), I(2)], Ok(b"\x01\x00\x02")),
    (b" b  b ", &[I(1), I(2)], Ok(b"\x01\x02")),
    (b"!<bi", &[I(1), I(2)], Ok(b"\x01\x00\x00\x00\x02\x00\x00\x00")),
    (b"!<bh", &[I(1), I(2)], Ok(b"\x01\x00\x02\x00")),
    (b"!<bj", &[I(1), I(2)], Ok(b"\x01\x00\x00\x00\x00\x00\x00\x00\x02\x00\x00\x00\x00\x00\x00\x00")),
    (b"!<bd", &[I(1), I(2)], Ok(b"\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00@")),
    (b"!2<bj", &[I(1), I(2)], Ok(b"\x01\x00\x02\x00\x00\x00\x00\x00\x00\x00")),
    (b"!4<bj", &[I(1), I(2)], Ok(b"\x01\x00\x00\x00\x02\x00\x00\x00\x00\x00\x00\x00")),
    (b"!<bi3", &[I(1), I(2)], Err(b"bad argument #1 to 'string.pack' (format asks for alignment not power of 2)")),
    (b"!<bs4", &[I(1), S(b"ab")], Ok(b"\x01\x00\x00\x00\x02\x00\x00\x00ab")),
    (b"!<bz", &[I(1), S(b"ab")], Ok(b"\x01ab\x00")),
    (b"!<bc3", &[I(1), S(b"abc")], Ok(b"\x01abc")),
    (b"!<bXi", &[I(1)], Ok(b"\x01\x00\x00\x00")),
    (b"!<bXh b", &[I(1), I(2)], Ok(b"\x01\x00\x02")),
    (b"!<bXjb", &[I(1), I(2)], Ok(b"\x01\x00\x00\x00\x00\x00\x00\x00\x02")),
    (b"!<b!2j", &[I(1), I(2)], Ok(b"\x01\x00\x02\x00\x00\x00\x00\x00\x00\x00")),
    (b"!3<bh", &[I(1), I(2)], Ok(b"\x01\x00\x02\x00")),
    (b"!3<bi", &[I(1), I(2)], Err(b"bad argument #1 to 'string.pack' (format asks for alignment not power of 2)")),
    (b"!<bi16", &[I(1), I(2)], Ok(b"\x01\x00\x00\x00\x00\x00\x00\x00\x02\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00")),
    (b"!16<bi16", &[I(1), I(2)], Ok(b"\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00")),
    (b"!<zj", &[S(b"abc"), I(1)], Ok(b"abc\x00\x00\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00")),
    (b"<bX", &[I(1)], Err(b"bad argument #1 to 'string.pack' (invalid next option for option 'X')")),
    (b"<bXc3", &[I(1)], Err(b"bad argument #1 to 'string.pack' (invalid next option for option 'X')")),
    (b"<bXz", &[I(1)], Err(b"bad argument #1 to 'string.pack' (invalid next option for option 'X')")),
    (b"<bX!", &[I(1)], Err(b"bad argument #1 to 'string.pack' (invalid next option for option 'X')")),
    (b"<bXy", &[I(1)], Err(b"invalid format option 'y'")),
    (b"<bXx", &[I(1)], Ok(b"\x01")),
    (b"!8<bXd", &[I(1)], Ok(b"\x01\x00\x00\x00\x00\x00\x00\x00")),
    (b"!<bX i", &[I(1)], Err(b"bad argument #1 to 'string.pack' (invalid next option for option 'X')")),
    (b"<i3Xi2b", &[I(1), I(2)], Ok(b"\x01\x00\x00\x02")),
    (b"!17", &[I(1)], Err(b"integral size (17) out of limits [1,16]")),
    (b"!0", &[I(1)], Err(b"integral size (0) out of limits [1,16]")),
    (b"y", &[I(1)], Err(b"invalid format option 'y'")),
    (b"<b\x00y", &[I(1)], Ok(b"\x01")),
    (b"b", &[Nil], Err(b"bad argument #2 to 'string.pack' (number expected, got nil)")),
    (b"bb", &[I(1)], Err(b"bad argument #3 to 'string.pack' (number expected, got nil)")),
    (b"<jnd", &[I(1), I(2), I(3)], Ok(b"\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00@\x00\x00\x00\x00\x00\x00\x08@")),
    (b"<j", &[F(9.223372036854776e+18)], Err(b"bad argument #2 to 'string.pack' (number has no integer representation)")),
    (b">I2", &[F(1.0)], Ok(b"\x00\x01")),
    (b"", &[I(5)], Ok(b"")),
];

/// `pcall(string.unpack, fmt, data, init)` in lua5.4: the values and the next position.
#[rustfmt::skip]
const UNPACK: &[UnpackCase] = &[
    (b"b", b"\xff", 1, Ok((&[I(-1)], 2))),
    (b"B", b"\xff", 1, Ok((&[I(255)], 2))),
    (b"<h", b"\x01\x80", 1, Ok((&[I(-32767)], 3))),
    (b">H", b"\x01\x80", 1, Ok((&[I(384)], 3))),
    (b"<i3", b"\xff\xff\x7f", 1, Ok((&[I(8388607)], 4))),
    (b"<i3", b"\xff\xff\x80", 1, Ok((&[I(-8323073)], 4))),
    (b"<I3", b"\xff\xff\xff", 1, Ok((&[I(16777215)], 4))),
    (b"<j", b"\x00\x00\x00\x00\x00\x00\x00\x80", 1, Ok((&[I(i64::MIN)], 9))),
    (b">J", b"\xff\xff\xff\xff\xff\xff\xff\xff", 1, Ok((&[I(-1)], 9))),
    (b"<i9", b"\xff\xff\xff\xff\xff\xff\xff\xff\xff", 1, Ok((&[I(-1)], 10))),
    (b"<i9", b"\xff\xff\xff\xff\xff\xff\xff\x7f\xff", 1, Err(b"9-byte integer does not fit into Lua Integer")),
    (b"<i9", b"\xff\xff\xff\xff\xff\xff\xff\x7f\x00", 1, Ok((&[I(9223372036854775807)], 10))),
    (b"<I9", b"\xff\xff\xff\xff\xff\xff\xff\xff\x00", 1, Ok((&[I(-1)], 10))),
    (b"<I9", b"\xff\xff\xff\xff\xff\xff\xff\xff\x01", 1, Err(b"9-byte integer does not fit into Lua Integer")),
    (b">i16", b"\x00\x00\x00\x00\x00\x00\x00\x00\x80\x00\x00\x00\x00\x00\x00\x00", 1, Err(b"16-byte integer does not fit into Lua Integer")),
    (b"<i16", b"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff", 1, Ok((&[I(-1)], 17))),
    (b">i10", b"\x00\x01\x00\x00\x00\x00\x00\x00\x00\x00", 1, Err(b"10-byte integer does not fit into Lua Integer")),
    (b"<f", b"\x00\x00\xc0?", 1, Ok((&[F(1.5)], 5))),
    (b">f", b"=\xcc\xcc\xcd", 1, Ok((&[F(0.10000000149011612)], 5))),
    (b"<d", b"\x9a\x99\x99\x99\x99\x99\xb9?", 1, Ok((&[F(0.1)], 9))),
    (b">n", b"\x7f\xf0\x00\x00\x00\x00\x00\x00", 1, Ok((&[F(f64::INFINITY)], 9))),
    (b"c3", b"abcdef", 1, Ok((&[S(b"abc")], 4))),
    (b"c3", b"ab", 1, Err(b"bad argument #2 to 'string.unpack' (data string too short)")),
    (b"c0", b"", 1, Ok((&[S(b"")], 1))),
    (b"c2c2", b"abcd", 1, Ok((&[S(b"ab"), S(b"cd")], 5))),
    (b"<s1", b"\x03abcde", 1, Ok((&[S(b"abc")], 5))),
    (b"<s1", b"\x09abc", 1, Err(b"bad argument #2 to 'string.unpack' (data string too short)")),
    (b">s2", b"\x00\x02hi", 1, Ok((&[S(b"hi")], 5))),
    (b"<s", b"\x02\x00\x00\x00\x00\x00\x00\x00hi", 1, Ok((&[S(b"hi")], 11))),
    (b"<s9", b"\x01\x00\x00\x00\x00\x00\x00\x00\x01x", 1, Err(b"9-byte integer does not fit into Lua Integer")),
    (b"z", b"hello\x00world\x00", 1, Ok((&[S(b"hello")], 7))),
    (b"zz", b"hello\x00world\x00", 1, Ok((&[S(b"hello"), S(b"world")], 13))),
    (b"z", b"abc", 1, Err(b"bad argument #2 to 'string.unpack' (unfinished string for format 'z')")),
    (b"z", b"", 1, Err(b"bad argument #2 to 'string.unpack' (unfinished string for format 'z')")),
    (b"z", b"\x00", 1, Ok((&[S(b"")], 2))),
    (b"!<bi", b"\x01\x00\x00\x00\x02\x00\x00\x00", 1, Ok((&[I(1), I(2)], 9))),
    (b"!<bi", b"\x01\x00\x00\x00\x02\x00\x00", 1, Err(b"bad argument #2 to 'string.unpack' (data string too short)")),
    (b"!<bXi", b"\x01\x00\x00\x00", 1, Ok((&[I(1)], 5))),
    (b"!<bXii", b"\x01\x00\x00\x00\x05\x00\x00\x00", 1, Ok((&[I(1), I(5)], 9))),
    (b"x", b"a", 1, Ok((&[], 2))),
    (b"xb", b"a", 1, Err(b"bad argument #2 to 'string.unpack' (data string too short)")),
    (b"xb", b"ab", 1, Ok((&[I(98)], 3))),
    (b"b", b"", 1, Err(b"bad argument #2 to 'string.unpack' (data string too short)")),
    (b"i17", b"a", 1, Err(b"integral size (17) out of limits [1,16]")),
    (b"y", b"a", 1, Err(b"invalid format option 'y'")),
    (b"bX", b"a", 1, Err(b"bad argument #1 to 'string.unpack' (invalid next option for option 'X')")),
    (b"", b"abc", 1, Ok((&[], 1))),
    (b"b", b"abc", 2, Ok((&[I(98)], 3))),
    (b"b", b"abc", -1, Ok((&[I(99)], 4))),
    (b"b", b"abc", -3, Ok((&[I(97)], 2))),
    (b"b", b"abc", -4, Ok((&[I(97)], 2))),
    (b"b", b"abc", -100, Ok((&[I(97)], 2))),
    (b"b", b"abc", 0, Ok((&[I(97)], 2))),
    (b"b", b"abc", 3, Ok((&[I(99)], 4))),
    (b"b", b"abc", 4, Err(b"bad argument #2 to 'string.unpack' (data string too short)")),
    (b"", b"abc", 4, Ok((&[], 4))),
    (b"", b"abc", 5, Err(b"bad argument #3 to 'string.unpack' (initial position out of string)")),
    (b"b", b"abc", i64::MIN, Ok((&[I(97)], 2))),
    (b"b", b"abc", 9223372036854775807, Err(b"bad argument #3 to 'string.unpack' (initial position out of string)")),
    (b"!4<bXi", b"abcdefgh", 2, Ok((&[I(98)], 5))),
    (b"<i4", b"abcdefgh", 3, Ok((&[I(1717920867)], 7))),
];

/// `pcall(string.packsize, fmt)` in lua5.4.
#[rustfmt::skip]
const PACKSIZE: &[SizeCase] = &[
    (b"b", Ok(1)),
    (b"bhij", Ok(15)),
    (b"!bhij", Ok(16)),
    (b"!2bhij", Ok(16)),
    (b"!<bi3", Err(b"bad argument #1 to 'string.packsize' (format asks for alignment not power of 2)")),
    (b"c10", Ok(10)),
    (b"c0", Ok(0)),
    (b"s", Err(b"bad argument #1 to 'string.packsize' (variable-length format)")),
    (b"z", Err(b"bad argument #1 to 'string.packsize' (variable-length format)")),
    (b"bs4", Err(b"bad argument #1 to 'string.packsize' (variable-length format)")),
    (b"x", Ok(1)),
    (b"X", Err(b"bad argument #1 to 'string.packsize' (invalid next option for option 'X')")),
    (b"Xi", Ok(0)),
    (b"bXi", Ok(1)),
    (b"!bXi", Ok(4)),
    (b"i17", Err(b"integral size (17) out of limits [1,16]")),
    (b"y", Err(b"invalid format option 'y'")),
    (b"c2147483647", Err(b"invalid format option '7'")),
    (b"c214748364", Ok(214748364)),
    (b"c214748364c214748364c214748364c214748364c214748364c214748364c214748364c214748364c214748364c214748364", Ok(2147483640)),
    (b"c2147483639", Ok(2147483639)),
    (b"c2147483639b", Ok(2147483640)),
    (b"c1073741824c1073741823", Ok(2147483647)),
    (b"c1073741824c1073741824", Err(b"bad argument #1 to 'string.packsize' (format result too large)")),
    (b"!8c2147483630d", Ok(2147483640)),
    (b"dXd", Ok(8)),
    (b"!16 b Xi16", Ok(16)),
    (b"c", Err(b"missing size for format option 'c'")),
    (b"", Ok(0)),
    (b"i16i16", Ok(32)),
    (b" < > = ! ", Ok(0)),
    (b"jnT", Ok(24)),
];

#[test]
fn pack_matches_lua() {
    let mut failures = Vec::new();
    for &(fmt, args, expect) in PACK {
        let mut out = b"prefix".to_vec();
        let got = pack(fmt, &mut Args(args), &mut out)
            .map(|()| out[6..].to_vec())
            .map_err(|e| e.0);
        let expect = expect.map(<[u8]>::to_vec).map_err(<[u8]>::to_vec);
        if got != expect {
            failures.push(format!(
                "{:?} {args:?}: got {got:?}, expected {expect:?}",
                String::from_utf8_lossy(fmt)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn to_v(u: Unpacked<'_>) -> V {
    match u {
        Unpacked::Int(i) => I(i),
        Unpacked::Float(f) => F(f),
        Unpacked::Str(s) => S(Box::leak(s.to_vec().into_boxed_slice())),
    }
}

#[test]
fn unpack_matches_lua() {
    let mut failures = Vec::new();
    for &(fmt, data, init, expect) in UNPACK {
        let mut vals = Vec::new();
        let got = unpack(fmt, data, init, |u| {
            vals.push(to_v(u));
            Ok::<(), TextError>(())
        });
        let got = got
            .map(|next| (vals, next))
            .map_err(|e| error_text(e, "unpack"));
        let expect = expect.map(|(v, n)| (v.to_vec(), n)).map_err(<[u8]>::to_vec);
        if got != expect {
            failures.push(format!(
                "{:?} {data:?} {init}: got {got:?}, expected {expect:?}",
                String::from_utf8_lossy(fmt)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn packsize_matches_lua() {
    for &(fmt, expect) in PACKSIZE {
        let got = packsize(fmt).map_err(|e| error_text(e, "packsize"));
        assert_eq!(
            got,
            expect.map_err(<[u8]>::to_vec),
            "{:?}",
            String::from_utf8_lossy(fmt)
        );
    }
}

/// Every option in one format, packed and unpacked (bytes recorded from lua5.4).
#[test]
fn round_trip_every_option() {
    static ARGS: &[V] = &[
        I(-5),
        I(200),
        I(-300),
        I(60000),
        I(-7),
        I(7),
        I(-9),
        I(9),
        I(123),
        F(1.5),
        F(-2.25),
        F(0.1),
        S(b"abc"),
        S(b"hello"),
        S(b"zero"),
        I(-1),
        I(1 << 40),
    ];
    let fmt = b"!<bBhHlLjJTfdnc3s2zXi i11 > I16";
    let mut out = Vec::new();
    pack(fmt, &mut Args(ARGS), &mut out).unwrap();
    #[rustfmt::skip]
    let expect: &[u8] = b"\xfb\xc8\xd4\xfe`\xea\x00\x00\xf9\xff\xff\xff\xff\xff\xff\xff\x07\x00\x00\x00\x00\x00\x00\x00\xf7\xff\xff\xff\xff\xff\xff\xff\x09\x00\x00\x00\x00\x00\x00\x00{\x00\x00\x00\x00\x00\x00\x00\x00\x00\xc0?\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\xc0\x9a\x99\x99\x99\x99\x99\xb9?abc\x00\x05\x00hellozero\x00\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x01\x00\x00\x00\x00\x00";
    assert_eq!(out, expect);
    let mut vals = Vec::new();
    let next = unpack(fmt, &out, 1, |u| {
        vals.push(to_v(u));
        Ok::<(), TextError>(())
    })
    .unwrap();
    assert_eq!(next, 121);
    assert_eq!(vals, ARGS);
}

#[test]
fn unpack_sink_errors_stop_the_engine() {
    let mut n = 0;
    let r = unpack(b"bbbb", b"abcd", 1, |_| {
        n += 1;
        if n == 2 {
            Err(TextError::msg("too many results"))
        } else {
            Ok(())
        }
    });
    assert_eq!(r, Err(TextError::msg("too many results")));
    assert_eq!(n, 2);
}

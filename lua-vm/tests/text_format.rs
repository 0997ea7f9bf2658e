//! `string.format` driver and printf conversions against outputs recorded from lua5.4 (Lua
//! 5.4.4 on x86-64 glibc) for the same format strings and arguments.

use lua_vm::text::error::TextError;
use lua_vm::text::format::{format, FormatArgs, Literal};
use lua_vm::text::numfmt;
use lua_vm::text::printf::{fmt_float, fmt_int, fmt_pointer, fmt_str, Spec};
use lua_vm::value::arith::float_to_int_exact;
use std::borrow::Cow;

/// A Lua value as the test wrapper sees it.
#[derive(Clone, Copy, Debug)]
enum V {
    I(i64),
    F(f64),
    S(&'static [u8]),
    B(bool),
    Nil,
    /// A table (or function): has an address, no number, no literal.
    T,
}
use V::*;

/// The error the wrapper would raise, as text.
#[derive(Debug, PartialEq)]
struct E(Vec<u8>);

impl From<TextError> for E {
    fn from(e: TextError) -> E {
        match e {
            TextError::Arg(n, m) => arg_error(n, m),
            other => E(other.message()),
        }
    }
}

fn arg_error(n: usize, msg: &str) -> E {
    E(format!("bad argument #{n} to 'string.format' ({msg})").into_bytes())
}

struct Args<'a>(&'a [V]);

impl Args<'_> {
    fn get(&self, argn: usize) -> V {
        self.0.get(argn - 2).copied().unwrap_or(Nil)
    }

    fn type_error(&self, argn: usize, expected: &str) -> E {
        let got = match self.get(argn) {
            I(_) | F(_) => "number",
            S(_) => "string",
            B(_) => "boolean",
            Nil => "nil",
            T => "table",
        };
        arg_error(argn, &format!("{expected} expected, got {got}"))
    }

    /// String to number coercion (enough for these tests).
    fn coerce(&self, argn: usize) -> Result<V, E> {
        match self.get(argn) {
            S(s) => {
                let t = std::str::from_utf8(s).unwrap_or("");
                if let Ok(i) = t.parse::<i64>() {
                    Ok(I(i))
                } else if let Ok(f) = t.parse::<f64>() {
                    Ok(F(f))
                } else {
                    Err(self.type_error(argn, "number"))
                }
            }
            I(i) => Ok(I(i)),
            F(f) => Ok(F(f)),
            _ => Err(self.type_error(argn, "number")),
        }
    }
}

impl FormatArgs for Args<'_> {
    type Error = E;
    fn arg_count(&self) -> usize {
        self.0.len() + 1
    }
    fn integer(&mut self, argn: usize) -> Result<i64, E> {
        match self.coerce(argn)? {
            I(i) => Ok(i),
            F(f) => float_to_int_exact(f)
                .ok_or_else(|| arg_error(argn, "number has no integer representation")),
            _ => unreachable!(),
        }
    }
    fn number(&mut self, argn: usize) -> Result<f64, E> {
        match self.coerce(argn)? {
            I(i) => Ok(i as f64),
            F(f) => Ok(f),
            _ => unreachable!(),
        }
    }
    fn tostring(&mut self, argn: usize) -> Result<Cow<'_, [u8]>, E> {
        Ok(match self.get(argn) {
            I(i) => Cow::Owned(numfmt::fmt_integer(i).as_bytes().to_vec()),
            F(f) => Cow::Owned(numfmt::fmt_float(f).as_bytes().to_vec()),
            S(s) => Cow::Borrowed(s),
            B(b) => Cow::Borrowed(if b { &b"true"[..] } else { b"false" }),
            Nil => Cow::Borrowed(b"nil"),
            T => Cow::Borrowed(b"table: 0x1234"),
        })
    }
    fn literal(&mut self, argn: usize) -> Result<Literal<'_>, E> {
        Ok(match self.get(argn) {
            I(i) => Literal::Int(i),
            F(f) => Literal::Float(f),
            S(s) => Literal::Str(Cow::Borrowed(s)),
            B(b) => Literal::Bool(b),
            Nil => Literal::Nil,
            T => Literal::Other,
        })
    }
    fn pointer(&mut self, argn: usize) -> Result<usize, E> {
        Ok(match self.get(argn) {
            T => 0x55d0_c0de_1230,
            _ => 0,
        })
    }
}

fn run(fmt: &[u8], args: &[V]) -> Result<Vec<u8>, E> {
    let mut out = b"prefix:".to_vec();
    format(fmt, &mut Args(args), &mut out)?;
    Ok(out[7..].to_vec())
}

type Case = (
    &'static [u8],
    &'static [V],
    Result<&'static [u8], &'static [u8]>,
);

/// (format, arguments, result or error message), recorded with lua5.4 via
/// `pcall(string.format, fmt, ...)`.
#[rustfmt::skip]
const CASES: &[Case] = &[
    (b"%d", &[I(0)], Ok(b"0")),
    (b"%d", &[I(-1)], Ok(b"-1")),
    (b"%d", &[I(9223372036854775807)], Ok(b"9223372036854775807")),
    (b"%d", &[I(i64::MIN)], Ok(b"-9223372036854775808")),
    (b"%i", &[I(42)], Ok(b"42")),
    (b"%5d", &[I(42)], Ok(b"   42")),
    (b"%-5d|", &[I(42)], Ok(b"42   |")),
    (b"%05d", &[I(-42)], Ok(b"-0042")),
    (b"%+d", &[I(5)], Ok(b"+5")),
    (b"% d", &[I(5)], Ok(b" 5")),
    (b"%+ d", &[I(5)], Ok(b"+5")),
    (b"%.3d", &[I(7)], Ok(b"007")),
    (b"%8.3d", &[I(-7)], Ok(b"    -007")),
    (b"%-8.3d|", &[I(7)], Ok(b"007     |")),
    (b"%08.3d", &[I(7)], Ok(b"     007")),
    (b"%.0d", &[I(0)], Ok(b"")),
    (b"%+.0d", &[I(0)], Ok(b"+")),
    (b"%5.0d|", &[I(0)], Ok(b"     |")),
    (b"%d", &[F(3.0)], Ok(b"3")),
    (b"%d", &[S(b"10")], Ok(b"10")),
    (b"%i", &[F(-9007199254740992.0)], Ok(b"-9007199254740992")),
    (b"%u", &[I(-1)], Ok(b"18446744073709551615")),
    (b"%u", &[I(42)], Ok(b"42")),
    (b"%-6u|", &[I(42)], Ok(b"42    |")),
    (b"%06u", &[I(42)], Ok(b"000042")),
    (b"%.4u", &[I(42)], Ok(b"0042")),
    (b"%x", &[I(255)], Ok(b"ff")),
    (b"%X", &[I(255)], Ok(b"FF")),
    (b"%#x", &[I(255)], Ok(b"0xff")),
    (b"%#X", &[I(255)], Ok(b"0XFF")),
    (b"%#x", &[I(0)], Ok(b"0")),
    (b"%x", &[I(-1)], Ok(b"ffffffffffffffff")),
    (b"%X", &[I(i64::MIN)], Ok(b"8000000000000000")),
    (b"%08x", &[I(3054)], Ok(b"00000bee")),
    (b"%#08x", &[I(3054)], Ok(b"0x000bee")),
    (b"%-#8x|", &[I(3054)], Ok(b"0xbee   |")),
    (b"%#.6x", &[I(3054)], Ok(b"0x000bee")),
    (b"%#.0x", &[I(0)], Ok(b"")),
    (b"%.0x", &[I(0)], Ok(b"")),
    (b"%o", &[I(8)], Ok(b"10")),
    (b"%#o", &[I(8)], Ok(b"010")),
    (b"%#o", &[I(0)], Ok(b"0")),
    (b"%#.0o", &[I(0)], Ok(b"0")),
    (b"%.0o", &[I(0)], Ok(b"")),
    (b"%#5.3o", &[I(8)], Ok(b"  010")),
    (b"%#.5o", &[I(8)], Ok(b"00010")),
    (b"%o", &[I(-1)], Ok(b"1777777777777777777777")),
    (b"%08o", &[I(511)], Ok(b"00000777")),
    (b"%c", &[I(65)], Ok(b"A")),
    (b"%5c", &[I(65)], Ok(b"    A")),
    (b"%-5c|", &[I(65)], Ok(b"A    |")),
    (b"%c", &[I(0)], Ok(b"\x00")),
    (b"%c", &[I(322)], Ok(b"B")),
    (b"%c", &[I(-1)], Ok(b"\xff")),
    (b"%s", &[S(b"hello")], Ok(b"hello")),
    (b"%10s|", &[S(b"hello")], Ok(b"     hello|")),
    (b"%-10s|", &[S(b"hello")], Ok(b"hello     |")),
    (b"%.2s", &[S(b"hello")], Ok(b"he")),
    (b"%5.2s|", &[S(b"abc")], Ok(b"   ab|")),
    (b"%-5.2s|", &[S(b"abc")], Ok(b"ab   |")),
    (b"%.0s|", &[S(b"abc")], Ok(b"|")),
    (b"%.s|", &[S(b"abc")], Ok(b"|")),
    (b"%s", &[S(b"a\x00b")], Ok(b"a\x00b")),
    (b"%s", &[I(12)], Ok(b"12")),
    (b"%s", &[F(1.5)], Ok(b"1.5")),
    (b"%s", &[F(-0.0)], Ok(b"-0.0")),
    (b"%s", &[Nil], Ok(b"nil")),
    (b"%s", &[B(true)], Ok(b"true")),
    (b"%.3s", &[B(false)], Ok(b"fal")),
    (b"%5s", &[F(1e+100)], Ok(b"1e+100")),
    (b"%3s|", &[S(b"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")], Ok(b"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx|")),
    (b"%.3s|", &[S(b"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")], Ok(b"xxx|")),
    (b"%99s|", &[S(b"x")], Ok(b"                                                                                                  x|")),
    (b"%e", &[F(0.0)], Ok(b"0.000000e+00")),
    (b"%e", &[F(-0.0)], Ok(b"-0.000000e+00")),
    (b"%e", &[F(1.0)], Ok(b"1.000000e+00")),
    (b"%e", &[F(123456.789)], Ok(b"1.234568e+05")),
    (b"%E", &[F(1e-300)], Ok(b"1.000000E-300")),
    (b"%.0e", &[I(12345)], Ok(b"1e+04")),
    (b"%#.0e", &[I(12345)], Ok(b"1.e+04")),
    (b"%.3e", &[F(5e-324)], Ok(b"4.941e-324")),
    (b"%12.4e|", &[F(std::f64::consts::PI)], Ok(b"  3.1416e+00|")),
    (b"%-12.4e|", &[F(-std::f64::consts::PI)], Ok(b"-3.1416e+00 |")),
    (b"%012.4e", &[F(-std::f64::consts::PI)], Ok(b"-03.1416e+00")),
    (b"%+e", &[F(2.5)], Ok(b"+2.500000e+00")),
    (b"% e", &[F(2.5)], Ok(b" 2.500000e+00")),
    (b"%.99e", &[F(0.1)], Ok(b"1.000000000000000055511151231257827021181583404541015625000000000000000000000000000000000000000000000e-01")),
    (b"%e", &[F(1e+100)], Ok(b"1.000000e+100")),
    (b"%e", &[F(1.7976931348623157e+308)], Ok(b"1.797693e+308")),
    (b"%.1e", &[F(0.25)], Ok(b"2.5e-01")),
    (b"%.1e", &[F(0.35)], Ok(b"3.5e-01")),
    (b"%e", &[I(3)], Ok(b"3.000000e+00")),
    (b"%f", &[F(0.0)], Ok(b"0.000000")),
    (b"%f", &[F(-0.0)], Ok(b"-0.000000")),
    (b"%f", &[F(0.3333333333333333)], Ok(b"0.333333")),
    (b"%.0f", &[F(0.5)], Ok(b"0")),
    (b"%.0f", &[F(1.5)], Ok(b"2")),
    (b"%.0f", &[F(2.5)], Ok(b"2")),
    (b"%.0f", &[F(-0.5)], Ok(b"-0")),
    (b"%#.0f", &[F(3.0)], Ok(b"3.")),
    (b"%.2f", &[F(2.675)], Ok(b"2.67")),
    (b"%10.3f|", &[F(std::f64::consts::PI)], Ok(b"     3.142|")),
    (b"%-10.3f|", &[F(std::f64::consts::PI)], Ok(b"3.142     |")),
    (b"%010.3f", &[F(-std::f64::consts::PI)], Ok(b"-00003.142")),
    (b"%+.1f", &[F(0.05)], Ok(b"+0.1")),
    (b"% .1f", &[F(0.25)], Ok(b" 0.2")),
    (b"%.99f", &[F(0.1)], Ok(b"0.100000000000000005551115123125782702118158340454101562500000000000000000000000000000000000000000000")),
    (b"%.99f", &[F(5e-324)], Ok(b"0.000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000")),
    (b"%f", &[F(1e+300)], Ok(b"1000000000000000052504760255204420248704468581108159154915854115511802457988908195786371375080447864043704443832883878176942523235360430575644792184786706982848387200926575803737830233794788090059368953234970799945081119038967640880074652742780142494579258788820056842838115669472196386865459400540160.000000")),
    (b"%.20f", &[F(9.5367431640625e-07)], Ok(b"0.00000095367431640625")),
    (b"%99.99f", &[F(-1e+300)], Ok(b"-1000000000000000052504760255204420248704468581108159154915854115511802457988908195786371375080447864043704443832883878176942523235360430575644792184786706982848387200926575803737830233794788090059368953234970799945081119038967640880074652742780142494579258788820056842838115669472196386865459400540160.000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000")),
    (b"%f", &[F(9.223372036854776e+18)], Ok(b"9223372036854775808.000000")),
    (b"%5.1f", &[I(7)], Ok(b"  7.0")),
    (b"%g", &[F(0.0)], Ok(b"0")),
    (b"%g", &[F(-0.0)], Ok(b"-0")),
    (b"%g", &[F(1.0)], Ok(b"1")),
    (b"%g", &[F(1e+05)], Ok(b"100000")),
    (b"%g", &[F(1e+06)], Ok(b"1e+06")),
    (b"%g", &[F(0.0001)], Ok(b"0.0001")),
    (b"%g", &[F(1e-05)], Ok(b"1e-05")),
    (b"%g", &[F(123456789.0)], Ok(b"1.23457e+08")),
    (b"%g", &[F(0.000123456)], Ok(b"0.000123456")),
    (b"%G", &[F(1e-10)], Ok(b"1E-10")),
    (b"%.0g", &[F(123.0)], Ok(b"1e+02")),
    (b"%.1g", &[F(0.95)], Ok(b"0.9")),
    (b"%.2g", &[F(99.5)], Ok(b"1e+02")),
    (b"%#g", &[F(1.0)], Ok(b"1.00000")),
    (b"%#g", &[F(0.0)], Ok(b"0.00000")),
    (b"%#.3g", &[F(1e-05)], Ok(b"1.00e-05")),
    (b"%#.1g", &[F(5.0)], Ok(b"5.")),
    (b"%.14g", &[F(9007199254740992.0)], Ok(b"9.007199254741e+15")),
    (b"%.17g", &[F(0.1)], Ok(b"0.10000000000000001")),
    (b"%.20g", &[F(0.3333333333333333)], Ok(b"0.33333333333333331483")),
    (b"%10.3g|", &[F(1234.5)], Ok(b"  1.23e+03|")),
    (b"%-10.3g|", &[F(0.0001234)], Ok(b"0.000123  |")),
    (b"%010.3g", &[F(-1234.5)], Ok(b"-01.23e+03")),
    (b"%+g", &[F(1e+20)], Ok(b"+1e+20")),
    (b"% g", &[F(1e-20)], Ok(b" 1e-20")),
    (b"%g", &[F(5e-324)], Ok(b"4.94066e-324")),
    (b"%.99g", &[F(0.1)], Ok(b"0.1000000000000000055511151231257827021181583404541015625")),
    (b"%g", &[F(1e+15)], Ok(b"1e+15")),
    (b"%g", &[F(999999.5)], Ok(b"1e+06")),
    (b"%g", &[F(9999995.0)], Ok(b"1e+07")),
    (b"%a", &[F(1.0)], Ok(b"0x1p+0")),
    (b"%a", &[F(0.0)], Ok(b"0x0p+0")),
    (b"%a", &[F(-0.0)], Ok(b"-0x0p+0")),
    (b"%A", &[F(0.3333333333333333)], Ok(b"0X1.5555555555555P-2")),
    (b"%a", &[F(0.1)], Ok(b"0x1.999999999999ap-4")),
    (b"%.0a", &[F(1.5)], Ok(b"0x2p+0")),
    (b"%.0a", &[F(2.5)], Ok(b"0x1p+1")),
    (b"%.1a", &[F(1.03125)], Ok(b"0x1.0p+0")),
    (b"%.1a", &[F(1.09375)], Ok(b"0x1.2p+0")),
    (b"%.1a", &[F(1.96875)], Ok(b"0x2.0p+0")),
    (b"%.3a", &[F(0.3333333333333333)], Ok(b"0x1.555p-2")),
    (b"%.20a", &[F(0.3333333333333333)], Ok(b"0x1.55555555555550000000p-2")),
    (b"%a", &[F(5e-324)], Ok(b"0x0.0000000000001p-1022")),
    (b"%a", &[F(2.2250738585072014e-308)], Ok(b"0x1p-1022")),
    (b"%a", &[F(2.225073858507201e-308)], Ok(b"0x0.fffffffffffffp-1022")),
    (b"%.0a", &[F(2.225073858507201e-308)], Ok(b"0x1p-1022")),
    (b"%.1a", &[F(5e-324)], Ok(b"0x0.0p-1022")),
    (b"%a", &[F(1.7976931348623157e+308)], Ok(b"0x1.fffffffffffffp+1023")),
    (b"%.0a", &[F(1.7976931348623157e+308)], Ok(b"0x2p+1023")),
    (b"%20.2a|", &[F(1.0)], Ok(b"           0x1.00p+0|")),
    (b"%-20a|", &[F(-1.5)], Ok(b"-0x1.8p+0           |")),
    (b"%020a", &[F(1.0)], Ok(b"0x000000000000001p+0")),
    (b"%#a", &[F(1.0)], Ok(b"0x1.p+0")),
    (b"%#.0a", &[F(3.0)], Ok(b"0x2.p+1")),
    (b"%+a", &[F(1.0)], Ok(b"+0x1p+0")),
    (b"% a", &[F(1.0)], Ok(b" 0x1p+0")),
    (b"%+020.3A", &[F(0.3333333333333333)], Ok(b"+0X0000000001.555P-2")),
    (b"%a", &[I(3)], Ok(b"0x1.8p+1")),
    (b"%.13a", &[F(0.1)], Ok(b"0x1.999999999999ap-4")),
    (b"%.12a", &[F(0.1)], Ok(b"0x1.99999999999ap-4")),
    (b"%f", &[F(f64::INFINITY)], Ok(b"inf")),
    (b"%e", &[F(f64::NEG_INFINITY)], Ok(b"-inf")),
    (b"%g", &[F(f64::INFINITY)], Ok(b"inf")),
    (b"%a", &[F(f64::NEG_INFINITY)], Ok(b"-inf")),
    (b"%E", &[F(f64::INFINITY)], Ok(b"INF")),
    (b"%G", &[F(f64::NEG_INFINITY)], Ok(b"-INF")),
    (b"%A", &[F(f64::INFINITY)], Ok(b"INF")),
    (b"%10f|", &[F(f64::INFINITY)], Ok(b"       inf|")),
    (b"%-10f|", &[F(f64::NEG_INFINITY)], Ok(b"-inf      |")),
    (b"%010f", &[F(f64::INFINITY)], Ok(b"       inf")),
    (b"%+f", &[F(f64::INFINITY)], Ok(b"+inf")),
    (b"% f", &[F(f64::INFINITY)], Ok(b" inf")),
    (b"%.3f", &[F(f64::INFINITY)], Ok(b"inf")),
    (b"%#g", &[F(f64::INFINITY)], Ok(b"inf")),
    (b"%f", &[F(-f64::NAN)], Ok(b"-nan")),
    (b"%f", &[F(f64::NAN)], Ok(b"nan")),
    (b"%e", &[F(-f64::NAN)], Ok(b"-nan")),
    (b"%G", &[F(-f64::NAN)], Ok(b"-NAN")),
    (b"%A", &[F(f64::NAN)], Ok(b"NAN")),
    (b"%+f", &[F(f64::NAN)], Ok(b"+nan")),
    (b"% f", &[F(f64::NAN)], Ok(b" nan")),
    (b"%08.2f", &[F(-f64::NAN)], Ok(b"    -nan")),
    (b"a%%b%dc", &[I(1)], Ok(b"a%b1c")),
    (b"%%", &[], Ok(b"%")),
    (b"", &[], Ok(b"")),
    (b"no conversions", &[], Ok(b"no conversions")),
    (b"%s %s %s", &[I(1), F(2.0), S(b"3")], Ok(b"1 2.0 3")),
    (b"%5s%-5s|", &[S(b"ab"), S(b"cd")], Ok(b"   abcd   |")),
    (b"\x00%c\x00%c%x\x00", &[I(228), I(98), I(140)], Ok(b"\x00\xe4\x00b8c\x00")),
    (b"%q", &[S(b"hello")], Ok(b"\x22hello\x22")),
    (b"%q", &[S(b"a\x00b")], Ok(b"\x22a\x5c0b\x22")),
    (b"%q", &[S(b"\x001")], Ok(b"\x22\x5c0001\x22")),
    (b"%q", &[S(b"\x00")], Ok(b"\x22\x5c0\x22")),
    (b"%q", &[S(b"\x0d\x0a\x09\x22\x5c")], Ok(b"\x22\x5c13\x5c\x0a\x5c9\x5c\x22\x5c\x5c\x22")),
    (b"%q", &[S(b"\x01\x029\x7f\x80\xff")], Ok(b"\x22\x5c1\x5c0029\x5c127\x80\xff\x22")),
    (b"%q", &[S(b"\x1f9")], Ok(b"\x22\x5c0319\x22")),
    (b"%q", &[S(b"\x1fa")], Ok(b"\x22\x5c31a\x22")),
    (b"%q", &[I(1)], Ok(b"1")),
    (b"%q", &[I(-1)], Ok(b"-1")),
    (b"%q", &[I(i64::MIN)], Ok(b"0x8000000000000000")),
    (b"%q", &[I(9223372036854775807)], Ok(b"9223372036854775807")),
    (b"%q", &[F(1.0)], Ok(b"0x1p+0")),
    (b"%q", &[F(-0.0)], Ok(b"-0x0p+0")),
    (b"%q", &[F(0.1)], Ok(b"0x1.999999999999ap-4")),
    (b"%q", &[F(f64::INFINITY)], Ok(b"1e9999")),
    (b"%q", &[F(f64::NEG_INFINITY)], Ok(b"-1e9999")),
    (b"%q", &[F(-f64::NAN)], Ok(b"(0/0)")),
    (b"%q", &[F(5e-324)], Ok(b"0x0.0000000000001p-1022")),
    (b"%q", &[F(9.223372036854776e+18)], Ok(b"0x1p+63")),
    (b"%q", &[Nil], Ok(b"nil")),
    (b"%q", &[B(true)], Ok(b"true")),
    (b"%q", &[B(false)], Ok(b"false")),
    (b"%q%q", &[S(b"x"), I(2)], Ok(b"\x22x\x222")),
    (b"%y", &[I(1)], Err(b"invalid conversion '%y' to 'format'")),
    (b"%F", &[F(1.0)], Err(b"invalid conversion '%F' to 'format'")),
    (b"%", &[I(1)], Err(b"invalid conversion '%' to 'format'")),
    (b"abc%", &[I(1)], Err(b"invalid conversion '%' to 'format'")),
    (b"%10", &[I(1)], Err(b"invalid conversion '%10' to 'format'")),
    (b"%-", &[I(1)], Err(b"invalid conversion '%-' to 'format'")),
    (b"%lld", &[I(1)], Err(b"invalid conversion '%l' to 'format'")),
    (b"%l", &[I(1)], Err(b"invalid conversion '%l' to 'format'")),
    (b"%100d", &[I(1)], Err(b"invalid conversion specification: '%100d'")),
    (b"%1.100d", &[I(1)], Err(b"invalid conversion specification: '%1.100d'")),
    (b"%1.2.3d", &[I(1)], Err(b"invalid conversion specification: '%1.2.3d'")),
    (b"%.123d", &[I(1)], Err(b"invalid conversion specification: '%.123d'")),
    (b"%+x", &[I(1)], Err(b"invalid conversion specification: '%+x'")),
    (b"% x", &[I(1)], Err(b"invalid conversion specification: '% x'")),
    (b"%#d", &[I(1)], Err(b"invalid conversion specification: '%#d'")),
    (b"% u", &[I(1)], Err(b"invalid conversion specification: '% u'")),
    (b"%+u", &[I(1)], Err(b"invalid conversion specification: '%+u'")),
    (b"%#u", &[I(1)], Err(b"invalid conversion specification: '%#u'")),
    (b"%05s", &[S(b"a")], Err(b"invalid conversion specification: '%05s'")),
    (b"%.3c", &[I(65)], Err(b"invalid conversion specification: '%.3c'")),
    (b"%#c", &[I(65)], Err(b"invalid conversion specification: '%#c'")),
    (b"%05c", &[I(65)], Err(b"invalid conversion specification: '%05c'")),
    (b"%+s", &[S(b"a")], Err(b"invalid conversion specification: '%+s'")),
    (b"%#s", &[S(b"a")], Err(b"invalid conversion specification: '%#s'")),
    (b"%5.c", &[I(65)], Err(b"invalid conversion specification: '%5.c'")),
    (b"%123456789012345678901d", &[I(1)], Err(b"invalid format (too long)")),
    (b"%12345678901234567890d", &[I(1)], Err(b"invalid conversion specification: '%12345678901234567890d'")),
    (b"%------------------d", &[I(1)], Ok(b"1")),
    (b"%-------------------d", &[I(1)], Ok(b"1")),
    (b"%10.q", &[I(1)], Err(b"specifier '%q' cannot have modifiers")),
    (b"%5q", &[I(1)], Err(b"specifier '%q' cannot have modifiers")),
    (b"%-q", &[I(1)], Err(b"specifier '%q' cannot have modifiers")),
    (b"%q", &[T], Err(b"bad argument #2 to 'string.format' (value has no literal form)")),
    (b"%q", &[T], Err(b"bad argument #2 to 'string.format' (value has no literal form)")),
    (b"%10s", &[S(b"a\x00b")], Err(b"bad argument #2 to 'string.format' (string contains zeros)")),
    (b"%.1s", &[S(b"\x00")], Err(b"bad argument #2 to 'string.format' (string contains zeros)")),
    (b"%d", &[], Err(b"bad argument #2 to 'string.format' (no value)")),
    (b"%s %d", &[I(1)], Err(b"bad argument #3 to 'string.format' (no value)")),
    (b"%5%", &[], Err(b"bad argument #2 to 'string.format' (no value)")),
    (b"%d", &[F(1.5)], Err(b"bad argument #2 to 'string.format' (number has no integer representation)")),
    (b"%d", &[S(b"x")], Err(b"bad argument #2 to 'string.format' (number expected, got string)")),
    (b"%f", &[S(b"x")], Err(b"bad argument #2 to 'string.format' (number expected, got string)")),
    (b"%x", &[F(9.223372036854776e+18)], Err(b"bad argument #2 to 'string.format' (number has no integer representation)")),
    (b"%c", &[F(1.5)], Err(b"bad argument #2 to 'string.format' (number has no integer representation)")),
    (b"%a", &[T], Err(b"bad argument #2 to 'string.format' (number expected, got table)")),
    (b"%.3a", &[S(b"1")], Ok(b"0x1.000p+0")),
    (b"%05.3p", &[I(1)], Err(b"invalid conversion specification: '%05.3p'")),
    (b"%.3p", &[I(1)], Err(b"invalid conversion specification: '%.3p'")),
    (b"%+p", &[I(1)], Err(b"invalid conversion specification: '%+p'")),
    (b"%00d", &[I(3)], Ok(b"3")),
    (b"%0-5d|", &[I(3)], Ok(b"3    |")),
    (b"%-05d|", &[I(3)], Ok(b"3    |")),
    (b"%0.3f", &[I(1)], Ok(b"1.000")),
    (b"%#.3x", &[I(1)], Ok(b"0x001")),
    (b"%00.3f", &[I(1)], Ok(b"1.000")),
    (b"%0#x", &[I(1)], Ok(b"0x1")),
    (b"%p", &[I(1)], Ok(b"(null)")),
    (b"%10p|", &[Nil], Ok(b"    (null)|")),
    (b"%-10p|", &[B(true)], Ok(b"(null)    |")),
];

#[test]
fn format_matches_lua() {
    let mut failures = Vec::new();
    for (fmt, args, expect) in CASES {
        let got = run(fmt, args).map_err(|e| e.0);
        let expect = expect.map(<[u8]>::to_vec).map_err(<[u8]>::to_vec);
        if got != expect {
            failures.push(format!(
                "{:?} {:?}: got {:?}, expected {:?}",
                String::from_utf8_lossy(fmt),
                args,
                got.map(|s| String::from_utf8_lossy(&s).into_owned()),
                expect.map(|s| String::from_utf8_lossy(&s).into_owned()),
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn format_pointer() {
    let out = run(b"%p|%20p|%-20p|", &[T, T, T]).unwrap();
    assert_eq!(
        out,
        b"0x55d0c0de1230|      0x55d0c0de1230|0x55d0c0de1230      |"
    );
    let mut v = Vec::new();
    fmt_pointer(&mut v, &Spec::default(), 0);
    assert_eq!(v, b"(null)");
}

#[test]
fn long_strings_and_big_widths() {
    // '%s' without modifiers keeps zeros; with a width only, long strings are copied whole.
    let long: &'static [u8] = Box::leak(vec![b'y'; 300].into_boxed_slice());
    assert_eq!(run(b"%s", &[S(long)]).unwrap(), long);
    assert_eq!(run(b"%99s", &[S(long)]).unwrap(), long);
    assert_eq!(run(b"%.99s", &[S(long)]).unwrap(), &long[..99]);
    // The direct API has no two-digit limit.
    let mut v = Vec::new();
    fmt_str(
        &mut v,
        &Spec {
            width: 150,
            ..Spec::default()
        },
        b"x",
    );
    assert_eq!(v.len(), 150);
    v.clear();
    fmt_float(
        &mut v,
        &Spec {
            precision: Some(1100),
            ..Spec::default()
        },
        b'f',
        5e-324,
    );
    assert_eq!(v.len(), 1102);
    assert!(v.starts_with(b"0.000"));
    // 2^-1074 has exactly 1074 decimals; the last ones are 447265625, then zeros.
    assert!(v.ends_with(&[&b"447265625"[..], &[b'0'; 26]].concat()));
    v.clear();
    fmt_float(
        &mut v,
        &Spec {
            precision: Some(800),
            ..Spec::default()
        },
        b'e',
        0.1,
    );
    assert_eq!(v.len(), 806);
    v.clear();
    fmt_int(
        &mut v,
        &Spec {
            precision: Some(30),
            ..Spec::default()
        },
        b'd',
        -5,
    );
    assert_eq!(v, b"-000000000000000000000000000005");
}

#[test]
fn spec_parse() {
    let s = Spec::parse(b"-+ #012.34").unwrap();
    assert!(s.left && s.plus && s.space && s.alt && s.zero);
    assert_eq!((s.width, s.precision), (12, Some(34)));
    assert_eq!(Spec::parse(b"").unwrap(), Spec::default());
    assert_eq!(Spec::parse(b".").unwrap().precision, Some(0));
    assert_eq!(Spec::parse(b"5x"), None);
    assert_eq!(Spec::parse(b"1.2.3"), None);
}

#[test]
fn float_conversions_upper_f() {
    // '%F' is not accepted by string.format but the conversion exists (glibc output).
    let mut v = Vec::new();
    fmt_float(&mut v, &Spec::default(), b'F', f64::INFINITY);
    v.push(b'|');
    fmt_float(&mut v, &Spec::default(), b'F', -f64::NAN.abs());
    v.push(b'|');
    fmt_float(&mut v, &Spec::default(), b'F', 1.5);
    assert_eq!(v, b"INF|-NAN|1.500000");
}

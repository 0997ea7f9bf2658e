//! Lexical elements as seen through compiled chunks: string escapes, long brackets, numerals.
mod compiler_util;

use compiler_util::{load, load_msg};
use lua_vm::compiler::opcode::*;
use lua_vm::compiler::proto::Constant;

/// The value `return <expr>` loads (from LOADI, LOADF, LOADK or LOADKX).
fn value(expr: &str) -> Constant {
    let p = load(format!("return {expr}").as_bytes()).unwrap_or_else(|e| panic!("{expr}: {e}"));
    let i = p.code[1];
    match get_opcode(i) {
        OpCode::LOADI => Constant::Int(i64::from(get_sbx(i))),
        OpCode::LOADF => Constant::Float(f64::from(get_sbx(i))),
        OpCode::LOADK => p.constants[get_bx(i) as usize].clone(),
        OpCode::LOADTRUE => Constant::Bool(true),
        OpCode::LOADFALSE => Constant::Bool(false),
        OpCode::LOADNIL => Constant::Nil,
        op => panic!("{expr}: unexpected {op:?}"),
    }
}

fn string(expr: &str) -> Vec<u8> {
    match value(expr) {
        Constant::Str(s) => s,
        other => panic!("{expr}: not a string: {other:?}"),
    }
}

#[test]
fn simple_escapes() {
    assert_eq!(
        string(r#""\a\b\f\n\r\t\v\\\"\'""#),
        b"\x07\x08\x0c\n\r\t\x0b\\\"'"
    );
    assert_eq!(string(r#"'\"'"#), b"\"");
    assert_eq!(string("\"a\\\nb\""), b"a\nb");
    assert_eq!(string("\"a\\\r\nb\""), b"a\nb");
    assert_eq!(string("\"a\\\n\rb\""), b"a\nb");
    assert_eq!(string("\"a\\\rb\""), b"a\nb");
}

#[test]
fn numeric_escapes() {
    assert_eq!(string(r#""\x41\x62\xff\x00""#), b"Ab\xff\x00");
    assert_eq!(string(r#""\65\066\0\255\0019""#), b"AB\x00\xff\x019");
    assert_eq!(
        string(r#""\u{48}\u{0}\u{e9}\u{20AC}""#),
        "H\u{0}é€".as_bytes()
    );
    assert_eq!(string(r#""\u{10FFFF}""#), b"\xf4\x8f\xbf\xbf");
    assert_eq!(string(r#""\u{7FFFFFFF}""#), b"\xfd\xbf\xbf\xbf\xbf\xbf");
    assert_eq!(string(r#""\u{000000000041}""#), b"A");
}

#[test]
fn zap_escape_skips_whitespace_and_counts_lines() {
    assert_eq!(string("\"a\\z  \n\n\t  b\""), b"ab");
    assert_eq!(string("\"a\\zb\""), b"ab");
    let e = String::from_utf8(load_msg(b"x = \"a\\z\n\n\n b\" = 1")).unwrap();
    assert!(e.ends_with(":4: unexpected symbol near '='"), "{e}");
}

#[test]
fn bad_escapes() {
    let msg = |s: &[u8]| String::from_utf8_lossy(&load_msg(s)).into_owned();
    assert!(msg(br#"x = "\q""#).ends_with("invalid escape sequence near '\"\\q'"));
    assert!(msg(br#"x = "\xg0""#).ends_with("hexadecimal digit expected near '\"\\xg'"));
    assert!(msg(br#"x = "\300""#).ends_with("decimal escape too large near '\"\\300\"'"));
    assert!(msg(br#"x = "\u{80000000}""#).ends_with("UTF-8 value too large near '\"\\u{80000000'"));
    assert!(msg(br#"x = "\u{41""#).ends_with("missing '}' near '\"\\u{41\"'"));
    assert!(msg(br#"x = "\u41""#).ends_with("missing '{' near '\"\\u4'"));
}

#[test]
fn long_brackets() {
    assert_eq!(string("[[\nabc]]"), b"abc");
    assert_eq!(string("[[\r\nabc]]"), b"abc");
    assert_eq!(string("[[\n\nabc]]"), b"\nabc");
    assert_eq!(string("[==[a]]b]=]c]==]"), b"a]]b]=]c");
    assert_eq!(string("[[a\r\nb\n\rc\rd]]"), b"a\nb\nc\nd");
    assert_eq!(string("[=[\\n\\]=]"), b"\\n\\");
    assert_eq!(string("--[[ comment ]] 'x'"), b"x");
    assert_eq!(string("--[==[ comment ]] still ]==] 'x'"), b"x");
    assert_eq!(string("--[ short comment\n 'y'"), b"y");
    assert_eq!(string("--[= short comment\n 'z'"), b"z");
    let level = "=".repeat(300);
    assert_eq!(string(&format!("[{level}[deep]{level}]")), b"deep");
}

#[test]
fn integer_numerals() {
    assert_eq!(value("3"), Constant::Int(3));
    assert_eq!(value("345678"), Constant::Int(345678));
    assert_eq!(value("0xff"), Constant::Int(255));
    assert_eq!(value("0XA"), Constant::Int(10));
    assert_eq!(value("9223372036854775807"), Constant::Int(i64::MAX));
    assert_eq!(value("0x7fffffffffffffff"), Constant::Int(i64::MAX));
    // Hexadecimal integers wrap around; decimal ones that overflow become floats.
    assert_eq!(value("0xffffffffffffffff"), Constant::Int(-1));
    assert_eq!(value("0x10000000000000001"), Constant::Int(1));
    assert_eq!(
        value("9223372036854775808"),
        Constant::Float(9223372036854775808.0)
    );
    assert_eq!(value("0x7fffffffffffffff + 1"), Constant::Int(i64::MIN));
}

#[test]
#[allow(clippy::approx_constant)]
fn float_numerals() {
    assert_eq!(value("3.0"), Constant::Float(3.0));
    assert_eq!(value("3.1416"), Constant::Float(3.1416));
    assert_eq!(value("314.16e-2"), Constant::Float(3.1416));
    assert_eq!(value("0.31416E1"), Constant::Float(3.1416));
    assert_eq!(value("34e1"), Constant::Float(340.0));
    assert_eq!(value(".5"), Constant::Float(0.5));
    assert_eq!(value("5."), Constant::Float(5.0));
    assert_eq!(value("0x0.1E"), Constant::Float(0.1171875));
    assert_eq!(value("0xA23p-4"), Constant::Float(162.1875));
    assert_eq!(
        value("0X1.921FB54442D18P+1"),
        Constant::Float(std::f64::consts::PI)
    );
    assert_eq!(value("0x.8"), Constant::Float(0.5));
    assert_eq!(value("1e999"), Constant::Float(f64::INFINITY));
    assert_eq!(value("2^53"), Constant::Float(9007199254740992.0));
}

#[test]
fn malformed_numerals() {
    for (src, near) in [
        ("x = 3x", "'3x'"),
        ("x = 3.4.5", "'3.4.5'"),
        ("x = 0x", "'0x'"),
        ("x = 1e", "'1e'"),
        ("x = 1e+", "'1e+'"),
        ("x = 0x1p", "'0x1p'"),
        ("x = 3..4", "'3..4'"),
        ("x = 08z", "'08z'"),
        ("x = 0x1g", "'0x1g'"),
    ] {
        let msg = String::from_utf8(load_msg(src.as_bytes())).unwrap();
        assert!(
            msg.ends_with(&format!(":1: malformed number near {near}")),
            "{src}: {msg}"
        );
    }
}

#[test]
fn operators_and_names() {
    let p =
        load(b"local a, b = 1, 2; return a//b, a..b, a~=b, a<=b, a>=b, a<<b, a>>b, a==b, ~a, a~b")
            .unwrap();
    let ops: Vec<&str> = p.code.iter().map(|&i| get_opcode(i).name()).collect();
    for op in ["IDIV", "CONCAT", "EQ", "LE", "SHL", "SHR", "BNOT", "BXOR"] {
        assert!(ops.contains(&op), "{op} missing in {ops:?}");
    }
    // Identifiers are ASCII letters, digits and underscores; reserved words are not names.
    assert_eq!(load_msg(b"local _a1, B_2 = 1"), b"OK");
    let msg = String::from_utf8(load_msg(b"local end = 1")).unwrap();
    assert!(msg.ends_with("<name> expected near 'end'"), "{msg}");
}

//! Helpers for the generated reference cases (`tests_generated.rs`, results of lua5.4) and
//! hand-written tests of the encoder/decoder and `charpattern`.

use super::*;
use crate::text::pattern;

fn escape(s: &[u8]) -> String {
    let mut out = String::new();
    for &b in s {
        if (32..=126).contains(&b) && b != b'"' && b != b'\\' {
            out.push(b as char);
        } else {
            out.push_str(&format!("\\x{b:02x}"));
        }
    }
    out
}

fn err(e: Utf8Error) -> String {
    match e {
        Utf8Error::BadArgument { arg, msg } => format!("error: arg{arg}: {msg}"),
        other => format!("error: {other}"),
    }
}

pub(super) fn check_char(code: i64, expected: &str) {
    let got = match char_code(code, 1) {
        Ok(c) => {
            let mut out = Vec::new();
            encode(c, &mut out);
            escape(&out)
        }
        Err(e) => err(e),
    };
    assert_eq!(got, expected, "utf8.char({code})");
}

pub(super) fn check_len(s: &[u8], i: Option<i64>, j: Option<i64>, lax: bool, expected: &str) {
    let got = match len(s, i.unwrap_or(1), j.unwrap_or(-1), lax) {
        Ok(LenResult::Count(n)) => n.to_string(),
        Ok(LenResult::Invalid(p)) => format!("nil,{p}"),
        Err(e) => err(e),
    };
    assert_eq!(
        got,
        expected,
        "utf8.len({}, {i:?}, {j:?}, {lax})",
        escape(s)
    );
}

pub(super) fn check_codepoint(s: &[u8], i: Option<i64>, j: Option<i64>, lax: bool, expected: &str) {
    let mut codes = Vec::new();
    let got = match codepoint(s, i.unwrap_or(1), j, lax, |c| codes.push(c.to_string())) {
        Ok(()) => codes.join(","),
        Err(e) => err(e),
    };
    assert_eq!(
        got,
        expected,
        "utf8.codepoint({}, {i:?}, {j:?}, {lax})",
        escape(s)
    );
}

pub(super) fn check_codes(s: &[u8], lax: bool, expected: &str) {
    let mut items = Vec::new();
    let mut control = 0;
    loop {
        match codes_next(s, control, !lax) {
            Ok(Some((pos, code))) => {
                items.push(format!("{pos}:{code}"));
                control = pos as i64;
            }
            Ok(None) => break,
            Err(e) => {
                items.push(err(e));
                break;
            }
        }
    }
    assert_eq!(
        items.join(" "),
        expected,
        "utf8.codes({}, {lax})",
        escape(s)
    );
}

pub(super) fn check_offset(s: &[u8], n: i64, i: Option<i64>, expected: &str) {
    let got = match offset(s, n, i) {
        Ok(Some(p)) => p.to_string(),
        Ok(None) => "nil".to_string(),
        Err(e) => err(e),
    };
    assert_eq!(got, expected, "utf8.offset({}, {n}, {i:?})", escape(s));
}

#[test]
fn encode_decode_round_trip() {
    let mut probes: Vec<u32> = (0..0x3000).collect();
    for shift in 7..31 {
        let p = 1u32 << shift;
        probes.extend([p - 1, p, p + 1]);
    }
    probes.push(MAX_UTF);
    for code in probes {
        let mut buf = Vec::new();
        encode(code, &mut buf);
        assert_eq!(decode(&buf, false), Some((code, buf.len())), "{code:#x}");
        let strict_ok = code <= MAX_UNICODE && !(0xD800..=0xDFFF).contains(&code);
        assert_eq!(decode(&buf, true).is_some(), strict_ok, "{code:#x}");
        if code <= MAX_UNICODE && strict_ok {
            let c = char::from_u32(code).unwrap();
            assert_eq!(buf, c.to_string().as_bytes());
        }
    }
}

#[test]
fn decode_rejects_malformed() {
    assert_eq!(decode(b"", false), None);
    assert_eq!(decode(b"\x80", true), None);
    assert_eq!(decode(b"\xc3", true), None);
    assert_eq!(decode(b"\xc3(", true), None);
    assert_eq!(decode(b"\xc0\x80", false), None); // overlong
    assert_eq!(decode(b"\xe0\x9f\xbf", false), None); // overlong
    assert_eq!(decode(b"\xfe\x80\x80\x80\x80\x80\x80", false), None);
    assert_eq!(decode(b"\xed\xa0\x80", true), None); // surrogate
    assert_eq!(decode(b"\xed\xa0\x80", false), Some((0xD800, 3)));
    assert_eq!(decode(b"\xf4\x90\x80\x80", true), None); // > 10FFFF
    assert_eq!(decode(b"\xf4\x90\x80\x80", false), Some((0x110000, 4)));
}

#[test]
fn charpattern_matches_one_sequence() {
    assert_eq!(CHARPATTERN, b"[\0-\x7F\xC2-\xFD][\x80-\xBF]*");
    // lua5.4: for c in ("h\u{E9}\u{20AC}!"):gmatch(utf8.charpattern) -> "h", "\xC3\xA9", "\xE2\x82\xAC", "!"
    let s = "h\u{E9}\u{20AC}!".as_bytes();
    let mut gm = pattern::GMatch::new(1, s.len());
    let mut parts = Vec::new();
    while let Some(m) = gm.next(s, CHARPATTERN).unwrap() {
        parts.push(&s[m.start()..m.end()]);
    }
    assert_eq!(parts, [&b"h"[..], b"\xc3\xa9", b"\xe2\x82\xac", b"!"]);
}

#[test]
fn codes_with_odd_controls() {
    assert_eq!(codes_next(b"abc", -1, true), Ok(None));
    assert_eq!(codes_next(b"abc", i64::MIN, true), Ok(None));
    assert_eq!(codes_next(b"abc", 3, true), Ok(None));
    assert_eq!(codes_next(b"abc", 100, true), Ok(None));
    assert_eq!(codes_next(b"abc", 1, true), Ok(Some((2, 98))));
}

#[test]
fn extreme_arguments_never_panic() {
    for s in [&b""[..], b"abc", b"\xe2\x82\xac"] {
        for a in [i64::MIN, i64::MIN + 1, -1, 0, 1, 2, 3, 4, i64::MAX] {
            for b in [i64::MIN, -1, 0, 1, 5, i64::MAX] {
                let _ = len(s, a, b, false);
                let _ = codepoint(s, a, Some(b), true, |_| {});
                let _ = offset(s, a, Some(b));
                let _ = offset(s, b, None);
                let _ = codes_next(s, a, false);
            }
        }
    }
    assert_eq!(
        char_code(i64::MIN, 2),
        Err(Utf8Error::BadArgument {
            arg: 2,
            msg: "value out of range"
        })
    );
}

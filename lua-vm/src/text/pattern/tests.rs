//! Test helpers shared with the generated reference cases (`tests_generated.rs`), plus hand-written
//! tests: table/function replacement rules, the API contracts and stack-depth safety.
//! Expected values were obtained by running lua5.4 on the same inputs.

use super::*;

/// Same rendering as the generator script: printable ASCII kept, others as \xNN, long values
/// abbreviated.
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

fn show(s: &[u8]) -> String {
    if s.len() > 60 {
        format!(
            "\"{}\"..<{} bytes>..\"{}\"",
            escape(&s[..20]),
            s.len(),
            escape(&s[s.len() - 20..])
        )
    } else {
        format!("\"{}\"", escape(s))
    }
}

fn show_capture(subject: &[u8], c: Result<Capture, PatternError>) -> Result<String, String> {
    match c {
        Ok(Capture::Bytes { start, end }) => Ok(show(&subject[start..end])),
        Ok(Capture::Position(p)) => Ok(p.to_string()),
        Err(e) => Err(format!("error: {e}")),
    }
}

fn join(values: Vec<Result<String, String>>) -> String {
    let mut out = Vec::new();
    for v in values {
        match v {
            Ok(s) => out.push(s),
            Err(e) => return e,
        }
    }
    out.join(",")
}

fn match_values(subject: &[u8], m: &Match) -> String {
    join(
        (0..m.value_count())
            .map(|i| show_capture(subject, m.capture(i)))
            .collect(),
    )
}

pub(super) fn check_find(s: &[u8], p: &[u8], init: Option<i64>, plain: bool, expected: &str) {
    let got = match start_offset(init.unwrap_or(1), s.len()) {
        None => "nil".to_string(),
        Some(from) => match find(s, p, from, plain) {
            Err(e) => format!("error: {e}"),
            Ok(None) => "nil".to_string(),
            Ok(Some(m)) => {
                let mut values = vec![Ok((m.start() + 1).to_string()), Ok(m.end().to_string())];
                values.extend((0..m.capture_count()).map(|i| show_capture(s, m.capture(i))));
                join(values)
            }
        },
    };
    assert_eq!(
        got,
        expected,
        "find({}, {}, {init:?}, {plain})",
        show(s),
        show(p)
    );
}

pub(super) fn check_match(s: &[u8], p: &[u8], init: Option<i64>, expected: &str) {
    let got = match start_offset(init.unwrap_or(1), s.len()) {
        None => "nil".to_string(),
        Some(from) => match match_pattern(s, p, from) {
            Err(e) => format!("error: {e}"),
            Ok(None) => "nil".to_string(),
            Ok(Some(m)) => match_values(s, &m),
        },
    };
    assert_eq!(got, expected, "match({}, {}, {init:?})", show(s), show(p));
}

pub(super) fn check_gmatch(s: &[u8], p: &[u8], init: Option<i64>, expected: &str) {
    let mut gm = GMatch::new(init.unwrap_or(1), s.len());
    let mut out = Vec::new();
    for _ in 0..100 {
        match gm.next(s, p) {
            Err(e) => {
                out.push(format!("error: {e}"));
                break;
            }
            Ok(None) => break,
            Ok(Some(m)) => {
                let values = match_values(s, &m);
                let failed = values.starts_with("error: ");
                out.push(values);
                if failed {
                    break;
                }
            }
        }
    }
    assert_eq!(
        out.join(";"),
        expected,
        "gmatch({}, {}, {init:?})",
        show(s),
        show(p)
    );
}

pub(super) fn check_gsub(s: &[u8], p: &[u8], repl: &[u8], n: Option<i64>, expected: &str) {
    let got = match gsub_str(s, p, repl, n) {
        Err(e) => format!("error: {e}"),
        Ok((out, count)) => format!("{},{count}", show(&out)),
    };
    assert_eq!(
        got,
        expected,
        "gsub({}, {}, {}, {n:?})",
        show(s),
        show(p),
        show(repl)
    );

    // The step iterator must produce the same output.
    if let Ok((out, count)) = gsub_str(s, p, repl, n) {
        let mut g = Gsub::new(p, n, s.len());
        let mut buf = Vec::new();
        while let Some(step) = g.next(s, p).unwrap() {
            buf.extend_from_slice(&s[step.copy.clone()]);
            expand_replacement(repl, s, &step.m, &mut buf).unwrap();
        }
        buf.extend_from_slice(&s[g.tail()..]);
        assert_eq!((buf, g.count()), (out, count));
    }
}

/// Emulates `gsub` with a table replacement: `map` gives the value for a key (None = nil).
fn gsub_table(s: &[u8], p: &[u8], map: &[(&[u8], &[u8])]) -> Result<(String, i64, bool), String> {
    let mut out = Vec::new();
    let (count, changed) = gsub_with(s, p, None, &mut out, |m, out| {
        let key = match m.capture(0)? {
            Capture::Bytes { start, end } => s[start..end].to_vec(),
            Capture::Position(n) => n.to_string().into_bytes(),
        };
        match map.iter().find(|(k, _)| *k == key.as_slice()) {
            Some((_, v)) => {
                out.extend_from_slice(v);
                Ok::<bool, PatternError>(true)
            }
            None => {
                out.extend_from_slice(&s[m.start()..m.end()]);
                Ok(false)
            }
        }
    })
    .map_err(|e| e.to_string())?;
    Ok((String::from_utf8(out).unwrap(), count, changed))
}

#[test]
fn gsub_table_replacement() {
    // lua5.4: ("$name is $age, $unknown"):gsub("%$(%w+)", {name="Bob", age="42"})
    //   --> "Bob is 42, $unknown"  3
    let map: &[(&[u8], &[u8])] = &[(b"name", b"Bob"), (b"age", b"42")];
    assert_eq!(
        gsub_table(b"$name is $age, $unknown", b"%$(%w+)", map),
        Ok(("Bob is 42, $unknown".to_string(), 3, true))
    );
    // No captures: the whole match is the key. ("a b c"):gsub("%w", {b="B"}) --> "a B c"  3
    let map: &[(&[u8], &[u8])] = &[(b"b", b"B")];
    assert_eq!(
        gsub_table(b"a b c", b"%w", map),
        Ok(("a B c".to_string(), 3, true))
    );
    // Nothing found in the table: unchanged. ("abc"):gsub("%w", {}) --> "abc"  3
    assert_eq!(
        gsub_table(b"abc", b"%w", &[]),
        Ok(("abc".to_string(), 3, false))
    );
    // Position capture as key: ("abc"):gsub("()b", {[2]="X"}) --> "aXc"  1
    let map: &[(&[u8], &[u8])] = &[(b"2", b"X")];
    assert_eq!(
        gsub_table(b"abc", b"()b", map),
        Ok(("aXc".to_string(), 1, true))
    );
    // Unfinished capture as key errors: ("abc"):gsub("(b", {}) --> error "unfinished capture"
    assert_eq!(
        gsub_table(b"abc", b"(b", &[]),
        Err("unfinished capture".to_string())
    );
}

#[test]
fn gsub_function_replacement() {
    // lua5.4: ("hello world"):gsub("(o)(.)", function(a, b) return b .. a end) --> "hell owrold" 2
    let s = b"hello world";
    let mut out = Vec::new();
    let mut seen = Vec::new();
    let (count, changed) = gsub_with(s, b"(o)(.)", None, &mut out, |m, out| {
        assert_eq!(m.value_count(), 2);
        let a = m.capture(0)?.bytes(s).unwrap();
        let b = m.capture(1)?.bytes(s).unwrap();
        seen.push((a.to_vec(), b.to_vec()));
        out.extend_from_slice(b);
        out.extend_from_slice(a);
        Ok::<_, PatternError>(true)
    })
    .unwrap();
    assert_eq!(
        (out.as_slice(), count, changed),
        (&b"hell owrold"[..], 2, true)
    );
    assert_eq!(seen.len(), 2);

    // A callback error propagates and stops the loop.
    let mut calls = 0;
    let r: Result<_, String> = gsub_with(b"aaa", b"a", None, &mut Vec::new(), |_, _| {
        calls += 1;
        Err("boom".to_string())
    });
    assert_eq!((r, calls), (Err("boom".to_string()), 1));
}

impl From<PatternError> for String {
    fn from(e: PatternError) -> String {
        e.to_string()
    }
}

#[test]
fn whole_match_is_first_capture() {
    let m = match_pattern(b"xabcx", b"b", 0).unwrap().unwrap();
    assert_eq!(m.capture_count(), 0);
    assert_eq!(m.value_count(), 1);
    assert_eq!(m.capture(0), Ok(Capture::Bytes { start: 2, end: 3 }));
    assert_eq!(m.capture(1), Err(PatternError::InvalidCaptureIndex(2)));
    let m = find(b"xabcx", b"a()", 0, false).unwrap().unwrap();
    assert_eq!((m.start(), m.end(), m.capture_count()), (1, 2, 1));
    assert_eq!(m.capture(0), Ok(Capture::Position(3)));
    assert_eq!(m.capture(0).unwrap().bytes(b"xabcx"), None);
}

#[test]
fn start_offset_rules() {
    assert_eq!(start_offset(1, 5), Some(0));
    assert_eq!(start_offset(0, 5), Some(0));
    assert_eq!(start_offset(6, 5), Some(5));
    assert_eq!(start_offset(7, 5), None);
    assert_eq!(start_offset(-1, 5), Some(4));
    assert_eq!(start_offset(-5, 5), Some(0));
    assert_eq!(start_offset(-6, 5), Some(0));
    assert_eq!(start_offset(i64::MIN, 5), Some(0));
    assert_eq!(start_offset(i64::MAX, 5), None);
    assert_eq!(start_offset(1, 0), Some(0));
    assert_eq!(start_offset(2, 0), None);
}

#[test]
fn plain_search() {
    assert_eq!(find_plain(b"abcabc", b"ca", 0), Some(2));
    assert_eq!(find_plain(b"abcabc", b"abc", 1), Some(3));
    assert_eq!(find_plain(b"abc", b"", 3), Some(3));
    assert_eq!(find_plain(b"abc", b"", 4), None);
    assert_eq!(find_plain(b"abc", b"abcd", 0), None);
    assert_eq!(find_plain(b"aab", b"ab", 0), Some(1));
    // Past the first eight-byte word, after false starts, and with zero and high bytes.
    let hay = b"abcabcabd needle in a needle stack \x00\xff needle";
    assert_eq!(find_plain(hay, b"needle", 0), Some(10));
    assert_eq!(find_plain(hay, b"needle", 11), Some(22));
    assert_eq!(find_plain(hay, b"abd", 0), Some(6));
    assert_eq!(find_plain(hay, b"\x00\xff", 0), Some(35));
    assert_eq!(find_plain(hay, b"needles", 0), None);
    assert!(has_specials(b"a.b") && !has_specials(b"a)b]"));
    assert_eq!(find_if_plain(hay, b"needle", 0, false), Some(Some(10)));
    assert_eq!(find_if_plain(hay, b"n.edle", 0, true), Some(None));
    assert_eq!(find_if_plain(hay, b"n.edle", 0, false), None);
}

#[test]
fn error_messages() {
    use PatternError::*;
    let cases = [
        (EndsWithEscape, "malformed pattern (ends with '%')"),
        (MissingBracket, "malformed pattern (missing ']')"),
        (MissingFrontierSet, "missing '[' after '%f' in pattern"),
        (
            MissingBalanceArgs,
            "malformed pattern (missing arguments to '%b')",
        ),
        (InvalidCaptureIndex(3), "invalid capture index %3"),
        (InvalidPatternCapture, "invalid pattern capture"),
        (UnfinishedCapture, "unfinished capture"),
        (TooComplex, "pattern too complex"),
        (TooManyCaptures, "too many captures"),
        (
            InvalidReplacementEscape,
            "invalid use of '%' in replacement string",
        ),
    ];
    for (e, msg) in cases {
        assert_eq!(e.to_string(), msg);
    }
}

/// Runs `f` on a thread with a 2 MiB stack (the default for spawned threads), so a recursion that
/// is not bounded would overflow.
fn on_small_stack(f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap();
}

#[test]
fn deep_patterns_do_not_overflow_the_stack() {
    on_small_stack(|| {
        let subject = b"a".repeat(100_000);
        let pattern = b"a?".repeat(100_000);
        assert_eq!(
            find(&subject, &pattern, 0, false).err(),
            Some(PatternError::TooComplex)
        );
        // Captures nest one level each: also bounded.
        let pattern = [b"(".repeat(31), b"a".to_vec(), b")".repeat(31)].concat();
        assert!(find(&subject, &pattern, 0, false).unwrap().is_some());
        // Every quantified item adds one level; 199 fit, more fail cleanly.
        let pattern = [b"a*".repeat(250), b"b".to_vec()].concat();
        assert_eq!(
            find(&subject[..10], &pattern, 0, false).err(),
            Some(PatternError::TooComplex)
        );
        let pattern = b"a-".repeat(150);
        assert!(find(&subject, &pattern, 0, false).unwrap().is_some());
        // Long subjects with lazy and greedy items stay iterative.
        let m = match_pattern(&subject, b"^(.-)$", 0).unwrap().unwrap();
        assert_eq!(
            m.capture(0),
            Ok(Capture::Bytes {
                start: 0,
                end: 100_000
            })
        );
        let (out, n) = gsub_str(&subject, b"a", b"%0%0", None).unwrap();
        assert_eq!((out.len(), n), (200_000, 100_000));
        let (out, n) = gsub_str(&subject, b"", b"-", None).unwrap();
        assert_eq!((out.len(), n), (200_001, 100_001));
    });
}

#[test]
fn arbitrary_bytes_never_panic() {
    // A small deterministic fuzz: random patterns over a special-heavy alphabet.
    let alphabet = b"%[]^$()*+-?.ab1bf\0\xff";
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..20_000 {
        let plen = (next() % 10) as usize;
        let pattern: Vec<u8> = (0..plen)
            .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
            .collect();
        let slen = (next() % 12) as usize;
        let subject: Vec<u8> = (0..slen)
            .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
            .collect();
        let repl: Vec<u8> = (0..(next() % 4))
            .map(|_| b"%0a1"[(next() % 4) as usize])
            .collect();
        if let Ok(Some(m)) = find(&subject, &pattern, 0, false) {
            for i in 0..=m.capture_count() {
                let _ = m.capture(i);
            }
        }
        let mut gm = GMatch::new(1, subject.len());
        for _ in 0..20 {
            if !matches!(gm.next(&subject, &pattern), Ok(Some(_))) {
                break;
            }
        }
        let _ = gsub_str(&subject, &pattern, &repl, None);
    }
}

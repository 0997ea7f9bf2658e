//! Fuzz target: Lua patterns (`find`, `match`, `gmatch`, `gsub` with a replacement string) with an
//! arbitrary pattern, subject and replacement. Input layout: `pattern \xff subject \xff replacement`.
//! Patterns whose backtracking could be exponential on this subject are skipped (the reference
//! has no bound on that either; it is not a crash).
#![no_main]
use libfuzzer_sys::fuzz_target;
use lua_vm::text::pattern::{find, gsub_str, match_pattern, GMatch};

/// Rough bound on the matcher's work: (subject length + 1) ^ (number of quantifiers).
fn too_slow(pattern: &[u8], subject: &[u8]) -> bool {
    let quantifiers = pattern
        .iter()
        .filter(|c| matches!(c, b'*' | b'+' | b'-' | b'?'))
        .count() as u32;
    let n = subject.len() as f64 + 1.0;
    n.powi(quantifiers.min(64) as i32) * (subject.len() as f64 + 1.0) > 5e7
}

fuzz_target!(|data: &[u8]| {
    let mut parts = data.splitn(3, |&c| c == 0xff);
    let pattern = parts.next().unwrap_or(b"");
    let subject = parts.next().unwrap_or(b"");
    let repl = parts.next().unwrap_or(b"%0");
    if too_slow(pattern, subject) {
        return;
    }
    let check = |m: &lua_vm::text::pattern::Match| {
        assert!(m.start() <= m.end() && m.end() <= subject.len());
        for i in 0..m.capture_count().max(m.value_count()) {
            if let Ok(c) = m.capture(i) {
                let _ = c.bytes(subject);
            }
        }
    };
    for from in [0, subject.len() / 2, subject.len()] {
        if let Ok(Some(m)) = find(subject, pattern, from, false) {
            check(&m);
        }
        if let Ok(Some(m)) = match_pattern(subject, pattern, from) {
            check(&m);
        }
    }
    let _ = find(subject, pattern, 0, true);
    let mut gm = GMatch::new(1, subject.len());
    for _ in 0..=subject.len() + 1 {
        match gm.next(subject, pattern) {
            Ok(Some(m)) => check(&m),
            _ => break,
        }
    }
    let _ = gsub_str(subject, pattern, repl, None);
    let _ = gsub_str(subject, pattern, repl, Some(2));
});

//! The official Lua 5.4.4 test suite as a corpus (when it is installed, see `testes_dir`): every file
//! must compile; when the reference compiler `luac5.4` is installed too, listings must be identical;
//! and the suite's own error-message expectations for `load` are checked. Skipped silently when
//! the files are absent. Nothing from the suite is copied here: files are read at test time.
mod compiler_util;

use std::path::{Path, PathBuf};
use std::process::Command;

use compiler_util::{load_msg, on_small_stack};
use lua_vm::compiler::{compile, listing};

/// Where the suite's `testes` directory is (overridable with the LUA_TESTES_DIR variable).
fn testes_dir() -> PathBuf {
    std::env::var_os("LUA_TESTES_DIR").map_or_else(
        || PathBuf::from("/work/lua-5.4.4-tests/testes"),
        PathBuf::from,
    )
}

fn lua_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in [testes_dir(), testes_dir().join("libs")] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "lua") {
                files.push(p);
            }
        }
    }
    files.sort();
    files
}

/// The file's contents as the standalone loader gives them to the compiler: a first line starting
/// with '#' is dropped (its newline kept).
fn source_of(path: &Path) -> Vec<u8> {
    let src = std::fs::read(path).unwrap();
    if src.first() == Some(&b'#') {
        let nl = src.iter().position(|&c| c == b'\n').unwrap_or(src.len());
        src[nl..].to_vec()
    } else {
        src
    }
}

#[test]
fn every_test_file_compiles() {
    on_small_stack(|| {
        for path in lua_files() {
            let name = format!("@{}", path.display());
            if let Err(e) = compile(&source_of(&path), name.as_bytes()) {
                panic!("{}: {e}", path.display());
            }
        }
    });
}

/// Replaces hexadecimal addresses (`0x...`) by a fixed word.
fn without_addresses(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'0'
            && b.get(i + 1) == Some(&b'x')
            && b.get(i + 2).is_some_and(|c| c.is_ascii_hexdigit())
        {
            out.push_str("ADDR");
            i += 2;
            while i < b.len() && b[i].is_ascii_hexdigit() {
                i += 1;
            }
        } else {
            let ch = s[i..].chars().next().unwrap();
            out.push(ch);
            i += ch.len_utf8();
        }
    }
    out
}

#[test]
fn listings_match_luac() {
    let files = lua_files();
    if files.is_empty() || Command::new("luac5.4").arg("-v").output().is_err() {
        return;
    }
    let mut failures = Vec::new();
    for path in files {
        let Ok(out) = Command::new("luac5.4")
            .args(["-l", "-l", "-p"])
            .arg(&path)
            .output()
        else {
            return;
        };
        let reference = without_addresses(&String::from_utf8_lossy(&out.stdout));
        let name = format!("@{}", path.display());
        let p = compile(&source_of(&path), name.as_bytes()).unwrap();
        let mine = without_addresses(&listing(&p));
        if mine != reference {
            let line = mine
                .lines()
                .zip(reference.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(0);
            failures.push(format!(
                "{}: first difference at listing line {}:\n  ours:   {:?}\n  luac: {:?}",
                path.display(),
                line + 1,
                mine.lines().nth(line),
                reference.lines().nth(line)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The `[[...]]` long-bracket arguments of each call `fname([[...]], ...)` in `text` with the
/// (double-quoted or long-bracket) string that follows.
fn calls_with_long_string(text: &str, fname: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let open = format!("{fname}([[");
    let mut rest = text;
    while let Some(p) = rest.find(&open) {
        rest = &rest[p + open.len()..];
        let Some(end) = rest.find("]]") else { break };
        let code = rest[..end].to_string();
        rest = &rest[end + 2..];
        let after = rest.trim_start_matches([',', ' ', '\n']);
        let expected = if let Some(s) = after.strip_prefix('"') {
            s.split('"').next().unwrap_or("").to_string()
        } else if let Some(s) = after.strip_prefix("[[") {
            s.split("]]").next().unwrap_or("").to_string()
        } else {
            continue;
        };
        out.push((code, expected));
    }
    out
}

#[test]
fn goto_error_expectations() {
    let Ok(text) = std::fs::read_to_string(testes_dir().join("goto.lua")) else {
        return;
    };
    let cases = calls_with_long_string(&text, "errmsg");
    assert!(cases.len() >= 5);
    for (code, expected) in cases {
        let msg = String::from_utf8_lossy(&load_msg(code.as_bytes())).into_owned();
        assert!(
            msg.contains(&expected),
            "{code:?}: {msg:?} does not contain {expected:?}"
        );
    }
}

#[test]
fn literal_error_expectations() {
    let Ok(text) = std::fs::read_to_string(testes_dir().join("literals.lua")) else {
        return;
    };
    let cases = calls_with_long_string(&text, "lexerror");
    assert!(cases.len() >= 10);
    for (code, expected) in cases {
        // The expectation is a Lua pattern that only uses '%' to escape punctuation.
        let mut plain = expected
            .replace("%%", "\u{0}")
            .replace('%', "")
            .replace('\u{0}', "%");
        if plain != "<eof>" {
            plain.push('\'');
        }
        let src = format!("return {code}");
        let msg = String::from_utf8_lossy(&compile(src.as_bytes(), b"").unwrap_err().message)
            .into_owned();
        let near = msg.find(" near ").map(|p| &msg[p..]).unwrap_or("");
        assert!(
            near.contains(&plain),
            "{code:?}: {msg:?} does not contain {plain:?}"
        );
    }
}

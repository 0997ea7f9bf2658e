//! Short printable description of a chunk's source for messages (the reference's `luaO_chunkid`).
#![forbid(unsafe_code)]

/// Maximum size of a chunk description, counting the C terminator (LUA_IDSIZE).
pub const ID_SIZE: usize = 60;

const RETS: &[u8] = b"...";
const PRE: &[u8] = b"[string \"";
const POS: &[u8] = b"\"]";

/// Describes a chunk for error messages: `=name` gives `name` (truncated), `@file` gives `file`
/// (keeping its end, with a leading `...` if too long), anything else (source text) gives
/// `[string "first line..."]`. Like the reference, the result stops at an embedded zero byte.
pub fn chunk_id(source: &[u8]) -> Vec<u8> {
    let srclen = source.len();
    let mut out = Vec::with_capacity(ID_SIZE);
    match source.first() {
        Some(b'=') => {
            let body = &source[1..];
            let n = if srclen <= ID_SIZE {
                body.len()
            } else {
                ID_SIZE - 1
            };
            out.extend_from_slice(&body[..n.min(body.len())]);
        }
        Some(b'@') => {
            let body = &source[1..];
            if srclen <= ID_SIZE {
                out.extend_from_slice(body);
            } else {
                let keep = ID_SIZE - RETS.len() - 1;
                out.extend_from_slice(RETS);
                out.extend_from_slice(&body[body.len() - keep..]);
            }
        }
        _ => {
            let room = ID_SIZE - (PRE.len() + RETS.len() + POS.len()) - 1;
            let first_nl = c_prefix(source).iter().position(|&c| c == b'\n');
            out.extend_from_slice(PRE);
            if srclen < room && first_nl.is_none() {
                out.extend_from_slice(source);
            } else {
                let n = first_nl.unwrap_or(srclen).min(room);
                out.extend_from_slice(&source[..n]);
                out.extend_from_slice(RETS);
            }
            out.extend_from_slice(POS);
        }
    }
    let end = out.iter().position(|&c| c == 0).unwrap_or(out.len());
    out.truncate(end);
    out
}

/// The part of `s` a C string function would see.
fn c_prefix(s: &[u8]) -> &[u8] {
    let end = s.iter().position(|&c| c == 0).unwrap_or(s.len());
    &s[..end]
}

#[cfg(test)]
mod tests {
    use super::chunk_id;

    fn id(s: &str) -> String {
        String::from_utf8(chunk_id(s.as_bytes())).unwrap()
    }

    #[test]
    fn literal_names() {
        assert_eq!(id("=stdin"), "stdin");
        assert_eq!(id("="), "");
        let long = format!("={}", "a".repeat(100));
        assert_eq!(id(&long), "a".repeat(59));
        let exact = format!("={}", "b".repeat(59));
        assert_eq!(id(&exact), "b".repeat(59));
    }

    #[test]
    fn file_names() {
        assert_eq!(id("@test.lua"), "test.lua");
        let long = format!("@{}end.lua", "d/".repeat(40));
        let got = id(&long);
        assert!(got.starts_with("...") && got.ends_with("end.lua"));
        assert_eq!(got.len(), 59);
        let exact = format!("@{}", "f".repeat(59));
        assert_eq!(id(&exact), "f".repeat(59));
    }

    #[test]
    fn source_strings() {
        assert_eq!(id("x = = 1"), "[string \"x = = 1\"]");
        assert_eq!(id("line1\nline2"), "[string \"line1...\"]");
        let long = "x".repeat(50);
        assert_eq!(id(&long), format!("[string \"{}...\"]", "x".repeat(45)));
        assert_eq!(
            id(&"y".repeat(44)),
            format!("[string \"{}\"]", "y".repeat(44))
        );
        assert_eq!(
            id(&"y".repeat(45)),
            format!("[string \"{}...\"]", "y".repeat(45))
        );
        assert_eq!(id(""), "[string \"\"]");
        assert_eq!(chunk_id(b"x = \"a\0b\""), b"[string \"x = \"a".to_vec());
    }
}

//! Temporary chunk-id formatting (replaced by the compiler branch).
pub fn chunk_id(source: &[u8]) -> Vec<u8> {
    match source.first() {
        Some(b'=') | Some(b'@') => source[1..].to_vec(),
        _ => {
            let mut v = b"[string \"".to_vec();
            let line = source.split(|&c| c == b'\n').next().unwrap_or(b"");
            v.extend_from_slice(line);
            v.extend_from_slice(b"\"]");
            v
        }
    }
}

//! The reading formats of `io.read`/`file:read` on a buffered reader, as the reference reads them: a
//! line with or without its newline, the whole rest, `n` bytes, the end-of-file test, and a numeral
//! (`read_number`: the longest valid prefix, at most 200 characters, then converted as Lua does).
#![forbid(unsafe_code)]

use std::io::{self, BufRead};

/// Longest numeral `read_number` accepts (`L_MAXLENNUM`).
const MAX_LEN_NUM: usize = 200;

/// Next byte without consuming it; `None` at end of file.
fn peek(r: &mut dyn BufRead) -> io::Result<Option<u8>> {
    loop {
        match r.fill_buf() {
            Ok(b) => return Ok(b.first().copied()),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
    }
}

/// Reads a line into `out` (with its newline unless `chop`); true if anything was read, even an empty
/// line (`read_line`).
pub fn read_line(r: &mut dyn BufRead, out: &mut Vec<u8>, chop: bool) -> io::Result<bool> {
    let start = out.len();
    loop {
        let (done, used) = {
            let avail = match r.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if avail.is_empty() {
                return Ok(out.len() > start);
            }
            match avail.iter().position(|&c| c == b'\n') {
                Some(i) => {
                    out.extend_from_slice(&avail[..if chop { i } else { i + 1 }]);
                    (true, i + 1)
                }
                None => {
                    out.extend_from_slice(avail);
                    (false, avail.len())
                }
            }
        };
        r.consume(used);
        if done {
            return Ok(true);
        }
    }
}

/// Reads everything up to the end of file (`read_all`).
pub fn read_all(r: &mut dyn BufRead, out: &mut Vec<u8>) -> io::Result<()> {
    loop {
        let n = {
            let avail = match r.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            out.extend_from_slice(avail);
            avail.len()
        };
        if n == 0 {
            return Ok(());
        }
        r.consume(n);
    }
}

/// Reads up to `n` bytes; true if at least one was read (`read_chars`).
pub fn read_chars(r: &mut dyn BufRead, out: &mut Vec<u8>, n: u64) -> io::Result<bool> {
    let mut left = n;
    while left > 0 {
        let used = {
            let avail = match r.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if avail.is_empty() {
                break;
            }
            let k = (avail.len() as u64).min(left) as usize;
            out.extend_from_slice(&avail[..k]);
            k
        };
        r.consume(used);
        left -= used as u64;
    }
    Ok(left < n)
}

/// True if the stream is not at its end (`test_eof` for `read(0)`).
pub fn not_eof(r: &mut dyn BufRead) -> io::Result<bool> {
    Ok(peek(r)?.is_some())
}

/// State of `read_number`: the reader, the look-ahead byte and the numeral read so far.
struct Rn<'a> {
    r: &'a mut dyn BufRead,
    c: Option<u8>,
    buf: Vec<u8>,
    /// The numeral grew past `MAX_LEN_NUM`: the result is invalid.
    overflow: bool,
}

impl Rn<'_> {
    /// Accepts the look-ahead byte and reads the next one (`nextc`); false on overflow.
    fn next(&mut self) -> io::Result<bool> {
        if self.buf.len() >= MAX_LEN_NUM {
            self.overflow = true;
            return Ok(false);
        }
        if let Some(c) = self.c {
            self.buf.push(c);
            self.r.consume(1);
        }
        self.c = peek(self.r)?;
        Ok(true)
    }

    /// Accepts the look-ahead byte if it is one of `set` (`test2`).
    fn test2(&mut self, set: &[u8; 2]) -> io::Result<bool> {
        match self.c {
            Some(c) if c == set[0] || c == set[1] => self.next(),
            _ => Ok(false),
        }
    }

    /// Accepts a run of (hex) digits and returns how many (`readdigits`).
    fn digits(&mut self, hex: bool) -> io::Result<usize> {
        let mut count = 0;
        while let Some(c) = self.c {
            let ok = if hex {
                c.is_ascii_hexdigit()
            } else {
                c.is_ascii_digit()
            };
            if !ok || !self.next()? {
                break;
            }
            count += 1;
        }
        Ok(count)
    }
}

/// C `isspace` in the "C" locale.
fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// Reads the longest prefix that can start a numeral (`read_number`) and returns its text, or `None`
/// when it grew too long. The caller converts it; the first byte that does not fit is left unread.
pub fn read_numeral(r: &mut dyn BufRead) -> io::Result<Option<Vec<u8>>> {
    let mut c = peek(r)?;
    while let Some(b) = c {
        if !is_space(b) {
            break;
        }
        r.consume(1);
        c = peek(r)?;
    }
    let mut rn = Rn {
        r,
        c,
        buf: Vec::new(),
        overflow: false,
    };
    let mut count = 0;
    let mut hex = false;
    rn.test2(b"-+")?;
    if rn.test2(b"00")? {
        if rn.test2(b"xX")? {
            hex = true;
        } else {
            count = 1;
        }
    }
    count += rn.digits(hex)?;
    if rn.test2(b"..")? {
        count += rn.digits(hex)?;
    }
    if count > 0 && rn.test2(if hex { b"pP" } else { b"eE" })? {
        rn.test2(b"-+")?;
        rn.digits(false)?;
    }
    Ok(if rn.overflow { None } else { Some(rn.buf) })
}

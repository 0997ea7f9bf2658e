//! The lexer's string literals: short strings with all escape sequences, long brackets, long comments.
#![forbid(unsafe_code)]

use super::error::CompileError;
use super::lexer::{is_digit, is_space, is_xdigit, Lexer, Near, EOZ};
use super::token::{Name, Token};
use crate::value::number::hex_value;

/// Encodes `x` (at most 0x7FFFFFFF) in the reference's extended UTF-8 (up to 6 bytes).
pub fn utf8_encode(mut x: u32, out: &mut Vec<u8>) {
    if x < 0x80 {
        out.push(x as u8);
        return;
    }
    let mut tail = [0u8; 6];
    let mut n = 0;
    let mut first_max = 0x3fu32;
    while x > first_max {
        tail[n] = 0x80 | (x & 0x3f) as u8;
        n += 1;
        x >>= 6;
        first_max >>= 1;
    }
    out.push(((!first_max << 1) | x) as u8);
    out.extend(tail[..n].iter().rev());
}

impl<'a> Lexer<'a> {
    /// Reads a long string (`keep`) or long comment after its opening `[=*`; `sep` is the number of
    /// `=` plus 2. Returns the string's contents.
    pub(super) fn read_long_string(
        &mut self,
        keep: bool,
        sep: usize,
    ) -> Result<Option<Name>, CompileError> {
        let line = self.linenumber;
        self.save_and_next();
        if self.cur_is_newline() {
            self.inc_line_number()?;
        }
        loop {
            match self.current {
                EOZ => {
                    let what = if keep { "string" } else { "comment" };
                    let msg = format!("unfinished long {what} (starting at line {line})");
                    return Err(self.error(msg.as_bytes(), Near::Token(&Token::Eos)));
                }
                0x5d /* ']' */ => {
                    if self.skip_sep() == sep {
                        self.save_and_next();
                        break;
                    }
                }
                0x0a | 0x0d => {
                    self.save(i32::from(b'\n'));
                    self.inc_line_number()?;
                    if !keep {
                        self.buff.clear();
                    }
                }
                _ => {
                    if keep {
                        self.save_and_next();
                    } else {
                        self.next_char();
                    }
                }
            }
        }
        if !keep {
            return Ok(None);
        }
        let end = self.buff.len().saturating_sub(sep);
        Ok(Some(Name::from(
            self.buff.get(sep..end).unwrap_or_default(),
        )))
    }

    /// Fails with `msg` (quoting the string read so far plus the offending character) unless `ok`.
    fn esc_check(&mut self, ok: bool, msg: &[u8]) -> Result<(), CompileError> {
        if ok {
            return Ok(());
        }
        if self.current != EOZ {
            self.save_and_next();
        }
        Err(self.error(msg, Near::Text))
    }

    /// Saves the current character and checks that the next one is a hexadecimal digit; returns it.
    fn get_hexa(&mut self) -> Result<u32, CompileError> {
        self.save_and_next();
        self.esc_check(is_xdigit(self.current), b"hexadecimal digit expected")?;
        Ok(hex_value(self.current as u8))
    }

    /// `\xXX`: returns the byte value, leaving the last digit as the current character.
    fn read_hexa_esc(&mut self) -> Result<u32, CompileError> {
        let hi = self.get_hexa()?;
        let lo = self.get_hexa()?;
        self.buff.truncate(self.buff.len().saturating_sub(2));
        Ok((hi << 4) + lo)
    }

    /// `\u{XXX}`: returns the code point (at most 2^31 - 1), having skipped the closing brace.
    fn read_utf8_esc(&mut self) -> Result<u32, CompileError> {
        let mut saved = 4;
        self.save_and_next();
        self.esc_check(self.cur_is(b'{'), b"missing '{'")?;
        let mut r = self.get_hexa()?;
        loop {
            self.save_and_next();
            if !is_xdigit(self.current) {
                break;
            }
            saved += 1;
            self.esc_check(r <= (0x7FFF_FFFF >> 4), b"UTF-8 value too large")?;
            r = (r << 4) + hex_value(self.current as u8);
        }
        self.esc_check(self.cur_is(b'}'), b"missing '}'")?;
        self.next_char();
        self.buff.truncate(self.buff.len().saturating_sub(saved));
        Ok(r)
    }

    /// `\ddd`: up to three decimal digits, at most 255.
    fn read_dec_esc(&mut self) -> Result<u8, CompileError> {
        let mut r: u32 = 0;
        let mut i = 0;
        while i < 3 && is_digit(self.current) {
            r = 10 * r + (self.current as u32 - u32::from(b'0'));
            self.save_and_next();
            i += 1;
        }
        self.esc_check(r <= 255, b"decimal escape too large")?;
        self.buff.truncate(self.buff.len().saturating_sub(i));
        Ok(r as u8)
    }

    /// Reads a short string delimited by `del` (the current character).
    pub(super) fn read_string(&mut self, del: i32) -> Result<Name, CompileError> {
        self.save_and_next();
        while self.current != del {
            match self.current {
                EOZ => return Err(self.error(b"unfinished string", Near::Token(&Token::Eos))),
                0x0a | 0x0d => return Err(self.error(b"unfinished string", Near::Text)),
                0x5c /* '\\' */ => self.read_escape()?,
                _ => self.save_and_next(),
            }
        }
        self.save_and_next();
        let end = self.buff.len().saturating_sub(1);
        Ok(Name::from(self.buff.get(1..end).unwrap_or_default()))
    }

    /// Handles one escape sequence; the current character is the backslash.
    fn read_escape(&mut self) -> Result<(), CompileError> {
        self.save_and_next();
        let c: u8 = match self.current {
            EOZ => return Ok(()),
            0x0a | 0x0d => {
                self.inc_line_number()?;
                self.buff.pop();
                self.buff.push(b'\n');
                return Ok(());
            }
            cur => match cur as u8 {
                b'a' => 0x07,
                b'b' => 0x08,
                b'f' => 0x0c,
                b'n' => b'\n',
                b'r' => b'\r',
                b't' => b'\t',
                b'v' => 0x0b,
                b'x' => self.read_hexa_esc()? as u8,
                b'\\' | b'"' | b'\'' => cur as u8,
                b'u' => {
                    let code = self.read_utf8_esc()?;
                    let mut enc = Vec::with_capacity(6);
                    utf8_encode(code, &mut enc);
                    self.buff.extend_from_slice(&enc);
                    return Ok(());
                }
                b'z' => {
                    self.buff.pop();
                    self.next_char();
                    while is_space(self.current) {
                        if self.cur_is_newline() {
                            self.inc_line_number()?;
                        } else {
                            self.next_char();
                        }
                    }
                    return Ok(());
                }
                _ => {
                    self.esc_check(is_digit(self.current), b"invalid escape sequence")?;
                    let v = self.read_dec_esc()?;
                    self.buff.pop();
                    self.buff.push(v);
                    return Ok(());
                }
            },
        };
        self.next_char();
        self.buff.pop();
        self.buff.push(c);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::utf8_encode;

    fn enc(x: u32) -> Vec<u8> {
        let mut v = Vec::new();
        utf8_encode(x, &mut v);
        v
    }

    #[test]
    fn extended_utf8() {
        assert_eq!(enc(0x41), b"A");
        assert_eq!(enc(0xE9), "é".as_bytes());
        assert_eq!(enc(0x20AC), "€".as_bytes());
        assert_eq!(enc(0x1F600), "😀".as_bytes());
        assert_eq!(enc(0x10FFFF), vec![0xF4, 0x8F, 0xBF, 0xBF]);
        assert_eq!(enc(0x7FF), vec![0xDF, 0xBF]);
        assert_eq!(enc(0x3FFFFFF), vec![0xFB, 0xBF, 0xBF, 0xBF, 0xBF]);
        assert_eq!(enc(0x7FFFFFFF), vec![0xFD, 0xBF, 0xBF, 0xBF, 0xBF, 0xBF]);
        assert_eq!(enc(0x4000000), vec![0xFC, 0x84, 0x80, 0x80, 0x80, 0x80]);
    }
}

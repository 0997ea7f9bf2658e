//! The lexer: turns source bytes into tokens, tracking line numbers as the reference does.
#![forbid(unsafe_code)]

use super::chunkid::chunk_id;
use super::error::CompileError;
use super::token::{reserved, Name, Token};
use crate::value::number::{str_to_number, Number};

/// The "end of stream" pseudo character.
pub(super) const EOZ: i32 = -1;

/// What an error message quotes after "near".
pub(super) enum Near<'t> {
    /// Nothing (semantic errors).
    Nothing,
    /// The text of the token being read, from the lexer's buffer.
    Text,
    /// A given token.
    Token(&'t Token),
}

pub struct Lexer<'a> {
    src: &'a [u8],
    /// Index of the byte after `current`.
    pos: usize,
    /// Current character (a byte) or `EOZ`.
    pub(super) current: i32,
    /// Line of the current position.
    pub linenumber: u32,
    /// Line of the last token consumed.
    pub lastline: u32,
    /// Current token.
    pub t: Token,
    lookahead: Option<Token>,
    /// Raw text of the token being (or last) read; used by error messages.
    pub(super) buff: Vec<u8>,
    /// `chunk_id` of the source name, the prefix of every message.
    chunk: Vec<u8>,
}

pub(super) fn is_alpha(c: i32) -> bool {
    c == i32::from(b'_') || (0..=255).contains(&c) && (c as u8).is_ascii_alphabetic()
}

pub(super) fn is_digit(c: i32) -> bool {
    (i32::from(b'0')..=i32::from(b'9')).contains(&c)
}

pub(super) fn is_xdigit(c: i32) -> bool {
    (0..=255).contains(&c) && (c as u8).is_ascii_hexdigit()
}

pub(super) fn is_space(c: i32) -> bool {
    (0..=255).contains(&c) && crate::value::number::is_space(c as u8)
}

fn is_newline(c: i32) -> bool {
    c == i32::from(b'\n') || c == i32::from(b'\r')
}

impl<'a> Lexer<'a> {
    pub fn new(src: &'a [u8], chunkname: &[u8]) -> Lexer<'a> {
        let mut lx = Lexer {
            src,
            pos: 0,
            current: EOZ,
            linenumber: 1,
            lastline: 1,
            t: Token::Eos,
            lookahead: None,
            buff: Vec::new(),
            chunk: chunk_id(chunkname),
        };
        lx.next_char();
        lx
    }

    pub(super) fn next_char(&mut self) {
        self.current = match self.src.get(self.pos) {
            Some(&b) => i32::from(b),
            None => EOZ,
        };
        self.pos += 1;
    }

    pub(super) fn save(&mut self, c: i32) {
        self.buff.push(c as u8);
    }

    pub(super) fn save_and_next(&mut self) {
        let c = self.current;
        self.save(c);
        self.next_char();
    }

    pub(super) fn cur_is(&self, c: u8) -> bool {
        self.current == i32::from(c)
    }

    pub(super) fn cur_is_newline(&self) -> bool {
        is_newline(self.current)
    }

    /// Skips a newline sequence (`\n`, `\r`, `\n\r` or `\r\n`) and counts the line.
    pub(super) fn inc_line_number(&mut self) -> Result<(), CompileError> {
        let old = self.current;
        self.next_char();
        if self.cur_is_newline() && self.current != old {
            self.next_char();
        }
        self.linenumber += 1;
        if self.linenumber >= i32::MAX as u32 {
            return Err(self.error(b"chunk has too many lines", Near::Nothing));
        }
        Ok(())
    }

    /// Builds an error message `chunk:line: msg [near something]` (the reference's `lexerror`).
    pub(super) fn error(&self, msg: &[u8], near: Near<'_>) -> CompileError {
        let mut m = self.chunk.clone();
        m.extend_from_slice(format!(":{}: ", self.linenumber).as_bytes());
        m.extend_from_slice(msg);
        let quoted = match near {
            Near::Nothing => None,
            Near::Text => Some(self.buffer_text()),
            Near::Token(Token::Char(0)) => None,
            Near::Token(t) if t.has_text() => Some(self.buffer_text()),
            Near::Token(t) => Some(t.describe().into_bytes()),
        };
        if let Some(q) = quoted {
            m.extend_from_slice(b" near ");
            m.extend_from_slice(&q);
        }
        CompileError { message: m }
    }

    /// The buffer quoted, as seen by C string functions (up to a zero byte).
    fn buffer_text(&self) -> Vec<u8> {
        let end = self
            .buff
            .iter()
            .position(|&c| c == 0)
            .unwrap_or(self.buff.len());
        let mut q = Vec::with_capacity(end + 2);
        q.push(b'\'');
        q.extend_from_slice(&self.buff[..end]);
        q.push(b'\'');
        q
    }

    /// A syntax error near the current token (`luaX_syntaxerror`).
    pub fn syntax_error(&self, msg: &[u8]) -> CompileError {
        self.error(msg, Near::Token(&self.t))
    }

    /// An error without a "near" part (`luaK_semerror`).
    pub fn sem_error(&self, msg: &[u8]) -> CompileError {
        self.error(msg, Near::Nothing)
    }

    /// Advances to the next token (`luaX_next`).
    pub fn next(&mut self) -> Result<(), CompileError> {
        self.lastline = self.linenumber;
        self.t = match self.lookahead.take() {
            Some(t) => t,
            None => self.lex()?,
        };
        Ok(())
    }

    /// Reads the token after the current one without consuming it (`luaX_lookahead`).
    pub fn lookahead(&mut self) -> Result<&Token, CompileError> {
        let t = self.lex()?;
        Ok(self.lookahead.insert(t))
    }

    fn check_next1(&mut self, c: u8) -> bool {
        if self.cur_is(c) {
            self.next_char();
            true
        } else {
            false
        }
    }

    /// Saves and skips the current character if it is one of the two in `set`.
    fn check_next2(&mut self, set: &[u8; 2]) -> bool {
        if self.cur_is(set[0]) || self.cur_is(set[1]) {
            self.save_and_next();
            true
        } else {
            false
        }
    }

    /// Reads a numeral liberally (digits, hex digits, dots, exponent marks with signs) and converts it.
    fn read_numeral(&mut self) -> Result<Token, CompileError> {
        let first = self.current;
        let mut expo = b"Ee";
        self.save_and_next();
        if first == i32::from(b'0') && self.check_next2(b"xX") {
            expo = b"Pp";
        }
        loop {
            if self.check_next2(expo) {
                self.check_next2(b"-+");
            } else if is_xdigit(self.current) || self.cur_is(b'.') {
                self.save_and_next();
            } else {
                break;
            }
        }
        if is_alpha(self.current) {
            self.save_and_next();
        }
        match str_to_number(&self.buff) {
            Some(Number::Int(i)) => Ok(Token::Int(i)),
            Some(Number::Float(f)) => Ok(Token::Flt(f)),
            None => Err(self.error(b"malformed number", Near::Text)),
        }
    }

    /// Reads `[=*[` or `]=*]`, leaving the last bracket. Returns the number of `=` plus 2 if well
    /// formed, 1 for a lone bracket, 0 for an unfinished `[==...`.
    pub(super) fn skip_sep(&mut self) -> usize {
        let s = self.current;
        let mut count = 0;
        self.save_and_next();
        while self.cur_is(b'=') {
            self.save_and_next();
            count += 1;
        }
        if self.current == s {
            count + 2
        } else if count == 0 {
            1
        } else {
            0
        }
    }

    fn lex(&mut self) -> Result<Token, CompileError> {
        self.buff.clear();
        loop {
            let c = self.current;
            if c == EOZ {
                return Ok(Token::Eos);
            }
            let b = c as u8;
            match b {
                b'\n' | b'\r' => self.inc_line_number()?,
                b' ' | 0x0c | b'\t' | 0x0b => self.next_char(),
                b'-' => {
                    self.next_char();
                    if !self.cur_is(b'-') {
                        return Ok(Token::Char(b'-'));
                    }
                    self.next_char();
                    if self.cur_is(b'[') {
                        let sep = self.skip_sep();
                        self.buff.clear();
                        if sep >= 2 {
                            self.read_long_string(false, sep)?;
                            self.buff.clear();
                            continue;
                        }
                    }
                    while !self.cur_is_newline() && self.current != EOZ {
                        self.next_char();
                    }
                }
                b'[' => {
                    let sep = self.skip_sep();
                    if sep >= 2 {
                        return self
                            .read_long_string(true, sep)
                            .map(|s| Token::Str(s.unwrap_or_default()));
                    } else if sep == 0 {
                        return Err(self.error(b"invalid long string delimiter", Near::Text));
                    }
                    return Ok(Token::Char(b'['));
                }
                b'=' => {
                    self.next_char();
                    return Ok(if self.check_next1(b'=') {
                        Token::Eq
                    } else {
                        Token::Char(b'=')
                    });
                }
                b'<' => {
                    self.next_char();
                    return Ok(if self.check_next1(b'=') {
                        Token::Le
                    } else if self.check_next1(b'<') {
                        Token::Shl
                    } else {
                        Token::Char(b'<')
                    });
                }
                b'>' => {
                    self.next_char();
                    return Ok(if self.check_next1(b'=') {
                        Token::Ge
                    } else if self.check_next1(b'>') {
                        Token::Shr
                    } else {
                        Token::Char(b'>')
                    });
                }
                b'/' => {
                    self.next_char();
                    return Ok(if self.check_next1(b'/') {
                        Token::IDiv
                    } else {
                        Token::Char(b'/')
                    });
                }
                b'~' => {
                    self.next_char();
                    return Ok(if self.check_next1(b'=') {
                        Token::Ne
                    } else {
                        Token::Char(b'~')
                    });
                }
                b':' => {
                    self.next_char();
                    return Ok(if self.check_next1(b':') {
                        Token::DbColon
                    } else {
                        Token::Char(b':')
                    });
                }
                b'"' | b'\'' => return self.read_string(c).map(Token::Str),
                b'.' => {
                    self.save_and_next();
                    if self.check_next1(b'.') {
                        return Ok(if self.check_next1(b'.') {
                            Token::Dots
                        } else {
                            Token::Concat
                        });
                    } else if !is_digit(self.current) {
                        return Ok(Token::Char(b'.'));
                    }
                    return self.read_numeral();
                }
                b'0'..=b'9' => return self.read_numeral(),
                _ if is_alpha(c) => {
                    while is_alpha(self.current) || is_digit(self.current) {
                        self.save_and_next();
                    }
                    return Ok(match reserved(&self.buff) {
                        Some(t) => t,
                        None => Token::Name(Name::from(&self.buff[..])),
                    });
                }
                _ => {
                    self.next_char();
                    return Ok(Token::Char(b));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(src: &str) -> Vec<(Token, u32)> {
        let mut lx = Lexer::new(src.as_bytes(), b"=t");
        let mut out = Vec::new();
        loop {
            lx.next().unwrap();
            if lx.t == Token::Eos {
                return out;
            }
            out.push((lx.t.clone(), lx.linenumber));
        }
    }

    fn name(s: &str) -> Token {
        Token::Name(Name::from(s.as_bytes()))
    }

    #[test]
    fn every_symbol() {
        let toks: Vec<Token> =
            tokens("+ - * / % ^ # & ~ | << >> // == ~= <= >= < > = ( ) { } [ ] :: ; : , . .. ...")
                .into_iter()
                .map(|(t, _)| t)
                .collect();
        let c = Token::Char;
        assert_eq!(
            toks,
            vec![
                c(b'+'),
                c(b'-'),
                c(b'*'),
                c(b'/'),
                c(b'%'),
                c(b'^'),
                c(b'#'),
                c(b'&'),
                c(b'~'),
                c(b'|'),
                Token::Shl,
                Token::Shr,
                Token::IDiv,
                Token::Eq,
                Token::Ne,
                Token::Le,
                Token::Ge,
                c(b'<'),
                c(b'>'),
                c(b'='),
                c(b'('),
                c(b')'),
                c(b'{'),
                c(b'}'),
                c(b'['),
                c(b']'),
                Token::DbColon,
                c(b';'),
                c(b':'),
                c(b','),
                c(b'.'),
                Token::Concat,
                Token::Dots,
            ]
        );
    }

    #[test]
    fn words_numbers_and_lines() {
        let toks = tokens("local x1 = 0x10 -- comment\nwhile\r\n_y do\n\r3.5 end --[[ a\nb ]] 'z'");
        assert_eq!(
            toks,
            vec![
                (Token::Local, 1),
                (name("x1"), 1),
                (Token::Char(b'='), 1),
                (Token::Int(16), 1),
                (Token::While, 2),
                (name("_y"), 3),
                (Token::Do, 3),
                (Token::Flt(3.5), 4),
                (Token::End, 4),
                (Token::Str(Name::from(&b"z"[..])), 5),
            ]
        );
    }

    #[test]
    fn lookahead_keeps_the_current_token() {
        let mut lx = Lexer::new(b"a = 1", b"=t");
        lx.next().unwrap();
        assert_eq!(lx.t, name("a"));
        assert_eq!(*lx.lookahead().unwrap(), Token::Char(b'='));
        assert_eq!(lx.t, name("a"));
        lx.next().unwrap();
        assert_eq!(lx.t, Token::Char(b'='));
        lx.next().unwrap();
        assert_eq!(lx.t, Token::Int(1));
    }
}

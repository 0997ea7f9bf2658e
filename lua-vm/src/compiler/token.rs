//! Lexical tokens and how they are named in error messages.
#![forbid(unsafe_code)]

use std::rc::Rc;

/// An interned-ish byte string (names and string literals); cheap to clone.
pub type Name = Rc<[u8]>;

/// One token with its semantic value.
#[derive(Clone, Debug, PartialEq)]
pub enum Token {
    /// A single-byte symbol such as `+` or `{` (any other byte, too: the parser rejects it).
    Char(u8),
    And,
    Break,
    Do,
    Else,
    Elseif,
    End,
    False,
    For,
    Function,
    Goto,
    If,
    In,
    Local,
    Nil,
    Not,
    Or,
    Repeat,
    Return,
    Then,
    True,
    Until,
    While,
    IDiv,
    Concat,
    Dots,
    Eq,
    Ge,
    Le,
    Ne,
    Shl,
    Shr,
    DbColon,
    Eos,
    Flt(f64),
    Int(i64),
    Name(Name),
    Str(Name),
}

const RESERVED: &[(&[u8], Token)] = &[
    (b"and", Token::And),
    (b"break", Token::Break),
    (b"do", Token::Do),
    (b"else", Token::Else),
    (b"elseif", Token::Elseif),
    (b"end", Token::End),
    (b"false", Token::False),
    (b"for", Token::For),
    (b"function", Token::Function),
    (b"goto", Token::Goto),
    (b"if", Token::If),
    (b"in", Token::In),
    (b"local", Token::Local),
    (b"nil", Token::Nil),
    (b"not", Token::Not),
    (b"or", Token::Or),
    (b"repeat", Token::Repeat),
    (b"return", Token::Return),
    (b"then", Token::Then),
    (b"true", Token::True),
    (b"until", Token::Until),
    (b"while", Token::While),
];

/// The reserved word spelled `word`, if it is one.
pub fn reserved(word: &[u8]) -> Option<Token> {
    RESERVED
        .iter()
        .find(|(w, _)| *w == word)
        .map(|(_, t)| t.clone())
}

/// C's `isprint` in the "C" locale.
fn is_print(c: u8) -> bool {
    (0x20..0x7f).contains(&c)
}

impl Token {
    /// The token as the reference names it in messages (`luaX_token2str`): symbols and reserved words
    /// quoted, `<eof>`, `<number>`, `<integer>`, `<name>` and `<string>` for the others.
    pub fn describe(&self) -> String {
        let fixed = match self {
            Token::Char(c) => {
                return if is_print(*c) {
                    format!("'{}'", char::from(*c))
                } else {
                    format!("'<\\{c}>'")
                };
            }
            Token::IDiv => "//",
            Token::Concat => "..",
            Token::Dots => "...",
            Token::Eq => "==",
            Token::Ge => ">=",
            Token::Le => "<=",
            Token::Ne => "~=",
            Token::Shl => "<<",
            Token::Shr => ">>",
            Token::DbColon => "::",
            Token::Eos => return "<eof>".to_string(),
            Token::Flt(_) => return "<number>".to_string(),
            Token::Int(_) => return "<integer>".to_string(),
            Token::Name(_) => return "<name>".to_string(),
            Token::Str(_) => return "<string>".to_string(),
            other => {
                let word = RESERVED
                    .iter()
                    .find(|(_, t)| t == other)
                    .map(|(w, _)| *w)
                    .unwrap_or(b"?");
                return format!("'{}'", String::from_utf8_lossy(word));
            }
        };
        format!("'{fixed}'")
    }

    /// True for tokens whose message text is their source spelling (names, strings and numerals).
    pub fn has_text(&self) -> bool {
        matches!(
            self,
            Token::Flt(_) | Token::Int(_) | Token::Name(_) | Token::Str(_)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions() {
        assert_eq!(Token::Char(b'=').describe(), "'='");
        assert_eq!(Token::Char(1).describe(), "'<\\1>'");
        assert_eq!(Token::Char(195).describe(), "'<\\195>'");
        assert_eq!(Token::End.describe(), "'end'");
        assert_eq!(Token::Eos.describe(), "<eof>");
        assert_eq!(Token::Name(Rc::from(&b"x"[..])).describe(), "<name>");
        assert_eq!(Token::DbColon.describe(), "'::'");
        assert_eq!(reserved(b"while"), Some(Token::While));
        assert_eq!(reserved(b"whilst"), None);
    }
}

//! Format strings of `string.pack`/`unpack`/`packsize`: options, sizes and alignment, read one
//! option at a time as the reference's `getoption`/`getdetails` do (same limits and messages).

use super::error::TextError;

/// Widest integer option.
pub(crate) const MAX_INT_SIZE: usize = 16;
/// Size of a Lua integer.
pub(crate) const SZINT: usize = 8;
/// Results must stay below `INT_MAX` bytes (packsize), and `getnum` stops before overflowing it.
pub(crate) const MAX_SIZE: usize = i32::MAX as usize;
/// Native maximum alignment for `!` without a number.
const NATIVE_ALIGN: usize = 8;
const NATIVE_LITTLE: bool = cfg!(target_endian = "little");

/// What an option packs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Signed integer (`b h l j i[n]`).
    Int,
    /// Unsigned integer (`B H L J T I[n]`).
    Uint,
    /// C float (`f`).
    Float,
    /// C double or Lua number (`d n`).
    Double,
    /// Fixed-size string (`c[n]`).
    Char,
    /// String preceded by its length (`s[n]`).
    Str,
    /// Zero-terminated string (`z`).
    Zstr,
    /// One zero byte (`x`).
    Padding,
    /// Alignment to the next option's size (`X[op]`).
    PadAlign,
    /// Settings and spaces (`< > = ! ' '`).
    Nop,
}

/// One option with its size and the padding that aligns it.
pub(crate) struct Item {
    pub kind: Kind,
    pub size: usize,
    pub align_pad: usize,
}

/// Reads options from a format string, tracking endianness and maximum alignment.
pub(crate) struct Parser<'f> {
    fmt: &'f [u8],
    pos: usize,
    pub little: bool,
    max_align: usize,
}

impl<'f> Parser<'f> {
    pub fn new(fmt: &'f [u8]) -> Parser<'f> {
        let end = fmt.iter().position(|&c| c == 0).unwrap_or(fmt.len());
        Parser {
            fmt: &fmt[..end],
            pos: 0,
            little: NATIVE_LITTLE,
            max_align: 1,
        }
    }

    pub fn done(&self) -> bool {
        self.pos >= self.fmt.len()
    }

    fn peek_digit(&self) -> Option<usize> {
        self.fmt
            .get(self.pos)
            .filter(|c| c.is_ascii_digit())
            .map(|c| usize::from(c - b'0'))
    }

    /// A decimal number, or `None` if none follows. Stops reading digits before the value could
    /// pass `MAX_SIZE` (the rest is then read as options, as in the reference).
    fn number(&mut self) -> Option<usize> {
        let mut a = self.peek_digit()?;
        self.pos += 1;
        while a <= (MAX_SIZE - 9) / 10 {
            let Some(d) = self.peek_digit() else { break };
            a = a * 10 + d;
            self.pos += 1;
        }
        Some(a)
    }

    /// A size for `i`, `I`, `s` or `!`: `default` when absent, else within [1, 16].
    fn size_limited(&mut self, default: usize) -> Result<usize, TextError> {
        let sz = self.number().unwrap_or(default);
        if sz == 0 || sz > MAX_INT_SIZE {
            let m = format!("integral size ({sz}) out of limits [1,{MAX_INT_SIZE}]");
            return Err(TextError::msg(m));
        }
        Ok(sz)
    }

    /// Reads the next option: its kind and size.
    fn option(&mut self) -> Result<(Kind, usize), TextError> {
        let Some(&opt) = self.fmt.get(self.pos) else {
            return Ok((Kind::Nop, 0));
        };
        self.pos += 1;
        Ok(match opt {
            b'b' => (Kind::Int, 1),
            b'B' => (Kind::Uint, 1),
            b'h' => (Kind::Int, 2),
            b'H' => (Kind::Uint, 2),
            b'l' | b'j' => (Kind::Int, 8),
            b'L' | b'J' | b'T' => (Kind::Uint, 8),
            b'f' => (Kind::Float, 4),
            b'n' | b'd' => (Kind::Double, 8),
            b'i' => (Kind::Int, self.size_limited(4)?),
            b'I' => (Kind::Uint, self.size_limited(4)?),
            b's' => (Kind::Str, self.size_limited(8)?),
            b'c' => match self.number() {
                Some(n) => (Kind::Char, n),
                None => return Err(TextError::msg("missing size for format option 'c'")),
            },
            b'z' => (Kind::Zstr, 0),
            b'x' => (Kind::Padding, 1),
            b'X' => (Kind::PadAlign, 0),
            b' ' => (Kind::Nop, 0),
            b'<' => {
                self.little = true;
                (Kind::Nop, 0)
            }
            b'>' => {
                self.little = false;
                (Kind::Nop, 0)
            }
            b'=' => {
                self.little = NATIVE_LITTLE;
                (Kind::Nop, 0)
            }
            b'!' => {
                self.max_align = self.size_limited(NATIVE_ALIGN)?;
                (Kind::Nop, 0)
            }
            _ => {
                let mut m = b"invalid format option '".to_vec();
                m.push(opt);
                m.push(b'\'');
                return Err(TextError::Error(m));
            }
        })
    }

    /// Reads the next option and computes the padding that aligns it at offset `total`.
    pub fn item(&mut self, total: usize) -> Result<Item, TextError> {
        let (kind, size) = self.option()?;
        let mut align = size;
        if kind == Kind::PadAlign {
            let next = if self.done() {
                None
            } else {
                Some(self.option()?)
            };
            match next {
                Some((k, a)) if k != Kind::Char && a != 0 => align = a,
                _ => return Err(TextError::Arg(1, "invalid next option for option 'X'")),
            }
        }
        let mut align_pad = 0;
        if align > 1 && kind != Kind::Char {
            align = align.min(self.max_align);
            if !align.is_power_of_two() {
                return Err(TextError::Arg(
                    1,
                    "format asks for alignment not power of 2",
                ));
            }
            align_pad = (align - (total & (align - 1))) & (align - 1);
        }
        Ok(Item {
            kind,
            size,
            align_pad,
        })
    }
}

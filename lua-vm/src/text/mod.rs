//! Pure text engines behind the standard library: number printing, string.format, %q, pack/unpack,
//! numerals, Lua patterns (`string.find`/`match`/`gmatch`/`gsub`), extended UTF-8 (`utf8.*`) and
//! calendar/strftime support (`os.date`, `os.time`). Nothing here knows about the VM: inputs are byte
//! slices and integers (or small traits), outputs are ranges, integers and byte buffers, errors carry
//! the reference messages.

#![forbid(unsafe_code)]

pub mod error;
pub mod format;
pub mod numfmt;
pub mod numparse;
pub mod pack;
mod packopt;
pub mod pattern;
pub mod printf;
pub mod quote;
pub mod strftime;
pub mod utf8;

//! Pure text engines behind the string, utf8 and os libraries and number printing: they know nothing
//! about the VM and take their arguments through small traits or plain slices, so the library wrappers
//! stay thin. Lua patterns (`string.find/match/gmatch/gsub`), extended UTF-8 (`utf8.*`) and
//! calendar/strftime support (`os.date`, `os.time`) live here too; errors carry the reference messages.

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

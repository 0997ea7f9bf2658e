//! Pure byte-level text algorithms used by the standard library: Lua patterns (`string.find`,
//! `string.match`, `string.gmatch`, `string.gsub`), extended UTF-8 (`utf8.*`) and calendar/strftime
//! support (`os.date`, `os.time`). Nothing here knows about the VM: inputs are byte slices and
//! integers, outputs are ranges, integers and byte buffers, errors carry the reference messages.
#![forbid(unsafe_code)]

pub mod pattern;
pub mod strftime;
pub mod utf8;

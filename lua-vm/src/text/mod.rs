//! Pure text engines behind the string library and number printing: they know nothing about the
//! VM and take their arguments through small traits, so the library wrappers stay thin.
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

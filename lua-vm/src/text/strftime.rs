//! Calendar support for `os.date` and `os.time`: broken-down time from a Unix timestamp (UTC and
//! local), the inverse with `mktime`-style normalisation, and strftime formatting byte-for-byte as
//! glibc does in the "C" locale, restricted to the C99 conversions the reference accepts.
//!
//! Local time: no libc is used. The zone comes from the `TZ` environment variable with glibc's
//! rules (unset: `/etc/localtime`; empty: UTC; `:name` or `name`: a TZif file, absolute or under
//! `$TZDIR` or `/usr/share/zoneinfo`; otherwise a POSIX TZ string such as `EST5EDT,M3.2.0,M11.1.0`).
//! TZif files of version 1 to 4 are read, including the POSIX footer used after the last
//! transition. Leap-second tables ("right/" zones) are ignored.
//!
//! Wrapper recipe:
//! - `os.date(fmt, t)`: `let (utc, spec) = parse_date_format(fmt)`; `let tm = if utc { gmtime(t) }
//!   else { localtime(t, &local_zone()) }` (`None` -> "date result cannot be represented in this
//!   installation"); `DateSpec::Table` -> set `tm.lua_fields()` and `isdst`;
//!   `DateSpec::Format(f)` -> `strftime(f, &tm, &mut buf)?` (error is "bad argument #1").
//! - `os.time(tbl)`: read each of `TIME_FIELDS` through `field_value`, `isdst` as `Option<bool>`
//!   (nil -> None), then `mktime(&fields, &local_zone())?` gives the time and the normalised
//!   `Tm` whose `lua_fields()` are written back into the table.

mod civil;
mod format;
mod mktime;
mod posix_tz;
mod tzif;
mod zone;

pub use civil::{days_from_civil, gmtime, localtime, Tm};
pub use format::{parse_date_format, strftime, DateSpec, STRFTIME_OPTIONS};
pub use mktime::{field_value, mktime, DateFields, TIME_FIELDS};
pub use zone::{local_zone, TimeZone, ZoneInfo};

use std::fmt;

/// Errors of `os.date` / `os.time`, with the reference messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// "invalid conversion specifier '%<rest of format>'" (a bad argument #1 of `os.date`).
    InvalidConversion(Vec<u8>),
    /// "field '<key>' is out-of-bound"
    FieldOutOfBound(&'static str),
    /// "field '<key>' missing in date table"
    FieldMissing(&'static str),
    /// "field '<key>' is not an integer" (for the wrapper to raise when a field has another type)
    FieldNotInteger(&'static str),
    /// "date result cannot be represented in this installation"
    DateNotRepresentable,
    /// "time result cannot be represented in this installation"
    TimeNotRepresentable,
}

impl DateError {
    /// The message as Lua bytes (a conversion specifier may contain non-UTF-8 bytes).
    pub fn message(&self) -> Vec<u8> {
        match self {
            DateError::InvalidConversion(spec) => {
                let mut m = b"invalid conversion specifier '%".to_vec();
                m.extend_from_slice(spec);
                m.push(b'\'');
                m
            }
            other => other.to_string().into_bytes(),
        }
    }
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateError::InvalidConversion(_) => {
                f.write_str(&String::from_utf8_lossy(&self.message()))
            }
            DateError::FieldOutOfBound(k) => write!(f, "field '{k}' is out-of-bound"),
            DateError::FieldMissing(k) => write!(f, "field '{k}' missing in date table"),
            DateError::FieldNotInteger(k) => write!(f, "field '{k}' is not an integer"),
            DateError::DateNotRepresentable => {
                f.write_str("date result cannot be represented in this installation")
            }
            DateError::TimeNotRepresentable => {
                f.write_str("time result cannot be represented in this installation")
            }
        }
    }
}

impl std::error::Error for DateError {}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_generated;

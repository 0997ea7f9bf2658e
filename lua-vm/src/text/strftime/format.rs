//! `os.date` format strings: the `!` / `*t` prefixes, validation of conversion specifiers against
//! the reference's C99 list, and strftime conversions with glibc's "C" locale output.

use std::io::Write;

use super::civil::{days_in_year, Tm};
use super::DateError;

/// The reference's accepted conversions (LUA_STRFTIMEOPTIONS for C99): one-character ones, then
/// after `||` the two-character ones.
pub const STRFTIME_OPTIONS: &[u8] =
    b"aAbBcCdDeFgGhHIjmMnprRStTuUVwWxXyYzZ%||EcECExEXEyEYOdOeOHOIOmOMOSOuOUOVOwOWOy";

const DAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// What an `os.date` format asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateSpec<'a> {
    /// `"*t"`: a table of fields.
    Table,
    /// A strftime-style format (without the `!`).
    Format(&'a [u8]),
}

/// Splits an `os.date` format into (UTC?, spec). As in the reference, `"*t"` is compared as a C
/// string, so bytes after an embedded NUL are ignored for that test.
pub fn parse_date_format(fmt: &[u8]) -> (bool, DateSpec<'_>) {
    let (utc, rest) = match fmt.split_first() {
        Some((b'!', rest)) => (true, rest),
        _ => (false, fmt),
    };
    let c_str = rest.split(|&c| c == 0).next().unwrap_or(&[]);
    if c_str == b"*t" {
        (utc, DateSpec::Table)
    } else {
        (utc, DateSpec::Format(rest))
    }
}

/// Length of the valid conversion specifier at the start of `conv` (the bytes after `%`).
fn check_option(conv: &[u8]) -> Result<usize, DateError> {
    let (singles, doubles) = STRFTIME_OPTIONS.split_at(
        STRFTIME_OPTIONS
            .windows(2)
            .position(|w| w == b"||")
            .unwrap_or(STRFTIME_OPTIONS.len()),
    );
    if let Some(&c) = conv.first() {
        if singles.contains(&c) {
            return Ok(1);
        }
    }
    if let Some(pair) = conv.get(..2) {
        if doubles[2..].chunks(2).any(|opt| opt == pair) {
            return Ok(2);
        }
    }
    let shown = conv.split(|&c| c == 0).next().unwrap_or(&[]);
    Err(DateError::InvalidConversion(shown.to_vec()))
}

/// Appends `fmt` formatted with `tm` to `out` (the part of `os.date` after `!` / `*t` handling).
pub fn strftime(fmt: &[u8], tm: &Tm, out: &mut Vec<u8>) -> Result<(), DateError> {
    let mut i = 0;
    while i < fmt.len() {
        let c = fmt[i];
        i += 1;
        if c != b'%' {
            out.push(c);
            continue;
        }
        let len = check_option(&fmt[i..])?;
        // E and O modifiers change nothing in the C locale.
        let conv = fmt[i + len - 1];
        i += len;
        convert(conv, tm, out);
    }
    Ok(())
}

fn two(out: &mut Vec<u8>, v: i64) {
    let _ = write!(out, "{v:02}");
}

/// ISO 8601 week-based year and week number.
fn iso_week(tm: &Tm) -> (i64, i64) {
    let monday_based = (tm.wday as i64 + 6) % 7;
    let thursday = tm.yday as i64 - monday_based + 3; // yday of this week's Thursday
    if thursday < 0 {
        let prev = thursday + days_in_year(tm.year - 1);
        (tm.year - 1, prev / 7 + 1)
    } else if thursday >= days_in_year(tm.year) {
        (tm.year + 1, 1)
    } else {
        (tm.year, thursday / 7 + 1)
    }
}

/// The year as glibc prints it: computed as `tm_year + 1900` in C `int` arithmetic, which wraps
/// for the last few representable years.
fn c_year(tm: &Tm) -> i64 {
    ((tm.year - 1900) as i32).wrapping_add(1900) as i64
}

/// ISO week-based year as glibc prints it (derived from `c_year`).
fn c_iso_year(tm: &Tm) -> i64 {
    c_year(tm) + (iso_week(tm).0 - tm.year)
}

fn convert(conv: u8, tm: &Tm, out: &mut Vec<u8>) {
    let day_name = DAYS[tm.wday as usize % 7];
    let month_name = MONTHS[(tm.month as usize + 11) % 12];
    match conv {
        b'a' => out.extend_from_slice(&day_name.as_bytes()[..3]),
        b'A' => out.extend_from_slice(day_name.as_bytes()),
        b'b' | b'h' => out.extend_from_slice(&month_name.as_bytes()[..3]),
        b'B' => out.extend_from_slice(month_name.as_bytes()),
        b'c' => {
            for c in [b'a', b' ', b'b', b' ', b'e', b' ', b'T', b' ', b'Y'] {
                if c == b' ' {
                    out.push(b' ');
                } else {
                    convert(c, tm, out);
                }
            }
        }
        b'C' => {
            let _ = write!(out, "{}", c_year(tm).div_euclid(100));
        }
        b'd' => two(out, tm.day as i64),
        b'D' | b'x' => {
            two(out, tm.month as i64);
            out.push(b'/');
            two(out, tm.day as i64);
            out.push(b'/');
            two(out, tm.year.rem_euclid(100));
        }
        b'e' => {
            let _ = write!(out, "{:2}", tm.day);
        }
        b'F' => {
            let _ = write!(out, "{}-{:02}-{:02}", c_year(tm), tm.month, tm.day);
        }
        b'g' => two(out, c_iso_year(tm).rem_euclid(100)),
        b'G' => {
            let _ = write!(out, "{}", c_iso_year(tm));
        }
        b'H' => two(out, tm.hour as i64),
        b'I' => two(out, (tm.hour as i64 + 11) % 12 + 1),
        b'j' => {
            let _ = write!(out, "{:03}", tm.yday + 1);
        }
        b'm' => two(out, tm.month as i64),
        b'M' => two(out, tm.min as i64),
        b'n' => out.push(b'\n'),
        b'p' => out.extend_from_slice(if tm.hour < 12 { b"AM" } else { b"PM" }),
        b'r' => {
            for c in [b'I', b':', b'M', b':', b'S', b' ', b'p'] {
                match c {
                    b':' | b' ' => out.push(c),
                    _ => convert(c, tm, out),
                }
            }
        }
        b'R' => {
            two(out, tm.hour as i64);
            out.push(b':');
            two(out, tm.min as i64);
        }
        b'S' => two(out, tm.sec as i64),
        b't' => out.push(b'\t'),
        b'T' | b'X' => {
            let _ = write!(out, "{:02}:{:02}:{:02}", tm.hour, tm.min, tm.sec);
        }
        b'u' => {
            let _ = write!(out, "{}", if tm.wday == 0 { 7 } else { tm.wday });
        }
        b'U' => two(out, (tm.yday as i64 + 7 - tm.wday as i64) / 7),
        b'V' => two(out, iso_week(tm).1),
        b'w' => {
            let _ = write!(out, "{}", tm.wday);
        }
        b'W' => two(out, (tm.yday as i64 + 7 - (tm.wday as i64 + 6) % 7) / 7),
        b'y' => two(out, tm.year.rem_euclid(100)),
        b'Y' => {
            let _ = write!(out, "{}", c_year(tm));
        }
        b'z' => {
            let sign = if tm.utc_offset < 0 { '-' } else { '+' };
            let minutes = tm.utc_offset.abs() / 60;
            let _ = write!(out, "{sign}{:02}{:02}", minutes / 60, minutes % 60);
        }
        b'Z' => out.extend_from_slice(tm.zone.as_bytes()),
        b'%' => out.push(b'%'),
        // Unreachable: `check_option` only lets the conversions above through.
        _ => {}
    }
}

//! Proleptic Gregorian calendar arithmetic and broken-down time (`gmtime` / `localtime`).

use super::zone::TimeZone;

const SECS_PER_DAY: i64 = 86_400;

/// Broken-down time. Unlike C's `struct tm`, `year` is the full year and `month` is 1-based;
/// `wday` (0 = Sunday) and `yday` (0 = January 1st) keep C's origins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tm {
    pub year: i64,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub min: u32,
    pub sec: u32,
    pub wday: u32,
    pub yday: u32,
    pub isdst: bool,
    /// Seconds east of UTC.
    pub utc_offset: i64,
    /// Zone abbreviation for `%Z` ("GMT" for `gmtime`, as glibc).
    pub zone: String,
}

impl Tm {
    /// The integer fields of an `os.date("*t")` table, in the reference's order; `isdst` is
    /// separate (a boolean).
    pub fn lua_fields(&self) -> [(&'static str, i64); 8] {
        [
            ("year", self.year),
            ("month", self.month as i64),
            ("day", self.day as i64),
            ("hour", self.hour as i64),
            ("min", self.min as i64),
            ("sec", self.sec as i64),
            ("yday", self.yday as i64 + 1),
            ("wday", self.wday as i64 + 1),
        ]
    }
}

pub(super) fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

pub(super) fn days_in_year(year: i64) -> i64 {
    if is_leap(year) {
        366
    } else {
        365
    }
}

/// Days from 1970-01-01 to the given date (month 1..=12, day 1..=31; day may exceed the month,
/// the excess simply carries over).
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    // Shift the year to start in March so the leap day is the last day of the year.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400); // [0, 399]
    let mp = (month as i64 + 9) % 12; // March = 0
    let doy = (153 * mp + 2) / 5 + day as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Date of the day `days` after 1970-01-01: (year, month 1..=12, day 1..=31).
pub(super) fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + if month <= 2 { 1 } else { 0 };
    (year, month, day)
}

/// Splits "local seconds since the epoch" into a `Tm` (zone fields left for the caller). `None`
/// when the year does not fit C's `int tm_year`, as glibc reports EOVERFLOW.
pub(super) fn breakdown(local: i64) -> Option<Tm> {
    let days = local.div_euclid(SECS_PER_DAY);
    let secs = local.rem_euclid(SECS_PER_DAY);
    let (year, month, day) = civil_from_days(days);
    i32::try_from(year - 1900).ok()?;
    Some(Tm {
        year,
        month,
        day,
        hour: (secs / 3600) as u32,
        min: (secs / 60 % 60) as u32,
        sec: (secs % 60) as u32,
        wday: (days + 4).rem_euclid(7) as u32, // 1970-01-01 was a Thursday
        yday: (days - days_from_civil(year, 1, 1)) as u32,
        isdst: false,
        utc_offset: 0,
        zone: String::new(),
    })
}

/// UTC broken-down time (`os.date("!...")`); `None` if the year is out of C's range.
pub fn gmtime(t: i64) -> Option<Tm> {
    let mut tm = breakdown(t)?;
    tm.zone = "GMT".to_string();
    Some(tm)
}

/// Broken-down time in `zone`; `None` if the year is out of C's range.
pub fn localtime(t: i64, zone: &TimeZone) -> Option<Tm> {
    let info = zone.info_at(t);
    let mut tm = breakdown(t.checked_add(info.offset)?)?;
    tm.isdst = info.isdst;
    tm.utc_offset = info.offset;
    tm.zone = info.abbr.to_string();
    Some(tm)
}

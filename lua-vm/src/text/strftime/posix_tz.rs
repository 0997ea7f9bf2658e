//! POSIX TZ strings (`std offset [dst [offset] [,start[/time],end[/time]]]`), as found in `TZ` and
//! in TZif footers: parsing and the local time type they give at an instant.

use super::civil::{civil_from_days, is_leap};
use super::zone::LocalType;

/// Day of a DST transition within a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RuleDate {
    /// `Jn`: day 1..=365, February 29th never counted.
    Julian1(i64),
    /// `n`: day 0..=365, February 29th counted.
    Julian0(i64),
    /// `Mm.w.d`: weekday `d` (0 = Sunday) of week `w` (5 = last) of month `m`.
    MonthWeekDay { month: u32, week: i64, weekday: i64 },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Transition {
    date: RuleDate,
    /// Local time of day of the change, in seconds (may be negative or exceed a day).
    time: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Dst {
    ty: LocalType,
    start: Transition,
    end: Transition,
}

/// A parsed POSIX TZ rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct PosixTz {
    pub(super) std: LocalType,
    dst: Option<Dst>,
}

struct Parser<'a> {
    s: &'a [u8],
    pos: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.pos).copied()
    }

    fn eat(&mut self, c: u8) -> bool {
        if self.peek() == Some(c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn name(&mut self) -> Option<String> {
        let start;
        let end;
        if self.eat(b'<') {
            start = self.pos;
            while self.peek()? != b'>' {
                self.pos += 1;
            }
            end = self.pos;
            self.pos += 1;
        } else {
            start = self.pos;
            while self.peek().is_some_and(|c| c.is_ascii_alphabetic()) {
                self.pos += 1;
            }
            end = self.pos;
        }
        if end - start < 3 {
            return None;
        }
        Some(String::from_utf8_lossy(&self.s[start..end]).into_owned())
    }

    fn number(&mut self, max: i64) -> Option<i64> {
        let start = self.pos;
        let mut n: i64 = 0;
        while let Some(c) = self.peek().filter(u8::is_ascii_digit) {
            n = n * 10 + (c - b'0') as i64;
            if n > max {
                return None;
            }
            self.pos += 1;
        }
        (self.pos > start).then_some(n)
    }

    /// `[+-]hh[:mm[:ss]]` in seconds, hours up to `max_hours`.
    fn duration(&mut self, max_hours: i64) -> Option<i64> {
        let sign = if self.eat(b'-') {
            -1
        } else {
            self.eat(b'+');
            1
        };
        let mut secs = self.number(max_hours)? * 3600;
        if self.eat(b':') {
            secs += self.number(59)? * 60;
            if self.eat(b':') {
                secs += self.number(59)?;
            }
        }
        Some(sign * secs)
    }

    fn rule_date(&mut self) -> Option<RuleDate> {
        if self.eat(b'J') {
            let n = self.number(365)?;
            return (n >= 1).then_some(RuleDate::Julian1(n));
        }
        if self.eat(b'M') {
            let month = self.number(12)?;
            if month < 1 || !self.eat(b'.') {
                return None;
            }
            let week = self.number(5)?;
            if week < 1 || !self.eat(b'.') {
                return None;
            }
            let weekday = self.number(6)?;
            return Some(RuleDate::MonthWeekDay {
                month: month as u32,
                week,
                weekday,
            });
        }
        Some(RuleDate::Julian0(self.number(365)?))
    }

    fn transition(&mut self) -> Option<Transition> {
        let date = self.rule_date()?;
        let time = if self.eat(b'/') {
            self.duration(167)?
        } else {
            7200
        };
        Some(Transition { date, time })
    }
}

impl PosixTz {
    pub(super) fn parse(s: &[u8]) -> Option<PosixTz> {
        let mut p = Parser { s, pos: 0 };
        let std_name = p.name()?;
        let std_offset = -p.duration(24)?;
        let std = LocalType {
            offset: std_offset,
            isdst: false,
            abbr: std_name,
        };
        if p.peek().is_none() {
            return Some(PosixTz { std, dst: None });
        }
        let dst_name = p.name()?;
        let dst_offset = match p.peek() {
            Some(c) if c.is_ascii_digit() || c == b'+' || c == b'-' => -p.duration(24)?,
            _ => std_offset + 3600,
        };
        let (start, end) = if p.eat(b',') {
            let start = p.transition()?;
            if !p.eat(b',') {
                return None;
            }
            (start, p.transition()?)
        } else {
            // No rule: glibc's default (the US rules since 2007).
            let us = |month, week| Transition {
                date: RuleDate::MonthWeekDay {
                    month,
                    week,
                    weekday: 0,
                },
                time: 7200,
            };
            (us(3, 2), us(11, 1))
        };
        if p.peek().is_some() {
            return None;
        }
        let ty = LocalType {
            offset: dst_offset,
            isdst: true,
            abbr: dst_name,
        };
        Some(PosixTz {
            std,
            dst: Some(Dst { ty, start, end }),
        })
    }

    /// The leading zone name of an otherwise invalid TZ string, if it has one.
    pub(super) fn parse_name_only(s: &[u8]) -> Option<String> {
        Parser { s, pos: 0 }.name()
    }

    /// The type in effect at `t`, computed like glibc's `__tz_compute`: the transitions of the
    /// UTC year of `t` decide, and that year's transitions are computed with glibc's arithmetic
    /// (including its quirks: years up to 1970 count from 1970-01-01, and the day count is a
    /// C `int` that wraps near year 5.9 million).
    pub(super) fn type_at(&self, t: i64) -> &LocalType {
        let Some(dst) = &self.dst else {
            return &self.std;
        };
        let (year, _, _) = civil_from_days(t.div_euclid(86_400));
        let start = transition_utc(year, dst.start, self.std.offset);
        let end = transition_utc(year, dst.end, dst.ty.offset);
        let in_dst = if start < end {
            start <= t && t < end
        } else {
            t >= start || t < end
        };
        if in_dst {
            &dst.ty
        } else {
            &self.std
        }
    }
}

/// Cumulative days before each month, for common and leap years.
const MONTH_STARTS: [[i64; 13]; 2] = [
    [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365],
    [0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335, 366],
];

/// UTC instant of transition `tr` in `year`, for a local time with UTC offset `offset`.
fn transition_utc(year: i64, tr: Transition, offset: i64) -> i64 {
    let leap = is_leap(year) as usize;
    // January 1st of `year` in days since the epoch, as glibc computes it.
    let jan1 = if year > 1970 {
        let y = year - 1;
        let days = (year - 1970) * 365 + (y / 4 - 1970 / 4) - (y / 100 - 1970 / 100)
            + (y / 400 - 1970 / 400);
        days as i32 as i64
    } else {
        0
    };
    let day = match tr.date {
        RuleDate::Julian1(n) => jan1 + n - 1 + if leap == 1 && n >= 60 { 1 } else { 0 },
        RuleDate::Julian0(n) => jan1 + n,
        RuleDate::MonthWeekDay {
            month,
            week,
            weekday,
        } => {
            let m = month as usize;
            let month_days = MONTH_STARTS[leap][m] - MONTH_STARTS[leap][m - 1];
            // Zeller's congruence for the weekday of the 1st, with C's truncating division.
            let m1 = (month as i64 + 9) % 12 + 1;
            let yy0 = if month <= 2 { year - 1 } else { year };
            let (yy1, yy2) = (yy0 / 100, yy0 % 100);
            let mut dow = ((26 * m1 - 2) / 10 + 1 + yy2 + yy2 / 4 + yy1 / 4 - 2 * yy1) % 7;
            if dow < 0 {
                dow += 7;
            }
            let mut d = weekday - dow;
            if d < 0 {
                d += 7;
            }
            for _ in 1..week {
                if d + 7 >= month_days {
                    break;
                }
                d += 7;
            }
            jan1 + MONTH_STARTS[leap][m - 1] + d
        }
    };
    day.saturating_mul(86_400)
        .saturating_sub(offset)
        .saturating_add(tr.time)
}

//! Time zones: a table of transitions (from a TZif file) and/or a POSIX TZ rule, the lookup of the
//! local time type in effect at an instant, and the choice of the local zone from `TZ` the way
//! glibc's `tzset` does it.

use std::sync::{Arc, Mutex};

use super::posix_tz::PosixTz;
use super::tzif;

/// One local time type: offset, DST flag and abbreviation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct LocalType {
    pub(super) offset: i64,
    pub(super) isdst: bool,
    pub(super) abbr: String,
}

impl LocalType {
    pub(super) fn utc(abbr: &str) -> LocalType {
        LocalType {
            offset: 0,
            isdst: false,
            abbr: abbr.to_string(),
        }
    }
}

/// The local time type in effect at some instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ZoneInfo<'a> {
    /// Seconds east of UTC.
    pub offset: i64,
    pub isdst: bool,
    pub abbr: &'a str,
}

/// A time zone: transitions with their types, then (optionally) a POSIX rule for later instants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeZone {
    pub(super) transitions: Vec<i64>,
    pub(super) transition_types: Vec<usize>,
    /// Never empty; `types[0]` applies before the first transition.
    pub(super) types: Vec<LocalType>,
    pub(super) rule: Option<PosixTz>,
}

const ZONEINFO_DIR: &str = "/usr/share/zoneinfo";

impl TimeZone {
    /// UTC, abbreviated "UTC".
    pub fn utc() -> TimeZone {
        TimeZone::fixed(LocalType::utc("UTC"))
    }

    pub(super) fn fixed(ty: LocalType) -> TimeZone {
        TimeZone {
            transitions: Vec::new(),
            transition_types: Vec::new(),
            types: vec![ty],
            rule: None,
        }
    }

    /// Parses the contents of a TZif file (versions 1 to 4).
    pub fn from_tzif(data: &[u8]) -> Option<TimeZone> {
        tzif::parse(data)
    }

    /// Parses a POSIX TZ string such as `"CET-1CEST,M3.5.0,M10.5.0/3"` or `"<+0330>-3:30"`.
    pub fn from_posix(spec: &str) -> Option<TimeZone> {
        let rule = PosixTz::parse(spec.as_bytes())?;
        Some(TimeZone {
            transitions: Vec::new(),
            transition_types: Vec::new(),
            types: vec![rule.std.clone()],
            rule: Some(rule),
        })
    }

    /// The zone glibc would use for this value of `TZ` (`None` = unset).
    pub fn from_tz_value(tz: Option<&str>) -> TimeZone {
        let Some(tz) = tz else {
            return read_zone_file("/etc/localtime").unwrap_or_else(TimeZone::utc);
        };
        if tz.is_empty() {
            return TimeZone::utc();
        }
        let name = tz.strip_prefix(':').unwrap_or(tz);
        if let Some(zone) = read_named_zone(name) {
            return zone;
        }
        if tz.starts_with(':') {
            return TimeZone::utc();
        }
        if let Some(zone) = TimeZone::from_posix(tz) {
            return zone;
        }
        // glibc keeps a valid leading name with a zero offset (TZ="Nowhere/x" -> "Nowhere").
        match PosixTz::parse_name_only(tz.as_bytes()) {
            Some(name) => TimeZone::fixed(LocalType::utc(&name)),
            None => TimeZone::utc(),
        }
    }

    /// Local time type at instant `t` (seconds since the epoch, UTC).
    pub fn info_at(&self, t: i64) -> ZoneInfo<'_> {
        let ty = self.type_at(t);
        ZoneInfo {
            offset: ty.offset,
            isdst: ty.isdst,
            abbr: &ty.abbr,
        }
    }

    fn type_at(&self, t: i64) -> &LocalType {
        if self.transitions.is_empty() {
            return match &self.rule {
                Some(rule) => rule.type_at(t),
                None => &self.types[0],
            };
        }
        let after = self.transitions.partition_point(|&x| x <= t);
        if after == 0 {
            return &self.types[0];
        }
        if after == self.transitions.len() {
            if let Some(rule) = &self.rule {
                return rule.type_at(t);
            }
        }
        &self.types[self.transition_types[after - 1]]
    }
}

fn read_zone_file(path: &str) -> Option<TimeZone> {
    let data = std::fs::read(path).ok()?;
    TimeZone::from_tzif(&data)
}

/// A zone file named like glibc does: an absolute path, or relative to `$TZDIR` / the system
/// zoneinfo directory (names with `..` components are refused).
fn read_named_zone(name: &str) -> Option<TimeZone> {
    if name.starts_with('/') {
        return read_zone_file(name);
    }
    if name.is_empty() || name.split('/').any(|c| c == "..") {
        return None;
    }
    let dir = std::env::var("TZDIR").unwrap_or_else(|_| ZONEINFO_DIR.to_string());
    read_zone_file(&format!("{dir}/{name}"))
}

/// The local zone for the current value of `TZ`, re-read when `TZ` changes (as `tzset` does).
pub fn local_zone() -> Arc<TimeZone> {
    static CACHE: Mutex<Option<(Option<String>, Arc<TimeZone>)>> = Mutex::new(None);
    let tz = std::env::var("TZ").ok();
    let mut cache = CACHE
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some((key, zone)) = cache.as_ref() {
        if *key == tz {
            return Arc::clone(zone);
        }
    }
    let zone = Arc::new(TimeZone::from_tz_value(tz.as_deref()));
    *cache = Some((tz, Arc::clone(&zone)));
    zone
}

//! The inverse of `localtime` for `os.time(table)`: field validation as the reference's
//! `getfield`, normalisation of out-of-range fields as `mktime` does, and glibc's handling of an
//! explicit `isdst` that disagrees with the zone.

use super::civil::{days_from_civil, localtime, Tm};
use super::zone::TimeZone;
use super::DateError;

/// The fields `os.time` reads: (key, default when absent (`None`: required), delta), where delta
/// is what C subtracts to get the `struct tm` member (it bounds the accepted range).
pub const TIME_FIELDS: [(&str, Option<i64>, i64); 6] = [
    ("year", None, 1900),
    ("month", None, 1),
    ("day", None, 0),
    ("hour", Some(12), 0),
    ("min", Some(0), 0),
    ("sec", Some(0), 0),
];

/// Checks one date-table field. `value` is the field as an integer, `None` when it is nil (a
/// field of another type is the wrapper's "field '<key>' is not an integer" error). Returns the
/// value to put in `DateFields` (unchanged, i.e. a full year, a 1-based month).
pub fn field_value(
    key: &'static str,
    value: Option<i64>,
    default: Option<i64>,
    delta: i64,
) -> Result<i64, DateError> {
    let Some(v) = value else {
        return default.ok_or(DateError::FieldMissing(key));
    };
    let fits = if v >= 0 {
        v as u64 <= i32::MAX as u64 + delta as u64
    } else {
        i32::MIN as i64 + delta <= v
    };
    if fits {
        Ok(v)
    } else {
        Err(DateError::FieldOutOfBound(key))
    }
}

/// The fields of an `os.time` table, already checked with `field_value`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateFields {
    pub year: i64,
    pub month: i64,
    pub day: i64,
    pub hour: i64,
    pub min: i64,
    pub sec: i64,
    /// `None` when the field is nil (let the zone decide).
    pub isdst: Option<bool>,
}

/// glibc's probing parameters when the requested `isdst` disagrees with the zone.
const PROBE_STRIDE: i64 = 601_200;
const PROBE_BOUND: i64 = 457_243_200 / 2 + PROBE_STRIDE;

/// `os.time(table)`: the timestamp of the local time in `fields` (out-of-range fields carry over)
/// and the normalised broken-down time to write back into the table.
pub fn mktime(fields: &DateFields, zone: &TimeZone) -> Result<(i64, Tm), DateError> {
    // Like glibc, resolve the zone offset with the seconds clamped to 0..=59 and add the
    // excess afterwards (so a huge `sec` keeps the offset of the clamped date).
    let clamped = DateFields {
        sec: fields.sec.clamp(0, 59),
        ..*fields
    };
    let local = local_seconds(&clamped).ok_or(DateError::TimeNotRepresentable)?;
    let t = resolve(local, fields.isdst, zone)
        .and_then(|t| t.checked_add(fields.sec - clamped.sec))
        .ok_or(DateError::TimeNotRepresentable)?;
    // glibc returns -1 for errors, so a genuine -1 is reported as an error too (as the reference).
    if t == -1 {
        return Err(DateError::TimeNotRepresentable);
    }
    let tm = localtime(t, zone).ok_or(DateError::TimeNotRepresentable)?;
    Ok((t, tm))
}

/// The fields as seconds since the epoch, reading them as UTC.
fn local_seconds(f: &DateFields) -> Option<i64> {
    let month0 = f.month.checked_sub(1)?;
    let year = f.year.checked_add(month0.div_euclid(12))?;
    let month = (month0.rem_euclid(12) + 1) as u32;
    let days = days_from_civil(year, month, 1).checked_add(f.day.checked_sub(1)?)?;
    days.checked_mul(86_400)?
        .checked_add(f.hour.checked_mul(3600)?)?
        .checked_add(f.min.checked_mul(60)?)?
        .checked_add(f.sec)
}

/// Finds the instant whose local time in `zone` is `local`. Like glibc's `mktime` in a fresh
/// process: iterate `t = local - offset(t)` from `t = local`; a repeated time in a fall-back
/// overlap resolves to the fixed point reached first. A skipped time (spring-forward gap)
/// oscillates: it takes the offset of the requested kind (`isdst`) if given, else the offset in
/// effect before the gap. (glibc seeds the iteration with the offset of the previous `mktime`
/// call, so for times in a gap or overlap with `isdst == nil` its answer can depend on history;
/// this function always behaves as on the first call.)
fn resolve(local: i64, isdst: Option<bool>, zone: &TimeZone) -> Option<i64> {
    let first = zone.info_at(local);
    let t1 = local.checked_sub(first.offset)?;
    let second = zone.info_at(t1);
    let mut t = if second.offset == first.offset {
        t1
    } else {
        let t2 = local.checked_sub(second.offset)?;
        if zone.info_at(t2).offset == second.offset {
            t2
        } else {
            // In a gap: the two offsets around it are `first` and `second`.
            let (before, after) = if t1 < t2 {
                (second, first)
            } else {
                (first, second)
            };
            let offset = match isdst {
                Some(want) if after.isdst == want && before.isdst != want => after.offset,
                _ => before.offset,
            };
            local.checked_sub(offset)?
        }
    };
    if let Some(want) = isdst {
        let got = zone.info_at(t).isdst;
        if got != want {
            t = adjust_isdst(local, t, want, got, zone)?;
        }
    }
    Some(t)
}

/// glibc: look for a nearby instant with the requested DST flag and use its offset; failing that,
/// assume DST is one hour ahead.
fn adjust_isdst(local: i64, t: i64, want: bool, got: bool, zone: &TimeZone) -> Option<i64> {
    let mut delta = PROBE_STRIDE;
    while delta < PROBE_BOUND {
        for probe in [t.checked_sub(delta), t.checked_add(delta)]
            .into_iter()
            .flatten()
        {
            let info = zone.info_at(probe);
            if info.isdst == want {
                return local.checked_sub(info.offset);
            }
        }
        delta += PROBE_STRIDE;
    }
    let dst_difference = (!want) as i64 - (!got) as i64;
    t.checked_add(3600 * dst_difference)
}

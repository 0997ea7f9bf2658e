//! Helpers for the generated reference cases (`tests_generated.rs`) and hand-written tests of the
//! calendar arithmetic, TZif/POSIX parsing robustness and format validation. Expected values were
//! obtained by running lua5.4 on the same inputs.

use super::*;

fn escape(s: &[u8]) -> String {
    let mut out = String::new();
    for &b in s {
        if (32..=126).contains(&b) && b != b'"' && b != b'\\' {
            out.push(b as char);
        } else {
            out.push_str(&format!("\\x{b:02x}"));
        }
    }
    out
}

fn fields(tm: &Tm) -> String {
    let mut parts: Vec<String> = tm
        .lua_fields()
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    parts.push(format!("isdst={}", tm.isdst));
    parts.join(",")
}

fn zone(tz: Option<&str>) -> TimeZone {
    TimeZone::from_tz_value(tz)
}

/// `os.date(fmt, t)` with `TZ=tz` (`None`: only UTC formats are used).
pub(super) fn check_date(tz: Option<&str>, fmt: &[u8], t: i64, expected: &str) {
    let (utc, spec) = parse_date_format(fmt);
    let tm = if utc {
        gmtime(t)
    } else {
        localtime(t, &zone(tz))
    };
    let got = match tm {
        None => format!("error: {}", DateError::DateNotRepresentable),
        Some(tm) => match spec {
            DateSpec::Table => fields(&tm),
            DateSpec::Format(f) => {
                let mut out = Vec::new();
                match strftime(f, &tm, &mut out) {
                    Ok(()) => escape(&out),
                    Err(e) => format!("error: {}", escape(&e.message())),
                }
            }
        },
    };
    assert_eq!(got, expected, "os.date({:?}, {t}) TZ={tz:?}", escape(fmt));
}

/// `os.time{...}` with `TZ=tz`; fields in `TIME_FIELDS` order.
pub(super) fn check_time(
    tz: Option<&str>,
    f: [Option<i64>; 6],
    isdst: Option<bool>,
    expected: &str,
) {
    let run = || -> Result<String, DateError> {
        let mut v = [0i64; 6];
        for (i, (key, default, delta)) in TIME_FIELDS.iter().enumerate() {
            v[i] = field_value(key, f[i], *default, *delta)?;
        }
        let fields_in = DateFields {
            year: v[0],
            month: v[1],
            day: v[2],
            hour: v[3],
            min: v[4],
            sec: v[5],
            isdst,
        };
        let (t, tm) = mktime(&fields_in, &zone(tz))?;
        Ok(format!("{t};{}", fields(&tm)))
    };
    let got = run().unwrap_or_else(|e| format!("error: {e}"));
    assert_eq!(got, expected, "os.time({f:?}, isdst={isdst:?}) TZ={tz:?}");
}

#[test]
fn calendar_round_trip() {
    for days in (-800_000..800_000).step_by(7) {
        let (y, m, d) = civil::civil_from_days(days);
        assert_eq!(days_from_civil(y, m, d), days);
    }
    assert_eq!(days_from_civil(1970, 1, 1), 0);
    assert_eq!(days_from_civil(2000, 3, 1), 11_017);
}

#[test]
fn gmtime_limits() {
    assert!(gmtime(i64::MAX).is_none());
    assert!(gmtime(i64::MIN).is_none());
    assert!(localtime(i64::MAX, &TimeZone::from_posix("AAA-14").unwrap()).is_none());
    let tz = zone(Some("America/New_York"));
    assert!(localtime(i64::MAX, &tz).is_none());
    assert!(localtime(i64::MIN, &tz).is_none());
}

#[test]
fn date_format_prefixes() {
    assert_eq!(parse_date_format(b"!*t"), (true, DateSpec::Table));
    assert_eq!(parse_date_format(b"*t\0x"), (false, DateSpec::Table));
    assert_eq!(parse_date_format(b"*t "), (false, DateSpec::Format(b"*t ")));
    assert_eq!(parse_date_format(b""), (false, DateSpec::Format(b"")));
    assert_eq!(parse_date_format(b"!"), (true, DateSpec::Format(b"")));
}

#[test]
fn error_messages() {
    assert_eq!(
        DateError::InvalidConversion(b"Ez".to_vec()).to_string(),
        "invalid conversion specifier '%Ez'"
    );
    assert_eq!(
        DateError::FieldOutOfBound("year").to_string(),
        "field 'year' is out-of-bound"
    );
    assert_eq!(
        DateError::FieldMissing("day").to_string(),
        "field 'day' missing in date table"
    );
    assert_eq!(
        DateError::FieldNotInteger("day").to_string(),
        "field 'day' is not an integer"
    );
    assert_eq!(
        DateError::TimeNotRepresentable.to_string(),
        "time result cannot be represented in this installation"
    );
    assert_eq!(
        DateError::DateNotRepresentable.to_string(),
        "date result cannot be represented in this installation"
    );
}

#[test]
fn field_checks() {
    // lua5.4: os.time{year=2^31+1900, month=1, day=1} -> field 'year' is out-of-bound
    assert_eq!(
        field_value("year", Some((1 << 31) + 1900), None, 1900),
        Err(DateError::FieldOutOfBound("year"))
    );
    assert_eq!(
        field_value("year", Some((1 << 31) + 1899), None, 1900),
        Ok((1 << 31) + 1899)
    );
    assert_eq!(field_value("month", Some(1 << 31), None, 1), Ok(1 << 31));
    assert_eq!(
        field_value("day", Some(1 << 31), None, 0),
        Err(DateError::FieldOutOfBound("day"))
    );
    assert_eq!(
        field_value("day", None, None, 0),
        Err(DateError::FieldMissing("day"))
    );
    assert_eq!(field_value("hour", None, Some(12), 0), Ok(12));
    assert_eq!(
        field_value("sec", Some(i64::MIN), Some(0), 0),
        Err(DateError::FieldOutOfBound("sec"))
    );
}

#[test]
fn posix_strings() {
    for good in [
        "EST5",
        "EST5EDT",
        "<+03>-3",
        "AAA-10:30BBB-11,M10.1.0/2:00:00,M4.1.0/3",
    ] {
        assert!(TimeZone::from_posix(good).is_some(), "{good}");
    }
    for bad in [
        "",
        "E5",
        "EST",
        "EST5EDT,M3",
        "EST5EDT,M13.1.0,M11.1.0",
        "EST5EDT,J0,J1",
        "<ab",
    ] {
        assert!(TimeZone::from_posix(bad).is_none(), "{bad}");
    }
    // TZif v3 extension: transition times beyond 24h and negative.
    let tz = TimeZone::from_posix("EST5EDT,0/0,J365/25").unwrap();
    assert!(tz.info_at(1_720_000_000).isdst);
    assert!(tz.info_at(1_704_067_200 + 3600 * 6).isdst);
}

#[test]
fn tzif_garbage_never_panics() {
    let real = std::fs::read("/usr/share/zoneinfo/America/New_York").ok();
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let base = real.unwrap_or_else(|| b"TZif2".to_vec());
    for _ in 0..3000 {
        let mut data = base.clone();
        let cut = (next() % (data.len() as u64 + 1)) as usize;
        data.truncate(cut);
        for _ in 0..(next() % 4) {
            if !data.is_empty() {
                let i = (next() % data.len() as u64) as usize;
                data[i] = next() as u8;
            }
        }
        if let Some(tz) = TimeZone::from_tzif(&data) {
            for t in [i64::MIN, -1, 0, 1_720_000_000, i64::MAX] {
                let _ = localtime(t, &tz);
                let fields = DateFields {
                    year: 2024,
                    month: 3,
                    day: 10,
                    hour: 2,
                    min: 30,
                    sec: 0,
                    isdst: Some(true),
                };
                let _ = mktime(&fields, &tz);
            }
        }
    }
}

#[test]
fn strftime_output_is_complete_for_every_option() {
    let tm = gmtime(1_763_735_534).unwrap();
    let mut out = Vec::new();
    strftime(b"%c", &tm, &mut out).unwrap();
    assert_eq!(out, b"Fri Nov 21 14:32:14 2025");
    for c in b"aAbBcCdDeFgGhHIjmMnprRStTuUVwWxXyYzZ%" {
        let mut out = Vec::new();
        strftime(&[b'%', *c], &tm, &mut out).unwrap();
        assert!(!out.is_empty(), "%{}", *c as char);
    }
}

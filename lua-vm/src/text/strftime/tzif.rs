//! Reader for TZif files (RFC 8536, versions 1 to 4): transition times, local time types and the
//! POSIX TZ footer. Leap-second records are skipped. Malformed data gives `None`, never a panic.

use super::posix_tz::PosixTz;
use super::zone::{LocalType, TimeZone};

struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.pos.checked_add(n)?;
        let bytes = self.data.get(self.pos..end)?;
        self.pos = end;
        Some(bytes)
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_be_bytes(self.take(4)?.try_into().ok()?))
    }

    fn i32(&mut self) -> Option<i32> {
        Some(i32::from_be_bytes(self.take(4)?.try_into().ok()?))
    }

    fn i64(&mut self) -> Option<i64> {
        Some(i64::from_be_bytes(self.take(8)?.try_into().ok()?))
    }
}

struct Header {
    version: u8,
    isutcnt: usize,
    isstdcnt: usize,
    leapcnt: usize,
    timecnt: usize,
    typecnt: usize,
    charcnt: usize,
}

fn header(r: &mut Reader<'_>) -> Option<Header> {
    if r.take(4)? != b"TZif" {
        return None;
    }
    let version = r.take(1)?[0];
    r.take(15)?;
    let mut counts = [0usize; 6];
    for c in &mut counts {
        *c = r.u32()? as usize;
    }
    let [isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt] = counts;
    Some(Header {
        version,
        isutcnt,
        isstdcnt,
        leapcnt,
        timecnt,
        typecnt,
        charcnt,
    })
}

/// Reads one data block whose transition times are `time_size` bytes wide.
fn block(r: &mut Reader<'_>, h: &Header, time_size: usize) -> Option<TimeZone> {
    let mut transitions = Vec::with_capacity(h.timecnt.min(4096));
    for _ in 0..h.timecnt {
        transitions.push(if time_size == 8 {
            r.i64()?
        } else {
            r.i32()? as i64
        });
    }
    let transition_types: Vec<usize> = r.take(h.timecnt)?.iter().map(|&i| i as usize).collect();
    let mut raw_types = Vec::with_capacity(h.typecnt.min(256));
    for _ in 0..h.typecnt {
        let offset = r.i32()? as i64;
        let flags = r.take(2)?;
        raw_types.push((offset, flags[0] != 0, flags[1] as usize));
    }
    let chars = r.take(h.charcnt)?;
    r.take(h.leapcnt.checked_mul(time_size + 4)?)?;
    r.take(h.isstdcnt)?;
    r.take(h.isutcnt)?;
    if raw_types.is_empty() || transition_types.iter().any(|&i| i >= raw_types.len()) {
        return None;
    }
    let types = raw_types
        .into_iter()
        .map(|(offset, isdst, idx)| {
            let tail = chars.get(idx..).unwrap_or(&[]);
            let len = tail.iter().position(|&c| c == 0).unwrap_or(tail.len());
            LocalType {
                offset,
                isdst,
                abbr: String::from_utf8_lossy(&tail[..len]).into_owned(),
            }
        })
        .collect();
    Some(TimeZone {
        transitions,
        transition_types,
        types,
        rule: None,
    })
}

pub(super) fn parse(data: &[u8]) -> Option<TimeZone> {
    let mut r = Reader { data, pos: 0 };
    let h1 = header(&mut r)?;
    if h1.version < b'2' {
        return block(&mut r, &h1, 4);
    }
    // Skip the 32-bit block; the 64-bit one follows with its own header.
    let v1_len = [
        h1.timecnt as u64 * 5,
        h1.typecnt as u64 * 6,
        h1.charcnt as u64,
        h1.leapcnt as u64 * 8,
        h1.isstdcnt as u64,
        h1.isutcnt as u64,
    ]
    .iter()
    .sum::<u64>();
    let v1_len = usize::try_from(v1_len).ok()?;
    r.take(v1_len)?;
    let h2 = header(&mut r)?;
    let mut zone = block(&mut r, &h2, 8)?;
    let rest = &data[r.pos..];
    if let Some(body) = rest.strip_prefix(b"\n") {
        if let Some(end) = body.iter().position(|&c| c == b'\n') {
            if end > 0 {
                zone.rule = PosixTz::parse(&body[..end]);
            }
        }
    }
    Some(zone)
}

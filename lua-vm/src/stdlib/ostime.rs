//! `os.date`, `os.time` and `os.difftime`: argument handling and date tables around the calendar
//! and strftime engine of `text::strftime` (UTC with `!`, local time from `TZ` / `/etc/localtime`).
#![forbid(unsafe_code)]

use crate::text::strftime::{self as tf, DateFields, DateSpec, Tm};
use crate::value::Type;
use crate::vm::error::LuaResult;
use crate::vm::state::State;

/// The current time in whole seconds since the epoch (C's `time(NULL)`).
fn now() -> i64 {
    match std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        Ok(d) => d.as_secs() as i64,
        Err(e) => -(e.duration().as_secs() as i64),
    }
}

/// Writes the fields of `tm` into the table on top (`setallfields`).
fn set_all_fields(st: &mut State, tm: &Tm) -> LuaResult<()> {
    for (key, value) in tm.lua_fields() {
        st.push_integer(value);
        st.set_field(-2, key)?;
    }
    st.push_bool(tm.isdst);
    st.set_field(-2, "isdst")
}

pub(super) fn date(st: &mut State) -> LuaResult<usize> {
    let fmt = st.opt_bytes(1, b"%c")?;
    let t = if st.is_none_or_nil(2) {
        now()
    } else {
        st.check_integer(2)?
    };
    let (utc, spec) = tf::parse_date_format(fmt);
    let tm = if utc {
        tf::gmtime(t)
    } else {
        tf::localtime(t, &tf::local_zone())
    };
    let Some(tm) = tm else {
        return Err(st.error_msg("date result cannot be represented in this installation"));
    };
    match spec {
        DateSpec::Table => {
            st.create_table(0, 9)?;
            set_all_fields(st, &tm)?;
        }
        DateSpec::Format(f) => {
            let mut buf = Vec::new();
            if let Err(e) = tf::strftime(f, &tm, &mut buf) {
                let msg = String::from_utf8_lossy(&e.message()).into_owned();
                return Err(st.arg_error(1, &msg));
            }
            st.push_bytes(&buf)?;
        }
    }
    Ok(1)
}

/// Reads integer field `key` of the table on top (`getfield`): `None` when it is nil.
fn get_field(st: &mut State, key: &'static str) -> LuaResult<Option<i64>> {
    let t = st.get_field(-1, key)?;
    let v = st.to_integer(-1);
    st.pop(1);
    if v.is_none() && t != Type::Nil {
        return Err(st.error_msg(format!("field '{key}' is not an integer")));
    }
    Ok(v)
}

/// Reads and checks the date fields of the table on top, in the reference's order.
fn read_fields(st: &mut State) -> LuaResult<DateFields> {
    let mut vals = [0i64; 6];
    for (slot, (key, default, delta)) in vals.iter_mut().zip(tf::TIME_FIELDS) {
        let v = get_field(st, key)?;
        *slot = match tf::field_value(key, v, default, delta) {
            Ok(v) => v,
            Err(e) => return Err(st.error_msg(e.message())),
        };
    }
    let isdst = if st.get_field(-1, "isdst")? == Type::Nil {
        None
    } else {
        Some(st.to_boolean(-1))
    };
    st.pop(1);
    let [year, month, day, hour, min, sec] = vals;
    Ok(DateFields {
        year,
        month,
        day,
        hour,
        min,
        sec,
        isdst,
    })
}

pub(super) fn time(st: &mut State) -> LuaResult<usize> {
    if st.is_none_or_nil(1) {
        st.push_integer(now());
        return Ok(1);
    }
    st.check_type(1, Type::Table)?;
    st.set_top(1);
    let fields = read_fields(st)?;
    match tf::mktime(&fields, &tf::local_zone()) {
        Ok((t, tm)) => {
            set_all_fields(st, &tm)?;
            st.push_integer(t);
            Ok(1)
        }
        Err(e) => Err(st.error_msg(e.message())),
    }
}

pub(super) fn difftime(st: &mut State) -> LuaResult<usize> {
    let t1 = st.check_integer(1)?;
    let t2 = st.check_integer(2)?;
    // glibc subtracts exactly and rounds once
    st.push_number((t1 as i128 - t2 as i128) as f64);
    Ok(1)
}

//! `IntoLua`/`FromLua` for the standard types: booleans, every integer type (strict: a float with no
//! exact integer value or a value out of the target's range is an error, never a truncation), floats,
//! strings and byte strings, `Option`, `Vec` (sequences) and maps. As `luaL_checkinteger`,
//! `luaL_checknumber` and `luaL_checklstring` do, numeric strings read as numbers and numbers as
//! strings; `bool` wants a boolean (not any truthy value). Tables are read with raw access, so a
//! conversion never runs Lua code.

use std::collections::{BTreeMap, HashMap};
use std::hash::Hash;

use lua_vm::value::{Type, Value as RawValue};
use lua_vm::State;

use crate::error::{Error, Result};
use crate::protect::from_lua_error;
use crate::traits::{via_stack, FromLua, IntoLua};

/// The name of the type found at `idx` as `luaL_typeerror` words it: a `__name` metafield, "light
/// userdata", "no value" for a missing argument, or the type name.
pub(crate) fn got_name(st: &mut State, idx: i32) -> String {
    if matches!(st.value_at(idx), RawValue::UserData(_) | RawValue::Table(_))
        && st.get_metafield(idx, "__name").ok() == Some(Type::String)
    {
        let s = st
            .to_str_obj(-1)
            .map(|s| String::from_utf8_lossy(s.get().as_bytes()).into_owned());
        st.pop(1);
        if let Some(s) = s {
            return s;
        }
    }
    if matches!(st.value_at(idx), RawValue::LightUserData(_)) {
        return "light userdata".to_string();
    }
    st.type_name_at(idx).to_string()
}

/// "`expected` expected, got X" for the value at `idx`.
pub(crate) fn type_error(st: &mut State, idx: i32, expected: &str) -> Error {
    Error::conversion(got_name(st, idx), expected)
}

/// Checks that the value at `idx` is a table.
pub(crate) fn expect_table(st: &mut State, idx: i32) -> Result<()> {
    if st.is_table(idx) {
        Ok(())
    } else {
        Err(type_error(st, idx, "table"))
    }
}

/// Reads the value at `idx` as a Lua integer (integers, floats with an exact integer value, numeric
/// strings), as `luaL_checkinteger` accepts them.
pub(crate) fn read_integer(st: &mut State, idx: i32) -> Result<i64> {
    if let RawValue::Int(i) = st.value_at(idx) {
        return Ok(i);
    }
    match st.to_integer(idx) {
        Some(i) => Ok(i),
        None if st.is_number(idx) => Err(Error::conversion_msg(
            "number",
            "number",
            "number has no integer representation",
        )),
        None => Err(type_error(st, idx, "number")),
    }
}

fn out_of_range(from: &str) -> Error {
    Error::conversion_msg(from, "number", "value out of range")
}

macro_rules! small_int {
    ($($t:ty),*) => {$(
        impl FromLua for $t {
            #[inline]
            fn from_stack(st: &mut State, idx: i32) -> Result<Self> {
                let i = read_integer(st, idx)?;
                <$t>::try_from(i).map_err(|_| out_of_range("number"))
            }
            #[inline]
            fn from_arg(st: &mut State, idx: i32, v: RawValue) -> Result<Self> {
                match v {
                    RawValue::Int(i) => <$t>::try_from(i).map_err(|_| out_of_range("number")),
                    _ => Self::from_stack(st, idx),
                }
            }
            #[inline]
            fn from_raw(st: &mut State, v: RawValue) -> Result<Self> {
                match v {
                    RawValue::Int(i) => <$t>::try_from(i).map_err(|_| out_of_range("number")),
                    _ => via_stack(st, v),
                }
            }
        }
        impl IntoLua for $t {
            #[inline]
            fn push_into(self, st: &mut State) -> Result<()> {
                st.push_integer(self as i64);
                Ok(())
            }
            #[inline]
            fn into_raw(self, _st: &mut State) -> Result<RawValue> {
                Ok(RawValue::Int(self as i64))
            }
        }
    )*};
}
small_int!(i8, i16, i32, u8, u16, u32);

impl FromLua for i64 {
    #[inline]
    fn from_stack(st: &mut State, idx: i32) -> Result<Self> {
        read_integer(st, idx)
    }
    #[inline]
    fn from_arg(st: &mut State, idx: i32, v: RawValue) -> Result<Self> {
        match v {
            RawValue::Int(i) => Ok(i),
            _ => read_integer(st, idx),
        }
    }
    #[inline]
    fn from_raw(st: &mut State, v: RawValue) -> Result<Self> {
        match v {
            RawValue::Int(i) => Ok(i),
            _ => via_stack(st, v),
        }
    }
}

impl IntoLua for i64 {
    #[inline]
    fn push_into(self, st: &mut State) -> Result<()> {
        st.push_integer(self);
        Ok(())
    }
    #[inline]
    fn into_raw(self, _st: &mut State) -> Result<RawValue> {
        Ok(RawValue::Int(self))
    }
}

macro_rules! wide_int {
    ($($t:ty),*) => {$(
        impl FromLua for $t {
            #[inline]
            fn from_stack(st: &mut State, idx: i32) -> Result<Self> {
                let i = read_integer(st, idx)?;
                <$t>::try_from(i).map_err(|_| out_of_range("number"))
            }
        }
        impl IntoLua for $t {
            #[inline]
            fn push_into(self, st: &mut State) -> Result<()> {
                let i = i64::try_from(self).map_err(|_| out_of_range(stringify!($t)))?;
                st.push_integer(i);
                Ok(())
            }
        }
    )*};
}
wide_int!(u64, usize, isize, i128, u128);

impl FromLua for f64 {
    #[inline]
    fn from_stack(st: &mut State, idx: i32) -> Result<Self> {
        match st.value_at(idx) {
            RawValue::Num(n) => Ok(n),
            RawValue::Int(i) => Ok(i as f64),
            _ => match st.to_number(idx) {
                Some(n) => Ok(n),
                None => Err(type_error(st, idx, "number")),
            },
        }
    }
    #[inline]
    fn from_arg(st: &mut State, idx: i32, v: RawValue) -> Result<Self> {
        match v {
            RawValue::Num(n) => Ok(n),
            RawValue::Int(i) => Ok(i as f64),
            _ => Self::from_stack(st, idx),
        }
    }
    #[inline]
    fn from_raw(st: &mut State, v: RawValue) -> Result<Self> {
        match v {
            RawValue::Num(n) => Ok(n),
            RawValue::Int(i) => Ok(i as f64),
            _ => via_stack(st, v),
        }
    }
}

impl IntoLua for f64 {
    #[inline]
    fn push_into(self, st: &mut State) -> Result<()> {
        st.push_number(self);
        Ok(())
    }
    #[inline]
    fn into_raw(self, _st: &mut State) -> Result<RawValue> {
        Ok(RawValue::Num(self))
    }
}

impl FromLua for f32 {
    fn from_stack(st: &mut State, idx: i32) -> Result<Self> {
        f64::from_stack(st, idx).map(|n| n as f32)
    }
}

impl IntoLua for f32 {
    fn push_into(self, st: &mut State) -> Result<()> {
        st.push_number(self as f64);
        Ok(())
    }
}

impl FromLua for bool {
    #[inline]
    fn from_stack(st: &mut State, idx: i32) -> Result<Self> {
        match st.value_at(idx) {
            RawValue::Bool(b) => Ok(b),
            _ => Err(type_error(st, idx, "boolean")),
        }
    }
    #[inline]
    fn from_arg(st: &mut State, idx: i32, v: RawValue) -> Result<Self> {
        match v {
            RawValue::Bool(b) => Ok(b),
            _ => Self::from_stack(st, idx),
        }
    }
    #[inline]
    fn from_raw(st: &mut State, v: RawValue) -> Result<Self> {
        match v {
            RawValue::Bool(b) => Ok(b),
            _ => via_stack(st, v),
        }
    }
}

impl IntoLua for bool {
    #[inline]
    fn push_into(self, st: &mut State) -> Result<()> {
        st.push_bool(self);
        Ok(())
    }
    #[inline]
    fn into_raw(self, _st: &mut State) -> Result<RawValue> {
        Ok(RawValue::Bool(self))
    }
}

/// Reads a string (numbers are converted, as `lua_tolstring` does).
pub(crate) fn read_bytes(st: &mut State, idx: i32) -> Result<Vec<u8>> {
    match st.value_at(idx) {
        RawValue::Str(s) => Ok(s.get().as_bytes().to_vec()),
        RawValue::Int(_) | RawValue::Num(_) => {
            // Convert a copy, so the slot itself keeps its number.
            st.push_value(idx);
            let r = st.to_bytes(-1).map(|b| b.unwrap_or(b"").to_vec());
            st.pop(1);
            r.map_err(from_lua_error)
        }
        _ => Err(type_error(st, idx, "string")),
    }
}

/// A Lua string's bytes as a `String`, if they are UTF-8.
#[inline]
fn utf8_string(b: &[u8]) -> Result<String> {
    match std::str::from_utf8(b) {
        Ok(s) => Ok(s.to_owned()),
        Err(_) => Err(not_utf8()),
    }
}

/// A Lua string as a `String`, if it is UTF-8.
#[inline]
fn lua_string(s: &lua_vm::value::string::LuaStr) -> Result<String> {
    match s.to_str() {
        Some(s) => Ok(s.to_owned()),
        None => Err(not_utf8()),
    }
}

#[cold]
fn not_utf8() -> Error {
    Error::conversion_msg("string", "string", "string is not valid UTF-8")
}

impl FromLua for String {
    fn from_stack(st: &mut State, idx: i32) -> Result<Self> {
        match st.value_at(idx) {
            RawValue::Str(s) => lua_string(s.get()),
            _ => {
                let b = read_bytes(st, idx)?;
                utf8_string(&b)
            }
        }
    }
    #[inline]
    fn from_arg(st: &mut State, idx: i32, v: RawValue) -> Result<Self> {
        match v {
            RawValue::Str(s) => lua_string(s.get()),
            _ => Self::from_stack(st, idx),
        }
    }
    #[inline]
    fn from_raw(st: &mut State, v: RawValue) -> Result<Self> {
        match v {
            RawValue::Str(s) => lua_string(s.get()),
            _ => via_stack(st, v),
        }
    }
}

impl IntoLua for String {
    fn push_into(self, st: &mut State) -> Result<()> {
        st.push_bytes(self.as_bytes()).map_err(from_lua_error)
    }
    #[inline]
    fn into_raw(self, st: &mut State) -> Result<RawValue> {
        let s = st.new_str(self.as_bytes()).map_err(from_lua_error)?;
        Ok(RawValue::Str(s))
    }
}

impl IntoLua for &str {
    fn push_into(self, st: &mut State) -> Result<()> {
        st.push_bytes(self.as_bytes()).map_err(from_lua_error)
    }
    #[inline]
    fn into_raw(self, st: &mut State) -> Result<RawValue> {
        let s = st.new_str(self.as_bytes()).map_err(from_lua_error)?;
        Ok(RawValue::Str(s))
    }
}

impl IntoLua for &String {
    fn push_into(self, st: &mut State) -> Result<()> {
        st.push_bytes(self.as_bytes()).map_err(from_lua_error)
    }
}

/// A Lua string as raw bytes (Lua strings need not be UTF-8).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Bytes(pub Vec<u8>);

impl FromLua for Bytes {
    fn from_stack(st: &mut State, idx: i32) -> Result<Self> {
        read_bytes(st, idx).map(Bytes)
    }
}

impl IntoLua for Bytes {
    fn push_into(self, st: &mut State) -> Result<()> {
        st.push_bytes(&self.0).map_err(from_lua_error)
    }
}

impl IntoLua for &[u8] {
    fn push_into(self, st: &mut State) -> Result<()> {
        st.push_bytes(self).map_err(from_lua_error)
    }
}

impl<T: FromLua> FromLua for Option<T> {
    #[inline]
    fn from_stack(st: &mut State, idx: i32) -> Result<Self> {
        if st.is_none_or_nil(idx) {
            Ok(None)
        } else {
            T::from_stack(st, idx).map(Some)
        }
    }
    #[inline]
    fn from_arg(st: &mut State, idx: i32, v: RawValue) -> Result<Self> {
        match v {
            RawValue::Nil => Ok(None),
            _ => T::from_arg(st, idx, v).map(Some),
        }
    }
    #[inline]
    fn from_raw(st: &mut State, v: RawValue) -> Result<Self> {
        match v {
            RawValue::Nil => Ok(None),
            _ => T::from_raw(st, v).map(Some),
        }
    }
}

impl<T: IntoLua> IntoLua for Option<T> {
    #[inline]
    fn push_into(self, st: &mut State) -> Result<()> {
        match self {
            Some(v) => v.push_into(st),
            None => {
                st.push_nil();
                Ok(())
            }
        }
    }
    #[inline]
    fn into_raw(self, st: &mut State) -> Result<RawValue> {
        match self {
            Some(v) => v.into_raw(st),
            None => Ok(RawValue::Nil),
        }
    }
}

/// Pushes `t[i]` (raw) of the table at `idx`, converts it and pops it.
pub(crate) fn raw_index<T: FromLua>(st: &mut State, idx: i32, i: i64) -> Result<T> {
    st.raw_get_i(idx, i);
    let top = st.get_top();
    let r = T::from_stack(st, top);
    st.pop(1);
    r.map_err(|e| e.in_index(i))
}

impl<T: FromLua> FromLua for Vec<T> {
    fn from_stack(st: &mut State, idx: i32) -> Result<Self> {
        let idx = st.abs_index(idx);
        expect_table(st, idx)?;
        let n = st.raw_len(idx) as i64;
        let mut out = Vec::with_capacity(n as usize);
        for i in 1..=n {
            out.push(raw_index(st, idx, i)?);
        }
        Ok(out)
    }
}

/// Pushes a new table holding `items` as a sequence.
pub(crate) fn push_sequence<T: IntoLua>(
    st: &mut State,
    items: impl ExactSizeIterator<Item = T>,
) -> Result<()> {
    st.gc_check();
    let t = st.push_new_table(items.len(), 0).map_err(from_lua_error)?;
    for (i, v) in items.enumerate() {
        let r = match v.into_raw(st) {
            Ok(v) => st.table_set_int(t, i as i64 + 1, v).map_err(from_lua_error),
            Err(e) => Err(e),
        };
        if let Err(e) = r {
            st.pop(1);
            return Err(e);
        }
    }
    Ok(())
}

impl<T: IntoLua> IntoLua for Vec<T> {
    fn push_into(self, st: &mut State) -> Result<()> {
        push_sequence(st, self.into_iter())
    }
}

/// Text naming a table key in a field path.
fn key_segment(v: &RawValue) -> String {
    match v {
        RawValue::Str(s) => String::from_utf8_lossy(s.get().as_bytes()).into_owned(),
        RawValue::Int(i) => format!("[{i}]"),
        other => format!("[{}]", crate::protect::plain_text(other)),
    }
}

/// Calls `f(key, value)` for each pair of the table at `idx` (raw `next` order).
pub(crate) fn for_each_pair(
    st: &mut State,
    idx: i32,
    mut f: impl FnMut(&mut State, i32, i32) -> Result<()>,
) -> Result<()> {
    let idx = st.abs_index(idx);
    expect_table(st, idx)?;
    st.push_nil();
    loop {
        match st.next(idx) {
            Ok(true) => {}
            Ok(false) => return Ok(()),
            Err(e) => return Err(from_lua_error(e)),
        }
        // Convert a copy of the key so that `next` still sees the original.
        st.push_value(-2);
        let top = st.get_top();
        let r = f(st, top, top - 1).map_err(|e| e.in_field(&key_segment(&st.value_at(top))));
        st.pop(2);
        if let Err(e) = r {
            st.pop(1);
            return Err(e);
        }
    }
}

fn read_map<K: FromLua, V: FromLua>(
    st: &mut State,
    idx: i32,
    mut insert: impl FnMut(K, V),
) -> Result<()> {
    for_each_pair(st, idx, |st, k, v| {
        let key = K::from_stack(st, k)?;
        let val = V::from_stack(st, v)?;
        insert(key, val);
        Ok(())
    })
}

fn push_map<K: IntoLua, V: IntoLua>(
    st: &mut State,
    n: usize,
    pairs: impl Iterator<Item = (K, V)>,
) -> Result<()> {
    st.gc_check();
    st.create_table(0, n).map_err(from_lua_error)?;
    for (k, v) in pairs {
        let r = k
            .push_into(st)
            .and_then(|()| v.push_into(st).inspect_err(|_| st.pop(1)))
            .and_then(|()| st.raw_set(-3).map_err(from_lua_error));
        if let Err(e) = r {
            st.pop(1);
            return Err(e);
        }
    }
    Ok(())
}

impl<K: FromLua + Eq + Hash, V: FromLua, S: std::hash::BuildHasher + Default> FromLua
    for HashMap<K, V, S>
{
    fn from_stack(st: &mut State, idx: i32) -> Result<Self> {
        let mut m = HashMap::default();
        read_map(st, idx, |k, v| {
            m.insert(k, v);
        })?;
        Ok(m)
    }
}

impl<K: IntoLua, V: IntoLua, S> IntoLua for HashMap<K, V, S> {
    fn push_into(self, st: &mut State) -> Result<()> {
        let n = self.len();
        push_map(st, n, self.into_iter())
    }
}

impl<K: FromLua + Ord, V: FromLua> FromLua for BTreeMap<K, V> {
    fn from_stack(st: &mut State, idx: i32) -> Result<Self> {
        let mut m = BTreeMap::new();
        read_map(st, idx, |k, v| {
            m.insert(k, v);
        })?;
        Ok(m)
    }
}

impl<K: IntoLua, V: IntoLua> IntoLua for BTreeMap<K, V> {
    fn push_into(self, st: &mut State) -> Result<()> {
        let n = self.len();
        push_map(st, n, self.into_iter())
    }
}

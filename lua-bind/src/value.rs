//! `Value`: any Lua value, owned by the host. Collectable values are handles (a host slot of the VM
//! keeps them alive); strings are copied out as bytes.

use lua_vm::value::Value as RawValue;
use lua_vm::State;

use crate::conversion::Bytes;
use crate::error::{Error, Result};
use crate::function::Function;
use crate::protect::from_lua_error;
use crate::reference::Ref;
use crate::table::Table;
use crate::thread::Thread;
use crate::traits::{FromLua, IntoLua};
use crate::userdata::AnyUserData;

/// A Lua value held by the host.
#[derive(Clone, Debug, Default)]
pub enum Value {
    #[default]
    Nil,
    Boolean(bool),
    Integer(i64),
    Number(f64),
    String(Bytes),
    Table(Table),
    Function(Function),
    Thread(Thread),
    UserData(AnyUserData),
    LightUserData(usize),
}

impl Value {
    /// The Lua type name ("nil", "number", ...).
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Nil => "nil",
            Value::Boolean(_) => "boolean",
            Value::Integer(_) | Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Table(_) => "table",
            Value::Function(_) => "function",
            Value::Thread(_) => "thread",
            Value::UserData(_) | Value::LightUserData(_) => "userdata",
        }
    }

    pub fn is_nil(&self) -> bool {
        matches!(self, Value::Nil)
    }

    /// The string's text, if this is a string holding UTF-8.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(b) => std::str::from_utf8(&b.0).ok(),
            _ => None,
        }
    }

    pub fn as_integer(&self) -> Option<i64> {
        match self {
            Value::Integer(i) => Some(*i),
            _ => None,
        }
    }

    pub fn as_number(&self) -> Option<f64> {
        match self {
            Value::Integer(i) => Some(*i as f64),
            Value::Number(n) => Some(*n),
            _ => None,
        }
    }

    pub fn as_table(&self) -> Option<&Table> {
        match self {
            Value::Table(t) => Some(t),
            _ => None,
        }
    }

    pub fn as_function(&self) -> Option<&Function> {
        match self {
            Value::Function(f) => Some(f),
            _ => None,
        }
    }
}

impl Value {
    /// The VM's value for `self` when it needs no allocation (anything but a string): a handle's
    /// value stays reachable through the handle. `None` for a string.
    #[inline]
    pub(crate) fn raw_in(&self, st: &State) -> Result<Option<RawValue>> {
        Ok(Some(match self {
            Value::Nil => RawValue::Nil,
            Value::Boolean(b) => RawValue::Bool(*b),
            Value::Integer(i) => RawValue::Int(*i),
            Value::Number(n) => RawValue::Num(*n),
            Value::LightUserData(p) => RawValue::LightUserData(*p),
            Value::String(_) => return Ok(None),
            Value::Table(t) => t.0.value(st)?,
            Value::Function(f) => f.0.value(st)?,
            Value::Thread(t) => t.0.value(st)?,
            Value::UserData(u) => u.0.value(st)?,
        }))
    }
}

impl PartialEq for Value {
    /// Raw equality for scalars and strings; identity for handles.
    fn eq(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Nil, Value::Nil) => true,
            (Value::Boolean(a), Value::Boolean(b)) => a == b,
            (Value::Integer(a), Value::Integer(b)) => a == b,
            (Value::Number(a), Value::Number(b)) => a == b,
            (Value::Integer(a), Value::Number(b)) | (Value::Number(b), Value::Integer(a)) => {
                // Equal only when the float has exactly this integer value (2^63 is no i64).
                (-9.223_372_036_854_776e18..9.223_372_036_854_776e18).contains(b)
                    && b.fract() == 0.0
                    && *b as i64 == *a
            }
            (Value::String(a), Value::String(b)) => a == b,
            (Value::LightUserData(a), Value::LightUserData(b)) => a == b,
            _ => false,
        }
    }
}

impl FromLua for Value {
    fn from_stack(st: &mut State, idx: i32) -> Result<Self> {
        Ok(match st.value_at(idx) {
            RawValue::Nil => Value::Nil,
            RawValue::Bool(b) => Value::Boolean(b),
            RawValue::Int(i) => Value::Integer(i),
            RawValue::Num(n) => Value::Number(n),
            RawValue::Str(s) => Value::String(Bytes(s.get().as_bytes().to_vec())),
            RawValue::LightUserData(p) => Value::LightUserData(p),
            RawValue::Table(_) => Value::Table(Table::from_stack(st, idx)?),
            RawValue::LFn(_) | RawValue::NFn(_) | RawValue::NCl(_) => {
                Value::Function(Function::from_stack(st, idx)?)
            }
            RawValue::Thread(_) => Value::Thread(Thread::from_stack(st, idx)?),
            RawValue::UserData(_) => Value::UserData(AnyUserData::from_stack(st, idx)?),
        })
    }
}

impl IntoLua for Value {
    fn push_into(self, st: &mut State) -> Result<()> {
        (&self).push_into(st)
    }
}

impl IntoLua for &Value {
    fn push_into(self, st: &mut State) -> Result<()> {
        match self {
            Value::Nil => st.push_nil(),
            Value::Boolean(b) => st.push_bool(*b),
            Value::Integer(i) => st.push_integer(*i),
            Value::Number(n) => st.push_number(*n),
            Value::String(b) => st.push_bytes(&b.0).map_err(from_lua_error)?,
            Value::LightUserData(p) => st.push_light_userdata(*p),
            Value::Table(t) => t.0.push(st)?,
            Value::Function(f) => f.0.push(st)?,
            Value::Thread(t) => t.0.push(st)?,
            Value::UserData(u) => u.0.push(st)?,
        }
        Ok(())
    }
}

/// `Value::from_stack` when the VM's `Inner` is at hand (handles are made without looking it up).
pub(crate) fn value_from_stack_in(
    inner: &std::rc::Rc<crate::reference::Inner>,
    st: &mut State,
    idx: i32,
) -> Result<Value> {
    let handle = |st: &mut State| Ok::<Ref, Error>(Ref::with_inner(inner.clone(), st, idx));
    Ok(match st.value_at(idx) {
        RawValue::Table(_) => Value::Table(Table(handle(st)?)),
        RawValue::LFn(_) | RawValue::NFn(_) | RawValue::NCl(_) => {
            Value::Function(Function(handle(st)?))
        }
        _ => Value::from_stack(st, idx)?,
    })
}

/// A reference to the value at `idx` if it has type `name` (as checked by `ok`).
pub(crate) fn handle_ref(
    st: &mut State,
    idx: i32,
    expected: &str,
    ok: impl Fn(&RawValue) -> bool,
) -> Result<Ref> {
    if !ok(&st.value_at(idx)) {
        return Err(crate::conversion::type_error(st, idx, expected));
    }
    Ref::new(st, idx)
}

impl From<Error> for Value {
    /// An error as a Lua string value (its message).
    fn from(e: Error) -> Value {
        Value::String(Bytes(e.lua_message().into_bytes()))
    }
}

//! Lua values: a 16-byte `Copy` enum whose collectable variants hold `Gc` handles.

pub mod arith;
pub mod convert;
pub mod function;
pub mod number;
pub mod store;
pub mod string;
pub mod table;
pub mod userdata;

use crate::gc::heap::Gc;
use crate::vm::state::{NativeFn, Thread};
use function::{LClosure, NClosure};
use string::LuaStr;
use table::Table;
use userdata::UserData;

/// A Lua value.
///
/// `repr(u8)` fixes the layout (tag byte at offset 0, numeric payloads at offset 8) so that
/// [`store`] can write a whole value with one 16-byte store.
#[derive(Clone, Copy, Default)]
#[repr(u8)]
pub enum Value {
    #[default]
    Nil,
    Bool(bool),
    Int(i64),
    Num(f64),
    Str(Gc<LuaStr>),
    Table(Gc<Table>),
    /// A Lua function (closure over a prototype).
    LFn(Gc<LClosure>),
    /// A native function without upvalues (the reference's light C function).
    NFn(NativeFn),
    /// A native closure with upvalues.
    NCl(Gc<NClosure>),
    UserData(Gc<UserData>),
    LightUserData(usize),
    Thread(Gc<Thread>),
}

/// The basic types, numbered as `lua.h` numbers them (`LUA_TNIL` ...).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Type {
    Nil = 0,
    Boolean = 1,
    LightUserData = 2,
    Number = 3,
    String = 4,
    Table = 5,
    Function = 6,
    UserData = 7,
    Thread = 8,
}

pub const NUM_TYPES: usize = 9;

impl Type {
    pub fn name(self) -> &'static str {
        match self {
            Type::Nil => "nil",
            Type::Boolean => "boolean",
            Type::LightUserData | Type::UserData => "userdata",
            Type::Number => "number",
            Type::String => "string",
            Type::Table => "table",
            Type::Function => "function",
            Type::Thread => "thread",
        }
    }
}

impl Value {
    #[inline(always)]
    pub fn type_of(&self) -> Type {
        match self {
            Value::Nil => Type::Nil,
            Value::Bool(_) => Type::Boolean,
            Value::Int(_) | Value::Num(_) => Type::Number,
            Value::Str(_) => Type::String,
            Value::Table(_) => Type::Table,
            Value::LFn(_) | Value::NFn(_) | Value::NCl(_) => Type::Function,
            Value::UserData(_) => Type::UserData,
            Value::LightUserData(_) => Type::LightUserData,
            Value::Thread(_) => Type::Thread,
        }
    }

    pub fn type_name(&self) -> &'static str {
        self.type_of().name()
    }

    #[inline(always)]
    pub fn is_nil(&self) -> bool {
        matches!(self, Value::Nil)
    }

    /// Lua truthiness: only `nil` and `false` are false.
    #[inline(always)]
    pub fn is_falsy(&self) -> bool {
        matches!(self, Value::Nil | Value::Bool(false))
    }

    #[inline(always)]
    pub fn is_function(&self) -> bool {
        matches!(self, Value::LFn(_) | Value::NFn(_) | Value::NCl(_))
    }

    #[inline(always)]
    pub fn is_number(&self) -> bool {
        matches!(self, Value::Int(_) | Value::Num(_))
    }

    /// Raw equality (no metamethods): the reference's `luaV_rawequalobj`.
    #[inline]
    pub fn raw_eq(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Nil, Value::Nil) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Int(a), Value::Int(b)) => a == b,
            (Value::Num(a), Value::Num(b)) => a == b,
            (Value::Int(i), Value::Num(f)) | (Value::Num(f), Value::Int(i)) => {
                arith::eq_int_float(*i, *f)
            }
            (Value::Str(a), Value::Str(b)) => LuaStr::equal(*a, *b),
            (Value::Table(a), Value::Table(b)) => a == b,
            (Value::LFn(a), Value::LFn(b)) => a == b,
            (Value::NFn(a), Value::NFn(b)) => std::ptr::fn_addr_eq(*a, *b),
            (Value::NCl(a), Value::NCl(b)) => a == b,
            (Value::UserData(a), Value::UserData(b)) => a == b,
            (Value::LightUserData(a), Value::LightUserData(b)) => a == b,
            (Value::Thread(a), Value::Thread(b)) => a == b,
            _ => false,
        }
    }

    /// Identity of a collectable or pointer-like value (for `%p`, `tostring`, hashing).
    pub fn pointer(&self) -> Option<usize> {
        match self {
            Value::Str(s) => Some(s.addr()),
            Value::Table(t) => Some(t.addr()),
            Value::LFn(f) => Some(f.addr()),
            Value::NFn(f) => Some(*f as usize),
            Value::NCl(f) => Some(f.addr()),
            Value::UserData(u) => Some(u.addr()),
            Value::LightUserData(p) => Some(*p),
            Value::Thread(t) => Some(t.addr()),
            _ => None,
        }
    }

    /// The string's bytes, if this is a string.
    #[inline]
    pub fn as_str_bytes<'a>(&self) -> Option<&'a [u8]> {
        match self {
            Value::Str(s) => Some(s.get().as_bytes()),
            _ => None,
        }
    }

    /// The value as a table handle, if it is one.
    #[inline]
    pub fn as_table(&self) -> Option<Gc<Table>> {
        match self {
            Value::Table(t) => Some(*t),
            _ => None,
        }
    }
}

impl std::fmt::Debug for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Nil => write!(f, "nil"),
            Value::Bool(b) => write!(f, "{b}"),
            Value::Int(i) => write!(f, "{i}"),
            Value::Num(n) => write!(f, "{n:?}"),
            Value::Str(s) => write!(f, "{:?}", String::from_utf8_lossy(s.get().as_bytes())),
            other => write!(
                f,
                "{}: 0x{:x}",
                other.type_name(),
                other.pointer().unwrap_or(0)
            ),
        }
    }
}

/// One value of each variant (with both booleans and an extreme integer), for tests of the value
/// layout: a string and a table of `st`, a native function, a light userdata.
#[cfg(test)]
pub(crate) fn one_of_each_variant(st: &mut crate::vm::state::State) -> Vec<Value> {
    let s = st.new_str(b"key").unwrap();
    let t = st.globals_table();
    let f: crate::vm::state::NativeFn = |_| Ok(0);
    vec![
        Value::Nil,
        Value::Bool(false),
        Value::Bool(true),
        Value::Int(-7),
        Value::Int(i64::MIN),
        Value::Num(0.25),
        Value::Str(s),
        Value::Table(t),
        Value::NFn(f),
        Value::LightUserData(0xdead_beef),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_sixteen_bytes() {
        assert_eq!(std::mem::size_of::<Value>(), 16);
    }

    #[test]
    fn mixed_number_equality_is_exact() {
        assert!(Value::Int(1).raw_eq(&Value::Num(1.0)));
        assert!(!Value::Int(i64::MAX).raw_eq(&Value::Num(9223372036854775808.0)));
        assert!(!Value::Num(f64::NAN).raw_eq(&Value::Num(f64::NAN)));
    }
}

//! `Table`: a handle on a Lua table. `get`/`set`/`len` honour metamethods and run protected (`get`
//! and `set` of a table without a metatable are raw accesses); the `raw_*` forms do not, and run
//! without a protected call (they run no Lua code); `pairs` iterates with `next` (raw),
//! `sequence_values` walks 1, 2, ... up to the first nil.

use std::marker::PhantomData;

use lua_vm::value::Value as RawValue;
use lua_vm::State;

use crate::error::{Error, Result};
use crate::protect::Raise;
use crate::reference::{inner_of, Ref};
use crate::traits::{FromLua, IntoLua};
use crate::value::{handle_ref, Value};

/// A Lua table, kept alive while the handle (or a clone of it) exists.
#[derive(Clone)]
pub struct Table(pub(crate) Ref);

impl std::fmt::Debug for Table {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Table(..)")
    }
}

impl Table {
    /// Whether the table has no metatable (its `get`/`set` are raw accesses, which run no Lua code).
    #[inline]
    fn is_plain(&self) -> bool {
        let st = self.0.inner.state();
        matches!(self.0.value(&st), Ok(RawValue::Table(t)) if t.get().meta.is_none())
    }

    /// `t[k]`, honouring `__index`.
    pub fn get<K: IntoLua, V: FromLua>(&self, key: K) -> Result<V> {
        if self.is_plain() {
            return self.raw_get(key);
        }
        self.0.protect(|st, t| {
            key.push_into(st)?;
            st.get_table(t)?;
            Ok(V::from_stack(st, st.get_top())?)
        })
    }

    /// `t[k] = v`, honouring `__newindex`.
    pub fn set<K: IntoLua, V: IntoLua>(&self, key: K, value: V) -> Result<()> {
        if self.is_plain() {
            return self.raw_set(key, value);
        }
        self.0.protect(|st, t| {
            key.push_into(st)?;
            value.push_into(st)?;
            st.set_table(t)?;
            Ok(())
        })
    }

    /// Raw `t[k]` (no metamethods).
    pub fn raw_get<K: IntoLua, V: FromLua>(&self, key: K) -> Result<V> {
        self.0.inner.protect_light(|st| {
            // Read in place: the value stays reachable through the table this handle holds, and
            // the key (possibly a fresh string) is used before anything can collect it.
            let RawValue::Table(t) = self.0.value(st)? else {
                return Err(Error::message("a table handle holds no table").into());
            };
            let k = key.into_raw(st)?;
            let v = t.get().get(&k);
            Ok(V::from_raw(st, v)?)
        })
    }

    /// Raw `t[k] = v` (no metamethods).
    pub fn raw_set<K: IntoLua, V: IntoLua>(&self, key: K, value: V) -> Result<()> {
        self.0.protect_light(|st, t| {
            key.push_into(st)?;
            value.push_into(st)?;
            st.raw_set(t)?;
            Ok(())
        })
    }

    /// Whether `t[k]` (raw) is not nil.
    pub fn contains_key<K: IntoLua>(&self, key: K) -> Result<bool> {
        Ok(!self.raw_get::<K, Value>(key)?.is_nil())
    }

    /// The length `#t`, honouring `__len`.
    pub fn len(&self) -> Result<i64> {
        self.0.protect(|st, t| Ok(st.len_of(t)?))
    }

    /// Whether the raw length is 0.
    pub fn is_empty(&self) -> Result<bool> {
        Ok(self.raw_len()? == 0)
    }

    /// The raw length (a border of the sequence part).
    pub fn raw_len(&self) -> Result<usize> {
        self.0.protect_light(|st, t| Ok(st.raw_len(t)))
    }

    /// Appends `v` at `#t + 1` (raw).
    pub fn push<V: IntoLua>(&self, value: V) -> Result<()> {
        self.0.protect(|st, t| {
            let n = st.raw_len(t) as i64;
            value.push_into(st)?;
            st.raw_set_i(t, n + 1)?;
            Ok(())
        })
    }

    /// The metatable, if any.
    pub fn metatable(&self) -> Result<Option<Table>> {
        self.0.protect(|st, t| {
            if st.get_metatable(t) {
                Ok(Some(Table::from_stack(st, st.get_top())?))
            } else {
                Ok(None)
            }
        })
    }

    /// Sets (or with `None` removes) the metatable.
    pub fn set_metatable(&self, mt: Option<&Table>) -> Result<()> {
        self.0.protect(|st, t| {
            match mt {
                Some(m) => m.0.push(st)?,
                None => st.push_nil(),
            }
            st.set_metatable(t);
            Ok(())
        })
    }

    /// Iterates over the key-value pairs with `next` (raw, in the table's order).
    pub fn pairs<K: FromLua, V: FromLua>(&self) -> TablePairs<K, V> {
        TablePairs {
            table: self.clone(),
            key: None,
            done: false,
            _types: PhantomData,
        }
    }

    /// Iterates over `t[1]`, `t[2]`, ... (raw) up to the first nil.
    pub fn sequence_values<V: FromLua>(&self) -> TableSequence<V> {
        TableSequence {
            table: self.clone(),
            index: 1,
            done: false,
            _types: PhantomData,
        }
    }

    /// Whether two handles refer to the same table.
    pub fn ptr_eq(&self, other: &Table) -> bool {
        self.0
            .protect(|st, t| {
                other.0.push(st)?;
                Ok(st.raw_equal(t, -1))
            })
            .unwrap_or(false)
    }
}

impl FromLua for Table {
    fn from_stack(st: &mut State, idx: i32) -> Result<Self> {
        handle_ref(st, idx, "table", |v| matches!(v, RawValue::Table(_))).map(Table)
    }

    #[inline]
    fn from_arg(st: &mut State, idx: i32, v: RawValue) -> Result<Self> {
        match v {
            RawValue::Table(_) => Ok(Table(Ref::of_value(inner_of(st)?, st, v))),
            _ => Self::from_stack(st, idx),
        }
    }
}

impl IntoLua for Table {
    fn push_into(self, st: &mut State) -> Result<()> {
        self.0.push(st)
    }
}

impl IntoLua for &Table {
    fn push_into(self, st: &mut State) -> Result<()> {
        self.0.push(st)
    }
}

/// Iterator of `Table::pairs`.
pub struct TablePairs<K, V> {
    table: Table,
    /// The last key returned, held in a host slot (so a collectable key stays alive even if the
    /// loop removes it from the table); `None` before the first step.
    key: Option<Ref>,
    done: bool,
    _types: PhantomData<(K, V)>,
}

impl<K: FromLua, V: FromLua> Iterator for TablePairs<K, V> {
    type Item = Result<(K, V)>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let r = self.table.0.inner.protect_light(|st| {
            let RawValue::Table(t) = self.table.0.value(st)? else {
                return Err(Error::message("a table handle holds no table").into());
            };
            let last = match &self.key {
                Some(k) => k.value(st)?,
                None => RawValue::Nil,
            };
            let (k, v) = match t.get().next(&last) {
                Ok(Some(kv)) => kv,
                Ok(None) => return Ok(None),
                Err(_) => return Err(st.runtime_error("invalid key to 'next'").into()),
            };
            match &self.key {
                Some(slot) => slot.set_value(st, k)?,
                None => self.key = Some(Ref::of_value(self.table.0.inner.clone(), st, k)),
            }
            // Both reachable: through the table, and the key through its slot.
            let key = K::from_raw(st, k).map_err(Raise::Host)?;
            let val = V::from_raw(st, v)?;
            Ok(Some((key, val)))
        });
        iteration_step(&mut self.done, r)
    }
}

/// An iterator's item from one protected step: the end (`Ok(None)`) and an error both finish it.
fn iteration_step<T>(done: &mut bool, r: Result<Option<T>>) -> Option<Result<T>> {
    match r {
        Ok(Some(v)) => Some(Ok(v)),
        Ok(None) => {
            *done = true;
            None
        }
        Err(e) => {
            *done = true;
            Some(Err(e))
        }
    }
}

/// Iterator of `Table::sequence_values`.
pub struct TableSequence<V> {
    table: Table,
    index: i64,
    done: bool,
    _types: PhantomData<V>,
}

impl<V: FromLua> Iterator for TableSequence<V> {
    type Item = Result<V>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let i = self.index;
        let r = self.table.0.protect_light(|st, t| {
            if st.raw_get_i(t, i) == lua_vm::value::Type::Nil {
                return Ok(None);
            }
            Ok(Some(
                V::from_stack(st, st.get_top()).map_err(|e| e.in_index(i))?,
            ))
        });
        let item = iteration_step(&mut self.done, r);
        if let Some(Ok(_)) = item {
            self.index += 1;
        }
        item
    }
}

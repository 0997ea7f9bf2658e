//! The mlua side (PUC Lua 5.4 built from source): functions made with `create_function`, the struct
//! converted either by hand-written `IntoLua`/`FromLua` (raw table access, its fastest form) or
//! through serde (`LuaSerdeExt::to_value` / `from_value`).

use std::hint::black_box;

use mlua::{FromLua, Function, IntoLua, Lua, LuaSerdeExt, Table, Value};
use serde::{Deserialize, Serialize};

use crate::cases::{self, Case};
use crate::timing::ns_per_op;

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Record {
    pub id: i64,
    pub name: String,
    pub score: f64,
}

fn record(id: i64) -> Record {
    Record {
        id,
        name: cases::REC_NAME.to_string(),
        score: cases::REC_SCORE,
    }
}

impl IntoLua for Record {
    fn into_lua(self, lua: &Lua) -> mlua::Result<Value> {
        let t = lua.create_table_with_capacity(0, 3)?;
        t.raw_set("id", self.id)?;
        t.raw_set("name", self.name)?;
        t.raw_set("score", self.score)?;
        Ok(Value::Table(t))
    }
}

impl FromLua for Record {
    fn from_lua(value: Value, _lua: &Lua) -> mlua::Result<Self> {
        match value {
            Value::Table(t) => Ok(Record {
                id: t.raw_get("id")?,
                name: t.raw_get("name")?,
                score: t.raw_get("score")?,
            }),
            other => Err(mlua::Error::FromLuaConversionError {
                from: other.type_name(),
                to: "Record".to_string(),
                message: None,
            }),
        }
    }
}

/// Which conversion the struct cases use.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Conv {
    Hand,
    Serde,
}

pub struct Theirs {
    lua: Lua,
}

impl Theirs {
    pub fn new() -> Theirs {
        Theirs { lua: Lua::new() }
    }

    /// The Lua version string of the VM (`_VERSION`).
    pub fn version(&self) -> String {
        self.lua.globals().get("_VERSION").unwrap_or_default()
    }

    fn loop_fn(&self, case: Case, conv: Conv) -> mlua::Result<Function> {
        let lua = &self.lua;
        match (case, conv) {
            (Case::CallInts | Case::LoopAlone, _) => {
                lua.create_function(|_, (a, b): (i64, i64)| Ok(a.wrapping_add(b)))
            }
            (Case::CallString, _) => lua.create_function(|_, s: String| Ok(s.len() as i64)),
            (Case::CallTable, _) => {
                lua.create_function(|_, t: Table| Ok(t.get::<i64>("x")? + t.get::<i64>("y")?))
            }
            (Case::CallStructArg, Conv::Hand) => {
                lua.create_function(|_, r: Record| Ok(r.id + r.name.len() as i64))
            }
            (Case::CallStructArg, Conv::Serde) => lua.create_function(|lua, v: Value| {
                let r: Record = lua.from_value(v)?;
                Ok(r.id + r.name.len() as i64)
            }),
            (Case::CallStructRet, Conv::Hand) => lua.create_function(|_, i: i64| Ok(record(i))),
            (Case::CallStructRet, Conv::Serde) => {
                lua.create_function(|lua, i: i64| lua.to_value(&record(i)))
            }
            _ => unreachable!("not a loop case: {case:?}"),
        }
    }

    /// One timed run of `case`, in nanoseconds per operation.
    pub fn ns_per_op(&self, case: Case, conv: Conv) -> f64 {
        let lua = &self.lua;
        let n = cases::ops(case);
        match case {
            Case::LoopAlone
            | Case::CallInts
            | Case::CallString
            | Case::CallTable
            | Case::CallStructArg
            | Case::CallStructRet => {
                let f = self.loop_fn(case, conv).expect("function");
                lua.globals().set("f", f).expect("register");
                let chunk = lua
                    .load(cases::loop_source(case))
                    .into_function()
                    .expect("compile");
                let mut sum = 0;
                let t = ns_per_op(n, || sum = chunk.call::<i64>(()).expect("run"));
                assert_eq!(sum, cases::loop_result(case), "{case:?}");
                t
            }
            Case::CallLua => {
                let f: Function = lua
                    .load("function(a, b) return a + b end")
                    .eval()
                    .expect("function");
                let mut s = 0i64;
                let t = ns_per_op(n, || {
                    for i in 0..n as i64 {
                        s = f.call::<i64>((s, i)).expect("call");
                    }
                });
                assert_eq!(s, (n as i64 - 1) * n as i64 / 2);
                t
            }
            Case::StructToTable => {
                let r = record(cases::REC_ID);
                ns_per_op(n, || {
                    for _ in 0..n {
                        let v = match conv {
                            Conv::Hand => r.clone().into_lua(lua),
                            Conv::Serde => lua.to_value(&r),
                        };
                        black_box(v.expect("to table"));
                    }
                })
            }
            Case::TableToStruct => {
                let v = record(cases::REC_ID).into_lua(lua).expect("to table");
                let mut last = None;
                let t = ns_per_op(n, || {
                    for _ in 0..n {
                        let r = match conv {
                            Conv::Hand => Record::from_lua(v.clone(), lua),
                            Conv::Serde => lua.from_value::<Record>(v.clone()),
                        };
                        last = Some(black_box(r.expect("from table")));
                    }
                });
                assert_eq!(last, Some(record(cases::REC_ID)));
                t
            }
            Case::CreateSeq1000 => ns_per_op(n, || {
                for _ in 0..n {
                    black_box(lua.create_sequence_from(1..=1000i64).expect("sequence"));
                }
            }),
            Case::Pairs1000 => {
                let t = lua.create_sequence_from(1..=1000i64).expect("sequence");
                let mut total = 0i64;
                let time = ns_per_op(n, || {
                    for _ in 0..n {
                        for kv in t.pairs::<i64, i64>() {
                            total += kv.expect("pair").1;
                        }
                    }
                });
                assert_eq!(total, 500_500 * n as i64);
                time
            }
        }
    }
}

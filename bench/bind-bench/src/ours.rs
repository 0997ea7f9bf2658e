//! The lua-bind side: functions bound with `#[lua_function]`, a struct with `#[derive(LuaTable)]`,
//! and each case written as a user of the public API would write it.

use std::hint::black_box;

use lua_bind::prelude::*;

use crate::cases::{self, Case};
use crate::timing::ns_per_op;

#[derive(LuaTable, Clone, Debug, PartialEq)]
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

#[lua_function]
fn add(a: i64, b: i64) -> i64 {
    a.wrapping_add(b)
}

#[lua_function]
fn str_len(s: String) -> i64 {
    s.len() as i64
}

#[lua_function]
fn sum_xy(t: Table) -> lua_bind::Result<i64> {
    Ok(t.get::<_, i64>("x")? + t.get::<_, i64>("y")?)
}

#[lua_function]
fn take_record(r: Record) -> i64 {
    r.id + r.name.len() as i64
}

#[lua_function]
fn make_record(id: i64) -> Record {
    record(id)
}

pub struct Ours {
    lua: Lua,
}

impl Ours {
    pub fn new() -> Ours {
        Ours { lua: Lua::new() }
    }

    /// One timed run of `case`, in nanoseconds per operation.
    pub fn ns_per_op(&self, case: Case) -> f64 {
        let lua = &self.lua;
        let n = cases::ops(case);
        match case {
            Case::LoopAlone
            | Case::CallInts
            | Case::CallString
            | Case::CallTable
            | Case::CallStructArg
            | Case::CallStructRet => {
                let f = match case {
                    Case::CallInts => add::FN,
                    Case::CallString => str_len::FN,
                    Case::CallTable => sum_xy::FN,
                    Case::CallStructArg => take_record::FN,
                    Case::CallStructRet => make_record::FN,
                    _ => add::FN,
                };
                lua.register("f", f).expect("register");
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
                        black_box(lua.to_value(r.clone()).expect("to table"));
                    }
                })
            }
            Case::TableToStruct => {
                let v = lua.to_value(record(cases::REC_ID)).expect("to table");
                let mut last = None;
                let t = ns_per_op(n, || {
                    for _ in 0..n {
                        last = Some(black_box(lua.from_value::<Record>(&v).expect("from table")));
                    }
                });
                assert_eq!(last, Some(record(cases::REC_ID)));
                t
            }
            Case::CreateSeq1000 => ns_per_op(n, || {
                for _ in 0..n {
                    black_box(lua.create_sequence(1..=1000i64).expect("sequence"));
                }
            }),
            Case::Pairs1000 => {
                let t = lua.create_sequence(1..=1000i64).expect("sequence");
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

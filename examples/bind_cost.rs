//! The cost of the binding layer, measured: one call from Lua of a `#[lua_function] fn(i64, i64) ->
//! i64`, and one conversion of a three-field derived struct to a table. Run it in a release build:
//! `cargo run --release --example bind_cost`.
//!
//! Each figure is the median of several timed runs of a loop, minus the same loop without the
//! measured operation. Conversions include their share of garbage collection (the tables are garbage
//! as soon as they are popped).

use std::time::Instant;

use lua_bind::prelude::*;
use lua_bind::{LuaResult, State};

#[lua_function]
fn add(a: i64, b: i64) -> i64 {
    a.wrapping_add(b)
}

/// The same function written by hand on the stack API, for comparison.
fn add_raw(st: &mut State) -> LuaResult<usize> {
    let a = st.check_integer(1)?;
    let b = st.check_integer(2)?;
    st.push_integer(a.wrapping_add(b));
    Ok(1)
}

#[derive(LuaTable, Clone, Copy)]
struct Vec3 {
    x: f64,
    y: f64,
    z: f64,
}

const CALLS: i64 = 5_000_000;
const CONVERSIONS: usize = 2_000_000;
const RUNS: usize = 7;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).expect("no NaN"));
    v[v.len() / 2]
}

/// Nanoseconds per iteration of `body` run as a Lua loop of `CALLS` iterations.
fn lua_loop(lua: &Lua, body: &str) -> f64 {
    let src = format!(
        "local add, add_raw, ladd = add, add_raw, ladd local s = 0 for i = 1, {CALLS} do {body} end return s"
    );
    let f = lua.load(src).into_function().expect("compile");
    let times = (0..RUNS)
        .map(|_| {
            let t = Instant::now();
            let _: i64 = f.call(()).expect("run");
            t.elapsed().as_nanos() as f64 / CALLS as f64
        })
        .collect();
    median(times)
}

/// Nanoseconds per struct-to-table conversion (pushed then popped), and the loop alone.
fn conversions(lua: &Lua) -> (f64, f64, f64) {
    let v = Vec3 {
        x: 1.0,
        y: 2.0,
        z: 3.0,
    };
    let mut with = Vec::new();
    let mut without = Vec::new();
    let mut tables = Vec::new();
    for _ in 0..RUNS {
        lua.with_state(|st| {
            let t = Instant::now();
            for _ in 0..CONVERSIONS {
                std::hint::black_box(v).push_into(st)?;
                st.pop(1);
            }
            with.push(t.elapsed().as_nanos() as f64 / CONVERSIONS as f64);
            let t = Instant::now();
            for _ in 0..CONVERSIONS {
                std::hint::black_box(v);
                st.push_nil();
                st.pop(1);
            }
            without.push(t.elapsed().as_nanos() as f64 / CONVERSIONS as f64);
            let t = Instant::now();
            for _ in 0..CONVERSIONS {
                std::hint::black_box(v);
                st.gc_check();
                st.create_table(0, 3)?;
                st.pop(1);
            }
            tables.push(t.elapsed().as_nanos() as f64 / CONVERSIONS as f64);
            Ok(())
        })
        .expect("convert");
    }
    (median(with), median(tables), median(without))
}

fn main() {
    if cfg!(debug_assertions) {
        eprintln!("note: this is a debug build; run with --release for meaningful numbers");
    }
    let lua = Lua::new();
    lua.register("add", add::FN).expect("register");
    lua.register("add_raw", LuaFn::new("add_raw", add_raw))
        .expect("register");
    lua.load("function ladd(a, b) return a + b end")
        .exec()
        .expect("define");

    let empty = lua_loop(&lua, "s = s + i");
    let bound = lua_loop(&lua, "s = add(s, i)");
    let raw = lua_loop(&lua, "s = add_raw(s, i)");
    let lua_fn = lua_loop(&lua, "s = ladd(s, i)");
    println!("loop overhead:                            {empty:6.1} ns/iteration");
    println!(
        "#[lua_function] fn(i64, i64) -> i64 call: {:6.1} ns/call",
        bound - empty
    );
    println!(
        "hand-written native function call:        {:6.1} ns/call",
        raw - empty
    );
    println!(
        "Lua function call (for comparison):       {:6.1} ns/call",
        lua_fn - empty
    );

    let (with, tables, without) = conversions(&lua);
    println!(
        "three-field struct -> table:              {:6.1} ns/conversion",
        with - without
    );
    println!(
        "  of which the empty create_table(0, 3):  {:6.1} ns",
        tables - without
    );
}

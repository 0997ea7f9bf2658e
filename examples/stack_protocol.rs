//! The stack protocol seen from a host: what a native function receives and how it answers.
//!
//! 1. A native function sees only its own arguments, at 1..=top, whatever its caller (Lua code or the
//!    host) left on the stack below: `show_args` dumps its frame from a Lua call and from a host call
//!    made over leftover values.
//! 2. `stats_raw`, written directly on the stack API, walks a Lua table with `next`, and returns
//!    several results: the sum, the average, and a nested table `{count = n, range = {min, max}}`.
//! 3. `stats` is the same function with `#[lua_function]` and `#[derive(LuaTable)]`: the glue is
//!    generated.
//!
//! Run with `cargo run --example stack_protocol`.

use lua_bind::lua_vm::value::Type;
use lua_bind::lua_vm::vm::state::MULTRET;
use lua_bind::prelude::*;
use lua_bind::{LuaResult, State};

/// Lists the values of the running frame, bottom (1) to top, with their negative indices.
fn dump_stack(st: &mut State) -> String {
    let top = st.get_top();
    let mut out = format!("stack ({top} values)");
    for i in 1..=top {
        let shown = match st.type_at(i) {
            Some(Type::String) => format!(
                "{:?}",
                String::from_utf8_lossy(st.to_bytes(i).ok().flatten().unwrap_or(b""))
            ),
            Some(Type::Number) if st.is_integer(i) => st.to_integer(i).unwrap_or(0).to_string(),
            Some(Type::Number) => st.to_number(i).unwrap_or(0.0).to_string(),
            Some(Type::Boolean) => st.to_boolean(i).to_string(),
            _ => st.type_name_at(i).to_string(),
        };
        out.push_str(&format!(
            "\n  [{i}] [{}] {}: {shown}",
            i - top - 1,
            st.type_name_at(i)
        ));
    }
    out
}

/// A native function that reports what it sees and returns its argument count.
fn show_args(st: &mut State) -> LuaResult<usize> {
    println!("show_args sees {}", dump_stack(st));
    let n = st.get_top();
    st.push_integer(n as i64);
    Ok(1)
}

/// sum, average and {count = n, range = {min = .., max = ..}} of the numbers in table argument 1.
fn stats_raw(st: &mut State) -> LuaResult<usize> {
    st.check_type(1, Type::Table)?;
    let (mut sum, mut count) = (0.0, 0i64);
    let (mut min, mut max) = (f64::INFINITY, f64::NEG_INFINITY);
    st.push_nil();
    while st.next(1)? {
        // key at -2, value at -1
        let Some(v) = st.to_number(-1) else {
            return Err(st.error_msg("stats: every value must be a number"));
        };
        sum += v;
        count += 1;
        min = min.min(v);
        max = max.max(v);
        st.pop(1);
    }
    st.push_number(sum);
    st.push_number(if count > 0 { sum / count as f64 } else { 0.0 });
    st.create_table(0, 2)?;
    st.push_integer(count);
    st.set_field(-2, "count")?;
    st.create_table(0, 2)?;
    st.push_number(min);
    st.set_field(-2, "min")?;
    st.push_number(max);
    st.set_field(-2, "max")?;
    st.set_field(-2, "range")?;
    Ok(3)
}

#[derive(LuaTable, Debug)]
struct Range {
    min: f64,
    max: f64,
}

#[derive(LuaTable, Debug)]
struct Summary {
    count: usize,
    range: Range,
}

/// The typed twin of `stats_raw`.
#[lua_function]
fn stats(values: Vec<f64>) -> (f64, f64, Summary) {
    let sum: f64 = values.iter().sum();
    let count = values.len();
    let avg = if count > 0 { sum / count as f64 } else { 0.0 };
    let min = values.iter().copied().fold(f64::INFINITY, f64::min);
    let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    (
        sum,
        avg,
        Summary {
            count,
            range: Range { min, max },
        },
    )
}

fn main() -> lua_bind::Result<()> {
    let lua = Lua::new();
    lua.register("show_args", LuaFn::new("show_args", show_args))?;
    lua.register("stats_raw", LuaFn::new("stats_raw", stats_raw))?;
    lua.register("stats", stats::FN)?;

    println!("-- a Lua caller with locals of its own");
    lua.load(
        r#"
        local a, b, c = "left", "on", "the stack"
        print("returned", show_args(10, "twenty"))
        "#,
    )
    .set_name("caller")
    .exec()?;

    println!("-- a host caller that left values on its stack");
    lua.with_state(|st| {
        st.push_str("host leftover")?;
        st.push_integer(99);
        println!("host frame before the call: {}", dump_stack(st));
        st.push_fn(show_args);
        st.push_bool(true);
        st.call(1, MULTRET)?;
        println!("host frame after the call: {}", dump_stack(st));
        Ok(())
    })?;

    println!("-- several results and a nested table");
    lua.load(
        r#"
        local data = { 4, 8, 15, 16, 23, 42 }
        for _, f in ipairs({ "stats_raw", "stats" }) do
          local sum, avg, info = _G[f](data)
          print(f, sum, avg, info.count, info.range.min, info.range.max)
        end
        print(pcall(stats, { 1, "two" }))
        "#,
    )
    .set_name("stats")
    .exec()?;
    Ok(())
}

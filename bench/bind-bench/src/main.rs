//! Binding benchmark: the cost of crossing between Rust and Lua with lua-bind (our VM) and with mlua
//! (PUC Lua 5.4, vendored), measured in one run and printed as a Markdown table of nanoseconds per
//! operation with the ratio lua-bind / mlua (below 1: lua-bind is cheaper).
//!
//! Time is thread CPU time (see `timing.rs`). Every row runs RUNS times, the two sides alternating (the order swapped every run); the table
//! shows medians. For the rows where a Lua loop calls Rust, "net" subtracts the same VM's cost of
//! the bare loop (`s = s + i`), leaving the call and its conversions.
//!
//! Run: `bench/bind-bench/run.sh` (a release build; `--runs N` to change the number of runs).

mod cases;
mod ours;
mod theirs;
mod timing;

use cases::Case;
use theirs::Conv;

struct Row {
    label: &'static str,
    case: Case,
    conv: Conv,
    /// Whether the row is a Lua loop calling Rust (has a net figure).
    net: bool,
}

const fn row(label: &'static str, case: Case, conv: Conv, net: bool) -> Row {
    Row {
        label,
        case,
        conv,
        net,
    }
}

const ROWS: &[Row] = &[
    row(
        "Lua loop alone (`s = s + i`), per iteration",
        Case::LoopAlone,
        Conv::Hand,
        false,
    ),
    row(
        "Lua calls Rust `fn(i64, i64) -> i64`",
        Case::CallInts,
        Conv::Hand,
        true,
    ),
    row(
        "Lua calls Rust `fn(String) -> i64` (20 bytes)",
        Case::CallString,
        Conv::Hand,
        true,
    ),
    row(
        "Lua calls Rust with a table, reads 2 fields",
        Case::CallTable,
        Conv::Hand,
        true,
    ),
    row(
        "Lua calls Rust `fn(Record)` (derive / hand FromLua)",
        Case::CallStructArg,
        Conv::Hand,
        true,
    ),
    row(
        "  the same, mlua through serde `from_value`",
        Case::CallStructArg,
        Conv::Serde,
        true,
    ),
    row(
        "Lua calls Rust `fn(i64) -> Record` (derive / hand IntoLua)",
        Case::CallStructRet,
        Conv::Hand,
        true,
    ),
    row(
        "  the same, mlua through serde `to_value`",
        Case::CallStructRet,
        Conv::Serde,
        true,
    ),
    row(
        "Rust calls Lua `function(a, b) return a + b end`",
        Case::CallLua,
        Conv::Hand,
        false,
    ),
    row(
        "Record -> table (derive / hand IntoLua)",
        Case::StructToTable,
        Conv::Hand,
        false,
    ),
    row(
        "  the same, mlua through serde `to_value`",
        Case::StructToTable,
        Conv::Serde,
        false,
    ),
    row(
        "table -> Record (derive / hand FromLua)",
        Case::TableToStruct,
        Conv::Hand,
        false,
    ),
    row(
        "  the same, mlua through serde `from_value`",
        Case::TableToStruct,
        Conv::Serde,
        false,
    ),
    row(
        "create a table of 1000 integers (per table)",
        Case::CreateSeq1000,
        Conv::Hand,
        false,
    ),
    row(
        "`pairs` over 1000 entries from Rust (per table)",
        Case::Pairs1000,
        Conv::Hand,
        false,
    ),
];

fn main() {
    let mut runs = 7;
    let mut only: Option<(usize, String)> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--runs" => runs = args.next().and_then(|v| v.parse().ok()).expect("--runs N"),
            // For profilers (callgrind): one timed run of one row on one side.
            "--only" => {
                let row = args.next().and_then(|v| v.parse().ok()).expect("--only ROW SIDE");
                let side = args.next().expect("--only ROW SIDE");
                only = Some((row, side));
            }
            _ => {
                eprintln!("usage: bind-bench [--runs N] [--only ROW ours|mlua]");
                std::process::exit(2);
            }
        }
    }
    if let Some((i, side)) = only {
        let r = &ROWS[i];
        let t = if side == "ours" {
            ours::Ours::new().ns_per_op(r.case)
        } else {
            theirs::Theirs::new().ns_per_op(r.case, r.conv)
        };
        println!("{} ({side}): {t:.1} ns/op", r.label);
        return;
    }
    if cfg!(debug_assertions) {
        eprintln!("warning: debug build; run with --release for meaningful numbers");
    }

    let ours = ours::Ours::new();
    let theirs = theirs::Theirs::new();
    // samples[row] = (lua-bind samples, mlua samples); lua-bind is measured once per case and run.
    let mut ours_samples: Vec<Vec<f64>> = vec![Vec::new(); ROWS.len()];
    let mut their_samples: Vec<Vec<f64>> = vec![Vec::new(); ROWS.len()];
    for run in 0..runs {
        eprintln!("run {}/{runs}", run + 1);
        for (i, r) in ROWS.iter().enumerate() {
            let first = ROWS.iter().position(|o| o.case == r.case).expect("row");
            let measure_ours = first == i;
            if run % 2 == 0 {
                if measure_ours {
                    ours_samples[i].push(ours.ns_per_op(r.case));
                }
                their_samples[i].push(theirs.ns_per_op(r.case, r.conv));
            } else {
                their_samples[i].push(theirs.ns_per_op(r.case, r.conv));
                if measure_ours {
                    ours_samples[i].push(ours.ns_per_op(r.case));
                }
            }
        }
    }

    let ours_median: Vec<f64> = ROWS
        .iter()
        .map(|r| {
            let first = ROWS.iter().position(|o| o.case == r.case).expect("row");
            timing::median(ours_samples[first].clone())
        })
        .collect();
    let their_median: Vec<f64> = their_samples.into_iter().map(timing::median).collect();
    let (ours_loop, their_loop) = (ours_median[0], their_median[0]);

    println!(
        "lua-bind on our VM vs mlua on {} (vendored PUC-Rio Lua)",
        theirs.version()
    );
    println!("nanoseconds of thread CPU time per operation (not wall time: the machine is shared), median of {runs} alternating runs;");
    println!("ratio = lua-bind / mlua (below 1: lua-bind is cheaper)");
    println!("net = minus the same VM's bare loop (first row), i.e. the cost of the call and its conversions");
    println!();
    println!(
        "| {:<60} | {:>8} | {:>8} | {:>5} | {:>8} | {:>8} | {:>5} |",
        "operation", "lua-bind", "mlua", "ratio", "lb net", "mlua net", "ratio"
    );
    println!(
        "|{}|{}|{}|{}|{}|{}|{}|",
        "-".repeat(62),
        "-".repeat(9) + ":",
        "-".repeat(9) + ":",
        "-".repeat(6) + ":",
        "-".repeat(9) + ":",
        "-".repeat(9) + ":",
        "-".repeat(6) + ":"
    );
    for (i, r) in ROWS.iter().enumerate() {
        let (o, t) = (ours_median[i], their_median[i]);
        let net = if r.net {
            let (on, tn) = (o - ours_loop, t - their_loop);
            format!("| {on:>8.1} | {tn:>8.1} | {:>5.2} |", on / tn)
        } else {
            format!("| {:>8} | {:>8} | {:>5} |", "", "", "")
        };
        println!(
            "| {:<60} | {o:>8.1} | {t:>8.1} | {:>5.2} {net}",
            r.label,
            o / t
        );
    }
}

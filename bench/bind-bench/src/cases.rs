//! The operations measured, each the same work on both sides, and the Lua source of the loops that
//! call into Rust (shared so both VMs run identical scripts).

/// One measured operation. `ns_per_op` on a side returns the time of one timed run divided by the
/// number of operations it did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Case {
    /// `for i = 1, N do s = s + i end`: the loop the call rows run in, subtracted for their net cost.
    LoopAlone,
    /// Lua calls a Rust `fn(i64, i64) -> i64`.
    CallInts,
    /// Lua calls a Rust `fn(String) -> i64` with a 20-byte string.
    CallString,
    /// Lua calls a Rust function taking a table handle and reading two fields from it.
    CallTable,
    /// Lua calls a Rust function taking a three-field struct (converted from a table).
    CallStructArg,
    /// Lua calls a Rust function returning a three-field struct (converted to a new table).
    CallStructRet,
    /// Rust calls a Lua `function(a, b) return a + b end`.
    CallLua,
    /// A three-field struct converted to a Lua table held by the host.
    StructToTable,
    /// A host-held Lua table converted to the three-field struct.
    TableToStruct,
    /// A table of the integers 1..=1000 created from Rust.
    CreateSeq1000,
    /// A 1000-entry table iterated with `pairs` (`next`) from Rust, summing the values.
    Pairs1000,
}

/// How many operations one timed run does.
pub fn ops(case: Case) -> u64 {
    match case {
        Case::LoopAlone => 20_000_000,
        Case::CallInts | Case::CallString | Case::CallTable => 2_000_000,
        Case::CallStructArg | Case::CallStructRet => 500_000,
        Case::CallLua => 1_000_000,
        Case::StructToTable | Case::TableToStruct => 500_000,
        Case::CreateSeq1000 | Case::Pairs1000 => 2_000,
    }
}

/// The Lua loop of a "Lua calls Rust" case: a chunk returning the sum, with the function to call
/// read from global `f` into a local once.
pub fn loop_source(case: Case) -> String {
    let n = ops(case);
    let body = match case {
        Case::LoopAlone => "s = s + i",
        Case::CallInts => "s = f(s, i)",
        Case::CallString => "s = s + f(str)",
        Case::CallTable => "s = s + f(t)",
        Case::CallStructArg => "s = s + f(rec)",
        Case::CallStructRet => "s = s + f(i).id",
        _ => unreachable!("not a loop case: {case:?}"),
    };
    format!(
        "local f, str, t, rec = f, 'hello, binding layer', {{ x = 1, y = 2 }}, \
         {{ id = 7, name = 'Ada Lovelace', score = 91.5 }} \
         local s = 0 for i = 1, {n} do {body} end return s"
    )
}

/// The value every loop case must return (checked, so both sides did the same work).
pub fn loop_result(case: Case) -> i64 {
    let n = ops(case) as i64;
    match case {
        Case::LoopAlone | Case::CallInts => n * (n + 1) / 2,
        Case::CallString => 20 * n,
        Case::CallTable => 3 * n,
        Case::CallStructArg => (7 + 12) * n,
        Case::CallStructRet => n * (n + 1) / 2,
        _ => unreachable!(),
    }
}

/// The record the struct cases convert: an integer, a string and a float.
pub const REC_ID: i64 = 7;
pub const REC_NAME: &str = "Ada Lovelace";
pub const REC_SCORE: f64 = 91.5;

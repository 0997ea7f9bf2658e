//! The students demo: a host exposes its records to a script.
//!
//! A guided tour of lua-bind in one screen:
//! 1. `#[derive(LuaTable)]` turns `Student` into a Lua table (one field per struct field) and back.
//! 2. `#[lua_function(name = "CGetStudentInfo")]` generates the native wrapper of a plain Rust function:
//!    argument checks with the reference's messages, conversions, the result pushed. `Option<Student>`
//!    returns nil for an unknown id instead of inventing a record.
//! 3. `lua.register(...)` makes it a global in one line.
//! 4. `lua.exec_file(...)` runs the script inside a protected call: the script's error comes back as an
//!    `Error` with the message and the Lua traceback, and the host carries on.
//!
//! Run with `cargo run --example students`.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use lua_bind::prelude::*;

#[derive(LuaTable, Clone, Debug)]
struct Student {
    id: i64,
    name: String,
    age: u32,
    grade: f64,
}

/// The host's records: students 101 to 105.
fn records() -> &'static BTreeMap<i64, Student> {
    static RECORDS: OnceLock<BTreeMap<i64, Student>> = OnceLock::new();
    RECORDS.get_or_init(|| {
        let rows = [
            (101, "Ada", 20, 3.9),
            (102, "Brian", 22, 3.1),
            (103, "Chen", 19, 3.5),
            (104, "Dora", 21, 2.8),
            (105, "Emil", 23, 3.3),
        ];
        rows.iter()
            .map(|&(id, name, age, grade)| {
                let s = Student {
                    id,
                    name: name.to_string(),
                    age,
                    grade,
                };
                (id, s)
            })
            .collect()
    })
}

/// Looks a student up; a missing id is `None` (nil in Lua), never a default record.
#[lua_function(name = "CGetStudentInfo")]
fn get_student_info(id: i64) -> Option<Student> {
    records().get(&id).cloned()
}

fn main() {
    let lua = Lua::new();
    lua.register("CGetStudentInfo", get_student_info::FN)
        .expect("register");
    // Run from the repository root so the script is named "examples/students.lua" in messages.
    std::env::set_current_dir(env!("CARGO_MANIFEST_DIR")).expect("repository root");
    if let Err(e) = lua.exec_file("examples/students.lua") {
        println!("Script failed: {}", e.lua_message());
        println!("{}", e.traceback());
    }
    // The VM is still usable after the error.
    let n: i64 = lua.load("CGetStudentInfo(105).age").eval().expect("eval");
    println!("Student 105 is {n}.");
    println!("Driver is done.");
}

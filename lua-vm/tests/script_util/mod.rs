//! Running a Lua chunk from a test: load, protected call, results as text.

use lua_vm::vm::state::MULTRET;
use lua_vm::{State, Status};

/// Runs `src` protected (chunk name `name`) and returns the status and its results (or the error)
/// as text: strings and numbers as Lua prints them, other values by type name.
pub fn run_script(st: &mut State, src: &str, name: &str) -> (Status, Vec<String>) {
    let base = st.get_top();
    assert_eq!(st.load(src.as_bytes(), name, "t"), Status::Ok);
    let s = st.pcall(0, MULTRET, 0);
    let mut out = Vec::new();
    for i in base + 1..=st.get_top() {
        out.push(match st.to_bytes(i).unwrap() {
            Some(b) => String::from_utf8_lossy(b).into_owned(),
            None => st.type_name_at(i).to_string(),
        });
    }
    st.set_top(base);
    (s, out)
}

//! Runs the examples (students, hot_reload, stack_protocol, traceback) as a user would with
//! `cargo run --example NAME`, and checks what they print.

use std::process::Command;

/// The example's stdout, from `cargo run --example NAME` (cargo rebuilds it if it is stale).
fn run_example(name: &str) -> String {
    let output = Command::new(env!("CARGO"))
        .args(["run", "--quiet", "--example", name])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run the example");
    let stdout = String::from_utf8(output.stdout).expect("utf-8 output");
    assert!(
        output.status.success(),
        "example {name} failed: {}\n{stdout}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

#[test]
fn students() {
    let out = run_example("students");
    assert_eq!(
        out,
        "Student 101: Ada, age 20, grade 3.9\n\
         Student 102: Brian, age 22, grade 3.1\n\
         Student 103: Chen, age 19, grade 3.5\n\
         Student 107: no such student\n\
         Script failed: examples/students.lua:14: bad argument #1 to 'for iterator' (table expected, got nil)\n\
         stack traceback:\n\
         \t[C]: in function 'next'\n\
         \texamples/students.lua:14: in main chunk\n\
         \t[C]: in ?\n\
         Student 105 is 23.\n\
         Driver is done.\n"
    );
}

/// What `lua5.4 examples/traceback.lua` prints (stdout, then stderr without the "lua5.4: " prefix).
const REFERENCE_TRACEBACK: &str = "total weight: 10\n\
    examples/traceback.lua:12: attempt to perform arithmetic on a nil value (field 'count')\n\
    stack traceback:\n\
    \texamples/traceback.lua:12: in method 'total_weight'\n\
    \texamples/traceback.lua:18: in upvalue 'report'\n\
    \texamples/traceback.lua:23: in function 'check_all'\n\
    \texamples/traceback.lua:27: in main chunk\n\
    \t[C]: in ?\n";

#[test]
fn traceback_matches_the_reference() {
    let out = run_example("traceback");
    let ours = out.replacen("lua: ", "", 1);
    assert_eq!(ours, REFERENCE_TRACEBACK);
    // When the reference interpreter is installed, compare with it live as well.
    if let Ok(r) = Command::new("lua5.4")
        .arg("examples/traceback.lua")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
    {
        let reference = String::from_utf8_lossy(&r.stdout).into_owned()
            + &String::from_utf8_lossy(&r.stderr).replacen("lua5.4: ", "", 1);
        assert_eq!(ours, reference);
    }
}

#[test]
fn stack_protocol() {
    let out = run_example("stack_protocol");
    assert_eq!(
        out,
        r#"-- a Lua caller with locals of its own
show_args sees stack (2 values)
  [1] [-2] number: 10
  [2] [-1] string: "twenty"
returned	2
-- a host caller that left values on its stack
host frame before the call: stack (2 values)
  [1] [-2] string: "host leftover"
  [2] [-1] number: 99
show_args sees stack (1 values)
  [1] [-1] boolean: true
host frame after the call: stack (3 values)
  [1] [-3] string: "host leftover"
  [2] [-2] number: 99
  [3] [-1] number: 1
-- several results and a nested table
stats_raw	108.0	18.0	6	4.0	42.0
stats	108.0	18.0	6	4.0	42.0
false	bad argument #1 to 'stats' (field '[2]': number expected, got string)
"#
    );
}

#[test]
fn hot_reload() {
    let out = run_example("hot_reload");
    // The script directory is a fresh temporary one: keep only its file name.
    let out: String = out
        .lines()
        .map(|l| match (l.find("/tmp/"), l.find("task.lua")) {
            (Some(a), Some(b)) if a < b => {
                let mut s = l[..a].to_string() + "TMP/" + &l[b..];
                while let (Some(a), Some(b)) = (s.find("/tmp/"), s.rfind("task.lua")) {
                    if a >= b {
                        break;
                    }
                    s = s[..a].to_string() + "TMP/" + &s[b..];
                }
                s + "\n"
            }
            _ => l.to_string() + "\n",
        })
        .collect();
    let expected = "tick 1: v1 says hello at tick 1 (calls: 1)\n\
        tick 2: v1 says hello at tick 2 (calls: 2)\n\
        tick 3: v1 says hello at tick 3 (calls: 3)\n\
        [host] task.lua changed, reloading\n\
        tick 4: v2 counts down: 6 (calls: 4)\n\
        tick 5: v2 counts down: 5 (calls: 5)\n\
        [host] task.lua changed, reloading\n";
    assert!(out.starts_with(expected), "{out}");
    assert!(out.contains("[host] reload failed, keeping the previous version: error loading module 'task' from file 'TMP/task.lua':\n"), "{out}");
    assert!(
        out.contains("TMP/task.lua:5: unexpected symbol near 'end'\n"),
        "{out}"
    );
    assert!(
        out.ends_with(
            "tick 6: v2 counts down: 4 (calls: 6)\n\
             tick 7: v2 counts down: 3 (calls: 7)\n\
             [host] task.lua changed, reloading\n\
             tick 8: v3 fixed: tick 8 squared is 64 (calls: 8)\n\
             tick 9: v3 fixed: tick 9 squared is 81 (calls: 9)\n\
             calls made: 9\n"
        ),
        "{out}"
    );
}

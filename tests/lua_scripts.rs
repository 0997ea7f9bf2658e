//! Runs every Lua script in `tests/scripts/` with the built `lua` binary, from inside that folder, and
//! compares its stdout and exit status with what lua5.4 gave (`NAME.expected`, recorded by
//! `tests/scripts/record.sh`). Scripts named `error_*.lua` must exit with status 1 and their stderr must
//! match `NAME.stderr`; the others must exit with status 0.
//!
//! Scripts listed in `tests/scripts/PENDING` (one name per line, `#` comments) need something not written
//! yet: they are skipped and listed. Environment:
//! - `LUA_SCRIPTS="a.lua b.lua"`: run only these scripts;
//! - `LUA_SCRIPTS_PENDING=1`: run the pending scripts too and report which of them pass now (their
//!   failures do not fail the test).

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Longest time one script may run (debug build) before it counts as hung.
const TIMEOUT: Duration = Duration::from_secs(120);

fn scripts_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scripts")
}

/// Names listed in the PENDING file.
fn pending_list(dir: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(dir.join("PENDING")).unwrap_or_default();
    text.lines()
        .filter_map(|l| l.split('#').next()?.split_whitespace().next())
        .map(str::to_string)
        .collect()
}

/// Every `*.lua` file in the folder, sorted.
fn all_scripts(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("tests/scripts exists")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".lua"))
        .collect();
    names.sort();
    names
}

struct Outcome {
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    /// Exit code, `None` if killed by a signal or by the timeout.
    code: Option<i32>,
    timed_out: bool,
}

/// Runs `lua NAME` in `dir` with no stdin, killing it after `TIMEOUT`. The program name (argv[0], which
/// starts the interpreter's error messages) is `lua`, as when the outputs were recorded.
fn run_script(dir: &Path, name: &str) -> Outcome {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_lua"));
    #[cfg(unix)]
    std::os::unix::process::CommandExt::arg0(&mut cmd, "lua");
    let mut child = cmd
        .arg(name)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cannot start the lua binary");
    let mut out_pipe = child.stdout.take().expect("piped stdout");
    let mut err_pipe = child.stderr.take().expect("piped stderr");
    let out_reader = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = out_pipe.read_to_end(&mut v);
        v
    });
    let err_reader = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = err_pipe.read_to_end(&mut v);
        v
    });
    let start = Instant::now();
    let mut timed_out = false;
    let status = loop {
        if let Some(st) = child.try_wait().expect("wait for lua") {
            break st;
        }
        if start.elapsed() > TIMEOUT {
            timed_out = true;
            let _ = child.kill();
            break child.wait().expect("wait for killed lua");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    Outcome {
        stdout: out_reader.join().unwrap_or_default(),
        stderr: err_reader.join().unwrap_or_default(),
        code: status.code(),
        timed_out,
    }
}

/// A readable account of the first difference between two outputs.
fn first_difference(what: &str, expected: &[u8], actual: &[u8]) -> String {
    let exp = String::from_utf8_lossy(expected);
    let act = String::from_utf8_lossy(actual);
    let (el, al): (Vec<&str>, Vec<&str>) = (exp.lines().collect(), act.lines().collect());
    let line = el
        .iter()
        .zip(al.iter())
        .position(|(e, a)| e != a)
        .unwrap_or(el.len().min(al.len()));
    let show = |v: &[&str]| -> String {
        let end = (line + 4).min(v.len());
        let part = if line < v.len() {
            &v[line..end]
        } else {
            &[][..]
        };
        if part.is_empty() {
            "    <end of output>\n".to_string()
        } else {
            part.iter().map(|l| format!("    {l}\n")).collect()
        }
    };
    format!(
        "  {what} differs at line {}:\n  expected:\n{}  actual:\n{}",
        line + 1,
        show(&el),
        show(&al)
    )
}

/// Checks one script; `Err` holds a description of every mismatch.
fn check_script(dir: &Path, name: &str) -> Result<(), String> {
    let stem = name.trim_end_matches(".lua");
    let expected = std::fs::read(dir.join(format!("{stem}.expected"))).map_err(|_| {
        format!("  no {stem}.expected: record it with tests/scripts/record.sh {name}")
    })?;
    let is_error_script = stem.starts_with("error_");
    let out = run_script(dir, name);
    let mut problems = Vec::new();
    if out.timed_out {
        problems.push(format!("  timed out after {}s", TIMEOUT.as_secs()));
    }
    let want_code = if is_error_script { 1 } else { 0 };
    if out.code != Some(want_code) {
        problems.push(format!(
            "  exit status {:?}, expected {want_code}",
            out.code
        ));
    }
    if out.stdout != expected {
        problems.push(first_difference("stdout", &expected, &out.stdout));
    }
    if is_error_script {
        let want_err = std::fs::read(dir.join(format!("{stem}.stderr"))).map_err(|_| {
            format!("  no {stem}.stderr: record it with tests/scripts/record.sh {name}")
        })?;
        if out.stderr != want_err {
            problems.push(first_difference("stderr", &want_err, &out.stderr));
        }
    } else if !out.stderr.is_empty() && !problems.is_empty() {
        let err = String::from_utf8_lossy(&out.stderr);
        problems.push(format!(
            "  stderr:\n    {}",
            err.trim_end().replace('\n', "\n    ")
        ));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n"))
    }
}

/// Runs `check_script` over `names` on as many threads as there are cores; results in input order.
fn check_all(dir: &Path, names: &[String]) -> Vec<Result<(), String>> {
    let next = AtomicUsize::new(0);
    let results = Mutex::new(vec![None; names.len()]);
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    std::thread::scope(|s| {
        for _ in 0..workers.min(names.len().max(1)) {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                let Some(name) = names.get(i) else { break };
                let r = check_script(dir, name);
                results.lock().expect("results lock")[i] = Some(r);
            });
        }
    });
    results
        .into_inner()
        .expect("results lock")
        .into_iter()
        .map(|r| r.expect("every script was checked"))
        .collect()
}

#[test]
fn lua_scripts_match_reference_outputs() {
    let dir = scripts_dir();
    let all = all_scripts(&dir);
    let pending = pending_list(&dir);
    for p in &pending {
        assert!(
            all.contains(p),
            "tests/scripts/PENDING lists {p}, which does not exist"
        );
    }
    let only: Option<Vec<String>> = std::env::var("LUA_SCRIPTS")
        .ok()
        .map(|s| s.split_whitespace().map(str::to_string).collect());
    let run_pending = std::env::var_os("LUA_SCRIPTS_PENDING").is_some();
    let selected: Vec<String> = all
        .iter()
        .filter(|n| only.as_ref().is_none_or(|o| o.contains(n)))
        .cloned()
        .collect();
    let (to_run, skipped): (Vec<String>, Vec<String>) = selected
        .into_iter()
        .partition(|n| run_pending || !pending.contains(n));
    if !skipped.is_empty() {
        println!(
            "skipped {} pending script(s) (tests/scripts/PENDING): {}",
            skipped.len(),
            skipped.join(" ")
        );
    }
    let results = check_all(&dir, &to_run);
    let mut failures = Vec::new();
    for (name, r) in to_run.iter().zip(results) {
        let is_pending = pending.contains(name);
        match (r, is_pending) {
            (Ok(()), false) => println!("ok      {name}"),
            (Ok(()), true) => println!("PASSES  {name} (pending: remove it from PENDING)"),
            (Err(e), true) => println!("pending {name} still fails:\n{e}"),
            (Err(e), false) => {
                println!("FAIL    {name}:\n{e}");
                failures.push(name.clone());
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} script(s) differ from lua5.4: {}",
        failures.len(),
        failures.join(" ")
    );
}

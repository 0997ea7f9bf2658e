//! Compiles each file given as argument and prints one line per file: `OK` or the error message
//! (the chunk name is `=` followed by the file's base name). Used to compare with the reference.
use std::io::Write;

use lua_vm::compiler::compile;

fn main() {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for path in std::env::args().skip(1) {
        let Ok(src) = std::fs::read(&path) else {
            println!("{path}\tUNREADABLE");
            continue;
        };
        let base = path.rsplit('/').next().unwrap_or(&path);
        let name = format!("={base}");
        match compile(&src, name.as_bytes()) {
            Ok(_) => {
                let _ = writeln!(out, "{path}\tOK");
            }
            Err(e) => {
                let mut line = format!("{path}\t").into_bytes();
                for &c in &e.message {
                    if c == b'\n' {
                        line.extend_from_slice(b"\\n");
                    } else {
                        line.push(c);
                    }
                }
                line.push(b'\n');
                let _ = out.write_all(&line);
            }
        }
    }
}

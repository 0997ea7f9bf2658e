//! Command-line options of the interpreter (`collectargs`) and the usage message (`print_usage`).

/// Options found before any Lua code runs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Flags {
    /// A bad option: `first` is its index.
    pub error: bool,
    pub interactive: bool,
    pub version: bool,
    pub exec: bool,
    pub no_env: bool,
}

/// Scans the arguments. Returns the flags and the index of the script name (or of the bad option,
/// or `argv.len()` when there is no script).
pub fn collect_args(argv: &[Vec<u8>]) -> (Flags, usize) {
    let mut f = Flags::default();
    let bad = Flags {
        error: true,
        ..Flags::default()
    };
    let mut i = 1;
    while i < argv.len() {
        let a = &argv[i];
        let first = i;
        if a.first() != Some(&b'-') {
            return (f, first);
        }
        let extra = a.len() > 2;
        match a.get(1).copied() {
            Some(b'-') => {
                if extra {
                    return (bad, first);
                }
                return (f, i + 1);
            }
            None => return (f, first),
            Some(b'E') => {
                if extra {
                    return (bad, first);
                }
                f.no_env = true;
            }
            Some(b'W') => {
                if extra {
                    return (bad, first);
                }
            }
            Some(c @ (b'i' | b'v')) => {
                if c == b'i' {
                    f.interactive = true;
                }
                if extra {
                    return (bad, first);
                }
                f.version = true;
            }
            Some(c @ (b'e' | b'l')) => {
                if c == b'e' {
                    f.exec = true;
                }
                if !extra {
                    i += 1;
                    match argv.get(i) {
                        None => return (bad, first),
                        Some(n) if n.first() == Some(&b'-') => return (bad, first),
                        _ => {}
                    }
                }
            }
            _ => return (bad, first),
        }
        i += 1;
    }
    (f, argv.len())
}

/// The message for a bad option (`print_usage`).
pub fn usage(progname: &[u8], badoption: &[u8]) -> Vec<u8> {
    let p = String::from_utf8_lossy(progname);
    let b = String::from_utf8_lossy(badoption);
    let mut out = format!("{p}: ");
    if matches!(badoption.get(1), Some(b'e' | b'l')) {
        out.push_str(&format!("'{b}' needs argument\n"));
    } else {
        out.push_str(&format!("unrecognized option '{b}'\n"));
    }
    out.push_str(&format!(
        "usage: {p} [options] [script [args]]\n\
         Available options are:\n\
         \x20 -e stat   execute string 'stat'\n\
         \x20 -i        enter interactive mode after executing 'script'\n\
         \x20 -l mod    require library 'mod' into global 'mod'\n\
         \x20 -l g=mod  require library 'mod' into global 'g'\n\
         \x20 -v        show version information\n\
         \x20 -E        ignore environment variables\n\
         \x20 -W        turn warnings on\n\
         \x20 --        stop handling options\n\
         \x20 -         stop handling options and execute stdin\n"
    ));
    out.into_bytes()
}

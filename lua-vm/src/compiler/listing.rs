//! Human-readable listing of compiled functions in the format of `luac -l -l` (addresses replaced
//! by function numbers), for tests and debugging.
#![forbid(unsafe_code)]

use std::fmt::Write;

use super::opcode::*;
use super::proto::{Constant, FuncProto};

const EVENT_NAMES: [&str; 25] = [
    "index", "newindex", "gc", "mode", "len", "eq", "add", "sub", "mul", "mod", "pow", "div",
    "idiv", "band", "bor", "bxor", "shl", "shr", "unm", "bnot", "lt", "le", "concat", "call",
    "close",
];

/// C's `%.14g`.
pub fn format_g14(f: f64) -> String {
    if f.is_nan() {
        return if f.is_sign_negative() {
            "-nan".into()
        } else {
            "nan".into()
        };
    }
    if f.is_infinite() {
        return if f < 0.0 { "-inf".into() } else { "inf".into() };
    }
    const P: i32 = 14;
    let e_form = format!("{:.*e}", (P - 1) as usize, f);
    let (mant, exp) = e_form.split_once('e').unwrap_or((&e_form, "0"));
    let x: i32 = exp.parse().unwrap_or(0);
    let strip = |s: &str| -> String {
        if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s.to_string()
        }
    };
    if (-4..P).contains(&x) {
        strip(&format!("{:.*}", (P - 1 - x) as usize, f))
    } else {
        let sign = if x < 0 { '-' } else { '+' };
        format!("{}e{}{:02}", strip(mant), sign, x.abs())
    }
}

/// A string constant as luac prints it: quoted, with C escapes and `\ddd` for unprintable bytes.
fn quote(s: &[u8]) -> String {
    let mut out = String::from("\"");
    for &c in s {
        match c {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            0x07 => out.push_str("\\a"),
            0x08 => out.push_str("\\b"),
            0x0c => out.push_str("\\f"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            0x0b => out.push_str("\\v"),
            0x20..=0x7e => out.push(char::from(c)),
            _ => {
                let _ = write!(out, "\\{c:03}");
            }
        }
    }
    out.push('"');
    out
}

fn constant_text(k: Option<&Constant>) -> String {
    match k {
        None => "?".into(),
        Some(Constant::Nil) => "nil".into(),
        Some(Constant::Bool(b)) => b.to_string(),
        Some(Constant::Int(i)) => i.to_string(),
        Some(Constant::Float(f)) => {
            let s = format_g14(*f);
            if s.bytes().all(|c| c == b'-' || c.is_ascii_digit()) {
                s + ".0"
            } else {
                s
            }
        }
        Some(Constant::Str(s)) => quote(s),
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

struct Lister {
    out: String,
    next_id: usize,
}

/// Lists `p` and its nested functions (recursively) like `luac -l -l`.
pub fn listing(p: &FuncProto) -> String {
    let mut l = Lister {
        out: String::new(),
        next_id: 1,
    };
    l.function(p, true);
    l.out
}

impl Lister {
    fn function(&mut self, f: &FuncProto, is_main: bool) {
        let id = self.next_id;
        self.next_id += 1;
        let first_child = self.next_id;
        self.header(f, is_main, id);
        self.code(f, first_child);
        self.debug(f, id);
        let mut child_id = first_child;
        for child in &f.protos {
            self.next_id = child_id;
            self.function(child, false);
            child_id = self.next_id;
        }
        self.next_id = child_id;
    }

    fn header(&mut self, f: &FuncProto, is_main: bool, id: usize) {
        let src = match f.source.first() {
            Some(b'@') | Some(b'=') => String::from_utf8_lossy(&f.source[1..]).into_owned(),
            Some(0x1b) => "(bstring)".into(),
            _ => "(string)".into(),
        };
        let n = f.code.len();
        let _ = writeln!(
            self.out,
            "\n{} <{}:{},{}> ({} instruction{} at 0x{:x})",
            if is_main { "main" } else { "function" },
            src,
            f.line_defined,
            f.last_line_defined,
            n,
            plural(n),
            id
        );
        let np = usize::from(f.num_params);
        let _ = writeln!(
            self.out,
            "{}{} param{}, {} slot{}, {} upvalue{}, {} local{}, {} constant{}, {} function{}",
            np,
            if f.is_vararg { "+" } else { "" },
            plural(np),
            f.max_stack_size,
            plural(usize::from(f.max_stack_size)),
            f.upvalues.len(),
            plural(f.upvalues.len()),
            f.loc_vars.len(),
            plural(f.loc_vars.len()),
            f.constants.len(),
            plural(f.constants.len()),
            f.protos.len(),
            plural(f.protos.len())
        );
    }

    fn code(&mut self, f: &FuncProto, first_child: usize) {
        let k = |i: u32| constant_text(f.constants.get(i as usize));
        let up = |i: u32| {
            f.upvalues
                .get(i as usize)
                .and_then(|u| u.name.as_ref())
                .map_or("-".to_string(), |n| String::from_utf8_lossy(n).into_owned())
        };
        let event = |c: u32| format!("__{}", EVENT_NAMES.get(c as usize).copied().unwrap_or("?"));
        let isk = |b: bool| if b { "k" } else { "" };
        for (pc, &i) in f.code.iter().enumerate() {
            let op = get_opcode(i);
            let (a, b, c, k_) = (get_a(i), get_b(i), get_c(i), get_k(i));
            let (sb, sc, bx, sbx, sj) = (get_sb(i), get_sc(i), get_bx(i), get_sbx(i), get_sj(i));
            let next_ax = || f.code.get(pc + 1).map_or(0, |&n| get_ax(n));
            let line = f
                .line_info
                .get(pc)
                .map_or("[-]".to_string(), |l| format!("[{l}]"));
            use OpCode::*;
            let (args, comment): (String, String) = match op {
                MOVE | UNM | BNOT | NOT | LEN | CONCAT => (format!("{a} {b}"), String::new()),
                LOADI | LOADF => (format!("{a} {sbx}"), String::new()),
                LOADK => (format!("{a} {bx}"), k(bx)),
                LOADKX => (format!("{a}"), k(next_ax())),
                LOADFALSE | LFALSESKIP | LOADTRUE | CLOSE | TBC | RETURN1 | VARARGPREP => {
                    (format!("{a}"), String::new())
                }
                LOADNIL => (format!("{a} {b}"), format!("{} out", b + 1)),
                GETUPVAL | SETUPVAL => (format!("{a} {b}"), up(b)),
                GETTABUP => (format!("{a} {b} {c}"), format!("{} {}", up(b), k(c))),
                GETTABLE | GETI | ADD | SUB | MUL | MOD | POW | DIV | IDIV | BAND | BOR | BXOR
                | SHL | SHR => (format!("{a} {b} {c}"), String::new()),
                GETFIELD | ADDK | SUBK | MULK | MODK | POWK | DIVK | IDIVK | BANDK | BORK
                | BXORK => (format!("{a} {b} {c}"), k(c)),
                SETTABUP => {
                    let mut cm = format!("{} {}", up(a), k(b));
                    if k_ {
                        cm = format!("{cm} {}", k(c));
                    }
                    (format!("{a} {b} {c}{}", isk(k_)), cm)
                }
                SETTABLE | SETI | SELF => (
                    format!("{a} {b} {c}{}", isk(k_)),
                    if k_ { k(c) } else { String::new() },
                ),
                SETFIELD => {
                    let mut cm = k(b);
                    if k_ {
                        cm = format!("{cm} {}", k(c));
                    }
                    (format!("{a} {b} {c}{}", isk(k_)), cm)
                }
                NEWTABLE => {
                    let size = c as usize + next_ax() as usize * (MAXARG_C as usize + 1);
                    (format!("{a} {b} {c}"), size.to_string())
                }
                ADDI | SHRI | SHLI => (format!("{a} {b} {sc}"), String::new()),
                MMBIN => (format!("{a} {b} {c}"), event(c)),
                MMBINI => {
                    let flip = if k_ { " flip" } else { "" };
                    (
                        format!("{a} {sb} {c} {}", u32::from(k_)),
                        format!("{}{}", event(c), flip),
                    )
                }
                MMBINK => {
                    let flip = if k_ { " flip" } else { "" };
                    (
                        format!("{a} {b} {c} {}", u32::from(k_)),
                        format!("{} {}{}", event(c), k(b), flip),
                    )
                }
                JMP => (format!("{sj}"), format!("to {}", sj + pc as i32 + 2)),
                EQ | LT | LE => (format!("{a} {b} {}", u32::from(k_)), String::new()),
                EQK => (format!("{a} {b} {}", u32::from(k_)), k(b)),
                EQI | LTI | LEI | GTI | GEI => {
                    (format!("{a} {sb} {}", u32::from(k_)), String::new())
                }
                TEST => (format!("{a} {}", u32::from(k_)), String::new()),
                TESTSET => (format!("{a} {b} {}", u32::from(k_)), String::new()),
                CALL => {
                    let ins = if b == 0 {
                        "all in ".to_string()
                    } else {
                        format!("{} in ", b - 1)
                    };
                    let outs = if c == 0 {
                        "all out".to_string()
                    } else {
                        format!("{} out", c - 1)
                    };
                    (format!("{a} {b} {c}"), ins + &outs)
                }
                TAILCALL => (
                    format!("{a} {b} {c}{}", isk(k_)),
                    format!("{} in", i64::from(b) - 1),
                ),
                RETURN => {
                    let outs = if b == 0 {
                        "all out".to_string()
                    } else {
                        format!("{} out", b - 1)
                    };
                    (format!("{a} {b} {c}{}", isk(k_)), outs)
                }
                RETURN0 => (String::new(), String::new()),
                FORLOOP | TFORLOOP => (
                    format!("{a} {bx}"),
                    format!("to {}", pc as i64 - i64::from(bx) + 2),
                ),
                FORPREP => (
                    format!("{a} {bx}"),
                    format!("exit to {}", pc as i64 + i64::from(bx) + 3),
                ),
                TFORPREP => (
                    format!("{a} {bx}"),
                    format!("to {}", pc as i64 + i64::from(bx) + 2),
                ),
                TFORCALL => (format!("{a} {c}"), String::new()),
                SETLIST => {
                    let cm = if k_ {
                        (c as usize + next_ax() as usize * (MAXARG_C as usize + 1)).to_string()
                    } else {
                        String::new()
                    };
                    (format!("{a} {b} {c}"), cm)
                }
                CLOSURE => (
                    format!("{a} {bx}"),
                    format!("0x{:x}", first_child + bx as usize),
                ),
                VARARG => {
                    let outs = if c == 0 {
                        "all out".to_string()
                    } else {
                        format!("{} out", c - 1)
                    };
                    (format!("{a} {c}"), outs)
                }
                EXTRAARG => (format!("{}", get_ax(i)), String::new()),
            };
            let _ = write!(
                self.out,
                "\t{}\t{}\t{:<9}\t{}",
                pc + 1,
                line,
                op.name(),
                args
            );
            if !comment.is_empty() {
                let _ = write!(self.out, "\t; {comment}");
            }
            self.out.push('\n');
        }
    }

    fn debug(&mut self, f: &FuncProto, id: usize) {
        let _ = writeln!(
            self.out,
            "constants ({}) for 0x{:x}:",
            f.constants.len(),
            id
        );
        for (i, k) in f.constants.iter().enumerate() {
            let tag = match k {
                Constant::Nil => "N",
                Constant::Bool(_) => "B",
                Constant::Int(_) => "I",
                Constant::Float(_) => "F",
                Constant::Str(_) => "S",
            };
            let _ = writeln!(self.out, "\t{}\t{}\t{}", i, tag, constant_text(Some(k)));
        }
        let _ = writeln!(self.out, "locals ({}) for 0x{:x}:", f.loc_vars.len(), id);
        for (i, v) in f.loc_vars.iter().enumerate() {
            let _ = writeln!(
                self.out,
                "\t{}\t{}\t{}\t{}",
                i,
                String::from_utf8_lossy(&v.name),
                v.start_pc + 1,
                v.end_pc + 1
            );
        }
        let _ = writeln!(self.out, "upvalues ({}) for 0x{:x}:", f.upvalues.len(), id);
        for (i, u) in f.upvalues.iter().enumerate() {
            let name = u
                .name
                .as_ref()
                .map_or("-".to_string(), |n| String::from_utf8_lossy(n).into_owned());
            let _ = writeln!(
                self.out,
                "\t{}\t{}\t{}\t{}",
                i,
                name,
                u8::from(u.in_stack),
                u.index
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::format_g14;

    #[test]
    fn g14() {
        assert_eq!(format_g14(1.5), "1.5");
        assert_eq!(format_g14(1e100), "1e+100");
        assert_eq!(format_g14(9007199254740992.0), "9.007199254741e+15");
        assert_eq!(format_g14(-0.5), "-0.5");
        assert_eq!(format_g14(1.0), "1");
        assert_eq!(format_g14(0.0001), "0.0001");
        assert_eq!(format_g14(0.00001), "1e-05");
        assert_eq!(format_g14(123456789012345.0), "1.2345678901234e+14");
        assert_eq!(format_g14(12345678901234.0), "12345678901234");
        assert_eq!(format_g14(0.1), "0.1");
        assert_eq!(format_g14(1.0 / 3.0), "0.33333333333333");
        assert_eq!(format_g14(f64::INFINITY), "inf");
    }
}

//! The compiler must return Ok or Err for any input: random bytes, random token soups and mutated
//! real programs, never panic or overflow the stack (checked on a 2 MiB thread, as `cargo test` uses).
mod compiler_util;

use compiler_util::on_small_stack;
use lua_vm::compiler::{compile, listing};

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const TOKENS: &[&str] = &[
    "and",
    "break",
    "do",
    "else",
    "elseif",
    "end",
    "false",
    "for",
    "function",
    "goto",
    "if",
    "in",
    "local",
    "nil",
    "not",
    "or",
    "repeat",
    "return",
    "then",
    "true",
    "until",
    "while",
    "+",
    "-",
    "*",
    "/",
    "%",
    "^",
    "#",
    "&",
    "~",
    "|",
    "<<",
    ">>",
    "//",
    "==",
    "~=",
    "<=",
    ">=",
    "<",
    ">",
    "=",
    "(",
    ")",
    "{",
    "}",
    "[",
    "]",
    "::",
    ";",
    ":",
    ",",
    ".",
    "..",
    "...",
    "x",
    "y",
    "t",
    "f",
    "_ENV",
    "self",
    "1",
    "0",
    "2.5",
    "0x10",
    "1e3",
    "255",
    "256",
    "-1",
    "\"s\"",
    "'q'",
    "[[long]]",
    "[==[x]==]",
    "--c\n",
    "--[[c]]",
    "\n",
    " ",
    "<const>",
    "<close>",
    "::l::",
    "goto l",
    "\"\\",
    "\"\\x",
    "\"\\u{",
    "\"\\300\"",
    "[=",
    "0x",
    "3x",
    "\\",
    "@",
    "\0",
    "\u{e9}",
];

fn check(src: &[u8]) {
    if let Ok(p) = compile(src, b"=fuzz") {
        // Whatever compiles must also be listable (every index in range).
        let _ = listing(&p);
    }
}

#[test]
fn random_bytes_never_panic() {
    on_small_stack(|| {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        for _ in 0..3000 {
            let len = rng.below(200);
            let src: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
            check(&src);
        }
    });
}

#[test]
fn random_token_soups_never_panic() {
    on_small_stack(|| {
        let mut rng = Rng(12345);
        for _ in 0..6000 {
            let n = rng.below(60);
            let mut src = Vec::new();
            for _ in 0..n {
                src.extend_from_slice(TOKENS[rng.below(TOKENS.len())].as_bytes());
                if rng.below(3) > 0 {
                    src.push(b' ');
                }
            }
            check(&src);
        }
    });
}

#[test]
fn mutated_programs_never_panic() {
    let base: &[&str] = &[
        "local t = {1, 2, x = 3, [4] = f(...)} for i = 1, #t do t[i] = t[i] * 2 end return t",
        "local function f(a, b, ...) if a < b then return f(b, a, ...) elseif a == b then goto done end \
         while a > 0 do a = a - 1; if a % 7 == 0 then break end end ::done:: return a, ... end",
        "local x <const> = 10 local y <close> = nil repeat local z = x until z > 5 \
         for k, v in pairs(_G) do print(k, v) end",
        "a, b.c, d[1] = 1, f(), ... local s = 'a' .. \"b\\n\" .. [[c]] .. 1 .. 2.5 function o.p:q(r) return self end",
        "return (a and b or c) == not d, ~e & 1 | 2 ~ 3 << 4 >> 5 // 6 ^ 7 ^ 8 .. 9 .. 10",
    ];
    let mut corpus: Vec<Vec<u8>> = base.iter().map(|s| s.as_bytes().to_vec()).collect();
    if let Ok(entries) = std::fs::read_dir("/work/lua-5.4.4-tests/testes") {
        for e in entries.flatten() {
            if let Ok(src) = std::fs::read(e.path()) {
                if e.path().extension().is_some_and(|x| x == "lua") {
                    corpus.push(src);
                }
            }
        }
    }
    corpus.sort();
    on_small_stack(move || {
        let mut rng = Rng(777);
        for round in 0..3000 {
            let src = &corpus[round % corpus.len()];
            // A window of the source, then a few random edits.
            let start = rng.below(src.len().max(1));
            let len = 1 + rng.below(2000);
            let mut m: Vec<u8> = src[start..(start + len).min(src.len())].to_vec();
            for _ in 0..1 + rng.below(4) {
                let p = rng.below(m.len() + 1);
                match rng.below(4) {
                    0 => {
                        let tok = TOKENS[rng.below(TOKENS.len())].as_bytes();
                        m.splice(p..p, tok.iter().copied());
                    }
                    1 => {
                        let q = (p + 1 + rng.below(20)).min(m.len());
                        if p < q {
                            m.drain(p..q);
                        }
                    }
                    2 => {
                        if p < m.len() {
                            m[p] = rng.next() as u8;
                        }
                    }
                    _ => {
                        let q = (p + rng.below(40)).min(m.len());
                        let dup = m[p.min(q)..q].to_vec();
                        m.splice(q..q, dup);
                    }
                }
            }
            check(&m);
        }
    });
}

#[test]
fn huge_inputs_are_handled() {
    on_small_stack(|| {
        // Many locals in sequence (each block frees them), long strings, long lines, many constants.
        let mut src = String::new();
        for i in 0..3000 {
            src.push_str(&format!("do local a{i} = {i}.5 .. 'k{i}' end\n"));
        }
        assert!(compile(src.as_bytes(), b"=big").is_ok());
        let long = format!("return '{}'", "x".repeat(1 << 20));
        assert!(compile(long.as_bytes(), b"=long").is_ok());
        let many = format!("return {{{}}}", "1,".repeat(100_000));
        assert!(compile(many.as_bytes(), b"=many").is_ok());
    });
}

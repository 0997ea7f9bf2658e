//! Syntax and semantic error messages, compared with what the reference (lua5.4) prints for the
//! same input given to `load`.
mod compiler_util;

use compiler_util::{load_msg, on_small_stack};
use lua_vm::compiler::compile;

fn show(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// (source, message of `load(source)` in lua5.4, or "OK")
const CASES: &[(&[u8], &[u8])] = &[
    (b"x = \"a\\qb\"", b"[string \"x = \"a\\qb\"\"]:1: invalid escape sequence near '\"a\\q'"),
    (b"x = \"\\xZZ\"", b"[string \"x = \"\\xZZ\"\"]:1: hexadecimal digit expected near '\"\\xZ'"),
    (b"x = \"\\x5\"", b"[string \"x = \"\\x5\"\"]:1: hexadecimal digit expected near '\"\\x5\"'"),
    (b"x = \"\\256\"", b"[string \"x = \"\\256\"\"]:1: decimal escape too large near '\"\\256\"'"),
    (b"x = \"\\u{110000000}\"", b"[string \"x = \"\\u{110000000}\"\"]:1: UTF-8 value too large near '\"\\u{110000000'"),
    (b"x = \"\\u{80000000}\"", b"[string \"x = \"\\u{80000000}\"\"]:1: UTF-8 value too large near '\"\\u{80000000'"),
    (b"x = \"\\u{12\"", b"[string \"x = \"\\u{12\"\"]:1: missing '}' near '\"\\u{12\"'"),
    (b"x = \"\\u12\"", b"[string \"x = \"\\u12\"\"]:1: missing '{' near '\"\\u1'"),
    (b"x = \"\\u{}\"", b"[string \"x = \"\\u{}\"\"]:1: hexadecimal digit expected near '\"\\u{}'"),
    (b"x = \"abc", b"[string \"x = \"abc\"]:1: unfinished string near <eof>"),
    (b"x = \"abc\ny\"", b"[string \"x = \"abc...\"]:1: unfinished string near '\"abc'"),
    (b"x = [==[abc", b"[string \"x = [==[abc\"]:1: unfinished long string (starting at line 1) near <eof>"),
    (b"--[[ abc", b"[string \"--[[ abc\"]:1: unfinished long comment (starting at line 1) near <eof>"),
    (b"--[==[ abc\n\n", b"[string \"--[==[ abc...\"]:3: unfinished long comment (starting at line 1) near <eof>"),
    (b"x = [=x", b"[string \"x = [=x\"]:1: invalid long string delimiter near '[='"),
    (b"x = [==", b"[string \"x = [==\"]:1: invalid long string delimiter near '[=='"),
    (b"x = 'abc\\", b"[string \"x = 'abc\\\"]:1: unfinished string near <eof>"),
    (b"x = \"\\", b"[string \"x = \"\\\"]:1: unfinished string near <eof>"),
    (b"x = 3x", b"[string \"x = 3x\"]:1: malformed number near '3x'"),
    (b"x = 3.4.5", b"[string \"x = 3.4.5\"]:1: malformed number near '3.4.5'"),
    (b"x = 0x", b"[string \"x = 0x\"]:1: malformed number near '0x'"),
    (b"x = 1e", b"[string \"x = 1e\"]:1: malformed number near '1e'"),
    (b"x = 1e+", b"[string \"x = 1e+\"]:1: malformed number near '1e+'"),
    (b"x = 0x1p", b"[string \"x = 0x1p\"]:1: malformed number near '0x1p'"),
    (b"x = 08z", b"[string \"x = 08z\"]:1: malformed number near '08z'"),
    (b"x = 3..4", b"[string \"x = 3..4\"]:1: malformed number near '3..4'"),
    (b"x = 0xep+1", b"OK"),
    (b"x = .5.", b"[string \"x = .5.\"]:1: malformed number near '.5.'"),
    (b"x = 1_000", b"[string \"x = 1_000\"]:1: malformed number near '1_'"),
    (b"x = \x01", b"[string \"x = \x01\"]:1: unexpected symbol near '<\\1>'"),
    (b"x = @", b"[string \"x = @\"]:1: unexpected symbol near '@'"),
    (b"x = $", b"[string \"x = $\"]:1: unexpected symbol near '$'"),
    (b"x = `", b"[string \"x = `\"]:1: unexpected symbol near '`'"),
    (b"x = \xc3\xa9", b"[string \"x = \xc3\xa9\"]:1: unexpected symbol near '<\\195>'"),
    (b"x = \"abc\" y", b"[string \"x = \"abc\" y\"]:1: syntax error near <eof>"),
    (b"x = \"a\x00b\" y", b"[string \"x = \"a\"]:1: syntax error near <eof>"),
    (b"x = 'a\\\nb' y", b"[string \"x = 'a\\...\"]:2: syntax error near <eof>"),
    (b"x = [[\nabc]] y", b"[string \"x = [[...\"]:2: syntax error near <eof>"),
    (b"x = [==[a]]b]==] y", b"[string \"x = [==[a]]b]==] y\"]:1: syntax error near <eof>"),
    (b"x = !", b"[string \"x = !\"]:1: unexpected symbol near '!'"),
    (b"a = 1 ! 2", b"[string \"a = 1 ! 2\"]:1: unexpected symbol near '!'"),
    (b"x = = 1", b"[string \"x = = 1\"]:1: unexpected symbol near '='"),
    (b"for i = 1 do end", b"[string \"for i = 1 do end\"]:1: ',' expected near 'do'"),
    (b"for i do end", b"[string \"for i do end\"]:1: '=' or 'in' expected near 'do'"),
    (b"for 1 = 1, 2 do end", b"[string \"for 1 = 1, 2 do end\"]:1: <name> expected near '1'"),
    (b"f(", b"[string \"f(\"]:1: unexpected symbol near <eof>"),
    (b"f(x", b"[string \"f(x\"]:1: ')' expected near <eof>"),
    (b"f(x\n\n", b"[string \"f(x...\"]:3: ')' expected (to close '(' at line 1) near <eof>"),
    (b"x = }", b"[string \"x = }\"]:1: unexpected symbol near '}'"),
    (b"if x then", b"[string \"if x then\"]:1: 'end' expected near <eof>"),
    (b"if x then\nelse\n", b"[string \"if x then...\"]:3: 'end' expected (to close 'if' at line 1) near <eof>"),
    (b"a.b:c = 1", b"[string \"a.b:c = 1\"]:1: function arguments expected near '='"),
    (b"x = 1 = 2", b"[string \"x = 1 = 2\"]:1: unexpected symbol near '='"),
    (b"local function (", b"[string \"local function (\"]:1: <name> expected near '('"),
    (b"return return", b"[string \"return return\"]:1: unexpected symbol near 'return'"),
    (b"x = {1,2", b"[string \"x = {1,2\"]:1: '}' expected near <eof>"),
    (b"x = {1,2\n", b"[string \"x = {1,2...\"]:2: '}' expected (to close '{' at line 1) near <eof>"),
    (b"x=function() end end", b"[string \"x=function() end end\"]:1: <eof> expected near 'end'"),
    (b"function f(a,) end", b"[string \"function f(a,) end\"]:1: <name> or '...' expected near ')'"),
    (b"function f(a, 1) end", b"[string \"function f(a, 1) end\"]:1: <name> or '...' expected near '1'"),
    (b"function f(..., a) end", b"[string \"function f(..., a) end\"]:1: ')' expected near ','"),
    (b"local 1 = 2", b"[string \"local 1 = 2\"]:1: <name> expected near '1'"),
    (b"local x <", b"[string \"local x <\"]:1: <name> expected near <eof>"),
    (b"local x <const", b"[string \"local x <const\"]:1: '>' expected near <eof>"),
    (b"local x <foo> = 1", b"[string \"local x <foo> = 1\"]:1: unknown attribute 'foo'"),
    (b"x.y", b"[string \"x.y\"]:1: syntax error near <eof>"),
    (b"x:y", b"[string \"x:y\"]:1: function arguments expected near <eof>"),
    (b"x:y = 1", b"[string \"x:y = 1\"]:1: function arguments expected near '='"),
    (b"(x) = 1", b"[string \"(x) = 1\"]:1: syntax error near '='"),
    (b"x() = 1", b"[string \"x() = 1\"]:1: syntax error near '='"),
    (b"1 = x", b"[string \"1 = x\"]:1: unexpected symbol near '1'"),
    (b"x, y() = 1, 2", b"[string \"x, y() = 1, 2\"]:1: syntax error near '='"),
    (b"while true do", b"[string \"while true do\"]:1: 'end' expected near <eof>"),
    (b"repeat x = 1", b"[string \"repeat x = 1\"]:1: 'until' expected near <eof>"),
    (b"repeat x = 1 until", b"[string \"repeat x = 1 until\"]:1: unexpected symbol near <eof>"),
    (b"do do end", b"[string \"do do end\"]:1: 'end' expected near <eof>"),
    (b"goto", b"[string \"goto\"]:1: <name> expected near <eof>"),
    (b"goto 1", b"[string \"goto 1\"]:1: <name> expected near '1'"),
    (b"::a", b"[string \"::a\"]:1: '::' expected near <eof>"),
    (b"::a:", b"[string \"::a:\"]:1: '::' expected near ':'"),
    (b"a = (1", b"[string \"a = (1\"]:1: ')' expected near <eof>"),
    (b"a = (1\n\n)", b"OK"),
    (b"a = {[1] 2}", b"[string \"a = {[1] 2}\"]:1: '=' expected near '2'"),
    (b"a = {x 2}", b"[string \"a = {x 2}\"]:1: '}' expected near '2'"),
    (b"a = {x = }", b"[string \"a = {x = }\"]:1: unexpected symbol near '}'"),
    (b"a = b c", b"[string \"a = b c\"]:1: syntax error near <eof>"),
    (b"local a = 1 2", b"[string \"local a = 1 2\"]:1: unexpected symbol near '2'"),
    (b"return 1 2", b"[string \"return 1 2\"]:1: <eof> expected near '2'"),
    (b"return;;", b"[string \"return;;\"]:1: <eof> expected near ';'"),
    (b"f{}{}\"x\"[1]", b"[string \"f{}{}\"x\"[1]\"]:1: syntax error near <eof>"),
    (b"x = function", b"[string \"x = function\"]:1: '(' expected near <eof>"),
    (b"x = function(", b"[string \"x = function(\"]:1: <name> or '...' expected near <eof>"),
    (b"x = not", b"[string \"x = not\"]:1: unexpected symbol near <eof>"),
    (b"x = 1 +", b"[string \"x = 1 +\"]:1: unexpected symbol near <eof>"),
    (b"x = 1 .. ", b"[string \"x = 1 .. \"]:1: unexpected symbol near <eof>"),
    (b"x = #", b"[string \"x = #\"]:1: unexpected symbol near <eof>"),
    (b"x = ...", b"OK"),
    (b"function f() x = ... end", b"[string \"function f() x = ... end\"]:1: cannot use '...' outside a vararg function near '...'"),
    (b"function f(a) return ... end", b"[string \"function f(a) return ... end\"]:1: cannot use '...' outside a vararg function near '...'"),
    (b"x = a.1", b"[string \"x = a.1\"]:1: unexpected symbol near '.1'"),
    (b"x = a:1()", b"[string \"x = a:1()\"]:1: <name> expected near '1'"),
    (b"x = a:b", b"[string \"x = a:b\"]:1: function arguments expected near <eof>"),
    (b"x = a:b.c()", b"[string \"x = a:b.c()\"]:1: function arguments expected near '.'"),
    (b"elseif", b"[string \"elseif\"]:1: <eof> expected near 'elseif'"),
    (b"end", b"[string \"end\"]:1: <eof> expected near 'end'"),
    (b"until", b"[string \"until\"]:1: <eof> expected near 'until'"),
    (b"else", b"[string \"else\"]:1: <eof> expected near 'else'"),
    (b"then", b"[string \"then\"]:1: unexpected symbol near 'then'"),
    (b"in", b"[string \"in\"]:1: unexpected symbol near 'in'"),
    (b"for a, b = 1, 2 do end", b"[string \"for a, b = 1, 2 do end\"]:1: 'in' expected near '='"),
    (b"for a in do end", b"[string \"for a in do end\"]:1: unexpected symbol near 'do'"),
    (b"for a in b end", b"[string \"for a in b end\"]:1: 'do' expected near 'end'"),
    (b"for a in b do", b"[string \"for a in b do\"]:1: 'end' expected near <eof>"),
    (b"function a.b:c.d() end", b"[string \"function a.b:c.d() end\"]:1: '(' expected near '.'"),
    (b"function a:b:c() end", b"[string \"function a:b:c() end\"]:1: '(' expected near ':'"),
    (b"function (a) end", b"[string \"function (a) end\"]:1: <name> expected near '('"),
    (b"local function a.b() end", b"[string \"local function a.b() end\"]:1: '(' expected near '.'"),
    (b"local x, y <close> = 1, 2, 3 x = 1", b"OK"),
    (b"local a <close>, b <close> = 1", b"[string \"local a <close>, b <close> = 1\"]:1: multiple to-be-closed variables in local list"),
    (b"local a <const> = 1; a = 2", b"[string \"local a <const> = 1; a = 2\"]:1: attempt to assign to const variable 'a'"),
    (b"local a <const> = {}; a = 2", b"[string \"local a <const> = {}; a = 2\"]:1: attempt to assign to const variable 'a'"),
    (b"local a <close> = nil; a = 2", b"[string \"local a <close> = nil; a = 2\"]:1: attempt to assign to const variable 'a'"),
    (b"local a <const> = 1; function f() a = 2 end", b"[string \"local a <const> = 1; function f() a = 2 end\"]:1: attempt to assign to const variable 'a'"),
    (b"local a <const> = 1; local function f() return function() a = 1 end end", b"[string \"local a <const> = 1; local function f() retur...\"]:1: attempt to assign to const variable 'a'"),
    (b"local a <const> = 1; function a() end", b"[string \"local a <const> = 1; function a() end\"]:1: attempt to assign to const variable 'a'"),
    (b"local t <const> = {}; function t.x() end; function t:y() end; t.z = 1", b"OK"),
    (b"local a <const> = 1; a.x = 1", b"OK"),
    (b"local x <const> = 1; local y; y, x = 1, 2", b"[string \"local x <const> = 1; local y; y, x = 1, 2\"]:1: attempt to assign to const variable 'x'"),
    (b"goto l; local x; ::l:: print(x)", b"[string \"goto l; local x; ::l:: print(x)\"]:1: <goto l> at line 1 jumps into the scope of local 'x'"),
    (b"::l:: ::l::", b"[string \"::l:: ::l::\"]:1: label 'l' already defined on line 1"),
    (b"::l:: do ::l:: end", b"[string \"::l:: do ::l:: end\"]:1: label 'l' already defined on line 1"),
    (b"do ::l:: end ::l::", b"OK"),
    (b"do break end", b"[string \"do break end\"]:1: break outside loop at line 1"),
    (b"break", b"[string \"break\"]:1: break outside loop at line 1"),
    (b"goto l", b"[string \"goto l\"]:1: no visible label 'l' for <goto> at line 1"),
    (b"do goto l end", b"[string \"do goto l end\"]:1: no visible label 'l' for <goto> at line 1"),
    (b"do goto l end local x ::l:: print(x)", b"[string \"do goto l end local x ::l:: print(x)\"]:1: <goto l> at line 1 jumps into the scope of local 'x'"),
    (b"repeat goto l; local x; ::l:: until x", b"[string \"repeat goto l; local x; ::l:: until x\"]:1: <goto l> at line 1 jumps into the scope of local 'x'"),
    (b"while x do end break", b"[string \"while x do end break\"]:1: break outside loop at line 1"),
    (b"if x then break end", b"[string \"if x then break end\"]:1: break outside loop at line 1"),
    (b"for i=1,2 do end goto a", b"[string \"for i=1,2 do end goto a\"]:1: no visible label 'a' for <goto> at line 1"),
    (b"local x\ngoto l\nlocal y\n::l::\nprint(y)", b"[string \"local x...\"]:5: <goto l> at line 2 jumps into the scope of local 'y'"),
    (b"goto l; local x <const> = 1; ::l:: print(x)", b"[string \"goto l; local x <const> = 1; ::l:: print(x)\"]:1: <goto l> at line 1 jumps into the scope of local 'x'"),
    (b"goto l; local x <const> = {}; ::l:: print(x)", b"[string \"goto l; local x <const> = {}; ::l:: print(x)\"]:1: <goto l> at line 1 jumps into the scope of local 'x'"),
    (b"goto f; local function f() end ::f::", b"OK"),
    (b"do goto l; local a; ::l:: end", b"OK"),
    (b"do goto l; local a; ::l:: ; ; end", b"OK"),
    (b"repeat goto l; local a; ::l:: until a", b"[string \"repeat goto l; local a; ::l:: until a\"]:1: <goto l> at line 1 jumps into the scope of local 'a'"),
    (b"local a <const> = 1; local b <close> = 2; b = 3", b"[string \"local a <const> = 1; local b <close> = 2; b =...\"]:1: attempt to assign to const variable 'b'"),
];

#[test]
fn messages_match_the_reference() {
    let mut failures = Vec::new();
    for (src, expected) in CASES {
        let got = load_msg(src);
        if got != *expected {
            failures.push(format!(
                "source {:?}\n  expected {:?}\n  got      {:?}",
                show(src),
                show(expected),
                show(&got)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn chunk_names_prefix_messages() {
    let e = compile(b"x = = 1", b"@file.lua").unwrap_err();
    assert_eq!(show(&e.message), "file.lua:1: unexpected symbol near '='");
    let e = compile(b"function f()\n\nx = 1", b"=stdin").unwrap_err();
    assert_eq!(
        show(&e.message),
        "stdin:3: 'end' expected (to close 'function' at line 1) near <eof>"
    );
    let e = compile(b"\n\nlocal", b"@some/dir/file.lua").unwrap_err();
    assert_eq!(
        show(&e.message),
        "some/dir/file.lua:3: <name> expected near <eof>"
    );
    assert_eq!(
        e.to_string(),
        "some/dir/file.lua:3: <name> expected near <eof>"
    );
}

#[test]
fn line_counting_with_every_newline_form() {
    // \n, \r, \r\n and \n\r each count as one line break.
    let e = compile(b"x = 1\ny = 2\r\nz = 3\n\rw = 4\rv = = 5", b"=t").unwrap_err();
    assert_eq!(show(&e.message), "t:5: unexpected symbol near '='");
    let e = compile(b"x = [[a\r\n\n\rb]] = ", b"=t").unwrap_err();
    assert_eq!(show(&e.message), "t:3: unexpected symbol near '='");
    let e = compile(b"x = 'a\\\r\nb' = ", b"=t").unwrap_err();
    assert_eq!(show(&e.message), "t:2: unexpected symbol near '='");
}

fn names(prefix: &str, n: usize) -> String {
    (1..=n)
        .map(|i| format!("{prefix}{i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[test]
fn limit_on_local_variables() {
    assert_eq!(
        show(&load_msg(format!("local {}", names("a", 200)).as_bytes())),
        "OK"
    );
    let src = format!("local {}", names("a", 201));
    assert_eq!(
        show(&load_msg(src.as_bytes())),
        "[string \"local a1, a2, a3, a4, a5, a6, a7, a8, a9, a10...\"]:1: too many local variables (limit is 200) in main function near <eof>"
    );
    let src = format!(
        "local x\nfunction f()\n local {}\n local {}\nend",
        names("a", 150),
        names("b", 60)
    );
    assert_eq!(
        show(&load_msg(src.as_bytes())),
        "[string \"local x...\"]:4: too many local variables (limit is 200) in function at line 2 near ','"
    );
}

#[test]
fn limit_on_upvalues() {
    let uses = |p: &str, n: usize| {
        (1..=n)
            .map(|i| format!("z = {p}{i}"))
            .collect::<Vec<_>>()
            .join("; ")
    };
    let src = |nb: usize| {
        format!(
            "local {}\nlocal function g()\n local {}\n return function() local z; {}; {} end\nend",
            names("a", 150),
            names("b", 150),
            uses("a", 150),
            uses("b", nb)
        )
    };
    assert_eq!(show(&load_msg(src(105).as_bytes())), "OK");
    assert_eq!(
        show(&load_msg(src(110).as_bytes())),
        "[string \"local a1, a2, a3, a4, a5, a6, a7, a8, a9, a10...\"]:4: too many upvalues (limit is 255) in function at line 4 near ';'"
    );
}

#[test]
fn limit_on_registers() {
    let src = format!("a = f(x{})", ",x".repeat(260));
    assert_eq!(
        show(&load_msg(src.as_bytes())),
        "[string \"a = f(x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x...\"]:1: function or expression needs too many registers near 'x'"
    );
}

#[test]
fn limit_on_jump_length() {
    let src = format!("for i = 1, 2 do {} end", "x = 1 ".repeat(140000));
    assert_eq!(
        show(&load_msg(src.as_bytes())),
        "[string \"for i = 1, 2 do x = 1 x = 1 x = 1 x = 1 x = 1...\"]:1: control structure too long near 'end'"
    );
}

#[test]
fn limit_on_nesting() {
    on_small_stack(|| {
        let parens = |n: usize| format!("return {}1{}", "(".repeat(n), ")".repeat(n));
        assert_eq!(show(&load_msg(parens(195).as_bytes())), "OK");
        assert_eq!(show(&load_msg(parens(196).as_bytes())), "C stack overflow");
        // One more C call in progress (e.g. `load` inside `pcall`) leaves one level less.
        let e = lua_vm::compiler::compile_at_level(parens(195).as_bytes(), b"=x", 3).unwrap_err();
        assert_eq!(show(&e.message), "C stack overflow");
        assert!(lua_vm::compiler::compile_at_level(parens(194).as_bytes(), b"=x", 3).is_ok());
        // The reference's errors.lua: 100 levels are fine, 500 are not.
        let reps: &[(&str, &str, &str, &str)] = &[
            ("local a; a", ",a", "= 1", ",1"),
            ("local a; a=", "{", "0", "}"),
            ("return ", "(", "2", ")"),
            (
                "local function a (x) return x end; return ",
                "a(",
                "2.2",
                ")",
            ),
            ("", "do ", "", " end"),
            ("", "while a do ", "", " end"),
            ("local a; ", "if a then else ", "", " end"),
            ("", "function foo () ", "", " end"),
            ("local a = ''; return ", "a..", "'a'", ""),
            ("local a = 1; return ", "a^", "a", ""),
        ];
        for (init, rep, close, repc) in reps {
            let ok = format!("{init}{}{close}{}", rep.repeat(100), repc.repeat(100));
            assert_eq!(show(&load_msg(ok.as_bytes())), "OK", "{ok}");
            let bad = format!("{init}{}", rep.repeat(500));
            assert_eq!(
                show(&load_msg(bad.as_bytes())),
                "C stack overflow",
                "{init}{rep}..."
            );
        }
        for src in [
            format!("return {}{}", "{".repeat(300), "}".repeat(300)),
            format!("x = {}1", "not ".repeat(300)),
            format!("x = {}1", "- ".repeat(300)),
            "(".repeat(100_000),
            "x = ".to_string() + &"{".repeat(100_000),
            "local function f() ".repeat(50_000),
            "x = function() ".repeat(50_000),
            "repeat ".repeat(50_000),
            "if x then ".repeat(50_000),
            "t[".repeat(100_000),
            "x = #".to_string() + &"#".repeat(100_000),
            "return 1".to_string() + &" .. 1".repeat(100_000),
            "return 2".to_string() + &" ^ 2".repeat(100_000),
        ] {
            assert_eq!(
                show(&load_msg(src.as_bytes())),
                "C stack overflow",
                "{}",
                &src[..20]
            );
        }
        let src = "for i = 1, 2 do ".repeat(50_000);
        assert_eq!(
            show(&load_msg(src.as_bytes())),
            "[string \"for i = 1, 2 do for i = 1, 2 do for i = 1, 2 ...\"]:1: too many local variables (limit is 200) in main function near '='"
        );
    });
}

//! Code generation: listings of small chunks compared with the reference compiler's (`luac -l`),
//! plus properties of the produced prototypes that the VM relies on.
mod compiler_util;

use compiler_util::{load, main_ops, opnames};
use lua_vm::compiler::opcode::*;
use lua_vm::compiler::proto::{Constant, FuncProto, UpvalDesc};
use lua_vm::compiler::{compile, listing};

/// The instruction lines of a listing as "OPNAME args [; comment]", with "--" starting each function
/// (closure addresses dropped).
fn instructions(p: &FuncProto) -> Vec<String> {
    let mut out = Vec::new();
    for l in listing(p).lines() {
        let parts: Vec<&str> = l.split('\t').collect();
        if parts.len() >= 5 && parts[2].starts_with('[') {
            let mut s = parts[3].trim_end().to_string();
            if !parts[4].is_empty() {
                s = format!("{s} {}", parts[4]);
            }
            if parts.len() > 5 && !parts[5].starts_with("; 0x") {
                s = format!("{s} {}", parts[5]);
            }
            out.push(s);
        } else if l.starts_with("main") || l.starts_with("function") {
            out.push("--".to_string());
        }
    }
    out
}

/// (source, instructions listed by `luac5.4 -l` for it)
const LISTINGS: &[(&str, &[&str])] = &[
    (
        "local t = {}; t.x = 1",
        &[
            "--",
            "VARARGPREP 0",
            "NEWTABLE 0 0 0 ; 0",
            "EXTRAARG 0",
            "SETFIELD 0 0 1k ; \"x\" 1",
            "RETURN 1 1 1 ; 0 out",
        ],
    ),
    (
        "a = a + 1",
        &[
            "--",
            "VARARGPREP 0",
            "GETTABUP 0 0 0 ; _ENV \"a\"",
            "ADDI 0 0 1",
            "MMBINI 0 1 6 0 ; __add",
            "SETTABUP 0 0 0 ; _ENV \"a\"",
            "RETURN 0 1 1 ; 0 out",
        ],
    ),
    (
        "local a, b = 1, 2; return a - 1, a + b, 1 - a, a * 2, 2 * a, a / 2, a % 3, a ^ 2, a // 2, a & 1, 1 | a, a ~ b, a << 2, 3 << a, a >> 1, a >> b, -a, ~a, #a, not a",
        &[
            "--",
            "VARARGPREP 0",
            "LOADI 0 1",
            "LOADI 1 2",
            "ADDI 2 0 -1",
            "MMBINI 0 1 7 0 ; __sub",
            "ADD 3 0 1",
            "MMBIN 0 1 6 ; __add",
            "LOADI 4 1",
            "SUB 4 4 0",
            "MMBIN 4 0 7 ; __sub",
            "MULK 5 0 0 ; 2",
            "MMBINK 0 0 8 0 ; __mul 2",
            "MULK 6 0 0 ; 2",
            "MMBINK 0 0 8 1 ; __mul 2 flip",
            "DIVK 7 0 0 ; 2",
            "MMBINK 0 0 11 0 ; __div 2",
            "MODK 8 0 1 ; 3",
            "MMBINK 0 1 9 0 ; __mod 3",
            "POWK 9 0 0 ; 2",
            "MMBINK 0 0 10 0 ; __pow 2",
            "IDIVK 10 0 0 ; 2",
            "MMBINK 0 0 12 0 ; __idiv 2",
            "BANDK 11 0 2 ; 1",
            "MMBINK 0 2 13 0 ; __band 1",
            "BORK 12 0 2 ; 1",
            "MMBINK 0 2 14 1 ; __bor 1 flip",
            "BXOR 13 0 1",
            "MMBIN 0 1 15 ; __bxor",
            "SHRI 14 0 -2",
            "MMBINI 0 2 16 0 ; __shl",
            "SHLI 15 0 3",
            "MMBINI 0 3 16 1 ; __shl flip",
            "SHRI 16 0 1",
            "MMBINI 0 1 17 0 ; __shr",
            "SHR 17 0 1",
            "MMBIN 0 1 17 ; __shr",
            "UNM 18 0",
            "BNOT 19 0",
            "LEN 20 0",
            "NOT 21 0",
            "RETURN 2 21 1 ; 20 out",
            "RETURN 2 1 1 ; 0 out",
        ],
    ),
    (
        "return 2^10, 1 + 2 * 3, 7 // 2, 7.0 // 2, -7 % 3, 1 / 2, 3 & 5, 1 << 62, \"a\" .. \"b\", 10 // 0, 1 % 0, 0/0, -(0.0), 1 - 1.0, 2^53, -9223372036854775807 - 1",
        &[
            "--",
            "VARARGPREP 0",
            "LOADF 0 1024",
            "LOADI 1 7",
            "LOADI 2 3",
            "LOADF 3 3",
            "LOADI 4 2",
            "LOADK 5 0 ; 0.5",
            "LOADI 6 1",
            "LOADK 7 1 ; 4611686018427387904",
            "LOADK 8 2 ; \"a\"",
            "LOADK 9 3 ; \"b\"",
            "CONCAT 8 2",
            "LOADI 9 10",
            "IDIVK 9 9 4 ; 0",
            "MMBINK 9 4 12 0 ; __idiv 0",
            "LOADI 10 1",
            "MODK 10 10 4 ; 0",
            "MMBINK 10 4 9 0 ; __mod 0",
            "LOADI 11 0",
            "DIVK 11 11 4 ; 0",
            "MMBINK 11 4 11 0 ; __div 0",
            "LOADF 12 0",
            "UNM 12 12",
            "LOADI 13 1",
            "SUBK 13 13 5 ; 1.0",
            "MMBINK 13 5 7 0 ; __sub 1.0",
            "LOADK 14 6 ; 9.007199254741e+15",
            "LOADK 15 7 ; -9223372036854775808",
            "RETURN 0 17 1 ; 16 out",
            "RETURN 0 1 1 ; 0 out",
        ],
    ),
    (
        "return 1e100, 0.5, 100000, 1000000, -65536, 65535, 65536, 131071, -131072, 2.5, 3.0, 0x7fffffffffffffff + 1, 9223372036854775808",
        &[
            "--",
            "VARARGPREP 0",
            "LOADK 0 0 ; 1e+100",
            "LOADK 1 1 ; 0.5",
            "LOADK 2 2 ; 100000",
            "LOADK 3 3 ; 1000000",
            "LOADK 4 4 ; -65536",
            "LOADI 5 65535",
            "LOADI 6 65536",
            "LOADK 7 5 ; 131071",
            "LOADK 8 6 ; -131072",
            "LOADK 9 7 ; 2.5",
            "LOADF 10 3",
            "LOADK 11 8 ; -9223372036854775808",
            "LOADK 12 9 ; 9.2233720368548e+18",
            "RETURN 0 14 1 ; 13 out",
            "RETURN 0 1 1 ; 0 out",
        ],
    ),
    (
        "local x <const> = 10; local y <const> = x * 2; local s <const> = \"str\"; return x + y, s, -x",
        &[
            "--",
            "VARARGPREP 0",
            "LOADI 0 30",
            "LOADK 1 0 ; \"str\"",
            "LOADI 2 -10",
            "RETURN 0 4 1 ; 3 out",
            "RETURN 0 1 1 ; 0 out",
        ],
    ),
    (
        "local x <close> = nil; local y <const> = {}; return y",
        &[
            "--",
            "VARARGPREP 0",
            "LOADNIL 0 0 ; 1 out",
            "TBC 0",
            "NEWTABLE 1 0 0 ; 0",
            "EXTRAARG 0",
            "RETURN 1 2 1k ; 1 out",
            "RETURN 2 1 1k ; 0 out",
        ],
    ),
    (
        "local a; if a == 1 then a = 2 elseif a ~= \"s\" then a = 3 elseif a < 10 then a = nil elseif 1 <= a then a = 1.5 end",
        &[
            "--",
            "VARARGPREP 0",
            "LOADNIL 0 0 ; 1 out",
            "EQI 0 1 0",
            "JMP 2 ; to 7",
            "LOADI 0 2",
            "JMP 11 ; to 18",
            "EQK 0 0 1 ; \"s\"",
            "JMP 2 ; to 11",
            "LOADI 0 3",
            "JMP 7 ; to 18",
            "LTI 0 10 0",
            "JMP 2 ; to 15",
            "LOADNIL 0 0 ; 1 out",
            "JMP 3 ; to 18",
            "GEI 0 1 0",
            "JMP 1 ; to 18",
            "LOADK 0 1 ; 1.5",
            "RETURN 1 1 1 ; 0 out",
        ],
    ),
    (
        "local a, b; if a < b and b >= 5.0 or not (a > 200) then return true end",
        &[
            "--",
            "VARARGPREP 0",
            "LOADNIL 0 1 ; 2 out",
            "LT 0 1 0",
            "JMP 2 ; to 7",
            "GEI 1 5 1",
            "JMP 3 ; to 10",
            "LOADI 2 200",
            "LT 2 0 1",
            "JMP 2 ; to 12",
            "LOADTRUE 2",
            "RETURN 2 2 1 ; 1 out",
            "RETURN 2 1 1 ; 0 out",
        ],
    ),
    (
        "local a; local b = a and 1 or 2; local c = not a; local d = a == nil",
        &[
            "--",
            "VARARGPREP 0",
            "LOADNIL 0 0 ; 1 out",
            "TEST 0 0",
            "JMP 3 ; to 8",
            "LOADI 1 1",
            "TEST 1 1",
            "JMP 1 ; to 9",
            "LOADI 1 2",
            "NOT 2 0",
            "EQK 0 0 1 ; nil",
            "JMP 1 ; to 13",
            "LFALSESKIP 3",
            "LOADTRUE 3",
            "RETURN 4 1 1 ; 0 out",
        ],
    ),
    (
        "local t = {}; t[1] = 1; t[256] = 2; t[-1] = 3; t.x = t.y; t[\"long key long key long key long key long key\"] = 1; t[t] = t[1.5]",
        &[
            "--",
            "VARARGPREP 0",
            "NEWTABLE 0 0 0 ; 0",
            "EXTRAARG 0",
            "SETI 0 1 0k ; 1",
            "LOADI 1 256",
            "SETTABLE 0 1 1k ; 2",
            "LOADI 1 -1",
            "SETTABLE 0 1 2k ; 3",
            "GETFIELD 1 0 4 ; \"y\"",
            "SETFIELD 0 3 1 ; \"x\"",
            "LOADK 1 5 ; \"long key long key long key long key long key\"",
            "SETTABLE 0 1 0k ; 1",
            "LOADK 1 6 ; 1.5",
            "GETTABLE 1 0 1",
            "SETTABLE 0 0 1",
            "RETURN 1 1 1 ; 0 out",
        ],
    ),
    (
        "local f = function(...) local a, b = ...; return ... end; return f(1, 2, ...)",
        &[
            "--",
            "VARARGPREP 0",
            "CLOSURE 0 0",
            "MOVE 1 0",
            "LOADI 2 1",
            "LOADI 3 2",
            "VARARG 4 0 ; all out",
            "TAILCALL 1 0 1 ; -1 in",
            "RETURN 1 0 1 ; all out",
            "RETURN 1 1 1 ; 0 out",
            "--",
            "VARARGPREP 0",
            "VARARG 0 3 ; 2 out",
            "VARARG 2 0 ; all out",
            "RETURN 2 0 1 ; all out",
            "RETURN 2 1 1 ; 0 out",
        ],
    ),
    (
        "local function f(a, ...) return select('#', ...) end; f(1, 2, 3); return f(f(1))",
        &[
            "--",
            "VARARGPREP 0",
            "CLOSURE 0 0",
            "MOVE 1 0",
            "LOADI 2 1",
            "LOADI 3 2",
            "LOADI 4 3",
            "CALL 1 4 1 ; 3 in 0 out",
            "MOVE 1 0",
            "MOVE 2 0",
            "LOADI 3 1",
            "CALL 2 2 0 ; 1 in all out",
            "TAILCALL 1 0 1 ; -1 in",
            "RETURN 1 0 1 ; all out",
            "RETURN 1 1 1 ; 0 out",
            "--",
            "VARARGPREP 1",
            "GETTABUP 1 0 0 ; _ENV \"select\"",
            "LOADK 2 1 ; \"#\"",
            "VARARG 3 0 ; all out",
            "TAILCALL 1 0 2 ; -1 in",
            "RETURN 1 0 2 ; all out",
            "RETURN 1 1 2 ; 0 out",
        ],
    ),
    (
        "local t = {1, 2, 3, nil, x = 1, [10] = 2, f()}",
        &[
            "--",
            "VARARGPREP 0",
            "NEWTABLE 0 2 4 ; 4",
            "EXTRAARG 0",
            "LOADI 1 1",
            "LOADI 2 2",
            "LOADI 3 3",
            "LOADNIL 4 0 ; 1 out",
            "SETFIELD 0 0 1k ; \"x\" 1",
            "SETI 0 10 2k ; 2",
            "GETTABUP 5 0 3 ; _ENV \"f\"",
            "CALL 5 1 0 ; 0 in all out",
            "SETLIST 0 0 0",
            "RETURN 1 1 1 ; 0 out",
        ],
    ),
    (
        "for i = 10, 1, -1 do print(i) end; for k, v in pairs(_G) do print(k, v) end; for a, b, c, d in next, {} do end",
        &[
            "--",
            "VARARGPREP 0",
            "LOADI 0 10",
            "LOADI 1 1",
            "LOADI 2 -1",
            "FORPREP 0 3 ; exit to 10",
            "GETTABUP 4 0 0 ; _ENV \"print\"",
            "MOVE 5 3",
            "CALL 4 2 1 ; 1 in 0 out",
            "FORLOOP 0 4 ; to 6",
            "GETTABUP 0 0 1 ; _ENV \"pairs\"",
            "GETTABUP 1 0 2 ; _ENV \"_G\"",
            "CALL 0 2 5 ; 1 in 4 out",
            "TFORPREP 0 4 ; to 18",
            "GETTABUP 6 0 0 ; _ENV \"print\"",
            "MOVE 7 4",
            "MOVE 8 5",
            "CALL 6 3 1 ; 2 in 0 out",
            "TFORCALL 0 2",
            "TFORLOOP 0 6 ; to 14",
            "CLOSE 0",
            "GETTABUP 0 0 3 ; _ENV \"next\"",
            "NEWTABLE 1 0 0 ; 0",
            "EXTRAARG 0",
            "LOADNIL 2 1 ; 2 out",
            "TFORPREP 0 0 ; to 26",
            "TFORCALL 0 4",
            "TFORLOOP 0 2 ; to 26",
            "CLOSE 0",
            "RETURN 0 1 1k ; 0 out",
        ],
    ),
    (
        "local i = 1; while i < 10 do i = i + 1; if i == 5 then break end end; repeat local z = i; i = i - 1 until z < 0",
        &[
            "--",
            "VARARGPREP 0",
            "LOADI 0 1",
            "LTI 0 10 0",
            "JMP 5 ; to 10",
            "ADDI 0 0 1",
            "MMBINI 0 1 6 0 ; __add",
            "EQI 0 5 1",
            "JMP 1 ; to 10",
            "JMP -7 ; to 3",
            "MOVE 1 0",
            "ADDI 0 0 -1",
            "MMBINI 0 1 7 0 ; __sub",
            "LTI 1 0 0",
            "JMP -5 ; to 10",
            "RETURN 1 1 1 ; 0 out",
        ],
    ),
    (
        "do local x; goto skip; x = 1; ::skip:: end; ::top:: local y; if y then goto top end",
        &[
            "--",
            "VARARGPREP 0",
            "LOADNIL 0 0 ; 1 out",
            "JMP 1 ; to 5",
            "LOADI 0 1",
            "LOADNIL 0 0 ; 1 out",
            "TEST 0 0",
            "JMP 2 ; to 10",
            "CLOSE 0",
            "JMP -5 ; to 5",
            "RETURN 1 1 1 ; 0 out",
        ],
    ),
    (
        "local a, b, c; a, b, c = c, a, b; local t = {}; t[a], a = 1, 2; a, t[a] = t[a], a",
        &[
            "--",
            "VARARGPREP 0",
            "LOADNIL 0 2 ; 3 out",
            "MOVE 3 2",
            "MOVE 4 0",
            "MOVE 2 1",
            "MOVE 1 4",
            "MOVE 0 3",
            "NEWTABLE 3 0 0 ; 0",
            "EXTRAARG 0",
            "MOVE 4 0",
            "LOADI 5 1",
            "LOADI 0 2",
            "SETTABLE 3 4 5",
            "GETTABLE 4 3 0",
            "SETTABLE 3 0 0",
            "MOVE 0 4",
            "RETURN 4 1 1 ; 0 out",
        ],
    ),
    (
        "local u; function g() u = u + 1; return u end; function t.a.b.c:m(x) return self, x end",
        &[
            "--",
            "VARARGPREP 0",
            "LOADNIL 0 0 ; 1 out",
            "CLOSURE 1 0",
            "SETTABUP 0 0 1 ; _ENV \"g\"",
            "GETTABUP 1 0 1 ; _ENV \"t\"",
            "GETFIELD 1 1 2 ; \"a\"",
            "GETFIELD 1 1 3 ; \"b\"",
            "GETFIELD 1 1 4 ; \"c\"",
            "CLOSURE 2 1",
            "SETFIELD 1 5 2 ; \"m\"",
            "RETURN 1 1 1k ; 0 out",
            "--",
            "GETUPVAL 0 0 ; u",
            "ADDI 0 0 1",
            "MMBINI 0 1 6 0 ; __add",
            "SETUPVAL 0 0 ; u",
            "GETUPVAL 0 0 ; u",
            "RETURN1 0",
            "RETURN0",
            "--",
            "MOVE 2 0",
            "MOVE 3 1",
            "RETURN 2 3 0 ; 2 out",
            "RETURN0",
        ],
    ),
    (
        "local s = \"a\" .. \"b\" .. \"c\" .. 1 .. 2; local n = 1 .. 2",
        &[
            "--",
            "VARARGPREP 0",
            "LOADK 0 0 ; \"a\"",
            "LOADK 1 1 ; \"b\"",
            "LOADK 2 2 ; \"c\"",
            "LOADI 3 1",
            "LOADI 4 2",
            "CONCAT 0 5",
            "LOADI 1 1",
            "LOADI 2 2",
            "CONCAT 1 2",
            "RETURN 2 1 1 ; 0 out",
        ],
    ),
    (
        "x, y, z = 1; local p, q, r = f(); local m, n = ...",
        &[
            "--",
            "VARARGPREP 0",
            "LOADI 0 1",
            "LOADNIL 1 1 ; 2 out",
            "SETTABUP 0 2 2 ; _ENV \"z\"",
            "SETTABUP 0 1 1 ; _ENV \"y\"",
            "SETTABUP 0 0 0 ; _ENV \"x\"",
            "GETTABUP 0 0 3 ; _ENV \"f\"",
            "CALL 0 1 4 ; 0 in 3 out",
            "VARARG 3 3 ; 2 out",
            "RETURN 5 1 1 ; 0 out",
        ],
    ),
    (
        "local a = {...}; local b = {f()}; local c = {f(), g()}; return #{...}",
        &[
            "--",
            "VARARGPREP 0",
            "NEWTABLE 0 0 0 ; 0",
            "EXTRAARG 0",
            "VARARG 1 0 ; all out",
            "SETLIST 0 0 0",
            "NEWTABLE 1 0 0 ; 0",
            "EXTRAARG 0",
            "GETTABUP 2 0 0 ; _ENV \"f\"",
            "CALL 2 1 0 ; 0 in all out",
            "SETLIST 1 0 0",
            "NEWTABLE 2 0 1 ; 1",
            "EXTRAARG 0",
            "GETTABUP 3 0 0 ; _ENV \"f\"",
            "CALL 3 1 2 ; 0 in 1 out",
            "GETTABUP 4 0 1 ; _ENV \"g\"",
            "CALL 4 1 0 ; 0 in all out",
            "SETLIST 2 0 0",
            "NEWTABLE 3 0 0 ; 0",
            "EXTRAARG 0",
            "VARARG 4 0 ; all out",
            "SETLIST 3 0 0",
            "LEN 3 3",
            "RETURN 3 2 1 ; 1 out",
            "RETURN 3 1 1 ; 0 out",
        ],
    ),
    (
        "local t = setmetatable({}, {__index = function(t, k) return k end}); print(t.x, t:y(1), t.z.w)",
        &[
            "--",
            "VARARGPREP 0",
            "GETTABUP 0 0 0 ; _ENV \"setmetatable\"",
            "NEWTABLE 1 0 0 ; 0",
            "EXTRAARG 0",
            "NEWTABLE 2 1 0 ; 0",
            "EXTRAARG 0",
            "CLOSURE 3 0",
            "SETFIELD 2 1 3 ; \"__index\"",
            "CALL 0 3 2 ; 2 in 1 out",
            "GETTABUP 1 0 2 ; _ENV \"print\"",
            "GETFIELD 2 0 3 ; \"x\"",
            "SELF 3 0 4k ; \"y\"",
            "LOADI 5 1",
            "CALL 3 3 2 ; 2 in 1 out",
            "GETFIELD 4 0 5 ; \"z\"",
            "GETFIELD 4 4 6 ; \"w\"",
            "CALL 1 4 1 ; 3 in 0 out",
            "RETURN 1 1 1 ; 0 out",
            "--",
            "RETURN1 1",
            "RETURN0",
        ],
    ),
    (
        "local x = 0; return function() x = x + 1; return function() return x end end",
        &[
            "--",
            "VARARGPREP 0",
            "LOADI 0 0",
            "CLOSURE 1 0",
            "RETURN 1 2 1k ; 1 out",
            "RETURN 1 1 1k ; 0 out",
            "--",
            "GETUPVAL 0 0 ; x",
            "ADDI 0 0 1",
            "MMBINI 0 1 6 0 ; __add",
            "SETUPVAL 0 0 ; x",
            "CLOSURE 0 0",
            "RETURN1 0",
            "RETURN0",
            "--",
            "GETUPVAL 0 0 ; x",
            "RETURN1 0",
            "RETURN0",
        ],
    ),
    (
        "return 1 < 2, 1 == 1.0, \"a\" == \"a\", nil == false, 1 ~= 2",
        &[
            "--",
            "VARARGPREP 0",
            "LOADI 0 1",
            "LTI 0 2 1",
            "JMP 1 ; to 6",
            "LFALSESKIP 0",
            "LOADTRUE 0",
            "LOADF 1 1",
            "EQI 1 1 1",
            "JMP 1 ; to 11",
            "LFALSESKIP 1",
            "LOADTRUE 1",
            "LOADK 2 0 ; \"a\"",
            "EQK 2 0 1 ; \"a\"",
            "JMP 1 ; to 16",
            "LFALSESKIP 2",
            "LOADTRUE 2",
            "LOADFALSE 3",
            "EQK 3 1 1 ; nil",
            "JMP 1 ; to 21",
            "LFALSESKIP 3",
            "LOADTRUE 3",
            "LOADI 4 2",
            "EQI 4 1 0",
            "JMP 1 ; to 26",
            "LFALSESKIP 4",
            "LOADTRUE 4",
            "RETURN 0 6 1 ; 5 out",
            "RETURN 0 1 1 ; 0 out",
        ],
    ),
    (
        "local a; return a == 1, a == 1.0, a == 1.5, a == \"x\", a == nil, a == true, a ~= 255, a == 300, a < 127, a < 128, a <= -128, a > -129",
        &[
            "--",
            "VARARGPREP 0",
            "LOADNIL 0 0 ; 1 out",
            "EQI 0 1 1",
            "JMP 1 ; to 6",
            "LFALSESKIP 1",
            "LOADTRUE 1",
            "EQI 0 1 1",
            "JMP 1 ; to 10",
            "LFALSESKIP 2",
            "LOADTRUE 2",
            "EQK 0 0 1 ; 1.5",
            "JMP 1 ; to 14",
            "LFALSESKIP 3",
            "LOADTRUE 3",
            "EQK 0 1 1 ; \"x\"",
            "JMP 1 ; to 18",
            "LFALSESKIP 4",
            "LOADTRUE 4",
            "EQK 0 2 1 ; nil",
            "JMP 1 ; to 22",
            "LFALSESKIP 5",
            "LOADTRUE 5",
            "EQK 0 3 1 ; true",
            "JMP 1 ; to 26",
            "LFALSESKIP 6",
            "LOADTRUE 6",
            "EQK 0 4 0 ; 255",
            "JMP 1 ; to 30",
            "LFALSESKIP 7",
            "LOADTRUE 7",
            "EQK 0 5 1 ; 300",
            "JMP 1 ; to 34",
            "LFALSESKIP 8",
            "LOADTRUE 8",
            "LTI 0 127 1",
            "JMP 1 ; to 38",
            "LFALSESKIP 9",
            "LOADTRUE 9",
            "LTI 0 128 1",
            "JMP 1 ; to 42",
            "LFALSESKIP 10",
            "LOADTRUE 10",
            "LOADI 11 -128",
            "LE 0 11 1",
            "JMP 1 ; to 47",
            "LFALSESKIP 11",
            "LOADTRUE 11",
            "LOADI 12 -129",
            "LT 12 0 1",
            "JMP 1 ; to 52",
            "LFALSESKIP 12",
            "LOADTRUE 12",
            "RETURN 1 13 1 ; 12 out",
            "RETURN 1 1 1 ; 0 out",
        ],
    ),
];

#[test]
fn listings_match_the_reference_compiler() {
    let mut failures = Vec::new();
    for (src, expected) in LISTINGS {
        let p = load(src.as_bytes()).expect("compiles");
        let got = instructions(&p);
        if got != *expected {
            failures.push(format!("{src}\n  expected {expected:#?}\n  got {got:#?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn main_function_shape() {
    let p = compile(b"local x = 1\nreturn function() return x end", b"@m.lua").unwrap();
    assert!(p.is_vararg);
    assert_eq!(p.num_params, 0);
    assert_eq!(p.line_defined, 0);
    assert_eq!(p.last_line_defined, 0);
    assert_eq!(get_opcode(p.code[0]), OpCode::VARARGPREP);
    assert_eq!(
        p.upvalues,
        vec![UpvalDesc {
            name: Some(b"_ENV".to_vec()),
            in_stack: true,
            index: 0,
            kind: 0
        }]
    );
    assert_eq!(p.source, b"@m.lua");
    assert_eq!(p.protos.len(), 1);
    let f = &p.protos[0];
    assert_eq!(f.source, b"@m.lua");
    assert_eq!((f.line_defined, f.last_line_defined), (2, 2));
    assert!(!f.is_vararg);
    assert_eq!(
        f.upvalues,
        vec![UpvalDesc {
            name: Some(b"x".to_vec()),
            in_stack: true,
            index: 0,
            kind: 0
        }]
    );
    assert_eq!(p.line_info.len(), p.code.len());
    assert_eq!(f.line_info.len(), f.code.len());
}

#[test]
fn field_and_global_access_patterns() {
    assert_eq!(
        main_ops("local t = {}; t.x = 1"),
        ["VARARGPREP", "NEWTABLE", "EXTRAARG", "SETFIELD", "RETURN"]
    );
    assert_eq!(
        main_ops("a = a + 1"),
        [
            "VARARGPREP",
            "GETTABUP",
            "ADDI",
            "MMBINI",
            "SETTABUP",
            "RETURN"
        ]
    );
    assert_eq!(
        main_ops("local t; return t[1], t.x, t[t]"),
        [
            "VARARGPREP",
            "LOADNIL",
            "GETI",
            "GETFIELD",
            "GETTABLE",
            "RETURN",
            "RETURN"
        ]
    );
    assert_eq!(
        main_ops("local o; o:m()"),
        ["VARARGPREP", "LOADNIL", "SELF", "CALL", "RETURN"]
    );
}

#[test]
fn upvalue_kinds_and_locals_debug_info() {
    let p = load(b"local a <const> = {}\nlocal b <close> = nil\nlocal c = 1\nreturn function() return a, b, c end").unwrap();
    let f = &p.protos[0];
    let kinds: Vec<u8> = f.upvalues.iter().map(|u| u.kind).collect();
    assert_eq!(kinds, [1, 2, 0]);
    let names: Vec<&[u8]> = p.loc_vars.iter().map(|v| &v.name[..]).collect();
    assert_eq!(names, [&b"a"[..], b"b", b"c"]);
    for v in &p.loc_vars {
        assert!(v.start_pc <= v.end_pc && (v.end_pc as usize) <= p.code.len());
    }
    // Compile-time constants have no register and no debug entry.
    let p = load(b"local k <const> = 42; local z = k; return z").unwrap();
    assert_eq!(p.loc_vars.len(), 1);
    assert_eq!(&p.loc_vars[0].name[..], b"z");
}

#[test]
fn line_info_follows_the_reference() {
    let p = load(b"local a = 1\nlocal b =\n a +\n 2\nreturn\n b").unwrap();
    let ops = opnames(&p.code);
    let pos = |op: &str| ops.iter().position(|o| *o == op).unwrap();
    // The operator's instructions get the operator's line, not the operand's.
    assert_eq!(p.line_info[pos("ADDI")], 3);
    assert_eq!(p.line_info[pos("MMBINI")], 3);
    assert_eq!(p.line_info[pos("RETURN")], 6);
    let p = load(b"f(\n1,\n2)").unwrap();
    let ops = opnames(&p.code);
    assert_eq!(
        p.line_info[ops.iter().position(|o| *o == "CALL").unwrap()],
        1
    );
}

#[test]
fn constant_folding() {
    let k = |src: &str| load(src.as_bytes()).unwrap().constants;
    assert_eq!(k("return 2^53"), vec![Constant::Float(9007199254740992.0)]);
    assert_eq!(
        k("return 0x7fffffffffffffff + 1"),
        vec![Constant::Int(i64::MIN)]
    );
    assert_eq!(
        k("return 9223372036854775807 + 0.0"),
        vec![Constant::Float(9223372036854775807.0)]
    );
    assert_eq!(k("return 1 << 63"), vec![Constant::Int(i64::MIN)]);
    assert_eq!(
        k("return -9223372036854775808"),
        vec![Constant::Float(-9223372036854775808.0)]
    );
    assert_eq!(k("return 3 // 0.5"), vec![]);
    // Not folded: division by zero, results that are NaN or (possibly negative) zero.
    assert_eq!(
        main_ops("return 1 // 0"),
        ["VARARGPREP", "LOADI", "IDIVK", "MMBINK", "RETURN", "RETURN"]
    );
    assert_eq!(
        main_ops("return 0/0"),
        ["VARARGPREP", "LOADI", "DIVK", "MMBINK", "RETURN", "RETURN"]
    );
    assert_eq!(
        main_ops("return -0.0"),
        ["VARARGPREP", "LOADF", "UNM", "RETURN", "RETURN"]
    );
    assert_eq!(
        main_ops("return 1.5 // 0.0 + 1"),
        [
            "VARARGPREP",
            "LOADK",
            "IDIVK",
            "MMBINK",
            "ADDI",
            "MMBINI",
            "RETURN",
            "RETURN"
        ]
    );
    // Bitwise operations on non-integral floats are errors at run time: not folded.
    assert_eq!(
        main_ops("return 1.5 | 1"),
        ["VARARGPREP", "LOADK", "BORK", "MMBINK", "RETURN", "RETURN"]
    );
    // Folded through <const> locals.
    assert_eq!(
        main_ops("local x <const> = 6; return x * 7"),
        ["VARARGPREP", "LOADI", "RETURN", "RETURN"]
    );
}

#[test]
fn calls_returns_and_varargs() {
    let p = load(b"local function f(a, ...) return g(...) end return f(1)").unwrap();
    let f = &p.protos[0];
    assert_eq!(
        opnames(&f.code),
        [
            "VARARGPREP",
            "GETTABUP",
            "VARARG",
            "TAILCALL",
            "RETURN",
            "RETURN"
        ]
    );
    let tail = f.code[3];
    // A vararg function's TAILCALL/RETURN have C = nparams + 1.
    assert_eq!((get_a(tail), get_b(tail), get_c(tail)), (1, 0, 2));
    let ret = f.code[4];
    assert_eq!((get_b(ret), get_c(ret)), (0, 2));
    // Inside the scope of a to-be-closed variable there is no tail call and returns close (k).
    let p = load(b"local x <close> = nil; return f()").unwrap();
    let ops = opnames(&p.code);
    assert!(!ops.contains(&"TAILCALL"));
    assert!(p
        .code
        .iter()
        .filter(|&&i| get_opcode(i) == OpCode::RETURN)
        .all(|&i| get_k(i)));
}

#[test]
fn big_constructors_use_extra_args() {
    let items: Vec<String> = (0..600).map(|i| i.to_string()).collect();
    let src = format!("return {{{}}}", items.join(","));
    let p = load(src.as_bytes()).unwrap();
    let newtable = p.code[1];
    assert_eq!(get_opcode(newtable), OpCode::NEWTABLE);
    assert!(get_k(newtable));
    assert_eq!(get_c(newtable) + get_ax(p.code[2]) * 256, 600);
    let setlists: Vec<(u32, bool)> = p
        .code
        .iter()
        .filter(|&&i| get_opcode(i) == OpCode::SETLIST)
        .map(|&i| (get_c(i), get_k(i)))
        .collect();
    assert_eq!(setlists.len(), 12);
    assert_eq!(setlists[5], (250, false));
    assert_eq!(setlists[6], (44, true));
}

#[test]
fn many_constants_use_loadkx_beyond_bx() {
    let n = (MAXARG_BX + 10) as usize;
    let mut src = String::with_capacity(n * 12);
    src.push_str("local x\n");
    for i in 0..n {
        src.push_str(&format!("x = {}.5\n", i));
    }
    let p = load(src.as_bytes()).unwrap();
    assert_eq!(p.constants.len(), n);
    let ops = opnames(&p.code);
    assert_eq!(ops.iter().filter(|o| **o == "LOADKX").count(), 9);
    let last = ops.iter().rposition(|o| *o == "LOADKX").unwrap();
    assert_eq!(ops[last + 1], "EXTRAARG");
    assert_eq!(get_ax(p.code[last + 1]), n as u32 - 1);
}

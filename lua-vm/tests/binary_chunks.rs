//! Binary chunks: `dump` / `undump` round trips over real compiler output, the reference's header
//! and error messages, and the verifier's rejection of corrupt bytecode (no panic on any input).

use lua_vm::compiler::dump::{dump, undump};
use lua_vm::compiler::opcode::*;
use lua_vm::compiler::proto::FuncProto;
use lua_vm::compiler::{compile, verify::verify};

const TESTES: &str = "/work/lua-5.4.4-tests/testes";

fn compiled(src: &str) -> FuncProto {
    compile(src.as_bytes(), b"@test.lua").expect("compiles")
}

/// What a stripped dump reads back as.
fn without_debug(p: &mut FuncProto) {
    p.source = b"=?".to_vec();
    p.line_info.clear();
    p.loc_vars.clear();
    for u in &mut p.upvalues {
        u.name = None;
    }
    for q in &mut p.protos {
        without_debug(q);
    }
}

fn round_trip(p: &FuncProto, what: &str) {
    verify(p).unwrap_or_else(|e| panic!("{what}: {e}"));
    let back = undump(&dump(p, false), b"=x").unwrap_or_else(|e| panic!("{what}: {e}"));
    assert_eq!(&back, p, "{what}");
    let mut stripped = p.clone();
    without_debug(&mut stripped);
    let back = undump(&dump(p, true), b"=x").unwrap_or_else(|e| panic!("{what}: {e}"));
    assert_eq!(back, stripped, "{what}");
}

const SAMPLE: &str = r##"
local a, b = 1, 2
local t = {1, 2, 3, x = "y", [10] = 4.5, ...}
local function f(x, ...)
  local s = 0
  for i = 1, 10 do s = s + i * x end
  for k, v in pairs(t) do s = s .. tostring(k) end
  while s and #tostring(s) > 100 do s = nil end
  if x > 1 and x < 3 or x == "a" then return ... end
  return s, select("#", ...), a + b, -x, ~1, x // 2, x % 3
end
local g <close> = nil
goto done
::done::
return f(3, "a", "b"), string.format("%d", 1), {f(1)}
"##;

#[test]
fn compiled_code_round_trips() {
    round_trip(&compiled(SAMPLE), "sample");
    round_trip(&compiled("return"), "empty");
    round_trip(
        &compiled(&format!("return {}", "1 + ".repeat(150) + "1")),
        "long",
    );
    let mut lines = String::new();
    for i in 0..400 {
        lines.push_str(&format!("x{} = {}\n{}", i % 150, i, "\n".repeat(i % 300)));
    }
    round_trip(&compiled(&format!("do\n{lines}\nend")), "far lines");
}

#[test]
fn every_official_test_file_round_trips() {
    let Ok(dir) = std::fs::read_dir(TESTES) else {
        return;
    };
    let mut n = 0;
    for e in dir.flatten() {
        let path = e.path();
        if path.extension().and_then(|x| x.to_str()) != Some("lua") {
            continue;
        }
        let src = std::fs::read(&path).unwrap();
        let name = format!("@{}", path.display());
        let Ok(p) = compile(&src, name.as_bytes()) else {
            continue;
        };
        round_trip(&p, &path.display().to_string());
        n += 1;
    }
    assert!(n > 20);
}

#[test]
fn header_is_the_reference_one() {
    let d = dump(&compiled("return 1"), false);
    let mut want = b"\x1bLua\x54\x00\x19\x93\r\n\x1a\n\x04\x08\x08".to_vec();
    want.extend_from_slice(&0x5678i64.to_le_bytes());
    want.extend_from_slice(&370.5f64.to_le_bytes());
    assert_eq!(&d[..want.len()], &want[..]);
    // Main function: 1 upvalue (_ENV), then its source.
    assert_eq!(d[want.len()], 1);
    assert_eq!(&d[want.len() + 1..want.len() + 11], b"\x8a@test.lua");
}

#[test]
fn corrupt_headers_are_rejected_with_the_reference_messages() {
    let d = dump(&compiled("return 1"), false);
    let with = |i: usize, b: u8| {
        let mut c = d.clone();
        c[i] = b;
        undump(&c, b"=chunk").unwrap_err()
    };
    assert_eq!(
        with(1, b'X'),
        "chunk: bad binary format (not a binary chunk)"
    );
    assert_eq!(with(4, 0x53), "chunk: bad binary format (version mismatch)");
    assert_eq!(with(5, 1), "chunk: bad binary format (format mismatch)");
    assert_eq!(with(8, 0), "chunk: bad binary format (corrupted chunk)");
    assert_eq!(
        with(12, 8),
        "chunk: bad binary format (Instruction size mismatch)"
    );
    assert_eq!(
        with(13, 4),
        "chunk: bad binary format (lua_Integer size mismatch)"
    );
    assert_eq!(
        with(14, 4),
        "chunk: bad binary format (lua_Number size mismatch)"
    );
    assert_eq!(
        with(15, 0),
        "chunk: bad binary format (integer format mismatch)"
    );
    assert_eq!(
        with(30, 0),
        "chunk: bad binary format (float format mismatch)"
    );
    assert_eq!(
        undump(&d[..10], b"\x1bLua..."),
        Err("binary string: bad binary format (truncated chunk)".into())
    );
    assert_eq!(
        undump(&d[..10], b"@f.lua"),
        Err("f.lua: bad binary format (truncated chunk)".into())
    );
    assert_eq!(
        undump(&d[..10], b"name"),
        Err("name: bad binary format (truncated chunk)".into())
    );
}

#[test]
fn every_truncation_says_truncated() {
    let d = dump(&compiled(SAMPLE), false);
    for i in 0..d.len() {
        let e = undump(&d[..i], b"=c").unwrap_err();
        assert_eq!(e, "c: bad binary format (truncated chunk)", "at {i}");
    }
}

#[test]
fn absurd_lengths_fail_without_allocating() {
    let d = dump(&compiled("return 1"), false);
    // The main function's source length varint sits right after the upvalue count.
    let at = 32;
    let mut c = d[..at].to_vec();
    c.extend_from_slice(&[0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0xff]);
    assert_eq!(
        undump(&c, b"=c").unwrap_err(),
        "c: bad binary format (truncated chunk)"
    );
    let mut c = d[..at].to_vec();
    c.extend_from_slice(&[0x7f; 11]);
    c.push(0xff);
    assert_eq!(
        undump(&c, b"=c").unwrap_err(),
        "c: bad binary format (integer overflow)"
    );
}

#[test]
fn no_byte_flip_panics() {
    let d = dump(&compiled(SAMPLE), false);
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for i in 0..d.len() {
        for b in [
            0u8,
            1,
            0x7f,
            0x80,
            0xff,
            d[i] ^ 1,
            d[i] ^ 0x40,
            d[i].wrapping_add(1),
        ] {
            let mut c = d.clone();
            c[i] = b;
            if let Ok(p) = undump(&c, b"=c") {
                verify(&p).unwrap();
            }
        }
    }
    for _ in 0..20_000 {
        let mut c = d.clone();
        for _ in 0..1 + next() % 4 {
            let i = (next() as usize) % c.len();
            c[i] = next() as u8;
        }
        if let Ok(p) = undump(&c, b"=c") {
            verify(&p).unwrap();
        }
    }
}

/// Compiles `src`, lets `edit` damage the main function, and returns the verifier's complaint.
fn rejected(src: &str, edit: impl FnOnce(&mut FuncProto)) -> String {
    let mut p = compiled(src);
    verify(&p).expect("compiler output verifies");
    edit(&mut p);
    let e = verify(&p).expect_err("damaged code must be rejected");
    // The same through a binary chunk.
    let chunk_err = undump(&dump(&p, false), b"=c").unwrap_err();
    assert!(
        chunk_err.starts_with("c: bad binary format ("),
        "{chunk_err}"
    );
    e
}

fn find_op(p: &FuncProto, op: OpCode) -> usize {
    p.code
        .iter()
        .position(|&i| get_opcode(i) == op)
        .unwrap_or_else(|| panic!("no {op:?}"))
}

#[test]
fn verifier_rejects_out_of_range_operands() {
    let e = rejected("local a = 1; local b = a", |p| {
        let j = find_op(p, OpCode::MOVE);
        set_b(&mut p.code[j], 200);
    });
    assert!(e.contains("register out of range"), "{e}");
    let e = rejected("local a = 'x'", |p| {
        let j = find_op(p, OpCode::LOADK);
        set_bx(&mut p.code[j], 5);
    });
    assert!(e.contains("constant index out of range"), "{e}");
    let e = rejected("local a; return function() return a end", |p| {
        let j = find_op(&p.protos[0], OpCode::GETUPVAL);
        set_b(&mut p.protos[0].code[j], 3);
    });
    assert!(e.contains("upvalue index out of range"), "{e}");
    let e = rejected("return function() end", |p| {
        let j = find_op(p, OpCode::CLOSURE);
        set_bx(&mut p.code[j], 1);
    });
    assert!(e.contains("function index out of range"), "{e}");
    let e = rejected("local a; return function() return a end", |p| {
        p.protos[0].upvalues[0].index = 100;
    });
    assert!(e.contains("invalid upvalue reference"), "{e}");
    let e = rejected("local t = {1, 2, 3}", |p| {
        let j = find_op(p, OpCode::SETLIST);
        set_b(&mut p.code[j], 250);
    });
    assert!(e.contains("register out of range"), "{e}");
    let e = rejected("local a, b; a = a .. b", |p| {
        let j = find_op(p, OpCode::CONCAT);
        set_b(&mut p.code[j], 0);
    });
    assert!(e.contains("invalid concatenation"), "{e}");
    let e = rejected("print(1)", |p| {
        let j = find_op(p, OpCode::CALL);
        set_c(&mut p.code[j], 255);
    });
    assert!(e.contains("register out of range"), "{e}");
}

/// The VM reads the key of a field instruction as a short string without looking: a binary chunk
/// whose field names are other constants (a number, a long string) must not load.
#[test]
fn verifier_rejects_field_names_that_are_not_short_strings() {
    use lua_vm::compiler::proto::Constant;
    let long = "k".repeat(41);
    type SetOperand = fn(&mut Instruction, u32);
    let cases: [(&str, OpCode, SetOperand); 4] = [
        ("local t = {} return t.name", OpCode::GETFIELD, set_c),
        ("local t = {} t.name = 1", OpCode::SETFIELD, set_b),
        ("return name", OpCode::GETTABUP, set_c),
        ("name = 1", OpCode::SETTABUP, set_b),
    ];
    for (src, op, set_key) in cases {
        // The key pointed at a number constant.
        let e = rejected(src, |p| {
            p.constants.push(Constant::Int(7));
            let k = p.constants.len() as u32 - 1;
            let j = find_op(p, op);
            set_key(&mut p.code[j], k);
        });
        assert!(e.contains("field name not a short string"), "{op:?}: {e}");
        // The key pointed at a 41-byte (long) string.
        let e = rejected(src, |p| {
            p.constants.push(Constant::Str(long.clone().into_bytes()));
            let k = p.constants.len() as u32 - 1;
            let j = find_op(p, op);
            set_key(&mut p.code[j], k);
        });
        assert!(e.contains("field name not a short string"), "{op:?}: {e}");
        // A 40-byte name is short: the compiler itself makes such field instructions.
        let name = "n".repeat(40);
        let p = compiled(&src.replace("name", &name));
        find_op(&p, op);
        verify(&p).expect("a 40-byte field name is a short string");
    }
    // A 41-byte name is compiled to the general instructions, which take any key.
    let p = compiled(&format!("local t = {{}} t.{long} = 1 return t.{long}"));
    assert!(!p
        .code
        .iter()
        .any(|&i| matches!(get_opcode(i), OpCode::GETFIELD | OpCode::SETFIELD)));
}

#[test]
fn verifier_rejects_bad_control_flow() {
    let e = rejected("local x = 1 while x do x = nil end", |p| {
        let j = find_op(p, OpCode::JMP);
        set_sj(&mut p.code[j], 1000);
    });
    assert!(e.contains("jump out of range"), "{e}");
    let e = rejected("for i = 1, 2 do end", |p| {
        let j = find_op(p, OpCode::FORLOOP);
        set_bx(&mut p.code[j], 1000);
    });
    assert!(e.contains("jump out of range"), "{e}");
    let e = rejected("local a = 1", |p| {
        p.code.pop();
        p.line_info.pop();
    });
    assert!(e.contains("does not end with a return"), "{e}");
    let e = rejected("local a, b = ... if a == b then a = 1 end", |p| {
        let j = find_op(p, OpCode::EQ);
        p.code[j + 1] = create_abck(OpCode::MOVE, 0, 0, 0, false);
    });
    assert!(e.contains("test without jump"), "{e}");
    let e = rejected("local a = ... ; a = a + a", |p| {
        let j = find_op(p, OpCode::MMBIN);
        p.code[j] = create_abck(OpCode::MOVE, 0, 0, 0, false);
    });
    assert!(e.contains("arithmetic without MMBIN"), "{e}");
    let e = rejected("local t = {}", |p| {
        let j = find_op(p, OpCode::EXTRAARG);
        p.code[j] = create_abck(OpCode::MOVE, 0, 0, 0, false);
    });
    assert!(e.contains("NEWTABLE without EXTRAARG"), "{e}");
    let e = rejected("local a = 1", |p| {
        p.code.insert(1, create_ax(OpCode::EXTRAARG, 0));
        p.line_info.insert(1, 1);
    });
    assert!(e.contains("misplaced EXTRAARG"), "{e}");
    let e = rejected("local a = 1", |p| {
        p.code[1] = 0x7f;
    });
    assert!(e.contains("invalid opcode"), "{e}");
    let e = rejected("local t = {}", |p| {
        let j = find_op(p, OpCode::NEWTABLE);
        set_b(&mut p.code[j], 40);
    });
    assert!(e.contains("table size out of range"), "{e}");
}

#[test]
fn verifier_rejects_bad_open_results_and_varargs() {
    // RETURN B=0 must directly follow the call that sets the top.
    let e = rejected("return print()", |p| {
        let j = p
            .code
            .iter()
            .position(|&i| get_opcode(i) == OpCode::RETURN && get_b(i) == 0)
            .unwrap();
        let call = j - 1;
        assert_eq!(get_opcode(p.code[call]), OpCode::TAILCALL);
        p.code[call] = create_abck(OpCode::MOVE, 0, 0, 0, false);
    });
    assert!(e.contains("open results without a producer"), "{e}");
    let e = rejected("local t = {...}", |p| {
        let j = find_op(p, OpCode::VARARG);
        p.code[j] = create_abck(OpCode::LOADNIL, get_a(p.code[j]), 0, 0, false);
    });
    assert!(e.contains("open results without a producer"), "{e}");
    let e = rejected("local a = ...", |p| {
        let j = find_op(p, OpCode::RETURN);
        set_c(&mut p.code[j], 0);
    });
    assert!(e.contains("invalid return adjustment"), "{e}");
    let e = rejected("local a = ...", |p| {
        p.code.remove(0);
        p.line_info.remove(0);
    });
    assert!(e.contains("VARARGPREP"), "{e}");
    let e = rejected("return function() return 1 end", |p| {
        p.protos[0].is_vararg = true;
    });
    assert!(e.contains("VARARGPREP"), "{e}");
}

#[test]
fn verifier_rejects_bad_sizes_and_debug_info() {
    let e = rejected("return function(a, b, c) end", |p| {
        p.protos[0].max_stack_size = 2;
    });
    assert!(e.contains("invalid stack size"), "{e}");
    let e = rejected("local a = 1", |p| {
        p.line_info.push(3);
    });
    assert!(e.contains("invalid line information"), "{e}");
    let e = rejected("local a, b = 1, 2", |p| {
        for _ in 0..10 {
            let lv = p.loc_vars[0].clone();
            p.loc_vars.push(lv);
        }
    });
    assert!(e.contains("too many active local variables"), "{e}");
}

/// `luac5.4 -s` output for `local a, b = ... return a * b + 1, #"xyz", ("q"):rep(2)` on x86-64:
/// chunks of the reference compiler load and run here.
const LUAC_CHUNK: &[u8] = b"\x1b\x4c\x75\x61\x54\x00\x19\x93\x0d\x0a\x1a\x0a\x04\x08\x08\x78\x56\x00\x00\
\x00\x00\x00\x00\x00\x00\x00\x00\x00\x28\x77\x40\x01\x80\x80\x80\x00\x01\x07\x8e\x51\x00\x00\x00\x50\
\x00\x00\x03\x24\x01\x00\x01\x2e\x00\x01\x08\x15\x01\x02\x80\x2f\x01\x80\x06\x83\x01\x00\x00\xb4\x01\
\x03\x00\x03\x82\x00\x00\x14\x82\x04\x02\x01\x83\x00\x80\x44\x02\x03\x00\x46\x01\x00\x01\x46\x01\x01\
\x01\x83\x04\x84\x78\x79\x7a\x04\x82\x71\x04\x84\x72\x65\x70\x81\x01\x00\x00\x80\x80\x80\x80\x80";

#[test]
fn reference_compiler_chunks_load_and_run() {
    let p = undump(LUAC_CHUNK, b"=luac").unwrap();
    assert_eq!(p.source, b"=?");
    assert!(p.line_info.is_empty());
    let mut vm = lua_vm::Vm::new();
    lua_vm::stdlib::open_libs(&mut vm).unwrap();
    assert_eq!(vm.load(LUAC_CHUNK, "=luac", "b"), lua_vm::Status::Ok);
    vm.push_integer(3);
    vm.push_integer(4);
    vm.call(2, 3).unwrap();
    assert_eq!(vm.to_integer(-3), Some(13));
    assert_eq!(vm.to_integer(-2), Some(3));
    assert_eq!(vm.to_bytes(-1).unwrap(), Some(&b"qq"[..]));
    // Dumping it again gives the same bytes.
    assert_eq!(dump(&p, true), LUAC_CHUNK);
}

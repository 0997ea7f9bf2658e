//! Binary chunks: `dump` / `undump` round trips over real compiler output, the reference's header
//! and error messages, and the verifier's rejection of corrupt bytecode (no panic on any input).

use lua_vm::compiler::dump::{dump, undump};
use lua_vm::compiler::opcode::*;
use lua_vm::compiler::proto::{Constant, FuncProto};
use lua_vm::compiler::{compile, verify::verify};

const TESTES: &str = "/work/lua-5.4.4-tests/testes";

fn compiled(src: &str) -> FuncProto {
    compile(src.as_bytes(), b"=test").expect("compiles")
}

fn strip_debug(p: &mut FuncProto, parent: Option<&[u8]>) {
    let _ = parent;
    p.source = b"=?".to_vec();
    p.line_info.clear();
    p.loc_vars.clear();
    for u in &mut p.upvalues {
        u.name = None;
    }
    for q in &mut p.protos {
        strip_debug(q, None);
    }
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
        verify(&p).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let back =
            undump(&dump(&p, false), b"=x").unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(back, p, "{}", path.display());
        let mut stripped = p.clone();
        strip_debug(&mut stripped, None);
        let back = undump(&dump(&p, true), b"=x").unwrap();
        assert_eq!(back, stripped, "{}", path.display());
        n += 1;
    }
    assert!(n > 20);
}

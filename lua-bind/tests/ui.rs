//! Compile-fail tests: each file under tests/ui/ is one misuse of `#[lua_function]` or
//! `#[derive(LuaTable)]`; its `.stderr` pins the message and the span.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/lua_function/*.rs");
    t.compile_fail("tests/ui/lua_table/*.rs");
}

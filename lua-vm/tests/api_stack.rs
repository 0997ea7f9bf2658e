//! The stack protocol of the public API (`lua.h`): valid and acceptable indices (positive, negative,
//! registry, upvalues of a native closure), pushes and conversions, and stack manipulation
//! (set_top, rotate, insert, remove, replace, copy). Expected behaviour is that of the C API of Lua 5.4.

use lua_vm::api::CompareOp;
use lua_vm::value::Type;
use lua_vm::vm::ops::ArithOp;
use lua_vm::vm::state::{upvalue_index, MULTRET, REGISTRY_INDEX};
use lua_vm::{LuaResult, State, Status, Vm};

/// The integers on the stack from bottom to top (non-integers as `i64::MIN`).
fn ints(st: &State) -> Vec<i64> {
    (1..=st.get_top())
        .map(|i| st.to_integer(i).unwrap_or(i64::MIN))
        .collect()
}

fn push_ints(st: &mut State, v: &[i64]) {
    for &i in v {
        st.push_integer(i);
    }
}

fn string_at(st: &mut State, idx: i32) -> Option<String> {
    st.to_bytes(idx)
        .unwrap()
        .map(|b| String::from_utf8_lossy(b).into_owned())
}

#[test]
fn positive_and_negative_indices() {
    let mut vm = Vm::new();
    assert_eq!(vm.get_top(), 0);
    push_ints(&mut vm, &[10, 20, 30]);
    assert_eq!(vm.get_top(), 3);
    assert_eq!(vm.to_integer(1), Some(10));
    assert_eq!(vm.to_integer(3), Some(30));
    assert_eq!(vm.to_integer(-1), Some(30));
    assert_eq!(vm.to_integer(-3), Some(10));
    assert_eq!(vm.abs_index(-1), 3);
    assert_eq!(vm.abs_index(-3), 1);
    assert_eq!(vm.abs_index(2), 2);
    assert_eq!(vm.abs_index(REGISTRY_INDEX), REGISTRY_INDEX);
    // An acceptable but not valid index is "none".
    assert!(vm.is_none(4));
    assert!(vm.is_none_or_nil(4));
    assert_eq!(vm.type_at(4), None);
    assert_eq!(vm.type_name_at(4), "no value");
    assert_eq!(vm.to_integer(4), None);
    assert_eq!(vm.type_at(-1), Some(Type::Number));
}

#[test]
fn set_top_grows_with_nil_and_shrinks() {
    let mut vm = Vm::new();
    push_ints(&mut vm, &[1, 2, 3]);
    vm.set_top(5);
    assert_eq!(vm.get_top(), 5);
    assert!(vm.is_nil(4) && vm.is_nil(5));
    assert!(!vm.is_none(5));
    vm.set_top(-3); // pops two
    assert_eq!(ints(&vm), vec![1, 2, 3]);
    vm.pop(1);
    assert_eq!(ints(&vm), vec![1, 2]);
    vm.set_top(0);
    assert_eq!(vm.get_top(), 0);
}

#[test]
fn rotate_insert_remove_replace_copy() {
    let mut vm = Vm::new();
    push_ints(&mut vm, &[1, 2, 3, 4, 5]);
    vm.rotate(2, 1);
    assert_eq!(ints(&vm), vec![1, 5, 2, 3, 4]);
    vm.rotate(2, -1);
    assert_eq!(ints(&vm), vec![1, 2, 3, 4, 5]);
    vm.rotate(-2, 1);
    assert_eq!(ints(&vm), vec![1, 2, 3, 5, 4]);
    vm.rotate(1, 2);
    assert_eq!(ints(&vm), vec![5, 4, 1, 2, 3]);
    vm.set_top(0);

    push_ints(&mut vm, &[1, 2, 3]);
    vm.push_integer(9);
    vm.insert(1);
    assert_eq!(ints(&vm), vec![9, 1, 2, 3]);
    vm.push_integer(8);
    vm.insert(-2);
    assert_eq!(ints(&vm), vec![9, 1, 2, 8, 3]);
    vm.remove(2);
    assert_eq!(ints(&vm), vec![9, 2, 8, 3]);
    vm.remove(-1);
    assert_eq!(ints(&vm), vec![9, 2, 8]);
    vm.push_integer(7);
    vm.replace(1);
    assert_eq!(ints(&vm), vec![7, 2, 8]);
    vm.copy(-1, 2);
    assert_eq!(ints(&vm), vec![7, 8, 8]);
    vm.push_value(1);
    assert_eq!(ints(&vm), vec![7, 8, 8, 7]);
}

#[test]
fn pushes_checks_and_conversions() {
    let mut vm = Vm::new();
    vm.push_nil();
    vm.push_bool(false);
    vm.push_integer(42);
    vm.push_number(2.5);
    vm.push_str("10").unwrap();
    vm.push_str("0x10").unwrap();
    vm.push_str("abc").unwrap();
    vm.push_light_userdata(0x1234);
    vm.new_table().unwrap();
    let types: Vec<Type> = (1..=9).map(|i| vm.type_at(i).unwrap()).collect();
    use Type::*;
    assert_eq!(
        types,
        vec![
            Nil,
            Boolean,
            Number,
            Number,
            String,
            String,
            String,
            LightUserData,
            Table
        ]
    );
    assert_eq!(vm.type_name_at(8), "userdata");
    assert!(vm.is_userdata(8));
    assert_eq!(vm.to_pointer(8), 0x1234);
    assert!(vm.to_pointer(9) != 0);
    // booleans: only nil and false are false
    assert!(!vm.to_boolean(1) && !vm.to_boolean(2) && vm.to_boolean(3) && vm.to_boolean(7));
    assert!(!vm.to_boolean(20), "none is false");
    // numbers and numeric strings
    assert!(vm.is_number(3) && vm.is_number(4) && vm.is_number(5) && vm.is_number(6));
    assert!(!vm.is_number(7) && !vm.is_number(1));
    assert!(vm.is_integer(3) && !vm.is_integer(4) && !vm.is_integer(5));
    assert_eq!(vm.to_integer(5), Some(10));
    assert_eq!(vm.to_integer(6), Some(16));
    assert_eq!(vm.to_integer(4), None, "2.5 has no integer representation");
    assert_eq!(vm.to_number(3), Some(42.0));
    assert_eq!(vm.to_number(6), Some(16.0));
    assert_eq!(vm.to_number(7), None);
    // strings: numbers count as strings and are converted in place by to_bytes
    assert!(vm.is_string(3) && vm.is_string(7) && !vm.is_string(1) && !vm.is_string(9));
    assert_eq!(vm.type_at(3), Some(Type::Number));
    assert_eq!(string_at(&mut vm, 3).as_deref(), Some("42"));
    assert_eq!(
        vm.type_at(3),
        Some(Type::String),
        "lua_tolstring converts in place"
    );
    assert_eq!(string_at(&mut vm, 4).as_deref(), Some("2.5"));
    assert_eq!(string_at(&mut vm, 1), None);
    assert_eq!(string_at(&mut vm, 9), None);
    assert_eq!(vm.raw_len(7), 3);
    // strings with embedded zeros keep their length
    vm.push_bytes(b"a\0b").unwrap();
    assert_eq!(vm.raw_len(-1), 3);
    assert_eq!(vm.to_bytes(-1).unwrap(), Some(&b"a\0b"[..]));
}

#[test]
fn string_to_number_follows_lua_numerals() {
    let mut vm = Vm::new();
    assert_eq!(vm.string_to_number(b"0x10"), 5);
    assert!(vm.is_integer(-1));
    assert_eq!(vm.to_integer(-1), Some(16));
    assert_eq!(vm.string_to_number(b" 1e2 "), 6);
    assert!(!vm.is_integer(-1));
    assert_eq!(vm.to_number(-1), Some(100.0));
    let top = vm.get_top();
    assert_eq!(vm.string_to_number(b"1e"), 0);
    assert_eq!(vm.string_to_number(b"abc"), 0);
    assert_eq!(vm.get_top(), top, "nothing pushed on failure");
    // 2^63 does not fit: a float
    assert_eq!(vm.string_to_number(b"9223372036854775808"), 20);
    assert_eq!(vm.to_number(-1), Some(9223372036854775808.0));
    assert!(!vm.is_integer(-1));
}

#[test]
fn arith_compare_concat_len() {
    let mut vm = Vm::new();
    vm.push_integer(7);
    vm.push_integer(-2);
    vm.arith_top(ArithOp::IDiv).unwrap();
    assert_eq!(vm.to_integer(-1), Some(-4));
    vm.push_integer(-2);
    vm.arith_top(ArithOp::Mod).unwrap();
    assert_eq!(vm.to_integer(-1), Some(0));
    vm.arith_top(ArithOp::Unm).unwrap();
    assert_eq!(vm.to_integer(-1), Some(0));
    vm.pop(1);
    vm.push_integer(1);
    vm.push_number(0.5);
    vm.arith_top(ArithOp::Add).unwrap();
    assert_eq!(vm.to_number(-1), Some(1.5));
    assert!(!vm.is_integer(-1));
    vm.pop(1);
    vm.push_integer(1);
    vm.push_integer(0);
    assert!(
        vm.arith_top(ArithOp::IDiv).is_err(),
        "integer division by zero"
    );
    vm.set_top(0);

    vm.push_integer(1);
    vm.push_number(1.0);
    vm.push_integer(2);
    assert!(vm.compare(1, 2, CompareOp::Eq).unwrap());
    assert!(vm.raw_equal(1, 2));
    assert!(vm.compare(1, 3, CompareOp::Lt).unwrap());
    assert!(vm.compare(2, 1, CompareOp::Le).unwrap());
    assert!(!vm.compare(3, 1, CompareOp::Le).unwrap());
    assert!(!vm.compare(1, 10, CompareOp::Eq).unwrap(), "invalid index");
    assert!(!vm.raw_equal(1, 10));
    vm.push_str("x").unwrap();
    assert!(
        vm.compare(1, 4, CompareOp::Lt).is_err(),
        "number < string is an error"
    );
    vm.set_top(0);

    vm.push_str("a").unwrap();
    vm.push_integer(1);
    vm.push_number(2.0);
    vm.concat_n(3).unwrap();
    assert_eq!(vm.get_top(), 1);
    assert_eq!(string_at(&mut vm, 1).as_deref(), Some("a12.0"));
    vm.concat_n(0).unwrap();
    assert_eq!(string_at(&mut vm, -1).as_deref(), Some(""));
    vm.len(1).unwrap();
    assert_eq!(vm.to_integer(-1), Some(5));
}

#[test]
fn registry_is_a_table_with_globals_and_main_thread() {
    let mut vm = Vm::new();
    assert!(vm.is_table(REGISTRY_INDEX));
    assert_eq!(vm.raw_get_i(REGISTRY_INDEX, 1), Type::Thread);
    assert!(vm.push_thread(), "the main thread");
    assert!(vm.raw_equal(-1, -2));
    vm.pop(2);
    assert_eq!(vm.raw_get_i(REGISTRY_INDEX, 2), Type::Table);
    vm.push_global_table();
    assert!(vm.raw_equal(-1, -2));
    vm.pop(2);
    vm.push_str("stored").unwrap();
    vm.set_field(REGISTRY_INDEX, "my.key").unwrap();
    assert_eq!(
        vm.get_field(REGISTRY_INDEX, "my.key").unwrap(),
        Type::String
    );
    assert_eq!(string_at(&mut vm, -1).as_deref(), Some("stored"));
    assert_eq!(vm.get_top(), 1);
}

/// A counter closure: upvalue 1 counts the calls, upvalue 2 is a fixed label.
fn counter(st: &mut State) -> LuaResult<usize> {
    let n = st.to_integer(upvalue_index(1)).unwrap_or(0) + 1;
    st.push_integer(n);
    st.copy(-1, upvalue_index(1));
    st.push_value(upvalue_index(2));
    // An upvalue index beyond the closure's upvalues is acceptable and reads as none/nil.
    st.push_bool(st.is_none_or_nil(upvalue_index(3)));
    Ok(3)
}

#[test]
fn native_closure_upvalues() {
    let mut vm = Vm::new();
    vm.push_integer(0);
    vm.push_str("label").unwrap();
    vm.push_closure(counter, 2).unwrap();
    assert_eq!(vm.get_top(), 1, "upvalues are popped");
    assert!(vm.is_native_function(1) && vm.is_function(1));
    for expected in 1..=3 {
        vm.push_value(1);
        vm.call(0, MULTRET).unwrap();
        assert_eq!(vm.get_top(), 4);
        assert_eq!(vm.to_integer(2), Some(expected));
        assert_eq!(string_at(&mut vm, 3).as_deref(), Some("label"));
        assert!(vm.to_boolean(4));
        vm.set_top(1);
    }
}

/// Returns its arguments' count and the type name of each, checking the frame sees only its own values.
fn frame_view(st: &mut State) -> LuaResult<usize> {
    let n = st.get_top();
    let mut names = String::new();
    for i in 1..=n {
        names.push_str(st.type_name_at(i));
        names.push(' ');
    }
    st.push_integer(n as i64);
    st.push_str(names.trim_end())?;
    Ok(2)
}

#[test]
fn native_function_sees_its_own_frame() {
    let mut vm = Vm::new();
    push_ints(&mut vm, &[100, 200]); // below the function: not visible to it
    vm.push_fn(frame_view);
    vm.push_bool(true);
    vm.push_nil();
    vm.push_str("s").unwrap();
    vm.call(3, 2).unwrap();
    assert_eq!(vm.get_top(), 4);
    assert_eq!(vm.to_integer(3), Some(3));
    assert_eq!(string_at(&mut vm, 4).as_deref(), Some("boolean nil string"));
    // fewer results than pushed are adjusted; more are filled with nil
    vm.set_top(2);
    vm.push_fn(frame_view);
    vm.call(0, 1).unwrap();
    assert_eq!(vm.get_top(), 3);
    assert_eq!(vm.to_integer(3), Some(0));
    vm.push_fn(frame_view);
    vm.call(0, 4).unwrap();
    assert_eq!(vm.get_top(), 7);
    assert!(vm.is_nil(6) && vm.is_nil(7));
}

#[test]
fn ensure_stack_allows_many_values() {
    let mut vm = Vm::new();
    assert!(vm.ensure_stack(10_000));
    for i in 0..10_000 {
        vm.push_integer(i);
    }
    assert_eq!(vm.get_top(), 10_000);
    assert_eq!(vm.to_integer(-1), Some(9_999));
    assert_eq!(vm.to_integer(1), Some(0));
    assert!(!vm.ensure_stack(2_000_000), "beyond the maximum stack size");
    vm.set_top(0);
    assert_eq!(vm.load(b"return 1", "=x", "t"), Status::Ok);
}

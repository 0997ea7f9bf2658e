//! Tables, metatables, userdata and references through the public API: create_table, get/set with and
//! without metamethods, next, metatables (set/get, by name), full userdata with user values, ref/unref.

use lua_vm::value::Type;
use lua_vm::vm::state::{MULTRET, REGISTRY_INDEX};
use lua_vm::{LuaResult, State, Status, Vm};

fn string_at(st: &mut State, idx: i32) -> Option<String> {
    st.to_bytes(idx)
        .unwrap()
        .map(|b| String::from_utf8_lossy(b).into_owned())
}

/// Runs a chunk with the base library open; panics with the error message on failure.
fn run(st: &mut State, code: &str) {
    assert_eq!(st.load(code.as_bytes(), "=test", "t"), Status::Ok);
    let status = st.pcall(0, MULTRET, 0);
    if status != Status::Ok {
        panic!("{code}: {:?}", string_at(st, -1));
    }
}

fn vm_with_base() -> Vm {
    let mut vm = Vm::new();
    lua_vm::stdlib::open_libs(&mut vm).unwrap();
    vm
}

#[test]
fn fields_and_integer_keys() {
    let mut vm = Vm::new();
    vm.create_table(2, 2).unwrap();
    vm.push_str("v1").unwrap();
    vm.set_field(1, "k1").unwrap();
    vm.push_integer(10);
    vm.set_i(1, 1).unwrap();
    vm.push_str("key").unwrap();
    vm.push_bool(true);
    vm.set_table(1).unwrap();
    vm.push_number(2.0); // a float key with an integer value is the integer key 2
    vm.push_str("two").unwrap();
    vm.set_table(1).unwrap();
    assert_eq!(vm.get_top(), 1);

    assert_eq!(vm.get_field(1, "k1").unwrap(), Type::String);
    assert_eq!(string_at(&mut vm, -1).as_deref(), Some("v1"));
    assert_eq!(vm.get_i(1, 1).unwrap(), Type::Number);
    assert_eq!(vm.to_integer(-1), Some(10));
    assert_eq!(vm.get_i(1, 2).unwrap(), Type::String);
    assert_eq!(string_at(&mut vm, -1).as_deref(), Some("two"));
    vm.push_str("key").unwrap();
    assert_eq!(vm.get_table(1).unwrap(), Type::Boolean);
    assert_eq!(vm.get_field(1, "absent").unwrap(), Type::Nil);
    assert_eq!(vm.get_top(), 6);
    assert_eq!(vm.raw_len(1), 2);
    vm.len(1).unwrap();
    assert_eq!(vm.to_integer(-1), Some(2));
}

#[test]
fn raw_access_ignores_metamethods() {
    let mut vm = vm_with_base();
    run(
        &mut vm,
        "T = setmetatable({}, {__index = function(t, k) return 'meta ' .. tostring(k) end,
                              __newindex = function(t, k, v) rawset(t, k, 'via meta') end,
                              __len = function() return 42 end})",
    );
    vm.get_global("T").unwrap();
    let t = vm.get_top();
    assert_eq!(vm.get_field(t, "x").unwrap(), Type::String);
    assert_eq!(string_at(&mut vm, -1).as_deref(), Some("meta x"));
    vm.push_str("x").unwrap();
    assert_eq!(vm.raw_get(t), Type::Nil);
    assert_eq!(vm.raw_get_i(t, 7), Type::Nil);
    vm.set_top(t);

    vm.push_integer(1);
    vm.set_field(t, "a").unwrap(); // through __newindex
    vm.push_str("b").unwrap();
    vm.push_integer(2);
    vm.raw_set(t).unwrap(); // raw
    vm.push_integer(3);
    vm.raw_set_i(t, 5).unwrap();
    vm.push_str("light").unwrap();
    vm.raw_set_p(t, 0xABC).unwrap();
    assert_eq!(vm.get_top(), t);
    assert_eq!(vm.get_field(t, "a").unwrap(), Type::String);
    assert_eq!(string_at(&mut vm, -1).as_deref(), Some("via meta"));
    assert_eq!(vm.get_field(t, "b").unwrap(), Type::Number);
    assert_eq!(vm.raw_get_i(t, 5), Type::Number);
    assert_eq!(vm.to_integer(-1), Some(3));
    assert_eq!(vm.raw_get_p(t, 0xABC), Type::String);
    assert_eq!(string_at(&mut vm, -1).as_deref(), Some("light"));
    vm.push_light_userdata(0xABC);
    assert_eq!(
        vm.raw_get(t),
        Type::String,
        "raw_get_p keys are light userdata"
    );
    assert_eq!(vm.raw_get_p(t, 0xABD), Type::Nil);
    vm.len(t).unwrap();
    assert_eq!(vm.to_integer(-1), Some(42));
    assert_eq!(
        vm.raw_len(t),
        0,
        "raw length: 5 is not a border of an empty array"
    );
}

#[test]
fn invalid_keys_are_errors() {
    let mut vm = Vm::new();
    vm.new_table().unwrap();
    vm.push_nil();
    vm.push_integer(1);
    assert!(vm.raw_set(1).is_err());
    vm.set_top(1);
    vm.push_number(f64::NAN);
    vm.push_integer(1);
    assert!(vm.set_table(1).is_err());
    vm.set_top(1);
    vm.push_nil();
    assert_eq!(
        vm.get_table(1).unwrap(),
        Type::Nil,
        "reading t[nil] is fine"
    );
}

#[test]
fn next_visits_every_pair_once() {
    let mut vm = Vm::new();
    vm.new_table().unwrap();
    for i in 1..=5 {
        vm.push_integer(i * 10);
        vm.set_i(1, i).unwrap();
    }
    for k in ["a", "b", "c"] {
        vm.push_str(k).unwrap();
        vm.set_field(1, k).unwrap();
    }
    let mut int_sum = 0;
    let mut strings = Vec::new();
    vm.push_nil();
    while vm.next(1).unwrap() {
        // key at -2, value at -1
        if vm.is_integer(-2) {
            int_sum += vm.to_integer(-1).unwrap();
        } else {
            // to_bytes on a copy: converting the key itself would confuse next
            vm.push_value(-2);
            strings.push(string_at(&mut vm, -1).unwrap());
            vm.pop(1);
            // assigning to an existing field during traversal is allowed
            vm.push_value(-2);
            vm.push_nil();
            vm.set_table(1).unwrap();
        }
        vm.pop(1);
    }
    assert_eq!(vm.get_top(), 1, "next pops the key at the end");
    strings.sort();
    assert_eq!(int_sum, 150);
    assert_eq!(strings, vec!["a", "b", "c"]);
    assert_eq!(vm.get_field(1, "a").unwrap(), Type::Nil);
    // an invalid key is an error
    vm.set_top(1);
    vm.push_str("not a key").unwrap();
    assert!(vm.next(1).is_err());
}

#[test]
fn metatables() {
    let mut vm = Vm::new();
    vm.new_table().unwrap(); // 1: object
    assert!(!vm.get_metatable(1));
    assert_eq!(vm.get_top(), 1, "nothing pushed without a metatable");
    vm.new_table().unwrap(); // 2: metatable
    vm.new_table().unwrap(); // 3: __index table
    vm.push_str("inherited").unwrap();
    vm.set_field(3, "field").unwrap();
    vm.set_field(2, "__index").unwrap();
    vm.push_value(2);
    vm.set_metatable(1);
    assert_eq!(vm.get_top(), 2);
    assert!(vm.get_metatable(1));
    assert!(vm.raw_equal(-1, 2));
    vm.pop(1);
    assert_eq!(vm.get_field(1, "field").unwrap(), Type::String);
    assert_eq!(string_at(&mut vm, -1).as_deref(), Some("inherited"));
    vm.pop(1);
    assert_eq!(vm.get_metafield(1, "__index").unwrap(), Type::Table);
    vm.pop(1);
    assert_eq!(vm.get_metafield(1, "__none").unwrap(), Type::Nil);
    // removing the metatable
    vm.push_nil();
    vm.set_metatable(1);
    assert!(!vm.get_metatable(1));
    assert_eq!(vm.get_field(1, "field").unwrap(), Type::Nil);
    // metatables of basic types are shared by all values of the type
    vm.set_top(0);
    vm.new_table().unwrap();
    vm.push_integer(5);
    vm.push_value(1);
    vm.set_metatable(-2);
    vm.push_number(1.5);
    assert!(vm.get_metatable(-1), "every number shares it");
    assert!(vm.raw_equal(-1, 1));
}

#[test]
fn metatables_by_name_and_userdata() {
    #[derive(Debug, PartialEq)]
    struct Point {
        x: i32,
        y: i32,
    }
    let mut vm = Vm::new();
    assert!(vm.new_metatable("Point").unwrap());
    assert!(!vm.new_metatable("Point").unwrap(), "second time: found");
    assert!(vm.raw_equal(1, 2));
    assert_eq!(vm.get_field(1, "__name").unwrap(), Type::String);
    assert_eq!(string_at(&mut vm, -1).as_deref(), Some("Point"));
    vm.set_top(0);

    vm.new_userdata(Point { x: 1, y: 2 }, 2).unwrap();
    assert_eq!(vm.type_at(1), Some(Type::UserData));
    assert!(vm.is_userdata(1));
    assert_eq!(vm.to_userdata::<Point>(1), Some(&mut Point { x: 1, y: 2 }));
    assert!(vm.to_userdata::<String>(1).is_none(), "wrong Rust type");
    assert!(
        vm.test_udata::<Point>(1, "Point").unwrap().is_none(),
        "no metatable yet"
    );
    vm.set_metatable_named("Point").unwrap();
    assert_eq!(vm.get_top(), 1);
    let p = vm.check_udata::<Point>(1, "Point").unwrap();
    p.x = 10;
    assert_eq!(vm.to_userdata::<Point>(1).map(|p| p.x), Some(10));
    assert!(vm.test_udata::<Point>(1, "Other").unwrap().is_none());

    // user values
    vm.push_str("first").unwrap();
    assert!(vm.set_i_uservalue(1, 1));
    vm.push_integer(2);
    assert!(vm.set_i_uservalue(1, 2));
    vm.push_integer(3);
    assert!(!vm.set_i_uservalue(1, 3), "only two user values");
    assert_eq!(vm.get_top(), 1);
    assert_eq!(vm.get_i_uservalue(1, 1), Some(Type::String));
    assert_eq!(string_at(&mut vm, -1).as_deref(), Some("first"));
    assert_eq!(vm.get_i_uservalue(1, 2), Some(Type::Number));
    assert_eq!(vm.get_i_uservalue(1, 3), None);
    assert!(vm.is_nil(-1), "pushes nil when absent");
}

#[test]
fn userdata_is_collected_and_dropped() {
    use std::rc::Rc;
    let token = Rc::new(());
    let mut vm = vm_with_base();
    vm.new_userdata(Rc::clone(&token), 0).unwrap();
    assert_eq!(Rc::strong_count(&token), 2);
    vm.set_global("U").unwrap();
    run(&mut vm, "collectgarbage()");
    assert_eq!(Rc::strong_count(&token), 2, "reachable from a global");
    run(&mut vm, "U = nil; collectgarbage()");
    assert_eq!(Rc::strong_count(&token), 1, "the Rust value was dropped");
    vm.new_userdata(Rc::clone(&token), 0).unwrap();
    drop(vm);
    assert_eq!(Rc::strong_count(&token), 1, "closing the VM drops the rest");
}

#[test]
fn references() {
    let mut vm = Vm::new();
    vm.new_table().unwrap(); // 1: the reference table
    vm.push_str("a").unwrap();
    let ra = vm.ref_(1).unwrap();
    vm.push_str("b").unwrap();
    let rb = vm.ref_(1).unwrap();
    assert_eq!(vm.get_top(), 1, "ref_ pops the value");
    assert!(ra > 0 && rb > 0 && ra != rb);
    vm.push_nil();
    assert_eq!(vm.ref_(1).unwrap(), lua_vm::api::aux::REFNIL);
    assert_eq!(vm.raw_get_i(1, ra), Type::String);
    assert_eq!(string_at(&mut vm, -1).as_deref(), Some("a"));
    vm.pop(1);
    vm.unref(1, ra).unwrap();
    vm.push_str("c").unwrap();
    let rc = vm.ref_(1).unwrap();
    assert_eq!(rc, ra, "a freed reference is reused");
    assert_eq!(vm.raw_get_i(1, rc), Type::String);
    assert_eq!(string_at(&mut vm, -1).as_deref(), Some("c"));
    vm.pop(1);
    vm.unref(1, lua_vm::api::aux::REFNIL).unwrap(); // no effect
    vm.unref(1, lua_vm::api::aux::NOREF).unwrap();
    // references in the registry keep values alive
    vm.new_table().unwrap();
    let r = vm.ref_(REGISTRY_INDEX).unwrap();
    assert_eq!(vm.raw_get_i(REGISTRY_INDEX, r), Type::Table);
    vm.pop(1);
    vm.unref(REGISTRY_INDEX, r).unwrap();
    assert_eq!(vm.raw_get_i(1, rb), Type::String);
}

#[test]
fn subtables_and_globals() {
    let mut vm = Vm::new();
    vm.new_table().unwrap();
    assert!(!vm.get_subtable(1, "sub").unwrap(), "created");
    vm.push_integer(7);
    vm.set_field(-2, "x").unwrap();
    vm.pop(1);
    assert!(vm.get_subtable(1, "sub").unwrap(), "found");
    assert_eq!(vm.get_field(-1, "x").unwrap(), Type::Number);
    vm.set_top(0);

    vm.push_integer(99);
    vm.set_global("answer").unwrap();
    assert_eq!(vm.get_global("answer").unwrap(), Type::Number);
    assert_eq!(vm.to_integer(-1), Some(99));
    assert_eq!(vm.get_global("missing").unwrap(), Type::Nil);
}

fn sum_fields(st: &mut State) -> LuaResult<usize> {
    st.check_type(1, Type::Table)?;
    let mut total = 0;
    st.push_nil();
    while st.next(1)? {
        total += st.check_integer(-1)?;
        st.pop(1);
    }
    st.push_integer(total);
    Ok(1)
}

#[test]
fn native_function_traverses_a_lua_table() {
    let mut vm = vm_with_base();
    vm.push_fn(sum_fields);
    vm.set_global("sum_fields").unwrap();
    run(
        &mut vm,
        "assert(sum_fields({1, 2, 3, x = 10, y = 20}) == 36)
         assert(not pcall(sum_fields, {1, 'x'}))
         assert(not pcall(sum_fields, 5))",
    );
    vm.set_top(0);
    vm.push_fn(sum_fields);
    vm.new_table().unwrap();
    for i in 1..=100 {
        vm.push_integer(i);
        vm.set_i(-2, i).unwrap();
    }
    vm.call(1, 1).unwrap();
    assert_eq!(vm.to_integer(-1), Some(5050));
}

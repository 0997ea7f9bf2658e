//! Handle lifetimes: a handle keeps its value alive (a host slot of the VM), dropping it releases the
//! value, the VM outlives the `Lua` while handles exist, handles of one VM are refused by another;
//! userdata and threads.

use lua_bind::prelude::*;
use lua_bind::ThreadStatus;

fn weak_table(lua: &Lua) -> Table {
    lua.load("setmetatable({}, {__mode = 'v'})").eval().unwrap()
}

#[test]
fn a_handle_keeps_its_value_alive_and_releases_it_on_drop() {
    let lua = Lua::new();
    let weak = weak_table(&lua);
    lua.set_global("weak", &weak).unwrap();
    let t: Table = lua
        .load("local t = {payload = 1} weak[1] = t return t")
        .eval()
        .unwrap();
    lua.gc_collect().unwrap();
    assert!(
        lua.load("weak[1] ~= nil").eval::<bool>().unwrap(),
        "kept by the handle"
    );
    assert_eq!(t.get::<_, i64>("payload").unwrap(), 1);
    let clone = t.clone();
    drop(t);
    lua.gc_collect().unwrap();
    assert!(
        lua.load("weak[1] ~= nil").eval::<bool>().unwrap(),
        "kept by the clone"
    );
    drop(clone);
    lua.gc_collect().unwrap();
    lua.gc_collect().unwrap();
    assert!(
        lua.load("weak[1] == nil").eval::<bool>().unwrap(),
        "released"
    );
}

#[test]
fn registry_slots_are_reused() {
    let lua = Lua::new();
    let before: i64 = lua
        .with_state(|st| Ok(st.raw_len(lua_vm::vm::state::REGISTRY_INDEX) as i64))
        .unwrap();
    for i in 0..1000 {
        let t = lua.create_table().unwrap();
        t.set("i", i).unwrap();
    }
    let after: i64 = lua
        .with_state(|st| Ok(st.raw_len(lua_vm::vm::state::REGISTRY_INDEX) as i64))
        .unwrap();
    assert!(
        after - before < 10,
        "registry grew from {before} to {after}"
    );
}

#[test]
fn the_vm_outlives_the_lua_while_handles_exist() {
    let f: Function = {
        let lua = Lua::new();
        lua.load("local n = 0 return function() n = n + 1 return n end")
            .eval()
            .unwrap()
    };
    assert_eq!(f.call::<i64>(()).unwrap(), 1);
    assert_eq!(f.call::<i64>(()).unwrap(), 2);
}

#[test]
fn handles_of_another_state_are_refused() {
    let a = Lua::new();
    let b = Lua::new();
    let t = a.create_table().unwrap();
    let e = b.set_global("t", &t).unwrap_err();
    assert_eq!(
        e.to_string(),
        "a handle was used with a Lua state it does not belong to"
    );
}

#[test]
fn userdata_holds_host_values() {
    #[derive(Debug, PartialEq)]
    struct Counter(u32);
    let lua = Lua::new();
    let u = lua.create_userdata(Counter(1)).unwrap();
    assert!(u.is::<Counter>());
    assert!(!u.is::<String>());
    u.with(|c: &mut Counter| c.0 += 1).unwrap();
    lua.set_global("u", &u).unwrap();
    let back: AnyUserData = lua.load("u").eval().unwrap();
    assert_eq!(back.with(|c: &mut Counter| c.0).unwrap(), 2);
    assert_eq!(lua.load("type(u)").eval::<String>().unwrap(), "userdata");
    let e = back.with(|s: &mut String| s.len()).unwrap_err();
    assert_eq!(e.to_string(), "userdata is not of the requested type");
    let nested = u
        .with(|_: &mut Counter| back.with(|c: &mut Counter| c.0))
        .unwrap();
    assert_eq!(
        nested.unwrap_err().to_string(),
        "userdata is already borrowed"
    );
}

#[test]
fn the_running_main_thread_cannot_be_resumed() {
    let lua = Lua::new();
    let main: Thread = lua
        .with_state(|st| {
            st.raw_get_i(
                lua_vm::vm::state::REGISTRY_INDEX,
                lua_vm::vm::state::RIDX_MAINTHREAD,
            );
            let top = st.get_top();
            Thread::from_stack(st, top)
        })
        .unwrap();
    assert_eq!(main.status(), ThreadStatus::Active);
    let e = main.resume::<()>(()).unwrap_err();
    assert_eq!(e.to_string(), "cannot resume non-suspended coroutine");
}

#[test]
fn threads_resume_from_the_host() {
    let lua = Lua::new();
    let has_coroutines: bool = lua.load("type(coroutine) == 'table'").eval().unwrap();
    if !has_coroutines {
        // The coroutine library is not in this build yet: creating a thread needs it.
        return;
    }
    let co: Thread = lua
        .load("coroutine.create(function(a) local b = coroutine.yield(a + 1) error('done ' .. b) end)")
        .eval()
        .unwrap();
    assert_eq!(co.status(), ThreadStatus::Resumable);
    assert_eq!(co.resume::<i64>(1).unwrap(), 2);
    let e = co.resume::<()>("now").unwrap_err();
    assert!(e.lua_message().ends_with("done now"), "{e}");
    assert_eq!(co.status(), ThreadStatus::Error);
}

#[test]
fn a_handle_freed_by_the_collector_does_not_touch_the_vm() {
    // A userdata holding a handle: the collector frees it (dropping the handle) in the middle of a
    // collection; the reference is released later, at the next entry.
    let lua = Lua::new();
    let weak = weak_table(&lua);
    lua.set_global("weak", &weak).unwrap();
    let inner: Table = lua
        .load("local t = {} weak[1] = t return t")
        .eval()
        .unwrap();
    let holder = lua.create_userdata(inner).unwrap();
    drop(holder);
    lua.gc_collect().unwrap();
    lua.gc_collect().unwrap();
    lua.gc_collect().unwrap();
    assert!(lua.load("weak[1] == nil").eval::<bool>().unwrap());
}

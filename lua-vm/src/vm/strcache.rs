//! A cache from Rust string literals to their interned Lua strings (the reference's API string
//! cache): `type()` pushing "table", `getmetatable` looking up "__metatable" and the like find
//! their string without hashing it again.
//!
//! Entries are keyed by the literal's address and length, which identify a `&'static str`'s
//! contents for the life of the process. A cached string is not a GC root: each entry records the
//! collection cycle it was made in and is ignored after that cycle ends, so a string freed by a
//! sweep is never returned.

use crate::gc::heap::Gc;
use crate::value::string::LuaStr;
use crate::vm::error::LuaResult;
use crate::vm::state::State;

const SLOTS: usize = 64;

#[derive(Clone, Copy)]
struct Entry {
    ptr: usize,
    len: usize,
    cycle: usize,
    s: Option<Gc<LuaStr>>,
}

/// The cache's slots (part of the global state).
pub struct StrCache {
    slots: [Entry; SLOTS],
}

impl Default for StrCache {
    fn default() -> StrCache {
        StrCache {
            slots: [Entry {
                ptr: 0,
                len: 0,
                cycle: 0,
                s: None,
            }; SLOTS],
        }
    }
}

impl State {
    /// The interned string for the literal `s`, from the cache when it holds it.
    #[inline]
    pub fn static_str(&mut self, s: &'static str) -> LuaResult<Gc<LuaStr>> {
        let ptr = s.as_ptr() as usize;
        let len = s.len();
        // Two-way sets: literals that hash alike (say "table" and "__metatable" used in turn) do
        // not evict each other.
        let set = ((ptr ^ len).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 58) % (SLOTS / 2) * 2;
        let g = self.g();
        let cycle = g.gc.cycles;
        for way in 0..2 {
            let e = g.strcache.slots[set + way];
            if let Some(str) = e.s {
                if e.ptr == ptr && e.len == len && e.cycle == cycle {
                    return Ok(str);
                }
            }
        }
        let str = self.new_str(s.as_bytes())?;
        // `new_str` may have collected: record the cycle the string is known live in. The newest
        // entry goes first; the older one moves to the second way.
        let g = self.g();
        let slots = &mut g.strcache.slots;
        slots[set + 1] = slots[set];
        slots[set] = Entry {
            ptr,
            len,
            cycle: g.gc.cycles,
            s: Some(str),
        };
        Ok(str)
    }

    /// Pushes the literal `s` as a Lua string (through the cache).
    pub fn push_static_str(&mut self, s: &'static str) -> LuaResult<()> {
        let str = self.static_str(s)?;
        self.push(crate::value::Value::Str(str));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::vm::state::Vm;

    #[test]
    fn cached_strings_survive_collections_correctly() {
        let mut vm = Vm::new();
        let a = vm.static_str("table").unwrap();
        let b = vm.static_str("table").unwrap();
        assert_eq!(a.addr(), b.addr());
        // After a collection the entry is stale; the string is interned again (and may be new).
        vm.full_gc();
        let c = vm.static_str("table").unwrap();
        assert_eq!(c.get().as_bytes(), b"table");
        let d = vm.static_str("metatable").unwrap();
        assert_eq!(d.get().as_bytes(), b"metatable");
        assert_eq!(vm.static_str("table").unwrap().addr(), c.addr());
    }
}

//! Lua strings: immutable byte strings with a cached hash, and the intern table for short strings.
//!
//! Strings of at most `MAX_SHORT_LEN` bytes are interned: one object per content, so equality is a
//! pointer compare and the hash is computed once at creation. Longer strings are created as they come
//! and hashed lazily the first time they are used as a table key.

use std::cell::Cell;

use crate::gc::heap::{bits, Gc, Heap, HeapObject, ObjKind, OutOfMemory};

/// Longest string that is interned (the reference's LUAI_MAXSHORTLEN).
pub const MAX_SHORT_LEN: usize = 40;

pub struct LuaStr {
    hash: Cell<u32>,
    /// For long strings: whether `hash` has been computed.
    hashed: Cell<bool>,
    short: bool,
    bytes: Box<[u8]>,
}

impl HeapObject for LuaStr {
    const KIND: ObjKind = ObjKind::Str;
    fn extra_bytes(&self) -> usize {
        self.bytes.len()
    }
}

/// Hash of a byte string; `seed` differs per VM so hashes are not predictable from outside.
#[inline]
pub fn hash_bytes(bytes: &[u8], seed: u32) -> u32 {
    let mut h: u64 = (seed as u64) ^ (bytes.len() as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        h = (h.rotate_left(5) ^ w).wrapping_mul(0x517C_C1B7_2722_0A95);
    }
    for &b in chunks.remainder() {
        h = (h.rotate_left(5) ^ b as u64).wrapping_mul(0x517C_C1B7_2722_0A95);
    }
    (h ^ (h >> 32)) as u32
}

impl LuaStr {
    #[inline(always)]
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }
    #[inline(always)]
    pub fn len(&self) -> usize {
        self.bytes.len()
    }
    #[inline(always)]
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }
    #[inline(always)]
    pub fn is_short(&self) -> bool {
        self.short
    }

    /// The content hash (computed on first use for long strings).
    #[inline]
    pub fn hash(&self) -> u32 {
        if !self.hashed.get() {
            self.hash.set(hash_bytes(&self.bytes, 0));
            self.hashed.set(true);
        }
        self.hash.get()
    }

    /// Content equality: identity for interned strings, bytes for long ones.
    #[inline(always)]
    pub fn equal(a: Gc<LuaStr>, b: Gc<LuaStr>) -> bool {
        a == b || {
            let (x, y) = (a.get(), b.get());
            !x.short && !y.short && x.bytes == y.bytes
        }
    }
}

/// The intern table: an open-addressing hash set (linear probing) of the live short strings. Lookups
/// compare the cached hash before the bytes; dead strings are dropped by rebuilding the set after each
/// collection's mark phase (in place when memory is short).
pub struct StringTable {
    slots: Vec<Option<Gc<LuaStr>>>,
    count: usize,
    seed: u32,
}

const MIN_SLOTS: usize = 256;

/// A copy of `bytes` for a new long string; `OutOfMemory` when the allocator refuses.
fn copy_bytes(bytes: &[u8]) -> Result<Box<[u8]>, OutOfMemory> {
    let mut v = Vec::new();
    v.try_reserve_exact(bytes.len()).map_err(|_| OutOfMemory)?;
    v.extend_from_slice(bytes);
    Ok(v.into_boxed_slice())
}

impl StringTable {
    pub fn new(seed: u32) -> StringTable {
        StringTable {
            slots: vec![None; MIN_SLOTS],
            count: 0,
            seed,
        }
    }

    #[inline]
    fn slot_of(&self, h: u32) -> usize {
        (h ^ self.seed).wrapping_mul(0x9E37_79B9) as usize & (self.slots.len() - 1)
    }

    /// Returns the string object for `bytes`, interning short strings.
    pub fn intern(&mut self, heap: &mut Heap, bytes: &[u8]) -> Result<Gc<LuaStr>, OutOfMemory> {
        if bytes.len() > MAX_SHORT_LEN {
            heap.check(bytes.len())?;
            return heap.alloc(LuaStr {
                hash: Cell::new(0),
                hashed: Cell::new(false),
                short: false,
                bytes: copy_bytes(bytes)?,
            });
        }
        let h = hash_bytes(bytes, 0);
        let mask = self.slots.len() - 1;
        let mut i = self.slot_of(h);
        // The table is never full (see below), so the probe ends at an empty slot.
        while let Some(s) = self.slots[i] {
            let sr = s.get();
            if sr.hash.get() == h && sr.bytes.as_ref() == bytes {
                return Ok(s);
            }
            i = (i + 1) & mask;
        }
        let s = heap.alloc(LuaStr {
            hash: Cell::new(h),
            hashed: Cell::new(true),
            short: true,
            bytes: bytes.into(),
        })?;
        // Grow at a load factor of 3/4; when the allocator refuses, go on fuller, but never fill the
        // last free slot (the probes need one).
        if (self.count + 1) * 4 > self.slots.len() * 3
            && self.rebuild(self.slots.len() * 2, |_| true)
        {
            i = self.free_slot(h);
        } else if self.count + 2 > self.slots.len() {
            return Err(OutOfMemory);
        }
        self.slots[i] = Some(s);
        self.count += 1;
        Ok(s)
    }

    /// The first free slot on the probe sequence of hash `h`.
    fn free_slot(&self, h: u32) -> usize {
        let mask = self.slots.len() - 1;
        let mut i = self.slot_of(h);
        while self.slots[i].is_some() {
            i = (i + 1) & mask;
        }
        i
    }

    /// Re-inserts the strings `keep` accepts into `n` slots; false (and nothing changed) when the
    /// allocator refuses the new slots.
    fn rebuild(&mut self, n: usize, keep: impl Fn(Gc<LuaStr>) -> bool) -> bool {
        let mut slots = Vec::new();
        if slots.try_reserve_exact(n).is_err() {
            return false;
        }
        slots.resize(n, None);
        let old = std::mem::replace(&mut self.slots, slots);
        self.count = 0;
        for s in old.into_iter().flatten().filter(|&s| keep(s)) {
            let i = self.free_slot(s.get().hash.get());
            self.slots[i] = Some(s);
            self.count += 1;
        }
        true
    }

    /// Empties slot `i` by backward-shift deletion: the entries after it in the same cluster move up
    /// where their probe sequence allows, so every remaining entry stays reachable.
    fn remove_at(&mut self, mut i: usize) {
        let mask = self.slots.len() - 1;
        self.slots[i] = None;
        self.count -= 1;
        let mut j = i;
        loop {
            j = (j + 1) & mask;
            let Some(s) = self.slots[j] else { return };
            let home = self.slot_of(s.get().hash.get());
            // The entry at `j` may fill the hole at `i` unless its home lies cyclically in (i, j].
            if (j.wrapping_sub(home) & mask) >= (j.wrapping_sub(i) & mask) {
                self.slots[i] = Some(s);
                self.slots[j] = None;
                i = j;
            }
        }
    }

    /// Drops every string the collector did not mark (called before the sweep frees them): rebuilds
    /// the set (shrunk if it is mostly empty), or, when the allocator refuses the new slots (a
    /// collection at the edge of memory), removes the dead strings in place.
    pub(crate) fn remove_unmarked(&mut self) {
        let live = |s: Gc<LuaStr>| s.header().has(bits::MARKED | bits::FIXED);
        let nlive = self.slots.iter().flatten().filter(|&&s| live(s)).count();
        let mut n = self.slots.len();
        while n > MIN_SLOTS && nlive * 4 < n {
            n /= 2;
        }
        if !self.rebuild(n, live) {
            self.remove_in_place(live);
        }
    }

    /// Removes the strings `live` rejects without allocating.
    fn remove_in_place(&mut self, live: impl Fn(Gc<LuaStr>) -> bool) {
        let mut i = 0;
        while i < self.slots.len() {
            match self.slots[i] {
                // The slot may receive a later entry: look at it again.
                Some(s) if !live(s) => self.remove_at(i),
                _ => i += 1,
            }
        }
    }

    pub fn len(&self) -> usize {
        self.count
    }
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn in_place_removal_keeps_every_live_string_reachable() {
        let mut heap = Heap::new();
        let mut table = StringTable::new(0x5eed);
        let names: Vec<String> = (0..5000)
            .map(|i| format!("s{}", i * 7919 % 100_003))
            .collect();
        let strs: Vec<Gc<LuaStr>> = names
            .iter()
            .map(|n| table.intern(&mut heap, n.as_bytes()).unwrap())
            .collect();
        for (i, s) in strs.iter().enumerate() {
            if i % 3 != 1 {
                s.header().set_flag(bits::MARKED);
            }
        }
        table.remove_in_place(|s| s.header().has(bits::MARKED));
        let kept = strs.iter().enumerate().filter(|(i, _)| i % 3 != 1).count();
        assert_eq!(table.len(), kept);
        assert_eq!(table.slots.iter().flatten().count(), kept);
        for (i, (n, s)) in names.iter().zip(&strs).enumerate() {
            if i % 3 != 1 {
                // Found again, the same object.
                assert!(table.intern(&mut heap, n.as_bytes()).unwrap() == *s, "{n}");
            }
        }
        assert_eq!(table.len(), kept);
    }
}

//! Lua strings: immutable byte strings with a cached hash, and the intern table for short strings.
//!
//! Strings of at most `MAX_SHORT_LEN` bytes are interned: one object per content, so equality is a
//! pointer compare and the hash is computed once at creation. Longer strings are created as they come
//! and hashed lazily the first time they are used as a table key.

use std::cell::Cell;

use crate::gc::heap::{bits, Gc, Heap, HeapObject, ObjKind, OutOfMemory};

/// Longest string that is interned (the reference's LUAI_MAXSHORTLEN).
pub const MAX_SHORT_LEN: usize = 40;

/// A string object: its hash and length, followed in its heap box by the bytes (`Heap::alloc_with_trailing`),
/// so a string is one allocation of 12 bytes plus its length, header included (the reference's
/// `TString` is 24 bytes plus the length plus a terminating zero).
///
/// A string is short (interned) exactly when its length is at most `MAX_SHORT_LEN`: every string is
/// created by `StringTable::intern`, which interns all of those.
#[repr(C)]
pub struct LuaStr {
    /// Short strings: the hash computed when interned. Long strings: 0 until the hash is first needed.
    /// A computed hash is never 0 (0 is stored as 1), so one test tells a known hash.
    hash: Cell<u32>,
    len: u32,
}

// `as_bytes` finds the bytes right after the value: the box must have no padding after a `LuaStr`.
const _: () = assert!(
    std::mem::size_of::<crate::gc::heap::GcBox<LuaStr>>() == 4 + std::mem::size_of::<LuaStr>()
);

impl HeapObject for LuaStr {
    const KIND: ObjKind = ObjKind::Str;
    fn extra_bytes(&self) -> usize {
        self.len as usize
    }
    fn trailing_bytes(&self) -> usize {
        self.len as usize
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
        // SAFETY: a `LuaStr` only exists inside a heap box allocated by `StringTable::intern` with
        // `len` trailing bytes, initialized there, right after the value (no padding: checked above);
        // the bytes are never written again and live as long as the box.
        unsafe {
            std::slice::from_raw_parts(
                (self as *const LuaStr).add(1).cast::<u8>(),
                self.len as usize,
            )
        }
    }
    /// The bytes as text, if they are UTF-8. ASCII (checked a word at a time) is the fast case.
    #[inline]
    pub fn to_str(&self) -> Option<&str> {
        let b = self.as_bytes();
        if b.is_ascii() {
            // SAFETY: ASCII bytes are valid UTF-8.
            Some(unsafe { std::str::from_utf8_unchecked(b) })
        } else {
            std::str::from_utf8(b).ok()
        }
    }

    #[inline(always)]
    pub fn len(&self) -> usize {
        self.len as usize
    }
    #[inline(always)]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
    #[inline(always)]
    pub fn is_short(&self) -> bool {
        self.len as usize <= MAX_SHORT_LEN
    }

    /// The hash to look the string up in a table: for a short string the one computed when it was
    /// interned; a long string's is computed on its first use.
    #[inline(always)]
    pub fn key_hash(&self) -> u32 {
        let h = self.hash.get();
        if h != 0 {
            h
        } else {
            self.long_hash()
        }
    }

    /// The hash if it is known (always for short strings), else 0.
    #[inline(always)]
    pub fn known_hash(&self) -> u32 {
        self.hash.get()
    }

    #[cold]
    #[inline(never)]
    fn long_hash(&self) -> u32 {
        let h = hash_bytes(self.as_bytes(), 0).max(1);
        self.hash.set(h);
        h
    }

    /// Content equality: identity for interned strings, bytes for long ones.
    #[inline(always)]
    pub fn equal(a: Gc<LuaStr>, b: Gc<LuaStr>) -> bool {
        a == b || {
            let (x, y) = (a.get(), b.get());
            !x.is_short() && x.len == y.len && x.as_bytes() == y.as_bytes()
        }
    }
}

/// A new string object holding a copy of `bytes` (over the cap, refused by the system allocator, or
/// longer than 4 GB, it is a Lua memory error instead of an abort).
#[inline]
fn new_object(heap: &mut Heap, bytes: &[u8], hash: u32) -> Result<Gc<LuaStr>, OutOfMemory> {
    let len = u32::try_from(bytes.len()).map_err(|_| OutOfMemory)?;
    heap.alloc_with_trailing(
        LuaStr {
            hash: Cell::new(hash),
            len,
        },
        |_, p| {
            // SAFETY: `p` is the box's trailing storage, `len` bytes long (`trailing_bytes`).
            unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), p, bytes.len()) }
        },
    )
}

/// The intern table: an open-addressing hash set (linear probing) of the live short strings. Lookups
/// compare the cached hash before the bytes; dead strings are dropped by rebuilding the set after each
/// collection's mark phase.
pub struct StringTable {
    slots: Vec<Option<Gc<LuaStr>>>,
    count: usize,
    seed: u32,
}

const MIN_SLOTS: usize = 256;

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
            return new_object(heap, bytes, 0);
        }
        let h = hash_bytes(bytes, 0).max(1);
        let mask = self.slots.len() - 1;
        let mut i = self.slot_of(h);
        // The table is never full (load factor at most 3/4), so the probe ends at an empty slot.
        while let Some(s) = self.slots[i] {
            let sr = s.get();
            if sr.hash.get() == h && sr.as_bytes() == bytes {
                return Ok(s);
            }
            i = (i + 1) & mask;
        }
        let s = new_object(heap, bytes, h)?;
        self.slots[i] = Some(s);
        self.count += 1;
        if self.count * 4 > self.slots.len() * 3 {
            // The system allocator may refuse the growth: a memory error, and the table (never full)
            // stays usable.
            self.resize(self.slots.len() * 2)?;
        }
        Ok(s)
    }

    /// Re-inserts every string into `n` slots (allocation refusals are memory errors).
    fn resize(&mut self, n: usize) -> Result<(), OutOfMemory> {
        let mut new = Vec::new();
        new.try_reserve_exact(n).map_err(|_| OutOfMemory)?;
        new.resize(n, None);
        let old = std::mem::replace(&mut self.slots, new);
        let mask = n - 1;
        for s in old.into_iter().flatten() {
            let mut i = self.slot_of(s.get().hash.get());
            while self.slots[i].is_some() {
                i = (i + 1) & mask;
            }
            self.slots[i] = Some(s);
        }
        Ok(())
    }

    /// Drops every string the collector did not mark (called before the sweep frees them). Works in
    /// place (backward-shift deletion), so it needs no memory while the heap may be exhausted.
    pub(crate) fn remove_unmarked(&mut self) {
        let n = self.slots.len();
        let mask = n - 1;
        // Start right after an empty slot so no probe cluster wraps around the starting point.
        let Some(start) = self.slots.iter().position(|s| s.is_none()) else {
            return;
        };
        let mut step = 1;
        while step <= n {
            let i = (start + step) & mask;
            match self.slots[i] {
                Some(s) if !s.header().has(bits::MARKED | bits::FIXED) => {
                    self.delete_at(i);
                    self.count -= 1;
                    // The slot may now hold a shifted entry: look at it again.
                }
                _ => step += 1,
            }
        }
    }

    /// After a collection: halves the slots while at most a quarter of them would be in use (as the
    /// reference's `checkSizes`), so a burst of short strings does not leave every later collection
    /// scanning, and the process keeping, a table sized for it. A refused allocation keeps the table.
    pub(crate) fn shrink_if_sparse(&mut self) {
        let mut n = self.slots.len();
        while n > MIN_SLOTS && self.count * 4 <= n / 2 {
            n /= 2;
        }
        if n < self.slots.len() {
            let _ = self.resize(n);
        }
    }

    /// Removes one string the collector is about to free (a no-op for long strings, which are not
    /// interned).
    pub(crate) fn remove(&mut self, s: Gc<LuaStr>) {
        let sr = s.get();
        if !sr.is_short() {
            return;
        }
        let mask = self.slots.len() - 1;
        let mut i = self.slot_of(sr.hash.get());
        while let Some(x) = self.slots[i] {
            if x == s {
                self.delete_at(i);
                self.count -= 1;
                return;
            }
            i = (i + 1) & mask;
        }
    }

    /// Removes the entry at `hole`, shifting later entries of its cluster back.
    fn delete_at(&mut self, mut hole: usize) {
        let mask = self.slots.len() - 1;
        self.slots[hole] = None;
        let mut k = hole;
        loop {
            k = (k + 1) & mask;
            let Some(s) = self.slots[k] else { return };
            let home = self.slot_of(s.get().hash.get());
            // The entry at `k` may fill the hole unless its home lies cyclically in (hole, k].
            let stays = if hole <= k {
                hole < home && home <= k
            } else {
                hole < home || home <= k
            };
            if !stays {
                self.slots[hole] = Some(s);
                self.slots[k] = None;
                hole = k;
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

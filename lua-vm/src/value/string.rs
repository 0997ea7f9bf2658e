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

/// The intern table: a chained hash set of the live short strings.
pub struct StringTable {
    buckets: Vec<Vec<Gc<LuaStr>>>,
    count: usize,
    seed: u32,
}

impl StringTable {
    pub fn new(seed: u32) -> StringTable {
        StringTable {
            buckets: vec![Vec::new(); 128],
            count: 0,
            seed,
        }
    }

    /// Returns the string object for `bytes`, interning short strings.
    pub fn intern(&mut self, heap: &mut Heap, bytes: &[u8]) -> Result<Gc<LuaStr>, OutOfMemory> {
        if bytes.len() > MAX_SHORT_LEN {
            heap.check(bytes.len())?;
            // A long string that cannot be allocated is a Lua memory error, not an abort.
            let mut copy = Vec::new();
            copy.try_reserve_exact(bytes.len())
                .map_err(|_| OutOfMemory)?;
            copy.extend_from_slice(bytes);
            return heap.alloc(LuaStr {
                hash: Cell::new(0),
                hashed: Cell::new(false),
                short: false,
                bytes: copy.into_boxed_slice(),
            });
        }
        let h = hash_bytes(bytes, 0) ^ self.seed;
        let mask = self.buckets.len() - 1;
        let bucket = &self.buckets[h as usize & mask];
        for &s in bucket {
            if s.get().bytes.as_ref() == bytes {
                // A string found dead by the current sweep must not be handed out again; the collector
                // removes unmarked strings from this table before freeing them, so any string here is live.
                return Ok(s);
            }
        }
        let mut copy = Vec::new();
        copy.try_reserve_exact(bytes.len())
            .map_err(|_| OutOfMemory)?;
        copy.extend_from_slice(bytes);
        self.buckets[h as usize & mask]
            .try_reserve(1)
            .map_err(|_| OutOfMemory)?;
        let s = heap.alloc(LuaStr {
            hash: Cell::new(hash_bytes(bytes, 0)),
            hashed: Cell::new(true),
            short: true,
            bytes: copy.into_boxed_slice(),
        })?;
        self.buckets[h as usize & mask].push(s);
        self.count += 1;
        if self.count > self.buckets.len() * 2 {
            self.resize(self.buckets.len() * 2);
        }
        Ok(s)
    }

    fn resize(&mut self, n: usize) {
        let mut nb: Vec<Vec<Gc<LuaStr>>> = vec![Vec::new(); n];
        for b in self.buckets.drain(..) {
            for s in b {
                let h = s.get().hash() ^ self.seed;
                nb[h as usize & (n - 1)].push(s);
            }
        }
        self.buckets = nb;
    }

    /// Drops every string the collector did not mark (called before the sweep frees them).
    pub(crate) fn remove_unmarked(&mut self) {
        let mut removed = 0;
        for b in &mut self.buckets {
            let before = b.len();
            b.retain(|s| s.header().has(bits::MARKED | bits::FIXED));
            removed += before - b.len();
        }
        self.count -= removed;
        if self.buckets.len() > 128 && self.count < self.buckets.len() / 4 {
            self.resize(self.buckets.len() / 2);
        }
    }

    pub fn len(&self) -> usize {
        self.count
    }
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }
}

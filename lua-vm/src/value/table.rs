//! Lua tables: an array part for keys 1..=n and a hash part of inline nodes.
//!
//! Invariants:
//! - An integer key `k` with `1 <= k <= arr.len()` lives only in the array part.
//! - The hash part is empty or a power-of-two vector of nodes; collisions are chained through `next`
//!   offsets inside the vector (coalesced chaining, as in the reference): a lookup walks one chain from the
//!   key's main position, with no separate index array.
//! - A node whose value is nil keeps its key until the next rehash ("dead" key), so `next` can resume a
//!   traversal after the current field was set to nil, and setting it again reuses the node. Keys of such
//!   nodes are never dereferenced (the collector does not keep them alive): they are compared by identity.
//! - Float keys with an integral value are stored as integers; nil and NaN keys never reach this module.
//! - New keys are added only by `insert_new`; when no free node is left the table is rehashed, recomputing
//!   the array size as the largest n such that more than half of 1..n are in use.

use crate::gc::heap::{Gc, Heap, HeapObject, ObjKind, OutOfMemory};
use crate::value::string::LuaStr;
use crate::value::Value;

/// `next` was given a key that is not in the table ("invalid key to 'next'").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InvalidKey;

#[derive(Clone, Copy)]
pub struct Node {
    pub key: Value,
    pub val: Value,
    /// Offset to the next node of the chain (0: end of chain).
    next: i32,
}

const EMPTY_NODE: Node = Node {
    key: Value::Nil,
    val: Value::Nil,
    next: 0,
};

pub struct Table {
    arr: Vec<Value>,
    nodes: Vec<Node>,
    lastfree: usize,
    pub meta: Option<Gc<Table>>,
    /// Cache of absent metamethods: bit `i` set means the metatable-of-this-table field for event `i`
    /// (the first few events only) is known to be absent. Cleared whenever the table gets a new key.
    pub tm_absent: u8,
}

impl HeapObject for Table {
    const KIND: ObjKind = ObjKind::Table;
    fn extra_bytes(&self) -> usize {
        self.arr.capacity() * std::mem::size_of::<Value>()
            + self.nodes.capacity() * std::mem::size_of::<Node>()
    }
}

#[inline(always)]
fn mix64(x: u64) -> u32 {
    let x = x.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (x >> 32) as u32 ^ x as u32
}

/// Hash of a (normalised, non-nil) key.
#[inline]
fn key_hash(k: &Value) -> u32 {
    match k {
        Value::Str(s) => s.get().hash(),
        Value::Int(i) => mix64(*i as u64),
        Value::Num(f) => mix64(f.to_bits()),
        Value::Bool(b) => *b as u32,
        other => mix64(other.pointer().unwrap_or(0) as u64),
    }
}

/// Key comparison inside the hash part. `live` says whether the node's value is non-nil: a dead node's
/// key may point to a freed object, so it is compared by identity only.
#[inline(always)]
fn key_eq(node_key: &Value, k: &Value, live: bool) -> bool {
    match (node_key, k) {
        (Value::Str(a), Value::Str(b)) => *a == *b || (live && LuaStr::equal(*a, *b)),
        (Value::Int(a), Value::Int(b)) => a == b,
        (Value::Num(a), Value::Num(b)) => a.to_bits() == b.to_bits(),
        (Value::Bool(a), Value::Bool(b)) => a == b,
        (Value::Nil, _) | (_, Value::Nil) => false,
        (a, b) => a.type_of() == b.type_of() && a.pointer() == b.pointer() && same_variant(a, b),
    }
}

#[inline(always)]
fn same_variant(a: &Value, b: &Value) -> bool {
    std::mem::discriminant(a) == std::mem::discriminant(b)
}

/// Converts a float key with an integral value to an integer key.
#[inline(always)]
pub fn normalize_key(k: Value) -> Value {
    if let Value::Num(f) = k {
        if let Some(i) = crate::value::arith::float_to_int_exact(f) {
            return Value::Int(i);
        }
    }
    k
}

/// `n` empty nodes, or `OutOfMemory` when the allocator refuses.
fn node_vec(n: usize) -> Result<Vec<Node>, OutOfMemory> {
    let mut v = Vec::new();
    v.try_reserve_exact(n).map_err(|_| OutOfMemory)?;
    v.resize(n, EMPTY_NODE);
    Ok(v)
}

impl Default for Table {
    fn default() -> Self {
        Self::new()
    }
}

impl Table {
    pub fn new() -> Table {
        Table {
            arr: Vec::new(),
            nodes: Vec::new(),
            lastfree: 0,
            meta: None,
            tm_absent: 0,
        }
    }

    /// A table with room for `narr` array items and `nrec` other fields; sizes the allocator refuses
    /// are `OutOfMemory`.
    pub fn with_capacity(narr: usize, nrec: usize) -> Result<Table, OutOfMemory> {
        let mut t = Table::new();
        t.arr.try_reserve_exact(narr).map_err(|_| OutOfMemory)?;
        t.arr.resize(narr, Value::Nil);
        if nrec > 0 {
            let n = nrec.checked_next_power_of_two().ok_or(OutOfMemory)?;
            t.nodes = node_vec(n)?;
            t.lastfree = n;
        }
        Ok(t)
    }

    #[inline(always)]
    pub fn array_len(&self) -> usize {
        self.arr.len()
    }
    #[inline(always)]
    pub fn array(&self) -> &[Value] {
        &self.arr
    }
    #[inline(always)]
    pub fn array_mut(&mut self) -> &mut [Value] {
        &mut self.arr
    }
    #[inline(always)]
    pub fn nodes(&self) -> &[Node] {
        &self.nodes
    }
    #[inline(always)]
    pub fn nodes_mut(&mut self) -> &mut [Node] {
        &mut self.nodes
    }

    #[inline(always)]
    fn main_position(&self, k: &Value) -> usize {
        key_hash(k) as usize & (self.nodes.len() - 1)
    }

    /// Index of the node holding `k` (also a dead node), if any.
    #[inline]
    fn find_node(&self, k: &Value) -> Option<usize> {
        if self.nodes.is_empty() {
            return None;
        }
        let mut i = self.main_position(k);
        loop {
            let n = &self.nodes[i];
            if key_eq(&n.key, k, !n.val.is_nil()) {
                return Some(i);
            }
            if n.next == 0 {
                return None;
            }
            i = (i as isize + n.next as isize) as usize;
        }
    }

    /// `t[i]` for an integer key (raw).
    #[inline(always)]
    pub fn get_int(&self, i: i64) -> Value {
        let idx = (i as u64).wrapping_sub(1);
        if idx < self.arr.len() as u64 {
            return self.arr[idx as usize];
        }
        self.get_int_hash(i)
    }

    #[inline(never)]
    fn get_int_hash(&self, i: i64) -> Value {
        if self.nodes.is_empty() {
            return Value::Nil;
        }
        let mut n = self.main_position(&Value::Int(i));
        loop {
            let node = &self.nodes[n];
            if let Value::Int(k) = node.key {
                if k == i {
                    return node.val;
                }
            }
            if node.next == 0 {
                return Value::Nil;
            }
            n = (n as isize + node.next as isize) as usize;
        }
    }

    /// `t[s]` for a string key (raw).
    #[inline(always)]
    pub fn get_str(&self, s: Gc<LuaStr>) -> Value {
        if self.nodes.is_empty() {
            return Value::Nil;
        }
        let sr = s.get();
        let mut n = sr.hash() as usize & (self.nodes.len() - 1);
        let short = sr.is_short();
        loop {
            let node = &self.nodes[n];
            if let Value::Str(k) = node.key {
                if k == s || (!short && !node.val.is_nil() && LuaStr::equal(k, s)) {
                    return node.val;
                }
            }
            if node.next == 0 {
                return Value::Nil;
            }
            n = (n as isize + node.next as isize) as usize;
        }
    }

    /// `t[k]` (raw) for any key.
    #[inline]
    pub fn get(&self, k: &Value) -> Value {
        match *k {
            Value::Str(s) => self.get_str(s),
            Value::Int(i) => self.get_int(i),
            Value::Nil => Value::Nil,
            Value::Num(f) => match crate::value::arith::float_to_int_exact(f) {
                Some(i) => self.get_int(i),
                None => self.get_generic(k),
            },
            _ => self.get_generic(k),
        }
    }

    fn get_generic(&self, k: &Value) -> Value {
        match self.find_node(k) {
            Some(i) => self.nodes[i].val,
            None => Value::Nil,
        }
    }

    /// Mutable access to the slot of an existing key (also a dead one), without inserting.
    #[inline]
    fn existing_slot(&mut self, k: &Value) -> Option<&mut Value> {
        if let Value::Int(i) = *k {
            let idx = (i as u64).wrapping_sub(1);
            if idx < self.arr.len() as u64 {
                return Some(&mut self.arr[idx as usize]);
            }
        }
        let i = self.find_node(k)?;
        Some(&mut self.nodes[i].val)
    }

    /// Raw assignment `t[k] = v`. `k` must not be nil or NaN (callers raise those errors). Fails only when
    /// growing the table passes the memory cap.
    #[inline]
    pub fn set(&mut self, heap: &mut Heap, k: Value, v: Value) -> Result<(), OutOfMemory> {
        let k = normalize_key(k);
        debug_assert!(!k.is_nil());
        let slot = match k {
            Value::Str(s) => {
                // A metamethod name may be coming back after being set to nil.
                self.tm_absent = 0;
                self.str_node(s).map(|i| &mut self.nodes[i].val)
            }
            Value::Int(i) => {
                let idx = (i as u64).wrapping_sub(1);
                if idx < self.arr.len() as u64 {
                    Some(&mut self.arr[idx as usize])
                } else {
                    self.find_node(&k).map(|n| &mut self.nodes[n].val)
                }
            }
            _ => self.find_node(&k).map(|n| &mut self.nodes[n].val),
        };
        if let Some(slot) = slot {
            *slot = v;
            return Ok(());
        }
        if v.is_nil() {
            return Ok(());
        }
        self.insert_new(heap, k, v)
    }

    /// Index of the node holding string key `s` (also a dead node), if any.
    #[inline]
    fn str_node(&self, s: Gc<LuaStr>) -> Option<usize> {
        if self.nodes.is_empty() {
            return None;
        }
        let sr = s.get();
        let short = sr.is_short();
        let mut n = sr.hash() as usize & (self.nodes.len() - 1);
        loop {
            let node = &self.nodes[n];
            if let Value::Str(k) = node.key {
                if k == s || (!short && !node.val.is_nil() && LuaStr::equal(k, s)) {
                    return Some(n);
                }
            }
            if node.next == 0 {
                return None;
            }
            n = (n as isize + node.next as isize) as usize;
        }
    }

    /// Raw `t[i] = v` for an integer key.
    #[inline]
    pub fn set_int(&mut self, heap: &mut Heap, i: i64, v: Value) -> Result<(), OutOfMemory> {
        let idx = (i as u64).wrapping_sub(1);
        if idx < self.arr.len() as u64 {
            self.arr[idx as usize] = v;
            return Ok(());
        }
        // Appending with no hash part: the key cannot exist anywhere else.
        if idx == self.arr.len() as u64 && self.nodes.is_empty() && !v.is_nil() {
            return self.insert_new(heap, Value::Int(i), v);
        }
        self.set(heap, Value::Int(i), v)
    }

    /// Raw `t[k] = v` for a key known to be absent (the fields of a table being built from the
    /// host: no lookup first). `k` must be normalised, not nil or NaN, and not in the table.
    #[inline]
    pub fn insert_absent(
        &mut self,
        heap: &mut Heap,
        k: Value,
        v: Value,
    ) -> Result<(), OutOfMemory> {
        debug_assert!(self.find_node(&k).is_none() && !v.is_nil());
        self.insert_new(heap, k, v)
    }

    /// Raw `t[s] = v` for a string key.
    #[inline]
    pub fn set_str(&mut self, heap: &mut Heap, s: Gc<LuaStr>, v: Value) -> Result<(), OutOfMemory> {
        self.set(heap, Value::Str(s), v)
    }

    /// If `k` is present (with any value), stores `v` and returns true; otherwise does nothing.
    /// The VM uses it for the fast path of assignments, which must fall back to `__newindex` when the key
    /// is absent or its value is nil.
    #[inline]
    pub fn replace_existing(&mut self, k: &Value, v: Value) -> bool {
        match self.existing_slot(k) {
            Some(slot) if !slot.is_nil() => {
                *slot = v;
                true
            }
            _ => false,
        }
    }

    /// `replace_existing` for a string key (the `SETFIELD` fast path).
    #[inline]
    pub fn replace_existing_str(&mut self, s: Gc<LuaStr>, v: Value) -> bool {
        match self.str_node(s) {
            Some(i) if !self.nodes[i].val.is_nil() => {
                self.nodes[i].val = v;
                true
            }
            _ => false,
        }
    }

    /// Adds a key known to be absent.
    fn insert_new(&mut self, heap: &mut Heap, k: Value, v: Value) -> Result<(), OutOfMemory> {
        self.tm_absent = 0;
        // Appending right after the array part extends it: sequences built in order stay in the array.
        // Only a dense array is extended, so borders stay where the reference puts them.
        if let Value::Int(i) = k {
            if i as u64 == self.arr.len() as u64 + 1
                && self.arr.len() < (1 << 30)
                && self.arr.last().is_none_or(|v| !v.is_nil())
            {
                if self.arr.len() == self.arr.capacity() {
                    let old = self.arr.capacity();
                    let new = (old * 2).max(4);
                    let bytes = (new - old) * std::mem::size_of::<Value>();
                    heap.check(bytes)?;
                    // A failed allocation is a Lua memory error, not an abort of the process.
                    self.arr
                        .try_reserve_exact(new - old)
                        .map_err(|_| OutOfMemory)?;
                    heap.grow(bytes)?;
                }
                self.arr.push(v);
                return Ok(());
            }
        }
        if self.nodes.is_empty() {
            self.rehash(heap, &k)?;
            return self.set(heap, k, v);
        }
        if !self.insert_node(k, v) {
            self.rehash(heap, &k)?;
            return self.set(heap, k, v);
        }
        Ok(())
    }

    fn free_position(&mut self) -> Option<usize> {
        while self.lastfree > 0 {
            self.lastfree -= 1;
            if self.nodes[self.lastfree].key.is_nil() {
                return Some(self.lastfree);
            }
        }
        None
    }

    /// Recomputes the sizes of both parts for the current keys plus `extra`, and rebuilds the table.
    fn rehash(&mut self, heap: &mut Heap, extra: &Value) -> Result<(), OutOfMemory> {
        // nums[i]: number of integer keys k with 2^(i-1) < k <= 2^i.
        let mut nums = [0usize; 65];
        let mut total_int = 0;
        for (i, v) in self.arr.iter().enumerate() {
            if !v.is_nil() {
                nums[ceil_log2(i as u64 + 1)] += 1;
                total_int += 1;
            }
        }
        let mut total = total_int;
        for n in &self.nodes {
            if !n.val.is_nil() {
                total += 1;
                if let Value::Int(k) = n.key {
                    if k >= 1 {
                        nums[ceil_log2(k as u64)] += 1;
                        total_int += 1;
                    }
                }
            }
        }
        total += 1;
        if let Value::Int(k) = *extra {
            if k >= 1 {
                nums[ceil_log2(k as u64)] += 1;
                total_int += 1;
            }
        }
        let (na, in_array) = compute_array_size(&nums, total_int);
        self.resize(heap, na, total - in_array)
    }

    /// Resizes the array part to `na` slots and the hash part to hold `nh` keys, moving entries.
    pub fn resize(&mut self, heap: &mut Heap, na: usize, nh: usize) -> Result<(), OutOfMemory> {
        // Never make the hash part too small for the keys that will not fit in the array part.
        let outside = self.arr.iter().skip(na).filter(|v| !v.is_nil()).count()
            + self
                .nodes
                .iter()
                .filter(|n| {
                    !n.val.is_nil()
                        && !matches!(n.key, Value::Int(i) if (i as u64).wrapping_sub(1) < na as u64)
                })
                .count();
        let nh = nh.max(outside);
        let nh = if nh == 0 {
            0
        } else {
            nh.checked_next_power_of_two().ok_or(OutOfMemory)?
        };
        let old_bytes = self.extra_bytes();
        let new_bytes = na
            .max(self.arr.len())
            .checked_mul(std::mem::size_of::<Value>())
            .zip(nh.checked_mul(std::mem::size_of::<Node>()))
            .and_then(|(a, h)| a.checked_add(h))
            .filter(|&b| b <= crate::vm::limits::MAX_OBJECT_BYTES)
            .ok_or(OutOfMemory)?;
        if new_bytes > old_bytes {
            heap.check(new_bytes - old_bytes)?;
        }
        // Allocate both parts before changing anything: a failed allocation is a Lua memory error
        // (not an abort of the process) and leaves the table as it was.
        let mut new_nodes = Vec::new();
        new_nodes.try_reserve_exact(nh).map_err(|_| OutOfMemory)?;
        new_nodes.resize(nh, EMPTY_NODE);
        if na > self.arr.len() {
            self.arr
                .try_reserve_exact(na - self.arr.len())
                .map_err(|_| OutOfMemory)?;
        }
        let old_nodes = std::mem::replace(&mut self.nodes, new_nodes);
        self.lastfree = nh;
        let mut spill = Vec::new();
        if na < self.arr.len() {
            for (i, v) in self.arr.drain(na..).enumerate() {
                if !v.is_nil() {
                    spill.push((Value::Int((na + i + 1) as i64), v));
                }
            }
            self.arr.shrink_to_fit();
        } else if na > self.arr.len() {
            self.arr.resize(na, Value::Nil);
        }
        // The byte growth was checked above and is recorded once at the end.
        for n in old_nodes.iter().filter(|n| !n.val.is_nil()) {
            self.reinsert(n.key, n.val);
        }
        for (k, v) in spill {
            self.reinsert(k, v);
        }
        let after = self.extra_bytes();
        if after >= old_bytes {
            heap.grow(after - old_bytes).ok();
        } else {
            heap.shrink(old_bytes - after);
        }
        Ok(())
    }

    fn reinsert(&mut self, k: Value, v: Value) {
        if let Value::Int(i) = k {
            let idx = (i as u64).wrapping_sub(1);
            if idx < self.arr.len() as u64 {
                self.arr[idx as usize] = v;
                return;
            }
        }
        self.insert_hash_only(k, v);
    }

    fn insert_hash_only(&mut self, k: Value, v: Value) {
        // `resize` sized the hash part for every key, so a free node always exists here.
        let placed = self.insert_node(k, v);
        debug_assert!(placed);
    }

    /// Puts a new key in the hash part (coalesced chaining with Brent's variation, as the reference):
    /// false when no free node is left (the caller rehashes).
    fn insert_node(&mut self, k: Value, v: Value) -> bool {
        let mut mp = self.main_position(&k);
        if !self.nodes[mp].val.is_nil() {
            let Some(f) = self.free_position() else {
                return false;
            };
            let other = self.main_position(&self.nodes[mp].key);
            if other != mp {
                // The colliding node is out of its main position: move it to the free node.
                let mut prev = other;
                while (prev as isize + self.nodes[prev].next as isize) as usize != mp {
                    prev = (prev as isize + self.nodes[prev].next as isize) as usize;
                }
                self.nodes[prev].next = (f as isize - prev as isize) as i32;
                self.nodes[f] = self.nodes[mp];
                if self.nodes[mp].next != 0 {
                    self.nodes[f].next += (mp as isize - f as isize) as i32;
                    self.nodes[mp].next = 0;
                }
                self.nodes[mp].val = Value::Nil;
            } else {
                // The colliding node is in its main position: chain the new key from it.
                if self.nodes[mp].next != 0 {
                    self.nodes[f].next =
                        (mp as isize + self.nodes[mp].next as isize - f as isize) as i32;
                }
                self.nodes[mp].next = (f as isize - mp as isize) as i32;
                mp = f;
            }
        }
        self.nodes[mp].key = k;
        self.nodes[mp].val = v;
        true
    }

    /// A border of the table (the `#` operator without `__len`).
    pub fn length(&self) -> i64 {
        let n = self.arr.len();
        if n > 0 && self.arr[n - 1].is_nil() {
            // Binary search for a border inside the array part.
            let (mut lo, mut hi) = (0usize, n);
            while hi - lo > 1 {
                let m = (lo + hi) / 2;
                if self.arr[m - 1].is_nil() {
                    hi = m;
                } else {
                    lo = m;
                }
            }
            return lo as i64;
        }
        if self.nodes.is_empty() {
            return n as i64;
        }
        self.hash_border(n as u64)
    }

    fn hash_border(&self, n: u64) -> i64 {
        let mut i = n;
        let mut j = n + 1;
        if self.get_int(j as i64).is_nil() {
            return n as i64;
        }
        // Find i < j with t[i] non-nil and t[j] nil by doubling, then bisect.
        while !self.get_int(j as i64).is_nil() {
            i = j;
            if j > (i64::MAX as u64) / 2 {
                // Pathological table: linear search for a border.
                let mut k = 1u64;
                while !self.get_int(k as i64).is_nil() {
                    k += 1;
                }
                return (k - 1) as i64;
            }
            j *= 2;
        }
        while j - i > 1 {
            let m = (i + j) / 2;
            if self.get_int(m as i64).is_nil() {
                j = m;
            } else {
                i = m;
            }
        }
        i as i64
    }

    /// The traversal step of `next`: the entry after `k` (`nil` starts), or `Ok(None)` at the end.
    /// `Err(())` when `k` is not a key of the table.
    pub fn next(&self, k: &Value) -> Result<Option<(Value, Value)>, InvalidKey> {
        let start = match normalize_key(*k) {
            Value::Nil => 0,
            Value::Int(i) if (i as u64).wrapping_sub(1) < self.arr.len() as u64 => i as usize,
            key => match self.find_node(&key) {
                Some(n) => self.arr.len() + n + 1,
                None => return Err(InvalidKey),
            },
        };
        for i in start..self.arr.len() {
            if !self.arr[i].is_nil() {
                return Ok(Some((Value::Int(i as i64 + 1), self.arr[i])));
            }
        }
        let hstart = start.saturating_sub(self.arr.len());
        for n in &self.nodes[hstart.min(self.nodes.len())..] {
            if !n.val.is_nil() {
                return Ok(Some((n.key, n.val)));
            }
        }
        Ok(None)
    }

    /// Number of non-nil entries (for statistics and presizing).
    pub fn count(&self) -> usize {
        self.arr.iter().filter(|v| !v.is_nil()).count()
            + self.nodes.iter().filter(|n| !n.val.is_nil()).count()
    }
}

fn ceil_log2(x: u64) -> usize {
    debug_assert!(x >= 1);
    (64 - (x - 1).leading_zeros()) as usize
}

/// The array size that keeps more than half of its slots in use, and how many keys it will hold.
fn compute_array_size(nums: &[usize; 65], total_int: usize) -> (usize, usize) {
    let mut a = 0;
    let mut na = 0;
    let mut optimal = 0;
    let mut twotoi: usize = 1;
    let mut i = 0;
    while i < 64 && total_int > twotoi / 2 {
        a += nums[i];
        if a > twotoi / 2 {
            optimal = twotoi;
            na = a;
        }
        i += 1;
        twotoi = match twotoi.checked_mul(2) {
            Some(t) => t,
            None => break,
        };
    }
    (optimal, na)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sequence_goes_to_array_and_length_is_a_border() {
        let mut heap = Heap::new();
        let mut t = Table::new();
        for i in 1..=100 {
            t.set(&mut heap, Value::Int(i), Value::Int(i * 10)).unwrap();
        }
        assert_eq!(t.array_len(), 100);
        assert_eq!(t.length(), 100);
        assert!(matches!(t.get_int(50), Value::Int(500)));
        t.set(&mut heap, Value::Int(100), Value::Nil).unwrap();
        assert_eq!(t.length(), 99);
    }

    #[test]
    fn sparse_and_mixed_keys_survive_rehash() {
        let mut heap = Heap::new();
        let mut t = Table::new();
        for i in (1..2000).step_by(7) {
            t.set(&mut heap, Value::Int(i), Value::Int(-i)).unwrap();
            t.set(&mut heap, Value::Num(i as f64 + 0.5), Value::Bool(true))
                .unwrap();
        }
        for i in (1..2000).step_by(7) {
            assert!(matches!(t.get_int(i), Value::Int(x) if x == -i));
            assert!(matches!(
                t.get(&Value::Num(i as f64 + 0.5)),
                Value::Bool(true)
            ));
            assert!(t.get_int(i + 1).is_nil());
        }
        // A float key with an integral value is the same key as the integer.
        assert!(matches!(t.get(&Value::Num(8.0)), Value::Int(-8)));
    }

    #[test]
    fn next_visits_every_key_once_and_tolerates_clearing() {
        let mut heap = Heap::new();
        let mut t = Table::new();
        for i in 1..=10 {
            t.set(&mut heap, Value::Int(i), Value::Int(i)).unwrap();
            t.set(&mut heap, Value::Int(i * 1000), Value::Int(i))
                .unwrap();
        }
        let mut seen = 0;
        let mut k = Value::Nil;
        while let Some((key, _)) = t.next(&k).unwrap() {
            seen += 1;
            t.set(&mut heap, key, Value::Nil).unwrap();
            k = key;
        }
        assert_eq!(seen, 20);
        assert_eq!(t.count(), 0);
        assert!(t.next(&Value::Int(123456)).is_err());
    }
}

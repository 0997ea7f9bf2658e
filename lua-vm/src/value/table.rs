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

use std::ptr::NonNull;

use crate::gc::heap::{Gc, Heap, HeapObject, ObjKind, OutOfMemory};
use crate::value::store::{TAG_BOOL, TAG_INT, TAG_LFN, TAG_NIL, TAG_NUM, TAG_STR, TAG_TABLE};
use crate::value::string::LuaStr;
use crate::value::Value;

/// `next` was given a key that is not in the table ("invalid key to 'next'").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InvalidKey;

/// A hash node: 32 bytes. The key is kept as its variant tag and payload (the payload of `Value`'s
/// `repr(u8)` layout; a boolean's byte for `Bool`), which saves the padding of a second `Value`.
#[derive(Clone, Copy)]
pub struct Node {
    pub val: Value,
    key_payload: u64,
    /// Offset to the next node of the chain (0: end of chain).
    next: i32,
    key_tag: u8,
}

const EMPTY_NODE: Node = Node {
    val: Value::Nil,
    key_payload: 0,
    next: 0,
    key_tag: TAG_NIL,
};

/// The tag and payload of a key, in `Value`'s layout (see `store::put`).
#[inline(always)]
fn encode_key(v: &Value) -> (u8, u64) {
    match *v {
        Value::Nil => (TAG_NIL, 0),
        Value::Bool(b) => (TAG_BOOL, b as u64),
        Value::Int(i) => (TAG_INT, i as u64),
        Value::Num(n) => (TAG_NUM, n.to_bits()),
        Value::Str(s) => (TAG_STR, s.addr() as u64),
        Value::Table(t) => (TAG_TABLE, t.addr() as u64),
        Value::LFn(f) => (TAG_LFN, f.addr() as u64),
        Value::NFn(f) => (7, f as usize as u64),
        Value::NCl(f) => (8, f.addr() as u64),
        Value::UserData(u) => (9, u.addr() as u64),
        Value::LightUserData(p) => (10, p as u64),
        Value::Thread(t) => (11, t.addr() as u64),
    }
}

impl Node {
    /// The node's key (nil for a free node).
    #[inline(always)]
    pub fn key(&self) -> Value {
        let (lo, hi) = if self.key_tag == TAG_BOOL {
            (TAG_BOOL as u64 | self.key_payload << 8, 0)
        } else {
            (self.key_tag as u64, self.key_payload)
        };
        // SAFETY: `key_tag`/`key_payload` were produced by `encode_key` from a valid value, and
        // `(lo, hi)` are that value's bytes in the `repr(u8)` layout (tag byte at offset 0, a boolean
        // at offset 1, other payloads at offset 8; checked by a test below).
        unsafe { std::mem::transmute::<[u64; 2], Value>([lo, hi]) }
    }
    #[inline(always)]
    fn set_key(&mut self, k: &Value) {
        let (t, p) = encode_key(k);
        self.key_tag = t;
        self.key_payload = p;
    }
    /// A live node whose key is a string equal to the long string `s`.
    #[cold]
    fn long_str_eq(&self, s: Gc<LuaStr>) -> bool {
        match self.key() {
            Value::Str(k) => !self.val.is_nil() && LuaStr::equal(k, s),
            _ => false,
        }
    }
    #[inline(always)]
    fn key_is_nil(&self) -> bool {
        self.key_tag == TAG_NIL
    }
    /// The key has this tag and payload (objects by identity).
    #[inline(always)]
    fn key_is(&self, tag: u8, payload: u64) -> bool {
        self.key_tag == tag && self.key_payload == payload
    }
}

/// The array part: a buffer of `cap` values of which the first `len` are in use. The buffer is either
/// its own allocation or, for small tables built by a constructor, storage that follows the table in
/// its heap box (`inline`), so that such a table is a single allocation.
struct ArrPart {
    ptr: NonNull<Value>,
    len: u32,
    /// Capacity, with `INLINE` set when the buffer is the box's trailing storage (never freed here).
    capf: u32,
}

const INLINE: u32 = 1 << 31;
/// Largest array part (the reference's limit is of the same order).
const MAX_ARRAY: usize = (INLINE - 1) as usize;
/// Constructors with at most this many array items get their array inside the table's box.
const MAX_INLINE: usize = 16;

impl ArrPart {
    const fn empty() -> ArrPart {
        ArrPart {
            ptr: NonNull::dangling(),
            len: 0,
            capf: 0,
        }
    }

    #[inline(always)]
    fn len(&self) -> usize {
        self.len as usize
    }
    #[inline(always)]
    fn capacity(&self) -> usize {
        (self.capf & !INLINE) as usize
    }
    #[inline(always)]
    fn is_inline(&self) -> bool {
        self.capf & INLINE != 0
    }
    /// Bytes of the buffer's own allocation (0 when inline or empty).
    #[inline(always)]
    fn heap_bytes(&self) -> usize {
        if self.is_inline() {
            0
        } else {
            self.capacity() * std::mem::size_of::<Value>()
        }
    }

    /// Makes the capacity at least `len + more` (exactly that when it grows).
    fn try_reserve_exact(&mut self, more: usize) -> Result<(), OutOfMemory> {
        let need = self.len().checked_add(more).ok_or(OutOfMemory)?;
        if need <= self.capacity() {
            return Ok(());
        }
        if need > MAX_ARRAY {
            return Err(OutOfMemory);
        }
        let layout = std::alloc::Layout::array::<Value>(need).map_err(|_| OutOfMemory)?;
        let raw = if self.is_inline() || self.capacity() == 0 {
            // SAFETY: `layout` has a non-zero size (`need > 0`).
            let raw = unsafe { std::alloc::alloc(layout) }.cast::<Value>();
            if !raw.is_null() {
                // SAFETY: both buffers hold at least `len` values and do not overlap.
                unsafe { std::ptr::copy_nonoverlapping(self.ptr.as_ptr(), raw, self.len()) };
            }
            raw
        } else {
            let old =
                std::alloc::Layout::array::<Value>(self.capacity()).map_err(|_| OutOfMemory)?;
            // SAFETY: the buffer was allocated by this type with layout `old`; the new size is non-zero.
            unsafe { std::alloc::realloc(self.ptr.as_ptr().cast(), old, layout.size()) }.cast()
        };
        self.ptr = NonNull::new(raw).ok_or(OutOfMemory)?;
        self.capf = need as u32;
        Ok(())
    }

    /// Appends a value; the capacity must have been reserved.
    #[inline(always)]
    fn push(&mut self, v: Value) {
        assert!(self.len() < self.capacity());
        // SAFETY: `len < cap`, so the slot is inside the buffer.
        unsafe { crate::value::store::put(self.ptr.as_ptr().add(self.len()), v) };
        self.len += 1;
    }

    /// Grows (with nils; the capacity must have been reserved) or truncates to `n` values.
    fn resize_nil(&mut self, n: usize) {
        assert!(n <= self.capacity());
        for i in self.len()..n {
            // SAFETY: `i < n <= cap`.
            unsafe { self.ptr.as_ptr().add(i).write(Value::Nil) };
        }
        self.len = n as u32;
    }

    /// Gives back unused capacity of an own buffer (an inline buffer stays as it is).
    fn shrink_to_fit(&mut self) {
        if self.is_inline() || self.len() == self.capacity() {
            return;
        }
        let Ok(old) = std::alloc::Layout::array::<Value>(self.capacity()) else {
            return;
        };
        if self.len == 0 {
            // SAFETY: allocated by this type with layout `old` (capacity > 0, not inline).
            unsafe { std::alloc::dealloc(self.ptr.as_ptr().cast(), old) };
            // Field by field: assigning a whole `ArrPart` would drop (free) the old buffer again.
            self.ptr = NonNull::dangling();
            self.capf = 0;
            return;
        }
        // SAFETY: as above; the new size is non-zero.
        let raw = unsafe {
            std::alloc::realloc(
                self.ptr.as_ptr().cast(),
                old,
                self.len() * std::mem::size_of::<Value>(),
            )
        };
        // A refused shrink keeps the old buffer.
        if let Some(p) = NonNull::new(raw.cast::<Value>()) {
            self.ptr = p;
            self.capf = self.len;
        }
    }
}

impl std::ops::Deref for ArrPart {
    type Target = [Value];
    #[inline(always)]
    fn deref(&self) -> &[Value] {
        // SAFETY: the first `len` values of the buffer are initialized (a dangling pointer with
        // length 0 is a valid empty slice).
        unsafe { std::slice::from_raw_parts(self.ptr.as_ptr(), self.len()) }
    }
}

impl std::ops::DerefMut for ArrPart {
    #[inline(always)]
    fn deref_mut(&mut self) -> &mut [Value] {
        // SAFETY: as in `deref`; the buffer is owned by this part (or by the box that owns the table).
        unsafe { std::slice::from_raw_parts_mut(self.ptr.as_ptr(), self.len()) }
    }
}

impl Drop for ArrPart {
    fn drop(&mut self) {
        if !self.is_inline() && self.capacity() > 0 {
            if let Ok(layout) = std::alloc::Layout::array::<Value>(self.capacity()) {
                // SAFETY: an own buffer allocated with this layout.
                unsafe { std::alloc::dealloc(self.ptr.as_ptr().cast(), layout) };
            }
        }
    }
}

/// The hash part: 0 or a power of two of nodes, in their own allocation or, for a small record built
/// by the host (`Table::alloc_record`), in storage that follows the table in its heap box (never
/// freed here). An empty part points to one shared read-only node with a nil key (as the reference's
/// `dummynode`), so a lookup needs no emptiness test: it masks the hash with 0 and finds no key.
struct NodePart {
    ptr: NonNull<Node>,
    /// The number of nodes minus one (0 when empty: then `ptr` is the dummy node).
    mask: u32,
    kind: NodeKind,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum NodeKind {
    Empty,
    Own,
    Inline,
}

/// The node of every empty hash part. Never written: every write to a node goes through a slice of
/// the part's length (0 when empty) or follows a lookup that found a key, and this node has none.
struct DummyNode(Node);
// SAFETY: the node is never written (see above) and holds no pointer, so sharing it between threads
// is sharing an immutable plain value.
unsafe impl Sync for DummyNode {}
static DUMMY_NODE: DummyNode = DummyNode(EMPTY_NODE);

/// The nil a lookup of an absent key answers with (the dummy node's value, never written).
#[inline(always)]
fn absent() -> &'static Value {
    &DUMMY_NODE.0.val
}

/// Records built by the host with at most this many nodes get them inside the table's box.
const MAX_INLINE_NODES: usize = 8;

impl NodePart {
    fn empty() -> NodePart {
        NodePart {
            ptr: NonNull::from(&DUMMY_NODE.0),
            mask: 0,
            kind: NodeKind::Empty,
        }
    }

    /// `n` empty nodes in their own allocation, or `OutOfMemory` when the allocator refuses.
    fn alloc(n: usize) -> Result<NodePart, OutOfMemory> {
        if n == 0 {
            return Ok(NodePart::empty());
        }
        debug_assert!(n.is_power_of_two());
        let mask = u32::try_from(n - 1).map_err(|_| OutOfMemory)?;
        let layout = std::alloc::Layout::array::<Node>(n).map_err(|_| OutOfMemory)?;
        // SAFETY: `n > 0`, so the layout has a non-zero size.
        let raw = unsafe { std::alloc::alloc(layout) }.cast::<Node>();
        let ptr = NonNull::new(raw).ok_or(OutOfMemory)?;
        for i in 0..n {
            // SAFETY: the allocation holds `n` nodes.
            unsafe { ptr.as_ptr().add(i).write(EMPTY_NODE) };
        }
        Ok(NodePart {
            ptr,
            mask,
            kind: NodeKind::Own,
        })
    }

    /// The number of nodes.
    #[inline(always)]
    fn count(&self) -> usize {
        if self.kind == NodeKind::Empty {
            0
        } else {
            self.mask as usize + 1
        }
    }

    /// Bytes of an own allocation (inline storage is counted with the table's box).
    #[inline(always)]
    fn heap_bytes(&self) -> usize {
        if self.kind == NodeKind::Own {
            self.count() * std::mem::size_of::<Node>()
        } else {
            0
        }
    }
}

impl std::ops::Deref for NodePart {
    type Target = [Node];
    #[inline(always)]
    fn deref(&self) -> &[Node] {
        // SAFETY: the `count()` nodes are initialized (the dummy node with length 0 is a valid empty
        // slice).
        unsafe { std::slice::from_raw_parts(self.ptr.as_ptr(), self.count()) }
    }
}

impl std::ops::DerefMut for NodePart {
    #[inline(always)]
    fn deref_mut(&mut self) -> &mut [Node] {
        // SAFETY: as in `deref`; the nodes are owned by this part (or by the box that owns the table).
        unsafe { std::slice::from_raw_parts_mut(self.ptr.as_ptr(), self.count()) }
    }
}

impl Drop for NodePart {
    fn drop(&mut self) {
        if self.kind == NodeKind::Own {
            if let Ok(layout) = std::alloc::Layout::array::<Node>(self.count()) {
                // SAFETY: an own allocation made with this layout by `alloc`.
                unsafe { std::alloc::dealloc(self.ptr.as_ptr().cast(), layout) };
            }
        }
    }
}

pub struct Table {
    arr: ArrPart,
    nodes: NodePart,
    lastfree: u32,
    /// Values of storage that follow the table in its box (the initial array part of a small
    /// constructor); freed with the box.
    inline_cap: u32,
    pub meta: Option<Gc<Table>>,
    /// Cache of absent metamethods: bit `i` set means the metatable-of-this-table field for event `i`
    /// (the first few events only) is known to be absent. Cleared whenever the table gets a new key.
    pub tm_absent: u8,
    /// Nodes of storage that follow the table in its box, after the inline array values (a record
    /// built by the host); freed with the box.
    inline_nodes: u8,
}

impl HeapObject for Table {
    const KIND: ObjKind = ObjKind::Table;
    fn extra_bytes(&self) -> usize {
        self.arr.heap_bytes() + self.trailing_bytes() + self.nodes.heap_bytes()
    }
    fn trailing_bytes(&self) -> usize {
        self.inline_cap as usize * std::mem::size_of::<Value>()
            + self.inline_nodes as usize * std::mem::size_of::<Node>()
    }
}

#[inline(always)]
fn mix64(x: u64) -> u32 {
    let x = x.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (x >> 32) as u32 ^ x as u32
}

/// The main position of integer key `i` in a hash part of `mask + 1` nodes: the key modulo an odd
/// number (as the reference does), so that consecutive keys get distinct nodes (a multiplicative
/// hash collides on about a third of them) and strides of powers of two still spread.
#[inline(always)]
fn int_position(i: i64, mask: usize) -> usize {
    ((i as u64) % (mask as u64 | 1)) as usize
}

/// Hash of a (normalised, non-nil) key.
#[inline]
fn key_hash(k: &Value) -> u32 {
    match k {
        Value::Str(s) => s.get().key_hash(),
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

impl Default for Table {
    fn default() -> Self {
        Self::new()
    }
}

impl Table {
    pub fn new() -> Table {
        Table {
            arr: ArrPart::empty(),
            nodes: NodePart::empty(),
            lastfree: 0,
            inline_cap: 0,
            meta: None,
            tm_absent: 0,
            inline_nodes: 0,
        }
    }

    /// A table with room for `narr` array items and `nrec` other fields; sizes the allocator refuses
    /// are `OutOfMemory`.
    pub fn with_capacity(narr: usize, nrec: usize) -> Result<Table, OutOfMemory> {
        let mut t = Table::new();
        t.arr.try_reserve_exact(narr)?;
        t.arr.resize_nil(narr);
        if nrec > 0 {
            let n = nrec.checked_next_power_of_two().ok_or(OutOfMemory)?;
            if n > u32::MAX as usize {
                return Err(OutOfMemory);
            }
            t.nodes = NodePart::alloc(n)?;
            t.lastfree = n as u32;
        }
        Ok(t)
    }

    /// Allocates a table with `narr` array slots (nil) and room for `nrec` fields. A small array part
    /// is put inside the table's box, so the table is one allocation.
    pub fn alloc(heap: &mut Heap, narr: usize, nrec: usize) -> Result<Gc<Table>, OutOfMemory> {
        if narr == 0 || narr > MAX_INLINE {
            let t = Table::with_capacity(narr, nrec)?;
            return heap.alloc(t);
        }
        // `{x, f()}` is sized for one item and gets its second by `SETLIST`: room for two saves a
        // separate buffer (no size class of the allocator is lost: the box is 16-byte aligned).
        let cap = narr.max(2);
        let mut t = Table::with_capacity(0, nrec)?;
        t.inline_cap = cap as u32;
        heap.alloc_with_trailing(t, |t, trailing| {
            let p = trailing.cast::<Value>();
            for i in 0..narr {
                // SAFETY: the trailing storage holds `inline_cap >= narr` values (`trailing_bytes`)
                // and is aligned for them (it follows the 8-aligned box, whose size is a multiple of 8).
                unsafe { p.add(i).write(Value::Nil) };
            }
            t.arr = ArrPart {
                ptr: NonNull::new(p).expect("trailing storage is not null"),
                len: narr as u32,
                capf: cap as u32 | INLINE,
            };
        })
    }

    /// Allocates a table with room for `nrec` fields and no array part (a record built by the
    /// host). A small hash part is put inside the table's box, so the table is one allocation.
    pub fn alloc_record(heap: &mut Heap, nrec: usize) -> Result<Gc<Table>, OutOfMemory> {
        if nrec == 0 || nrec > MAX_INLINE_NODES {
            return Table::alloc(heap, 0, nrec);
        }
        let n = nrec.next_power_of_two();
        let mut t = Table::new();
        t.inline_nodes = n as u8;
        heap.alloc_with_trailing(t, |t, trailing| {
            let p = trailing.cast::<Node>();
            for i in 0..n {
                // SAFETY: the trailing storage holds `inline_nodes = n` nodes (`trailing_bytes`, no
                // inline array values) and is aligned for them (it follows the 8-aligned box, whose
                // size is a multiple of 8).
                unsafe { p.add(i).write(EMPTY_NODE) };
            }
            t.nodes = NodePart {
                ptr: NonNull::new(p).expect("trailing storage is not null"),
                mask: n as u32 - 1,
                kind: NodeKind::Inline,
            };
            t.lastfree = n as u32;
        })
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
        let mask = self.nodes.mask as usize;
        match *k {
            Value::Int(i) => int_position(i, mask),
            _ => key_hash(k) as usize & mask,
        }
    }

    /// Index of the node holding `k` (also a dead node), if any.
    #[inline]
    fn find_node(&self, k: &Value) -> Option<usize> {
        // The walk would also find nothing in an empty part (its dummy node has no key); the test
        // skips the hashing, and keeps this function small enough not to be inlined into `get`.
        if self.nodes.is_empty() {
            return None;
        }
        // One loop per key type, each comparing only what that type needs (identity for objects).
        match *k {
            Value::Str(s) => self.str_node(s),
            Value::Int(i) => self.chain(k, |n| n.key_is(TAG_INT, i as u64)),
            Value::Table(t) => self.chain(k, |n| n.key_is(TAG_TABLE, t.addr() as u64)),
            Value::LFn(f) => self.chain(k, |n| n.key_is(TAG_LFN, f.addr() as u64)),
            Value::Bool(b) => self.chain(k, |n| n.key_is(TAG_BOOL, b as u64)),
            _ => self.chain(k, |n| key_eq(&n.key(), k, !n.val.is_nil())),
        }
    }

    /// Walks the chain of `k`'s main position for the node `is_key` accepts.
    #[inline(always)]
    fn chain(&self, k: &Value, is_key: impl Fn(&Node) -> bool) -> Option<usize> {
        self.walk(self.main_position(k), is_key)
    }

    /// Walks the chain that passes through node `n` (a hash masked by the part's mask) for the node
    /// `is_key` accepts. No emptiness test: an empty part's one node is the dummy, with no key and no
    /// next, which `is_key` must refuse (every key test here does: its key tag is nil).
    #[inline(always)]
    fn walk(&self, mut n: usize, is_key: impl Fn(&Node) -> bool) -> Option<usize> {
        let base = self.nodes.ptr.as_ptr();
        loop {
            // SAFETY: `n` starts masked by the part's mask and follows `next` offsets, which
            // `insert_node` only ever sets between nodes of this part; an empty part's one node is
            // the dummy.
            let node = unsafe { &*base.add(n) };
            if is_key(node) {
                return Some(n);
            }
            if node.next == 0 {
                return None;
            }
            n = (n as isize + node.next as isize) as usize;
        }
    }

    /// The value of node `n` found by a lookup, or the nil of an absent key.
    #[inline(always)]
    fn value_or_absent(&self, n: Option<usize>) -> &Value {
        match n {
            // SAFETY: lookups return indices of `nodes` (never the dummy: it has no key).
            Some(i) => unsafe { &self.nodes.get_unchecked(i).val },
            None => absent(),
        }
    }

    /// Stores `*v` in node `n` found by a lookup if its value is not nil (the fast path of
    /// assignments, which fall back to `__newindex` when the key is absent or its value nil).
    ///
    /// # Safety
    /// `v` must point to a valid value.
    #[inline(always)]
    unsafe fn replace_found(&mut self, n: Option<usize>, v: *const Value) -> bool {
        let Some(i) = n else {
            return false;
        };
        // SAFETY: lookups return indices of `nodes`.
        let slot = unsafe { &mut self.nodes.get_unchecked_mut(i).val };
        if slot.is_nil() {
            return false;
        }
        // SAFETY: `v` is valid (the caller's contract) and `slot` is a live value.
        unsafe { crate::value::store::copy(slot, v) };
        true
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
        *self.value_or_absent(self.int_node(i))
    }

    /// `t[s]` for a string key (raw).
    #[inline(always)]
    pub fn get_str(&self, s: Gc<LuaStr>) -> Value {
        *self.value_or_absent(self.str_node(s))
    }

    /// The value slot of string key `s` (raw), or a nil when the key is absent. Lets the VM copy
    /// the value straight from the node into a register.
    ///
    /// Not inlined on purpose: a small leaf function keeps the chain walk's registers out of the
    /// interpreter loop, which would otherwise spill its own state around every field access.
    #[inline(never)]
    pub fn get_str_slot(&self, s: Gc<LuaStr>) -> &Value {
        self.value_or_absent(self.str_node(s))
    }

    /// `get_str_slot` for a short-string key: the `GETFIELD` and `GETTABUP` fast path, whose keys the
    /// compiler (and the verifier of binary chunks) make short strings. Interned, so compared by
    /// address; never zero-hashed, so no lazy hash to compute and no long-string fallback.
    #[inline(never)]
    pub fn get_short_str(&self, s: Gc<LuaStr>) -> &Value {
        self.value_or_absent(self.short_str_node(s))
    }

    /// Index of the node holding short-string key `s` (also a dead node), if any.
    #[inline(always)]
    fn short_str_node(&self, s: Gc<LuaStr>) -> Option<usize> {
        debug_assert!(s.get().is_short() && s.get().known_hash() != 0);
        let mp = s.get().known_hash() as usize & self.nodes.mask as usize;
        self.walk(mp, |n| n.key_is(TAG_STR, s.addr() as u64))
    }

    /// `replace_existing_str` for a short-string key (the `SETFIELD` and `SETTABUP` fast path).
    ///
    /// # Safety
    /// `v` must point to a valid value.
    #[inline(never)]
    pub unsafe fn replace_existing_short_str(&mut self, s: Gc<LuaStr>, v: *const Value) -> bool {
        // SAFETY: the caller's contract.
        unsafe { self.replace_found(self.short_str_node(s), v) }
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
        debug_assert!(!k.is_nil());
        // Integer keys (and floats with an integral value) go through `set_int`, which never builds
        // a key value: a freshly built `Value` read back whole stalls on store forwarding.
        let slot = match k {
            Value::Int(i) => return self.set_int(heap, i, v),
            Value::Num(f) => match crate::value::arith::float_to_int_exact(f) {
                Some(i) => return self.set_int(heap, i, v),
                None => self.find_node(&k).map(|n| &mut self.nodes[n].val),
            },
            Value::Str(s) => {
                // A metamethod name may be coming back after being set to nil.
                self.tm_absent = 0;
                self.str_node(s).map(|i| &mut self.nodes[i].val)
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
        self.insert_new(heap, &k, v)
    }

    /// Index of the node holding string key `s` (also a dead node), if any. The walk compares
    /// pointers only (interned strings are equal when their objects are); long strings, which are not
    /// interned, and a first use of a long string's hash go on in `str_node_long`, out of line, so
    /// that this loop needs few registers.
    #[inline(always)]
    fn str_node(&self, s: Gc<LuaStr>) -> Option<usize> {
        let sr = s.get();
        let h = sr.known_hash();
        if h == 0 {
            return self.str_node_long(s);
        }
        let found = self.walk(h as usize & self.nodes.mask as usize, |n| {
            n.key_is(TAG_STR, s.addr() as u64)
        });
        if found.is_some() || sr.is_short() {
            found
        } else {
            self.str_node_long(s)
        }
    }

    /// `str_node` comparing contents: a long key may sit in a node as another object with the same
    /// bytes.
    #[cold]
    #[inline(never)]
    fn str_node_long(&self, s: Gc<LuaStr>) -> Option<usize> {
        let mp = s.get().key_hash() as usize & self.nodes.mask as usize;
        self.walk(mp, |n| {
            n.key_is(TAG_STR, s.addr() as u64) || n.long_str_eq(s)
        })
    }

    /// Raw `t[idx + 1] = *v` when it is an append to a dense array part that has spare capacity
    /// and the table has no hash part (so the key cannot be anywhere else): the value is copied
    /// into the next slot, with no allocation and no lookup. False (nothing done) otherwise.
    ///
    /// # Safety
    /// `v` must point to a valid value.
    #[inline(always)]
    pub unsafe fn append_in_place(&mut self, idx: u64, v: *const Value) -> bool {
        let len = self.arr.len();
        // SAFETY: `v` is valid (the caller's contract).
        let vr = unsafe { &*v };
        if idx != len as u64
            || len >= self.arr.capacity()
            || !self.nodes.is_empty()
            || vr.is_nil()
            || self.arr.last().is_some_and(|l| l.is_nil())
        {
            return false;
        }
        // SAFETY: `len < capacity`, so the slot is inside the buffer; it becomes initialized before
        // the length covers it.
        unsafe { crate::value::store::copy(self.arr.ptr.as_ptr().add(len), v) };
        self.arr.len += 1;
        true
    }

    /// Raw `t[i] = v` for an integer key.
    #[inline]
    pub fn set_int(&mut self, heap: &mut Heap, i: i64, v: Value) -> Result<(), OutOfMemory> {
        let idx = (i as u64).wrapping_sub(1);
        if idx < self.arr.len() as u64 {
            self.arr[idx as usize] = v;
            return Ok(());
        }
        self.set_int_outside(heap, i, v)
    }

    /// `set_int` for a key outside the array part.
    fn set_int_outside(&mut self, heap: &mut Heap, i: i64, v: Value) -> Result<(), OutOfMemory> {
        // Appending with no hash part: the key cannot exist anywhere else.
        let appends = (i as u64).wrapping_sub(1) == self.arr.len() as u64 && self.nodes.is_empty();
        if !appends {
            if let Some(n) = self.int_node(i) {
                self.nodes[n].val = v;
                return Ok(());
            }
        }
        if v.is_nil() {
            return Ok(());
        }
        self.insert_new(heap, &Value::Int(i), v)
    }

    /// Index of the node holding integer key `i` (also a dead node), if any.
    #[inline(always)]
    fn int_node(&self, i: i64) -> Option<usize> {
        self.walk(int_position(i, self.nodes.mask as usize), |n| {
            n.key_is(TAG_INT, i as u64)
        })
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
        self.insert_new(heap, &k, v)
    }

    /// The fast case of `insert_absent` for a string key (a field of a table being built): when the
    /// key's main position is free, fills it as `insert_node` would and returns true; otherwise does
    /// nothing and returns false. `s` must not be a key of the table and `v` must not be nil.
    #[inline(always)]
    pub fn fill_main_position_str(&mut self, s: Gc<LuaStr>, v: Value) -> bool {
        let len = self.nodes.len();
        if len == 0 {
            return false;
        }
        let mp = s.get().key_hash() as usize & (len - 1);
        match self.nodes.get_mut(mp) {
            Some(node) if node.val.is_nil() => {
                node.key_tag = TAG_STR;
                node.key_payload = s.addr() as u64;
                node.val = v;
                self.tm_absent = 0;
                true
            }
            _ => false,
        }
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

    /// `replace_existing` for a string key (the `SETTABLE` fast path), with the value read through
    /// a pointer and copied as 16 raw bytes.
    ///
    /// # Safety
    /// `v` must point to a valid value.
    #[inline(never)]
    pub unsafe fn replace_existing_str(&mut self, s: Gc<LuaStr>, v: *const Value) -> bool {
        // SAFETY: the caller's contract.
        unsafe { self.replace_found(self.str_node(s), v) }
    }

    /// Adds a key known to be absent.
    /// The key is taken by reference and read field by field (see `set`).
    fn insert_new(&mut self, heap: &mut Heap, k: &Value, v: Value) -> Result<(), OutOfMemory> {
        self.tm_absent = 0;
        // Appending right after the array part extends it: sequences built in order stay in the array.
        // Only a dense array is extended, so borders stay where the reference puts them.
        if let Value::Int(i) = *k {
            if i as u64 == self.arr.len() as u64 + 1
                && self.arr.len() < (1 << 30)
                && self.arr.last().is_none_or(|v| !v.is_nil())
            {
                if self.arr.len() == self.arr.capacity() {
                    let old = self.arr.capacity();
                    let new = (old * 2).max(4);
                    let bytes = new * std::mem::size_of::<Value>() - self.arr.heap_bytes();
                    heap.check(bytes)?;
                    // A failed allocation is a Lua memory error, not an abort of the process.
                    self.arr.try_reserve_exact(new - old)?;
                    heap.grow(bytes)?;
                }
                self.arr.push(v);
                return Ok(());
            }
        }
        if self.nodes.is_empty() || !self.insert_node(k, v) {
            self.rehash(heap, k)?;
            return self.set(heap, *k, v);
        }
        Ok(())
    }

    fn free_position(&mut self) -> Option<usize> {
        while self.lastfree > 0 {
            self.lastfree -= 1;
            if self.nodes[self.lastfree as usize].key_is_nil() {
                return Some(self.lastfree as usize);
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
        for n in self.nodes.iter() {
            if !n.val.is_nil() {
                total += 1;
                if let Value::Int(k) = n.key() {
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
        let mut nh = total - in_array;
        if nh == 1 && self.nodes.is_empty() {
            // The first field of a record: room for a second one too (objects are mostly built one
            // field at a time, and each growth reallocates the hash part).
            nh = 2;
        }
        self.resize(heap, na, nh)
    }

    /// Resizes the array part to `na` slots and the hash part to hold `nh` keys, moving entries.
    pub fn resize(&mut self, heap: &mut Heap, na: usize, nh: usize) -> Result<(), OutOfMemory> {
        if nh == 0 && self.nodes.is_empty() && na >= self.arr.len() {
            return self.grow_array(heap, na);
        }
        // Never make the hash part too small for the keys that will not fit in the array part.
        let outside = self.arr.iter().skip(na).filter(|v| !v.is_nil()).count()
            + self
                .nodes
                .iter()
                .filter(|n| {
                    !n.val.is_nil()
                        && !matches!(n.key(), Value::Int(i) if (i as u64).wrapping_sub(1) < na as u64)
                })
                .count();
        let nh = nh.max(outside);
        let nh = if nh == 0 {
            0
        } else {
            nh.checked_next_power_of_two().ok_or(OutOfMemory)?
        };
        if na > MAX_ARRAY || nh > u32::MAX as usize {
            return Err(OutOfMemory);
        }
        let old_bytes = self.extra_bytes();
        // An upper bound of the bytes after the resize (the inline storage stays).
        let arr_after = if self.arr.is_inline() && na <= self.arr.capacity() {
            0
        } else {
            na.max(self.arr.len()) * std::mem::size_of::<Value>()
        };
        let new_bytes = nh
            .checked_mul(std::mem::size_of::<Node>())
            .and_then(|h| h.checked_add(arr_after + self.trailing_bytes()))
            .filter(|&b| b <= crate::vm::limits::MAX_OBJECT_BYTES)
            .ok_or(OutOfMemory)?;
        if new_bytes > old_bytes {
            heap.check(new_bytes - old_bytes)?;
        }
        // Allocate both parts before changing anything: a failed allocation is a Lua memory error
        // (not an abort of the process) and leaves the table as it was.
        let new_nodes = NodePart::alloc(nh)?;
        if na > self.arr.len() {
            self.arr.try_reserve_exact(na - self.arr.len())?;
        }
        let old_nodes = std::mem::replace(&mut self.nodes, new_nodes);
        self.lastfree = nh as u32;
        let mut spill = Vec::new();
        if na < self.arr.len() {
            for (i, v) in self.arr[na..].iter().enumerate() {
                if !v.is_nil() {
                    spill.push((Value::Int((na + i + 1) as i64), *v));
                }
            }
            self.arr.resize_nil(na);
            self.arr.shrink_to_fit();
        } else if na > self.arr.len() {
            self.arr.resize_nil(na);
        }
        // The byte growth was checked above and is recorded once at the end.
        for n in old_nodes.iter().filter(|n| !n.val.is_nil()) {
            self.reinsert(n.key(), n.val);
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

    /// Grows the array part to `na` slots (nil) when there is no hash part (`SETLIST` of an open
    /// constructor): nothing moves between the parts.
    fn grow_array(&mut self, heap: &mut Heap, na: usize) -> Result<(), OutOfMemory> {
        if na > MAX_ARRAY {
            return Err(OutOfMemory);
        }
        if na > self.arr.capacity() {
            let bytes = na * std::mem::size_of::<Value>() - self.arr.heap_bytes();
            heap.check(bytes)?;
            self.arr.try_reserve_exact(na - self.arr.len())?;
            heap.grow(bytes)?;
        }
        self.arr.resize_nil(na);
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
        let placed = self.insert_node(&k, v);
        debug_assert!(placed);
    }

    /// Puts a new key in the hash part (coalesced chaining with Brent's variation, as the reference):
    /// false when no free node is left (the caller rehashes).
    fn insert_node(&mut self, k: &Value, v: Value) -> bool {
        let mut mp = self.main_position(k);
        if !self.nodes[mp].val.is_nil() {
            let Some(f) = self.free_position() else {
                return false;
            };
            let other = self.main_position(&self.nodes[mp].key());
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
        self.nodes[mp].set_key(k);
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
                return Ok(Some((n.key(), n.val)));
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
    fn nodes_are_32_bytes_and_keys_round_trip() {
        assert_eq!(std::mem::size_of::<Node>(), 32);
        let mut vm = crate::vm::state::Vm::new();
        let samples = crate::value::one_of_each_variant(&mut vm);
        for v in samples {
            let mut n = EMPTY_NODE;
            n.set_key(&v);
            let k = n.key();
            assert!(
                k.raw_eq(&v),
                "{} read back as {}",
                v.type_name(),
                k.type_name()
            );
            assert_eq!(k.type_name(), v.type_name());
        }
    }

    /// Field lookups and replacements on tables with no hash part walk the shared dummy node: they
    /// find nothing, write nothing, and the first real field goes to a node of the table's own.
    #[test]
    fn empty_hash_parts_share_an_untouched_dummy_node() {
        let mut heap = Heap::new();
        let mut strs = crate::value::string::StringTable::new(7);
        let x = strs.intern(&mut heap, b"x").unwrap();
        let y = strs.intern(&mut heap, b"y").unwrap();
        let mut a = Table::new();
        let mut b = Table::new();
        b.set(&mut heap, Value::Int(1), Value::Int(1)).unwrap(); // array part only
        for t in [&mut a, &mut b] {
            assert!(t.get_short_str(x).is_nil());
            assert!(t.get_str_slot(x).is_nil());
            let one = Value::Int(1);
            // SAFETY: `one` is a valid value.
            assert!(!unsafe { t.replace_existing_short_str(x, &one) });
            assert!(!t.replace_existing(&Value::Str(x), Value::Int(1)));
            assert!(t.get_int(5).is_nil());
            t.set(&mut heap, Value::Str(x), Value::Int(2)).unwrap();
            assert!(matches!(t.get_short_str(x), Value::Int(2)));
            assert!(t.get_short_str(y).is_nil());
            let three = Value::Int(3);
            // SAFETY: `three` is a valid value.
            assert!(unsafe { t.replace_existing_short_str(x, &three) });
            assert!(matches!(t.get_str(x), Value::Int(3)));
        }
        assert!(
            DUMMY_NODE.0.val.is_nil() && DUMMY_NODE.0.key_tag == TAG_NIL && DUMMY_NODE.0.next == 0
        );
        assert!(Table::new().get_short_str(x).is_nil());
    }

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
    fn host_records_keep_their_nodes_inline_and_grow_out_of_them() {
        let mut heap = Heap::new();
        let g = Table::alloc_record(&mut heap, 3).unwrap();
        let t = g.get_mut();
        assert_eq!((t.nodes().len(), t.nodes.heap_bytes()), (4, 0));
        assert_eq!(t.trailing_bytes(), 4 * std::mem::size_of::<Node>());
        for i in 0..40 {
            t.set(&mut heap, Value::Int(i * 1000 + 7), Value::Int(i))
                .unwrap();
        }
        for i in 0..40 {
            assert!(matches!(t.get_int(i * 1000 + 7), Value::Int(x) if x == i));
        }
        assert!(t.nodes.kind == NodeKind::Own && t.nodes().len() >= 40);
        // The inline storage stays part of the box.
        assert_eq!(t.trailing_bytes(), 4 * std::mem::size_of::<Node>());
        // SAFETY: nothing refers to the table any more.
        unsafe { heap.free::<Table>(g.erase()) };
    }

    #[test]
    fn freed_record_boxes_are_reused_and_accounted() {
        let mut heap = Heap::new();
        let before = heap.bytes();
        let a = Table::alloc_record(&mut heap, 3).unwrap();
        let addr = a.addr();
        let used = heap.bytes() - before;
        assert!(used > 0);
        // SAFETY: nothing refers to the table (unlinked by hand: it is the only object).
        unsafe {
            let _ = heap.take_all();
            heap.free::<Table>(a.erase());
        }
        assert_eq!(heap.bytes(), before);
        let b = Table::alloc_record(&mut heap, 4).unwrap();
        assert_eq!(b.addr(), addr, "the cached box is handed out again");
        assert_eq!(heap.bytes() - before, used);
        assert!(b.get().get_int(1).is_nil() && b.get().nodes().iter().all(|n| n.val.is_nil()));
        // SAFETY: as above.
        unsafe {
            let _ = heap.take_all();
            heap.free::<Table>(b.erase());
        }
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

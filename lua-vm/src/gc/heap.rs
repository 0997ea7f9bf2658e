//! The garbage-collected heap: object boxes, typed handles (`Gc<T>`) and byte accounting.
//!
//! Every collectable object lives in a `GcBox<T>`: a two-byte header (kind, mark bits) followed by the
//! value. The heap keeps the addresses of all boxes of a VM in one vector that the sweeper walks: it
//! knows the objects ahead of the one it visits and prefetches them, where walking a linked list
//! through the objects would wait for a cache miss at every step. A `Gc<T>` is
//! a copyable raw handle; it is valid as long as the object is reachable from the VM's roots (the
//! collector in `collect.rs` frees only unreachable objects, and runs only at the VM's safe points).
//!
//! The discipline that makes the handles sound in a single-threaded VM: no Rust reference obtained from
//! a `Gc` is held across an operation that could run Lua code or a collection. Mutable access is given
//! out per call (`get_mut`) and callers keep it short.

use std::cell::{Cell, UnsafeCell};
use std::marker::PhantomData;
use std::ptr::NonNull;

/// What kind of object a box holds; the sweeper uses it to drop the box with its real type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum ObjKind {
    Str,
    Table,
    LClosure,
    NClosure,
    Proto,
    UpVal,
    UserData,
    Thread,
}

/// Mark bits of a header.
pub mod bits {
    /// Reached in the current mark phase.
    pub const MARKED: u8 = 1;
    /// Has a `__gc` metamethod and was registered for finalization (`setmetatable` time).
    pub const FINOBJ: u8 = 2;
    /// Finalizer already called (or being called): never call it again.
    pub const FINALIZED: u8 = 4;
    /// Never collected (reserved strings such as metamethod names).
    pub const FIXED: u8 = 8;
    /// Generational mode: an old object in the heap's `touched` list (written since the last
    /// collection, or a thread), which the next minor collection traverses again.
    pub const TOUCHED: u8 = 16;
    /// Generational mode: old and not touched, so a store of a reference into it must record it (the
    /// one bit the write barrier tests).
    pub const WATCHED: u8 = 32;
}

#[repr(C)]
pub struct GcHeader {
    kind: ObjKind,
    flags: Cell<u8>,
}

impl GcHeader {
    #[inline]
    pub fn kind(&self) -> ObjKind {
        self.kind
    }
    #[inline]
    pub fn flags(&self) -> u8 {
        self.flags.get()
    }
    #[inline]
    pub fn set_flag(&self, f: u8) {
        self.flags.set(self.flags.get() | f);
    }
    #[inline]
    pub fn clear_flag(&self, f: u8) {
        self.flags.set(self.flags.get() & !f);
    }
    #[inline]
    pub fn has(&self, f: u8) -> bool {
        self.flags.get() & f != 0
    }
}

/// The allocation unit: header first (`repr(C)`), so a `*GcBox<T>` is also a `*GcHeader`. The value
/// follows at its own alignment (offset 8 for most types, 4 for a string).
#[repr(C)]
pub struct GcBox<T> {
    header: GcHeader,
    value: UnsafeCell<T>,
}

/// A handle to a heap object. Copy, compared by identity.
pub struct Gc<T> {
    ptr: NonNull<GcBox<T>>,
    _marker: PhantomData<*const T>,
}

impl<T> Clone for Gc<T> {
    #[inline(always)]
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Gc<T> {}
impl<T> PartialEq for Gc<T> {
    #[inline(always)]
    fn eq(&self, other: &Self) -> bool {
        self.ptr == other.ptr
    }
}
impl<T> Eq for Gc<T> {}
impl<T> std::fmt::Debug for Gc<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Gc({:p})", self.ptr)
    }
}

impl<T> Gc<T> {
    /// Shared access to the object.
    #[inline(always)]
    pub fn get<'a>(self) -> &'a T {
        // SAFETY: the box is alive while the handle is reachable (module invariant), and boxes never move.
        // The unbounded lifetime is the price of a GC without borrow tracking: callers must not keep the
        // reference across a collection (see the module comment).
        unsafe { &*(*self.ptr.as_ptr()).value.get() }
    }

    /// Mutable access to the object. Callers keep it short and never hold two to the same object.
    #[inline(always)]
    #[allow(clippy::mut_from_ref)]
    pub fn get_mut<'a>(self) -> &'a mut T {
        // SAFETY: as for `get`; the VM is single-threaded and the value sits in an `UnsafeCell`, so handing
        // out a mutable reference is sound as long as no other reference to the same object is live,
        // which the VM's code upholds by scoping each access to one operation.
        unsafe { &mut *(*self.ptr.as_ptr()).value.get() }
    }

    #[inline(always)]
    pub fn header<'a>(self) -> &'a GcHeader {
        // SAFETY: the header is the first field of a live box.
        unsafe { &(*self.ptr.as_ptr()).header }
    }

    /// The object's address, for identity (hashing, `%p`, `tostring`).
    #[inline(always)]
    pub fn addr(self) -> usize {
        self.ptr.as_ptr() as usize
    }

    /// A type-erased pointer to the header.
    #[inline(always)]
    pub fn erase(self) -> NonNull<GcHeader> {
        self.ptr.cast()
    }

    /// Rebuilds a handle from an erased header pointer.
    ///
    /// # Safety
    /// `h` must point to a live box whose kind is the one holding a `T`.
    #[inline(always)]
    pub unsafe fn from_header(h: NonNull<GcHeader>) -> Gc<T> {
        Gc {
            ptr: h.cast(),
            _marker: PhantomData,
        }
    }
}

/// Types that can live in the heap declare their kind and how many bytes they own beyond their box.
pub trait HeapObject: Sized {
    const KIND: ObjKind;
    /// Bytes owned outside the box (buffers), for accounting. Must match what the object reports when it
    /// grows or shrinks through `Heap::adjust`.
    fn extra_bytes(&self) -> usize {
        0
    }
    /// Bytes of storage allocated right after the box (see `Heap::alloc_with_trailing`); they are part
    /// of `extra_bytes` too.
    fn trailing_bytes(&self) -> usize {
        0
    }
}

/// The layout of a box with `trailing` bytes after it (None when too large).
#[inline(always)]
fn box_layout<T>(trailing: usize) -> Option<std::alloc::Layout> {
    let size = std::mem::size_of::<GcBox<T>>().checked_add(trailing)?;
    std::alloc::Layout::from_size_align(size, std::mem::align_of::<GcBox<T>>()).ok()
}

/// Boxes of up to 264 bytes are kept for reuse when freed: a sweep frees them by the thousand and the
/// next allocations of the same size class take them back with a pop, where the system allocator runs
/// its general free and malloc paths (binning, and coalescing above 128 bytes): 10% fewer instructions
/// on binary_trees, 2-4% on string- and record-building programs.
///
/// Class `i` has blocks of `16 * i + 8` bytes: the system allocator adds an 8-byte header and rounds
/// to 16, so these sizes fill its chunks exactly (blocks rounded up to 16 would waste 16 bytes of
/// every chunk: 2.5 MB more peak memory on word_count's million small strings).
const CACHE_MAX: usize = 264;
const CACHE_CLASSES: usize = CACHE_MAX / 16 + 1;
/// Most bytes kept in the cache (beyond it, freed boxes go back to the system allocator).
const CACHE_BYTES: usize = 256 * 1024;

/// The size of the blocks of class `i`.
const fn class_block_size(i: usize) -> usize {
    16 * i + 8
}

/// Freed boxes by size class (see `class_block_size`).
#[derive(Default)]
struct BoxCache {
    classes: [Vec<NonNull<u8>>; CACHE_CLASSES],
    bytes: usize,
}

impl BoxCache {
    /// The class and its block layout for `layout`, if it is cached.
    #[inline(always)]
    fn class(layout: std::alloc::Layout) -> Option<(usize, std::alloc::Layout)> {
        let size = layout.size();
        if size == 0 || size > CACHE_MAX || layout.align() > 8 {
            return None;
        }
        let i = (size + 7) / 16;
        let block = std::alloc::Layout::from_size_align(class_block_size(i), 8).ok()?;
        Some((i, block))
    }

    /// A block for `layout` (from the cache or the system allocator); null when refused.
    #[inline]
    fn alloc(&mut self, layout: std::alloc::Layout) -> *mut u8 {
        match BoxCache::class(layout) {
            Some((i, block)) => match self.classes[i].pop() {
                Some(p) => {
                    self.bytes -= block.size();
                    p.as_ptr()
                }
                // SAFETY: the block layout has a non-zero size.
                None => unsafe { std::alloc::alloc(block) },
            },
            // SAFETY: callers pass layouts of boxes, never zero-sized.
            None => unsafe { std::alloc::alloc(layout) },
        }
    }

    /// Frees a block that `alloc` returned for `layout`.
    ///
    /// # Safety
    /// `p` came from `alloc` with the same `layout` and is no longer used.
    #[inline]
    unsafe fn free(&mut self, p: *mut u8, layout: std::alloc::Layout) {
        match BoxCache::class(layout) {
            Some((i, block)) => {
                let class = &mut self.classes[i];
                if self.bytes + block.size() <= CACHE_BYTES
                    && (class.len() < class.capacity() || class.try_reserve(64).is_ok())
                {
                    if let Some(p) = NonNull::new(p) {
                        class.push(p);
                        self.bytes += block.size();
                    }
                } else {
                    // SAFETY: allocated with the block layout of its class (`alloc`).
                    unsafe { std::alloc::dealloc(p, block) };
                }
            }
            // SAFETY: allocated with `layout` (`alloc`).
            None => unsafe { std::alloc::dealloc(p, layout) },
        }
    }
}

impl Drop for BoxCache {
    fn drop(&mut self) {
        for (i, class) in self.classes.iter_mut().enumerate() {
            if let Ok(block) = std::alloc::Layout::from_size_align(class_block_size(i), 8) {
                for p in class.drain(..) {
                    // SAFETY: cached blocks were allocated with their class's layout.
                    unsafe { std::alloc::dealloc(p.as_ptr(), block) };
                }
            }
        }
    }
}

/// The error of an allocation over the memory cap.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OutOfMemory;

/// Owner of all boxes of one VM, with byte accounting.
pub struct Heap {
    /// Every live (or not yet swept) box.
    all: Vec<NonNull<GcHeader>>,
    /// Bytes currently accounted to live (or not yet swept) objects.
    bytes: usize,
    /// Optional cap on `bytes`; an allocation that would pass it fails with `OutOfMemory`.
    limit: Option<usize>,
    /// When `bytes` passes this, the VM's next safe point runs a collection step.
    pub threshold: usize,
    /// Generational mode: the survivors of the last collection keep their `MARKED` bit ("old"), and
    /// the objects of the list from this index on are the young ones a minor collection sweeps.
    /// Meaningless while `sticky` is false (every object is young then).
    pub(crate) young_start: usize,
    /// The marks of the last collection were kept (generational mode).
    pub(crate) sticky: bool,
    /// Old objects written since the last collection, and every old thread (their stacks change
    /// without barriers): the extra roots of a minor collection.
    pub(crate) touched: Vec<NonNull<GcHeader>>,
    /// `touched` could not grow: the next collection must be a full one.
    pub(crate) touched_lost: bool,
    /// Freed boxes kept for reuse.
    cache: BoxCache,
    /// Strings among the objects that survived the last sweep (for the collector's pacing).
    pub(crate) live_strings: usize,
    /// Their bytes, as accounted.
    pub(crate) live_string_bytes: usize,
}

impl Default for Heap {
    fn default() -> Self {
        Self::new()
    }
}

impl Heap {
    pub fn new() -> Heap {
        Heap {
            all: Vec::new(),
            bytes: 0,
            limit: None,
            threshold: 256 * 1024,
            young_start: 0,
            sticky: false,
            touched: Vec::new(),
            touched_lost: false,
            cache: BoxCache::default(),
            live_strings: 0,
            live_string_bytes: 0,
        }
    }

    /// The write barrier of the generational mode: called before a reference is stored into `o`.
    /// An old object (marked by the last collection) that gets a new reference may now point to a
    /// young object, so the next minor collection must traverse it again.
    #[inline(always)]
    pub fn barrier<T>(&mut self, o: Gc<T>) {
        if o.header().has(bits::WATCHED) {
            self.touch(o.erase());
        }
    }

    /// `barrier` for a store of `v` under a key `o` already has: nil, booleans and numbers are not
    /// references, so only other values need it.
    #[inline(always)]
    pub fn barrier_value<T>(&mut self, o: Gc<T>, v: &crate::value::Value) {
        use crate::value::Value;
        if !matches!(
            v,
            Value::Nil | Value::Bool(_) | Value::Int(_) | Value::Num(_)
        ) {
            self.barrier(o);
        }
    }

    #[cold]
    #[inline(never)]
    pub(crate) fn touch(&mut self, h: NonNull<GcHeader>) {
        // SAFETY: `h` comes from a live handle.
        let hd = unsafe { h.as_ref() };
        hd.clear_flag(bits::WATCHED);
        hd.set_flag(bits::TOUCHED);
        if self.touched.try_reserve(1).is_ok() {
            self.touched.push(h);
        } else {
            self.touched_lost = true;
            self.threshold = 0;
        }
    }

    #[inline]
    pub fn bytes(&self) -> usize {
        self.bytes
    }
    #[inline]
    pub fn object_count(&self) -> usize {
        self.all.len()
    }
    pub fn limit(&self) -> Option<usize> {
        self.limit
    }
    pub fn set_limit(&mut self, limit: Option<usize>) {
        self.limit = limit;
        self.clamp_threshold();
    }

    /// Under a memory cap, the next collection comes at the latest halfway between the bytes in use
    /// and the cap, so garbage is collected before allocations fail (the reference collects when an
    /// allocation fails; this collector runs only at safe points).
    pub fn clamp_threshold(&mut self) {
        if let Some(limit) = self.limit {
            let halfway = self.bytes + limit.saturating_sub(self.bytes) / 2;
            self.threshold = self.threshold.min(halfway);
        }
    }

    /// True when the accounted bytes passed the collection threshold.
    #[inline(always)]
    pub fn should_collect(&self) -> bool {
        self.bytes >= self.threshold
    }

    /// Checks that `more` bytes can be added under the cap. A refusal makes the next safe point run
    /// a collection, so the garbage of the code that failed does not keep failing what comes next.
    #[inline]
    pub fn check(&mut self, more: usize) -> Result<(), OutOfMemory> {
        match self.limit {
            Some(l) if self.bytes.saturating_add(more) > l => {
                self.threshold = 0;
                Err(OutOfMemory)
            }
            _ => Ok(()),
        }
    }

    /// Records that an object grew by `delta` bytes (or shrank, when negative). Growth over the cap
    /// fails before the caller allocates.
    #[inline]
    pub fn grow(&mut self, delta: usize) -> Result<(), OutOfMemory> {
        self.check(delta)?;
        self.bytes += delta;
        Ok(())
    }
    #[inline]
    pub fn shrink(&mut self, delta: usize) {
        self.bytes = self.bytes.saturating_sub(delta);
    }

    /// Moves a value into a new box, links it and accounts its size.
    #[inline]
    pub fn alloc<T: HeapObject>(&mut self, value: T) -> Result<Gc<T>, OutOfMemory> {
        self.alloc_with_trailing(value, |_, _| {})
    }

    /// Like `alloc`, for a value whose `trailing_bytes` asks for storage right after the box:
    /// `init` gets the boxed value and a pointer to that storage (uninitialized, aligned as the
    /// `GcBox<T>`) before the box is handed out.
    #[inline]
    pub fn alloc_with_trailing<T: HeapObject>(
        &mut self,
        value: T,
        init: impl FnOnce(&mut T, *mut u8),
    ) -> Result<Gc<T>, OutOfMemory> {
        let size = std::mem::size_of::<GcBox<T>>() + value.extra_bytes();
        self.check(size)?;
        let layout = box_layout::<T>(value.trailing_bytes()).ok_or(OutOfMemory)?;
        // Room in the list first, so a refusal leaves nothing to undo.
        if self.all.len() == self.all.capacity() {
            self.all
                .try_reserve(self.all.len().max(1024))
                .map_err(|_| OutOfMemory)?;
        }
        let b = GcBox {
            header: GcHeader {
                kind: T::KIND,
                flags: Cell::new(0),
            },
            value: UnsafeCell::new(value),
        };
        // Allocated by hand so that a refusal of the system allocator is a Lua memory error instead
        // of an abort of the process (`Box::new` cannot fail).
        // `GcBox<T>` contains a header, so the layout is never zero-sized.
        let raw = self.cache.alloc(layout).cast::<GcBox<T>>();
        let Some(ptr) = NonNull::new(raw) else {
            return Err(OutOfMemory);
        };
        // SAFETY: `ptr` is a fresh allocation with room for a `GcBox<T>` followed by the trailing
        // bytes; writing initializes the box. `free` deallocates it with the same layout.
        unsafe {
            ptr.as_ptr().write(b);
            let trailing = raw.cast::<u8>().add(std::mem::size_of::<GcBox<T>>());
            init(&mut *(*ptr.as_ptr()).value.get(), trailing);
        }
        self.all.push(ptr.cast());
        self.bytes += size;
        Ok(Gc {
            ptr,
            _marker: PhantomData,
        })
    }

    /// The boxes, for the collector (`take_all` and `set_all` around a sweep).
    pub(crate) fn objects(&self) -> &[NonNull<GcHeader>] {
        &self.all
    }
    pub(crate) fn take_all(&mut self) -> Vec<NonNull<GcHeader>> {
        std::mem::take(&mut self.all)
    }
    pub(crate) fn set_all(&mut self, all: Vec<NonNull<GcHeader>>) {
        self.all = all;
    }

    /// Frees one box, already removed from the list, with its real type, and removes it from the
    /// accounting.
    ///
    /// # Safety
    /// `h` must be a box of this heap that is already out of the list and unreachable.
    pub(crate) unsafe fn free<T: HeapObject>(&mut self, h: NonNull<GcHeader>) {
        let p: *mut GcBox<T> = h.cast().as_ptr();
        // SAFETY: `p` was allocated by `alloc_with_trailing` with this exact type (the kind tag says so)
        // and the layout `box_layout` gives for its trailing bytes; the caller guarantees nothing refers
        // to it any more.
        unsafe {
            let v = &*(*p).value.get();
            let size = std::mem::size_of::<GcBox<T>>() + v.extra_bytes();
            let layout = box_layout::<T>(v.trailing_bytes());
            self.bytes = self.bytes.saturating_sub(size);
            std::ptr::drop_in_place(p);
            if let Some(layout) = layout {
                // Debug builds poison freed objects, so that a use after free (a collector bug such
                // as a missing write barrier) reads garbage pointers and fails loudly in the tests.
                #[cfg(debug_assertions)]
                std::ptr::write_bytes(p.cast::<u8>(), 0xA5, layout.size());
                self.cache.free(p.cast(), layout);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::alloc::Layout;

    #[test]
    fn freed_small_blocks_are_reused_and_sized_for_their_request() {
        for size in [
            1, 8, 9, 15, 16, 17, 24, 25, 40, 100, 128, 129, 200, 256, 264,
        ] {
            let mut c = BoxCache::default();
            let layout = Layout::from_size_align(size, 8).unwrap();
            let before = c.bytes;
            let p = c.alloc(layout);
            assert!(!p.is_null());
            // The whole requested size is usable.
            // SAFETY: `p` was just allocated with room for `size` bytes.
            unsafe { std::ptr::write_bytes(p, 0x5A, size) };
            // SAFETY: allocated above with `layout`, not used after.
            unsafe { c.free(p, layout) };
            // The block is the smallest of the form 16k + 8 that holds the request.
            let block = (size + 7) / 16 * 16 + 8;
            assert!(block >= size && block < size + 16, "size {size}");
            assert_eq!(c.bytes, before + block, "size {size}");
            let q = c.alloc(layout);
            assert_eq!(q, p, "size {size}: the freed block comes back");
            assert_eq!(c.bytes, before);
            // SAFETY: as above.
            unsafe { c.free(q, layout) };
            // Another request of the same class takes it too.
            let other = Layout::from_size_align(block.saturating_sub(15).max(1), 8).unwrap();
            let r = c.alloc(other);
            assert_eq!(r, p, "size {size}");
            // SAFETY: as above.
            unsafe { c.free(r, other) };
        }
    }

    #[test]
    fn large_or_overaligned_blocks_and_blocks_beyond_the_cap_are_not_kept() {
        let mut c = BoxCache::default();
        for layout in [
            Layout::from_size_align(265, 8).unwrap(),
            Layout::from_size_align(64, 16).unwrap(),
        ] {
            let p = c.alloc(layout);
            assert!(!p.is_null());
            // SAFETY: allocated above with `layout`.
            unsafe { c.free(p, layout) };
            assert_eq!(c.bytes, 0);
        }
        let layout = Layout::from_size_align(100, 8).unwrap();
        let blocks: Vec<*mut u8> = (0..CACHE_BYTES / 100 + 100)
            .map(|_| c.alloc(layout))
            .collect();
        for p in blocks {
            // SAFETY: each block was allocated above with `layout`.
            unsafe { c.free(p, layout) };
        }
        assert!(
            c.bytes <= CACHE_BYTES && c.bytes + 104 > CACHE_BYTES,
            "{}",
            c.bytes
        );
    }
}

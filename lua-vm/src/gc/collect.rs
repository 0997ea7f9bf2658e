//! The collector: a precise, stop-the-world mark and sweep over the heap's object list, run at the
//! VM's safe points when the allocated bytes pass a threshold (`pause` percent of what survived the
//! last cycle). Weak tables (weak keys, weak values, ephemerons) and `__gc` finalizers follow the
//! manual: objects with finalizers are resurrected for one more cycle and finalized in reverse order of
//! marking; weak values are cleared before resurrection, weak keys after.
//!
//! Roots: the registry, the main thread, the basic types' metatables, the metamethod names and the
//! objects waiting for finalization, the values a host holds (`HostData`). A thread's stack is live up to its `top`; slots above are cleared.
//!
//! Generational mode (what the `lua` program selects, as the reference's does): the survivors of a
//! cycle keep their mark and are "old"; a minor collection marks from the roots without entering old
//! objects, and sweeps only the objects allocated since the last cycle (the head of the heap's list).
//! Old objects that get a new reference are recorded by the write barrier (`Heap::barrier`) and
//! traversed again; threads are always traversed (their stacks change without barriers). A full
//! cycle clears the marks first, so every object is young for it.

use std::ptr::NonNull;

use crate::gc::heap::{bits, Gc, GcHeader, Heap, ObjKind};
use crate::value::function::{LClosure, NClosure, Proto, UpVal};
use crate::value::string::LuaStr;
use crate::value::table::Table;
use crate::value::userdata::UserData;
use crate::value::Value;
use crate::vm::meta::TmName;
use crate::vm::state::{Global, State, Thread};

/// Collector parameters and bookkeeping.
pub struct GcState {
    /// `collectgarbage("stop")` in effect.
    pub stopped: bool,
    /// Percent of live bytes to wait for before the next cycle (`setpause`).
    pub pause: usize,
    /// Kept for `collectgarbage` compatibility (the collector is not incremental).
    pub stepmul: usize,
    /// "incremental" or "generational" as last selected (reported by `collectgarbage`).
    pub generational: bool,
    /// Objects resurrected for finalization, in the order their finalizers must run.
    pub tobefnz: Vec<NonNull<GcHeader>>,
    /// Objects registered for finalization (have `__gc`), still live.
    pub finobj: Vec<NonNull<GcHeader>>,
    /// Inside a collection or finalizer (no nested collection).
    pub running: bool,
    /// Number of completed cycles.
    pub cycles: usize,
    /// Threads that have (or had) open upvalues (the reference's `twups`).
    pub twups: Vec<NonNull<GcHeader>>,
    /// The VM is being closed: no new finalizers are registered.
    pub closing: bool,
    /// Work accumulated by `collectgarbage("step")` towards the next cycle, in bytes.
    pub step_credit: u64,
    /// Generational mode: bytes in use after the last full collection.
    pub major_base: usize,
    /// Generational mode: the next collection is a full one (the heap doubled since the last).
    pub major_due: bool,
    /// The marker's gray stack, kept between cycles (empty outside a marking).
    pub gray_buf: Vec<NonNull<GcHeader>>,
    /// Testing aid: in generational mode, a minor collection every few KB of allocation, so that a
    /// missing write barrier shows up at once (see `State::set_gc_stress`).
    pub stress: bool,
}

impl Default for GcState {
    fn default() -> Self {
        GcState {
            stopped: false,
            pause: 200,
            stepmul: 100,
            generational: false,
            tobefnz: Vec::new(),
            finobj: Vec::new(),
            running: false,
            cycles: 0,
            twups: Vec::new(),
            closing: false,
            step_credit: 0,
            major_base: 0,
            major_due: true,
            stress: false,
            gray_buf: Vec::new(),
        }
    }
}

/// Generational pacing: a minor collection after the heap grew by `GEN_MINOR_MUL` percent of what
/// survived the last one (the reference's default), at least `GEN_MINOR_MIN` bytes (each minor
/// collection has a fixed cost: roots, threads); a full one when the heap grew by `GEN_MAJOR_MUL`
/// percent since the last full one (the reference waits for 100%: survivors of one minor collection
/// are old here, so more garbage turns old, and a full cycle sooner keeps the peak near the live size).
const GEN_MINOR_MUL: usize = 20;
const GEN_MAJOR_MUL: usize = 50;
const GEN_MINOR_MIN: usize = 24 * 1024;

impl GcState {
    /// Sets the threshold of the next collection after a generational one.
    fn set_gen_threshold(&mut self, heap: &mut Heap, was_major: bool) {
        let live = heap.bytes();
        if was_major {
            self.major_base = live;
        }
        let limit = (self.major_base.saturating_mul(100 + GEN_MAJOR_MUL) / 100)
            .max(self.major_base + GEN_MINOR_MIN);
        self.major_due = live > limit;
        let room = if self.stress {
            4096
        } else {
            (live * GEN_MINOR_MUL / 100).max(GEN_MINOR_MIN)
        };
        heap.threshold = live.saturating_add(room);
        heap.clamp_threshold();
    }

    /// The threshold of the next cycle after one that left `heap.bytes()` live.
    ///
    /// The heap may grow by at most `pause` percent of the live bytes, and at least by a third of them
    /// (a stop-the-world collector must let the heap grow by a fraction of itself between cycles, or
    /// the work per allocation is unbounded). Within those bounds, it grows by `pause` percent of the
    /// live objects other than strings, whose marking work is in proportion to their size (tables
    /// are traversed), but only by `GROWTH_PER_STRING` bytes per live string: a string is marked
    /// without a traversal and only visited by the sweep, so a heap of long strings is cheap to
    /// collect per byte and is collected sooner than `pause` says. That keeps its peak nearer the live
    /// size, as the reference's generational mode does. (The work of freeing the garbage does not
    /// depend on how often the collector runs.) Small heaps, where a cycle is cheap but frequent and
    /// the memory hardly matters, keep `pause` up to `SMALL_GROWTH` bytes of growth.
    pub(crate) fn set_pause_threshold(&self, heap: &mut Heap) {
        const GROWTH_PER_STRING: usize = 16;
        const SMALL_GROWTH: usize = 1 << 20;
        let live = heap.bytes().max(64 * 1024);
        let pause = self.pause.max(150) - 100;
        let most = live.saturating_mul(pause) / 100;
        let least = (live / 3).max(most.min(SMALL_GROWTH));
        let others = heap.bytes().saturating_sub(heap.live_string_bytes);
        let growth = (others.saturating_mul(pause) / 100)
            .saturating_add(heap.live_strings.saturating_mul(GROWTH_PER_STRING));
        heap.threshold = live.saturating_add(growth.clamp(least, most.max(least)));
        heap.clamp_threshold();
    }
}

/// Weakness of a table, from its metatable's `__mode`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Weak {
    None,
    Keys,
    Values,
    Both,
}

struct Marker<'a> {
    gray: Vec<NonNull<GcHeader>>,
    /// The gray stack could not grow (the system allocator refused): some marked objects were not
    /// queued, and `propagate` finds them by scanning the heap instead.
    overflow: bool,
    weak_tables: Vec<(Gc<Table>, Weak)>,
    g: &'a Global,
}

#[inline]
fn as_header(v: &Value) -> Option<NonNull<GcHeader>> {
    match v {
        Value::Str(s) => Some(s.erase()),
        Value::Table(t) => Some(t.erase()),
        Value::LFn(f) => Some(f.erase()),
        Value::NCl(f) => Some(f.erase()),
        Value::UserData(u) => Some(u.erase()),
        Value::Thread(t) => Some(t.erase()),
        _ => None,
    }
}

#[inline]
fn header<'a>(h: NonNull<GcHeader>) -> &'a GcHeader {
    // SAFETY: headers handed to the collector come from live values or from the heap's list.
    unsafe { h.as_ref() }
}

fn is_marked(v: &Value) -> bool {
    match as_header(v) {
        Some(h) => header(h).has(bits::MARKED | bits::FIXED),
        None => true,
    }
}

impl<'a> Marker<'a> {
    #[inline]
    fn mark_header(&mut self, h: NonNull<GcHeader>) {
        let hd = header(h);
        if hd.has(bits::MARKED) {
            return;
        }
        hd.set_flag(bits::MARKED);
        self.push_gray(h);
    }

    /// Queues a marked object for traversal (strings have nothing to traverse). Also used for the
    /// old objects a minor collection traverses again.
    #[inline]
    fn push_gray(&mut self, h: NonNull<GcHeader>) {
        if header(h).kind() == ObjKind::Str {
            return;
        }
        // A collection must work when memory is exhausted: a refused growth is recorded, not an
        // abort.
        if self.gray.len() == self.gray.capacity()
            && self.gray.try_reserve(self.gray.len().max(64)).is_err()
        {
            self.overflow = true;
            return;
        }
        self.gray.push(h);
    }

    #[inline]
    fn mark(&mut self, v: &Value) {
        if let Some(h) = as_header(v) {
            self.mark_header(h);
        }
    }

    fn propagate(&mut self) {
        loop {
            while let Some(h) = self.gray.pop() {
                self.traverse(h);
            }
            if !self.overflow {
                return;
            }
            // Traversing again an object already traversed only re-marks marked children, so every
            // marked object is traversed once more; the ones the gray stack missed get done.
            self.overflow = false;
            for i in 0..self.g.heap.objects().len() {
                let h = self.g.heap.objects()[i];
                let hd = header(h);
                if hd.has(bits::MARKED) && hd.kind() != ObjKind::Str {
                    self.traverse(h);
                }
            }
        }
    }

    fn traverse(&mut self, h: NonNull<GcHeader>) {
        match header(h).kind() {
            ObjKind::Str => {}
            // SAFETY: the kind tag says the box holds this type.
            ObjKind::Table => self.traverse_table(unsafe { Gc::<Table>::from_header(h) }),
            ObjKind::LClosure => {
                // SAFETY: the kind tag says the box holds a `LClosure`.
                let c = unsafe { Gc::<LClosure>::from_header(h) }.get();
                self.mark_header(c.proto.erase());
                for u in c.upvals.iter() {
                    self.mark_header(u.erase());
                }
            }
            ObjKind::NClosure => {
                // SAFETY: the kind tag says the box holds a `NClosure`.
                let c = unsafe { Gc::<NClosure>::from_header(h) }.get();
                for v in c.upvals.iter() {
                    self.mark(v);
                }
            }
            ObjKind::Proto => {
                // SAFETY: the kind tag says the box holds a `Proto`.
                let p = unsafe { Gc::<Proto>::from_header(h) }.get();
                self.mark_header(p.source.erase());
                for v in p.k.iter() {
                    self.mark(v);
                }
                for q in p.protos.iter() {
                    self.mark_header(q.erase());
                }
            }
            ObjKind::UpVal => {
                // SAFETY: the kind tag says the box holds a `UpVal`.
                let u = unsafe { Gc::<UpVal>::from_header(h) }.get();
                // An open upvalue's value lives in a thread's stack; it is marked here too, as the
                // thread may be unreachable while a closure still uses the upvalue (`remarkupvals`).
                self.mark(&u.get());
            }
            ObjKind::UserData => {
                // SAFETY: the kind tag says the box holds a `UserData`.
                let u = unsafe { Gc::<UserData>::from_header(h) }.get();
                if let Some(mt) = u.meta {
                    self.mark_header(mt.erase());
                }
                for v in u.user_values.iter() {
                    self.mark(v);
                }
            }
            // SAFETY: the kind tag says the box holds this type.
            ObjKind::Thread => self.traverse_thread(unsafe { Gc::<Thread>::from_header(h) }),
        }
    }

    fn weakness(&self, t: &Table) -> Weak {
        let Some(mt) = t.meta else { return Weak::None };
        match mt.get().get_str(self.g.tm_names[TmName::Mode as usize]) {
            Value::Str(s) => {
                let b = s.get().as_bytes();
                match (b.contains(&b'k'), b.contains(&b'v')) {
                    (true, true) => Weak::Both,
                    (true, false) => Weak::Keys,
                    (false, true) => Weak::Values,
                    _ => Weak::None,
                }
            }
            _ => Weak::None,
        }
    }

    fn traverse_table(&mut self, t: Gc<Table>) {
        let tb = t.get();
        if let Some(mt) = tb.meta {
            self.mark_header(mt.erase());
        }
        let weak = self.weakness(tb);
        match weak {
            Weak::None => {
                for v in tb.array() {
                    self.mark(v);
                }
                for n in tb.nodes() {
                    if !n.val.is_nil() {
                        self.mark(&n.key());
                        self.mark(&n.val);
                    }
                }
            }
            Weak::Values => {
                for n in tb.nodes() {
                    if !n.val.is_nil() {
                        self.mark(&n.key());
                    }
                }
                self.weak_tables.push((t, weak));
            }
            Weak::Keys => {
                // Ephemeron: values are marked only once their keys are (see `converge`).
                for v in tb.array() {
                    self.mark(v);
                }
                self.weak_tables.push((t, weak));
            }
            Weak::Both => self.weak_tables.push((t, weak)),
        }
    }

    /// Marks values of ephemeron tables whose keys are marked, until nothing changes.
    fn converge(&mut self) {
        loop {
            let mut changed = false;
            for i in 0..self.weak_tables.len() {
                let (t, w) = self.weak_tables[i];
                if w != Weak::Keys {
                    continue;
                }
                for n in t.get().nodes() {
                    if !n.val.is_nil() && is_marked_key(&n.key()) && !is_marked(&n.val) {
                        self.mark(&n.val);
                        changed = true;
                    }
                }
            }
            self.propagate();
            if !changed {
                break;
            }
        }
    }

    fn traverse_thread(&mut self, t: Gc<Thread>) {
        let th = t.get_mut();
        let top = th.top.min(th.stack.len());
        for v in &th.stack[..top] {
            self.mark(v);
        }
        for v in &mut th.stack[top..] {
            *v = Value::Nil;
        }
        for u in &th.open_upvals {
            self.mark_header(u.erase());
        }
        self.mark(&th.hook.func);
    }
}

/// Keys are weak only if collectable; strings count as marked (they are values, never cleared).
fn is_marked_key(k: &Value) -> bool {
    match k {
        Value::Str(s) => {
            s.header().set_flag(bits::MARKED);
            true
        }
        _ => is_marked(k),
    }
}

/// Whether a weak entry must be removed: an unmarked collectable that is not a string.
fn is_cleared(v: &Value) -> bool {
    match v {
        Value::Str(s) => {
            s.header().set_flag(bits::MARKED);
            false
        }
        _ => !is_marked(v),
    }
}

fn clear_by_values(tables: &[(Gc<Table>, Weak)]) {
    for (t, w) in tables {
        if matches!(w, Weak::Values | Weak::Both) {
            let tb = t.get_mut();
            for v in tb.array_mut() {
                if is_cleared(v) {
                    *v = Value::Nil;
                }
            }
            for n in tb.nodes_mut() {
                if !n.val.is_nil() && is_cleared(&n.val) {
                    n.val = Value::Nil;
                }
            }
        }
    }
}

fn clear_by_keys(tables: &[(Gc<Table>, Weak)]) {
    for (t, w) in tables {
        if matches!(w, Weak::Keys | Weak::Both) {
            for n in t.get_mut().nodes_mut() {
                if !n.val.is_nil() && is_cleared(&n.key()) {
                    n.val = Value::Nil;
                }
            }
        }
    }
}

impl State {
    /// Runs a collection if the heap passed its threshold (a safe point: every live value is on a stack).
    pub fn collect_step(&mut self) {
        let g = self.g();
        if g.gc.stopped || g.gc.running {
            // Re-arm so the check is not repeated at every safe point while stopped.
            g.heap.threshold = g
                .heap
                .bytes()
                .saturating_add(g.heap.bytes() / 2 + 64 * 1024);
            return;
        }
        if g.gc.generational {
            let major = g.gc.major_due;
            self.gen_cycle(major);
        } else {
            self.full_gc();
        }
    }

    /// Testing aid: selects the generational mode with a minor collection every few KB of allocation
    /// (every object that survives one is old from then on, so the write barriers are exercised
    /// constantly). For tests of the collector and of code that stores references into objects.
    pub fn set_gc_stress(&mut self, on: bool) {
        let g = self.g();
        g.gc.generational = true;
        g.gc.stress = on;
        g.heap.threshold = g.heap.bytes();
    }

    /// A generational cycle (minor or major) followed by the pending finalizers.
    fn gen_cycle(&mut self, major: bool) {
        let g = self.g();
        if g.gc.running {
            return;
        }
        g.gc.running = true;
        let major = major || !g.heap.sticky || g.heap.touched_lost;
        gen_collect(g, major);
        g.gc.cycles += 1;
        g.gc.running = false;
        g.gc.set_gen_threshold(&mut g.heap, major);
        self.call_pending_finalizers();
    }

    /// `collectgarbage("step", kb)`: the collector is not incremental, so a step adds `kb` KB of work
    /// (a basic step when 0, scaled by the step multiplier) towards a cycle that costs the current heap
    /// size; the step that completes a cycle runs it and returns true. In generational mode every step
    /// is a collection (a minor collection of the reference is a subset of a full one). A step works
    /// even while the collector is stopped, and leaves it stopped.
    pub fn gc_step(&mut self, kb: i64) -> bool {
        let g = self.g();
        let done = if g.gc.generational {
            true
        } else {
            let kb = if kb <= 0 { 8 } else { kb as u64 };
            let work = kb
                .saturating_mul(1024)
                .saturating_mul(g.gc.stepmul.max(100) as u64)
                / 100;
            g.gc.step_credit = g.gc.step_credit.saturating_add(work);
            g.gc.step_credit >= g.heap.bytes() as u64
        };
        if done {
            let g = self.g();
            g.gc.step_credit = 0;
            let was_stopped = g.gc.stopped;
            g.gc.stopped = false;
            self.full_gc();
            self.g().gc.stopped = was_stopped;
        }
        done
    }

    /// A full collection cycle followed by the pending finalizers.
    pub fn full_gc(&mut self) {
        let g = self.g();
        if g.gc.running {
            return;
        }
        if g.gc.generational {
            self.gen_cycle(true);
            return;
        }
        g.gc.running = true;
        mark_and_sweep(g, false);
        g.gc.cycles += 1;
        g.gc.running = false;
        g.gc.set_pause_threshold(&mut g.heap);
        self.call_pending_finalizers();
    }

    /// Calls the finalizers of resurrected objects, each protected; errors become warnings.
    pub(crate) fn call_pending_finalizers(&mut self) {
        loop {
            let g = self.g();
            let Some(h) = g.gc.tobefnz.pop() else { break };
            let obj = value_of_header(h);
            let tm = self.tm_of(&obj, TmName::Gc);
            if !tm.is_function() {
                continue;
            }
            let g = self.g();
            let was_running = g.gc.running;
            g.gc.running = true;
            let th = self.th();
            let top = th.top;
            if self.check_stack(3).is_err() {
                self.g().gc.running = was_running;
                continue;
            }
            let th = self.th();
            th.stack[top] = tm;
            th.stack[top + 1] = obj;
            th.top = top + 2;
            let allow = th.hook.allow;
            th.hook.allow = false;
            th.ci_mut().status |= crate::vm::state::cist::FIN;
            let status = self.pcall_at(top, 0, 0);
            let th = self.th();
            th.ci_mut().status &= !crate::vm::state::cist::FIN;
            th.hook.allow = allow;
            if status != crate::vm::error::Status::Ok {
                let msg = th.stack[top];
                let text = match msg {
                    Value::Str(s) => String::from_utf8_lossy(s.get().as_bytes()).into_owned(),
                    _ => "error object is not a string".into(),
                };
                self.warning(&format!("error in __gc metamethod ({text})"), false);
            }
            self.th().top = top;
            self.g().gc.running = was_running;
        }
    }

    /// Registers an object whose metatable has `__gc` for finalization (`luaC_checkfinalizer`).
    pub(crate) fn check_finalizer(&mut self, v: &Value, mt: Option<Gc<Table>>) {
        let Some(h) = as_header(v) else { return };
        let hd = header(h);
        if hd.has(bits::FINOBJ | bits::FINALIZED) || self.g().gc.closing {
            return;
        }
        if self.fast_tm(mt, TmName::Gc).is_nil() {
            return;
        }
        hd.set_flag(bits::FINOBJ);
        self.g().gc.finobj.push(h);
    }
}

fn value_of_header(h: NonNull<GcHeader>) -> Value {
    // SAFETY: the kind tag says which type the box holds.
    unsafe {
        match header(h).kind() {
            ObjKind::Table => Value::Table(Gc::from_header(h)),
            ObjKind::UserData => Value::UserData(Gc::from_header(h)),
            ObjKind::Str => Value::Str(Gc::from_header(h)),
            ObjKind::LClosure => Value::LFn(Gc::from_header(h)),
            ObjKind::NClosure => Value::NCl(Gc::from_header(h)),
            ObjKind::Thread => Value::Thread(Gc::from_header(h)),
            ObjKind::Proto | ObjKind::UpVal => Value::Nil,
        }
    }
}

fn mark_roots(m: &mut Marker) {
    let g = m.g;
    m.mark_header(g.registry.erase());
    m.mark_header(g.main_thread.erase());
    for mt in g.type_mt.iter().flatten() {
        m.mark_header(mt.erase());
    }
    for &h in &g.gc.tobefnz {
        m.mark_header(h);
    }
    for v in g.host.slots() {
        m.mark(v);
    }
}

/// One whole cycle. With `all`, every object with a finalizer is separated for finalization (closing).
fn mark_and_sweep(g: &mut Global, all: bool) {
    if g.heap.sticky {
        unmark_all(&mut g.heap);
    }
    mark_phase(g, all, false);
    close_dead_thread_upvals(g);
    g.strings.remove_unmarked();
    g.strings.shrink_if_sparse();
    sweep(&mut g.heap);
}

/// A cycle of the generational mode. A minor one marks from the roots and the touched old objects
/// (old objects count as marked, so their other children are not visited) and frees only young
/// objects; a major one starts from cleared marks, so every object is young and it is a full cycle.
/// Either way the survivors keep their marks and are old from now on. `major` must be true when
/// the marks were not kept (`!sticky`) or a touched object was not recorded (`touched_lost`).
fn gen_collect(g: &mut Global, major: bool) {
    if major && g.heap.sticky {
        unmark_all(&mut g.heap);
    }
    mark_phase(g, false, !major);
    close_dead_thread_upvals(g);
    sweep_young(g);
    if major {
        g.strings.shrink_if_sparse();
    }
}

/// Clears every mark: the objects are all young again (leaving the generational state).
fn unmark_all(heap: &mut Heap) {
    for &h in heap.objects() {
        header(h).clear_flag(bits::MARKED | bits::TOUCHED | bits::WATCHED);
    }
    heap.touched.clear();
    heap.touched_lost = false;
    heap.young_start = 0;
    heap.sticky = false;
}

/// Frees the unmarked young objects (every object after a major marking), keeps the marks of the
/// survivors, and rebuilds the touched list with the old threads only (threads are always traversed
/// by a minor collection: their stacks change without barriers).
fn sweep_young(g: &mut Global) {
    let heap = &mut g.heap;
    let start = if heap.sticky { heap.young_start } else { 0 };
    let mut touched = std::mem::take(&mut heap.touched);
    touched.retain(|&h| {
        let hd = header(h);
        if hd.kind() == ObjKind::Thread {
            true
        } else {
            hd.clear_flag(bits::TOUCHED);
            hd.set_flag(bits::WATCHED);
            false
        }
    });
    let mut lost = false;
    let strings = &mut g.strings;
    compact(heap, start, |h, hd| {
        if !hd.has(bits::MARKED | bits::FIXED) {
            if hd.kind() == ObjKind::Str {
                // SAFETY: the kind tag says the box holds a string.
                strings.remove(unsafe { Gc::<LuaStr>::from_header(h) });
            }
            return false;
        }
        if hd.kind() != ObjKind::Thread {
            hd.set_flag(bits::WATCHED);
        } else if !hd.has(bits::TOUCHED) {
            hd.set_flag(bits::TOUCHED);
            if touched.try_reserve(1).is_ok() {
                touched.push(h);
            } else {
                lost = true;
            }
        }
        true
    });
    heap.young_start = heap.objects().len();
    heap.touched = touched;
    heap.touched_lost = lost;
    heap.sticky = true;
}

/// The marking of a cycle, with weak tables and the separation of objects to finalize. A `minor`
/// marking also traverses the touched old objects.
fn mark_phase(g: &mut Global, all: bool, minor: bool) {
    // The gray stack keeps its capacity from cycle to cycle: frequent minor collections would
    // otherwise regrow it each time (and large requests make the system allocator consolidate).
    let gray = std::mem::take(&mut g.gc.gray_buf);
    let (to_finalize, keep, mut gray) = {
        let mut m = Marker {
            gray,
            overflow: false,
            weak_tables: Vec::new(),
            g,
        };
        if minor {
            for &h in &g.heap.touched {
                m.push_gray(h);
            }
        }
        mark_roots(&mut m);
        m.propagate();
        m.converge();
        // Weak values that only finalizable objects keep alive are cleared before resurrection.
        clear_by_values(&m.weak_tables);
        // Separate unreachable objects with finalizers (in registration order, finalized newest first).
        let mut to_finalize = Vec::new();
        let mut keep = Vec::new();
        for &h in &g.gc.finobj {
            let hd = header(h);
            if all || !hd.has(bits::MARKED) {
                hd.clear_flag(bits::FINOBJ);
                hd.set_flag(bits::FINALIZED);
                to_finalize.push(h);
            } else {
                keep.push(h);
            }
        }
        for &h in &to_finalize {
            m.mark_header(h);
        }
        m.propagate();
        m.converge();
        clear_by_keys(&m.weak_tables);
        clear_by_values(&m.weak_tables);
        (to_finalize, keep, std::mem::take(&mut m.gray))
    };
    gray.clear();
    g.gc.gray_buf = gray;
    g.gc.finobj = keep;
    // Finalizers run in reverse order of registration (`call_pending_finalizers` pops the newest first).
    g.gc.tobefnz.extend(to_finalize);
}

/// Closes the live open upvalues of threads that are about to be freed, and drops dead or upvalue-less
/// threads from `twups`.
fn close_dead_thread_upvals(g: &mut Global) {
    g.gc.twups.retain(|&h| {
        // SAFETY: as in `remark_upvals`.
        let t = unsafe { Gc::<Thread>::from_header(h) };
        let th = t.get_mut();
        if header(h).has(bits::MARKED) {
            if th.open_upvals.is_empty() {
                th.in_twups = false;
                return false;
            }
            return true;
        }
        for u in th.open_upvals.drain(..) {
            if u.header().has(bits::MARKED) {
                let uv = u.get_mut();
                uv.closed = uv.get();
                uv.v = &mut uv.closed;
                uv.open = false;
            }
        }
        false
    });
}

/// How many objects ahead of the one it visits the sweep prefetches.
const SWEEP_AHEAD: usize = 8;

/// Frees every unmarked object and clears the marks of the survivors, compacting the heap's list in
/// place (the survivors keep their order).
fn sweep(heap: &mut Heap) {
    let (mut strings, mut string_bytes) = (0, 0);
    compact(heap, 0, |h, hd| {
        if !hd.has(bits::MARKED | bits::FIXED) {
            return false;
        }
        hd.clear_flag(bits::MARKED);
        if hd.kind() == ObjKind::Str {
            // SAFETY: the kind tag says the box holds a `LuaStr`.
            let len = unsafe { Gc::<LuaStr>::from_header(h) }.get().len();
            strings += 1;
            string_bytes += std::mem::size_of::<crate::gc::heap::GcBox<LuaStr>>() + len;
        }
        true
    });
    heap.live_strings = strings;
    heap.live_string_bytes = string_bytes;
}

/// The sweep loop: visits the objects of the heap's list from index `start` on, prefetching ahead,
/// keeps those for which `keep` says true (in order) and frees the others.
#[inline(always)]
fn compact(
    heap: &mut Heap,
    start: usize,
    mut keep: impl FnMut(NonNull<GcHeader>, &GcHeader) -> bool,
) {
    let mut all = heap.take_all();
    let start = start.min(all.len());
    let n = all.len();
    for &h in all[start..].iter().take(SWEEP_AHEAD) {
        prefetch(h.as_ptr().cast());
    }
    let mut kept = start;
    for i in start..n {
        if let Some(&ahead) = all.get(i + SWEEP_AHEAD) {
            prefetch(ahead.as_ptr().cast());
        }
        let h = all[i];
        if keep(h, header(h)) {
            all[kept] = h;
            kept += 1;
        } else {
            // SAFETY: `keep` found `h` unmarked after a marking that reached every object reachable
            // from the roots (for a minor collection: every young one reachable from the roots or
            // from an old object, thanks to the barriers); it is no longer in the list (the heap's
            // list is out while the sweep runs and keeps only the survivors).
            unsafe { free_object(heap, h) };
        }
    }
    all.truncate(kept);
    heap.set_all(all);
}

/// Starts loading the cache line at `p` (an object the sweep visits soon).
#[inline(always)]
fn prefetch(p: *const u8) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch has no architectural effect; any address is allowed.
    unsafe {
        core::arch::x86_64::_mm_prefetch(p.cast(), core::arch::x86_64::_MM_HINT_T0)
    };
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

/// Frees one object with its real type.
///
/// # Safety
/// `h` must be an unlinked, unreachable box of `heap`.
unsafe fn free_object(heap: &mut Heap, h: NonNull<GcHeader>) {
    // SAFETY: the kind tag names the type the box was allocated with.
    unsafe {
        match header(h).kind() {
            ObjKind::Str => heap.free::<LuaStr>(h),
            ObjKind::Table => heap.free::<Table>(h),
            ObjKind::LClosure => heap.free::<LClosure>(h),
            ObjKind::NClosure => heap.free::<NClosure>(h),
            ObjKind::Proto => heap.free::<Proto>(h),
            ObjKind::UpVal => heap.free::<UpVal>(h),
            ObjKind::UserData => heap.free::<UserData>(h),
            ObjKind::Thread => heap.free::<Thread>(h),
        }
    }
}

/// Closing a VM: runs every pending finalizer (as `lua_close` does), then frees all objects.
pub(crate) fn close_state(st: &mut State) {
    if st.g().gc.closing {
        // Closing again from a finalizer run by the first close (`os.exit(code, true)` inside `__gc`):
        // run the finalizers still pending; the first close (or the process exit) frees the rest.
        st.call_pending_finalizers();
        return;
    }
    st.g().gc.closing = true;
    {
        let th = st.th();
        th.cis.truncate(1);
        // Close the upvalues and pending to-be-closed variables (`luaD_closeprotected(L, 1, LUA_OK)`):
        // an error in a `__close` is passed to the remaining ones.
        let (nny, ncc) = (st.th().nny, st.th().n_ccalls);
        let mut err = None;
        while let Err(e) = st.close_level(0, err) {
            let th = st.th();
            th.cis.truncate(1);
            (th.nny, th.n_ccalls) = (nny, ncc);
            err = Some(e.value);
        }
        let g = st.g();
        g.gc.running = true;
        mark_and_sweep(g, true);
        g.gc.running = false;
        // Objects given a finalizer from now on are not finalized (`check_finalizer` sees `closing`).
        st.call_pending_finalizers();
    }
    let g = st.g();
    for h in g.heap.take_all() {
        // SAFETY: the VM is being destroyed: no object is reachable any more.
        unsafe { free_object(&mut g.heap, h) };
    }
}

//! The VM's state: the global state shared by all coroutines (`Global`), one `Thread` per coroutine
//! (its value stack and call-info stack), and `State`, the handle the API and native functions use.
//! `Vm` owns a whole VM and frees it on drop.

use std::ptr::NonNull;

use crate::compiler::opcode::Instruction;
use crate::gc::heap::{bits, Gc, Heap, HeapObject, ObjKind, OutOfMemory};
use crate::value::function::UpVal;
use crate::value::string::{LuaStr, StringTable};
use crate::value::table::Table;
use crate::value::{Value, NUM_TYPES};
use crate::vm::error::{LuaError, Status};
use crate::vm::meta::{TmName, TM_N, TM_NAMES};

/// A native function: arguments at 1..=top of its own stack frame, results pushed and counted.
pub type NativeFn = fn(&mut State) -> Result<usize, LuaError>;

/// A continuation for a native function that called a yieldable function and was suspended: called on
/// resume with the status of the interrupted call and the context it gave.
pub type KFn = fn(&mut State, Status, isize) -> Result<usize, LuaError>;

/// Stack slots guaranteed to a native function on entry (`LUA_MINSTACK`).
pub const MIN_STACK: usize = 20;
/// Largest stack a thread may have (`LUAI_MAXSTACK`).
pub const MAX_STACK: usize = 1_000_000;
/// Extra slots beyond a frame's declared size, so the VM can push a metamethod call without checking.
pub const EXTRA_STACK: usize = 5;
/// Room added past `MAX_STACK` while a "stack overflow" error is being handled.
pub const ERROR_STACK_SIZE: usize = MAX_STACK + 200;
/// Maximum depth of nested native calls (Rust recursion), as the reference's `LUAI_MAXCCALLS`.
pub const MAX_CCALLS: u32 = 200;

/// Pseudo-index of the registry.
pub const REGISTRY_INDEX: i32 = -(MAX_STACK as i32) - 1000;
/// Registry slot of the main thread.
pub const RIDX_MAINTHREAD: i64 = 1;
/// Registry slot of the global table.
pub const RIDX_GLOBALS: i64 = 2;
/// `nresults` meaning "all results".
pub const MULTRET: i32 = -1;

/// Pseudo-index of upvalue `i` (1-based) of the running native closure.
pub const fn upvalue_index(i: i32) -> i32 {
    REGISTRY_INDEX - i
}

/// Call-status flags (`CIST_*`).
pub mod cist {
    /// The frame is a native function.
    pub const C: u16 = 1 << 1;
    /// The frame started a fresh `execute` invocation: returning from it leaves that invocation.
    pub const FRESH: u16 = 1 << 2;
    /// The frame is a native function that called `pcallk` with a continuation (yieldable pcall).
    pub const YPCALL: u16 = 1 << 4;
    /// The frame was entered by a tail call.
    pub const TAIL: u16 = 1 << 5;
    /// The frame is running a hook.
    pub const HOOKED: u16 = 1 << 3;
    /// The frame is running a finalizer.
    pub const FIN: u16 = 1 << 7;
    /// The frame is closing to-be-closed variables on its return (resumable `RETURN`).
    pub const CLSRET: u16 = 1 << 9;
    /// The native function's results are being transferred (hooks).
    pub const TRAN: u16 = 1 << 8;
    /// The call hook of this Lua frame already ran.
    pub const CALL_HOOKED: u16 = 1 << 10;
}

/// One activation record.
#[derive(Clone, Copy, Debug)]
pub struct CallInfo {
    /// Stack index of the function being called; arguments and registers follow it.
    pub func: usize,
    /// First stack index this frame may not use.
    pub top: usize,
    /// Number of results the caller wants (`MULTRET` for all).
    pub nresults: i32,
    pub status: u16,
    /// Lua frames: the next instruction (a pointer into `code`: the interpreter saves and restores it
    /// without index arithmetic; `pc_index` and `step_pc` for everything else). Null for native
    /// frames.
    pub savedpc: *const Instruction,
    /// Lua frames: the function's code (`proto.code`), so a return finds the caller's next instruction
    /// with two loads from this record instead of a chain through the closure and its prototype. Null
    /// for native frames.
    pub code: *const Instruction,
    /// Lua frames: number of extra (vararg) arguments.
    pub nextraargs: usize,
    /// Native frames: continuation and its context (set by `call_k`/`pcall_k`).
    pub k: Option<KFn>,
    pub ctx: isize,
    /// Native frames in a yieldable pcall: the error function to restore and where the called function sits.
    pub old_errfunc: usize,
    pub funcidx: usize,
    /// Saved `allowhook` of a yieldable pcall.
    pub old_allowhook: bool,
    /// Number of values of a pending result transfer (CLSRET), or yielded values.
    pub nres: usize,
    /// Values transferred by the call or return a hook is reporting (`CIST_TRAN`): first index and count.
    pub ftransfer: u16,
    pub ntransfer: u16,
    /// A yieldable pcall recovering from an error (closing variables, possibly suspended by a yield
    /// in a `__close`): the error status; the error object is at `funcidx`.
    pub recover: Option<Status>,
}

impl CallInfo {
    pub fn new(func: usize, top: usize, nresults: i32, status: u16) -> CallInfo {
        CallInfo {
            func,
            top,
            nresults,
            status,
            savedpc: std::ptr::null(),
            code: std::ptr::null(),
            nextraargs: 0,
            k: None,
            ctx: 0,
            old_errfunc: 0,
            funcidx: 0,
            old_allowhook: true,
            nres: 0,
            ftransfer: 0,
            ntransfer: 0,
            recover: None,
        }
    }
    /// A Lua frame for the function at `func` whose code is `code`.
    #[inline(always)]
    pub(crate) fn new_lua(
        func: usize,
        top: usize,
        nresults: i32,
        code: *const Instruction,
    ) -> Self {
        CallInfo {
            code,
            savedpc: code,
            ..CallInfo::new(func, top, nresults, 0)
        }
    }
    /// Index in the code of the next instruction (0 for native frames).
    #[inline(always)]
    pub fn pc_index(&self) -> usize {
        (self.savedpc as usize).wrapping_sub(self.code as usize)
            / std::mem::size_of::<Instruction>()
    }
    /// Moves the next instruction `n` instructions forward (backward when negative).
    #[inline(always)]
    pub fn step_pc(&mut self, n: isize) {
        self.savedpc = self.savedpc.wrapping_offset(n);
    }
    /// A Lua tail call: the frame now runs the callee (whose code is `code`) moved down to `func`, with
    /// registers up to `top`, from its first instruction.
    #[inline(always)]
    pub(crate) fn reuse_for_tail_call(
        &mut self,
        func: usize,
        top: usize,
        code: *const Instruction,
    ) {
        self.func = func;
        self.top = top;
        self.savedpc = code;
        self.code = code;
        self.status = (self.status | cist::TAIL) & !cist::CALL_HOOKED;
        self.nextraargs = 0;
    }
    #[inline(always)]
    pub fn is_lua(&self) -> bool {
        self.status & cist::C == 0
    }
}

/// Coroutine status as `coroutine.status` reports it is derived from this and the call stack.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ThreadStatus {
    /// Not started, running, or normal (resumed another).
    Ok,
    Suspended,
    /// Finished with an error.
    Dead(Status),
}

/// Debug hooks of a thread.
#[derive(Clone, Copy, Debug, Default)]
pub struct HookState {
    /// The hook function (nil: none). Kept alive by the collector through the thread.
    pub func: Value,
    /// The hook function is kept in the registry (a table keyed by thread); `mask` says which events fire.
    pub mask: u8,
    pub base_count: i32,
    pub count: i32,
    pub allow: bool,
    /// Last pc seen by the line hook.
    pub old_pc: usize,
    /// Set by the host (`State::set_hook`), not by `debug.sethook`: the hook and its count follow the
    /// coroutines this thread resumes (see `limits.rs`).
    pub native: bool,
}

pub mod hookmask {
    pub const CALL: u8 = 1;
    pub const RET: u8 = 2;
    pub const LINE: u8 = 4;
    pub const COUNT: u8 = 8;
}

/// A coroutine: its value stack and call stack.
pub struct Thread {
    pub g: NonNull<Global>,
    pub stack: Vec<Value>,
    /// First free slot.
    pub top: usize,
    pub cis: Vec<CallInfo>,
    /// Open upvalues, sorted by stack index (ascending).
    pub open_upvals: Vec<Gc<UpVal>>,
    /// Stack indices of live to-be-closed variables, ascending.
    pub tbc: Vec<usize>,
    pub status: ThreadStatus,
    /// Nested native calls (Rust recursion depth) of this thread.
    pub n_ccalls: u32,
    /// Non-yieldable calls in progress (yield is allowed only when zero).
    pub nny: u32,
    /// Stack index of the current message handler (0: none).
    pub errfunc: usize,
    pub hook: HookState,
    /// Number of values a yield transfers.
    pub nyield: usize,
    /// Registered in the collector's list of threads with open upvalues.
    pub in_twups: bool,
}

impl HeapObject for Thread {
    const KIND: ObjKind = ObjKind::Thread;
    fn extra_bytes(&self) -> usize {
        self.stack.capacity() * std::mem::size_of::<Value>()
            + self.cis.capacity() * std::mem::size_of::<CallInfo>()
    }
}

impl Thread {
    pub(crate) fn new(g: NonNull<Global>) -> Thread {
        let size = 2 * MIN_STACK + EXTRA_STACK;
        let mut cis = Vec::with_capacity(8);
        // The base frame: a native frame with no function, as the reference's `base_ci`.
        cis.push(CallInfo::new(0, 1 + MIN_STACK, 0, cist::C));
        Thread {
            g,
            stack: vec![Value::Nil; size],
            top: 1,
            cis,
            open_upvals: Vec::new(),
            tbc: Vec::new(),
            status: ThreadStatus::Ok,
            n_ccalls: 0,
            nny: 0,
            errfunc: 0,
            hook: HookState {
                allow: true,
                ..HookState::default()
            },
            nyield: 0,
            in_twups: false,
        }
    }

    #[inline(always)]
    pub fn ci(&self) -> &CallInfo {
        // The base frame is never popped, so `cis` is never empty.
        let n = self.cis.len() - 1;
        &self.cis[n]
    }
    #[inline(always)]
    pub fn ci_mut(&mut self) -> &mut CallInfo {
        let n = self.cis.len() - 1;
        &mut self.cis[n]
    }

    /// Usable stack size (without the extra slots).
    #[inline(always)]
    pub fn stack_size(&self) -> usize {
        self.stack.len() - EXTRA_STACK
    }

    /// Reallocates the stack to `new_size` usable slots and re-points the open upvalues.
    pub(crate) fn realloc_stack(&mut self, new_size: usize) {
        self.stack.resize(new_size + EXTRA_STACK, Value::Nil);
        let base = self.stack.as_mut_ptr();
        for uv in &self.open_upvals {
            let u = uv.get_mut();
            // SAFETY: open upvalues refer to slots below `top`, which are inside the resized stack.
            u.v = unsafe { base.add(u.index) };
        }
    }
}

/// Per-VM state shared by all threads.
pub struct Global {
    pub heap: Heap,
    pub strings: StringTable,
    pub registry: Gc<Table>,
    pub main_thread: Gc<Thread>,
    /// Interned metamethod names, indexed by `TmName`.
    pub tm_names: [Gc<LuaStr>; TM_N],
    /// Metatables of the basic types (strings, numbers, ...), indexed by `Type`.
    pub type_mt: [Option<Gc<Table>>; NUM_TYPES],
    /// The message of memory errors, preallocated so it can be raised without allocating.
    pub mem_err_msg: Gc<LuaStr>,
    pub gc: crate::gc::collect::GcState,
    /// Called instead of exiting when a panic-like unrecoverable condition occurs; unused by default.
    pub warn: crate::vm::warn::WarnState,
    /// Raised by the host (possibly from another thread) to stop running scripts.
    pub interrupt: std::sync::Arc<std::sync::atomic::AtomicBool>,
    /// The interrupt stays raised after it stopped a script (the default), or is one-shot.
    pub interrupt_sticky: bool,
    /// Interned strings of Rust literals (`State::static_str`).
    pub strcache: crate::vm::strcache::StrCache,
    /// Scratch buffer of the concatenation operator (see `State::concat`).
    pub concat_buf: Vec<u8>,
    /// What a host binding layer keeps in the VM (`api/bind.rs`): held values (GC roots), cached
    /// key strings, its context.
    pub host: crate::api::bind::HostData,
    /// Scratch buffer of string functions that build their result (`State::take_str_buf`).
    pub str_buf: Vec<u8>,
}

/// A handle on one thread of a VM: the `lua_State*` of the C API. Native functions receive `&mut State`.
pub struct State {
    pub(crate) g: NonNull<Global>,
    pub(crate) th: Gc<Thread>,
}

impl State {
    /// The global state.
    #[inline(always)]
    #[allow(clippy::mut_from_ref)]
    pub(crate) fn g<'a>(&self) -> &'a mut Global {
        // SAFETY: the Global outlives every State of its VM (it is freed only by `Vm::drop`, after which no
        // State exists), and it is only touched by the VM's single thread.
        unsafe { &mut *self.g.as_ptr() }
    }

    /// The current thread.
    #[inline(always)]
    #[allow(clippy::mut_from_ref)]
    pub(crate) fn th<'a>(&self) -> &'a mut Thread {
        self.th.get_mut()
    }

    /// A handle on another thread of the same VM.
    pub(crate) fn for_thread(&self, th: Gc<Thread>) -> State {
        State { g: self.g, th }
    }

    pub fn thread(&self) -> Gc<Thread> {
        self.th
    }

    /// Interns a string.
    pub fn new_str(&mut self, bytes: &[u8]) -> Result<Gc<LuaStr>, LuaError> {
        let g = self.g();
        g.strings
            .intern(&mut g.heap, bytes)
            .map_err(|_| self.mem_error())
    }

    /// Allocates a heap object, mapping the memory cap to a Lua memory error.
    pub fn alloc<T: HeapObject>(&mut self, v: T) -> Result<Gc<T>, LuaError> {
        self.g().heap.alloc(v).map_err(|_| self.mem_error())
    }

    /// The memory error value (`"not enough memory"`, status ERRMEM).
    #[cold]
    pub fn mem_error(&self) -> LuaError {
        LuaError {
            status: Status::ErrMem,
            value: Value::Str(self.g().mem_err_msg),
        }
    }

    pub(crate) fn oom(&self, _: OutOfMemory) -> LuaError {
        self.mem_error()
    }

    /// The interned name of a metamethod event.
    #[inline(always)]
    pub fn tm_name(&self, tm: TmName) -> Gc<LuaStr> {
        self.g().tm_names[tm as usize]
    }

    /// The global table.
    pub fn globals_table(&self) -> Gc<Table> {
        match self.g().registry.get().get_int(RIDX_GLOBALS) {
            Value::Table(t) => t,
            _ => unreachable_globals(),
        }
    }
}

#[cold]
fn unreachable_globals() -> ! {
    // The registry's globals slot is set at creation and the API refuses to replace it with a non-table.
    panic!("registry[LUA_RIDX_GLOBALS] is not a table")
}

/// Owner of a whole VM: creates the global state and the main thread, frees every object on drop.
/// Dereferences to the main thread's `State`.
pub struct Vm {
    state: State,
}

impl Vm {
    /// A new VM with no libraries opened.
    pub fn new() -> Vm {
        let seed = {
            let x = &SEED_SOURCE as *const _ as usize as u64;
            let t = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos() as u64)
                .unwrap_or(0);
            ((x ^ t).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as u32
        };
        let mut heap = Heap::new();
        let mut strings = StringTable::new(seed);
        let fixed = |heap: &mut Heap, strings: &mut StringTable, s: &[u8]| {
            let st = strings.intern(heap, s).expect("no memory cap at creation");
            st.header().set_flag(bits::FIXED);
            st
        };
        let tm_names = TM_NAMES.map(|n| fixed(&mut heap, &mut strings, n.as_bytes()));
        let mem_err_msg = fixed(&mut heap, &mut strings, b"not enough memory");
        let registry = heap.alloc(Table::new()).expect("no memory cap at creation");
        // The main thread needs the Global's address; build the Global with a placeholder thread first.
        let g = Box::new(Global {
            heap,
            strings,
            registry,
            main_thread: registry_placeholder(registry),
            tm_names,
            type_mt: [None; NUM_TYPES],
            mem_err_msg,
            gc: crate::gc::collect::GcState::default(),
            warn: crate::vm::warn::WarnState::default(),
            interrupt: Default::default(),
            interrupt_sticky: true,
            strcache: Default::default(),
            concat_buf: Vec::new(),
            host: Default::default(),
            str_buf: Vec::new(),
        });
        let gp = NonNull::from(Box::leak(g));
        // SAFETY: `gp` was just leaked from a Box and is uniquely owned here.
        let gm = unsafe { &mut *gp.as_ptr() };
        let main = gm
            .heap
            .alloc(Thread::new(gp))
            .expect("no memory cap at creation");
        gm.main_thread = main;
        // The main thread is never yieldable.
        main.get_mut().nny = 1;
        let globals = gm
            .heap
            .alloc(Table::new())
            .expect("no memory cap at creation");
        let reg = registry.get_mut();
        reg.set(
            &mut gm.heap,
            Value::Int(RIDX_MAINTHREAD),
            Value::Thread(main),
        )
        .expect("no cap");
        reg.set(
            &mut gm.heap,
            Value::Int(RIDX_GLOBALS),
            Value::Table(globals),
        )
        .expect("no cap");
        gm.gc.set_pause_threshold(&mut gm.heap);
        Vm {
            state: State { g: gp, th: main },
        }
    }
}

static SEED_SOURCE: u8 = 0;

/// A typed placeholder for `Global::main_thread` during construction; replaced before any use.
fn registry_placeholder(t: Gc<Table>) -> Gc<Thread> {
    // SAFETY: the value is overwritten with the real main thread before the Global is used; it is never
    // dereferenced as a Thread.
    unsafe { Gc::from_header(t.erase()) }
}

impl Default for Vm {
    fn default() -> Self {
        Self::new()
    }
}

impl std::ops::Deref for Vm {
    type Target = State;
    fn deref(&self) -> &State {
        &self.state
    }
}
impl std::ops::DerefMut for Vm {
    fn deref_mut(&mut self) -> &mut State {
        &mut self.state
    }
}

impl Drop for Vm {
    fn drop(&mut self) {
        crate::gc::collect::close_state(&mut self.state);
        // SAFETY: the Global was leaked from a Box in `Vm::new`; every object was freed by `close_state`
        // and no State of this VM can be used after the owner is dropped.
        unsafe { drop(Box::from_raw(self.state.g.as_ptr())) };
    }
}

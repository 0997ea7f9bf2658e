//! Function objects: runtime prototypes, Lua closures, native closures and upvalues.

use crate::compiler::proto::{LocVar, UpvalDesc};
use crate::gc::heap::{Gc, HeapObject, ObjKind};
use crate::value::string::LuaStr;
use crate::value::Value;
use crate::vm::error::LuaError;
use crate::vm::state::{NativeFn, State};

/// A loaded function prototype: the compiler's `FuncProto` with its constants turned into values.
pub struct Proto {
    pub code: Box<[u32]>,
    pub k: Box<[Value]>,
    pub protos: Box<[Gc<Proto>]>,
    pub upvalues: Box<[UpvalDesc]>,
    pub num_params: u8,
    pub is_vararg: bool,
    pub max_stack: u8,
    pub line_info: Box<[u32]>,
    pub loc_vars: Box<[LocVar]>,
    pub source: Gc<LuaStr>,
    pub line_defined: u32,
    pub last_line_defined: u32,
}

impl HeapObject for Proto {
    const KIND: ObjKind = ObjKind::Proto;
    fn extra_bytes(&self) -> usize {
        self.code.len() * 4
            + self.k.len() * std::mem::size_of::<Value>()
            + self.protos.len() * 8
            + self.line_info.len() * 4
            + self.upvalues.len() * std::mem::size_of::<UpvalDesc>()
            + self.loc_vars.len() * std::mem::size_of::<LocVar>()
    }
}

/// An upvalue: while open it points at a stack slot of the thread that created it; once closed it holds
/// its own value. `v` always points at the current location, so access is one indirection either way.
pub struct UpVal {
    pub v: *mut Value,
    pub closed: Value,
    /// Stack index while open.
    pub index: usize,
    pub open: bool,
}

impl HeapObject for UpVal {
    const KIND: ObjKind = ObjKind::UpVal;
}

impl UpVal {
    #[inline(always)]
    pub fn get(&self) -> Value {
        // SAFETY: `v` points either into the owning thread's stack (kept up to date when the stack is
        // reallocated, see `Thread::grow_stack`) or at `self.closed` (the box never moves).
        unsafe { *self.v }
    }
    #[inline(always)]
    pub fn set(&mut self, val: Value) {
        // SAFETY: as in `get`.
        unsafe { *self.v = val }
    }
}

/// A Lua closure. Its fields are the crate's own: the interpreter reads upvalue `n` without a bounds
/// check, relying on `upvals` having exactly as many entries as `proto` declares.
pub struct LClosure {
    pub(crate) proto: Gc<Proto>,
    pub(crate) upvals: Box<[Gc<UpVal>]>,
}

impl HeapObject for LClosure {
    const KIND: ObjKind = ObjKind::LClosure;
    fn extra_bytes(&self) -> usize {
        self.upvals.len() * 8
    }
}

/// A boxed Rust closure usable as a native function (for hosts that capture state).
pub type BoxedFn = Box<dyn Fn(&mut State) -> Result<usize, LuaError>>;

pub enum NativeKind {
    Fn(NativeFn),
    Boxed(BoxedFn),
}

pub struct NClosure {
    pub f: NativeKind,
    pub upvals: Box<[Value]>,
}

impl HeapObject for NClosure {
    const KIND: ObjKind = ObjKind::NClosure;
    fn extra_bytes(&self) -> usize {
        self.upvals.len() * std::mem::size_of::<Value>()
    }
}

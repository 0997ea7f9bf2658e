//! Metamethod events: their names, lookup (with the absent-metamethod cache) and calls.

use crate::gc::heap::Gc;
use crate::value::table::Table;
use crate::value::Value;
use crate::vm::error::LuaResult;
use crate::vm::state::State;

/// Metamethod events, in the reference's order (the first six are cached in `Table::tm_absent`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum TmName {
    Index,
    NewIndex,
    Gc,
    Mode,
    Len,
    Eq,
    Add,
    Sub,
    Mul,
    Mod,
    Pow,
    Div,
    IDiv,
    BAnd,
    BOr,
    BXor,
    Shl,
    Shr,
    Unm,
    BNot,
    Lt,
    Le,
    Concat,
    Call,
    Close,
}

pub const TM_N: usize = 25;

pub const TM_NAMES: [&str; TM_N] = [
    "__index",
    "__newindex",
    "__gc",
    "__mode",
    "__len",
    "__eq",
    "__add",
    "__sub",
    "__mul",
    "__mod",
    "__pow",
    "__div",
    "__idiv",
    "__band",
    "__bor",
    "__bxor",
    "__shl",
    "__shr",
    "__unm",
    "__bnot",
    "__lt",
    "__le",
    "__concat",
    "__call",
    "__close",
];

impl TmName {
    /// The event for a binary-operator metamethod index as encoded in MMBIN's C operand.
    pub fn from_u8(n: u8) -> Option<TmName> {
        use TmName::*;
        const ALL: [TmName; TM_N] = [
            Index, NewIndex, Gc, Mode, Len, Eq, Add, Sub, Mul, Mod, Pow, Div, IDiv, BAnd, BOr,
            BXor, Shl, Shr, Unm, BNot, Lt, Le, Concat, Call, Close,
        ];
        ALL.get(n as usize).copied()
    }
    pub fn name(self) -> &'static str {
        TM_NAMES[self as usize]
    }
}

impl State {
    /// The metatable of any value (tables and full userdata have their own; other types share one).
    #[inline]
    pub fn metatable_of(&self, v: &Value) -> Option<Gc<Table>> {
        match v {
            Value::Table(t) => t.get().meta,
            Value::UserData(u) => u.get().meta,
            other => self.g().type_mt[other.type_of() as usize],
        }
    }

    /// `mt[event]` with the absent cache for the cached events; nil when absent.
    #[inline(always)]
    pub fn fast_tm(&self, mt: Option<Gc<Table>>, event: TmName) -> Value {
        let Some(mt) = mt else { return Value::Nil };
        let t = mt.get_mut();
        let bit = 1u8 << (event as u8);
        if (event as u8) < 6 && t.tm_absent & bit != 0 {
            return Value::Nil;
        }
        let v = t.get_str(self.tm_name(event));
        if v.is_nil() && (event as u8) < 6 {
            t.tm_absent |= bit;
        }
        v
    }

    /// The metamethod of `v` for `event` (nil when absent).
    #[inline]
    pub fn tm_of(&self, v: &Value, event: TmName) -> Value {
        let mt = self.metatable_of(v);
        match mt {
            None => Value::Nil,
            Some(mt) => mt.get().get_str(self.tm_name(event)),
        }
    }

    /// Calls metamethod `f(a, b)` and returns its first result.
    pub fn call_tm_res(&mut self, f: Value, a: Value, b: Value) -> LuaResult<Value> {
        let th = self.th();
        let func = th.top;
        self.check_stack(3)?;
        let th = self.th();
        th.stack[func] = f;
        th.stack[func + 1] = a;
        th.stack[func + 2] = b;
        th.top = func + 3;
        self.call_tm_any(func, 1)?;
        let th = self.th();
        th.top -= 1;
        Ok(th.stack[th.top])
    }

    /// Calls metamethod `f(a, b, c)` with no results (`__newindex`).
    pub fn call_tm(&mut self, f: Value, a: Value, b: Value, c: Value) -> LuaResult<()> {
        let th = self.th();
        let func = th.top;
        self.check_stack(4)?;
        let th = self.th();
        th.stack[func] = f;
        th.stack[func + 1] = a;
        th.stack[func + 2] = b;
        th.stack[func + 3] = c;
        th.top = func + 4;
        self.call_tm_any(func, 0)
    }

    /// A metamethod call: yieldable when made from Lua code, not when made from a native function
    /// (the reference's `luaT_callTMres` choice). From native code it is also where the host's
    /// interrupt is checked: a native loop over native metamethods (`table.move` between proxies)
    /// runs no Lua instruction that would check it.
    fn call_tm_any(&mut self, func: usize, nresults: i32) -> LuaResult<()> {
        if self.th().ci().is_lua() {
            self.call_at(func, nresults)
        } else {
            if self
                .g()
                .interrupt
                .load(std::sync::atomic::Ordering::Relaxed)
            {
                return Err(self.interrupted_error());
            }
            self.call_noyield_at(func, nresults)
        }
    }
}

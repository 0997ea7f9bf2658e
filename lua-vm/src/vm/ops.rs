//! The slow paths of the VM's operations: indexing with `__index`/`__newindex` chains, arithmetic and
//! comparison metamethods, equality, length, concatenation and numeric `for` preparation. The loop in
//! `execute.rs` handles the common cases inline and calls these when they do not apply; the API uses
//! them directly.

use crate::gc::heap::Gc;
use crate::value::arith;
use crate::value::convert;
use crate::value::string::LuaStr;
use crate::value::table::Table;
use crate::value::{Type, Value};
use crate::vm::error::{LuaError, LuaResult};
use crate::vm::meta::TmName;
use crate::vm::state::State;

/// Where an operand came from, to name it in error messages ("local 'x'", "upvalue 'u'", ...).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hint {
    None,
    /// A register of the current Lua frame.
    Reg(u32),
    /// An upvalue of the current Lua closure.
    Upval(u32),
}

/// Maximum length of an `__index`/`__newindex` chain (the reference's MAXTAGLOOP).
const MAX_TAG_LOOP: usize = 2000;

/// Capacity up to which the concatenation buffer is kept for the next `..`.
const CONCAT_BUF_KEEP: usize = 4096;

/// Arithmetic and bitwise operators, numbered as `lua_arith`'s `LUA_OP*`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArithOp {
    Add = 0,
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
}

impl ArithOp {
    pub fn from_i32(n: i32) -> Option<ArithOp> {
        use ArithOp::*;
        [
            Add, Sub, Mul, Mod, Pow, Div, IDiv, BAnd, BOr, BXor, Shl, Shr, Unm, BNot,
        ]
        .get(n as usize)
        .copied()
    }
    pub fn event(self) -> TmName {
        TmName::from_u8(TmName::Add as u8 + self as u8).unwrap_or(TmName::Add)
    }
}

impl State {
    /// `t[k]` with `__index` (the reference's `luaV_finishget`, including the raw first try).
    pub fn index(&mut self, t: Value, k: Value, hint: Hint) -> LuaResult<Value> {
        let mut t = t;
        let mut hint = hint;
        for _ in 0..MAX_TAG_LOOP {
            let tm = match t {
                Value::Table(h) => {
                    let v = h.get().get(&k);
                    if !v.is_nil() {
                        return Ok(v);
                    }
                    let tm = self.fast_tm(h.get().meta, TmName::Index);
                    if tm.is_nil() {
                        return Ok(Value::Nil);
                    }
                    tm
                }
                _ => {
                    let tm = self.tm_of(&t, TmName::Index);
                    if tm.is_nil() {
                        return Err(self.type_error(&t, "index", hint, Some(&k)));
                    }
                    tm
                }
            };
            if tm.is_function() {
                return self.call_tm_res(tm, t, k);
            }
            t = tm;
            hint = Hint::None;
        }
        Err(self.runtime_error("'__index' chain too long; possible loop"))
    }

    /// `t[k]` for a string key when it needs no call: a raw hit, or a miss followed through
    /// `__index` tables (the class chains of object-oriented code, the string library behind
    /// `s:method()`). `None` when a function `__index`, a non-indexable value or a long chain is
    /// met: the caller then takes the general `index` path, which raises or calls as needed.
    ///
    /// The result is the slot the value is read from (a static nil for a miss), so that the VM copies
    /// it to a register as 16 raw bytes.
    #[inline(always)]
    pub(crate) fn index_str_fast(&self, t: Value, k: Gc<LuaStr>) -> Option<&Value> {
        let h = match t {
            Value::Table(h) => h,
            Value::Str(_) => {
                match self.fast_tm(self.g().type_mt[Type::String as usize], TmName::Index) {
                    Value::Table(h) => h,
                    _ => return None,
                }
            }
            _ => return None,
        };
        let v = h.get().get_str_slot(k);
        if !v.is_nil() {
            return Some(v);
        }
        self.index_str_after_miss(h.get().meta, k)
    }

    /// `index_str_fast` after a raw miss in a value whose metatable is `meta`: the `__index` tables
    /// from there (a few at most).
    #[inline(always)]
    pub(crate) fn index_str_after_miss(
        &self,
        mut meta: Option<Gc<Table>>,
        k: Gc<LuaStr>,
    ) -> Option<&Value> {
        for _ in 0..4 {
            match self.fast_tm(meta, TmName::Index) {
                Value::Nil => return Some(&Value::Nil),
                Value::Table(next) => {
                    let v = next.get().get_str_slot(k);
                    if !v.is_nil() {
                        return Some(v);
                    }
                    meta = next.get().meta;
                }
                _ => return None,
            }
        }
        None
    }

    /// `t[k] = v` with `__newindex` (the reference's `luaV_finishset`).
    pub fn newindex(&mut self, t: Value, k: Value, v: Value, hint: Hint) -> LuaResult<()> {
        let mut t = t;
        let mut hint = hint;
        for _ in 0..MAX_TAG_LOOP {
            let tm = match t {
                Value::Table(h) if h.get().meta.is_none() => {
                    return self.table_set_checked(h, k, v)
                }
                Value::Table(h) => {
                    let raw = h.get().get(&k);
                    let tm = if raw.is_nil() {
                        self.fast_tm(h.get().meta, TmName::NewIndex)
                    } else {
                        Value::Nil
                    };
                    if tm.is_nil() {
                        return self.table_set_checked(h, k, v);
                    }
                    tm
                }
                _ => {
                    let tm = self.tm_of(&t, TmName::NewIndex);
                    if tm.is_nil() {
                        return Err(self.type_error(&t, "index", hint, Some(&k)));
                    }
                    tm
                }
            };
            if tm.is_function() {
                return self.call_tm(tm, t, k, v);
            }
            t = tm;
            hint = Hint::None;
        }
        Err(self.runtime_error("'__newindex' chain too long; possible loop"))
    }

    /// Raw assignment with the reference's key checks ("index is nil", "index is NaN").
    pub fn table_set_checked(&mut self, h: Gc<Table>, k: Value, v: Value) -> LuaResult<()> {
        match k {
            Value::Nil => return Err(self.runtime_error("table index is nil")),
            Value::Num(f) if f.is_nan() => return Err(self.runtime_error("table index is NaN")),
            _ => {}
        }
        self.g().heap.barrier(h);
        h.get_mut()
            .set(&mut self.g().heap, k, v)
            .map_err(|e| self.oom(e))
    }

    /// Integer modulo, raising on a zero divisor.
    pub(crate) fn int_mod(&mut self, a: i64, b: i64) -> LuaResult<i64> {
        arith::int_mod(a, b).ok_or_else(|| self.runtime_error(arith::MOD_BY_ZERO))
    }

    /// Integer floor division, raising on a zero divisor.
    pub(crate) fn int_idiv(&mut self, a: i64, b: i64) -> LuaResult<i64> {
        arith::int_idiv(a, b).ok_or_else(|| self.runtime_error(arith::IDIV_BY_ZERO))
    }

    /// Raw arithmetic on numbers (no strings, no metamethods): `None` when it does not apply.
    pub fn arith_raw(&mut self, op: ArithOp, a: &Value, b: &Value) -> LuaResult<Option<Value>> {
        use ArithOp::*;
        match op {
            BAnd | BOr | BXor | Shl | Shr | BNot => {
                let (Some(x), Some(y)) = (convert::to_int_ns(a), convert::to_int_ns(b)) else {
                    return Ok(None);
                };
                Ok(Some(Value::Int(match op {
                    BAnd => x & y,
                    BOr => x | y,
                    BXor => x ^ y,
                    Shl => arith::shift_left(x, y),
                    Shr => arith::shift_left(x, y.wrapping_neg()),
                    _ => !x,
                })))
            }
            Div | Pow => {
                let (Some(x), Some(y)) = (convert::to_num_ns(a), convert::to_num_ns(b)) else {
                    return Ok(None);
                };
                Ok(Some(Value::Num(if op == Div {
                    x / y
                } else {
                    convert::float_pow(x, y)
                })))
            }
            _ => {
                if let (Value::Int(x), Value::Int(y)) = (a, b) {
                    let (x, y) = (*x, *y);
                    return Ok(Some(Value::Int(match op {
                        Add => x.wrapping_add(y),
                        Sub => x.wrapping_sub(y),
                        Mul => x.wrapping_mul(y),
                        Mod => self.int_mod(x, y)?,
                        IDiv => self.int_idiv(x, y)?,
                        _ => x.wrapping_neg(),
                    })));
                }
                let (Some(x), Some(y)) = (convert::to_num_ns(a), convert::to_num_ns(b)) else {
                    return Ok(None);
                };
                Ok(Some(Value::Num(match op {
                    Add => x + y,
                    Sub => x - y,
                    Mul => x * y,
                    Mod => arith::float_mod(x, y),
                    IDiv => arith::float_idiv(x, y),
                    _ => -x,
                })))
            }
        }
    }

    /// Full arithmetic (`lua_arith`): raw numbers first, then the metamethod.
    pub fn arith(&mut self, op: ArithOp, a: Value, b: Value) -> LuaResult<Value> {
        if let Some(v) = self.arith_raw(op, &a, &b)? {
            return Ok(v);
        }
        self.arith_tm(a, b, op.event(), Hint::None, Hint::None)
    }

    /// Calls the binary metamethod for `event` (first operand's, else second's) or raises the
    /// reference's error for the operator (`luaT_trybinTM`).
    pub(crate) fn arith_tm(
        &mut self,
        a: Value,
        b: Value,
        event: TmName,
        ha: Hint,
        hb: Hint,
    ) -> LuaResult<Value> {
        let mut tm = self.tm_of(&a, event);
        if tm.is_nil() {
            tm = self.tm_of(&b, event);
        }
        if !tm.is_nil() {
            return self.call_tm_res(tm, a, b);
        }
        use TmName::*;
        match event {
            BAnd | BOr | BXor | Shl | Shr | BNot => {
                if a.is_number() && b.is_number() {
                    Err(self.to_int_error(&a, &b, ha, hb))
                } else {
                    Err(self.op_int_error(&a, &b, ha, hb, "perform bitwise operation on"))
                }
            }
            _ => Err(self.op_int_error(&a, &b, ha, hb, "perform arithmetic on")),
        }
    }

    /// `luaG_opinterror`: blames the first operand that is not a number.
    fn op_int_error(&mut self, a: &Value, b: &Value, ha: Hint, hb: Hint, msg: &str) -> LuaError {
        if !a.is_number() {
            self.type_error(a, msg, ha, None)
        } else {
            self.type_error(b, msg, hb, None)
        }
    }

    /// `luaG_tointerror`: "number has no integer representation".
    #[allow(clippy::wrong_self_convention)]
    fn to_int_error(&mut self, a: &Value, _b: &Value, ha: Hint, hb: Hint) -> LuaError {
        let hint = if convert::to_int_ns(a).is_none() {
            ha
        } else {
            hb
        };
        let info = self.varinfo(hint);
        self.runtime_error(format!("number{info} has no integer representation"))
    }

    /// `a < b` with `__lt`.
    pub fn less_than(&mut self, a: Value, b: Value) -> LuaResult<bool> {
        match (&a, &b) {
            (Value::Int(x), Value::Int(y)) => Ok(x < y),
            (Value::Int(_) | Value::Num(_), Value::Int(_) | Value::Num(_)) => {
                Ok(convert::num_lt(&a, &b))
            }
            (Value::Str(x), Value::Str(y)) => Ok(str_cmp(*x, *y).is_lt()),
            _ => self.order_tm(a, b, false, TmName::Lt),
        }
    }

    /// `a <= b` with `__le`.
    pub fn less_equal(&mut self, a: Value, b: Value) -> LuaResult<bool> {
        match (&a, &b) {
            (Value::Int(x), Value::Int(y)) => Ok(x <= y),
            (Value::Int(_) | Value::Num(_), Value::Int(_) | Value::Num(_)) => {
                Ok(convert::num_le(&a, &b))
            }
            (Value::Str(x), Value::Str(y)) => Ok(str_cmp(*x, *y).is_le()),
            _ => self.order_tm(a, b, false, TmName::Le),
        }
    }

    /// Order metamethod call (`luaT_callorderTM`); `flip` swaps the operands (for `GTI`/`GEI`).
    pub(crate) fn order_tm(
        &mut self,
        a: Value,
        b: Value,
        flip: bool,
        event: TmName,
    ) -> LuaResult<bool> {
        let (a, b) = if flip { (b, a) } else { (a, b) };
        if a.is_number() && b.is_number() {
            return Ok(if event == TmName::Lt {
                convert::num_lt(&a, &b)
            } else {
                convert::num_le(&a, &b)
            });
        }
        let mut tm = self.tm_of(&a, event);
        if tm.is_nil() {
            tm = self.tm_of(&b, event);
        }
        if tm.is_nil() && event == TmName::Le {
            // The reference as built (LUA_COMPAT_LT_LE) tries `not (b < a)` for `a <= b`.
            let mut lt = self.tm_of(&b, TmName::Lt);
            if lt.is_nil() {
                lt = self.tm_of(&a, TmName::Lt);
            }
            if !lt.is_nil() {
                return Ok(self.call_tm_res(lt, b, a)?.is_falsy());
            }
        }
        if tm.is_nil() {
            return Err(self.order_error(&a, &b));
        }
        Ok(!self.call_tm_res(tm, a, b)?.is_falsy())
    }

    fn order_error(&mut self, a: &Value, b: &Value) -> LuaError {
        let t1 = self.obj_type_name(a);
        let t2 = self.obj_type_name(b);
        if t1 == t2 {
            self.runtime_error(format!("attempt to compare two {t1} values"))
        } else {
            self.runtime_error(format!("attempt to compare {t1} with {t2}"))
        }
    }

    /// `a == b` with `__eq` (for tables and full userdata).
    pub fn equal(&mut self, a: Value, b: Value) -> LuaResult<bool> {
        if a.raw_eq(&b) {
            return Ok(true);
        }
        let same_kind = matches!(
            (&a, &b),
            (Value::Table(_), Value::Table(_)) | (Value::UserData(_), Value::UserData(_))
        );
        if !same_kind {
            return Ok(false);
        }
        let mut tm = self.fast_tm(self.metatable_of(&a), TmName::Eq);
        if tm.is_nil() {
            tm = self.fast_tm(self.metatable_of(&b), TmName::Eq);
        }
        if tm.is_nil() {
            return Ok(false);
        }
        Ok(!self.call_tm_res(tm, a, b)?.is_falsy())
    }

    /// `#v` with `__len`.
    pub fn obj_len(&mut self, v: Value, hint: Hint) -> LuaResult<Value> {
        match v {
            Value::Table(h) => {
                let tm = self.fast_tm(h.get().meta, TmName::Len);
                if tm.is_nil() {
                    return Ok(Value::Int(h.get().length()));
                }
                self.call_tm_res(tm, v, v)
            }
            Value::Str(s) => Ok(Value::Int(s.get().len() as i64)),
            _ => {
                let tm = self.tm_of(&v, TmName::Len);
                if tm.is_nil() {
                    return Err(self.type_error(&v, "get length of", hint, None));
                }
                self.call_tm_res(tm, v, v)
            }
        }
    }

    /// Concatenates the `total` values on top of the stack, leaving the result in the first one's place
    /// (`luaV_concat`): runs of strings and numbers are joined in one buffer, other pairs use `__concat`.
    pub fn concat(&mut self, total: usize) -> LuaResult<()> {
        let mut total = total;
        while total > 1 {
            let th = self.th();
            let top = th.top;
            let a = th.stack[top - 2];
            let b = th.stack[top - 1];
            let mut n = 2;
            if !is_stringish(&a) || !is_stringish(&b) {
                self.concat_tm(a, b, top)?;
            } else if matches!(b, Value::Str(s) if s.get().is_empty()) {
                let s = self.to_string_value(a)?;
                self.th().stack[top - 2] = s;
            } else if matches!(a, Value::Str(s) if s.get().is_empty()) {
                // The result is the second operand, converted to a string (`"" .. 12` is "12").
                let s = self.to_string_value(b)?;
                self.th().stack[top - 2] = s;
            } else {
                // Collect as many string-like values as possible.
                let th = self.th();
                n = 1;
                let mut len = value_str_len(&th.stack[top - 1]);
                while n < total && is_stringish(&th.stack[top - n - 1]) {
                    len = len.saturating_add(value_str_len(&th.stack[top - n - 1]));
                    n += 1;
                }
                if len >= (i32::MAX as usize) * 2 {
                    return Err(self.runtime_error("string length overflow"));
                }
                // A buffer kept in the global state between concatenations (no malloc/free per
                // `..`); one that grew large is not kept.
                let mut buf = std::mem::take(&mut self.g().concat_buf);
                buf.clear();
                self.reserve_buffer(&mut buf, len)?;
                let th = self.th();
                for j in (1..=n).rev() {
                    append_stringish(&mut buf, &th.stack[top - j]);
                }
                let s = self.new_str(&buf);
                if buf.capacity() <= CONCAT_BUF_KEEP {
                    self.g().concat_buf = buf;
                }
                self.th().stack[top - n] = Value::Str(s?);
            }
            total -= n - 1;
            self.th().top -= n - 1;
        }
        Ok(())
    }

    fn concat_tm(&mut self, a: Value, b: Value, top: usize) -> LuaResult<()> {
        let mut tm = self.tm_of(&a, TmName::Concat);
        if tm.is_nil() {
            tm = self.tm_of(&b, TmName::Concat);
        }
        if tm.is_nil() {
            // Blame the first operand that is not a string or number; its register is known.
            let base = self.th().ci().func + 1;
            let (bad, pos) = if is_stringish(&a) {
                (b, top - 1)
            } else {
                (a, top - 2)
            };
            let hint = if self.th().ci().is_lua() && pos >= base {
                Hint::Reg((pos - base) as u32)
            } else {
                Hint::None
            };
            return Err(self.type_error(&bad, "concatenate", hint, None));
        }
        let r = self.call_tm_res(tm, a, b)?;
        self.th().stack[top - 2] = r;
        Ok(())
    }

    /// A number converted to a string value; strings are returned as they are.
    #[allow(clippy::wrong_self_convention)]
    pub(crate) fn to_string_value(&mut self, v: Value) -> LuaResult<Value> {
        match v {
            Value::Str(_) => Ok(v),
            Value::Int(i) => {
                let mut buf = [0u8; 20];
                Ok(Value::Str(self.new_str(format_int(&mut buf, i))?))
            }
            Value::Num(_) => {
                let mut buf = Vec::new();
                append_stringish(&mut buf, &v);
                Ok(Value::Str(self.new_str(&buf)?))
            }
            _ => Ok(v),
        }
    }

    /// `FORPREP`: checks and converts the loop values at `ra..ra+3`; returns true to skip the loop.
    pub(crate) fn for_prep(&mut self, ra: usize) -> LuaResult<bool> {
        let th = self.th();
        let (init, limit, step) = (th.stack[ra], th.stack[ra + 1], th.stack[ra + 2]);
        if let (Value::Int(init), Value::Int(step)) = (init, step) {
            if step == 0 {
                return Err(self.runtime_error("'for' step is zero"));
            }
            self.th().stack[ra + 3] = Value::Int(init);
            let Some(count) = self
                .for_limit(&limit, step)?
                .and_then(|limit| for_count(init, limit, step))
            else {
                return Ok(true);
            };
            self.th().stack[ra + 1] = Value::Int(count as i64);
            return Ok(false);
        }
        let Some(flimit) = convert::to_number(&limit) else {
            return Err(self.for_error(&limit, "limit"));
        };
        let Some(fstep) = convert::to_number(&step) else {
            return Err(self.for_error(&step, "step"));
        };
        let Some(finit) = convert::to_number(&init) else {
            return Err(self.for_error(&init, "initial value"));
        };
        if fstep == 0.0 {
            return Err(self.runtime_error("'for' step is zero"));
        }
        let skip = if 0.0 < fstep {
            flimit < finit
        } else {
            finit < flimit
        };
        if skip {
            return Ok(true);
        }
        let th = self.th();
        th.stack[ra] = Value::Num(finit);
        th.stack[ra + 1] = Value::Num(flimit);
        th.stack[ra + 2] = Value::Num(fstep);
        th.stack[ra + 3] = Value::Num(finit);
        Ok(false)
    }

    /// The integer limit of an integer loop (a float limit clipped to the integers), or `None` when
    /// a float limit beyond the integers is on the wrong side for the step (`forlimit`).
    fn for_limit(&mut self, lim: &Value, step: i64) -> LuaResult<Option<i64>> {
        let mode = if step < 0 {
            arith::F2I::Ceil
        } else {
            arith::F2I::Floor
        };
        let limit = match convert::to_integer_mode(lim, mode) {
            Some(l) => l,
            None => {
                let Some(fl) = convert::to_number(lim) else {
                    return Err(self.for_error(lim, "limit"));
                };
                if 0.0 < fl {
                    if step < 0 {
                        return Ok(None);
                    }
                    i64::MAX
                } else {
                    if step > 0 {
                        return Ok(None);
                    }
                    i64::MIN
                }
            }
        };
        Ok(Some(limit))
    }

    fn for_error(&mut self, v: &Value, what: &str) -> LuaError {
        let t = self.obj_type_name(v);
        self.runtime_error(format!("bad 'for' {what} (number expected, got {t})"))
    }
}

/// The iteration count (minus one) of an integer loop with a non-zero step (`forprep`'s `count`), or
/// `None` when the loop does not run at all: computed unsigned, so the whole range of integers works;
/// the common step 1 needs no division.
#[inline(always)]
pub(crate) fn for_count(init: i64, limit: i64, step: i64) -> Option<u64> {
    if step > 0 {
        if init > limit {
            return None;
        }
        let c = (limit as u64).wrapping_sub(init as u64);
        Some(if step != 1 { c / step as u64 } else { c })
    } else {
        if init < limit {
            return None;
        }
        let c = (init as u64).wrapping_sub(limit as u64);
        Some(c / ((-(step + 1)) as u64 + 1))
    }
}

/// Byte-wise comparison of two strings (the C locale's `strcoll`, embedded zeros included).
pub fn str_cmp(a: Gc<LuaStr>, b: Gc<LuaStr>) -> std::cmp::Ordering {
    if a == b {
        return std::cmp::Ordering::Equal;
    }
    a.get().as_bytes().cmp(b.get().as_bytes())
}

#[inline]
fn is_stringish(v: &Value) -> bool {
    matches!(v, Value::Str(_) | Value::Int(_) | Value::Num(_))
}

fn value_str_len(v: &Value) -> usize {
    match v {
        Value::Str(s) => s.get().len(),
        _ => 24,
    }
}

/// Appends a string or the text of a number (as `tostring` writes it).
pub(crate) fn append_stringish(buf: &mut Vec<u8>, v: &Value) {
    match v {
        Value::Str(s) => buf.extend_from_slice(s.get().as_bytes()),
        Value::Int(i) => crate::text::numfmt::write_integer(buf, *i),
        Value::Num(f) => crate::text::numfmt::write_float(buf, *f),
        _ => {}
    }
}

/// The decimal digits of `i` (as `%d` writes them), in `buf`, without allocating.
pub(crate) fn format_int(buf: &mut [u8; 20], i: i64) -> &[u8] {
    // |i64::MIN| has 19 digits: there is always room for the sign.
    let mut at = crate::text::numfmt::u64_digits(i.unsigned_abs(), buf);
    if i < 0 {
        at -= 1;
        buf[at] = b'-';
    }
    &buf[at..]
}

#[cfg(test)]
mod format_int_tests {
    use super::format_int;

    #[test]
    fn integers_format_like_percent_d() {
        for i in [0, 7, -7, 10, 1234567890, i64::MAX, i64::MIN, -1, 100] {
            let mut buf = [0u8; 20];
            assert_eq!(format_int(&mut buf, i), i.to_string().as_bytes());
        }
    }
}

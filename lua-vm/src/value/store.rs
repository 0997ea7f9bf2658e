//! Whole-value stores and copies for the hot paths (stack slots, table slots, upvalues).
//!
//! Store-to-load forwarding on the x86 cores we measure only works well when a load has the width and
//! address of the store that wrote the data: an 8-byte load of a word just written by an 8-byte store
//! is forwarded in a cycle or less, while an 8-byte load of half of a 16-byte vector store, or a 16-byte
//! load of a value written as a tag byte plus a payload word, stalls for 20-odd cycles. Rust's own code
//! for `Value` mixes the two (typed copies move 16 bytes at once, `match` reads a tag byte and an
//! 8-byte payload), so the interpreter's hot paths go through this module instead: every value is
//! written as two 8-byte words (the tag word, which holds the tag byte and a boolean's byte, and the
//! payload) and copied word by word, and readers load the tag byte and the payload word, which both
//! forward from those stores (measurements in BENCHMARKS.md).

use std::mem::MaybeUninit;

use super::Value;

// The tag bytes of `repr(u8)` `Value` (checked by the tests below).
pub const TAG_NIL: u8 = 0;
pub const TAG_BOOL: u8 = 1;
pub const TAG_INT: u8 = 2;
pub const TAG_NUM: u8 = 3;
pub const TAG_STR: u8 = 4;
pub const TAG_TABLE: u8 = 5;
pub const TAG_LFN: u8 = 6;

/// Stores `Value::Int(i)` at `dst` as two 8-byte words.
///
/// # Safety
/// `dst` must be valid for writes of a `Value`.
#[inline(always)]
pub unsafe fn put_int(dst: *mut Value, i: i64) {
    // SAFETY: the caller guarantees `dst` is writable; the bits written are those of `Value::Int(i)`
    // (tag 2 at offset 0, as `repr(u8)` numbers the variants, payload at offset 8).
    unsafe { put_raw(dst, TAG_INT, i as u64) }
}

/// Stores `Value::Num(n)` at `dst` as two 8-byte words.
///
/// # Safety
/// `dst` must be valid for writes of a `Value`.
#[inline(always)]
pub unsafe fn put_num(dst: *mut Value, n: f64) {
    // SAFETY: as in `put_int`, for `Value::Num` (tag 3).
    unsafe { put_raw(dst, TAG_NUM, n.to_bits()) }
}

/// Stores any value at `dst` as two 8-byte words.
///
/// # Safety
/// `dst` must be valid for writes of a `Value`.
#[inline(always)]
pub unsafe fn put(dst: *mut Value, v: Value) {
    // SAFETY: `Value` is 16 bytes; `MaybeUninit` words may hold its uninitialized padding bytes.
    let [lo, hi] = unsafe { std::mem::transmute::<Value, [MaybeUninit<u64>; 2]>(v) };
    // SAFETY: the caller guarantees `dst` is writable; the words are the bytes of `v`.
    unsafe { put_words(dst, lo, hi) }
}

/// `*slot = v` as two 8-byte words (safe form of [`put`]).
#[inline(always)]
pub fn write(slot: &mut Value, v: Value) {
    // SAFETY: a `&mut Value` is valid for writes of a `Value`.
    unsafe { put(slot, v) }
}

/// `*slot` read as two 8-byte words (safe form of [`get`]).
#[inline(always)]
pub fn read(slot: &Value) -> Value {
    // SAFETY: a `&Value` is valid for reads of a `Value`.
    unsafe { get(slot) }
}

/// `*slot = Value::Int(i)` as two 8-byte words (safe form of [`put_int`]).
#[inline(always)]
pub fn write_int(slot: &mut Value, i: i64) {
    // SAFETY: a `&mut Value` is valid for writes of a `Value`.
    unsafe { put_int(slot, i) }
}

/// `*slot = Value::Num(n)` as two 8-byte words (safe form of [`put_num`]).
#[inline(always)]
pub fn write_num(slot: &mut Value, n: f64) {
    // SAFETY: a `&mut Value` is valid for writes of a `Value`.
    unsafe { put_num(slot, n) }
}

/// The tag byte of the value at `src`.
///
/// # Safety
/// `src` must be valid for reads of a `Value`.
#[inline(always)]
pub unsafe fn tag(src: *const Value) -> u8 {
    // SAFETY: the caller's contract; the tag byte is at offset 0 of every `Value`.
    unsafe { src.cast::<u8>().read() }
}

/// The payload of the value at `src`, whose tag the caller checked is `TAG_INT`.
///
/// # Safety
/// `src` must be valid for reads of a `Value` holding an integer.
#[inline(always)]
pub unsafe fn int_at(src: *const Value) -> i64 {
    // SAFETY: the caller's contract; an integer's payload is at offset 8. Volatile keeps this an
    // integer load of its own (not merged with a float load of the same word, which would cost a
    // register transfer on the float path).
    unsafe { src.cast::<i64>().add(1).read_volatile() }
}

/// The payload of the value at `src`, whose tag the caller checked is `TAG_NUM`.
///
/// # Safety
/// `src` must be valid for reads of a `Value` holding a float.
#[inline(always)]
pub unsafe fn num_at(src: *const Value) -> f64 {
    // SAFETY: the caller's contract; a float's payload is at offset 8 (read straight into a float
    // register, see `int_at`).
    unsafe { src.cast::<f64>().add(1).read_volatile() }
}

/// The value at `src` as a float if it is a number (no string coercion).
///
/// # Safety
/// `src` must be valid for reads of a `Value`.
#[inline(always)]
pub unsafe fn num_operand(src: *const Value) -> Option<f64> {
    // SAFETY: the caller's contract; the payload is read as the type its tag says.
    unsafe {
        match tag(src) {
            TAG_NUM => Some(num_at(src)),
            TAG_INT => Some(int_at(src) as f64),
            _ => None,
        }
    }
}

/// Reads the value at `src` as two 8-byte words.
///
/// # Safety
/// `src` must be valid for reads of a `Value`.
#[inline(always)]
pub unsafe fn get(src: *const Value) -> Value {
    // SAFETY: the caller's contract; the words are the bytes of a valid value.
    unsafe { std::mem::transmute::<[MaybeUninit<u64>; 2], Value>(words(src)) }
}

/// Copies the value at `src` to `dst` as two 8-byte words.
///
/// # Safety
/// `src` must be valid for reads and `dst` for writes of a `Value`; they must not overlap partially.
#[inline(always)]
pub unsafe fn copy(dst: *mut Value, src: *const Value) {
    // SAFETY: the caller's contract; a word-by-word copy of a valid value is a valid value.
    unsafe {
        let [lo, hi] = words(src);
        put_words(dst, lo, hi);
    }
}

/// The two words of the value at `src` (padding bytes travel as `MaybeUninit`). Volatile reads stay
/// two 8-byte loads, never fused into one 16-byte vector load (which LLVM does to spill a value), and
/// are not moved before the checks that guard them.
#[inline(always)]
unsafe fn words(src: *const Value) -> [MaybeUninit<u64>; 2] {
    // SAFETY: the caller guarantees `src` is readable for 16 bytes.
    unsafe {
        let s = src.cast::<MaybeUninit<u64>>();
        [s.read_volatile(), s.add(1).read_volatile()]
    }
}

#[inline(always)]
unsafe fn put_raw(dst: *mut Value, tag: u8, payload: u64) {
    // SAFETY: the caller's contract (see `put_words`).
    unsafe {
        put_words(
            dst,
            MaybeUninit::new(u64::from(tag)),
            MaybeUninit::new(payload),
        )
    }
}

#[inline(always)]
unsafe fn put_words(dst: *mut Value, lo: MaybeUninit<u64>, hi: MaybeUninit<u64>) {
    // SAFETY: the caller guarantees `dst` is writable for 16 bytes and that the words are the bytes of
    // a valid `Value`. Volatile writes stay two 8-byte stores (never fused into one vector store).
    unsafe {
        let w = dst.cast::<MaybeUninit<u64>>();
        w.write_volatile(lo);
        w.add(1).write_volatile(hi);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stores_read_back_as_the_same_values() {
        let mut v = Value::Nil;
        // SAFETY: `v` is a live, writable `Value`.
        unsafe { put_int(&mut v, -5) };
        assert!(matches!(v, Value::Int(-5)));
        // SAFETY: the slot is a live, writable `Value`.
        unsafe { put_num(&mut v, 2.5) };
        assert!(matches!(v, Value::Num(x) if x == 2.5));
        // SAFETY: the slot is a live, writable `Value`.
        unsafe { put_int(&mut v, i64::MIN) };
        assert!(matches!(v, Value::Int(i64::MIN)));
        // SAFETY: the slot is a live, writable `Value`.
        unsafe { put_num(&mut v, f64::NAN) };
        assert!(matches!(v, Value::Num(x) if x.is_nan()));
    }

    #[test]
    fn put_writes_every_variant_in_the_enum_layout() {
        let mut vm = crate::vm::state::Vm::new();
        let samples = crate::value::one_of_each_variant(&mut vm);
        for v in samples {
            let mut slot = Value::Int(99);
            // SAFETY: the slot is a live, writable `Value`.
            unsafe { put(&mut slot, v) };
            assert!(
                slot.raw_eq(&v),
                "{} stored as {}",
                v.type_name(),
                slot.type_name()
            );
            assert_eq!(slot.type_name(), v.type_name());
        }
    }

    #[test]
    fn copy_and_get_keep_every_variant() {
        let mut vm = crate::vm::state::Vm::new();
        let samples = crate::value::one_of_each_variant(&mut vm);
        for v in samples {
            let mut slot = Value::Bool(true);
            // SAFETY: both are live `Value`s; `slot` is writable.
            unsafe { copy(&mut slot, &v) };
            assert!(
                slot.raw_eq(&v),
                "{} copied as {}",
                v.type_name(),
                slot.type_name()
            );
            // SAFETY: `slot` is a live `Value`.
            let back = unsafe { get(&slot) };
            assert!(
                back.raw_eq(&v),
                "{} read as {}",
                v.type_name(),
                back.type_name()
            );
        }
        // A boolean's byte sits in the tag word: both booleans survive a copy.
        for b in [false, true] {
            let mut slot = Value::Nil;
            // SAFETY: as above.
            unsafe { copy(&mut slot, &Value::Bool(b)) };
            assert!(matches!(slot, Value::Bool(x) if x == b));
        }
    }

    #[test]
    fn tag_constants_are_the_variants_tag_bytes() {
        let mut vm = crate::vm::state::Vm::new();
        for v in crate::value::one_of_each_variant(&mut vm) {
            // SAFETY: `v` is a live `Value`.
            let t = unsafe { tag(&v) };
            let want = match v {
                Value::Nil => TAG_NIL,
                Value::Bool(_) => TAG_BOOL,
                Value::Int(_) => TAG_INT,
                Value::Num(_) => TAG_NUM,
                Value::Str(_) => TAG_STR,
                Value::Table(_) => TAG_TABLE,
                Value::LFn(_) => TAG_LFN,
                _ => continue,
            };
            assert_eq!(t, want, "{}", v.type_name());
        }
    }

    #[test]
    fn numeric_operands_are_read_by_their_tags() {
        let mut vm = crate::vm::state::Vm::new();
        let samples = crate::value::one_of_each_variant(&mut vm);
        for v in samples {
            // SAFETY: `v` is a live `Value`.
            let (t, n) = unsafe { (tag(&v), num_operand(&v)) };
            match v {
                Value::Int(i) => {
                    assert_eq!(t, TAG_INT);
                    // SAFETY: the tag says integer.
                    assert_eq!(unsafe { int_at(&v) }, i);
                    assert_eq!(n, Some(i as f64));
                }
                Value::Num(f) => {
                    assert_eq!(t, TAG_NUM);
                    // SAFETY: the tag says float.
                    assert_eq!(unsafe { num_at(&v) }.to_bits(), f.to_bits());
                    assert_eq!(n.map(f64::to_bits), Some(f.to_bits()));
                }
                // Strings are not coerced here (that is the metamethod path's job).
                _ => {
                    assert_ne!(t, TAG_INT);
                    assert_ne!(t, TAG_NUM);
                    assert_eq!(n, None);
                }
            }
        }
    }
}

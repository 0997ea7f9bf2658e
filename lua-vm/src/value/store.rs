//! Whole-value stores of numbers into stack slots.
//!
//! Writing `Value::Num(x)` the ordinary way compiles to a 1-byte tag store and an 8-byte payload
//! store; the next copy of that slot (a move, a table store, an argument) reads it back with one
//! 16-byte load, which the CPU cannot forward from two smaller pending stores, and stalls for
//! ten-odd cycles. The arithmetic and loop instructions therefore write their results here with a
//! single 16-byte store.

use super::Value;

const TAG_INT: u64 = 2;
const TAG_NUM: u64 = 3;

/// Stores `Value::Int(i)` at `dst` with one 16-byte store.
///
/// # Safety
/// `dst` must be valid for writes of a `Value`.
#[inline(always)]
pub unsafe fn put_int(dst: *mut Value, i: i64) {
    // SAFETY: the caller guarantees `dst` is writable; the bits written are those of `Value::Int(i)`
    // (tag 2 at offset 0, as `repr(u8)` numbers the variants, payload at offset 8).
    unsafe { put_raw(dst, TAG_INT, i as u64) }
}

/// Stores `Value::Num(n)` at `dst` with one 16-byte store.
///
/// # Safety
/// `dst` must be valid for writes of a `Value`.
#[inline(always)]
pub unsafe fn put_num(dst: *mut Value, n: f64) {
    // SAFETY: as in `put_int`, for `Value::Num` (tag 3).
    unsafe { put_raw(dst, TAG_NUM, n.to_bits()) }
}

/// Stores any value at `dst` with one 16-byte store. Meant for values whose variant the compiler
/// can see (a constructor just built); on an unknown value the match costs a jump table.
///
/// # Safety
/// `dst` must be valid for writes of a `Value`.
#[inline(always)]
pub unsafe fn put(dst: *mut Value, v: Value) {
    // The low word holds the tag byte (and a boolean's byte at offset 1, where `repr(u8)` puts
    // it); the high word the payload at offset 8.
    let (lo, hi) = match v {
        Value::Nil => (0, 0),
        Value::Bool(b) => (1 | (b as u64) << 8, 0),
        Value::Int(i) => (TAG_INT, i as u64),
        Value::Num(n) => (TAG_NUM, n.to_bits()),
        Value::Str(s) => (4, s.addr() as u64),
        Value::Table(t) => (5, t.addr() as u64),
        Value::LFn(f) => (6, f.addr() as u64),
        Value::NFn(f) => (7, f as usize as u64),
        Value::NCl(f) => (8, f.addr() as u64),
        Value::UserData(u) => (9, u.addr() as u64),
        Value::LightUserData(p) => (10, p as u64),
        Value::Thread(t) => (11, t.addr() as u64),
    };
    // SAFETY: the caller guarantees `dst` is writable; `lo`/`hi` are the bytes of `v` in the
    // `repr(u8)` layout (checked by the tests below).
    unsafe { put_raw(dst, lo, hi) }
}

/// `*slot = v` with one 16-byte store (safe form of [`put`]).
#[inline(always)]
pub fn write(slot: &mut Value, v: Value) {
    // SAFETY: a `&mut Value` is valid for writes of a `Value`.
    unsafe { put(slot, v) }
}

/// `*slot = Value::Int(i)` with one 16-byte store (safe form of [`put_int`]).
#[inline(always)]
pub fn write_int(slot: &mut Value, i: i64) {
    // SAFETY: a `&mut Value` is valid for writes of a `Value`.
    unsafe { put_int(slot, i) }
}

/// `*slot = Value::Num(n)` with one 16-byte store (safe form of [`put_num`]).
#[inline(always)]
pub fn write_num(slot: &mut Value, n: f64) {
    // SAFETY: a `&mut Value` is valid for writes of a `Value`.
    unsafe { put_num(slot, n) }
}

/// Copies the value at `src` to `dst` as 16 raw bytes (one 16-byte load and store). A typed copy of a
/// value of unknown variant can be split by the compiler into a tag byte and two overlapping 8-byte
/// words (a boolean's byte sits at offset 1), which defeats store forwarding on the next copy.
///
/// # Safety
/// `src` must be valid for reads and `dst` for writes of a `Value`; they must not overlap partially.
#[inline(always)]
pub unsafe fn copy(dst: *mut Value, src: *const Value) {
    // SAFETY: the caller's contract; a byte copy of a valid value is a valid value.
    unsafe { std::ptr::copy(src, dst, 1) }
}

#[inline(always)]
unsafe fn put_raw(dst: *mut Value, tag: u64, payload: u64) {
    #[cfg(target_arch = "x86_64")]
    {
        use core::arch::x86_64::{_mm_set_epi64x, _mm_storeu_si128};
        // SAFETY: SSE2 is part of x86_64; `dst` is writable for 16 bytes (the caller's contract).
        unsafe {
            _mm_storeu_si128(dst.cast(), _mm_set_epi64x(payload as i64, tag as i64));
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        // SAFETY: the caller guarantees `dst` is writable for 16 bytes; the words are the bytes of a
        // valid `Value` (see the callers).
        unsafe {
            let w = dst.cast::<u64>();
            w.write(tag);
            w.add(1).write(payload);
        }
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
}

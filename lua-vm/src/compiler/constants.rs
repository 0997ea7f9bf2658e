//! The constant table: adding constants with reuse, through a cache shared by all the functions of a
//! chunk and keyed like the reference's scanner table (so indices come out the same).
#![forbid(unsafe_code)]

use super::opcode::MAXARG_AX;
use super::parser::{PResult, Parser};
use super::proto::Constant;
use super::token::Name;

/// A key of the constant cache, normalized as a Lua table normalizes keys (integral floats become
/// integers).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum KKey {
    /// Stands for nil (which cannot be a table key).
    Nil,
    Bool(bool),
    Int(i64),
    Flt(u64),
    Str(Name),
}

/// The integer equal to `f`, if any (the reference's `luaV_flttointeger` in exact mode).
pub fn float_to_int(f: f64) -> Option<i64> {
    if f.floor() == f && (-9223372036854775808.0..9223372036854775808.0).contains(&f) {
        Some(f as i64)
    } else {
        None
    }
}

impl KKey {
    fn float(f: f64) -> KKey {
        match float_to_int(f) {
            Some(i) => KKey::Int(i),
            None => KKey::Flt(f.to_bits()),
        }
    }
}

/// Same type and raw-equal value.
fn same_constant(a: &Constant, b: &Constant) -> bool {
    match (a, b) {
        (Constant::Float(x), Constant::Float(y)) => x == y,
        _ => a == b,
    }
}

impl Parser<'_> {
    /// Adds `v` to the constant table (reusing the entry cached under `key` when it still matches).
    fn add_k(&mut self, key: KKey, v: Constant) -> PResult<u32> {
        let consts = &self.fs.f.constants;
        if let Some(&k) = self.kcache.get(&key) {
            if k < consts.len() && same_constant(&consts[k], &v) {
                return Ok(k as u32);
            }
        }
        let k = consts.len();
        self.check_growth(k, MAXARG_AX as usize, "constants")?;
        self.kcache.insert(key, k);
        self.fs.f.constants.push(v);
        Ok(k as u32)
    }

    pub(super) fn string_k(&mut self, s: &Name) -> PResult<u32> {
        self.add_k(KKey::Str(s.clone()), Constant::Str(s.to_vec()))
    }

    pub(super) fn int_k(&mut self, i: i64) -> PResult<u32> {
        self.add_k(KKey::Int(i), Constant::Int(i))
    }

    /// Adds a float. Integral floats are cached under a slightly different key so they do not
    /// collide with the equal integer.
    pub(super) fn number_k(&mut self, r: f64) -> PResult<u32> {
        match float_to_int(r) {
            None => self.add_k(KKey::float(r), Constant::Float(r)),
            Some(ik) => {
                let q = 2f64.powi(-52);
                let key = if ik == 0 { q } else { r + r * q };
                self.add_k(KKey::float(key), Constant::Float(r))
            }
        }
    }

    pub(super) fn bool_k(&mut self, b: bool) -> PResult<u32> {
        self.add_k(KKey::Bool(b), Constant::Bool(b))
    }

    pub(super) fn nil_k(&mut self) -> PResult<u32> {
        self.add_k(KKey::Nil, Constant::Nil)
    }
}

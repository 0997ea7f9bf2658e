//! `math.random` and `math.randomseed`: the reference's xoshiro256** generator, seeding, the
//! projection of random integers into an interval and the 53-bit float conversion, so a given seed
//! produces exactly the numbers lua5.4 produces. The state lives in a userdata shared as upvalue 1
//! of both functions.
#![forbid(unsafe_code)]

use crate::api::Reg;
use crate::vm::error::LuaResult;
use crate::vm::state::{upvalue_index, State};

/// The generator's state (xoshiro256**).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Xoshiro {
    s: [u64; 4],
}

impl Xoshiro {
    /// A generator seeded as `math.randomseed(n1, n2)` does (the state is then advanced 16 times).
    pub fn seeded(n1: u64, n2: u64) -> Xoshiro {
        let mut g = Xoshiro {
            s: [n1, 0xff, n2, 0],
        };
        for _ in 0..16 {
            g.next_u64();
        }
        g
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let [s0, s1, s2, s3] = self.s;
        let s2 = s2 ^ s0;
        let s3 = s3 ^ s1;
        let res = s1.wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        self.s = [s0 ^ s3, s1 ^ s2, s2 ^ (s1 << 17), s3.rotate_left(45)];
        res
    }

    /// Projects `ran` into `[0, n]`: exact masking when `n + 1` is a power of two, otherwise
    /// masking with the smallest `2^b - 1 >= n` and drawing again until the value fits.
    pub fn project(&mut self, ran: u64, n: u64) -> u64 {
        if n & n.wrapping_add(1) == 0 {
            return ran & n;
        }
        let lim = u64::MAX >> n.leading_zeros();
        let mut r = ran & lim;
        while r > n {
            r = self.next_u64() & lim;
        }
        r
    }
}

/// A float in `[0, 1)` from the 53 high bits of `x`.
pub fn to_float(x: u64) -> f64 {
    (x >> 11) as f64 * (0.5 / (1u64 << 52) as f64)
}

/// The generator in upvalue 1 of the running function. Only `debug.setupvalue` can take it away
/// (the reference would crash); that gives an error here.
fn state<'a>(st: &mut State) -> LuaResult<&'a mut Xoshiro> {
    match st.to_userdata::<Xoshiro>(upvalue_index(1)) {
        Some(g) => Ok(g),
        None => Err(st.error_msg("random generator state is missing")),
    }
}

fn random(st: &mut State) -> LuaResult<usize> {
    let rv = state(st)?.next_u64();
    let (low, up) = match st.get_top() {
        0 => {
            st.push_number(to_float(rv));
            return Ok(1);
        }
        1 => {
            let up = st.check_integer(1)?;
            if up == 0 {
                st.push_integer(rv as i64);
                return Ok(1);
            }
            (1, up)
        }
        2 => (st.check_integer(1)?, st.check_integer(2)?),
        _ => return Err(st.error_msg("wrong number of arguments")),
    };
    st.arg_check(low <= up, 1, "interval is empty")?;
    let p = state(st)?.project(rv, (up as u64).wrapping_sub(low as u64));
    st.push_integer(p.wrapping_add(low as u64) as i64);
    Ok(1)
}

/// Seeds from the clock and an address (`randseed`), pushing the two seed components.
fn random_seed(st: &mut State, g: &mut Xoshiro) {
    let n1 = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let n2 = crate::value::Value::Thread(st.thread())
        .pointer()
        .unwrap_or(0) as u64;
    set_seed(st, g, n1, n2);
}

fn set_seed(st: &mut State, g: &mut Xoshiro, n1: u64, n2: u64) {
    *g = Xoshiro::seeded(n1, n2);
    st.push_integer(n1 as i64);
    st.push_integer(n2 as i64);
}

fn randomseed(st: &mut State) -> LuaResult<usize> {
    let g = state(st)?;
    if st.is_none(1) {
        random_seed(st, g);
    } else {
        let n1 = st.check_integer(1)?;
        let n2 = st.opt_integer(2, 0)?;
        set_seed(st, g, n1 as u64, n2 as u64);
    }
    Ok(2)
}

const FUNCS: &[Reg] = &[("random", random), ("randomseed", randomseed)];

/// Adds `random` and `randomseed` to the table on top, sharing a freshly seeded state.
pub(super) fn register(st: &mut State) -> LuaResult<()> {
    let mut g = Xoshiro::seeded(0, 0);
    random_seed(st, &mut g);
    st.pop(2);
    st.new_userdata(g, 0)?;
    st.set_funcs(FUNCS, 1)
}

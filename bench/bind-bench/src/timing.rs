//! Timing helpers: one timed run of a closure as nanoseconds per operation, and medians.
//!
//! Time is the CPU time of the calling thread (`CLOCK_THREAD_CPUTIME_ID`), not wall time: the
//! machine the benchmarks run on is shared, and other jobs stretch wall time far more than CPU time.

/// CPU time consumed by the calling thread, in nanoseconds.
fn thread_cpu_ns() -> u128 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec; the clock id is a constant the kernel knows.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    assert_eq!(rc, 0, "clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed");
    ts.tv_sec as u128 * 1_000_000_000 + ts.tv_nsec as u128
}

/// Runs `f` once and returns the thread CPU nanoseconds it took divided by `ops`.
pub fn ns_per_op(ops: u64, f: impl FnOnce()) -> f64 {
    let t = thread_cpu_ns();
    f();
    (thread_cpu_ns() - t) as f64 / ops as f64
}

/// The median of the samples (the upper middle one for an even count).
pub fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).expect("no NaN"));
    v[v.len() / 2]
}

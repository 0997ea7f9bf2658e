//! The process's standard output as C's `stdout` stream: one buffer shared by `print`, `io.write` and
//! `io.stdout`, line buffered on a terminal and fully buffered otherwise, so output order and flush
//! points match the reference. Also the list of open files that `flush_all` (C's `fflush(NULL)`, done
//! by `io.popen` and at exit) writes out.
#![forbid(unsafe_code)]

use std::cell::RefCell;
use std::io::{IsTerminal, Write};
use std::rc::{Rc, Weak};
use std::sync::{Mutex, MutexGuard};

use super::io_stream::Stream;

/// Buffering of a stream (`setvbuf` modes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BufMode {
    /// Every write goes out at once (`_IONBF`).
    No,
    /// Written out when the buffer is full (`_IOFBF`).
    Full,
    /// Written out at each newline (`_IOLBF`).
    Line,
}

/// Buffer size of streams (glibc uses the block size, 4096 on usual file systems and pipes).
pub const BUFSIZE: usize = 4096;

struct Out {
    buf: Vec<u8>,
    /// `None` until first use: then line buffering on a terminal, full buffering otherwise.
    mode: Option<BufMode>,
    size: usize,
}

static OUT: Mutex<Out> = Mutex::new(Out {
    buf: Vec::new(),
    mode: None,
    size: BUFSIZE,
});

fn lock() -> MutexGuard<'static, Out> {
    OUT.lock().unwrap_or_else(|p| p.into_inner())
}

impl Out {
    fn mode(&mut self) -> BufMode {
        *self.mode.get_or_insert_with(|| {
            if std::io::stdout().is_terminal() {
                BufMode::Line
            } else {
                BufMode::Full
            }
        })
    }

    /// Writes out the first `n` buffered bytes (all on error: they are dropped, as glibc does).
    fn drain(&mut self, n: usize) -> std::io::Result<()> {
        let out = std::io::stdout();
        let mut lock = out.lock();
        let r = lock.write_all(&self.buf[..n]).and_then(|_| lock.flush());
        if r.is_err() {
            self.buf.clear();
        } else {
            self.buf.drain(..n);
        }
        r
    }
}

/// Writes to standard output through the shared buffer.
pub fn write(data: &[u8]) -> std::io::Result<()> {
    let mut o = lock();
    let mode = o.mode();
    o.buf.extend_from_slice(data);
    match mode {
        BufMode::No => {
            let n = o.buf.len();
            o.drain(n)
        }
        BufMode::Line => match o.buf.iter().rposition(|&c| c == b'\n') {
            Some(i) => o.drain(i + 1),
            None if o.buf.len() >= o.size => {
                let n = o.buf.len();
                o.drain(n)
            }
            None => Ok(()),
        },
        BufMode::Full => {
            // As glibc: whole buffers go out, the remainder stays.
            let n = o.buf.len() - o.buf.len() % o.size;
            if n > 0 {
                o.drain(n)
            } else {
                Ok(())
            }
        }
    }
}

/// Writes out whatever standard output holds (`fflush(stdout)`).
pub fn flush() -> std::io::Result<()> {
    let mut o = lock();
    let n = o.buf.len();
    if n == 0 {
        return std::io::stdout().flush();
    }
    o.drain(n)
}

/// Writes `data` and flushes, as `print` does (`lua_writestring` then `lua_writeline`).
pub fn write_and_flush(data: &[u8]) -> std::io::Result<()> {
    let mut o = lock();
    o.buf.extend_from_slice(data);
    let n = o.buf.len();
    o.drain(n)
}

/// Changes the buffering of standard output (`setvbuf(stdout, ...)`), flushing it first.
pub fn set_mode(mode: BufMode, size: usize) -> std::io::Result<()> {
    let mut o = lock();
    let n = o.buf.len();
    let r = if n > 0 { o.drain(n) } else { Ok(()) };
    o.mode = Some(mode);
    o.size = size.max(1);
    r
}

/// True when standard output is line buffered or unbuffered (glibc then flushes it before reading
/// a line-buffered input such as a terminal).
pub fn is_interactive() -> bool {
    lock().mode() != BufMode::Full
}

thread_local! {
    /// Open streams of this thread's VMs that may hold buffered output.
    static STREAMS: RefCell<Vec<Weak<RefCell<Stream>>>> = const { RefCell::new(Vec::new()) };
}

/// Remembers a stream so `flush_all` reaches it.
pub(crate) fn register(s: &Rc<RefCell<Stream>>) {
    STREAMS.with(|l| {
        let mut l = l.borrow_mut();
        if l.len() >= 32 && l.len().is_power_of_two() {
            l.retain(|w| w.strong_count() > 0);
        }
        l.push(Rc::downgrade(s));
    });
}

/// Writes out every output buffer: standard output and the open files (C's `fflush(NULL)`). Hosts
/// call it before ending the process without closing the VM (as `os.exit` does, like C's `exit`).
pub fn flush_all() {
    let live: Vec<Rc<RefCell<Stream>>> = STREAMS.with(|l| {
        let mut l = l.borrow_mut();
        l.retain(|w| w.strong_count() > 0);
        l.iter().filter_map(|w| w.upgrade()).collect()
    });
    for s in live {
        if let Ok(mut s) = s.try_borrow_mut() {
            let _ = s.flush();
        }
    }
    let _ = flush();
    let _ = std::io::stderr().flush();
}

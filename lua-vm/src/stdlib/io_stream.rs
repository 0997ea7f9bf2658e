//! A C `FILE` for the io library: a regular file, a pipe to a child process, or one of the standard
//! streams, with C stdio's buffering (`setvbuf` modes), read/write switching, `fseek`/`ftell`, and
//! errors carrying the C `errno`. Standard input is read through Rust's shared stdin buffer and standard
//! output goes through `io_stdout`, so other readers and writers of those streams stay in order.
#![forbid(unsafe_code)]

use std::fs::File;
use std::io::{self, BufRead, Read, Seek, SeekFrom, Write};
use std::os::fd::AsFd;
use std::process::{Child, ChildStdin, ChildStdout, ExitStatus};

use super::io_stdout::{self, BufMode, BUFSIZE};

/// C `errno` values the library produces itself.
pub const EBADF: i32 = 9;
pub const EINVAL: i32 = 22;
pub const ESPIPE: i32 = 29;

/// An error with a C `errno`.
pub fn errno(code: i32) -> io::Error {
    io::Error::from_raw_os_error(code)
}

/// What a stream reads from or writes to.
pub enum Raw {
    File(File),
    Stdin,
    Stdout,
    Stderr,
    /// `io.popen(cmd, "r")`: the child's standard output.
    PipeRead(Child, Option<ChildStdout>),
    /// `io.popen(cmd, "w")`: the child's standard input.
    PipeWrite(Child, Option<ChildStdin>),
}

/// A buffered stream.
pub struct Stream {
    raw: Raw,
    readable: bool,
    writable: bool,
    /// Read-ahead data (files and pipes) and the next unread position in it.
    rbuf: Vec<u8>,
    rpos: usize,
    /// Output not yet written (files and pipes; standard output buffers in `io_stdout`).
    wbuf: Vec<u8>,
    mode: BufMode,
    size: usize,
}

/// Reads through a stream's read-ahead buffer.
struct Reader<'a, R: Read> {
    src: &'a mut R,
    buf: &'a mut Vec<u8>,
    pos: &'a mut usize,
}

impl<R: Read> Read for Reader<'_, R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if *self.pos >= self.buf.len() && out.len() >= BUFSIZE {
            return read_retry(self.src, out);
        }
        let avail = self.fill_buf()?;
        let n = avail.len().min(out.len());
        out[..n].copy_from_slice(&avail[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: Read> BufRead for Reader<'_, R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if *self.pos >= self.buf.len() {
            self.buf.resize(BUFSIZE, 0);
            let n = match read_retry(self.src, self.buf) {
                Ok(n) => n,
                Err(e) => {
                    self.buf.clear();
                    *self.pos = 0;
                    return Err(e);
                }
            };
            self.buf.truncate(n);
            *self.pos = 0;
        }
        Ok(&self.buf[*self.pos..])
    }
    fn consume(&mut self, n: usize) {
        *self.pos = (*self.pos + n).min(self.buf.len());
    }
}

fn read_retry<R: Read + ?Sized>(r: &mut R, out: &mut [u8]) -> io::Result<usize> {
    loop {
        match r.read(out) {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            res => return res,
        }
    }
}

/// A seekable handle on a standard stream's file descriptor (shares its offset).
fn dup_std<F: AsFd>(f: F) -> io::Result<File> {
    Ok(File::from(f.as_fd().try_clone_to_owned()?))
}

impl Stream {
    /// A stream over `raw`; `readable`/`writable` come from the open mode.
    pub fn new(raw: Raw, readable: bool, writable: bool) -> Stream {
        let mode = match raw {
            Raw::Stderr => BufMode::No,
            _ => BufMode::Full,
        };
        Stream {
            raw,
            readable,
            writable,
            rbuf: Vec::new(),
            rpos: 0,
            wbuf: Vec::new(),
            mode,
            size: BUFSIZE,
        }
    }

    /// True for a `popen` stream.
    pub fn is_pipe(&self) -> bool {
        matches!(self.raw, Raw::PipeRead(..) | Raw::PipeWrite(..))
    }

    /// Runs `f` with a buffered reader on the stream (after writing out pending output).
    pub fn with_reader<T>(
        &mut self,
        f: impl FnOnce(&mut dyn BufRead) -> io::Result<T>,
    ) -> io::Result<T> {
        if !self.readable {
            return Err(errno(EBADF));
        }
        if !self.wbuf.is_empty() {
            self.flush()?;
        }
        match &mut self.raw {
            Raw::File(file) => f(&mut Reader {
                src: file,
                buf: &mut self.rbuf,
                pos: &mut self.rpos,
            }),
            Raw::PipeRead(_, Some(out)) => f(&mut Reader {
                src: out,
                buf: &mut self.rbuf,
                pos: &mut self.rpos,
            }),
            Raw::Stdin => {
                if io_stdout::is_interactive() {
                    let _ = io_stdout::flush();
                }
                let stdin = io::stdin();
                let mut lock = stdin.lock();
                f(&mut lock)
            }
            _ => Err(errno(EBADF)),
        }
    }

    /// Drops read-ahead data, moving a file's position back to the first unread byte (needed before
    /// writing or seeking after a read).
    fn discard_readahead(&mut self) -> io::Result<()> {
        let unread = self.rbuf.len().saturating_sub(self.rpos);
        self.rbuf.clear();
        self.rpos = 0;
        if unread > 0 {
            if let Raw::File(f) = &mut self.raw {
                f.seek(SeekFrom::Current(-(unread as i64)))?;
            }
        }
        Ok(())
    }

    /// Writes bytes (`fwrite`), buffered according to the mode.
    pub fn write(&mut self, data: &[u8]) -> io::Result<()> {
        if !self.writable {
            return Err(errno(EBADF));
        }
        match self.raw {
            Raw::Stdout => return io_stdout::write(data),
            Raw::Stderr => {
                let mut e = io::stderr();
                return e.write_all(data).and_then(|_| e.flush());
            }
            Raw::Stdin => return Err(errno(EBADF)),
            _ => {}
        }
        if !self.rbuf.is_empty() {
            self.discard_readahead()?;
        }
        self.wbuf.extend_from_slice(data);
        let n = match self.mode {
            BufMode::No => self.wbuf.len(),
            BufMode::Line if data.contains(&b'\n') => self.wbuf.len(),
            // As glibc: whole buffers go out, the remainder stays.
            _ => self.wbuf.len() - self.wbuf.len() % self.size,
        };
        if n > 0 {
            self.write_out(n)
        } else {
            Ok(())
        }
    }

    /// Writes the first `n` buffered bytes to the file or pipe (all are dropped on error).
    fn write_out(&mut self, n: usize) -> io::Result<()> {
        let r = match &mut self.raw {
            Raw::File(f) => f.write_all(&self.wbuf[..n]),
            Raw::PipeWrite(_, Some(p)) => p.write_all(&self.wbuf[..n]).and_then(|_| p.flush()),
            _ => Ok(()),
        };
        if r.is_ok() {
            self.wbuf.drain(..n);
        } else {
            self.wbuf.clear();
        }
        r
    }

    /// Writes out buffered output (`fflush`).
    pub fn flush(&mut self) -> io::Result<()> {
        match &mut self.raw {
            Raw::Stdout => io_stdout::flush(),
            Raw::Stderr => io::stderr().flush(),
            _ if self.wbuf.is_empty() => Ok(()),
            _ => self.write_out(self.wbuf.len()),
        }
    }

    /// Sets the buffering mode (`setvbuf`).
    pub fn set_buffering(&mut self, mode: BufMode, size: usize) -> io::Result<()> {
        if let Raw::Stdout = self.raw {
            return io_stdout::set_mode(mode, size);
        }
        let r = self.flush();
        self.mode = mode;
        self.size = size.max(1);
        r
    }

    /// Moves the file position (`fseek` then `ftell`) and returns the new position.
    pub fn seek(&mut self, whence: u8, offset: i64) -> io::Result<u64> {
        let target = |base: SeekFrom| -> io::Result<SeekFrom> {
            match (whence, base) {
                (b's', _) if offset < 0 => Err(errno(EINVAL)),
                (b's', _) => Ok(SeekFrom::Start(offset as u64)),
                (b'e', _) => Ok(SeekFrom::End(offset)),
                (_, b) => Ok(b),
            }
        };
        match &mut self.raw {
            Raw::File(_) => {
                self.flush()?;
                let unread = (self.rbuf.len().saturating_sub(self.rpos)) as i64;
                self.rbuf.clear();
                self.rpos = 0;
                let to = target(SeekFrom::Current(offset.wrapping_sub(unread)))?;
                match &mut self.raw {
                    Raw::File(f) => f.seek(to),
                    _ => Err(errno(EBADF)),
                }
            }
            Raw::Stdout | Raw::Stderr => {
                self.flush()?;
                let mut f = match self.raw {
                    Raw::Stdout => dup_std(io::stdout())?,
                    _ => dup_std(io::stderr())?,
                };
                f.seek(target(SeekFrom::Current(offset))?)
            }
            Raw::Stdin => {
                let mut f = dup_std(io::stdin())?;
                f.stream_position()?;
                // Seekable: drop what Rust's stdin buffer holds, and count it as unread.
                let stdin = io::stdin();
                let mut lock = stdin.lock();
                let buffered = lock.fill_buf()?.len();
                lock.consume(buffered);
                let to = target(SeekFrom::Current(offset.wrapping_sub(buffered as i64)))?;
                f.seek(to)
            }
            Raw::PipeRead(..) | Raw::PipeWrite(..) => Err(errno(ESPIPE)),
        }
    }

    /// Closes the stream: writes out buffered output and, for a pipe, waits for the child (`pclose`).
    pub fn close(&mut self) -> io::Result<Option<ExitStatus>> {
        let r = self.flush();
        self.readable = false;
        self.writable = false;
        let status = match &mut self.raw {
            Raw::PipeRead(child, out) => {
                *out = None;
                Some(child.wait()?)
            }
            Raw::PipeWrite(child, inp) => {
                *inp = None;
                Some(child.wait()?)
            }
            _ => None,
        };
        r.map(|_| status)
    }
}

impl Drop for Stream {
    fn drop(&mut self) {
        if self.readable || self.writable {
            let _ = self.close();
        }
    }
}

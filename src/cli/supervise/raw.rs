//! What the guard may call between `fork` and its end: plain system calls on stack buffers.
//!
//! The guard is forked from etcdkit while other threads may hold locks (the allocator's,
//! stdout's), so nothing here allocates, locks or panics: directories are read with
//! `getdents64`, files into fixed buffers, numbers written by hand.

use std::ffi::CStr;

/// A short text built on the stack (a report line, a /proc path).
pub struct Text {
    buf: [u8; 64],
    len: usize,
}

impl Text {
    pub fn new() -> Text {
        Text {
            buf: [0; 64],
            len: 0,
        }
    }

    /// Appends as much of `bytes` as fits (the texts built here always fit).
    pub fn push(&mut self, bytes: &[u8]) -> &mut Text {
        for &b in bytes {
            // One byte is kept for a terminating NUL.
            if self.len + 1 < self.buf.len() {
                self.buf[self.len] = b;
                self.len += 1;
            }
        }
        self
    }

    /// Appends a number in decimal.
    pub fn number(&mut self, n: i64) -> &mut Text {
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        let mut rest = n.unsigned_abs();
        loop {
            at -= 1;
            digits[at] = b'0' + (rest % 10) as u8;
            rest /= 10;
            if rest == 0 {
                break;
            }
        }
        if n < 0 {
            self.push(b"-");
        }
        self.push(&digits[at..])
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }

    /// The text with a terminating NUL, for a system call.
    pub fn as_c_ptr(&mut self) -> *const libc::c_char {
        self.buf[self.len] = 0;
        self.buf.as_ptr().cast()
    }
}

/// Calls `each` with every entry of directory `path` whose name is a number (a pid, a
/// descriptor); false if the directory cannot be read.
pub fn numbered_entries(path: &CStr, mut each: impl FnMut(i32)) -> bool {
    // SAFETY: open, getdents64 and close on a descriptor of our own, into a stack buffer.
    unsafe {
        let dir = libc::open(
            path.as_ptr(),
            libc::O_RDONLY | libc::O_DIRECTORY | libc::O_CLOEXEC,
        );
        if dir < 0 {
            return false;
        }
        let mut buf = [0u8; 4096];
        loop {
            let got = libc::syscall(libc::SYS_getdents64, dir, buf.as_mut_ptr(), buf.len());
            if got <= 0 {
                break;
            }
            // Each record: inode (8), offset (8), record length (2), type (1), NUL-ended name.
            let mut at = 0usize;
            while at + 19 < got as usize {
                let reclen = u16::from_ne_bytes([buf[at + 16], buf[at + 17]]) as usize;
                if reclen < 20 {
                    break;
                }
                let name = &buf[at + 19..(at + reclen).min(got as usize)];
                if let Some(n) = parse_number(name) {
                    if n != dir {
                        each(n);
                    }
                }
                at += reclen;
            }
        }
        libc::close(dir);
    }
    true
}

/// A non-negative decimal number up to the first NUL (or the end); None for anything else.
fn parse_number(bytes: &[u8]) -> Option<i32> {
    let mut n: i32 = 0;
    let mut any = false;
    for &b in bytes {
        match b {
            0 => break,
            b'0'..=b'9' => {
                n = n.checked_mul(10)?.checked_add(i32::from(b - b'0'))?;
                any = true;
            }
            _ => return None,
        }
    }
    any.then_some(n)
}

/// The parent pid of `pid`, from /proc/PID/stat; None if it is gone.
pub fn parent_of(pid: i32) -> Option<i32> {
    let mut path = Text::new();
    path.push(b"/proc/").number(i64::from(pid)).push(b"/stat");
    let mut buf = [0u8; 1024];
    // SAFETY: open, read and close on a descriptor of our own, into a stack buffer.
    let got = unsafe {
        let fd = libc::open(path.as_c_ptr(), libc::O_RDONLY | libc::O_CLOEXEC);
        if fd < 0 {
            return None;
        }
        let got = libc::read(fd, buf.as_mut_ptr().cast(), buf.len());
        libc::close(fd);
        got
    };
    let stat = buf.get(..usize::try_from(got).ok()?)?;
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses.
    let after = stat.iter().rposition(|&b| b == b')')? + 1;
    let mut fields = stat[after..]
        .split(|&b| b == b' ')
        .filter(|f| !f.is_empty());
    fields.next()?; // state
    parse_number(fields.next()?)
}

/// Closes every descriptor that would not survive an exec (close-on-exec), except `keep`:
/// the guard then holds what an exec of it would hold, and nothing of etcdkit's (its
/// connections, its ends of the guard's own pipes).
pub fn close_like_exec(keep: &[i32]) {
    let close = |fd: i32| {
        if fd > 2 && !keep.contains(&fd) {
            // SAFETY: fcntl and close on a descriptor number; a stale one fails harmlessly.
            unsafe {
                let flags = libc::fcntl(fd, libc::F_GETFD);
                if flags >= 0 && flags & libc::FD_CLOEXEC != 0 {
                    libc::close(fd);
                }
            }
        }
    };
    if !numbered_entries(c"/proc/self/fd", close) {
        // No /proc: every number up to a generous bound.
        (3..4096).for_each(close);
    }
}

/// Sleeps for `ms` milliseconds.
pub fn sleep_ms(ms: i64) {
    let time = libc::timespec {
        tv_sec: 0,
        tv_nsec: ms * 1_000_000,
    };
    // SAFETY: nanosleep on a local timespec.
    unsafe { libc::nanosleep(&time, std::ptr::null_mut()) };
}

/// The calling thread's errno after a failed call.
pub fn errno() -> i32 {
    // SAFETY: reading this thread's errno.
    unsafe { *libc::__errno_location() }
}

/// Writes all of `bytes` to `fd` (a pipe); gives up when the reader is gone.
pub fn write_all(fd: i32, mut bytes: &[u8]) {
    while !bytes.is_empty() {
        // SAFETY: writing a local buffer.
        let n = unsafe { libc::write(fd, bytes.as_ptr().cast(), bytes.len()) };
        match n {
            n if n > 0 => bytes = bytes.get(n as usize..).unwrap_or_default(),
            n if n < 0 && errno() == libc::EINTR => {}
            _ => return,
        }
    }
}

/// Reads exactly `buf.len()` bytes from `fd`; false at end-of-file or an error first.
pub fn read_exact(fd: i32, buf: &mut [u8]) -> bool {
    let mut done = 0;
    while done < buf.len() {
        let rest = &mut buf[done..];
        // SAFETY: reading into the unfilled rest of a buffer.
        let got = unsafe { libc::read(fd, rest.as_mut_ptr().cast(), rest.len()) };
        match got {
            n if n > 0 => done += n as usize,
            n if n < 0 && errno() == libc::EINTR => {}
            _ => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_and_numbers() {
        let mut t = Text::new();
        t.push(b"ended ")
            .number(-9)
            .push(b" ")
            .number(0)
            .push(b" ")
            .number(1234567);
        assert_eq!(t.as_bytes(), b"ended -9 0 1234567");
        assert_eq!(parse_number(b"4711\0junk"), Some(4711));
        assert_eq!(parse_number(b"self"), None);
        assert_eq!(parse_number(b""), None);
    }

    #[test]
    fn proc_reads_back() {
        let me = std::process::id() as i32;
        assert_eq!(
            parent_of(me),
            Some(std::os::unix::process::parent_id() as i32)
        );
        let mut seen = false;
        assert!(numbered_entries(c"/proc", |pid| seen |= pid == me));
        assert!(seen);
    }
}

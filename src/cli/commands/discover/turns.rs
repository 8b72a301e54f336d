//! Round-robin across separate `discover pick` invocations: a counter per service (and cluster
//! and root) in a small file under the user's state directory, taken under a file lock so that
//! concurrent picks get different turns.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::os::fd::AsRawFd;
use std::os::unix::fs::OpenOptionsExt;
use std::path::PathBuf;

use crate::conn::ConnectOptions;
use crate::discover::Layout;

/// Takes `count` turns of `service`'s counter; the first of them.
pub fn take(
    conn: &ConnectOptions,
    layout: &Layout,
    service: &str,
    count: u64,
) -> std::io::Result<u64> {
    let dir = state_dir()?.join("etcdkit").join("round-robin");
    std::fs::create_dir_all(&dir)?;
    // One counter per cluster, root and service; the name stays short and safe.
    let whose = format!("{}\n{}\n{service}", conn.endpoints.join(","), layout.root());
    let path = dir.join(format!("{service}-{:016x}", fnv1a(whose.as_bytes())));
    // Never through a symlink, and never blocking on a FIFO put there: only a regular file.
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(&path)?;
    if !file.metadata()?.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("{} is not a regular file", path.display()),
        ));
    }
    // Released when the file closes, at the end of this function.
    lock(&file)?;
    let mut text = String::new();
    file.read_to_string(&mut text)?;
    let turn = text.trim().parse::<u64>().unwrap_or(0);
    file.seek(SeekFrom::Start(0))?;
    file.set_len(0)?;
    file.write_all(format!("{}\n", turn.wrapping_add(count)).as_bytes())?;
    Ok(turn)
}

/// `$XDG_STATE_HOME`, else `~/.local/state`.
fn state_dir() -> std::io::Result<PathBuf> {
    if let Some(dir) = std::env::var_os("XDG_STATE_HOME").filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    match std::env::var_os("HOME").filter(|h| !h.is_empty()) {
        Some(home) => Ok(PathBuf::from(home).join(".local").join("state")),
        None => Err(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            "neither XDG_STATE_HOME nor HOME is set",
        )),
    }
}

/// Takes an exclusive lock on `file`, held until it is closed.
fn lock(file: &File) -> std::io::Result<()> {
    // SAFETY: flock on a descriptor that stays open for the lock's lifetime.
    if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX) } != 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(())
}

/// FNV-1a, 64 bits: a stable name for a counter file.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, b| {
        (hash ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

//! Files etcdkit writes (the alert state and its lock, generated docs, rendered configuration): only ever a regular
//! file, a symlink followed to its target (never replaced), every write atomic in the target's
//! own directory. A device, FIFO, socket or directory given as such a path is refused as bad
//! input before anything is read or written, so no device is renamed and no FIFO hangs a run.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::error::{Error, Result};

/// Symlinks followed before a path is taken for a loop (Linux's own limit).
const MAX_LINKS: usize = 40;

/// Where a write to `path` lands: `path` itself, or the file its symlinks lead to. The file
/// need not exist yet; when it does, it must be a regular file. `what` names the file in
/// messages ("state file").
pub fn target(path: &Path, what: &str) -> Result<PathBuf> {
    resolve(path, what, true)
}

/// [`target`] of a file that is read (`created`: false) or written (true): the difference is
/// only in what a refusal suggests.
fn resolve(path: &Path, what: &str, created: bool) -> Result<PathBuf> {
    let mut at = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        let meta = match fs::symlink_metadata(&at) {
            Ok(m) => m,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(at),
            Err(e) if e.raw_os_error() == Some(libc::ENOTDIR) => {
                return Err(not_in_a_directory(path, what))
            }
            Err(e) => {
                return Err(io_error(
                    format!("cannot use the {what} {}", path.display()),
                    e,
                ))
            }
        };
        let kind = meta.file_type();
        if kind.is_symlink() {
            let next = fs::read_link(&at)
                .map_err(|e| io_error(format!("cannot follow {}", at.display()), e))?;
            at = match at.parent() {
                Some(dir) if next.is_relative() => dir.join(next),
                _ => next,
            };
            continue;
        }
        if kind.is_file() {
            return Ok(at);
        }
        return Err(not_regular(path, what, kind, created));
    }
    Err(Error::usage(format!(
        "the {what} {} is a symlink loop",
        path.display()
    )))
}

fn not_in_a_directory(path: &Path, what: &str) -> Error {
    let dir = path.parent().unwrap_or(Path::new("."));
    Error::usage_with_hint(
        format!(
            "cannot write the {what} {}: {} is not a directory",
            path.display(),
            dir.display()
        ),
        format!("give the {what} a path in a writable directory"),
    )
}

fn not_regular(path: &Path, what: &str, kind: fs::FileType, created: bool) -> Error {
    let is = if kind.is_dir() {
        "is a directory"
    } else if kind.is_char_device() {
        "is not a regular file (it is a character device)"
    } else if kind.is_block_device() {
        "is not a regular file (it is a block device)"
    } else if kind.is_fifo() {
        "is not a regular file (it is a FIFO)"
    } else if kind.is_socket() {
        "is not a regular file (it is a socket)"
    } else {
        "is not a regular file"
    };
    let when_missing = if created {
        " (it is created when missing)"
    } else {
        ""
    };
    Error::usage_with_hint(
        format!("the {what} {} {is}", path.display()),
        format!("give the {what} the path of a regular file{when_missing}"),
    )
}

fn io_error(context: String, source: io::Error) -> Error {
    Error::Io { context, source }
}

/// Opens `target` (from [`target`]) without blocking on a FIFO swapped in meanwhile, and
/// checks that what was opened is a regular file.
fn open_regular(
    target: &Path,
    what: &str,
    options: &mut OpenOptions,
    created: bool,
) -> Result<File> {
    let file = options
        .custom_flags(libc::O_NONBLOCK | libc::O_NOFOLLOW)
        .open(target)
        .map_err(|e| match e.raw_os_error() {
            // A socket (ENXIO) or a symlink swapped in (ELOOP): not what was checked.
            Some(libc::ENXIO) | Some(libc::ELOOP) => Error::usage(format!(
                "the {what} {} is not a regular file",
                target.display()
            )),
            _ => io_error(format!("cannot open the {what} {}", target.display()), e),
        })?;
    let kind = file
        .metadata()
        .map_err(|e| io_error(format!("cannot open the {what} {}", target.display()), e))?
        .file_type();
    if !kind.is_file() {
        return Err(not_regular(target, what, kind, created));
    }
    Ok(file)
}

/// Reads the regular file `path` (symlinks followed); `None` when it does not exist.
pub fn read(path: &Path, what: &str) -> Result<Option<Vec<u8>>> {
    let target = resolve(path, what, false)?;
    let mut file = match open_regular(&target, what, OpenOptions::new().read(true), false) {
        Err(Error::Io { source, .. }) if source.kind() == io::ErrorKind::NotFound => {
            return Ok(None)
        }
        other => other?,
    };
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)
        .map_err(|e| io_error(format!("cannot read the {what} {}", path.display()), e))?;
    Ok(Some(bytes))
}

/// Opens (creating it when missing) the regular file `path` for a lock, without truncating.
pub fn open_for_lock(path: &Path, what: &str) -> Result<File> {
    let target = target(path, what)?;
    open_regular(
        &target,
        what,
        OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .mode(0o600),
        true,
    )
}

/// Replaces the regular file `path` (or the file its symlinks lead to) with `bytes`,
/// atomically: a temporary file in the same directory, fsync, rename, fsync of the directory.
/// A reader sees the old content or the new, never a mix; a crash leaves the old. An existing
/// file keeps its permissions.
pub fn replace(path: &Path, what: &str, bytes: &[u8]) -> Result<()> {
    stage(path, what, bytes, None)?.commit()
}

/// The new content of a file, written and fsynced to a temporary in the target's own
/// directory, not yet in place: [`Staged::commit`] renames it over the target; dropping it
/// uncommitted deletes the temporary.
#[derive(Debug)]
pub struct Staged {
    /// The temporary file.
    tmp: PathBuf,
    /// The file it replaces (symlinks followed).
    target: PathBuf,
    /// The path as given, for messages.
    given: PathBuf,
    what: String,
    committed: bool,
}

/// Writes `bytes` to a temporary next to the regular file `path` (or the file its symlinks
/// lead to) and fsyncs it. Its permissions are `mode` when given, else those of the file it
/// replaces, else the default for a new file. The directory must exist.
pub fn stage(path: &Path, what: &str, bytes: &[u8], mode: Option<u32>) -> Result<Staged> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let target = target(path, what)?;
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let tmp = sibling(&target, &format!(".tmp-{}-{n}", std::process::id()));
    let mut staged = Staged {
        tmp,
        target,
        given: path.to_path_buf(),
        what: what.to_string(),
        committed: false,
    };
    let written = (|| {
        let mut f = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&staged.tmp)?;
        match (mode, fs::metadata(&staged.target)) {
            (Some(mode), _) => f.set_permissions(fs::Permissions::from_mode(mode))?,
            (None, Ok(meta)) => f.set_permissions(meta.permissions())?,
            (None, Err(_)) => {}
        }
        f.write_all(bytes)?;
        f.sync_all()
    })();
    if let Err(e) = written {
        // Nothing was created to clean up when the directory is missing.
        staged.committed = e.kind() == io::ErrorKind::NotFound;
        if e.kind() == io::ErrorKind::NotFound {
            return Err(Error::usage_with_hint(
                format!(
                    "cannot write the {what} {}: its directory does not exist",
                    path.display()
                ),
                format!("create the directory first, or give the {what} another path"),
            ));
        }
        return Err(io_error(
            format!("cannot write the {what} {}", path.display()),
            e,
        ));
    }
    Ok(staged)
}

impl Staged {
    /// The temporary file, for a command to check before it is put in place.
    pub fn path(&self) -> &Path {
        &self.tmp
    }

    /// The file it replaces (symlinks followed).
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Gives the staged file to `uid` / `gid` (`None` leaves one as it is).
    pub fn chown(&self, uid: Option<u32>, gid: Option<u32>) -> Result<()> {
        std::os::unix::fs::chown(&self.tmp, uid, gid).map_err(|e| {
            io_error(
                format!(
                    "cannot change the owner of the {} {}",
                    self.what,
                    self.given.display()
                ),
                e,
            )
        })
    }

    /// Renames the temporary over the target and fsyncs the directory.
    pub fn commit(mut self) -> Result<()> {
        let dir = self
            .target
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .to_path_buf();
        let done = fs::rename(&self.tmp, &self.target).and_then(|()| {
            self.committed = true;
            File::open(&dir)?.sync_all()
        });
        done.map_err(|e| {
            io_error(
                format!("cannot write the {} {}", self.what, self.given.display()),
                e,
            )
        })
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_file(&self.tmp);
        }
    }
}

/// Moves the regular file `path` (or the file its symlinks lead to) aside, to the same name
/// with `suffix` added in the same directory; returns where it went.
pub fn set_aside(path: &Path, what: &str, suffix: &str) -> Result<PathBuf> {
    let target = target(path, what)?;
    let aside = sibling(&target, suffix);
    fs::rename(&target, &aside)
        .map_err(|e| io_error(format!("cannot set the {what} {} aside", path.display()), e))?;
    Ok(aside)
}

/// `path` with `suffix` added to its file name.
pub fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_symlink_is_followed_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.json");
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink("real.json", &link).unwrap();
        replace(&link, "state file", b"one").unwrap();
        assert!(fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(fs::read(&real).unwrap(), b"one");
        replace(&link, "state file", b"two").unwrap();
        assert_eq!(read(&link, "state file").unwrap().unwrap(), b"two");
    }

    #[test]
    fn only_regular_files_are_written() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let socket = dir.path().join("socket");
        let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
        for (path, word) in [
            (Path::new("/dev/null"), "character device"),
            (fifo.as_path(), "FIFO"),
            (socket.as_path(), "socket"),
            (dir.path(), "directory"),
        ] {
            for result in [
                replace(path, "state file", b"x").err(),
                read(path, "state file").err(),
                open_for_lock(path, "state file").err(),
                set_aside(path, "state file", ".x").err(),
            ] {
                let e = result.unwrap_or_else(|| panic!("{} accepted", path.display()));
                assert_eq!(e.exit_status(), crate::ExitStatus::Usage, "{e}");
                assert!(e.to_string().contains(word), "{e}");
            }
        }
        assert!(Path::new("/dev/null").exists());
    }

    #[test]
    fn a_missing_file_reads_as_none_and_a_loop_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        assert!(read(&dir.path().join("nope"), "f").unwrap().is_none());
        let a = dir.path().join("a");
        std::os::unix::fs::symlink("b", &a).unwrap();
        std::os::unix::fs::symlink("a", dir.path().join("b")).unwrap();
        assert!(read(&a, "f").unwrap_err().to_string().contains("loop"));
    }
}

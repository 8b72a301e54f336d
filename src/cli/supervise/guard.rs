//! The guard: a small process between etcdkit and the command, so that the command's whole
//! process tree dies with etcdkit however etcdkit dies (SIGKILL and the OOM killer included).
//!
//! etcdkit starts itself again as the guard (argv[0] [`GUARD_NAME`]), possibly long before the
//! command may run (`lock` starts it before it waits in line). The guard becomes a child
//! subreaper, so every process the command leaves orphaned becomes the guard's child instead of
//! init's, and waits on a pipe from etcdkit for the start message (the command's extra
//! environment, see [`start_message`]); end-of-file instead means the command is not to run.
//! It then starts the command and listens on the same pipe: a byte N > 0 is a
//! signal to pass on, a 0 byte means "stop the whole tree now", and end-of-file means etcdkit is
//! gone (the kernel closes a dead process's end of a pipe, whichever of its threads started the
//! guard; `PR_SET_PDEATHSIG` instead follows the parent *thread*). On another pipe it reports the
//! command's pid, then, once nothing of the tree is left running, the command's wait status.
//!
//! When the command exits by itself, whatever it left running is stopped too: it would go on
//! without the lock or leadership the command ran under.

use std::ffi::OsString;
use std::io::Write;
use std::os::fd::{FromRawFd, RawFd};
use std::os::unix::process::CommandExt;
use std::process::ExitCode;
use std::time::Duration;

/// The argv[0] under which etcdkit runs as a guard.
pub const GUARD_NAME: &str = "etcdkit-guard";

/// A control byte: stop the whole tree now (SIGKILL).
pub const STOP_TREE: u8 = 0;

/// What the guard tells etcdkit, one line each.
#[derive(Debug, PartialEq, Eq)]
pub enum Report {
    /// The command runs with this pid.
    Started(i32),
    /// The command could not be started (an errno).
    NotStarted(i32),
    /// The command ended with this raw wait status; `leftovers` processes it left running
    /// were stopped.
    Ended { status: i32, leftovers: u32 },
}

impl Report {
    /// The report as one line.
    fn line(&self) -> String {
        match self {
            Report::Started(pid) => format!("started {pid}\n"),
            Report::NotStarted(errno) => format!("not-started {errno}\n"),
            Report::Ended { status, leftovers } => format!("ended {status} {leftovers}\n"),
        }
    }

    /// Reads one line back.
    pub fn parse(line: &str) -> Option<Report> {
        let mut words = line.split_whitespace();
        let kind = words.next()?;
        let mut number = || words.next()?.parse::<i64>().ok();
        match kind {
            "started" => Some(Report::Started(number()? as i32)),
            "not-started" => Some(Report::NotStarted(number()? as i32)),
            "ended" => Some(Report::Ended {
                status: number()? as i32,
                leftovers: number()? as u32,
            }),
            _ => None,
        }
    }
}

/// Runs the guard if this process was started as one; `None` for a normal etcdkit.
pub fn run_if_guard() -> Option<ExitCode> {
    let mut args = std::env::args_os();
    if args.next()? != GUARD_NAME {
        return None;
    }
    Some(match Plan::parse(args.collect()) {
        Some(plan) => plan.run(),
        None => {
            eprintln!("etcdkit: {GUARD_NAME} is started by etcdkit lock and elect, not by hand");
            ExitCode::from(crate::error::ExitStatus::Usage.code())
        }
    })
}

/// The guard's arguments: `CONTROL_FD REPORT_FD OWN_GROUP(0|1) -- PROGRAM ARGS...`.
struct Plan {
    control: RawFd,
    report: RawFd,
    own_group: bool,
    argv: Vec<OsString>,
}

impl Plan {
    fn parse(args: Vec<OsString>) -> Option<Plan> {
        let number = |i: usize| args.get(i)?.to_str()?.parse::<RawFd>().ok();
        let (control, report, group) = (number(0)?, number(1)?, number(2)?);
        if args.get(3)? != "--" || args.len() < 5 {
            return None;
        }
        Some(Plan {
            control,
            report,
            own_group: group == 1,
            argv: args[4..].to_vec(),
        })
    }

    fn run(self) -> ExitCode {
        // SAFETY: plain syscalls on this process and on descriptors etcdkit handed over.
        unsafe {
            libc::prctl(libc::PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
            libc::fcntl(self.control, libc::F_SETFD, libc::FD_CLOEXEC);
            libc::fcntl(self.report, libc::F_SETFD, libc::FD_CLOEXEC);
        }
        // SAFETY: the descriptor is ours alone from here on.
        let mut report = unsafe { std::fs::File::from_raw_fd(self.report) };
        let mut send = |r: Report| {
            // etcdkit gone: nobody to tell; the tree is stopped all the same.
            let _ = report.write_all(r.line().as_bytes());
        };
        // Signals meant for the group (a terminal's Ctrl-C, a service manager's stop) must not
        // end the guard: etcdkit decides what reaches the command. The command starts with an
        // empty signal mask again (below).
        let sigchld = match block_signals() {
            Ok(fd) => fd,
            Err(e) => {
                send(Report::NotStarted(e.raw_os_error().unwrap_or(libc::EIO)));
                return ExitCode::SUCCESS;
            }
        };
        // Nothing is started before the word comes (end-of-file: etcdkit did not get the lock,
        // or is gone).
        let Some(env) = read_start(self.control) else {
            return ExitCode::SUCCESS;
        };
        let mut cmd = std::process::Command::new(&self.argv[0]);
        cmd.args(&self.argv[1..]).envs(env);
        if self.own_group {
            cmd.process_group(0);
        }
        let guard_pid = std::process::id() as i32;
        // SAFETY: sigprocmask, prctl and getppid are async-signal-safe. The guard has one thread, so the
        // parent-death signal follows the guard itself: should the guard be killed, the
        // command dies (its own children then have nobody to stop them: the guard is not
        // killed by etcdkit, and only SIGKILL from outside can do it).
        unsafe {
            cmd.pre_exec(move || {
                let mut none: libc::sigset_t = std::mem::zeroed();
                libc::sigemptyset(&mut none);
                libc::sigprocmask(libc::SIG_SETMASK, &none, std::ptr::null_mut());
                if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                if libc::getppid() != guard_pid {
                    libc::_exit(137);
                }
                Ok(())
            });
        }
        let child = match cmd.spawn() {
            Ok(c) => c,
            Err(e) => {
                send(Report::NotStarted(e.raw_os_error().unwrap_or(libc::ENOENT)));
                return ExitCode::SUCCESS;
            }
        };
        let pid = child.id() as i32;
        // The child is reaped with waitpid below, not through `Child`.
        drop(child);
        send(Report::Started(pid));
        let status = watch(pid, self.own_group, self.control, sigchld);
        let (leftovers, killed) = kill_tree(status.is_none().then_some(pid), self.own_group);
        send(Report::Ended {
            status: status.or(killed).unwrap_or(libc::SIGKILL),
            leftovers,
        });
        ExitCode::SUCCESS
    }
}

/// The start message: the command's extra environment, as a count and then each name and
/// value, every one of them preceded by its length (4 bytes, little-endian).
pub fn start_message(env: &[(String, OsString)]) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt;
    let mut message = Vec::new();
    let mut put = |bytes: &[u8]| {
        message.extend_from_slice(&(bytes.len() as u32).to_le_bytes());
        message.extend_from_slice(bytes);
    };
    put(&[]);
    for (name, value) in env {
        put(name.as_bytes());
        put(value.as_bytes());
    }
    let count = (env.len() as u32).to_le_bytes();
    message[..4].copy_from_slice(&count);
    message
}

/// Reads the start message; `None` at end-of-file (or a message cut short).
fn read_start(control: RawFd) -> Option<Vec<(OsString, OsString)>> {
    use std::os::unix::ffi::OsStringExt;
    let read_exact = |buf: &mut [u8]| -> Option<()> {
        let mut done = 0;
        while done < buf.len() {
            // SAFETY: reading into the unfilled rest of a local buffer.
            let got =
                unsafe { libc::read(control, buf[done..].as_mut_ptr().cast(), buf.len() - done) };
            match got {
                n if n > 0 => done += n as usize,
                n if n < 0
                    && std::io::Error::last_os_error().kind()
                        == std::io::ErrorKind::Interrupted => {}
                _ => return None,
            }
        }
        Some(())
    };
    let number = || -> Option<u32> {
        let mut four = [0u8; 4];
        read_exact(&mut four)?;
        Some(u32::from_le_bytes(four))
    };
    let bytes = || -> Option<OsString> {
        let mut buf = vec![0u8; number()? as usize];
        read_exact(&mut buf)?;
        Some(OsString::from_vec(buf))
    };
    (0..number()?).map(|_| Some((bytes()?, bytes()?))).collect()
}

/// Blocks the group's signals and SIGCHLD; returns a signalfd that reads SIGCHLD.
fn block_signals() -> std::io::Result<RawFd> {
    // SAFETY: sigset manipulation on a local set; signalfd on it.
    unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        for sig in [
            libc::SIGINT,
            libc::SIGTERM,
            libc::SIGHUP,
            libc::SIGQUIT,
            libc::SIGCHLD,
        ] {
            libc::sigaddset(&mut set, sig);
        }
        if libc::sigprocmask(libc::SIG_BLOCK, &set, std::ptr::null_mut()) != 0 {
            return Err(std::io::Error::last_os_error());
        }
        let mut chld: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut chld);
        libc::sigaddset(&mut chld, libc::SIGCHLD);
        let fd = libc::signalfd(-1, &chld, libc::SFD_CLOEXEC | libc::SFD_NONBLOCK);
        if fd < 0 {
            return Err(std::io::Error::last_os_error());
        }
        Ok(fd)
    }
}

/// Follows the command until it exits or the tree must be stopped; the command's wait status
/// if it has ended by then.
fn watch(pid: i32, own_group: bool, control: RawFd, sigchld: RawFd) -> Option<i32> {
    let target = if own_group { -pid } else { pid };
    loop {
        let mut fds = [
            libc::pollfd {
                fd: control,
                events: libc::POLLIN,
                revents: 0,
            },
            libc::pollfd {
                fd: sigchld,
                events: libc::POLLIN,
                revents: 0,
            },
        ];
        // SAFETY: poll on two descriptors we own.
        let n = unsafe { libc::poll(fds.as_mut_ptr(), 2, -1) };
        if n < 0 {
            continue; // EINTR
        }
        if fds[1].revents != 0 {
            let mut info = [0u8; 128];
            // SAFETY: draining the signalfd into a local buffer.
            while unsafe { libc::read(sigchld, info.as_mut_ptr().cast(), info.len()) } > 0 {}
            if let Some(status) = reap_until(pid) {
                return Some(status);
            }
        }
        if fds[0].revents != 0 {
            let mut bytes = [0u8; 64];
            // SAFETY: reading into a local buffer.
            let got = unsafe { libc::read(control, bytes.as_mut_ptr().cast(), bytes.len()) };
            if got <= 0 {
                // etcdkit is gone (or its end broke): nobody is left to stop the command.
                return reap_until(pid);
            }
            for &byte in &bytes[..got as usize] {
                if byte == STOP_TREE {
                    return reap_until(pid);
                }
                // SAFETY: the command is our unreaped child, so its pid (and group) are ours.
                unsafe { libc::kill(target, i32::from(byte)) };
            }
        }
    }
}

/// Reaps every child that has ended (orphans of the tree included); the command's status if
/// it was among them.
fn reap_until(pid: i32) -> Option<i32> {
    let mut found = None;
    loop {
        let mut status = 0;
        // SAFETY: waitpid on our own children.
        let got = unsafe { libc::waitpid(-1, &mut status, libc::WNOHANG) };
        if got <= 0 {
            return found;
        }
        if got == pid {
            found = Some(status);
        }
    }
}

/// Stops everything below the guard with SIGKILL and waits until nothing is left: as a
/// subreaper, the guard has no child exactly when nothing of the tree runs. `command` is the
/// command's pid while it is not reaped yet. Returns how many other processes were stopped,
/// and the command's status if it was reaped here.
fn kill_tree(command: Option<i32>, own_group: bool) -> (u32, Option<i32>) {
    let me = std::process::id() as i32;
    let mut seen = std::collections::BTreeSet::new();
    let mut status = None;
    if let (Some(pid), true) = (command, own_group) {
        // SAFETY: the group's leader is our unreaped child, so the group id is ours.
        unsafe { libc::kill(-pid, libc::SIGKILL) };
    }
    loop {
        // Reap first: with no child left (the usual end, nothing left behind) there is no need
        // to read /proc at all.
        let mut raw = 0;
        // SAFETY: waitpid on our own children.
        let got = unsafe { libc::waitpid(-1, &mut raw, libc::WNOHANG) };
        if got < 0 {
            break; // ECHILD: nothing left
        }
        if got > 0 {
            if Some(got) == command {
                status = Some(raw);
            }
            continue;
        }
        for child in children_of(me) {
            // SAFETY: an unreaped child of ours: its pid cannot have been reused.
            unsafe { libc::kill(child, libc::SIGKILL) };
            if Some(child) != command {
                seen.insert(child);
            }
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    (seen.len() as u32, status)
}

/// The pids whose parent is `parent`, from /proc.
fn children_of(parent: i32) -> Vec<i32> {
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    dir.filter_map(|entry| {
        let pid: i32 = entry.ok()?.file_name().to_str()?.parse().ok()?;
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
        // "pid (comm) state ppid ...": comm may hold spaces and parentheses.
        let after = &stat[stat.rfind(')')? + 1..];
        let ppid: i32 = after.split_whitespace().nth(1)?.parse().ok()?;
        (ppid == parent).then_some(pid)
    })
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_start_message_reads_back() {
        let env = vec![
            ("ETCD_LOCK_KEY".to_string(), OsString::from("/locks/x/694d")),
            ("EMPTY".to_string(), OsString::new()),
        ];
        let message = start_message(&env);
        let mut fds = [0; 2];
        // SAFETY: a fresh pipe; both ends are closed below.
        unsafe { assert_eq!(libc::pipe(fds.as_mut_ptr()), 0) };
        // SAFETY: writing a local buffer to our own pipe, which holds it whole.
        let wrote = unsafe { libc::write(fds[1], message.as_ptr().cast(), message.len()) };
        assert_eq!(wrote as usize, message.len());
        // SAFETY: our own descriptor.
        unsafe { libc::close(fds[1]) };
        let read = read_start(fds[0]).unwrap();
        let read: Vec<(String, OsString)> = read
            .into_iter()
            .map(|(k, v)| (k.into_string().unwrap(), v))
            .collect();
        assert_eq!(read, env);
        // Then end-of-file: no second message.
        assert_eq!(read_start(fds[0]), None);
        // SAFETY: our own descriptor.
        unsafe { libc::close(fds[0]) };
    }

    #[test]
    fn reports_read_back() {
        for r in [
            Report::Started(42),
            Report::NotStarted(2),
            Report::Ended {
                status: 9,
                leftovers: 3,
            },
        ] {
            assert_eq!(Report::parse(&r.line()), Some(r));
        }
        assert_eq!(Report::parse("nonsense"), None);
    }
}

//! Child-process plumbing for the fixture: spawning children that die with the test process,
//! sending signals, and checking whether a pid is still alive.

use std::io;
use std::os::unix::process::CommandExt;
use std::process::{Child, Command};
use std::sync::mpsc;
use std::sync::OnceLock;
use std::thread;
use std::time::{Duration, Instant};

type SpawnJob = (Command, mpsc::Sender<io::Result<Child>>);

/// Spawns `cmd` so that the child gets SIGKILL when the test process dies.
///
/// `PR_SET_PDEATHSIG` fires when the *thread* that forked the child exits, not the process, and
/// test harnesses run each test on a short-lived thread (so do tokio's blocking pools). So all
/// children are forked by one dedicated thread that lives until the process exits: an [`Etcd`]
/// stays up even if it was created on one thread and used or dropped on another.
///
/// [`Etcd`]: super::Etcd
pub fn spawn_tied_to_test(mut cmd: Command) -> io::Result<Child> {
    let parent = std::process::id() as libc::pid_t;
    // SAFETY: the closure runs between fork and exec and only makes async-signal-safe syscalls.
    unsafe {
        cmd.pre_exec(move || {
            if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL as libc::c_ulong) != 0 {
                return Err(io::Error::last_os_error());
            }
            // The parent may have died between fork and prctl: then nobody will signal us.
            if libc::getppid() != parent {
                return Err(io::Error::other(
                    "test process died before the child started",
                ));
            }
            Ok(())
        });
    }
    let (reply_tx, reply_rx) = mpsc::channel();
    spawner()
        .send((cmd, reply_tx))
        .map_err(|_| io::Error::other("fixture spawner thread is gone"))?;
    reply_rx
        .recv()
        .map_err(|_| io::Error::other("fixture spawner thread did not answer"))?
}

fn spawner() -> &'static mpsc::Sender<SpawnJob> {
    static SPAWNER: OnceLock<mpsc::Sender<SpawnJob>> = OnceLock::new();
    SPAWNER.get_or_init(|| {
        let (tx, rx) = mpsc::channel::<SpawnJob>();
        thread::Builder::new()
            .name("etcd-fixture-spawner".into())
            .spawn(move || {
                for (mut cmd, reply) in rx {
                    let _ = reply.send(cmd.spawn());
                }
            })
            .expect("cannot start the fixture's spawner thread");
        tx
    })
}

/// Sends `signal` (a `libc::SIG*` constant) to `child` if it has not exited; returns whether it
/// was sent. (An exited child that `try_wait` reaped may have its pid reused by now: never
/// signal a bare pid.)
pub(crate) fn signal_child(child: &mut Child, signal: libc::c_int) -> bool {
    if !matches!(child.try_wait(), Ok(None)) {
        return false;
    }
    // SAFETY: kill(2) has no memory-safety preconditions. The child is alive or an unreaped
    // zombie, so its pid still names it.
    unsafe { libc::kill(child.id() as libc::pid_t, signal) == 0 }
}

/// Whether `pid` names a live process (a zombie counts as dead).
pub fn process_alive(pid: u32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        // The state letter follows the command name in parentheses, which may contain spaces.
        Ok(stat) => match stat.rfind(')') {
            Some(end) => !matches!(stat[end + 1..].trim_start().chars().next(), Some('Z' | 'X')),
            None => true,
        },
        Err(_) => false,
    }
}

/// Waits up to `timeout` for `child` to exit; returns whether it exited.
pub(crate) fn wait_timeout(child: &mut Child, timeout: Duration) -> bool {
    let deadline = Instant::now() + timeout;
    loop {
        match child.try_wait() {
            Ok(Some(_)) => return true,
            Ok(None) if Instant::now() < deadline => thread::sleep(Duration::from_millis(10)),
            Ok(None) => return false,
            // Already reaped or otherwise unknowable: nothing left to wait for.
            Err(_) => return true,
        }
    }
}

/// SIGKILLs `child` and reaps it. Never panics, never blocks on anything but the kill.
pub(crate) fn kill_and_reap(child: &mut Child) {
    let _ = child.kill();
    let _ = child.wait();
}

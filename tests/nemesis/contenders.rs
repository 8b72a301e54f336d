//! Workload 1's clients: `etcdkit lock` contenders in the client namespace, each looping on
//! `etcdkit lock /nemesis/register -- python3 child.py SOCKET` until stopped.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::Duration;

use crate::clock::now;
use crate::support::{command_in, spawn_tied_to_test};

/// The lock the contenders take.
pub const LOCK: &str = "/nemesis/register";
/// The lock's lease TTL, in seconds.
pub const TTL_SECS: u64 = 2;

/// Everything a contender needs to start an `etcdkit lock`.
#[derive(Clone)]
pub struct Setup {
    pub netns: String,
    pub endpoints: String,
    pub socket: PathBuf,
    pub python: PathBuf,
    pub logs: PathBuf,
}

/// One `etcdkit lock` run's end.
#[derive(Debug, Clone, Copy)]
pub struct Exit {
    /// When it ended (the wall clock, as [`crate::clock::now`]).
    pub at: f64,
    /// Its exit code (None: a signal ended it).
    pub code: Option<i32>,
}

/// The running contenders; [`Contenders::stop`] ends them.
pub struct Contenders {
    stopping: Arc<AtomicBool>,
    /// Each contender's current etcdkit, if one runs.
    running: Arc<Vec<Mutex<Option<Child>>>>,
    exits: Arc<Mutex<Vec<Exit>>>,
    threads: Vec<JoinHandle<()>>,
}

impl Contenders {
    /// Starts `n` contenders.
    pub fn start(n: usize, setup: &Setup) -> Contenders {
        let stopping = Arc::new(AtomicBool::new(false));
        let running = Arc::new((0..n).map(|_| Mutex::new(None)).collect::<Vec<_>>());
        let exits = Arc::new(Mutex::new(Vec::new()));
        let threads = (0..n)
            .map(|i| {
                let (stopping, running, exits) = (stopping.clone(), running.clone(), exits.clone());
                let setup = setup.clone();
                thread::spawn(move || contend(i, &setup, &stopping, &running[i], &exits))
            })
            .collect();
        Contenders {
            stopping,
            running,
            exits,
            threads,
        }
    }

    /// Whether `pid` is one of the etcdkit processes running now.
    pub fn is_etcdkit(&self, pid: u32) -> bool {
        self.running.iter().any(|slot| {
            let mut slot = slot.lock().unwrap();
            slot.as_mut()
                .is_some_and(|c| c.id() == pid && matches!(c.try_wait(), Ok(None)))
        })
    }

    /// Sends `signal` to the etcdkit `pid` if it is still one of ours and running.
    pub fn signal_etcdkit(&self, pid: u32, signal: libc::c_int) -> bool {
        self.running.iter().any(|slot| {
            let mut slot = slot.lock().unwrap();
            let ours = slot
                .as_mut()
                .is_some_and(|c| c.id() == pid && matches!(c.try_wait(), Ok(None)));
            // SAFETY: kill(2); the child is ours and not reaped, so the pid names it.
            ours && unsafe { libc::kill(pid as libc::pid_t, signal) == 0 }
        })
    }

    /// Stops the loops: each running etcdkit gets SIGTERM (it passes it on to its child, or
    /// leaves the line); returns how each run ended.
    pub fn stop(mut self) -> Vec<Exit> {
        self.end(libc::SIGTERM);
        let exits = self.exits.lock().unwrap().clone();
        exits
    }

    /// Ends the loops, sending `signal` to each running etcdkit until all loops are done (a
    /// loop may start one more etcdkit meanwhile).
    fn end(&mut self, signal: libc::c_int) {
        self.stopping.store(true, Ordering::SeqCst);
        while self.threads.iter().any(|t| !t.is_finished()) {
            for slot in self.running.iter() {
                if let Some(c) = slot.lock().unwrap().as_mut() {
                    if matches!(c.try_wait(), Ok(None)) {
                        // SAFETY: as in signal_etcdkit (SIGCONT first: it may be paused).
                        unsafe {
                            libc::kill(c.id() as libc::pid_t, libc::SIGCONT);
                            libc::kill(c.id() as libc::pid_t, signal);
                        }
                    }
                }
            }
            thread::sleep(Duration::from_millis(100));
        }
        for t in std::mem::take(&mut self.threads) {
            let _ = t.join();
        }
    }
}

impl Drop for Contenders {
    /// After a panic: SIGKILL whatever still runs.
    fn drop(&mut self) {
        self.end(libc::SIGKILL);
    }
}

/// One contender's loop.
fn contend(
    i: usize,
    setup: &Setup,
    stopping: &AtomicBool,
    slot: &Mutex<Option<Child>>,
    exits: &Mutex<Vec<Exit>>,
) {
    let ttl = format!("{TTL_SECS}s");
    let log = setup.logs.join(format!("contender{i}.log"));
    while !stopping.load(Ordering::SeqCst) {
        let mut cmd = command_in(&setup.netns, env!("CARGO_BIN_EXE_etcdkit"));
        cmd.args(["--endpoints", &setup.endpoints, "lock", LOCK, "--ttl", &ttl])
            .args(["--timeout", "10s", "--kill-after", "1s", "--"])
            .arg(&setup.python)
            .arg(child_script())
            .arg(&setup.socket)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(append(&log));
        let child = spawn_tied_to_test(cmd).expect("start etcdkit lock");
        *slot.lock().unwrap() = Some(child);
        let code = loop {
            let status = slot.lock().unwrap().as_mut().map(|c| c.try_wait());
            match status {
                Some(Ok(Some(status))) => break status.code(),
                Some(Ok(None)) => thread::sleep(Duration::from_millis(20)),
                _ => break None,
            }
        };
        *slot.lock().unwrap() = None;
        let at = now();
        // Each run's stderr, then how and when it ended: the log tells which run said what.
        let _ = writeln!(append(&log), "== etcdkit exit {code:?} at {at:.3} ==");
        exits.lock().unwrap().push(Exit { at, code });
    }
}

/// The child script (tests/nemesis/child.py).
fn child_script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/nemesis/child.py")
}

fn append(path: &Path) -> std::fs::File {
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .expect("open a contender's log")
}

//! Processes kept running: each of a workload's n loops starts its command again whenever it
//! ends, until stopped, and records how and when every run ended.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::Duration;

use crate::clock::now;
use crate::support::spawn_tied_to_test;

/// One run's end.
#[derive(Debug, Clone)]
pub struct Exit {
    /// Which loop ran it.
    pub slot: usize,
    /// When it ended (the wall clock, as [`crate::clock::now`]).
    pub at: f64,
    /// Its exit code (None: a signal ended it).
    pub code: Option<i32>,
    /// The last line it wrote to its log (stderr), if any.
    pub said: Option<String>,
}

/// The running loops; [`Runners::stop`] ends them.
pub struct Runners {
    stopping: Arc<AtomicBool>,
    /// Each loop's current process, if one runs.
    running: Arc<Vec<Mutex<Option<Child>>>>,
    exits: Arc<Mutex<Vec<Exit>>>,
    threads: Vec<JoinHandle<()>>,
}

impl Runners {
    /// Starts `n` loops of `command(i)` (its stdin, stdout and stderr as set there); each
    /// run's end is appended to `log(i)` after whatever the run wrote there.
    pub fn start(
        n: usize,
        log: impl Fn(usize) -> PathBuf,
        command: impl Fn(usize) -> Command + Send + Sync + 'static,
    ) -> Runners {
        let command = Arc::new(command);
        let stopping = Arc::new(AtomicBool::new(false));
        let running = Arc::new((0..n).map(|_| Mutex::new(None)).collect::<Vec<_>>());
        let exits = Arc::new(Mutex::new(Vec::new()));
        let threads = (0..n)
            .map(|i| {
                let (stopping, running, exits) = (stopping.clone(), running.clone(), exits.clone());
                let (command, log) = (command.clone(), log(i));
                thread::spawn(move || run_loop(i, &*command, &log, &stopping, &running[i], &exits))
            })
            .collect();
        Runners {
            stopping,
            running,
            exits,
            threads,
        }
    }

    /// The pids of the processes running now, by loop.
    pub fn pids(&self) -> Vec<(usize, u32)> {
        self.running
            .iter()
            .enumerate()
            .filter_map(|(i, slot)| {
                let mut slot = slot.lock().unwrap();
                let child = slot.as_mut()?;
                matches!(child.try_wait(), Ok(None)).then(|| (i, child.id()))
            })
            .collect()
    }

    /// Whether `pid` is one of the processes running now.
    pub fn is_ours(&self, pid: u32) -> bool {
        self.pids().iter().any(|&(_, p)| p == pid)
    }

    /// Sends `signal` to `pid` if it is still one of ours and running.
    pub fn signal(&self, pid: u32, signal: libc::c_int) -> bool {
        self.running.iter().any(|slot| {
            let mut slot = slot.lock().unwrap();
            let ours = slot
                .as_mut()
                .is_some_and(|c| c.id() == pid && matches!(c.try_wait(), Ok(None)));
            // SAFETY: kill(2); the child is ours and not reaped, so the pid names it.
            ours && unsafe { libc::kill(pid as libc::pid_t, signal) == 0 }
        })
    }

    /// Stops the loops: each running process gets SIGTERM; returns how each run ended.
    pub fn stop(mut self) -> Vec<Exit> {
        self.end(libc::SIGTERM);
        let exits = self.exits.lock().unwrap().clone();
        exits
    }

    /// Ends the loops, sending `signal` to each running process until all loops are done (a
    /// loop may start one more meanwhile).
    fn end(&mut self, signal: libc::c_int) {
        self.stopping.store(true, Ordering::SeqCst);
        while self.threads.iter().any(|t| !t.is_finished()) {
            for slot in self.running.iter() {
                if let Some(c) = slot.lock().unwrap().as_mut() {
                    if matches!(c.try_wait(), Ok(None)) {
                        // SAFETY: as in signal (SIGCONT first: it may be paused).
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

impl Drop for Runners {
    /// After a panic: SIGKILL whatever still runs.
    fn drop(&mut self) {
        self.end(libc::SIGKILL);
    }
}

/// One loop.
fn run_loop(
    i: usize,
    command: &(dyn Fn(usize) -> Command + Send + Sync),
    log: &Path,
    stopping: &AtomicBool,
    slot: &Mutex<Option<Child>>,
    exits: &Mutex<Vec<Exit>>,
) {
    while !stopping.load(Ordering::SeqCst) {
        let from = std::fs::metadata(log).map_or(0, |m| m.len());
        let child = spawn_tied_to_test(command(i)).expect("start a workload's process");
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
        let said = last_line(log, from);
        // Each run's stderr, then how and when it ended: the log tells which run said what.
        let _ = writeln!(append(log), "== exit {code:?} at {at:.3} ==");
        exits.lock().unwrap().push(Exit {
            slot: i,
            at,
            code,
            said,
        });
    }
}

/// The last line written to `log` past byte `from`.
fn last_line(log: &Path, from: u64) -> Option<String> {
    let text = std::fs::read(log).ok()?;
    let text = String::from_utf8_lossy(text.get(from as usize..)?).into_owned();
    text.lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .map(|l| l.chars().take(300).collect())
}

/// `path`, opened for appending (made if missing).
pub fn append(path: &Path) -> std::fs::File {
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .expect("open a workload's log")
}

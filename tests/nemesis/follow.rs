//! A command whose stdout is read line by line for as long as the run lasts, started again
//! whenever it ends (a watch that gave up): each line goes to a callback with the time it was
//! read.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::Duration;

use crate::clock::now;
use crate::runners::append;
use crate::support::spawn_tied_to_test;

/// The running command; stopped on Drop.
pub struct Follow {
    stopping: Arc<AtomicBool>,
    child: Arc<Mutex<Option<Child>>>,
    starts: Arc<AtomicUsize>,
    thread: Option<JoinHandle<()>>,
}

impl Follow {
    /// Runs `command()` (again whenever it ends), its stderr appended to `log`, and hands each
    /// line of its stdout to `line(text, when read)`.
    pub fn start(
        command: impl Fn() -> Command + Send + 'static,
        mut line: impl FnMut(&str, f64) + Send + 'static,
        log: &Path,
    ) -> Follow {
        let stopping = Arc::new(AtomicBool::new(false));
        let child = Arc::new(Mutex::new(None));
        let starts = Arc::new(AtomicUsize::new(0));
        let (stop, slot, count, log): (_, _, _, PathBuf) = (
            stopping.clone(),
            child.clone(),
            starts.clone(),
            log.to_owned(),
        );
        let thread = thread::spawn(move || {
            while !stop.load(Ordering::SeqCst) {
                let mut cmd = command();
                cmd.stdin(Stdio::null())
                    .stdout(Stdio::piped())
                    .stderr(append(&log));
                let mut running = spawn_tied_to_test(cmd).expect("start a follower");
                count.fetch_add(1, Ordering::SeqCst);
                let stdout = running.stdout.take().expect("its stdout");
                *slot.lock().unwrap() = Some(running);
                for text in BufReader::new(stdout).lines() {
                    let Ok(text) = text else { break };
                    line(&text, now());
                }
                if let Some(mut c) = slot.lock().unwrap().take() {
                    let _ = c.kill();
                    let _ = c.wait();
                }
                thread::sleep(Duration::from_millis(200));
            }
        });
        Follow {
            stopping,
            child,
            starts,
            thread: Some(thread),
        }
    }

    /// How many times the command was started.
    pub fn starts(&self) -> usize {
        self.starts.load(Ordering::SeqCst)
    }
}

impl Drop for Follow {
    fn drop(&mut self) {
        self.stopping.store(true, Ordering::SeqCst);
        if let Some(c) = self.child.lock().unwrap().as_mut() {
            let _ = c.kill();
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

//! When etcd deleted each holder's key (its lease expired or was revoked), as seen by an
//! `etcdctl watch` in the client namespace: a child must be gone by then.
//!
//! The watch sees a deletion after it happened (later still while its member is cut off:
//! etcd cancels a watch without a leader, and it is started again from the next revision), so
//! a child that ended after the time seen surely outlived its key; one that ended just before
//! it may not be caught.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::Duration;

use base64::Engine as _;

use crate::clock::now;
use crate::support::{spawn_tied_to_test, Etcd};

/// The watch; its findings so far with [`Deletions::seen`].
pub struct Deletions {
    stopping: Arc<AtomicBool>,
    child: Arc<Mutex<Option<Child>>>,
    seen: Arc<Mutex<HashMap<String, f64>>>,
    thread: Option<JoinHandle<()>>,
}

impl Deletions {
    /// Watches the keys under `prefix`, with etcdctl's stderr appended to `log`.
    pub fn watch(etcd: &Etcd, prefix: &str, log: &std::path::Path) -> Deletions {
        let stopping = Arc::new(AtomicBool::new(false));
        let child = Arc::new(Mutex::new(None));
        let seen = Arc::new(Mutex::new(HashMap::new()));
        let mut base = etcd.etcdctl_command();
        base.args(["watch", "--prefix", prefix, "-w", "json"]);
        let (stop, slot, into, log) = (
            stopping.clone(),
            child.clone(),
            seen.clone(),
            log.to_owned(),
        );
        let thread = thread::spawn(move || {
            let mut next_rev = 0;
            while !stop.load(Ordering::SeqCst) {
                let mut cmd = clone(&base);
                if next_rev > 0 {
                    cmd.arg(format!("--rev={next_rev}"));
                }
                let err = std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(&log)
                    .expect("open the watch's log");
                cmd.stdout(Stdio::piped()).stderr(err);
                let mut watch = spawn_tied_to_test(cmd).expect("start etcdctl watch");
                let stdout = watch.stdout.take().expect("etcdctl's stdout");
                *slot.lock().unwrap() = Some(watch);
                for line in BufReader::new(stdout).lines() {
                    let Ok(line) = line else { break };
                    let at = now();
                    let (keys, rev) = deleted_keys(&line);
                    next_rev = next_rev.max(rev + 1);
                    for key in keys {
                        into.lock().unwrap().entry(key).or_insert(at);
                    }
                }
                if let Some(mut w) = slot.lock().unwrap().take() {
                    let _ = w.kill();
                    let _ = w.wait();
                }
                thread::sleep(Duration::from_millis(200));
            }
        });
        Deletions {
            stopping,
            child,
            seen,
            thread: Some(thread),
        }
    }

    /// Key -> when the watch saw it deleted.
    pub fn seen(&self) -> HashMap<String, f64> {
        self.seen.lock().unwrap().clone()
    }
}

impl Drop for Deletions {
    fn drop(&mut self) {
        self.stopping.store(true, Ordering::SeqCst);
        if let Some(w) = self.child.lock().unwrap().as_mut() {
            let _ = w.kill();
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// A copy of `cmd`'s program, arguments and environment.
fn clone(cmd: &Command) -> Command {
    let mut copy = Command::new(cmd.get_program());
    copy.args(cmd.get_args());
    for (k, v) in cmd.get_envs() {
        match v {
            Some(v) => copy.env(k, v),
            None => copy.env_remove(k),
        };
    }
    copy.stdin(Stdio::null());
    copy
}

/// The keys a watch response (`etcdctl watch -w json`, one per line) says were deleted, and
/// the revision of its last event (0 if none).
fn deleted_keys(line: &str) -> (Vec<String>, i64) {
    let Ok(response) = serde_json::from_str::<serde_json::Value>(line) else {
        return (Vec::new(), 0);
    };
    let events = response["Events"].as_array().cloned().unwrap_or_default();
    let keys = events
        .iter()
        .filter(|e| e["type"].as_u64() == Some(1))
        .filter_map(|e| e["kv"]["key"].as_str())
        .filter_map(|k| base64::engine::general_purpose::STANDARD.decode(k).ok())
        .map(|k| String::from_utf8_lossy(&k).into_owned())
        .collect();
    let last = events
        .iter()
        .filter_map(|e| e["kv"]["mod_revision"].as_i64())
        .max()
        .unwrap_or(0);
    (keys, last)
}

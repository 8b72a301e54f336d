//! When etcd deleted each holder's key (its lease expired or was revoked), as seen by an
//! `etcdctl watch` in the client namespace: a child must be gone by then.
//!
//! The watch sees a deletion after it happened (later still while its member is cut off:
//! etcd cancels a watch without a leader, and it is started again from the next revision), so
//! a child that ended after the time seen surely outlived its key; one that ended just before
//! it may not be caught.

use std::collections::HashMap;
use std::process::Command;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex};

use base64::Engine as _;

use crate::follow::Follow;
use crate::support::Etcd;

/// The watch; its findings so far with [`Deletions::seen`].
pub struct Deletions {
    seen: Arc<Mutex<HashMap<String, f64>>>,
    _watch: Follow,
}

impl Deletions {
    /// Watches the keys under `prefix`, with etcdctl's stderr appended to `log`.
    pub fn watch(etcd: &Etcd, prefix: &str, log: &std::path::Path) -> Deletions {
        let seen = Arc::new(Mutex::new(HashMap::new()));
        let next_rev = Arc::new(AtomicI64::new(0));
        let base = etcd.etcdctl_command();
        let prefix = prefix.to_string();
        let from = next_rev.clone();
        // Started again from the revision after the last event seen: no deletion is missed.
        let command = move || {
            let mut cmd = Command::new(base.get_program());
            cmd.args(base.get_args());
            for (k, v) in base.get_envs() {
                match v {
                    Some(v) => cmd.env(k, v),
                    None => cmd.env_remove(k),
                };
            }
            cmd.args(["watch", "--prefix", &prefix, "-w", "json"]);
            match from.load(Ordering::SeqCst) {
                0 => {}
                rev => {
                    cmd.arg(format!("--rev={rev}"));
                }
            }
            cmd
        };
        let into = seen.clone();
        let line = move |text: &str, at: f64| {
            let (keys, rev) = deleted_keys(text);
            if rev > 0 {
                next_rev.fetch_max(rev + 1, Ordering::SeqCst);
            }
            for key in keys {
                into.lock().unwrap().entry(key).or_insert(at);
            }
        };
        Deletions {
            seen,
            _watch: Follow::start(command, line, log),
        }
    }

    /// Key -> when the watch saw it deleted.
    pub fn seen(&self) -> HashMap<String, f64> {
        self.seen.lock().unwrap().clone()
    }
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

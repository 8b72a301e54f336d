//! The fenced register: a counter behind a Unix socket that refuses any request whose fencing
//! token is below the highest it has seen, and records every critical section and request.
//!
//! Protocol (one line each way, per connection = per critical section): `start TOKEN PID PPID
//! T KEY`, `read TOKEN` -> `ok VALUE` | `stale HIGHEST`, `write TOKEN VALUE` -> `ok` | `stale
//! HIGHEST`, `end T`. T is the child's clock; a connection closed without `end` ends at the
//! moment the register sees it close (the child died).

use std::io::{BufRead, BufReader, Write};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;

use crate::clock::now;

/// One critical section, as its child reported it.
#[derive(Debug, Clone, Default)]
pub struct Section {
    pub token: u64,
    pub pid: u32,
    /// The holder's key (ETCDKIT_LOCK_KEY).
    pub key: String,
    /// Child's clock, before it connected.
    pub start: f64,
    /// Child's clock at `end`, or the register's when the connection closed without it.
    pub end: Option<f64>,
    /// Whether the child said `end` (false: it was killed).
    pub finished: bool,
    pub read: Option<Op>,
    pub write: Option<Op>,
}

/// One read or write, in the register's order.
#[derive(Debug, Clone, Copy)]
pub struct Op {
    /// Position in the register's total order of requests.
    pub seq: u64,
    pub token: u64,
    pub accepted: bool,
    /// The register's clock when it handled the request.
    pub at: f64,
    /// The value read, or written.
    pub value: u64,
}

/// What the register holds and has seen.
#[derive(Debug, Clone, Default)]
pub struct History {
    pub counter: u64,
    pub highest: u64,
    pub sections: Vec<Section>,
    /// Every read and write, accepted or not, in order.
    pub ops: Vec<Op>,
}

/// The register, served on a Unix socket until dropped.
pub struct Register {
    path: PathBuf,
    state: Arc<Mutex<History>>,
    stopping: Arc<AtomicBool>,
}

impl Register {
    /// Serves a register on `dir/register.sock`.
    pub fn start(dir: &Path) -> Register {
        let path = dir.join("register.sock");
        let listener = UnixListener::bind(&path).expect("bind the register's socket");
        let state = Arc::new(Mutex::new(History::default()));
        let stopping = Arc::new(AtomicBool::new(false));
        let (st, stop) = (state.clone(), stopping.clone());
        thread::spawn(move || {
            for conn in listener.incoming() {
                if stop.load(Ordering::SeqCst) {
                    return;
                }
                let Ok(conn) = conn else { continue };
                let st = st.clone();
                thread::spawn(move || serve(conn, &st));
            }
        });
        Register {
            path,
            state,
            stopping,
        }
    }

    /// The socket's path, for the children.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A copy of everything so far.
    pub fn history(&self) -> History {
        self.state.lock().unwrap().clone()
    }

    /// The latest section still open (no end yet), if any: the current holder's.
    pub fn open_section(&self) -> Option<Section> {
        let st = self.state.lock().unwrap();
        st.sections.iter().rev().find(|s| s.end.is_none()).cloned()
    }
}

impl Drop for Register {
    fn drop(&mut self) {
        self.stopping.store(true, Ordering::SeqCst);
        // Wake the accept loop so that it sees `stopping`.
        let _ = UnixStream::connect(&self.path);
    }
}

/// Serves one child's connection: one section.
fn serve(conn: UnixStream, state: &Mutex<History>) {
    let mut out = match conn.try_clone() {
        Ok(out) => out,
        Err(_) => return,
    };
    let mut index = None;
    for line in BufReader::new(conn).lines() {
        let Ok(line) = line else { break };
        let words: Vec<&str> = line.split_whitespace().collect();
        let reply = {
            let mut st = state.lock().unwrap();
            handle(&mut st, &mut index, &words)
        };
        if writeln!(out, "{reply}").is_err() {
            break;
        }
    }
    let mut st = state.lock().unwrap();
    if let Some(section) = index.and_then(|i| st.sections.get_mut(i)) {
        section.end.get_or_insert_with(now);
    }
}

fn handle(st: &mut History, index: &mut Option<usize>, words: &[&str]) -> String {
    let num = |i: usize| {
        words
            .get(i)
            .and_then(|w| w.parse::<u64>().ok())
            .unwrap_or(0)
    };
    match words.first().copied() {
        Some("start") => {
            st.sections.push(Section {
                token: num(1),
                pid: num(2) as u32,
                key: words.get(5).unwrap_or(&"").to_string(),
                start: words
                    .get(4)
                    .and_then(|w| w.parse().ok())
                    .unwrap_or_else(now),
                ..Section::default()
            });
            *index = Some(st.sections.len() - 1);
            "ok".into()
        }
        Some(kind @ ("read" | "write")) => {
            let token = num(1);
            let accepted = token >= st.highest;
            st.highest = st.highest.max(token);
            if accepted && kind == "write" {
                st.counter = num(2);
            }
            let op = Op {
                seq: st.ops.len() as u64,
                token,
                accepted,
                at: now(),
                value: if kind == "write" { num(2) } else { st.counter },
            };
            st.ops.push(op);
            if let Some(section) = index.and_then(|i| st.sections.get_mut(i)) {
                match kind {
                    "read" => section.read = Some(op),
                    _ => section.write = Some(op),
                }
            }
            match (accepted, kind) {
                (true, "read") => format!("ok {}", st.counter),
                (true, _) => "ok".into(),
                (false, _) => format!("stale {}", st.highest),
            }
        }
        Some("end") => {
            if let Some(section) = index.and_then(|i| st.sections.get_mut(i)) {
                section.end = Some(
                    words
                        .get(1)
                        .and_then(|w| w.parse().ok())
                        .unwrap_or_else(now),
                );
                section.finished = true;
            }
            "ok".into()
        }
        _ => "error".into(),
    }
}

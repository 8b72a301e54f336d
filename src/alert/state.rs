//! What alerting remembers between evaluations: counters for rates, pending `for` timers, what
//! was notified to whom, and silences. Kept in a JSON file written atomically (temporary file,
//! fsync, rename, fsync of the directory) under an exclusive lock, so a crash mid-write never
//! loses or corrupts it and two runs never interleave. A corrupt file is set aside, reported
//! and rebuilt.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::history::History;
use super::notification::LabelSet;
use super::observe::HashKvCheck;
use super::silence::Silence;
use crate::error::{Error, Result};
use crate::files;

/// The format version this etcdkit writes.
pub const VERSION: u32 = 1;

/// Where an alert is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Phase {
    /// The condition holds, not yet for the rule's `for`.
    Pending,
    /// The condition has held for `for`.
    Firing,
    /// It fired and the condition no longer holds; kept until the resolution is notified.
    Resolved,
}

/// One alert that is pending, firing, or resolved but not yet notified as such.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AlertState {
    /// All its labels.
    pub labels: LabelSet,
    /// Its annotations, filled in.
    pub annotations: LabelSet,
    /// Pending, firing or resolved.
    pub phase: Phase,
    /// Unix time the condition started to hold.
    pub active_since: f64,
    /// Unix time it started firing.
    pub fired_at: Option<f64>,
    /// Unix time it resolved.
    pub resolved_at: Option<f64>,
    /// The latest value.
    pub value: Option<f64>,
}

/// What one channel was last told about one group.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ChannelLog {
    /// Unix time of the last successful notification.
    pub last_sent: f64,
    /// Fingerprints it was told are firing.
    pub firing: BTreeSet<String>,
}

/// One notification group.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GroupState {
    /// Unix time it first had a firing alert (for `group_wait`).
    pub first_seen: f64,
    /// By channel name.
    #[serde(default)]
    pub channels: BTreeMap<String, ChannelLog>,
}

/// Everything remembered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct State {
    /// Format version.
    pub version: u32,
    /// Counters by member name.
    #[serde(default)]
    pub history: History,
    /// Alerts by fingerprint.
    #[serde(default)]
    pub alerts: BTreeMap<String, AlertState>,
    /// Notification groups by key.
    #[serde(default)]
    pub groups: BTreeMap<String, GroupState>,
    /// Silences, expired ones too until they are a day old.
    #[serde(default)]
    pub silences: Vec<Silence>,
    /// The latest `hashkv` comparison.
    #[serde(default)]
    pub hashkv: Option<HashKvCheck>,
}

impl Default for State {
    fn default() -> Self {
        State {
            version: VERSION,
            history: History::new(),
            alerts: BTreeMap::new(),
            groups: BTreeMap::new(),
            silences: Vec::new(),
            hashkv: None,
        }
    }
}

/// How long an expired silence is still listed.
const KEEP_EXPIRED: f64 = 24.0 * 3600.0;

impl State {
    /// Forgets silences that ended more than a day ago.
    pub fn prune_silences(&mut self, now: f64) {
        self.silences.retain(|s| s.ends_at + KEEP_EXPIRED > now);
    }
}

/// A state file, locked for as long as this lives.
#[derive(Debug)]
pub struct StateFile {
    path: PathBuf,
    _lock: File,
}

/// What opening found.
#[derive(Debug)]
pub struct Opened {
    /// The file, locked.
    pub file: StateFile,
    /// Its state (empty for a new or corrupt file).
    pub state: State,
    /// The file was corrupt: why, and where it was moved.
    pub recovered: Option<Recovered>,
}

/// A corrupt state file that was set aside.
#[derive(Debug, Clone, Serialize)]
pub struct Recovered {
    /// What was wrong with it.
    pub problem: String,
    /// Where it now is.
    pub set_aside_as: PathBuf,
}

/// How long to wait for another etcdkit holding the lock: an evaluation holds it while it
/// delivers, which takes a channel's timeout times its tries at worst.
pub const LOCK_WAIT: Duration = Duration::from_secs(120);

fn io_error(context: String, source: io::Error) -> Error {
    Error::Io { context, source }
}

/// The error for a state file another etcdkit kept locked for all of `wait`: a local failure
/// (exit 6), with an [`io::ErrorKind::WouldBlock`] source so that callers can tell it apart.
fn busy(path: &Path, wait: Duration) -> Error {
    io_error(
        format!(
            "the state file {} is in use: another `etcdkit alert` kept it locked for {} (a run \
             evaluating and delivering notifications holds it up to each channel's timeout \
             times its tries)",
            path.display(),
            humantime::format_duration(wait)
        ),
        io::Error::new(
            io::ErrorKind::WouldBlock,
            "try again, or give each daemon its own --state",
        ),
    )
}

/// The state file was locked by another etcdkit for as long as the caller waited.
pub fn is_busy(error: &Error) -> bool {
    matches!(error, Error::Io { source, .. } if source.kind() == io::ErrorKind::WouldBlock)
}

/// What the state file is called in messages.
const WHAT: &str = "state file";

impl StateFile {
    /// Locks and reads the state file at `path` (a missing file is an empty state), waiting up
    /// to [`LOCK_WAIT`] for another etcdkit that holds it.
    pub fn open(path: &Path) -> Result<Opened> {
        StateFile::open_waiting(path, LOCK_WAIT)
    }

    /// [`StateFile::open`], waiting up to `wait` for the lock.
    pub fn open_waiting(path: &Path, wait: Duration) -> Result<Opened> {
        // Symlinks lead to the file that is written; anything but a regular file is refused
        // before a lock file is made next to it.
        let target = files::target(path, WHAT)?;
        if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
            if dir.exists() && !dir.is_dir() {
                return Err(Error::usage_with_hint(
                    format!(
                        "cannot write the state file {}: {} is not a directory",
                        path.display(),
                        dir.display()
                    ),
                    "give --state a file in a writable directory",
                ));
            }
            fs::create_dir_all(dir).map_err(|e| {
                io_error(
                    format!("cannot create the state directory {}", dir.display()),
                    e,
                )
            })?;
        }
        let lock_path = files::sibling(&target, ".lock");
        let lock = files::open_for_lock(&lock_path, "state file's lock")?;
        let started = Instant::now();
        loop {
            match lock.try_lock() {
                Ok(()) => break,
                Err(fs::TryLockError::WouldBlock) if started.elapsed() < wait => {
                    std::thread::sleep(Duration::from_millis(20));
                }
                Err(fs::TryLockError::WouldBlock) => {
                    return Err(busy(path, wait));
                }
                Err(fs::TryLockError::Error(e)) => {
                    return Err(io_error(format!("cannot lock {}", lock_path.display()), e))
                }
            }
        }
        let file = StateFile {
            path: path.to_path_buf(),
            _lock: lock,
        };
        let Some(text) = files::read(path, WHAT)? else {
            return Ok(Opened {
                file,
                state: State::default(),
                recovered: None,
            });
        };
        match serde_json::from_slice::<State>(&text) {
            Ok(state) if state.version == VERSION => Ok(Opened {
                file,
                state,
                recovered: None,
            }),
            Ok(state) if state.version > VERSION => Err(Error::usage_with_hint(
                format!(
                    "the state file {} was written by a newer etcdkit (format {})",
                    path.display(),
                    state.version
                ),
                "use that etcdkit, or give --state another file",
            )),
            Ok(state) => file.set_aside(format!("unknown format version {}", state.version)),
            Err(e) => file.set_aside(e.to_string()),
        }
    }

    fn set_aside(self, problem: String) -> Result<Opened> {
        let stamp = super::observe::unix_now() as u64;
        let aside = files::set_aside(&self.path, WHAT, &format!(".corrupt-{stamp}"))?;
        Ok(Opened {
            file: self,
            state: State::default(),
            recovered: Some(Recovered {
                problem,
                set_aside_as: aside,
            }),
        })
    }

    /// The path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Replaces the file with `state`, atomically (a symlink is followed, not replaced).
    pub fn save(&self, state: &State) -> Result<()> {
        let body = serde_json::to_vec(state).map_err(|e| {
            io_error(
                format!("cannot write the state file {}", self.path.display()),
                io::Error::other(e),
            )
        })?;
        files::replace(&self.path, WHAT, &body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_survives_a_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.json");
        let opened = StateFile::open(&path).unwrap();
        assert!(opened.recovered.is_none());
        let mut state = opened.state;
        state
            .silences
            .push(Silence::new(&["a=b".into()], 1.0, 10.0, "me", "x").unwrap());
        opened.file.save(&state).unwrap();
        drop(opened.file);
        let again = StateFile::open(&path).unwrap();
        assert_eq!(again.state, state);
    }

    #[test]
    fn a_corrupt_file_is_set_aside_and_rebuilt() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.json");
        fs::write(&path, b"{\"version\": 1, \"alerts\": {\"x\": tru").unwrap();
        let opened = StateFile::open(&path).unwrap();
        let r = opened.recovered.unwrap();
        assert!(r.problem.contains("line 1"), "{}", r.problem);
        assert_eq!(
            fs::read(&r.set_aside_as).unwrap(),
            b"{\"version\": 1, \"alerts\": {\"x\": tru"
        );
        assert_eq!(opened.state, State::default());
        assert!(!path.exists());
    }

    #[test]
    fn a_second_opener_waits_for_the_lock() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.json");
        let first = StateFile::open(&path).unwrap();
        let p = path.clone();
        let waiter = std::thread::spawn(move || StateFile::open(&p).map(|o| o.state));
        std::thread::sleep(Duration::from_millis(200));
        assert!(!waiter.is_finished());
        drop(first);
        assert!(waiter.join().unwrap().is_ok());
    }

    #[test]
    fn a_directory_is_not_a_state_file() {
        let dir = tempfile::tempdir().unwrap();
        assert!(StateFile::open(dir.path()).is_err());
    }
}

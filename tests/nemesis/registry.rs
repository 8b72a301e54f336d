//! Workload 3: `etcdkit discover register` instances and a `discover watch` of them. No
//! instance is withdrawn while its registrar runs (unless a fault paused it), and a killed
//! registrar's instance is withdrawn within its TTL.

use std::fmt::Write as _;
use std::sync::{Arc, Mutex};

use crate::faults::{Fault, Kind};
use crate::follow::Follow;
use crate::runners::{Exit, Runners};
use crate::setup::Setup;

/// The service.
pub const SERVICE: &str = "nemesis";
/// The registrations' lease TTL, in seconds.
pub const TTL_SECS: u64 = 2;
/// Past the TTL, how late a withdrawal may be seen: etcd looks for expired leases every
/// 500 ms, and the watch takes a moment to say so.
const SLACK: f64 = 1.0;

/// Instance `i`'s ID.
pub fn id(i: usize) -> String {
    format!("r{i}")
}

/// Starts `n` registrars.
pub fn start(n: usize, setup: &Setup) -> Runners {
    let log = |i| setup.logs.join(format!("registrar{i}.log"));
    let setup = setup.clone();
    let ttl = format!("{TTL_SECS}s");
    Runners::start(n, log, move |i| {
        let addr = format!("10.77.0.100:{}", 7000 + i);
        let args = [
            "discover",
            "register",
            SERVICE,
            "--addr",
            &addr,
            "--id",
            &id(i),
            "--ttl",
            &ttl,
        ];
        setup.etcdkit(&args, &setup.logs.join(format!("registrar{i}.log")))
    })
}

/// A change the watch printed.
#[derive(Debug, Clone)]
pub struct Event {
    pub at: f64,
    pub kind: String,
    pub id: String,
}

/// The `discover watch`, and what it printed so far.
pub struct Watch {
    events: Arc<Mutex<Vec<Event>>>,
    follow: Follow,
}

impl Watch {
    pub fn start(setup: &Setup) -> Watch {
        let events = Arc::new(Mutex::new(Vec::new()));
        let into = events.clone();
        let log = setup.logs.join("discover-watch.log");
        let setup = setup.clone();
        let command = move || {
            setup.etcdkit(
                &["discover", "watch", SERVICE, "-o", "json"],
                &setup.logs.join("discover-watch.log"),
            )
        };
        let line = move |text: &str, at: f64| {
            let Ok(v) = serde_json::from_str::<serde_json::Value>(text) else {
                return;
            };
            let (Some(kind), Some(id)) = (v["type"].as_str(), v["id"].as_str()) else {
                return;
            };
            into.lock().unwrap().push(Event {
                at,
                kind: kind.into(),
                id: id.into(),
            });
        };
        Watch {
            events,
            follow: Follow::start(command, line, &log),
        }
    }

    pub fn events(&self) -> Vec<Event> {
        self.events.lock().unwrap().clone()
    }

    /// The instances the watch shows now.
    pub fn shown(&self) -> Vec<String> {
        let mut shown: Vec<String> = Vec::new();
        for e in self.events() {
            match e.kind.as_str() {
                "removed" => shown.retain(|id| *id != e.id),
                _ if !shown.contains(&e.id) => shown.push(e.id),
                _ => {}
            }
        }
        shown.sort();
        shown
    }

    /// How many times `discover watch` was started (1 unless it gave up).
    pub fn starts(&self) -> usize {
        self.follow.starts()
    }
}

/// The checker's findings.
#[derive(Debug, Default)]
pub struct Verdict {
    pub added: usize,
    pub removed: usize,
    /// Instances withdrawn while their registrar ran, not paused.
    pub healthy_withdrawn: Vec<String>,
    /// Killed registrars' instances withdrawn later than the TTL allows, or never.
    pub late: Vec<String>,
    /// Withdrawals later than the TTL while a fault could make a new leader (which extends
    /// every lease): etcd's rule, not a violation.
    pub late_by_election: usize,
    /// Seconds from a registrar's kill to its instance's withdrawal.
    pub withdrawal: Vec<f64>,
    /// The watch gave up and was started again.
    pub watch_restarts: usize,
}

impl Verdict {
    pub fn violations(&self) -> Vec<String> {
        let restarts = (self.watch_restarts > 0).then(|| {
            format!(
                "discover watch exited and was started again {} times",
                self.watch_restarts
            )
        });
        self.healthy_withdrawn
            .iter()
            .chain(&self.late)
            .cloned()
            .chain(restarts)
            .collect()
    }
}

/// Checks the watch's events (up to `until`, when the registrars were stopped) against the
/// registrars' exits and the faults.
pub fn check(watch: &Watch, exits: &[Exit], faults: &[Fault], until: f64) -> Verdict {
    let events: Vec<Event> = watch
        .events()
        .into_iter()
        .filter(|e| e.at < until)
        .collect();
    let mut v = Verdict {
        watch_restarts: watch.starts().saturating_sub(1),
        ..Verdict::default()
    };
    for (n, e) in events.iter().enumerate() {
        match e.kind.as_str() {
            "added" => v.added += 1,
            "removed" => {
                v.removed += 1;
                let since = events[..n]
                    .iter()
                    .rfind(|a| a.id == e.id && a.kind == "added")
                    .map_or(0.0, |a| a.at);
                let ended = exits
                    .iter()
                    .any(|x| id(x.slot) == e.id && since <= x.at && x.at <= e.at);
                let paused = faults.iter().any(|f| {
                    f.kind == Kind::PauseRegistrar
                        && f.registrar.map(id).as_ref() == Some(&e.id)
                        && f.start <= e.at
                        && e.at <= f.end + TTL_SECS as f64
                });
                if !ended && !paused {
                    v.healthy_withdrawn.push(format!(
                        "{} withdrawn at {:.3} while its registrar ran",
                        e.id, e.at
                    ));
                }
            }
            _ => {}
        }
    }
    for f in faults.iter().filter(|f| f.kind == Kind::KillRegistrar) {
        let Some(i) = f.registrar else { continue };
        let gone = events
            .iter()
            .find(|e| e.id == id(i) && e.kind == "removed" && e.at >= f.start);
        let Some(gone) = gone else {
            if until - f.start > TTL_SECS as f64 + SLACK {
                v.late.push(format!(
                    "{} (registrar killed at {:.3}) never withdrawn",
                    id(i),
                    f.start
                ));
            }
            continue;
        };
        let took = gone.at - f.start;
        v.withdrawal.push(took);
        if took > TTL_SECS as f64 + SLACK {
            let election = faults
                .iter()
                .any(|g| g.may_elect() && g.start <= gone.at && f.start <= g.end + TTL_SECS as f64);
            match election {
                true => v.late_by_election += 1,
                false => v.late.push(format!(
                    "{} withdrawn {took:.3} s after its registrar was killed (TTL {TTL_SECS} s)",
                    id(i)
                )),
            }
        }
    }
    v
}

/// The report's lines.
pub fn describe(v: &Verdict) -> String {
    let mut out = String::new();
    let mut took = v.withdrawal.clone();
    took.sort_by(f64::total_cmp);
    let max = took.last().copied().unwrap_or(0.0);
    let _ = writeln!(
        out,
        "registry (discover register --ttl {TTL_SECS}s, discover watch): {} added, {} removed; killed registrars withdrawn after {} (max {max:.2} s; {} later than the TTL during a leader change)",
        v.added,
        v.removed,
        took.iter().map(|t| format!("{t:.2}")).collect::<Vec<_>>().join(" "),
        v.late_by_election
    );
    crate::report::findings(
        &mut out,
        &[
            ("live instances withdrawn", &v.healthy_withdrawn),
            ("dead instances withdrawn late or never", &v.late),
        ],
    );
    let _ = writeln!(out, "  discover watch restarts: {}", v.watch_restarts);
    out
}

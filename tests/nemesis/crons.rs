//! Workload 2: `etcdkit elect --every` instances sharing a cron job. Each run appends
//! `SLOT REV PID` to one file (O_APPEND: the lines are in the order the runs started); each slot
//! must run at most once, and no run may start after a newer leader's (a deposed leader runs
//! nothing).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::runners::Runners;
use crate::setup::Setup;

/// The election.
pub const ELECTION: &str = "/nemesis/cron";
/// The cron's interval, in milliseconds.
pub const EVERY_MS: u64 = 500;
/// The leaders' lease TTL, in seconds.
pub const TTL_SECS: u64 = 2;

/// The file the runs append to.
pub fn runs_file(setup: &Setup) -> PathBuf {
    setup.logs.join("cron-runs.log")
}

/// Starts `n` instances.
pub fn start(n: usize, setup: &Setup) -> Runners {
    let log = |i| setup.logs.join(format!("cron{i}.log"));
    let setup = setup.clone();
    let (every, ttl) = (format!("{EVERY_MS}ms"), format!("{TTL_SECS}s"));
    let runs = runs_file(&setup);
    Runners::start(n, log, move |i| {
        let args = [
            "elect",
            ELECTION,
            "--every",
            &every,
            "--ttl",
            &ttl,
            "--kill-after",
            "1s",
            "--",
        ];
        let mut cmd = setup.etcdkit(&args, &setup.logs.join(format!("cron{i}.log")));
        cmd.args([
            "sh",
            "-c",
            r#"echo "$ETCDKIT_ELECT_SLOT $ETCDKIT_ELECT_REV $$" >> "$1""#,
        ])
        .arg("sh")
        .arg(&runs);
        cmd
    })
}

/// What the runs file says.
#[derive(Debug, Default)]
pub struct Verdict {
    pub runs: usize,
    /// Slots run more than once.
    pub twice: Vec<String>,
    /// Runs started after a run of a newer leader (a higher revision).
    pub deposed: Vec<String>,
    /// Slots between the first and the last run that nobody ran.
    pub missed: u64,
}

impl Verdict {
    pub fn violations(&self) -> Vec<String> {
        self.twice.iter().chain(&self.deposed).cloned().collect()
    }
}

/// Checks the runs file.
pub fn check(path: &Path) -> Verdict {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let mut v = Verdict::default();
    let mut by_slot: BTreeMap<u64, Vec<(i64, u32)>> = BTreeMap::new();
    let mut newest = (0, 0);
    for line in text.lines() {
        let parts: Vec<&str> = line.split_whitespace().collect();
        let [slot, rev, pid] = parts[..] else {
            panic!("a cron run wrote {line:?}");
        };
        let (slot, rev, pid): (u64, i64, u32) = (
            slot.parse().expect("a slot"),
            rev.parse().expect("a revision"),
            pid.parse().expect("a pid"),
        );
        v.runs += 1;
        if rev < newest.0 {
            v.deposed.push(format!(
                "slot {slot} run by the leader of revision {rev} (pid {pid}) after slot {} of the leader of revision {}",
                newest.1, newest.0
            ));
        }
        if rev >= newest.0 {
            newest = (rev, slot);
        }
        by_slot.entry(slot).or_default().push((rev, pid));
    }
    for (slot, runs) in &by_slot {
        if runs.len() > 1 {
            v.twice
                .push(format!("slot {slot} ran {} times: {runs:?}", runs.len()));
        }
    }
    if let (Some(first), Some(last)) = (by_slot.keys().next(), by_slot.keys().last()) {
        let slots = (last - first) / EVERY_MS + 1;
        v.missed = slots - by_slot.len() as u64;
    }
    v
}

/// The report's lines.
pub fn describe(v: &Verdict) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "crons (elect --every {EVERY_MS}ms): {} runs, {} slots missed (no leader then)",
        v.runs, v.missed
    );
    crate::report::findings(
        &mut out,
        &[
            ("slots run twice", &v.twice),
            ("runs by a deposed leader", &v.deposed),
        ],
    );
    out
}

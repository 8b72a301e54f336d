//! The checker: what the register's history says about mutual exclusion under the faults.

use std::collections::HashMap;
use std::fmt::Write as _;

use crate::faults::Fault;
use crate::register::{History, Section};

/// The checker's findings.
#[derive(Debug, Default)]
pub struct Verdict {
    /// Accepted requests whose token was below one seen before.
    pub stale_accepted: Vec<String>,
    /// Accepted read-modify-writes interleaved with another accepted one.
    pub overlaps: Vec<String>,
    /// Accepted writes that did not add one to the value before them, or a final counter
    /// that is not the number of accepted writes.
    pub lost_increments: Vec<String>,
    /// Children still running when etcd deleted their key (the lease expired or was revoked),
    /// or when a later holder's child started (which can only be after that), though their
    /// etcdkit was not paused.
    pub outlived_lease: Vec<String>,
    /// Sections whose key's deletion the watch saw.
    pub deletions_seen: usize,
    /// Sections of paused holders that ran into the next holder's (expected: fencing's case).
    pub paused_overlaps: usize,
    /// Writes the register refused (stale tokens).
    pub refused_writes: usize,
    pub accepted_writes: usize,
    /// Seconds between consecutive accepted writes (and from the first section on).
    pub gaps: Vec<f64>,
}

impl Verdict {
    /// Every violation, one line each.
    pub fn violations(&self) -> Vec<String> {
        [
            &self.stale_accepted,
            &self.overlaps,
            &self.lost_increments,
            &self.outlived_lease,
        ]
        .into_iter()
        .flatten()
        .cloned()
        .collect()
    }
}

/// Checks `history`, with `deleted` (key -> when etcd's watch saw it deleted); sections of holders whose etcdkit a fault paused are exempt from the
/// lease check (a stopped etcdkit cannot stop its child).
pub fn check(history: &History, faults: &[Fault], deleted: &HashMap<String, f64>) -> Verdict {
    let mut v = Verdict::default();
    let mut highest = 0;
    for op in &history.ops {
        if op.accepted && op.token < highest {
            v.stale_accepted.push(format!(
                "request #{} with token {} accepted after token {highest}",
                op.seq, op.token
            ));
        }
        highest = highest.max(op.token);
    }
    let mut rmw: Vec<_> = history
        .sections
        .iter()
        .filter_map(|s| match (s.read, s.write) {
            (Some(r), Some(w)) if r.accepted && w.accepted => Some((r, w)),
            _ => None,
        })
        .collect();
    rmw.sort_by_key(|(r, _)| r.seq);
    for pair in rmw.windows(2) {
        let ((r1, w1), (r2, _)) = (pair[0], pair[1]);
        if r2.seq < w1.seq {
            v.overlaps.push(format!(
                "token {} read at #{} and wrote at #{}, token {} read at #{} in between",
                r1.token, r1.seq, w1.seq, r2.token, r2.seq
            ));
        }
    }
    let mut counter = 0;
    for op in history
        .ops
        .iter()
        .filter(|o| o.accepted && is_write(history, o.seq))
    {
        if op.value != counter + 1 {
            v.lost_increments.push(format!(
                "write #{} (token {}) set {} over {counter}",
                op.seq, op.token, op.value
            ));
        }
        counter = op.value;
        v.accepted_writes += 1;
    }
    if history.counter != v.accepted_writes as u64 {
        v.lost_increments.push(format!(
            "the counter is {} after {} accepted increments",
            history.counter, v.accepted_writes
        ));
    }
    v.refused_writes = history
        .sections
        .iter()
        .filter(|s| s.write.is_some_and(|w| !w.accepted))
        .count();
    check_leases(history, faults, &mut v);
    check_deletions(history, faults, deleted, &mut v);
    v.gaps = gaps(history);
    v
}

/// Each section must end before etcd deleted its key, unless a fault paused its etcdkit.
fn check_deletions(
    history: &History,
    faults: &[Fault],
    deleted: &HashMap<String, f64>,
    v: &mut Verdict,
) {
    for s in &history.sections {
        let Some(&gone) = deleted.get(&s.key) else {
            continue;
        };
        v.deletions_seen += 1;
        let end = s.end.unwrap_or(f64::INFINITY);
        if end > gone && !paused(s, faults) {
            v.outlived_lease.push(format!(
                "child {} (token {}, {}) ran until {end:.3}, {:.3} s after etcd deleted its key {}",
                s.pid,
                s.token,
                if s.finished { "finished" } else { "killed" },
                end - gone,
                s.key
            ));
        }
    }
}

/// Whether a fault paused this section's whole holder, etcdkit included.
fn paused(s: &Section, faults: &[Fault]) -> bool {
    let end = s.end.unwrap_or(f64::INFINITY);
    faults
        .iter()
        .any(|f| f.paused_child == Some(s.pid) && f.start < end && s.start < f.end)
}

fn is_write(history: &History, seq: u64) -> bool {
    history
        .sections
        .iter()
        .any(|s| s.write.is_some_and(|w| w.seq == seq))
}

/// Each section must end before any section with a higher token starts, unless a fault
/// paused its etcdkit meanwhile.
fn check_leases(history: &History, faults: &[Fault], v: &mut Verdict) {
    let mut sections: Vec<&Section> = history.sections.iter().collect();
    sections.sort_by_key(|s| s.token);
    // The earliest start among sections with a higher token, from the back.
    let mut later_start = f64::INFINITY;
    let mut later_token = 0;
    let mut i = sections.len();
    while i > 0 {
        let token = sections[i - 1].token;
        let group_start = i;
        while i > 0 && sections[i - 1].token == token {
            i -= 1;
        }
        for s in &sections[i..group_start] {
            let end = s.end.unwrap_or(f64::INFINITY);
            if end <= later_start {
                continue;
            }
            let paused = faults
                .iter()
                .any(|f| f.paused_child == Some(s.pid) && f.start < end && s.start < f.end);
            if paused {
                v.paused_overlaps += 1;
            } else {
                v.outlived_lease.push(format!(
                    "child {} (token {token}, {}) ran until {end:.3}, {:.3} s after the child of token {later_token} started",
                    s.pid,
                    if s.finished { "finished" } else { "killed" },
                    end - later_start
                ));
            }
        }
        for s in &sections[i..group_start] {
            if s.start < later_start {
                later_start = s.start;
                later_token = token;
            }
        }
    }
}

/// Time without an accepted write: from the first section's start to the first accepted
/// write, and between consecutive accepted writes.
fn gaps(history: &History) -> Vec<f64> {
    let mut times: Vec<f64> = history
        .sections
        .iter()
        .filter_map(|s| s.write.filter(|w| w.accepted).map(|w| w.at))
        .collect();
    times.sort_by(f64::total_cmp);
    let first = history
        .sections
        .iter()
        .map(|s| s.start)
        .fold(f64::INFINITY, f64::min);
    std::iter::once(first)
        .chain(times.iter().copied())
        .collect::<Vec<_>>()
        .windows(2)
        .map(|w| w[1] - w[0])
        .filter(|g| g.is_finite())
        .collect()
}

/// The `q` quantile (0..=1) of `values`, 0 when empty.
pub fn quantile(values: &[f64], q: f64) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    match sorted.len() {
        0 => 0.0,
        n => sorted[((n - 1) as f64 * q).round() as usize],
    }
}

/// A line per finding, for the report.
pub fn describe(v: &Verdict) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "checker: {} accepted writes, {} refused (stale token), {} paused holders ran into the next (expected, fenced), {} critical sections' key deletions seen",
        v.accepted_writes, v.refused_writes, v.paused_overlaps, v.deletions_seen
    );
    crate::report::findings(
        &mut out,
        &[
            ("stale tokens accepted", &v.stale_accepted),
            ("overlapping accepted sections", &v.overlaps),
            ("lost increments", &v.lost_increments),
            ("children that outlived their lease", &v.outlived_lease),
        ],
    );
    let _ = writeln!(
        out,
        "unavailability (time without an accepted write): p50 {:.2} s, p99 {:.2} s, max {:.2} s",
        quantile(&v.gaps, 0.5),
        quantile(&v.gaps, 0.99),
        quantile(&v.gaps, 1.0)
    );
    out
}

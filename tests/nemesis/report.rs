//! The run's report: operations, faults by kind, etcdkit's exits, the checker's verdict.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::time::Duration;

use crate::checker::{describe, Verdict};
use crate::faults::{Fault, Kind};
use crate::register::History;
use crate::runners::Exit;

/// The report, as printed after a run.
pub fn render(
    seed: u64,
    took: Duration,
    runs: &[(&str, &[Exit])],
    faults: &[Fault],
    history: &History,
    verdict: &Verdict,
) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "nemesis report: seed {seed}, {:.0} s",
        took.as_secs_f64()
    );
    let reads = history.ops.len() - verdict.accepted_writes - verdict.refused_writes;
    let _ = writeln!(
        out,
        "operations: {} critical sections, {} requests ({reads} reads, {} writes)",
        history.sections.len(),
        history.ops.len(),
        verdict.accepted_writes + verdict.refused_writes
    );
    for (what, exits) in runs {
        let mut codes: BTreeMap<Option<i32>, usize> = BTreeMap::new();
        for e in exits.iter() {
            *codes.entry(e.code).or_default() += 1;
        }
        let codes: Vec<String> = codes
            .iter()
            .map(|(code, n)| match code {
                Some(c) => format!("{n}x exit {c}{}", meaning(*c)),
                None => format!("{n}x killed by a signal"),
            })
            .collect();
        let _ = writeln!(out, "etcdkit {what} runs: {}", codes.join(", "));
        // An exit nothing here explains (6: an unexpected answer or a local error), with what
        // the run said last.
        for e in exits.iter().filter(|e| e.code == Some(6)) {
            let said = e.said.as_deref().unwrap_or("(nothing)");
            let _ = writeln!(out, "  exit 6 at {:.3}: {said}", e.at);
        }
    }
    let mut kinds: BTreeMap<Kind, usize> = BTreeMap::new();
    for f in faults {
        *kinds.entry(f.kind).or_default() += 1;
    }
    let kinds: Vec<String> = kinds.iter().map(|(k, n)| format!("{k:?} {n}")).collect();
    let _ = writeln!(out, "faults: {} ({})", faults.len(), kinds.join(", "));
    let _ = writeln!(
        out,
        "etcdkit lock runs that gave up (exit 4 or 7) during a fault or within {AFTER} s after it: {}",
        gave_up(runs.first().map_or(&[][..], |r| r.1), faults)
    );
    out.push_str(&describe(verdict));
    out
}

/// What an etcdkit exit code means here.
fn meaning(code: i32) -> &'static str {
    match code {
        0 => " (done, or stopped at the end)",
        1 => " (--timeout)",
        4 => " (etcd unreachable)",
        6 => " (other failure)",
        7 => " (lost while the child ran)",
        143 => " (SIGTERM at the end)",
        _ => "",
    }
}

/// How long after a fault a give-up is put down to it: a healed member that campaigned while
/// cut off forces an election (etcd 3.4 runs without --pre-vote), and TCP retransmits back off.
const AFTER: f64 = 5.0;

/// Exits 4 and 7 by the kind of fault they ended during (or within [`AFTER`]), e.g.
/// `PartitionFollower 3, PauseHolder 1, none 0`.
fn gave_up(exits: &[Exit], faults: &[Fault]) -> String {
    let mut by_kind: BTreeMap<String, usize> = BTreeMap::new();
    for e in exits.iter().filter(|e| matches!(e.code, Some(4 | 7))) {
        let kind = faults
            .iter()
            .find(|f| f.start <= e.at && e.at <= f.end + AFTER)
            .map_or("none".to_string(), |f| format!("{:?}", f.kind));
        *by_kind.entry(kind).or_default() += 1;
    }
    let list: Vec<String> = by_kind.iter().map(|(k, n)| format!("{k} {n}")).collect();
    match list.is_empty() {
        true => "none".into(),
        false => list.join(", "),
    }
}

/// A line per kind of finding with its count, then its first ten findings.
pub fn findings(out: &mut String, lists: &[(&str, &Vec<String>)]) {
    for (what, list) in lists {
        let _ = writeln!(out, "  {what}: {}", list.len());
        for line in list.iter().take(10) {
            let _ = writeln!(out, "    {line}");
        }
    }
}

//! The run's report: operations, faults by kind, etcdkit's exits, the checker's verdict.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::time::Duration;

use crate::checker::{describe, Verdict};
use crate::faults::{Fault, Kind};
use crate::register::History;

/// The report, as printed after a run.
pub fn render(
    seed: u64,
    took: Duration,
    exits: &BTreeMap<Option<i32>, usize>,
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
    let exits: Vec<String> = exits
        .iter()
        .map(|(code, n)| match code {
            Some(c) => format!("{n}x exit {c}{}", meaning(*c)),
            None => format!("{n}x killed by a signal"),
        })
        .collect();
    let _ = writeln!(out, "etcdkit lock runs: {}", exits.join(", "));
    let mut kinds: BTreeMap<Kind, usize> = BTreeMap::new();
    for f in faults {
        *kinds.entry(f.kind).or_default() += 1;
    }
    let kinds: Vec<String> = kinds.iter().map(|(k, n)| format!("{k:?} {n}")).collect();
    let _ = writeln!(out, "faults: {} ({})", faults.len(), kinds.join(", "));
    out.push_str(&describe(verdict));
    out
}

/// What an `etcdkit lock` exit code means here.
fn meaning(code: i32) -> &'static str {
    match code {
        0 => " (ran)",
        1 => " (--timeout)",
        4 => " (etcd unreachable)",
        7 => " (lock lost while the child ran)",
        143 => " (SIGTERM at the end)",
        _ => "",
    }
}

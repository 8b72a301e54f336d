//! The fault-injection suite (issue 16): a three-member etcd cluster in network namespaces,
//! workloads of etcdkit clients in a client namespace, a nemesis that partitions, pauses and
//! kills, and a checker. Needs root (`ip netns`).
//!
//! The test runs one bounded run (`NEMESIS_SECONDS`, default 60; `NEMESIS_SEED`, default
//! random, printed; `NEMESIS_ETCD_ARGS`, extra etcd flags, e.g. `--pre-vote`);
//! `scripts/nemesis --minutes N` runs this same test longer.

#[path = "../support/mod.rs"]
mod support;

mod checker;
mod clock;
mod contenders;
mod deletions;
mod faults;
mod links;
mod register;
mod report;

use std::time::{Duration, Instant};

use support::{Etcd, Network};

use crate::contenders::{Contenders, Setup};
use crate::deletions::Deletions;
use crate::faults::Scene;
use crate::register::Register;

/// etcdkit lock contenders guarding a fenced register keep mutual exclusion (as the register
/// sees it) and stop their children before their lease can expire, whatever the nemesis does.
#[test]
fn lock_holders_keep_mutual_exclusion_under_partitions_pauses_and_crashes() {
    let seconds: u64 = env_number("NEMESIS_SECONDS").unwrap_or(60);
    let seed = env_number("NEMESIS_SEED").unwrap_or_else(|| fastrand::u64(..));
    eprintln!("nemesis: seed {seed} (NEMESIS_SEED={seed} replays the schedule), {seconds} s");
    let net = Network::new(3);
    let extra = std::env::var("NEMESIS_ETCD_ARGS").unwrap_or_default();
    let extra: Vec<&str> = extra.split_whitespace().collect();
    let mut etcd = Etcd::builder().network(&net).args(&extra).start();
    let dir = tempfile::tempdir().expect("a temp dir");
    let register = Register::start(dir.path());
    let setup = Setup {
        netns: net.client().netns.clone(),
        endpoints: etcd.endpoints(),
        socket: register.path().to_owned(),
        python: python(),
        logs: etcd.dir().to_owned(),
    };
    let deletions = Deletions::watch(&etcd, contenders::LOCK, &etcd.dir().join("watch.log"));
    let contenders = Contenders::start(4, &setup);
    let started = Instant::now();
    let faults = faults::run(
        &mut Scene {
            etcd: &mut etcd,
            net: &net,
            register: &register,
            contenders: &contenders,
        },
        seed,
        started + Duration::from_secs(seconds),
    );
    let exits = contenders.stop();
    let history = register.history();
    let verdict = checker::check(&history, &faults, &deletions.seen());
    println!(
        "{}",
        report::render(seed, started.elapsed(), &exits, &faults, &history, &verdict)
    );
    assert!(
        verdict.accepted_writes >= 10,
        "the workload hardly ran: {} accepted writes (contender logs in {})",
        verdict.accepted_writes,
        etcd.dir().display()
    );
    let violations = verdict.violations();
    assert!(
        violations.is_empty(),
        "seed {seed}: {} violations:\n{}",
        violations.len(),
        violations.join("\n")
    );
}

fn env_number(name: &str) -> Option<u64> {
    let value = std::env::var(name).ok().filter(|v| !v.is_empty())?;
    Some(
        value
            .parse()
            .unwrap_or_else(|_| panic!("{name}={value}: not a number")),
    )
}

/// The python3 interpreter itself (not a shim that starts a shell first).
fn python() -> std::path::PathBuf {
    let out = std::process::Command::new("python3")
        .args(["-c", "import sys; print(sys.executable)"])
        .output()
        .expect("python3 runs the register's child");
    String::from_utf8_lossy(&out.stdout).trim().into()
}

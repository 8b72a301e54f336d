//! The fault-injection suite (issue 16): a three-member etcd cluster in network namespaces,
//! four workloads of etcdkit clients in a client namespace, a nemesis that partitions, pauses
//! and kills, and a checker per workload. Needs root (`ip netns`).
//!
//! The main test runs one bounded run (`NEMESIS_SECONDS`, default 90; `NEMESIS_SEED`, default
//! random, printed; `NEMESIS_ETCD_ARGS`, extra etcd flags, e.g. `--pre-vote`);
//! `scripts/nemesis --minutes N` runs this same test longer.

#[path = "../support/mod.rs"]
mod support;

mod checker;
mod clock;
mod contenders;
mod crons;
mod deletions;
mod faults;
mod follow;
mod leases;
mod links;
mod register;
mod registry;
mod renders;
mod report;
mod runners;
mod setup;

use std::time::{Duration, Instant};

use support::{Etcd, Network};

use crate::deletions::Deletions;
use crate::faults::Scene;
use crate::register::Register;
use crate::renders::Renders;
use crate::setup::Setup;

/// Under the nemesis: lock contenders guarding a fenced register keep mutual exclusion (as the
/// register sees it) and stop their children before their lease can expire; an `elect
/// --every` cron runs each slot at most once; `discover` withdraws dead instances within the
/// TTL and live ones never; `config render --watch` never writes a file mixing revisions.
#[test]
fn coordination_holds_under_partitions_pauses_and_crashes() {
    let seconds: u64 = env_number("NEMESIS_SECONDS").unwrap_or(90);
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
    let contenders = contenders::start(4, &setup);
    let crons = crons::start(3, &setup);
    let registrars = registry::start(3, &setup);
    let watch = registry::Watch::start(&setup);
    let renders = Renders::start(&setup);
    let started = Instant::now();
    let faults = faults::run(
        &mut Scene {
            etcd: &mut etcd,
            net: &net,
            register: &register,
            contenders: &contenders,
            crons: &crons,
            registrars: &registrars,
        },
        seed,
        started + Duration::from_secs(seconds),
    );
    // Once the faults are over, every registrar's instance is back, and the last config
    // write is rendered.
    let everyone: Vec<String> = (0..3).map(registry::id).collect();
    let back = wait_until(Duration::from_secs(30), || watch.shown() == everyone);
    let rendered = renders.finish(&etcd, Duration::from_secs(30));
    let stopped = clock::now();
    let lock_exits = contenders.stop();
    let cron_exits = crons.stop();
    let registrar_exits = registrars.stop();
    let history = register.history();
    let locked = checker::check(&history, &faults, &deletions.seen());
    let cron = crons::check(&crons::runs_file(&setup));
    let registry = registry::check(&watch, &registrar_exits, &faults, stopped);
    let mut report = report::render(
        seed,
        started.elapsed(),
        &[
            ("lock", &lock_exits),
            ("elect --every", &cron_exits),
            ("discover register", &registrar_exits),
        ],
        &faults,
        &history,
        &locked,
    );
    report.push_str(&crons::describe(&cron));
    report.push_str(&registry::describe(&registry));
    report.push_str(&renders::describe(&rendered));
    println!("{report}");
    let hardly = [
        ("accepted lock writes", locked.accepted_writes),
        ("cron runs", cron.runs),
        ("instances added", registry.added),
        ("config versions rendered", rendered.reloads),
    ];
    for (what, n) in hardly {
        assert!(
            n >= 5,
            "the workloads hardly ran: {n} {what} (logs in {})",
            etcd.dir().display()
        );
    }
    let mut violations = locked.violations();
    violations.extend(cron.violations());
    violations.extend(registry.violations());
    violations.extend(rendered.violations());
    if !back {
        violations.push(format!(
            "the watch shows {:?} 30 s after the faults, not every live instance",
            watch.shown()
        ));
    }
    assert!(
        violations.is_empty(),
        "seed {seed}: {} violations (logs in {}):\n{}",
        violations.len(),
        etcd.dir().display(),
        violations.join("\n")
    );
}

/// Polls `done` every 100 ms for at most `limit`; whether it came true.
pub fn wait_until(limit: Duration, mut done: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + limit;
    while !done() {
        if Instant::now() > deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    true
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

//! `etcdkit bench` on a real three-member cluster that loses a member mid-run: the run goes on
//! with the survivors, counts the failures by kind, and still reports.

use std::time::{Duration, Instant};

use crate::bench::{finish, prefix_of, spawn_bench, words};
use crate::lock_scene::wait_for;
use crate::support::Etcd;

/// Kills `victim(leader)` once the run's keys are in etcd and checks the run survived it.
fn survives_a_kill(victim: impl Fn(usize) -> usize) {
    let mut etcd = Etcd::cluster(3);
    let leader = etcd.wait_for_leader(Duration::from_secs(10));
    let doomed = victim(leader);
    let started = Instant::now();
    // Requests in flight at a follower when the leader dies are never answered (etcd drops the
    // forwarded proposal): each waits out the command timeout. 1 s instead of 5 s lets the
    // clients move on within the run.
    let load = "--conns 3 --clients 6 --duration 6s --sample 1s --command-timeout 1s -o json";
    let child = spawn_bench(&etcd.endpoints(), "write", &words(load));
    // The load is on once its first keys are there (asked of a member that survives).
    let live = (0..3).find(|i| *i != doomed).unwrap();
    wait_for("the run's first keys", 60, || {
        let out = etcd.etcdctl_at(live, &["get", "/etcdkit-bench/", "--prefix", "--keys-only"]);
        out.status.success() && !out.stdout.is_empty()
    });
    etcd.kill(doomed);
    let killed_at = started.elapsed();
    let run = finish(child);
    assert!(
        run.code == 0 || run.code == 1,
        "exit {} (wanted 0 or 1)\nstdout:\n{}\nstderr:\n{}",
        run.code,
        run.stdout,
        run.stderr
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    let r = run.json();
    assert_eq!(r["interrupted"], false);
    assert_eq!(r["endpoints"].as_array().unwrap().len(), 3, "{r:#}");
    let errors = r["errors"].as_u64().unwrap();
    assert!(
        errors > 0,
        "the dead member's connection never failed: {r:#}"
    );
    let by_kind = r["errors_by_kind"].as_object().unwrap();
    assert_eq!(
        by_kind.values().map(|n| n.as_u64().unwrap()).sum::<u64>(),
        errors,
        "{r:#}"
    );
    assert!(by_kind.keys().all(|k| !k.is_empty()), "{r:#}");

    // The samples after the kill (and after a new election) still have successes. The last
    // sample closes at the end of the run and may span only a few milliseconds: whole seconds only.
    let series = r["series"].as_array().unwrap();
    let at = |i: usize| series[i]["at_ms"].as_f64().unwrap();
    let after: Vec<_> = (1..series.len())
        .filter(|&i| at(i) - at(i - 1) >= 900.0)
        .filter(|&i| at(i) >= (killed_at.as_millis() + 2500) as f64)
        .map(|i| &series[i])
        .collect();
    assert!(!after.is_empty(), "no sample after the kill: {series:#?}");
    assert!(
        after.iter().all(|s| s["requests"].as_u64().unwrap() > 0),
        "no requests after the kill: {series:#?}"
    );
    let sampled_errors: u64 = series.iter().map(|s| s["errors"].as_u64().unwrap()).sum();
    assert_eq!(sampled_errors, errors, "{series:#?}");
    let sampled: u64 = series.iter().map(|s| s["requests"].as_u64().unwrap()).sum();
    assert_eq!(sampled, r["requests"].as_u64().unwrap(), "{series:#?}");

    // The survivors hold nothing of the run.
    let prefix = prefix_of(&r);
    let left = etcd.etcdctl_at(live, &["get", &prefix, "--prefix", "--keys-only"]);
    assert!(left.status.success());
    assert!(
        left.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&left.stdout)
    );
}

#[test]
fn a_follower_killed_mid_run_costs_errors_not_the_run() {
    survives_a_kill(|leader| (leader + 1) % 3);
}

#[test]
fn the_leader_killed_mid_run_costs_errors_not_the_run() {
    survives_a_kill(|leader| leader);
}

#[test]
fn target_leader_sends_every_connection_to_the_leader() {
    let etcd = Etcd::cluster(3);
    let leader = etcd.wait_for_leader(Duration::from_secs(10));
    let run = crate::run::etcdkit(&[
        "bench",
        "write",
        "--endpoints",
        &etcd.endpoints(),
        "--target",
        "leader",
        "--conns",
        "3",
        "--clients",
        "3",
        "--total",
        "300",
        "-o",
        "json",
    ]);
    run.expect_code(0);
    let r = run.json();
    assert_eq!(
        r["endpoints"],
        serde_json::json!([{ "endpoint": etcd.endpoint(leader) }]),
        "{r:#}"
    );
    assert_eq!(r["parameters"]["target"], "leader");
    assert_eq!(r["requests"], 300);

    // --target all spreads the connections over every endpoint.
    let run = crate::run::etcdkit(&[
        "bench",
        "write",
        "--endpoints",
        &etcd.endpoints(),
        "--conns",
        "3",
        "--clients",
        "3",
        "--total",
        "300",
        "-o",
        "json",
    ]);
    run.expect_code(0);
    assert_eq!(run.json()["endpoints"].as_array().unwrap().len(), 3);
}

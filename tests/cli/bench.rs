//! `etcdkit bench` against one real member: every workload runs and reports figures that agree
//! with each other and with what etcd saw (keys, revisions), and the keys are gone afterwards.
//! Also the helpers the other `bench_*` files share.
//!
//! Nothing here asserts how fast etcd is: the machines are small and shared.

use std::process::{Child, Stdio};

use serde_json::Value;

use crate::lock_scene::keys_under;
use crate::run::{etcdkit_command, run_command, Run};
use crate::support::Etcd;

// ----- helpers shared by the bench_* files ------------------------------------------------------

/// Revisions a run's marker costs: its put, and its deletion when the run's lease is revoked.
pub(crate) const MARKER: u64 = 2;

/// `etcdkit bench WORKLOAD --endpoints EP ARGS...`
pub(crate) fn bench(ep: &str, workload: &str, args: &[&str]) -> Run {
    let mut cmd = etcdkit_command();
    cmd.args(["bench", workload, "--endpoints", ep]).args(args);
    run_command(&mut cmd)
}

/// `etcdkit bench WORKLOAD --endpoints EP ARGS...` in the background, stdout and stderr piped.
pub(crate) fn spawn_bench(ep: &str, workload: &str, args: &[&str]) -> Child {
    etcdkit_command()
        .args(["bench", workload, "--endpoints", ep])
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Waits for a [`spawn_bench`] run.
pub(crate) fn finish(child: Child) -> Run {
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// `"--total 10 -o json"` -> `["--total", "10", "-o", "json"]`.
pub(crate) fn words(line: &str) -> Vec<&str> {
    line.split_whitespace().collect()
}

/// The store's revision: it moves with every put and every delete, so it counts writes.
pub(crate) fn revision(etcd: &Etcd) -> u64 {
    let out = etcd.etcdctl_ok(&words("endpoint status -w json"));
    let v: Value = serde_json::from_str(&out).unwrap();
    v[0]["Status"]["header"]["revision"]
        .as_u64()
        .unwrap_or_else(|| panic!("no revision in {v:#}"))
}

/// A number from the report; panics with the report if it is missing.
pub(crate) fn num(r: &Value, field: &str) -> f64 {
    r.pointer(field)
        .and_then(Value::as_f64)
        .unwrap_or_else(|| panic!("no number at {field} in {r:#}"))
}

/// The prefix the run reports.
pub(crate) fn prefix_of(r: &Value) -> String {
    r["parameters"]["prefix"].as_str().unwrap().to_string()
}

/// A finished, error-free run of `requests` successes: the figures agree with each other.
pub(crate) fn assert_sane(r: &Value, workload: &str, requests: u64) {
    assert_eq!(r["workload"], workload, "{r:#}");
    assert_eq!(r["requests"], requests, "{r:#}");
    assert_eq!(r["errors"], 0, "{r:#}");
    assert_eq!(r["errors_by_kind"], serde_json::json!({}), "{r:#}");
    assert_eq!(r["interrupted"], false);
    assert_eq!(r["status"], "ok");
    assert!(!r["server_version"].as_str().unwrap().is_empty(), "{r:#}");
    assert!(num(r, "/throughput_per_second") > 0.0, "{r:#}");
    assert!(num(r, "/duration_ms") > 0.0, "{r:#}");
    let order = [
        "min_ms", "p50_ms", "p90_ms", "p95_ms", "p99_ms", "p99_9_ms", "max_ms",
    ];
    let l: Vec<f64> = order
        .iter()
        .map(|f| num(r, &format!("/latency/{f}")))
        .collect();
    assert!(l[0] > 0.0, "min latency is 0: {:#}", r["latency"]);
    assert!(
        l.windows(2).all(|w| w[0] <= w[1]),
        "latency figures out of order ({order:?}): {l:?}"
    );
    let mean = num(r, "/latency/mean_ms");
    assert!(l[0] <= mean && mean <= l[6], "{:#}", r["latency"]);
    assert_histogram(r);
}

/// The histogram's bars add up to the successful requests, and the last bar ends at the slowest.
pub(crate) fn assert_histogram(r: &Value) {
    let bars = r["histogram"].as_array().unwrap();
    assert!(!bars.is_empty() && bars.len() <= 10, "{bars:?}");
    let counts: Vec<u64> = bars.iter().map(|b| b["count"].as_u64().unwrap()).collect();
    let bounds: Vec<f64> = bars.iter().map(|b| b["le_ms"].as_f64().unwrap()).collect();
    assert_eq!(
        counts.iter().sum::<u64>(),
        r["requests"].as_u64().unwrap(),
        "the histogram's bars do not add up to the requests: {counts:?} over bounds {bounds:?}"
    );
    assert!(bounds.windows(2).all(|w| w[0] < w[1]), "{bounds:?}");
    assert_eq!(*bounds.last().unwrap(), num(r, "/latency/max_ms"));
}

/// Nothing is left under the run's prefix.
pub(crate) fn assert_gone(etcd: &Etcd, prefix: &str) {
    let left = keys_under(etcd, prefix);
    assert!(left.is_empty(), "left under {prefix}: {left:?}");
}

// ----- workloads ----------------------------------------------------------------------------------

#[test]
fn write_puts_every_key_of_the_space_and_deletes_them_at_the_end() {
    let etcd = Etcd::single();
    let before = revision(&etcd);
    let run = bench(
        &etcd.endpoint(0),
        "write",
        &words("--total 400 --conns 2 --clients 8 --key-space-size 50 --sequential-keys -o json"),
    );
    run.expect_code(0);
    let r = run.json();
    let prefix = prefix_of(&r);
    assert!(prefix.starts_with("/etcdkit-bench/"), "{prefix}");
    assert_eq!(r["cleaned_up_keys"], 50, "sequential keys cover the space");
    assert_gone(&etcd, &prefix);
    // 400 puts, one delete of the prefix and the run's marker (put, then revoked with its
    // lease): nothing else was written.
    assert_eq!(revision(&etcd) - before, 401 + MARKER);
    assert_eq!(r["parameters"]["total"], 400);
    assert_eq!(r["parameters"]["clients"], 8);
    assert_eq!(r["parameters"]["conns"], 2);
    assert_eq!(r["endpoints"][0]["endpoint"], etcd.endpoint(0).as_str());
    assert_sane(&r, "write", 400);
}

#[test]
fn write_with_keep_leaves_exactly_the_keys_of_the_space_sized_as_asked() {
    let etcd = Etcd::single();
    let run = bench(
        &etcd.endpoint(0),
        "write",
        &words("--total 30 --key-space-size 20 --sequential-keys --key-size 6 --val-size 100 --keep -o json"),
    );
    run.expect_code(0);
    let r = run.json();
    assert_eq!(r["cleaned_up_keys"], 0);
    let prefix = prefix_of(&r);
    let keys = keys_under(&etcd, &prefix);
    let expected: Vec<String> = (0..20).map(|i| format!("{prefix}{i:06}")).collect();
    assert_eq!(keys, expected);
    let value = etcd.get(&expected[7]).unwrap();
    assert_eq!(value.len(), 100, "{value:?}");
    etcd.etcdctl_ok(&["del", &prefix, "--prefix"]);
    assert_sane(&r, "write", 30);
}

#[test]
fn read_both_consistencies_find_prefilled_keys_and_write_nothing_else() {
    let etcd = Etcd::single();
    for (consistency, reported) in [("l", "linearizable"), ("s", "serializable")] {
        let before = revision(&etcd);
        let run = bench(
            &etcd.endpoint(0),
            "read",
            &[
                "--consistency",
                consistency,
                "--total",
                "200",
                "--clients",
                "2",
                "--key-space-size",
                "30",
                "-o",
                "json",
            ],
        );
        run.expect_code(0);
        let r = run.json();
        assert_eq!(r["parameters"]["consistency"], reported);
        assert_eq!(r["cleaned_up_keys"], 30, "every key was prefilled");
        assert_gone(&etcd, &prefix_of(&r));
        // The prefill's 30 puts, the final delete and the marker; the reads write nothing.
        assert_eq!(
            revision(&etcd) - before,
            31 + MARKER,
            "--consistency {consistency}"
        );
        assert_sane(&r, "read", 200);
    }
}

#[test]
fn mixed_reads_and_writes_in_the_ratio_asked() {
    let etcd = Etcd::single();
    let before = revision(&etcd);
    let run = bench(
        &etcd.endpoint(0),
        "mixed",
        &words("--read-ratio 0.8 --total 500 --clients 2 --key-space-size 10 -o json"),
    );
    run.expect_code(0);
    let r = run.json();
    assert_eq!(r["parameters"]["read_ratio"], 0.8);
    assert_gone(&etcd, &prefix_of(&r));
    // 10 prefilled keys + the puts + 1 delete + the marker; about 100 of 500 requests are puts
    // (sd ~9).
    let puts = revision(&etcd) - before - 11 - MARKER;
    assert!(
        (50..=150).contains(&puts),
        "{puts} puts of 500 at --read-ratio 0.8"
    );
    assert_sane(&r, "mixed", 500);
}

#[test]
fn txn_runs_one_write_transaction_per_request() {
    let etcd = Etcd::single();
    let before = revision(&etcd);
    let run = bench(
        &etcd.endpoint(0),
        "txn",
        &words("--total 200 --clients 4 --key-space-size 25 --sequential-keys -o json"),
    );
    run.expect_code(0);
    let r = run.json();
    assert_eq!(r["cleaned_up_keys"], 25);
    assert_gone(&etcd, &prefix_of(&r));
    assert_eq!(revision(&etcd) - before, 201 + MARKER, "each txn put once");
    assert_sane(&r, "txn", 200);
}

#[test]
fn watch_counts_every_event_at_every_watcher() {
    let etcd = Etcd::single();
    let run = bench(
        &etcd.endpoint(0),
        "watch",
        &words("--watchers 3 --total 150 -o json"),
    );
    run.expect_code(0);
    let r = run.json();
    assert_eq!(r["parameters"]["watchers"], 3);
    assert_gone(&etcd, &prefix_of(&r));
    assert_sane(&r, "watch", 450);
}

#[test]
fn lock_counts_acquisitions_between_contending_clients() {
    let etcd = Etcd::single();
    let run = bench(
        &etcd.endpoint(0),
        "lock",
        &words("--clients 3 --total 60 -o json"),
    );
    run.expect_code(0);
    let r = run.json();
    assert_gone(&etcd, &prefix_of(&r));
    let leases = etcd.etcdctl_ok(&words("lease list"));
    assert!(leases.starts_with("found 0 leases"), "{leases}");
    assert_sane(&r, "lock", 60);
}

/// With auth on, the load's own connections log in too: every put succeeds as root; a user who
/// may only read is refused (exit 5) before any load, leaving neither a key nor a lease.
#[test]
fn write_on_an_auth_member_logs_in_on_every_connection() {
    use crate::support::{ALICE_PASSWORD, ROOT_PASSWORD};
    let etcd = Etcd::builder().auth(true).start();
    let ep = etcd.endpoint(0);
    let root = format!("root:{ROOT_PASSWORD}");
    let load = words("--total 200 --conns 2 --clients 4 -o json");
    let run = bench(&ep, "write", &[&["--user", &root][..], &load].concat());
    run.expect_code(0);
    let r = run.json();
    assert_sane(&r, "write", 200);
    assert_gone(&etcd, &prefix_of(&r));

    let alice = format!("alice:{ALICE_PASSWORD}");
    let run = bench(&ep, "write", &[&["--user", &alice][..], &load].concat());
    run.expect_code(5);
    assert!(run.stderr.contains("permission denied"), "{}", run.stderr);
    assert!(keys_under(&etcd, "/etcdkit-bench/").is_empty());
    let leases = etcd.etcdctl_ok(&words("lease list"));
    assert!(leases.starts_with("found 0 leases"), "{leases}");
}

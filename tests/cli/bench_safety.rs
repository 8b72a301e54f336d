//! `etcdkit bench` stays inside its own prefix: it refuses one that holds keys unless forced,
//! never touches keys elsewhere, and cleans up when interrupted.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::Value;

use crate::bench::{assert_gone, bench, prefix_of, revision, words};
use crate::lock_scene::{keys_under, wait_for, Spawned};
use crate::run::{etcdkit_command, Run};
use crate::support::Etcd;

/// Every key with its value and revisions, as etcd stores them.
fn snapshot(etcd: &Etcd) -> Vec<Value> {
    let out = etcd.etcdctl_ok(&["get", "", "--prefix", "-w", "json"]);
    let v: Value = serde_json::from_str(&out).unwrap();
    v["kvs"].as_array().cloned().unwrap_or_default()
}

#[test]
fn a_prefix_that_holds_keys_is_refused_unless_forced() {
    let etcd = Etcd::single();
    let ep = etcd.endpoint(0);
    etcd.put("/mine/config", "precious");
    let before = revision(&etcd);
    let run = bench(&ep, "write", &["--prefix", "/mine/", "--total", "20"]);
    run.expect_code(3);
    assert!(run.stderr.contains("/mine/"), "{}", run.stderr);
    assert!(
        run.stderr.contains("--force"),
        "the way out: {}",
        run.stderr
    );
    assert_eq!(etcd.get("/mine/config").as_deref(), Some("precious"));
    assert_eq!(revision(&etcd), before, "nothing was written");

    // --force runs there, and the cleanup deletes the whole prefix, the user's key included:
    // that is what --force means (the message above and --help say so).
    let run = bench(
        &ep,
        "write",
        &[
            "--prefix", "/mine/", "--force", "--total", "20", "-o", "json",
        ],
    );
    run.expect_code(0);
    let r = run.json();
    assert_eq!(prefix_of(&r), "/mine/");
    assert_eq!(r["requests"], 20);
    assert_eq!(r["cleaned_up_keys"], 2, "the bench key and the user's key");
    assert_gone(&etcd, "/mine/");
}

#[test]
fn a_prefix_must_end_with_a_slash() {
    let etcd = Etcd::single();
    for prefix in ["/mine", "/etcdkit-bench", ""] {
        let run = bench(
            &etcd.endpoint(0),
            "write",
            &["--prefix", prefix, "--total", "5"],
        );
        run.expect_code(3);
        assert!(
            run.stderr.contains("must end with '/'"),
            "{prefix:?}: {}",
            run.stderr
        );
    }
    assert!(keys_under(&etcd, "/").is_empty());
}

#[test]
fn runs_get_their_own_prefix_and_leave_other_keys_alone() {
    let etcd = Etcd::single();
    let ep = etcd.endpoint(0);
    // Neighbours: names that share the start of the bench's prefix, and an earlier run's key.
    for (key, value) in [
        ("/app/config", "a"),
        ("/etcdkit-bench", "b"),
        ("/etcdkit-benchmark/x", "c"),
        ("/etcdkit-bench/earlier-run/00000000", "d"),
        ("00000000", "e"),
    ] {
        etcd.put(key, value);
    }
    let before = snapshot(&etcd);
    let mut prefixes = Vec::new();
    for workload in ["write", "read", "mixed", "txn", "watch", "lock"] {
        let run = bench(
            &ep,
            workload,
            &[
                "--total",
                "30",
                "--clients",
                "2",
                "--key-space-size",
                "5",
                "-o",
                "json",
            ],
        );
        run.expect_code(0);
        let r = run.json();
        let prefix = prefix_of(&r);
        assert!(
            prefix.starts_with("/etcdkit-bench/") && prefix.ends_with('/') && prefix.len() > 16,
            "{prefix}"
        );
        assert_gone(&etcd, &prefix);
        prefixes.push(prefix);
    }
    let mut unique = prefixes.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(
        unique.len(),
        prefixes.len(),
        "a prefix was reused: {prefixes:?}"
    );
    assert_eq!(
        snapshot(&etcd),
        before,
        "keys outside the runs' prefixes changed"
    );
}

/// Starts `bench write LOAD` in `dir`, sends `signal` once the run's first keys are in etcd
/// (the load is on), and waits for the exit.
fn interrupted(etcd: &Etcd, dir: &Path, load: &str, signal: i32) -> Run {
    let mut cmd = etcdkit_command();
    cmd.args(["bench", "write", "--endpoints", &etcd.endpoint(0)])
        .args(words(load));
    static RUNS: AtomicUsize = AtomicUsize::new(0);
    let label = format!("bench{}", RUNS.fetch_add(1, Ordering::Relaxed));
    let mut bench = Spawned::spawn(cmd, dir, &label);
    wait_for("the run's first keys", 60, || {
        !keys_under(etcd, "/etcdkit-bench/").is_empty()
    });
    assert!(
        bench.running(),
        "the run ended before the signal: {}",
        bench.stderr()
    );
    bench.signal(signal);
    bench.wait(60)
}

#[test]
fn ctrl_c_stops_the_run_reports_and_cleans_up() {
    let etcd = Etcd::single();
    let dir = tempfile::tempdir().unwrap();
    let load = "--duration 30s --clients 4 --key-space-size 100 -o json";
    let run = interrupted(&etcd, dir.path(), load, libc::SIGINT);
    run.expect_code(130);
    let r = run.json();
    assert_eq!(r["interrupted"], true, "{r:#}");
    assert!(r["requests"].as_u64().unwrap() > 0, "{r:#}");
    let cleaned = r["cleaned_up_keys"].as_i64().unwrap();
    assert!((1..=100).contains(&cleaned), "{r:#}");
    assert_gone(&etcd, &prefix_of(&r));
    assert!(keys_under(&etcd, "/etcdkit-bench/").is_empty());
}

/// Requests in flight when the signal comes must not land after the cleanup: many clients on
/// several connections, interrupted a few times.
#[test]
fn ctrl_c_under_load_leaves_no_key_behind() {
    let etcd = Etcd::single();
    let dir = tempfile::tempdir().unwrap();
    let load = "--duration 30s --clients 64 --conns 8 --key-space-size 1000 -o json";
    for attempt in 0..10 {
        let run = interrupted(&etcd, dir.path(), load, libc::SIGINT);
        run.expect_code(130);
        let r = run.json();
        let prefix = prefix_of(&r);
        let left = keys_under(&etcd, &prefix);
        assert!(
            left.is_empty(),
            "attempt {attempt}: {} keys left under {prefix} after cleaning up {}: {left:?}",
            left.len(),
            r["cleaned_up_keys"]
        );
    }
}

/// Exit codes are 128 + the signal (see `ExitStatus::Interrupted`): SIGTERM is 143, as for
/// `etcdkit lock` and `etcdkit elect`.
#[test]
fn sigterm_stops_the_run_cleans_up_and_exits_143() {
    let etcd = Etcd::single();
    let dir = tempfile::tempdir().unwrap();
    let load = "--duration 30s --clients 2 -o json";
    let run = interrupted(&etcd, dir.path(), load, libc::SIGTERM);
    let r = run.json();
    assert_eq!(r["interrupted"], true, "{r:#}");
    assert_gone(&etcd, &prefix_of(&r));
    run.expect_code(143);
}

//! `etcdkit bench` stops when it should, whatever the rate: at the end of `--duration`, on a
//! signal (also while every client waits for a request due far in the future); the keys of a run
//! killed outright are deleted by the next run, once the dead run's marker lease has expired.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::bench::{assert_gone, prefix_of, revision, words, MARKER};
use crate::lock_scene::{keys_under, wait_for, Spawned};
use crate::run::{etcdkit_command, Run};
use crate::support::Etcd;

/// Generous: nothing here should take more than a few seconds, even on a loaded machine.
const LIMIT: u64 = 120;

fn spawn(etcd: &Etcd, dir: &Path, load: &str) -> Spawned {
    let mut cmd = etcdkit_command();
    cmd.args(["bench", "write", "--endpoints", &etcd.endpoint(0)])
        .args(words(load));
    static RUNS: AtomicUsize = AtomicUsize::new(0);
    let label = format!("bench{}", RUNS.fetch_add(1, Ordering::Relaxed));
    Spawned::spawn(cmd, dir, &label)
}

/// Runs `bench write LOAD` to its end (failing after [`LIMIT`]).
fn run_to_end(etcd: &Etcd, load: &str) -> Run {
    let dir = tempfile::tempdir().unwrap();
    spawn(etcd, dir.path(), load).wait(LIMIT)
}

/// A rate so low that the second request is due after a quarter of an hour: the run still ends
/// at its duration, having sent the one request due within it.
#[test]
fn a_slow_rate_run_ends_at_its_duration() {
    let etcd = Etcd::single();
    let run = run_to_end(&etcd, "--rate 0.001 --duration 1s --clients 2 -o json");
    run.expect_code(0);
    let r = run.json();
    assert_eq!(r["requests"], 1, "{r:#}");
    assert_eq!(r["interrupted"], false);
    assert_gone(&etcd, &prefix_of(&r));

    // Many clients, each with its next request due past the end: they do not wait for it.
    let run = run_to_end(&etcd, "--rate 10 --clients 100 --duration 2s -o json");
    run.expect_code(0);
    assert_eq!(run.json()["requests"], 20, "{:#}", run.json());
}

/// At 2 per second for 1 s, the requests due at 0 s and 0.5 s; the one due at 1 s is past the end.
#[test]
fn a_rate_run_sends_the_requests_due_within_its_duration() {
    let etcd = Etcd::single();
    let before = revision(&etcd);
    let run = run_to_end(&etcd, "--rate 2 --duration 1s -o json");
    run.expect_code(0);
    let r = run.json();
    assert_eq!(r["requests"], 2, "{r:#}");
    assert_eq!(r["errors"], 0, "{r:#}");
    // Two puts, the cleanup's delete and the run's marker, nothing more.
    assert_eq!(revision(&etcd) - before, 3 + MARKER);
}

/// SIGINT and SIGTERM end a run whose clients all wait for requests due in a quarter of an
/// hour: it reports, cleans up and exits 130 or 143.
#[test]
fn a_signal_stops_a_slow_rate_run_at_once_and_cleans_up() {
    let etcd = Etcd::single();
    let dir = tempfile::tempdir().unwrap();
    for (signal, code) in [(libc::SIGINT, 130), (libc::SIGTERM, 143)] {
        let mut bench = spawn(
            &etcd,
            dir.path(),
            "--rate 0.001 --duration 1h --clients 2 -o json",
        );
        // The first request (due at once) has landed: both clients now wait. (The run's
        // marker, `/etcdkit-bench/RUN`, comes first; the puts go under it.)
        wait_for("the run's first key", LIMIT, || {
            keys_under(&etcd, "/etcdkit-bench/")
                .iter()
                .any(|k| k.matches('/').count() > 2)
        });
        bench.signal(signal);
        let run = bench.wait(LIMIT);
        run.expect_code(code);
        let r = run.json();
        assert_eq!(r["interrupted"], true, "{r:#}");
        assert_eq!(r["requests"], 1, "{r:#}");
        assert_eq!(r["cleaned_up_keys"], 1, "{r:#}");
        assert_gone(&etcd, "/etcdkit-bench/");
    }
}

/// SIGKILL leaves no chance to clean up: the next run deletes the dead run's keys (once its
/// marker's lease has expired), and never those of a run still going or kept with `--keep`.
#[test]
fn the_next_run_deletes_the_keys_of_a_killed_run_only() {
    let etcd = Etcd::single();
    let dir = tempfile::tempdir().unwrap();
    let kept = run_to_end(
        &etcd,
        "--total 3 --key-space-size 3 --sequential-keys --keep -o json",
    );
    kept.expect_code(0);
    let kept_prefix = prefix_of(&kept.json());
    let mut doomed = spawn(&etcd, dir.path(), "--rate 0.001 --duration 1h -o json");
    wait_for("the doomed run's first key", LIMIT, || {
        keys_under(&etcd, "/etcdkit-bench/").len() > 4
    });
    let doomed_keys: Vec<String> = keys_under(&etcd, "/etcdkit-bench/")
        .into_iter()
        .filter(|k| !k.starts_with(&kept_prefix) && k.matches('/').count() == 3)
        .collect();
    assert_eq!(doomed_keys.len(), 1, "{doomed_keys:?}");
    let doomed_prefix = format!("{}/", doomed_keys[0].rsplit_once('/').unwrap().0);
    let marker = doomed_prefix.trim_end_matches('/').to_string();
    assert_eq!(etcd.get(&marker).as_deref(), Some("running"));

    // A run while the doomed one is alive leaves its keys alone.
    let bystander = run_to_end(&etcd, "--total 5 -o json");
    bystander.expect_code(0);
    assert_eq!(bystander.json()["stale_keys_deleted"], 0);
    assert_eq!(keys_under(&etcd, &doomed_prefix).len(), 1);

    doomed.signal(libc::SIGKILL);
    doomed.wait(LIMIT);
    // The marker's lease (10 s) runs out; the key stays until a run comes.
    wait_for("the dead run's marker to expire", LIMIT, || {
        etcd.get(&marker).is_none()
    });
    assert_eq!(keys_under(&etcd, &doomed_prefix).len(), 1);
    let next = run_to_end(&etcd, "--total 5 -o json");
    next.expect_code(0);
    assert_eq!(next.json()["stale_keys_deleted"], 1, "{:#}", next.json());
    assert_gone(&etcd, &doomed_prefix);
    assert_eq!(
        keys_under(&etcd, &kept_prefix).len(),
        3,
        "--keep means kept"
    );
    assert_eq!(
        etcd.get(kept_prefix.trim_end_matches('/')).as_deref(),
        Some("kept")
    );
    let leases = etcd.etcdctl_ok(&words("lease list"));
    assert!(leases.starts_with("found 0 leases"), "{leases}");
}

/// Ctrl-C while `read` writes its key space beforehand (a million keys take minutes) stops at
/// once too, and the keys written so far go.
#[test]
fn a_signal_during_the_prefill_stops_it_and_cleans_up() {
    let etcd = Etcd::single();
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = etcdkit_command();
    cmd.args(["bench", "read", "--endpoints", &etcd.endpoint(0)])
        .args(words("--key-space-size 1000000 --key-size 8 -o json"));
    let mut bench = Spawned::spawn(cmd, dir.path(), "prefill");
    wait_for("the prefill's first keys", LIMIT, || {
        keys_under(&etcd, "/etcdkit-bench/").len() > 10
    });
    bench.signal(libc::SIGINT);
    let run = bench.wait(LIMIT);
    run.expect_code(130);
    let r = run.json();
    assert_eq!(r["interrupted"], true, "{r:#}");
    assert_eq!(r["requests"], 0, "no read was measured: {r:#}");
    assert!(r["cleaned_up_keys"].as_i64().unwrap() > 10, "{r:#}");
    assert_gone(&etcd, "/etcdkit-bench/");
}

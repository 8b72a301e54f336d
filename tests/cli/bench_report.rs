//! `etcdkit bench` reports: an open loop holds its rate and shows a server stall in its
//! percentiles (no coordinated omission); `-o json` is one document with stable field names; no
//! progress bar when stderr is not a terminal.

use std::thread;
use std::time::Duration;

use serde_json::Value;

use crate::bench::{assert_histogram, assert_sane, bench, finish, num, spawn_bench, words};
use crate::lock_scene::{keys_under, wait_for};
use crate::support::Etcd;

// ----- open loop ----------------------------------------------------------------------------------

#[test]
fn open_loop_holds_its_rate() {
    let etcd = Etcd::single();
    let run = bench(
        &etcd.endpoint(0),
        "write",
        &words("--rate 200 --total 400 -o json"),
    );
    run.expect_code(0);
    let r = run.json();
    assert_eq!(r["parameters"]["rate_per_second"], 200.0);
    // The last request is due 1.995 s after the start: the run cannot end sooner.
    let ms = num(&r, "/duration_ms");
    assert!(ms >= 1990.0, "400 requests at 200/s took {ms} ms");
    let throughput = num(&r, "/throughput_per_second");
    assert!(throughput <= 220.0, "{throughput} req/s at --rate 200");
    assert_sane(&r, "write", 400);
}

#[test]
fn open_loop_shows_a_server_stall_in_its_percentiles() {
    let etcd = Etcd::single();
    let ep = etcd.endpoint(0);
    // Six seconds of requests by count, not by time: those due during the stall are still sent.
    let child = spawn_bench(
        &ep,
        "write",
        &words("--rate 100 --total 600 --clients 2 -o json"),
    );
    // Stall etcd once the load is on (its first keys are there), for one second: the length of
    // the fault, not a synchronisation.
    wait_for("the run's first keys", 60, || {
        !keys_under(&etcd, "/etcdkit-bench/").is_empty()
    });
    etcd.pause(0);
    thread::sleep(Duration::from_millis(1000));
    etcd.resume(0);
    let run = finish(child);
    run.expect_code(0);
    let r = run.json();
    assert_eq!(r["errors"], 0, "{r:#}");
    assert_histogram(&r);
    assert!(
        num(&r, "/latency/max_ms") >= 800.0,
        "the stall did not happen: {r:#}"
    );
    // About a hundred requests were due during the 1 s stall and are measured from their
    // due time, so the p99 shows it; a closed loop would count only the two requests in flight.
    let p99 = num(&r, "/latency/p99_ms");
    assert!(
        p99 >= 500.0,
        "p99 {p99} ms hides a 1 s stall: {:#}",
        r["latency"]
    );
}

// ----- output -------------------------------------------------------------------------------------

#[test]
fn json_is_one_document_with_stable_field_names() {
    let etcd = Etcd::single();
    let run = bench(
        &etcd.endpoint(0),
        "write",
        &words("--total 50 --sample 100ms -o json"),
    );
    run.expect_code(0);
    let docs: Vec<Value> = serde_json::Deserializer::from_str(&run.stdout)
        .into_iter::<Value>()
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", run.stdout));
    assert_eq!(docs.len(), 1, "{}", run.stdout);
    let r = &docs[0];
    let fields = |v: &Value| -> Vec<String> {
        let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
        k.sort();
        k
    };
    let sorted = |names: &[&str]| -> Vec<String> {
        let mut k: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        k.sort();
        k
    };
    // A field added or renamed here breaks scripts that read reports: change this list on purpose.
    let top = [
        "time",
        "workload",
        "parameters",
        "server_version",
        "endpoints",
        "started_at",
        "duration_ms",
        "requests",
        "errors",
        "errors_by_kind",
        "throughput_per_second",
        "latency",
        "histogram",
        "series",
        "slo",
        "baseline",
        "status",
        "interrupted",
        "cleaned_up_keys",
        "stale_keys_deleted",
    ];
    assert_eq!(fields(r), sorted(&top));
    let latency = [
        "min_ms",
        "mean_ms",
        "stddev_ms",
        "max_ms",
        "p50_ms",
        "p90_ms",
        "p95_ms",
        "p99_ms",
        "p99_9_ms",
    ];
    assert_eq!(fields(&r["latency"]), sorted(&latency));
    for bar in r["histogram"].as_array().unwrap() {
        assert_eq!(fields(bar), sorted(&["le_ms", "count"]));
    }
    let series = r["series"].as_array().unwrap();
    assert!(!series.is_empty(), "--sample gives a series: {r:#}");
    let sampled: u64 = series.iter().map(|s| s["requests"].as_u64().unwrap()).sum();
    assert_eq!(sampled, 50, "the samples cover every request: {series:?}");
    assert!(r["slo"].as_array().unwrap().is_empty());
    assert!(r["baseline"].as_array().unwrap().is_empty());
    assert!(r["endpoints"].is_array());
    let started = r["started_at"].as_str().unwrap();
    assert!(
        started.len() >= 20 && started.contains('T') && started.ends_with('Z'),
        "not RFC 3339: {started}"
    );
}

#[test]
fn without_a_terminal_prints_no_progress_junk() {
    let etcd = Etcd::single();
    for format in ["table", "json", "plain"] {
        let run = bench(
            &etcd.endpoint(0),
            "write",
            &["--total", "300", "--clients", "2", "-o", format],
        );
        run.expect_code(0);
        for (name, text) in [("stdout", &run.stdout), ("stderr", &run.stderr)] {
            assert!(
                !text.contains('\r') && !text.contains('\x1b'),
                "-o {format}: control characters on {name}: {text:?}"
            );
        }
        assert!(
            run.stderr.trim().is_empty(),
            "-o {format}: stderr: {}",
            run.stderr
        );
    }
    let table = bench(&etcd.endpoint(0), "write", &["--total", "20"]);
    table.expect_code(0);
    assert!(
        table.stdout.contains("bench write against etcd"),
        "{}",
        table.stdout
    );
    assert!(
        table.stdout.contains("requests     20 ok, 0 errors"),
        "{}",
        table.stdout
    );
}

/// Many requests with latencies of several milliseconds, where one HdrHistogram bucket spans
/// several microseconds: no request may be counted in two bars.
#[test]
fn histogram_bars_count_each_request_once() {
    let etcd = Etcd::single();
    let run = bench(
        &etcd.endpoint(0),
        "write",
        &words("--total 2000 --clients 32 --conns 4 -o json"),
    );
    run.expect_code(0);
    let r = run.json();
    assert_eq!(r["requests"], 2000);
    assert_histogram(&r);
}

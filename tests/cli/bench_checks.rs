//! `etcdkit bench` verdicts and refusals: SLOs and baselines decide the exit code, and bad flags,
//! bad baseline files and an unreachable etcd are refused before any load is sent.

use std::fs;

use serde_json::Value;

use crate::bench::{assert_gone, bench, prefix_of, revision, words};
use crate::lock_scene::keys_under;
use crate::support::{free_port, Etcd};

/// Runs bench and checks it was refused with exit 3, a message containing `says`, and no write.
fn assert_refused(etcd: &Etcd, workload: &str, args: &[&str], says: &str) {
    let before = revision(etcd);
    let run = bench(&etcd.endpoint(0), workload, args);
    assert_eq!(
        run.code, 3,
        "bench {workload} {args:?}: exit {} (wanted 3)\nstdout:\n{}\nstderr:\n{}",
        run.code, run.stdout, run.stderr
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(
        run.stderr.contains(says),
        "bench {workload} {args:?}: the message does not say {says:?}:\n{}",
        run.stderr
    );
    assert!(
        run.stdout.is_empty(),
        "bench {workload} {args:?}: {}",
        run.stdout
    );
    assert_eq!(
        revision(etcd),
        before,
        "bench {workload} {args:?} wrote to etcd"
    );
}

// ----- SLOs ---------------------------------------------------------------------------------------

#[test]
fn met_objectives_pass_with_exit_0() {
    let etcd = Etcd::single();
    let run = bench(
        &etcd.endpoint(0),
        "write",
        &words("--total 50 --slo p99<=1000s --slo errors==0 -o json"),
    );
    run.expect_code(0);
    let r = run.json();
    let slo = r["slo"].as_array().unwrap();
    assert_eq!(slo.len(), 2, "{r:#}");
    assert_eq!(slo[0]["expr"], "p99<=1000s");
    assert_eq!(slo[0]["passed"], true);
    assert_eq!(slo[0]["actual"], r["latency"]["p99_ms"], "measured in ms");
    assert_eq!(slo[1]["expr"], "errors==0");
    assert_eq!(slo[1]["passed"], true);
    assert_eq!(slo[1]["actual"], 0.0);
    assert_eq!(r["status"], "ok");
}

#[test]
fn a_missed_objective_fails_with_exit_1_and_names_it() {
    let etcd = Etcd::single();
    let ep = etcd.endpoint(0);
    let args = [
        "--total",
        "50",
        "--slo",
        "p50<0.001ms",
        "--slo",
        "errors==0",
    ];
    let table = bench(&ep, "write", &args);
    table.expect_code(1);
    assert!(
        table.stdout.contains("FAIL p50<0.001ms"),
        "which objective failed?\n{}",
        table.stdout
    );
    assert!(table.stdout.contains("PASS errors==0"), "{}", table.stdout);

    let json = bench(&ep, "write", &[&args[..], &["-o", "json"]].concat());
    json.expect_code(1);
    let r = json.json();
    assert_eq!(r["slo"][0]["passed"], false, "{r:#}");
    assert_eq!(r["slo"][1]["passed"], true, "{r:#}");
    assert_eq!(r["status"], "failed");
    // A failed verdict still cleans up.
    assert_gone(&etcd, &prefix_of(&r));

    let plain = bench(&ep, "write", &[&args[..], &["-o", "plain"]].concat());
    plain.expect_code(1);
    assert!(
        plain.stdout.contains("slo_failed=p50<0.001ms"),
        "{}",
        plain.stdout
    );
}

// ----- baseline -----------------------------------------------------------------------------------

#[test]
fn a_baseline_within_tolerance_passes_and_an_absurd_one_regresses() {
    let etcd = Etcd::single();
    let ep = etcd.endpoint(0);
    let dir = tempfile::tempdir().unwrap();
    let first = bench(&ep, "write", &["--total", "100", "-o", "json"]);
    first.expect_code(0);
    let base_path = dir.path().join("before.json");
    fs::write(&base_path, &first.stdout).unwrap();
    let base = base_path.to_str().unwrap();
    let before = first.json();

    let run = bench(
        &ep,
        "write",
        &[
            "--total",
            "100",
            "--baseline",
            base,
            "--tolerance",
            "1000",
            "-o",
            "json",
        ],
    );
    run.expect_code(0);
    let r = run.json();
    let rows = r["baseline"].as_array().unwrap();
    let metrics: Vec<&str> = rows.iter().map(|c| c["metric"].as_str().unwrap()).collect();
    assert_eq!(metrics, ["throughput_per_second", "p50_ms", "p99_ms"]);
    assert_eq!(rows[0]["baseline"], before["throughput_per_second"]);
    assert_eq!(rows[0]["current"], r["throughput_per_second"]);
    assert_eq!(rows[2]["baseline"], before["latency"]["p99_ms"]);
    assert!(rows.iter().all(|c| c["regressed"] == false), "{rows:#?}");
    assert_eq!(r["status"], "ok");

    // A baseline a billion requests a second fast: this run is 100% slower.
    let mut absurd: Value = before.clone();
    absurd["throughput_per_second"] = serde_json::json!(1e9);
    let absurd_path = dir.path().join("absurd.json");
    fs::write(&absurd_path, absurd.to_string()).unwrap();
    let absurd_path = absurd_path.to_str().unwrap();
    let args = [
        "--total",
        "100",
        "--baseline",
        absurd_path,
        "--tolerance",
        "50",
    ];
    let run = bench(&ep, "write", &[&args[..], &["-o", "json"]].concat());
    run.expect_code(1);
    let r = run.json();
    let row = &r["baseline"][0];
    assert_eq!(row["metric"], "throughput_per_second", "{r:#}");
    assert_eq!(row["regressed"], true, "{r:#}");
    assert_eq!(row["baseline"], 1e9);
    assert_eq!(r["status"], "failed");
    let table = bench(&ep, "write", &args);
    table.expect_code(1);
    assert!(
        table.stdout.contains("REGRESSED throughput_per_second"),
        "{}",
        table.stdout
    );
}

#[test]
fn unusable_baselines_are_refused_before_any_load() {
    let etcd = Etcd::single();
    let ep = etcd.endpoint(0);
    let dir = tempfile::tempdir().unwrap();
    let first = bench(&ep, "write", &["--total", "20", "-o", "json"]);
    first.expect_code(0);
    let write_report = dir.path().join("write.json");
    fs::write(&write_report, &first.stdout).unwrap();
    let not_json = dir.path().join("notes.txt");
    fs::write(&not_json, "throughput was fine last week\n").unwrap();
    let missing = dir.path().join("missing.json");
    let path = |p: &std::path::Path| p.to_str().unwrap().to_string();

    let another = path(&write_report);
    assert_refused(
        &etcd,
        "read",
        &["--total", "20", "--baseline", &another],
        "write run",
    );
    let missing = path(&missing);
    assert_refused(
        &etcd,
        "write",
        &["--total", "20", "--baseline", &missing],
        &missing,
    );
    let not_json = path(&not_json);
    assert_refused(
        &etcd,
        "write",
        &["--total", "20", "--baseline", &not_json],
        "not a bench report",
    );
    assert!(keys_under(&etcd, "/etcdkit-bench/").is_empty());
}

// ----- bad input ----------------------------------------------------------------------------------

#[test]
fn bad_flags_are_refused_before_any_load() {
    let etcd = Etcd::single();
    let cases: &[(&str, &[&str], &str)] = &[
        ("write", &["--clients", "0"], "--clients"),
        ("write", &["--conns", "0"], "--conns"),
        ("write", &["--conns", "5", "--clients", "2"], "--conns 5"),
        ("write", &["--rate", "-5"], "--rate"),
        ("write", &["--rate", "0"], "--rate"),
        ("write", &["--total", "0"], "--total"),
        ("write", &["--duration", "0s"], "--duration"),
        ("write", &["--val-size", "2000000"], "request limit"),
        ("write", &["--slo", "p99<="], "p99<="),
        ("write", &["--slo", "latency<5ms"], "latency"),
        ("write", &["--slo", "p99<=20"], "unit"),
        ("mixed", &["--read-ratio", "1.5"], "--read-ratio"),
        (
            "write",
            &["--key-size", "2", "--key-space-size", "1000"],
            "--key-size 2",
        ),
        ("write", &["--total", "10", "--duration", "1s"], "--total"),
    ];
    for (workload, args, says) in cases {
        assert_refused(&etcd, workload, args, says);
    }
    assert!(keys_under(&etcd, "/etcdkit-bench/").is_empty());
}

#[test]
fn an_unreachable_endpoint_exits_4_and_names_it() {
    let dead = format!("127.0.0.1:{}", free_port());
    let run = bench(&dead, "write", &["--total", "10"]);
    run.expect_code(4);
    assert!(
        run.stderr.contains("cannot connect") && run.stderr.contains(&dead),
        "{}",
        run.stderr
    );
    assert!(run.stdout.is_empty(), "{}", run.stdout);
}

/// Counts, sizes, rates and durations are bounded before anything is sent: a run of a hundred
/// million clients once grew to 24 GB, a sample of u64::MAX seconds panicked.
#[test]
fn absurd_counts_and_durations_are_refused_before_any_load() {
    let etcd = Etcd::single();
    // The cheap cases first: a build without the bounds fails on them before it reaches the
    // last two, which would take gigabytes.
    let cases: &[(&str, &[&str], &str)] = &[
        (
            "write",
            &["--clients", "100", "--total", "10"],
            "never send",
        ),
        (
            "write",
            &["--conns", "100000", "--clients", "100000"],
            "--clients",
        ),
        ("lock", &["--clients", "20", "--total", "5"], "never send"),
        ("write", &["--total", "18446744073709551615"], "--total"),
        ("watch", &["--watchers", "100000000"], "--watchers"),
        ("write", &["--rate", "1e-9"], "--rate"),
        ("write", &["--rate", "1e300"], "--rate"),
        ("write", &["--rate", "NaN"], "--rate"),
        (
            "write",
            &["--rate", "0.001", "--total", "100000000"],
            "longer than",
        ),
        (
            "write",
            &["--key-size", "18446744073709551615"],
            "request limit",
        ),
        (
            "write",
            &["--val-size", "18446744073709551615"],
            "request limit",
        ),
        (
            "read",
            &["--key-space-size", "10000000000", "--key-size", "20"],
            "--key-space-size",
        ),
        ("write", &["--sample", "18446744073709551615s"], "--sample"),
        ("write", &["--sample", "1ms"], "--sample"),
        (
            "write",
            &["--duration", "18446744073709551615s"],
            "--duration",
        ),
        (
            "write",
            &["--duration", "1000y", "--rate", "10"],
            "--duration",
        ),
        ("write", &["--clients", "1000000"], "--clients 1000000"),
        (
            "write",
            &["--clients", "100000000", "--total", "10"],
            "--clients",
        ),
    ];
    for (workload, args, says) in cases {
        assert_refused(&etcd, workload, args, says);
    }
    assert!(keys_under(&etcd, "/etcdkit-bench/").is_empty());
}

/// A baseline is a yardstick only with real figures: zero, negative or null ones are refused.
#[test]
fn a_baseline_with_zero_negative_or_missing_figures_is_refused() {
    let etcd = Etcd::single();
    let ep = etcd.endpoint(0);
    let dir = tempfile::tempdir().unwrap();
    let first = bench(&ep, "write", &["--total", "20", "-o", "json"]);
    first.expect_code(0);
    let good = first.json();
    let edits: &[(&str, Value)] = &[
        ("/throughput_per_second", serde_json::json!(0.0)),
        ("/throughput_per_second", serde_json::json!(-100.0)),
        ("/latency/p50_ms", serde_json::json!(0.0)),
        ("/latency/p99_ms", serde_json::json!(-1.0)),
        ("/latency/p99_ms", Value::Null),
    ];
    for (i, (field, value)) in edits.iter().enumerate() {
        let mut edited = good.clone();
        *edited.pointer_mut(field).unwrap() = value.clone();
        let path = dir.path().join(format!("edited{i}.json"));
        fs::write(&path, edited.to_string()).unwrap();
        let path = path.to_str().unwrap();
        let name = field.rsplit('/').next().unwrap();
        assert_refused(&etcd, "write", &["--total", "20", "--baseline", path], name);
    }
}

/// Every request fails on a member out of space: no latency was measured, so none is reported
/// (null, not 0) and no latency objective can pass.
#[test]
fn no_successful_request_meets_no_latency_objective() {
    let etcd = Etcd::single_with(&["--quota-backend-bytes", "1048576"]);
    etcd.fill_until_nospace();
    let ep = etcd.endpoint(0);
    let slos = [
        "--slo",
        "p99<=20ms",
        "--slo",
        "mean<5ms",
        "--slo",
        "errors<=1000",
    ];
    let args = [&["--total", "40", "--clients", "2"][..], &slos].concat();
    let run = bench(&ep, "write", &[&args[..], &["-o", "json"]].concat());
    run.expect_code(1);
    let r = run.json();
    assert_eq!(r["requests"], 0, "{r:#}");
    assert_eq!(r["errors"], 40, "{r:#}");
    for (name, value) in r["latency"].as_object().unwrap() {
        assert!(value.is_null(), "latency {name} is {value} with no success");
    }
    assert_eq!(r["histogram"], serde_json::json!([]));
    let slo = r["slo"].as_array().unwrap();
    for (i, expr) in ["p99<=20ms", "mean<5ms"].iter().enumerate() {
        assert_eq!(slo[i]["expr"], *expr);
        assert_eq!(slo[i]["passed"], false, "{expr} passed on no data: {r:#}");
        assert!(slo[i]["actual"].is_null(), "{r:#}");
    }
    // Errors were measured: that objective is judged on its figure.
    assert_eq!(slo[2]["passed"], true, "{r:#}");
    assert_eq!(r["status"], "failed");

    let table = bench(&ep, "write", &args);
    table.expect_code(1);
    assert!(
        table
            .stdout
            .contains("latency ms   none: no request succeeded")
            && table.stdout.contains("FAIL p99<=20ms (measured nothing"),
        "{}",
        table.stdout
    );
    let plain = bench(&ep, "write", &[&args[..], &["-o", "plain"]].concat());
    plain.expect_code(1);
    assert!(
        plain.stdout.contains("p99_ms=null")
            && plain.stdout.contains("slo_failed=mean<5ms measured=null"),
        "{}",
        plain.stdout
    );
}

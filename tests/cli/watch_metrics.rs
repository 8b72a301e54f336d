//! `etcdkit watch-metrics` against a real cluster: JSON Lines, derived rates, a member going down.

use std::io::{BufRead, BufReader};
use std::process::Stdio;

use crate::run::{etcdkit, etcdkit_command};
use crate::support::Etcd;

/// `watch-metrics -o json --interval 300ms --endpoints ENDPOINT` and `extra`, stderr to nowhere.
pub(crate) fn watch_metrics(endpoint: &str, extra: &[&str], stdout: Stdio) -> std::process::Child {
    etcdkit_command()
        .args([
            "watch-metrics",
            "--endpoints",
            endpoint,
            "--interval",
            "300ms",
            "-o",
            "json",
        ])
        .args(extra)
        .stdout(stdout)
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// [`watch_metrics`] on `endpoint`; its samples arrive on the channel.
fn watching(
    endpoint: &str,
) -> (
    std::process::Child,
    std::sync::mpsc::Receiver<serde_json::Value>,
) {
    let mut child = watch_metrics(endpoint, &[], Stdio::piped());
    let lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in lines.map_while(Result::ok) {
            let sample = serde_json::from_str(&line)
                .unwrap_or_else(|e| panic!("a sample is not JSON ({e}): {line}"));
            if tx.send(sample).is_err() {
                break;
            }
        }
    });
    (child, rx)
}

fn next_sample(rx: &std::sync::mpsc::Receiver<serde_json::Value>) -> serde_json::Value {
    rx.recv_timeout(std::time::Duration::from_secs(60))
        .expect("watch-metrics printed no sample within a minute")
}

fn at(sample: &serde_json::Value) -> f64 {
    let time = humantime::parse_rfc3339(sample["time"].as_str().unwrap()).unwrap();
    time.duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs_f64()
}

#[test]
fn rates_and_percentiles_come_from_traffic_made_while_watching() {
    const PUTS: usize = 30;
    const DELETES: usize = 10;
    let etcd = Etcd::single();
    let (mut child, samples) = watching(&etcd.endpoint(0));
    let first = next_sample(&samples);
    let m = &first["members"][0];
    assert_eq!(m["up"], true, "{first:#}");
    assert!(
        m["puts_per_second"].is_null(),
        "rates need two samples: {m}"
    );
    assert!(
        m["wal_fsync_latency"].is_null(),
        "percentiles need two samples: {m}"
    );
    assert!(m["probe_latency"]["p50_ms"].as_f64().unwrap() > 0.0, "{m}");
    assert!(m["memory_bytes"].as_f64().unwrap() > 1e6, "{m}");

    // Traffic while watching, then integrate the rates over the samples that follow: every
    // put and delete counted, no more, no fewer (a made-up or constant rate cannot add up).
    for i in 0..PUTS {
        etcd.put(&format!("/wm/{i}"), "x");
    }
    for i in 0..DELETES {
        assert!(etcd.etcdctl(&["del", &format!("/wm/{i}")]).status.success());
    }
    let (mut puts, mut deletes) = (0.0, 0.0);
    let mut busy = None;
    let mut last = first;
    loop {
        let s = next_sample(&samples);
        let m = &s["members"][0];
        let secs = at(&s) - at(&last);
        let put_rate = m["puts_per_second"].as_f64().unwrap();
        let delete_rate = m["deletes_per_second"].as_f64().unwrap();
        puts += put_rate * secs;
        deletes += delete_rate * secs;
        if put_rate > 0.0 && busy.is_none() {
            busy = Some(s.clone());
        }
        last = s.clone();
        // Quiet again after every put and delete was seen (the deletes, one etcdctl each, may
        // trail the puts by several samples on a loaded machine).
        let quiet = put_rate == 0.0 && delete_rate == 0.0;
        let seen = puts > PUTS as f64 - 2.0 && deletes > DELETES as f64 - 2.0;
        if busy.is_some() && quiet && seen {
            break;
        }
    }
    assert!(
        (puts - PUTS as f64).abs() < 1.5,
        "{puts} puts counted, {PUTS} made"
    );
    assert!(
        (deletes - DELETES as f64).abs() < 1.5,
        "{deletes} deletes counted, {DELETES} made"
    );
    // While the puts went on, their disk latencies were measured.
    let busy = busy.unwrap();
    let m = &busy["members"][0];
    for field in [
        "wal_fsync_latency",
        "backend_commit_latency",
        "probe_latency",
    ] {
        let q = &m[field];
        let (p50, p95, p99) = (
            q["p50_ms"].as_f64().unwrap_or(-1.0),
            q["p95_ms"].as_f64().unwrap_or(-1.0),
            q["p99_ms"].as_f64().unwrap_or(-1.0),
        );
        assert!(p50 > 0.0 && p50 <= p95 && p95 <= p99, "{field}: {q}");
    }
    assert!(
        m["ranges_per_second"].as_f64().unwrap() > 0.0,
        "etcdkit's own reads: {m}"
    );
    assert!(
        m["proposals_committed_per_second"].as_f64().unwrap() > 0.0,
        "{m}"
    );
    assert!(m["cpu_cores"].as_f64().unwrap() > 0.0, "{m}");
    assert!(busy["puts_per_second"].as_f64().unwrap() > 0.0, "{busy}");
    assert_eq!(busy["members_up"], 1);
    assert!(busy["sample"].as_u64().unwrap() >= 2);

    unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
    assert_eq!(child.wait().unwrap().code(), Some(0));
}

/// The `watch-metrics` section of docs/json.md.
fn readme_section() -> String {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/json.md")).unwrap();
    let start = readme.find("## `etcdkit watch-metrics`").unwrap();
    let end = start + 3 + readme[start + 3..].find("\n## ").unwrap();
    readme[start..end].to_string()
}

#[test]
fn json_fields_are_the_documented_ones() {
    use serde_json::Value;
    let etcd = Etcd::single();
    let run = etcdkit(&[
        "watch-metrics",
        "--endpoints",
        &etcd.endpoint(0),
        "--interval",
        "200ms",
        "--count",
        "2",
        "-o",
        "json",
    ]);
    run.expect_code(0);
    let sample = run.json_lines().pop().unwrap();
    let number = |v: &Value| v.is_number();
    let string = |v: &Value| v.is_string();
    let boolean = |v: &Value| v.is_boolean();
    let quantiles = |v: &Value| {
        v.is_null()
            || (v.as_object().unwrap().len() == 3
                && ["p50_ms", "p95_ms", "p99_ms"]
                    .iter()
                    .all(|p| v[p].is_number()))
    };
    let measured = |v: &Value| !v.is_null() && quantiles(v);
    type Check<'a> = (&'a str, &'a dyn Fn(&Value) -> bool);
    let top: Vec<Check> = vec![
        ("time", &string),
        ("sample", &number),
        ("members_up", &number),
        ("members_total", &number),
        ("leader_id", &string),
        ("puts_per_second", &number),
        ("ranges_per_second", &number),
        ("members", &|v: &Value| v.is_array()),
    ];
    let member: Vec<Check> = vec![
        ("endpoint", &string),
        ("up", &boolean),
        ("error", &|v: &Value| v.is_null()),
        ("id", &string),
        ("name", &string),
        ("version", &string),
        ("is_leader", &boolean),
        ("is_learner", &boolean),
        ("raft_term", &number),
        ("raft_index", &number),
        ("raft_applied_index", &number),
        ("db_size_bytes", &number),
        ("db_size_in_use_bytes", &number),
        ("db_growth_bytes_per_second", &number),
        ("puts_per_second", &number),
        ("ranges_per_second", &number),
        ("txns_per_second", &number),
        ("deletes_per_second", &number),
        ("grpc_failed_ratio", &number),
        ("leader_changes", &number),
        ("proposals_committed_per_second", &number),
        ("proposals_applied_per_second", &number),
        ("proposals_pending", &number),
        ("proposals_failed", &number),
        ("wal_fsync_latency", &quantiles),
        ("backend_commit_latency", &quantiles),
        // A lone member has no peers; only etcd's --metrics=extensive has handling times.
        ("peer_round_trip_latency", &|v: &Value| v.is_null()),
        ("grpc_handling_latency", &|v: &Value| v.is_null()),
        ("probe_latency", &measured),
        ("memory_bytes", &number),
        ("cpu_cores", &number),
    ];
    let section = readme_section();
    for (fields, object) in [(&top, &sample), (&member, &sample["members"][0])] {
        let keys: Vec<&str> = object
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let documented: Vec<&str> = fields.iter().map(|(k, _)| *k).collect();
        let mut sorted = documented.clone();
        sorted.sort();
        let mut got = keys.clone();
        got.sort();
        assert_eq!(got, sorted, "the fields, no more, no fewer: {object:#}");
        for (name, ok) in fields {
            assert!(ok(&object[*name]), "{name}: {}", object[*name]);
            assert!(
                section.contains(&format!("`{name}`"))
                    || section.contains(&format!("`{name}[]`"))
                    || section.contains(&format!("`members[].{name}`")),
                "docs/json.md's watch-metrics section documents `{name}`"
            );
        }
    }
}

#[test]
fn a_member_going_down_shows_in_the_next_sample() {
    let mut etcd = Etcd::cluster(3);
    let mut child = etcdkit_command()
        .args([
            "watch-metrics",
            "--cluster",
            "--endpoints",
            &etcd.endpoint(0),
            "--interval",
            "500ms",
            "--command-timeout",
            "1s",
            "-o",
            "json",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut next =
        || -> serde_json::Value { serde_json::from_str(&lines.next().unwrap().unwrap()).unwrap() };
    let first = next();
    assert_eq!(first["members_up"], 3, "{first:#}");
    etcd.kill(2);
    let victim = etcd.endpoint(2);
    let mut seen_down = false;
    for _ in 0..6 {
        let s = next();
        let m = s["members"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["endpoint"] == victim.as_str())
            .unwrap()
            .clone();
        if m["up"] == false {
            assert!(m["error"].is_string(), "{m}");
            assert_eq!(s["members_up"], 2);
            seen_down = true;
            break;
        }
    }
    assert!(seen_down, "the killed member never showed as down");
    assert!(
        child.try_wait().unwrap().is_none(),
        "watch-metrics keeps going"
    );
    unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0));
}

#[test]
fn bad_watch_input_is_refused() {
    for (args, says) in [
        (vec!["watch-metrics", "--interval", "1ms"], "at least 100ms"),
        (vec!["watch-metrics", "--count", "0"], "at least 1"),
        (vec!["alert", "run", "--count", "0"], "at least 1"),
        (vec!["watch", "/x", "--count", "0"], "at least 1"),
        (
            vec!["health", "--metrics-urls", ""],
            "--metrics-urls: invalid URL \"\"",
        ),
    ] {
        etcdkit(&args).expect_refused(says);
    }
}

/// GET over HTTP/1.0 from 127.0.0.1:`port` (the server sends the body whole and closes):
/// the status line and the body.
pub(crate) fn http_get(port: u16, path: &str) -> Option<(String, String)> {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(std::time::Duration::from_secs(30)))
        .ok()?;
    write!(s, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").ok()?;
    let mut text = String::new();
    s.read_to_string(&mut text).ok()?;
    let (head, body) = text.split_once("\r\n\r\n")?;
    Some((head.lines().next()?.to_string(), body.to_string()))
}

#[test]
fn listen_serves_prometheus_text_and_json() {
    let etcd = Etcd::single();
    let port = crate::support::free_port();
    let listen = port.to_string();
    let mut child = watch_metrics(&etcd.endpoint(0), &["--listen", &listen], Stdio::null());
    // Wait until two samples are in (rates need two).
    let start = std::time::Instant::now();
    let current = loop {
        if let Some((status, body)) = http_get(port, "/api/v1/metrics/current") {
            let v: serde_json::Value =
                serde_json::from_str(&body).unwrap_or(serde_json::Value::Null);
            if status.contains("200") && v["sample"].as_u64().unwrap_or(0) >= 2 {
                break v;
            }
        }
        assert!(
            start.elapsed() < std::time::Duration::from_secs(15),
            "no samples served"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    };
    assert_eq!(current["members"][0]["up"], true);

    let (status, text) = http_get(port, "/metrics").unwrap();
    assert!(status.contains("200"), "{status}");
    let parsed = etcdkit::metrics::parse(&text);
    let samples = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .count();
    assert_eq!(parsed.0.len(), samples, "it scrapes cleanly:\n{text}");
    let up = parsed.all("etcdkit_member_up").next().unwrap();
    assert_eq!(up.value, 1.0);
    assert_eq!(up.label("endpoint"), Some(etcd.endpoint(0).as_str()));
    assert!(parsed.value("etcdkit_cluster_has_leader") == Some(1.0));
    assert!(text.contains("# TYPE etcdkit_member_puts_per_second gauge"));

    let (status, body) = http_get(port, "/api/v1/cluster/status").unwrap();
    assert!(status.contains("200"));
    let cluster: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(cluster["members_up"], 1);
    assert!(cluster["leader_id"].is_string());
    assert_eq!(http_get(port, "/healthz").unwrap().1, "ok\n");
    assert!(http_get(port, "/nope").unwrap().0.contains("404"));

    unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
    assert_eq!(child.wait().unwrap().code(), Some(0));
}

#[test]
fn a_busy_listen_address_is_a_usage_error() {
    let held = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = held.local_addr().unwrap().port().to_string();
    let run = etcdkit(&[
        "watch-metrics",
        "--listen",
        &port,
        "--endpoints",
        "127.0.0.1:1",
    ]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(run.stderr.contains("cannot listen"), "{}", run.stderr);
}

#[test]
fn metrics_urls_say_where_metrics_are_served() {
    let port = crate::support::free_port();
    let metrics = format!("http://127.0.0.1:{port}");
    let etcd = Etcd::single_with(&["--listen-metrics-urls", &metrics]);
    let dead = format!("http://127.0.0.1:{}", crate::support::free_port());
    let sample = |metrics_urls: &str| {
        let run = etcdkit(&[
            "watch-metrics",
            "--endpoints",
            &etcd.endpoints(),
            "--metrics-urls",
            metrics_urls,
            "--count",
            "1",
            "-o",
            "json",
        ]);
        run.expect_code(0);
        run.json_lines().remove(0)["members"][0].clone()
    };
    let served = sample(&metrics);
    assert_eq!(served["up"], true);
    assert!(served["error"].is_null(), "{served:#}");
    assert!(served["memory_bytes"].as_f64().unwrap() > 0.0, "{served:#}");
    // Pointed at nothing: the member still answers, its metrics do not, and it says so.
    let nowhere = sample(&dead);
    assert_eq!(nowhere["up"], true);
    assert!(
        nowhere["error"]
            .as_str()
            .unwrap()
            .contains("cannot read /metrics"),
        "{nowhere:#}"
    );
    assert!(nowhere["memory_bytes"].is_null());

    let two = format!("{metrics},{dead}");
    let run = etcdkit(&[
        "watch-metrics",
        "--endpoints",
        &etcd.endpoints(),
        "--metrics-urls",
        &two,
        "--count",
        "1",
    ]);
    run.expect_code(3);
    assert!(
        run.stderr.contains("2 URLs for 1 endpoint:"),
        "{}",
        run.stderr
    );
}

#[test]
fn listen_answers_503_with_a_reason_until_the_first_sample() {
    use std::io::Read;
    // An endpoint that accepts connections and never answers: the first sample waits for the
    // timeouts (a minute), so the listener is asked while no sample exists, with no race.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let endpoint = format!("127.0.0.1:{}", silent.local_addr().unwrap().port());
    let port = crate::support::free_port();
    let mut child = etcdkit_command()
        .args([
            "watch-metrics",
            "--endpoints",
            &endpoint,
            "--command-timeout",
            "60s",
            "--dial-timeout",
            "60s",
            "--listen",
            &port.to_string(),
            "-o",
            "json",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut serving = String::new();
    stderr.read_line(&mut serving).unwrap();
    assert!(serving.contains("serving http://"), "{serving}");

    for path in ["/api/v1/cluster/status", "/api/v1/metrics/current"] {
        let (status, body) = http_get(port, path).unwrap();
        assert!(status.contains("503"), "{path}: {status} {body}");
        let reason: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert!(
            reason["error"].as_str().unwrap().contains("no sample yet"),
            "{path}: {body}"
        );
        let time = reason["time"].as_str().unwrap_or_default();
        assert!(humantime::parse_rfc3339(time).is_ok(), "{path}: {body}");
    }
    // Prometheus still gets a valid scrape that says no sample was taken.
    let (status, text) = http_get(port, "/metrics").unwrap();
    assert!(status.contains("200"), "{status}");
    assert!(text.contains("etcdkit_samples_total 0"), "{text}");

    // A stop does not wait for the sample in progress.
    unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
    assert_eq!(child.wait().unwrap().code(), Some(0));
    let mut out = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut out)
        .unwrap();
    assert_eq!(out, "", "no sample was printed");
    drop(silent);
}

#[test]
fn a_count_run_that_reaches_no_member_exits_4_not_0() {
    let dead = format!("127.0.0.1:{}", crate::support::free_port());
    let run = etcdkit(&[
        "watch-metrics",
        "--endpoints",
        &dead,
        "--count",
        "1",
        "-o",
        "json",
    ]);
    run.expect_code(4);
    // The sample is still printed, saying why.
    let sample = run.json_lines().remove(0);
    assert_eq!(sample["members_up"], 0, "{sample:#}");
    assert_eq!(sample["members"][0]["up"], false, "{sample:#}");

    // A member that answers: exit 0 as before.
    let etcd = Etcd::single();
    let run = etcdkit(&[
        "watch-metrics",
        "--endpoints",
        &etcd.endpoints(),
        "--count",
        "1",
        "-o",
        "json",
    ]);
    run.expect_code(0);
}

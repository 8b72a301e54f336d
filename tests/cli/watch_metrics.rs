//! `etcdkit watch-metrics` against a real cluster: JSON Lines, derived rates, a member going down.

use std::io::{BufRead, BufReader};
use std::process::Stdio;

use crate::run::{etcdkit, etcdkit_command};
use crate::support::Etcd;

#[test]
fn samples_are_json_lines_with_rates_from_the_second_on() {
    let etcd = Etcd::single();
    let ep = etcd.endpoint(0);
    for i in 0..20 {
        etcd.put(&format!("/wm/{i}"), "x");
    }
    let run = etcdkit(&[
        "watch-metrics",
        "--endpoints",
        &ep,
        "--interval",
        "300ms",
        "--count",
        "3",
        "-o",
        "json",
    ]);
    run.expect_code(0);
    let lines = run.json_lines();
    assert_eq!(lines.len(), 3, "{}", run.stdout);
    let first = &lines[0]["members"][0];
    assert_eq!(first["up"], true);
    assert!(
        first["puts_per_sec"].is_null(),
        "rates need two samples: {first}"
    );
    assert!(first["member_id"].is_string());
    assert!(first["probe_ms"]["p50"].as_f64().unwrap() > 0.0);
    assert!(first["memory_bytes"].as_f64().unwrap() > 1e6);
    let last = &lines[2]["members"][0];
    assert!(last["puts_per_sec"].as_f64().unwrap() >= 0.0, "{last}");
    assert!(last["cpu_cores"].as_f64().is_some(), "{last}");
    assert_eq!(lines[2]["sample"], 3);
    assert_eq!(lines[2]["members_up"], 1);
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
    ] {
        let run = etcdkit(&args);
        assert_eq!(run.code, 3, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains(says), "{}", run.stderr);
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
    let mut child = etcdkit_command()
        .args([
            "watch-metrics",
            "--endpoints",
            &etcd.endpoint(0),
            "--interval",
            "300ms",
            "--listen",
            &port.to_string(),
            "-o",
            "json",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
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
        run.stderr.contains("2 URLs for 1 endpoints"),
        "{}",
        run.stderr
    );
}

#[test]
fn listen_answers_503_with_a_reason_until_the_first_sample() {
    use std::io::Read;
    // An endpoint that accepts connections and never answers: the first sample waits for the
    // command timeout (a minute), so the listener is asked while no sample exists, with no race.
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

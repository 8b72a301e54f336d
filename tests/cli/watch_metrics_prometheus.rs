//! `watch-metrics --listen` as Prometheus sees it: `promtool check metrics` passes on a scrape
//! with every kind of series filled in from real traffic, and Debian's Prometheus scrapes it
//! and answers queries with the same figures.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::run::wait_until;
use crate::support::{free_port, spawn_tied_to_test, Etcd};
use crate::watch_metrics::{http_get, watch_metrics};

/// A child process that is killed and reaped when the test ends, also on a panic.
pub(crate) struct Killed(pub(crate) Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// `watch-metrics --listen PORT` against `etcd`, sampling every 300 ms.
fn watch(etcd: &Etcd, port: u16) -> Killed {
    let listen = port.to_string();
    Killed(watch_metrics(
        &etcd.endpoint(0),
        &["--listen", &listen],
        Stdio::null(),
    ))
}

/// A program from Debian's `prometheus` package, which `scripts/setup` installs.
fn prometheus_tool(name: &str) -> &str {
    let found = Command::new(name)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        found,
        "{name} is missing: scripts/setup installs it (Debian's `prometheus` package)"
    );
    name
}

/// Puts keys while watching until the served scrape has fsync and commit percentiles (they need
/// writes between two samples); returns that scrape.
fn scrape_with_percentiles(etcd: &Etcd, port: u16) -> String {
    let start = Instant::now();
    let mut i = 0;
    loop {
        etcd.put(&format!("/prom/{i}"), "x");
        i += 1;
        if let Some((_, text)) = http_get(port, "/metrics") {
            let has = |name: &str| {
                text.contains(&format!("{name}{{endpoint=")) && text.contains("quantile=\"0.99\"")
            };
            if has("etcdkit_member_wal_fsync_duration_seconds")
                && text.contains("etcdkit_member_backend_commit_duration_seconds{endpoint=")
                && text.contains("etcdkit_member_puts_per_second{endpoint=")
                && text.contains("etcdkit_member_cpu_seconds_total{endpoint=")
            {
                return text;
            }
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "no scrape with percentiles after {i} puts"
        );
    }
}

#[test]
fn promtool_accepts_the_exposition() {
    let promtool = prometheus_tool("promtool");
    let etcd = Etcd::single_with(&["--metrics", "extensive"]);
    let port = free_port();
    let _watch = watch(&etcd, port);
    let text = scrape_with_percentiles(&etcd, port);
    for kind in ["counter", "gauge", "summary"] {
        assert!(
            text.contains(&format!(" {kind}\n")),
            "a {kind} is served:\n{text}"
        );
    }
    assert!(
        text.contains("etcdkit_member_wal_fsync_duration_seconds_count{endpoint="),
        "{text}"
    );
    // Every series served is in the README's table (member series by their suffix there).
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    for line in text.lines().filter(|l| l.starts_with("# TYPE ")) {
        let name = line.split_whitespace().nth(2).unwrap();
        let short = name.strip_prefix("etcdkit_member").unwrap_or(name);
        assert!(
            readme.contains(&format!("`{name}`")) || readme.contains(&format!("`{short}`")),
            "the README names {name}"
        );
    }
    let mut check = Command::new(promtool)
        .args(["check", "metrics"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    check
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = check.wait_with_output().unwrap();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.status.success() && said.trim().is_empty(),
        "promtool check metrics: {said}\non:\n{text}"
    );
}

/// Percent-encodes a query parameter.
fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'_' | b'.' | b'-' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// An instant query against Prometheus at `port`: each series' labels and value.
fn query(port: u16, promql: &str) -> Vec<(serde_json::Value, f64)> {
    let Some((status, body)) = http_get(port, &format!("/api/v1/query?query={}", encode(promql)))
    else {
        return Vec::new();
    };
    if !status.contains("200") {
        return Vec::new();
    }
    let v: serde_json::Value = serde_json::from_str(&body).unwrap_or_default();
    v["data"]["result"]
        .as_array()
        .map(|all| {
            all.iter()
                .map(|r| {
                    let value = r["value"][1]
                        .as_str()
                        .unwrap_or("NaN")
                        .parse()
                        .unwrap_or(f64::NAN);
                    (r["metric"].clone(), value)
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn prometheus_scrapes_the_listener_and_reads_the_figures_back() {
    let prometheus = prometheus_tool("prometheus");
    let etcd = Etcd::single();
    let listen = free_port();
    let _watch = watch(&etcd, listen);
    scrape_with_percentiles(&etcd, listen);

    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("prometheus.yml");
    std::fs::write(
        &config,
        format!(
            "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n\
             scrape_configs:\n  - job_name: etcdkit\n    static_configs:\n      \
             - targets: ['127.0.0.1:{listen}']\n"
        ),
    )
    .unwrap();
    let web = free_port();
    let mut cmd = Command::new(prometheus);
    cmd.arg(format!("--config.file={}", config.display()))
        .arg(format!(
            "--storage.tsdb.path={}",
            dir.path().join("data").display()
        ))
        .arg(format!("--web.listen-address=127.0.0.1:{web}"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(dir.path().join("prometheus.log")).unwrap());
    let _server = Killed(spawn_tied_to_test(cmd).unwrap());
    let log = || std::fs::read_to_string(dir.path().join("prometheus.log")).unwrap_or_default();

    // Prometheus scraped etcdkit, and found nothing to complain about.
    let limit = Duration::from_secs(90);
    let endpoint = etcd.endpoint(0);
    wait_until("Prometheus to scrape etcdkit", limit, || {
        query(web, "etcdkit_member_up")
            .iter()
            .any(|(m, v)| m["endpoint"] == endpoint.as_str() && *v == 1.0)
    });
    let (_, body) = http_get(web, "/api/v1/targets").unwrap();
    let targets: serde_json::Value = serde_json::from_str(&body).unwrap();
    let target = &targets["data"]["activeTargets"][0];
    assert_eq!(target["health"], "up", "{target:#}\n{}", log());
    assert_eq!(target["lastError"], "", "{target:#}");

    // The types etcdkit declares are the ones Prometheus keeps.
    let (_, body) = http_get(web, "/api/v1/metadata").unwrap();
    let metadata: serde_json::Value = serde_json::from_str(&body).unwrap();
    for (name, kind) in [
        ("etcdkit_member_wal_fsync_duration_seconds", "summary"),
        ("etcdkit_member_probe_duration_seconds", "summary"),
        ("etcdkit_member_cpu_seconds_total", "counter"),
        ("etcdkit_member_db_size_bytes", "gauge"),
    ] {
        assert_eq!(metadata["data"][name][0]["type"], kind, "{name}: {body}");
    }

    // Figures that do not move on a quiet member read back as etcdkit served them.
    let (_, current) = http_get(listen, "/api/v1/metrics/current").unwrap();
    let sample: serde_json::Value = serde_json::from_str(&current).unwrap();
    let member = &sample["members"][0];
    let one = |promql: &str| -> f64 {
        let mut found = None;
        wait_until(promql, limit, || {
            found = query(web, promql).first().map(|(_, v)| *v);
            found.is_some()
        });
        found.unwrap()
    };
    assert_eq!(one("etcdkit_cluster_members"), 1.0);
    assert_eq!(
        one("etcdkit_member_raft_term"),
        member["raft_term"].as_f64().unwrap()
    );
    assert_eq!(one("etcdkit_member_is_leader"), 1.0);
    // Summaries: quantiles in seconds, and a count Prometheus can rate.
    let p99 = one("etcdkit_member_probe_duration_seconds{quantile=\"0.99\"}");
    let served_ms = member["probe_latency"]["p99_ms"].as_f64().unwrap();
    assert!(p99 > 0.0 && p99 < 10.0 && served_ms > 0.0, "{p99} s");
    assert!(one("etcdkit_member_wal_fsync_duration_seconds_count") > 0.0);
    wait_until("a rate of etcdkit's probe count", limit, || {
        query(
            web,
            "rate(etcdkit_member_probe_duration_seconds_count[10s])",
        )
        .first()
        .is_some_and(|(_, v)| *v > 0.0)
    });
}

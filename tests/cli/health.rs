//! `etcdkit health` against one real member: outputs, exit codes, unreachable endpoints, alarms.

use std::process::Stdio;

use crate::run::{check_status, etcdkit, etcdkit_command, run_command};
use crate::support::{free_port, Etcd};

#[test]
fn a_healthy_member_is_ok_in_every_format() {
    let etcd = Etcd::single();
    let ep = etcd.endpoint(0);

    let table = etcdkit(&["health", "--endpoints", &ep]);
    table.expect_code(0);
    assert!(table.stdout.contains("healthy"), "{}", table.stdout);
    assert!(table.stdout.contains("OK:"), "{}", table.stdout);

    let json = etcdkit(&["health", "--endpoints", &ep, "-o", "json"]);
    json.expect_code(0);
    let r = json.json();
    assert_eq!(r["status"], "ok");
    let e = &r["endpoints"][0];
    assert_eq!(e["endpoint"], ep.as_str());
    assert_eq!(e["healthy"], true);
    assert!(e["error"].is_null());
    assert!(e["took_ms"].as_f64().unwrap() > 0.0);
    // IDs are hex strings that match what etcdctl says, never JSON numbers.
    let id = format!("{:x}", etcd.member_id(0));
    assert_eq!(e["member_id"], id.as_str());
    assert!(r["cluster_id"].is_string());
    assert_eq!(e["is_leader"], true);
    assert_eq!(e["db_quota_bytes"], 2147483648u64);
    assert_eq!(
        e["db_quota_source"], "metrics",
        "the quota is read, however small the database"
    );
    for name in [
        "reachability",
        "alarms",
        "quorum",
        "leader",
        "split_brain",
        "db_size",
    ] {
        assert_eq!(check_status(&r, name), "ok", "{name}");
    }

    // -w is etcdctl's spelling.
    etcdkit(&["health", "--endpoints", &ep, "-w", "json"])
        .expect_code(0)
        .json();
}

#[test]
fn nagios_mode_prints_status_line_and_perfdata() {
    let etcd = Etcd::single();
    let run = etcdkit(&["health", "--endpoints", &etcd.endpoint(0), "--nagios"]);
    run.expect_code(0);
    let first = run.stdout.lines().next().unwrap();
    assert!(first.starts_with("ETCD OK: "), "{first}");
    let (_, perf) = first.split_once(" | ").expect("perfdata after ' | '");
    assert!(perf.contains("endpoints=1;;;0"), "{perf}");
    assert!(perf.contains("'db_size_"), "{perf}");
    assert!(run.stdout.contains("\nquorum: OK"), "{}", run.stdout);
    // -o plain is the same format.
    let plain = etcdkit(&["health", "--endpoints", &etcd.endpoint(0), "-o", "plain"]);
    assert!(plain.stdout.starts_with("ETCD OK: "));
}

#[test]
fn an_unreachable_endpoint_is_listed_and_warns() {
    let etcd = Etcd::single();
    let dead = format!("127.0.0.1:{}", free_port());
    let endpoints = format!("{},{dead}", etcd.endpoint(0));
    let run = etcdkit(&["health", "--endpoints", &endpoints, "-o", "json"]);
    run.expect_code(1);
    let r = run.json();
    assert_eq!(r["status"], "warning");
    let eps = r["endpoints"].as_array().unwrap();
    assert_eq!(eps.len(), 2, "the dead endpoint is listed, not dropped");
    let down = &eps[1];
    assert_eq!(down["endpoint"], format!("http://{dead}"));
    assert_eq!(down["healthy"], false);
    assert!(down["took_ms"].is_null());
    let error = down["error"].as_str().unwrap();
    assert!(error.contains("connection refused"), "{error}");
    assert_eq!(check_status(&r, "reachability"), "warning");
}

#[test]
fn nothing_reachable_is_critical() {
    let dead = format!("127.0.0.1:{}", free_port());
    let run = etcdkit(&["health", "--endpoints", &dead]);
    run.expect_code(2);
    assert!(run.stdout.contains("CRITICAL"), "{}", run.stdout);
    assert!(run.stdout.contains("connection refused"), "{}", run.stdout);
}

#[test]
fn nospace_alarm_is_critical() {
    // A 1 MiB quota fills after a few large puts and raises NOSPACE.
    let etcd = Etcd::single_with(&["--quota-backend-bytes", "1048576"]);
    etcd.fill_until_nospace();
    let run = etcdkit(&["health", "--endpoints", &etcd.endpoint(0), "-o", "json"]);
    run.expect_code(2);
    let r = run.json();
    assert_eq!(check_status(&r, "alarms"), "critical");
    assert_eq!(r["alarms"][0]["alarm"], "nospace");
    assert_eq!(r["endpoints"][0]["healthy"], false);
    assert!(r["summary"].as_str().unwrap().contains("NOSPACE"), "{r:#}");
    assert_eq!(
        r["endpoints"][0]["db_quota_bytes"], 1048576,
        "the real quota, from /metrics"
    );
}

#[test]
fn db_quota_thresholds_come_from_flags() {
    let etcd = Etcd::single();
    // A 20 KiB database against a claimed 22 KiB quota is over 80%.
    let run = etcdkit(&[
        "health",
        "--endpoints",
        &etcd.endpoint(0),
        "--db-quota",
        "22KiB",
        "-o",
        "json",
    ]);
    let r = run.json();
    assert_eq!(r["endpoints"][0]["db_quota_source"], "flag");
    assert_ne!(check_status(&r, "db_size"), "ok", "{r:#}");
    assert!(run.code == 1 || run.code == 2, "exit {}", run.code);
}

#[test]
fn a_closed_stdout_is_a_quiet_exit() {
    let etcd = Etcd::single();
    let mut child = etcdkit_command()
        .args(["health", "--endpoints", &etcd.endpoint(0), "-o", "json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
}

#[test]
fn etcdctl_environment_variables_work_and_flags_win() {
    let etcd = Etcd::single();
    let dead = format!("127.0.0.1:{}", free_port());
    let ep = etcd.endpoint(0);
    let health = |cmd: &mut std::process::Command| run_command(cmd.args(["health", "-o", "json"]));

    let r = health(etcdkit_command().env("ETCDCTL_ENDPOINTS", &ep));
    r.expect_code(0);
    assert_eq!(r.json()["endpoints"][0]["endpoint"], ep.as_str());

    // ETCDKIT_ beats ETCDCTL_.
    let r = health(
        etcdkit_command()
            .env("ETCDCTL_ENDPOINTS", &dead)
            .env("ETCDKIT_ENDPOINTS", &ep),
    );
    r.expect_code(0);

    // A flag beats both.
    let r = run_command(etcdkit_command().env("ETCDKIT_ENDPOINTS", &ep).args([
        "health",
        "-o",
        "json",
        "--endpoints",
        &dead,
    ]));
    r.expect_code(2);

    // ETCDKIT_OUTPUT picks the format.
    let r = run_command(etcdkit_command().env("ETCDKIT_OUTPUT", "json").args([
        "health",
        "--endpoints",
        &ep,
    ]));
    r.expect_code(0).json();
}

#[test]
fn credentials_for_a_cluster_without_auth_are_unknown_not_critical() {
    let etcd = Etcd::single();
    let run = etcdkit(&[
        "health",
        "--endpoints",
        &etcd.endpoint(0),
        "--user",
        "root:pw",
    ]);
    run.expect_code(3);
    assert!(
        run.stdout.contains("authentication is not enabled"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("UNKNOWN"), "{}", run.stdout);
}

fn keys(value: &serde_json::Value) -> Vec<String> {
    let mut keys: Vec<String> = value
        .as_object()
        .unwrap_or_else(|| panic!("not an object: {value}"))
        .keys()
        .cloned()
        .collect();
    keys.sort();
    keys
}

fn sorted(names: &[&str]) -> Vec<String> {
    let mut names: Vec<String> = names.iter().map(|s| s.to_string()).collect();
    names.sort();
    names
}

fn is_hex_id(value: &serde_json::Value) -> bool {
    value
        .as_str()
        .is_some_and(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_hexdigit()))
}

/// The health report, field by field (docs/json.md has the table): names, types and meanings.
#[test]
fn the_json_report_has_exactly_the_documented_fields() {
    let etcd = Etcd::single();
    let dead = format!("127.0.0.1:{}", free_port());
    let endpoints = format!("{},{dead}", etcd.endpoint(0));
    let run = etcdkit(&["health", "--endpoints", &endpoints, "-o", "json"]);
    run.expect_code(1);
    let r = run.json();
    assert_eq!(
        keys(&r),
        sorted(&[
            "time",
            "status",
            "summary",
            "cluster_id",
            "took_ms",
            "endpoints",
            "members",
            "alarms",
            "checks",
            "thresholds"
        ])
    );
    assert_eq!(r["status"], "warning");
    assert!(
        r["summary"].as_str().unwrap().contains("unreachable"),
        "{r:#}"
    );
    assert!(is_hex_id(&r["cluster_id"]), "{r:#}");
    assert!(r["took_ms"].as_f64().unwrap() > 0.0);

    let up = &r["endpoints"][0];
    assert_eq!(
        keys(up),
        sorted(&[
            "endpoint",
            "healthy",
            "error",
            "took_ms",
            "member_id",
            "cluster_id",
            "leader_id",
            "member_name",
            "version",
            "db_size_bytes",
            "db_size_in_use_bytes",
            "db_quota_bytes",
            "db_quota_source",
            "is_leader",
            "is_learner",
            "raft_term",
            "raft_index",
            "raft_applied_index",
            "revision",
            "errors"
        ])
    );
    assert_eq!(up["endpoint"], etcd.endpoint(0).as_str());
    assert_eq!(up["healthy"], true);
    assert!(up["error"].is_null());
    assert!(up["took_ms"].as_f64().unwrap() > 0.0);
    for id in ["member_id", "cluster_id", "leader_id"] {
        assert!(is_hex_id(&up[id]), "{id}: {up}");
    }
    assert_eq!(up["cluster_id"], r["cluster_id"]);
    assert_eq!(up["leader_id"], up["member_id"], "a lone member leads");
    assert_eq!(up["member_name"], etcd.member_name(0).as_str());
    assert!(up["version"].as_str().unwrap().starts_with("3."), "{up}");
    let size = up["db_size_bytes"].as_u64().unwrap();
    assert!(size > 0 && up["db_size_in_use_bytes"].as_u64().unwrap() <= size);
    assert_eq!(
        up["db_quota_bytes"], 2147483648u64,
        "etcd's default, read from /metrics"
    );
    assert_eq!(up["db_quota_source"], "metrics");
    assert_eq!(up["is_leader"], true);
    assert_eq!(up["is_learner"], false);
    for n in ["raft_term", "raft_index", "raft_applied_index", "revision"] {
        assert!(up[n].as_u64().unwrap() >= 1, "{n}: {up}");
    }
    assert_eq!(up["errors"], serde_json::json!([]));

    // Unreachable: the member fields are absent, not null.
    let down = &r["endpoints"][1];
    assert_eq!(
        keys(down),
        sorted(&["endpoint", "healthy", "error", "took_ms"])
    );
    assert_eq!(down["healthy"], false);
    assert!(down["took_ms"].is_null());
    assert!(down["error"]
        .as_str()
        .unwrap()
        .contains("connection refused"));

    let member = &r["members"][0];
    assert_eq!(
        keys(member),
        sorted(&["id", "name", "peer_urls", "client_urls", "is_learner"])
    );
    assert_eq!(member["id"], up["member_id"]);
    assert_eq!(member["client_urls"][0], etcd.endpoint(0).as_str());
    assert_eq!(member["peer_urls"][0], etcd.peer_url(0).as_str());
    assert_eq!(r["alarms"], serde_json::json!([]));

    let names: Vec<&str> = r["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            assert_eq!(keys(c), sorted(&["name", "status", "message"]), "{c}");
            assert!(!c["message"].as_str().unwrap().is_empty(), "{c}");
            c["name"].as_str().unwrap()
        })
        .collect();
    assert_eq!(
        names,
        [
            "reachability",
            "alarms",
            "quorum",
            "leader",
            "split_brain",
            "raft_index",
            "db_size",
            "fragmentation",
            "read_latency",
            "learners",
            "versions"
        ]
    );
    let t = &r["thresholds"];
    assert_eq!(
        keys(t),
        sorted(&[
            "db_warning_ratio",
            "db_critical_ratio",
            "db_quota_bytes",
            "fragmentation_ratio",
            "fragmentation_min_bytes",
            "max_apply_lag",
            "max_applied_spread",
            "slow_read_ms"
        ])
    );
    assert_eq!(t["db_warning_ratio"], 0.8);
    assert_eq!(t["db_critical_ratio"], 0.95);
    assert!(t["db_quota_bytes"].is_null());
    assert_eq!(t["slow_read_ms"], 500.0);
}

/// A member using 901,120 bytes or so of a real 1 MiB quota is not `ok`: the quota is read,
/// never assumed, however small the database.
#[test]
fn a_small_database_near_a_small_real_quota_is_not_ok() {
    let etcd = Etcd::single_with(&["--quota-backend-bytes", "1048576"]);
    let ep = etcd.endpoint(0);
    // Small steps: a put is refused once the size plus its own cost passes the quota, so a
    // large value could be refused before the size reached 80%.
    let value = "x".repeat(8 * 1024);
    let mut report = serde_json::Value::Null;
    for i in 0..500 {
        let run = etcdkit(&["health", "--endpoints", &ep, "-o", "json"]);
        report = run.json();
        let size = report["endpoints"][0]["db_size_bytes"].as_u64().unwrap();
        if size >= 1048576 * 80 / 100 {
            break;
        }
        let out = etcd.etcdctl(&["put", &format!("fill/{i}"), &value]);
        assert!(out.status.success(), "filled up before 80%: {out:?}");
    }
    let e = &report["endpoints"][0];
    assert!(
        report["alarms"].as_array().unwrap().is_empty(),
        "{report:#}"
    );
    assert_eq!(e["db_quota_bytes"], 1048576, "{report:#}");
    assert_eq!(e["db_quota_source"], "metrics");
    let db = crate::run::check(&report, "db_size");
    assert_ne!(db["status"], "ok", "{db}");
    assert!(db["message"].as_str().unwrap().contains("1.0 MiB"), "{db}");
    assert_ne!(report["status"], "ok", "{report:#}");
}

/// `--metrics-urls` says where each member serves `/metrics` (etcd's `--listen-metrics-urls`):
/// the quota is read there, and where nothing answers the default is assumed and said so.
#[test]
fn the_quota_is_read_where_metrics_urls_say() {
    let metrics = format!("http://127.0.0.1:{}", free_port());
    let etcd = Etcd::single_with(&[
        "--quota-backend-bytes",
        "1048576",
        "--listen-metrics-urls",
        &metrics,
    ]);
    let ep = etcd.endpoint(0);
    let dead = format!("http://127.0.0.1:{}", free_port());
    let quota = |metrics_urls: &str| {
        let run = etcdkit(&[
            "health",
            "--endpoints",
            &ep,
            "--metrics-urls",
            metrics_urls,
            "-o",
            "json",
        ]);
        run.expect_code(0);
        let r = run.json();
        let e = &r["endpoints"][0];
        (e["db_quota_bytes"].as_u64(), e["db_quota_source"].clone())
    };
    assert_eq!(quota(&metrics), (Some(1048576), "metrics".into()));
    assert_eq!(quota(&dead), (Some(2147483648), "default".into()));

    let run = etcdkit(&[
        "health",
        "--endpoints",
        &ep,
        "--metrics-urls",
        &format!("{metrics},{dead}"),
    ]);
    run.expect_code(3);
    assert!(
        run.stderr.contains("2 URLs for 1 endpoint:"),
        "{}",
        run.stderr
    );
}

/// A member whose `/metrics` cannot be read is still judged on what it says over gRPC, against
/// etcd's default quota, and the report says that the quota was assumed.
#[test]
fn without_metrics_the_default_quota_is_assumed_and_said_to_be() {
    let etcd = Etcd::single();
    let proxy = crate::lock_tree::StallingProxy::grpc_only(&etcd.endpoint(0));
    let run = etcdkit(&["health", "--endpoints", &proxy.endpoint(), "-o", "json"]);
    run.expect_code(0);
    let r = run.json();
    let e = &r["endpoints"][0];
    assert_eq!(e["healthy"], true, "{r:#}");
    assert_eq!(e["db_quota_source"], "default", "{r:#}");
    assert_eq!(e["db_quota_bytes"], 2147483648u64);
    let db = crate::run::check(&r, "db_size");
    let message = db["message"].as_str().unwrap();
    assert!(
        message.contains("assumed") && message.contains("--db-quota"),
        "{db}"
    );
    // Read from /metrics, the same member's quota is not assumed.
    let direct = etcdkit(&["health", "--endpoints", &etcd.endpoint(0), "-o", "json"]).json();
    assert_eq!(direct["endpoints"][0]["db_quota_source"], "metrics");
    let db = crate::run::check(&direct, "db_size");
    assert!(!db["message"].as_str().unwrap().contains("assumed"), "{db}");
}

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
        e["db_quota_source"], "default",
        "a tiny database skips the /metrics read"
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
    assert_eq!(r["alarms"][0]["alarm"], "NOSPACE");
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

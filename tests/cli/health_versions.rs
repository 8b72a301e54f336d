//! A cluster in the middle of a rolling upgrade, on real processes: members 0 and 1 run etcd 3.4,
//! member 2 runs etcd 3.5.1. `health --cluster`, `watch-metrics` and `alert run` read every
//! member; they must show each member's own version, warn about the mix (health's `versions`
//! check) and read 3.5's `/metrics` like 3.4's.

use std::ffi::OsString;

use crate::run::{check, etcdkit};
use crate::support::{self, Etcd};

/// The mixed cluster, and the version each member runs ("3.4.23", "3.4.23", "3.5.1").
fn mixed_cluster() -> (Etcd, Vec<String>) {
    let new = support::etcd35_bin();
    let (old, old_version) = older_etcd();
    let new_version = support::version_of(&new);
    assert!(
        new_version >= (3, 5, 0),
        "{new:?} is etcd {new_version:?}, not 3.5"
    );
    let etcd = Etcd::builder()
        .members(3)
        .binary_for(0, &old)
        .binary_for(1, &old)
        .binary_for(2, &new)
        .start();
    let text = |(a, b, c): (u32, u32, u32)| format!("{a}.{b}.{c}");
    let versions = vec![text(old_version), text(old_version), text(new_version)];
    (etcd, versions)
}

/// An etcd older than 3.5 for members 0 and 1: the fixture's own (`ETCDKIT_TEST_ETCD`), or
/// `etcd` from PATH (Debian's 3.4) when that is 3.5 already (`scripts/test --etcd35`).
fn older_etcd() -> (OsString, (u32, u32, u32)) {
    for bin in [support::etcd_bin(), OsString::from("etcd")] {
        let version = support::version_of(&bin);
        if version < (3, 5, 0) {
            return (bin, version);
        }
    }
    panic!("no etcd older than 3.5 (ETCDKIT_TEST_ETCD, or etcd on PATH) to mix with 3.5.1");
}

fn run_json(args: &[&str], code: i32) -> serde_json::Value {
    let run = etcdkit(args);
    run.expect_code(code);
    run.json()
}

/// The row whose `endpoint` is `endpoint` in a JSON array.
fn row<'a>(rows: &'a serde_json::Value, endpoint: &str) -> &'a serde_json::Value {
    rows.as_array()
        .expect("an array")
        .iter()
        .find(|r| r["endpoint"] == endpoint)
        .unwrap_or_else(|| panic!("no row for {endpoint} in {rows:#}"))
}

#[test]
fn health_shows_each_members_version_and_warns_about_mixed_minor_versions() {
    let (etcd, versions) = mixed_cluster();
    let mixed = format!(
        "mixed minor versions {}, {}: finish the upgrade",
        versions[0], versions[2]
    );
    // From a 3.4 member and from the 3.5 member: both see the whole cluster.
    for from in [0, 2] {
        let r = run_json(
            &[
                "health",
                "--cluster",
                "--endpoints",
                &etcd.endpoint(from),
                "--command-timeout",
                "2s",
                "-o",
                "json",
            ],
            1,
        );
        assert_eq!(r["status"], "warning", "{r:#}");
        assert_eq!(r["summary"], mixed.as_str(), "{r:#}");
        assert_eq!(r["endpoints"].as_array().unwrap().len(), 3, "{r:#}");
        for (i, version) in versions.iter().enumerate() {
            let e = row(&r["endpoints"], &etcd.endpoint(i));
            assert_eq!(e["healthy"], true, "{e:#}");
            assert_eq!(e["member_name"], etcd.member_name(i).as_str(), "{e:#}");
            assert_eq!(e["version"], version.as_str(), "{e:#}");
        }
        let v = check(&r, "versions");
        assert_eq!(v["status"], "warning", "{v:#}");
        assert_eq!(v["message"], mixed.as_str(), "{v:#}");
        // The mix is the only finding: the cluster itself is fine.
        for c in r["checks"].as_array().unwrap() {
            if c["name"] != "versions" {
                assert_eq!(c["status"], "ok", "{c:#}");
            }
        }
    }
}

#[test]
fn watch_metrics_reads_every_member_with_its_own_version() {
    let (etcd, versions) = mixed_cluster();
    let run = etcdkit(&[
        "watch-metrics",
        "--cluster",
        "--endpoints",
        &etcd.endpoint(0),
        "--count",
        "1",
        "--command-timeout",
        "2s",
        "-o",
        "json",
    ]);
    run.expect_code(0);
    let lines = run.json_lines();
    assert_eq!(lines.len(), 1, "{}", run.stdout);
    let s = &lines[0];
    assert_eq!(s["members_up"], 3, "{s:#}");
    assert_eq!(s["members_total"], 3, "{s:#}");
    for (i, version) in versions.iter().enumerate() {
        let m = row(&s["members"], &etcd.endpoint(i));
        assert_eq!(m["up"], true, "{m:#}");
        assert!(m["error"].is_null(), "{m:#}");
        assert_eq!(m["version"], version.as_str(), "{m:#}");
        // etcd's own spelling: lower-case hex, not zero-padded.
        let id = format!("{:x}", etcd.member_id(i));
        assert_eq!(m["id"], id.as_str(), "{m:#}");
        assert_eq!(m["name"], etcd.member_name(i).as_str(), "{m:#}");
        // From the member's /metrics: 3.5's exposition parses like 3.4's.
        assert!(m["memory_bytes"].as_f64().unwrap_or(0.0) > 1e6, "{m:#}");
        assert!(m["proposals_pending"].as_f64().is_some(), "{m:#}");
    }
}

/// Two rules that go pending (never firing: `for` is an hour): `MetricsRead` for every member
/// whose `/metrics` gave its memory, pending proposals and fsync and commit latency histograms;
/// `MixedVersions` while health's `versions` check warns.
const PROBE_RULES: &str = r#"
[[rules]]
name = "MetricsRead"
severity = "info"
metric = "memory_bytes"
op = ">"
threshold = 0
and = [
  { metric = "proposals_pending", op = ">=", threshold = 0 },
  { metric = "wal_fsync_p99_ms", op = ">=", threshold = 0 },
  { metric = "backend_commit_p99_ms", op = ">=", threshold = 0 },
]
for = "1h"

[[rules]]
name = "MixedVersions"
check = "versions"
for = "1h"
"#;

#[test]
fn alert_sees_all_members_up_nothing_firing_and_reads_every_members_metrics() {
    let (etcd, _) = mixed_cluster();
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str| dir.path().join(name).to_string_lossy().into_owned();
    let endpoints = etcd.endpoints();
    let once = |state: &str, extra: &[&str]| {
        let state = path(state);
        let mut args = vec![
            "alert",
            "run",
            "--once",
            "--state",
            &state,
            "--endpoints",
            &endpoints,
            "--command-timeout",
            "2s",
            "-o",
            "json",
        ];
        args.extend_from_slice(extra);
        run_json(&args, 0)
    };

    // The built-in rules: every member up, nothing pending or firing. Only the disk's
    // latency rules may be pending: on a machine whose disk is busy (other tests, builds)
    // commits really are slow, and saying so is a true verdict, not a false page.
    let disk = |name: &serde_json::Value| {
        ["HighCommitDurations", "HighFsyncDurations"].contains(&name.as_str().unwrap_or(""))
    };
    let e = once("builtin.json", &[]);
    assert_eq!(e["members_up"], 3, "{e:#}");
    assert_eq!(e["members_total"], 3, "{e:#}");
    assert_eq!(e["firing"], 0, "{e:#}");
    for a in e["alerts"].as_array().unwrap() {
        assert!(a["state"] == "pending" && disk(&a["name"]), "{a:#}");
    }
    for r in e["rules"].as_array().unwrap() {
        assert!(r["state"] == "inactive" || disk(&r["name"]), "{r:#}");
    }

    // Every member's /metrics was read, the 3.5 member's too, and a rule sees the mix.
    let config = path("probe.toml");
    std::fs::write(&config, PROBE_RULES).unwrap();
    let e = once("probe.json", &["--config", &config]);
    assert_eq!(e["members_up"], 3, "{e:#}");
    assert_eq!(e["firing"], 0, "{e:#}");
    let mut pending: Vec<String> = e["alerts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            assert_eq!(a["state"], "pending", "{a:#}");
            let member = a["member"].as_str().unwrap_or("-");
            format!("{} {member}", a["name"].as_str().unwrap())
        })
        .collect();
    pending.sort_unstable();
    assert_eq!(
        pending,
        [
            "MetricsRead m0",
            "MetricsRead m1",
            "MetricsRead m2",
            "MixedVersions -"
        ],
        "{e:#}"
    );
}

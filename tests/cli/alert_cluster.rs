//! `etcdkit alert run --once` from "cron" against a real three-member cluster: two members die,
//! NoLeader and InsufficientMembers go pending, fire after their (shortened) `for`, and resolve
//! when the members come back.

use std::fs;
use std::time::{Duration, Instant};

use crate::run::{etcdkit, Run};
use crate::support::Etcd;
use crate::support::Receiver;

const CONFIG: &str = r#"
# These tests are about quorum. The latency rules judge this shared machine's disk and load, not
# the cluster under test (a slow fsync under a loaded test run is real, and would be pending
# here); tests/cli/alert_rules_real.rs makes each of them fire on purpose.
[[rules]]
name = "HighCommitDurations"
enabled = false

[[rules]]
name = "HighFsyncDurations"
enabled = false

[[rules]]
name = "MemberCommunicationSlow"
enabled = false

[[rules]]
name = "GRPCRequestsSlow"
enabled = false

[[rules]]
name = "NoLeader"
for = "2s"

[[rules]]
name = "InsufficientMembers"
for = "3s"

[route]
group_wait = "0s"
group_interval = "1s"
repeat_interval = "1h"

[[channels]]
name = "hook"
type = "webhook"
"#;

/// (alertname, status) of every alert in every notification the receiver got.
fn notified(hook: &Receiver) -> Vec<(String, String)> {
    hook.requests()
        .iter()
        .flat_map(|r| {
            let body = r.json();
            body["alerts"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| {
                    (
                        a["labels"]["alertname"].as_str().unwrap().to_string(),
                        a["status"].as_str().unwrap().to_string(),
                    )
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

fn count(list: &[(String, String)], name: &str, status: &str) -> usize {
    list.iter()
        .filter(|(n, s)| n == name && s == status)
        .count()
}

struct Cron {
    endpoints: String,
    config: String,
    state: String,
    _dir: tempfile::TempDir,
}

impl Cron {
    fn new(etcd: &Etcd, config: &str) -> Cron {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("alert.toml");
        fs::write(&path, config).unwrap();
        Cron {
            endpoints: etcd.endpoints(),
            config: path.to_string_lossy().into_owned(),
            state: dir.path().join("state.json").to_string_lossy().into_owned(),
            _dir: dir,
        }
    }

    fn once(&self) -> Run {
        etcdkit(&[
            "alert",
            "run",
            "--once",
            "--config",
            &self.config,
            "--state",
            &self.state,
            "--endpoints",
            &self.endpoints,
            "--command-timeout",
            "1s",
            "--dial-timeout",
            "1s",
            "-o",
            "json",
        ])
    }

    /// The state of each named alert after one run.
    fn states(&self) -> (Run, Vec<(String, String)>) {
        let run = self.once();
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
        let e = run.json();
        let states = e["alerts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| {
                (
                    a["name"].as_str().unwrap().to_string(),
                    a["state"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        (run, states)
    }
}

fn state_of(states: &[(String, String)], name: &str) -> Option<String> {
    states
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, s)| s.clone())
}

#[test]
fn losing_quorum_fires_after_for_and_resolves_when_members_return() {
    let mut etcd = Etcd::cluster(3);
    let hook = Receiver::start();
    let cron = Cron::new(&etcd, &format!("{CONFIG}url = \"{}\"\n", hook.url("/etcd")));
    let (run, states) = cron.states();
    run.expect_code(0);
    assert!(
        states.is_empty(),
        "a healthy cluster has no alerts: {states:?}"
    );

    let leader = etcd.wait_for_leader(Duration::from_secs(10));
    let survivor = (leader + 1) % 3;
    for i in 0..3 {
        if i != survivor {
            etcd.kill(i);
        }
    }

    // Pending first, then firing once `for` has passed: never firing at first sight.
    let mut seen_pending = false;
    let started = Instant::now();
    loop {
        let (run, states) = cron.states();
        run.expect_code(0);
        let insufficient = state_of(&states, "InsufficientMembers");
        let no_leader = state_of(&states, "NoLeader");
        if insufficient.as_deref() == Some("pending") {
            seen_pending = true;
        }
        if insufficient.as_deref() == Some("firing") && no_leader.as_deref() == Some("firing") {
            let e = run.json();
            assert_eq!(e["members_up"], 1, "{e:#}");
            let nl = e["alerts"]
                .as_array()
                .unwrap()
                .iter()
                .find(|a| a["name"] == "NoLeader")
                .unwrap();
            assert_eq!(nl["member"], etcd.member_name(survivor).as_str(), "{nl:#}");
            assert_eq!(nl["severity"], "critical");
            // Each fired no sooner than its `for` after its condition began to hold.
            for (name, for_secs) in [("NoLeader", 2), ("InsufficientMembers", 3)] {
                let a = e["alerts"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|a| a["name"] == name)
                    .unwrap();
                let at = |f: &str| {
                    humantime::parse_rfc3339(a[f].as_str().unwrap())
                        .unwrap_or_else(|e| panic!("{f}: {e}"))
                };
                let held = at("fired_at").duration_since(at("active_since")).unwrap();
                assert!(
                    held >= Duration::from_secs(for_secs),
                    "{name} fired after {held:?}: {a:#}"
                );
            }
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "no firing: {states:?}"
        );
        std::thread::sleep(Duration::from_millis(500));
    }
    assert!(
        seen_pending,
        "InsufficientMembers was pending before it fired"
    );
    // More cron runs: nothing is sent twice.
    for _ in 0..3 {
        cron.once().expect_code(0);
    }
    let sent = notified(&hook);
    assert_eq!(count(&sent, "NoLeader", "firing"), 1, "{sent:?}");
    assert_eq!(count(&sent, "InsufficientMembers", "firing"), 1, "{sent:?}");

    for i in 0..3 {
        if i != survivor {
            etcd.start(i);
        }
    }
    etcd.wait_for_leader(Duration::from_secs(20));
    let started = Instant::now();
    loop {
        let (run, states) = cron.states();
        run.expect_code(0);
        let active: Vec<_> = states
            .iter()
            .filter(|(n, s)| (n == "InsufficientMembers" || n == "NoLeader") && s != "resolved")
            .collect();
        if active.is_empty() {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "not resolved: {states:?}"
        );
        std::thread::sleep(Duration::from_millis(300));
    }
    // Resolved, and each resolution sent once.
    std::thread::sleep(Duration::from_millis(1100));
    for _ in 0..3 {
        cron.once().expect_code(0);
    }
    let sent = notified(&hook);
    assert_eq!(count(&sent, "NoLeader", "resolved"), 1, "{sent:?}");
    assert_eq!(
        count(&sent, "InsufficientMembers", "resolved"),
        1,
        "{sent:?}"
    );
    assert_eq!(count(&sent, "NoLeader", "firing"), 1, "{sent:?}");
}

//! `etcdkit alert run` when etcdkit itself cannot get in: a wrong password or a wrong CA is our
//! own problem, never the cluster being down. It is said, exits 5 or 4, fires nothing and
//! sends nothing (a real webhook receiver proves it).

use std::fs;

use crate::alert_notify::webhook;
use crate::run::{etcdkit, Run};
use crate::support::{Etcd, Receiver, ROOT_PASSWORD};

/// Rules that fire at once when members are down, one that fires when the member can be seen,
/// and a webhook that hears every notification.
fn config(hook: &Receiver) -> String {
    format!(
        r#"
[[rules]]
name = "InsufficientMembers"
for = "0s"
[[rules]]
name = "MembersDown"
for = "0s"
[[rules]]
name = "Seen"
metric = "up"
op = "=="
threshold = 1

[route]
group_wait = "0s"
{}"#,
        webhook("hook", &hook.url("/hook"))
    )
}

struct Access {
    dir: tempfile::TempDir,
    etcd: Etcd,
}

impl Access {
    fn state(&self) -> std::path::PathBuf {
        self.dir.path().join("state.json")
    }

    fn once(&self, config: &str, ca: &std::path::Path, password: &str) -> Run {
        let tls = self.etcd.tls().unwrap();
        let user = format!("root:{password}");
        etcdkit(&[
            "alert",
            "run",
            "--once",
            "--config",
            config,
            "--state",
            &self.state().to_string_lossy(),
            "--endpoints",
            &self.etcd.endpoint(0),
            "--cacert",
            &ca.to_string_lossy(),
            "--cert",
            &tls.cert.to_string_lossy(),
            "--key",
            &tls.key.to_string_lossy(),
            "--user",
            &user,
            "--command-timeout",
            "10s",
            "-o",
            "json",
        ])
    }
}

#[test]
fn a_wrong_password_or_ca_is_said_exits_5_or_4_and_fires_and_sends_nothing() {
    let access = Access {
        dir: tempfile::tempdir().unwrap(),
        etcd: Etcd::tls_auth(),
    };
    let hook = Receiver::start();
    let config = access.dir.path().join("alert.toml");
    fs::write(&config, self::config(&hook)).unwrap();
    let config = config.to_string_lossy().into_owned();
    let tls = access.etcd.tls().unwrap().clone();

    let wrong_password = access.once(&config, &tls.ca, "not-the-password");
    wrong_password.expect_code(5);
    assert!(
        wrong_password.stderr.contains("refused the credentials"),
        "{}",
        wrong_password.stderr
    );
    assert!(!wrong_password.stdout.contains("InsufficientMembers"));
    assert!(!wrong_password.stdout.contains("not-the-password"));
    assert!(!wrong_password.stderr.contains("not-the-password"));

    let wrong_ca = access.once(&config, &tls.other_ca, ROOT_PASSWORD);
    wrong_ca.expect_code(4);
    assert!(wrong_ca.stderr.contains("TLS"), "{}", wrong_ca.stderr);
    assert!(!wrong_ca.stdout.contains("MembersDown"));

    assert!(
        !access.state().exists(),
        "nothing was evaluated, so nothing is remembered"
    );

    // The same setup with the right password and CA sees the member: exactly one
    // notification, about the rule that fires when it is seen. Had the runs above sent
    // anything, the receiver would hold it before this one.
    let right = access.once(&config, &tls.ca, ROOT_PASSWORD);
    right.expect_code(0);
    let e = right.json();
    assert_eq!(e["members_up"], 1, "{e:#}");
    assert_eq!(e["access_problems"], serde_json::json!([]));
    let got = hook.wait_for(1, std::time::Duration::from_secs(30));
    assert_eq!(got.len(), 1, "one notification in all");
    let alerts = got[0].json()["alerts"].clone();
    let names: Vec<&str> = alerts
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["labels"]["alertname"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Seen"]);
}

#[test]
fn an_endpoint_that_refuses_us_beside_one_that_works_is_named_and_not_down() {
    let dir = tempfile::tempdir().unwrap();
    let (ours, other) = (Etcd::tls_auth(), Etcd::builder().tls(true).start());
    let hook = Receiver::start();
    let config = dir.path().join("alert.toml");
    fs::write(&config, self::config(&hook)).unwrap();
    let tls = ours.tls().unwrap();
    let user = format!("root:{ROOT_PASSWORD}");
    // The second endpoint's certificate comes from another CA than --cacert.
    let both = format!("{},{}", ours.endpoint(0), other.endpoint(0));
    let run = etcdkit(&[
        "alert",
        "run",
        "--once",
        "--config",
        &config.to_string_lossy(),
        "--state",
        &dir.path().join("state.json").to_string_lossy(),
        "--endpoints",
        &both,
        "--cacert",
        &tls.ca.to_string_lossy(),
        "--cert",
        &tls.cert.to_string_lossy(),
        "--key",
        &tls.key.to_string_lossy(),
        "--user",
        &user,
        "--command-timeout",
        "10s",
        "-o",
        "json",
    ]);
    run.expect_code(4);
    let e = run.json();
    let problems = e["access_problems"].as_array().unwrap();
    assert_eq!(problems.len(), 1, "{e:#}");
    assert_eq!(problems[0]["endpoint"], other.endpoint(0).as_str());
    assert_eq!(problems[0]["kind"], "tls");
    assert!(
        run.stderr.contains(&other.endpoint(0)) && run.stderr.contains("not looked at"),
        "{}",
        run.stderr
    );
    assert_eq!(e["members_up"], 1);
    let names: Vec<&str> = e["alerts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Seen"], "{e:#}");
    // What the member that answered calls for is still sent, and only that.
    let got = hook.wait_for(1, std::time::Duration::from_secs(30));
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].json()["alerts"][0]["labels"]["alertname"], "Seen");
}

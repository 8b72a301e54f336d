//! `etcdkit alert run -o json`, field by field, against what docs/json.md documents.

use std::collections::BTreeSet;
use std::fs;

use crate::alert_notify::webhook;
use crate::run::etcdkit;
use crate::support::{Etcd, Receiver};

/// The section of docs/json.md on `alert run`.
fn documented() -> String {
    let docs = include_str!("../../docs/json.md");
    let section = &docs[docs.find("## `etcdkit alert run`").unwrap()..];
    let end = section[3..].find("\n## ").map_or(section.len(), |e| e + 3);
    section[..end].to_string()
}

fn keys(v: &serde_json::Value) -> BTreeSet<String> {
    v.as_object()
        .unwrap_or_else(|| panic!("an object: {v}"))
        .keys()
        .cloned()
        .collect()
}

/// `v` has exactly `fields`, and docs/json.md names each of them (as the end of a path).
fn pin(what: &str, v: &serde_json::Value, fields: &[&str], readme: &str) {
    let want: BTreeSet<String> = fields.iter().map(|f| f.to_string()).collect();
    assert_eq!(keys(v), want, "{what}: {v:#}");
    for f in fields {
        let named = readme.contains(&format!("{f}`")) || readme.contains(&format!("{f}[]`"));
        assert!(named, "docs/json.md does not name {what}.{f}");
    }
}

#[test]
fn alert_run_json_has_the_documented_fields_and_types() {
    let etcd = Etcd::single();
    let hook = Receiver::start();
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("alert.toml");
    fs::write(
        &config,
        format!(
            "[[rules]]\nname = \"AlwaysUp\"\nmetric = \"up\"\nop = \"==\"\nthreshold = 1\nannotations = {{ summary = \"up\" }}\n[route]\ngroup_wait = \"0s\"\n{}",
            webhook("hook", &hook.url("/"))
        ),
    )
    .unwrap();
    let state = dir.path().join("state.json");
    fs::write(&state, "{").unwrap();
    let run = etcdkit(&[
        "alert",
        "run",
        "--once",
        "--config",
        &config.to_string_lossy(),
        "--state",
        &state.to_string_lossy(),
        "--endpoints",
        &etcd.endpoints(),
        "-o",
        "json",
    ]);
    run.expect_code(0);
    let e = run.json();
    let readme = documented();
    pin(
        "evaluation",
        &e,
        &[
            "time",
            "members_up",
            "members_total",
            "firing",
            "pending",
            "access_problems",
            "alerts",
            "rules",
            "notifications",
            "state_file",
        ],
        &readme,
    );
    assert!(e["time"].as_str().unwrap().ends_with('Z'));
    assert_eq!(
        (&e["members_up"], &e["members_total"]),
        (&1.into(), &1.into())
    );
    assert_eq!((&e["firing"], &e["pending"]), (&1.into(), &0.into()));
    assert_eq!(e["access_problems"], serde_json::json!([]));

    let a = &e["alerts"][0];
    pin(
        "alerts[]",
        a,
        &[
            "name",
            "severity",
            "state",
            "member",
            "value",
            "labels",
            "annotations",
            "active_since",
            "fired_at",
            "resolved_at",
            "fingerprint",
            "silenced_by",
            "inhibited_by",
        ],
        &readme,
    );
    assert_eq!(
        (&a["name"], &a["severity"], &a["state"]),
        (&"AlwaysUp".into(), &"warning".into(), &"firing".into())
    );
    assert_eq!(a["member"], etcd.member_name(0).as_str());
    assert_eq!(a["value"], 1.0);
    assert_eq!(a["labels"]["alertname"], "AlwaysUp");
    assert_eq!(a["annotations"]["summary"], "up");
    assert_eq!(a["fired_at"], a["active_since"], "for 0s");
    assert!(a["resolved_at"].is_null());
    assert_eq!(a["fingerprint"].as_str().unwrap().len(), 16);
    assert_eq!(
        (&a["silenced_by"], &a["inhibited_by"]),
        (&serde_json::json!([]), &serde_json::json!([]))
    );

    let rule = e["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "AlwaysUp")
        .unwrap();
    pin(
        "rules[]",
        rule,
        &["name", "severity", "state", "active", "no_data"],
        &readme,
    );
    assert_eq!(
        (&rule["state"], &rule["active"], &rule["no_data"]),
        (&"firing".into(), &1.into(), &false.into())
    );

    let n = &e["notifications"][0];
    pin(
        "notifications[]",
        n,
        &[
            "channel", "kind", "group", "state", "alerts", "ok", "attempts", "error",
        ],
        &readme,
    );
    assert_eq!(
        (&n["channel"], &n["kind"], &n["state"]),
        (&"hook".into(), &"webhook".into(), &"firing".into())
    );
    assert_eq!(
        (&n["ok"], &n["attempts"], &n["error"]),
        (&true.into(), &1.into(), &serde_json::Value::Null)
    );
    assert!(n["alerts"][0].as_str().unwrap().starts_with("AlwaysUp"));
    assert!(n["group"].is_string());

    pin(
        "state_file",
        &e["state_file"],
        &["path", "recovered"],
        &readme,
    );
    assert_eq!(e["state_file"]["path"], state.to_string_lossy().as_ref());
    pin(
        "state_file.recovered",
        &e["state_file"]["recovered"],
        &["problem", "set_aside_as"],
        &readme,
    );
}

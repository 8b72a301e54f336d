//! `etcdkit config get/set/delete/list/tree/history/diff/schema` against real etcd: typed
//! values, guarded writes (one winner among concurrent compare-and-swaps), the audit record in
//! the same transaction, history and diffs from etcd's revisions, schemas, and bad input that
//! writes nothing.

use std::process::Command;

use serde_json::{json, Value};

use crate::run::{etcdkit_command, run_command, Run};
use crate::support::Etcd;

/// A config tree on a real etcd.
pub(crate) struct Tree {
    pub etcd: Etcd,
    pub root: String,
}

impl Tree {
    pub fn single() -> Tree {
        Tree {
            etcd: Etcd::single(),
            root: "/app".into(),
        }
    }

    /// `etcdkit --endpoints ... config --root ROOT ARGS`.
    pub fn command(&self, args: &[&str]) -> Command {
        config_command(&self.etcd, &self.root, args)
    }

    pub fn run(&self, args: &[&str]) -> Run {
        run_command(&mut self.command(args))
    }

    /// `config get KEY -o json`.
    pub fn entry(&self, key: &str) -> Value {
        self.run(&["get", key, "-o", "json"]).expect_code(0).json()
    }

    /// The raw stored text of a key (full etcd key), by etcdctl.
    pub fn raw(&self, full: &str) -> Option<String> {
        self.etcd.get(full)
    }
}

/// `etcdkit --endpoints EP config --root ROOT ARGS`: the command of every config test.
pub(crate) fn config_command(etcd: &Etcd, root: &str, args: &[&str]) -> Command {
    let mut cmd = etcdkit_command();
    cmd.args(["--endpoints", &etcd.endpoints(), "config", "--root", root])
        .args(args);
    cmd
}

#[test]
fn values_are_typed_as_json_literals_or_as_the_type_given() {
    let t = Tree::single();
    let cases: [(&[&str], Value, &str); 9] = [
        (&["set", "a", "5432"], json!(5432), "5432"),
        (&["set", "a", "true"], json!(true), "true"),
        (
            &["set", "a", "localhost"],
            json!("localhost"),
            "\"localhost\"",
        ),
        (
            &["set", "a", "{\"x\":[1,2]}"],
            json!({"x": [1, 2]}),
            "{\"x\":[1,2]}",
        ),
        (
            &["set", "a", "5432", "--type", "string"],
            json!("5432"),
            "\"5432\"",
        ),
        (&["set", "a", " 7 ", "--type", "int"], json!(7), "7"),
        (&["set", "a", "2.5", "--type", "float"], json!(2.5), "2.5"),
        (
            &["set", "a", "false", "--type", "bool"],
            json!(false),
            "false",
        ),
        (&["set", "a", "null", "--type", "json"], json!(null), "null"),
    ];
    for (args, typed, stored) in cases {
        t.run(args).expect_code(0);
        assert_eq!(t.entry("a")["value"], typed, "{args:?}");
        assert_eq!(t.raw("/app/a").as_deref(), Some(stored), "{args:?}");
    }
    // A string prints as it is; anything else as JSON.
    t.run(&["set", "s", "two words"]).expect_code(0);
    assert_eq!(
        t.run(&["get", "s"]).expect_code(0).stdout.clone(),
        "two words\n"
    );
    assert_eq!(
        t.run(&["get", "/a"]).expect_code(0).stdout.clone(),
        "null\n"
    );
    // A value another tool wrote that is not JSON reads as a string.
    t.etcd.put("/app/raw", "plain text");
    assert_eq!(t.entry("raw")["value"], json!("plain text"));
}

#[test]
fn bad_values_and_keys_are_refused_and_nothing_is_written() {
    let t = Tree::single();
    t.run(&["set", "k", "{\"a\":", "--type", "json"])
        .expect_refused("not valid JSON");
    t.run(&["set", "k", "abc", "--type", "int"])
        .expect_refused("not a whole number");
    t.run(&["set", "k", "99999999999999999999", "--type", "int"])
        .expect_refused("not a whole number");
    t.run(&["set", "k", "yes", "--type", "bool"])
        .expect_refused("true or false");
    t.run(&["set", "k", "1", "--type", "decimal"])
        .expect_code(3);
    for key in ["", "/", "a//b", "a/", ".audit", "a/.b"] {
        let run = t.run(&["set", key, "1"]);
        run.expect_code(3);
        assert!(run.stdout.is_empty(), "{key:?}: {}", run.stdout);
    }
    t.run(&["set", "k", "1", "--reason", ""])
        .expect_refused("--reason is empty");
    t.run(&["set", "k", "1", "--reason", "two\nlines"])
        .expect_refused("control characters");
    t.run(&["set", "k", "1", "--if-revision", "0"])
        .expect_code(3);
    t.run(&["set", "k", "1", "--if-revision", "99999999999999999999"])
        .expect_code(3);
    let root = Tree {
        etcd: Etcd::single(),
        root: String::new(),
    };
    root.run(&["set", "k", "1"])
        .expect_refused("the configuration root is empty");
    // Nothing at all was written: no key, no audit record.
    let all = t
        .etcd
        .etcdctl_ok(&["get", "--prefix", "/app", "--keys-only"]);
    assert_eq!(all.trim(), "", "nothing written: {all}");
}

#[test]
fn a_value_larger_than_etcd_takes_is_refused_before_it_is_sent() {
    let t = Tree::single();
    let big = t.etcd.dir().join("big.txt");
    std::fs::write(&big, "x".repeat(2 * 1024 * 1024)).unwrap();
    let run = t.run(&["set", "blob", "--file", big.to_str().unwrap()]);
    run.expect_refused("--max-request-bytes");
    assert!(run.stderr.contains("blob"), "{}", run.stderr);
    assert_eq!(t.raw("/app/blob"), None);
    assert_eq!(t.raw("/app/.audit"), None, "nothing was sent");
    // A value from a file that fits is stored as it is.
    let pem = t.etcd.dir().join("ca.pem");
    std::fs::write(&pem, "-----BEGIN CERTIFICATE-----\nMIIB\n").unwrap();
    t.run(&[
        "set",
        "tls/ca",
        "--file",
        pem.to_str().unwrap(),
        "--type",
        "string",
    ])
    .expect_code(0);
    assert_eq!(
        t.entry("tls/ca")["value"],
        json!("-----BEGIN CERTIFICATE-----\nMIIB\n")
    );
    t.run(&["set", "x", "--file", "/dev/null"])
        .expect_refused("not a regular file");
    t.run(&["set", "x", "--file", t.etcd.dir().to_str().unwrap()])
        .expect_refused("is a directory");
}

#[test]
fn guarded_writes_go_ahead_only_on_the_revision_or_absence_expected() {
    let t = Tree::single();
    t.run(&["set", "db/host", "a", "--if-absent"])
        .expect_code(0);
    let revision = t.entry("db/host")["mod_revision"].as_i64().unwrap();
    let run = t.run(&["set", "db/host", "b", "--if-absent"]);
    run.expect_code(1);
    assert!(
        run.stderr.contains(&format!("is at revision {revision}")),
        "{}",
        run.stderr
    );
    let stale = (revision - 1).to_string();
    let run = t.run(&["set", "db/host", "b", "--if-revision", &stale]);
    run.expect_code(1);
    assert!(
        run.stderr.contains(&format!("is at revision {revision}"))
            && run.stderr.contains(&format!("--if-revision {revision}")),
        "names the current revision: {}",
        run.stderr
    );
    assert_eq!(t.entry("db/host")["value"], "a", "nothing written");
    let now = revision.to_string();
    t.run(&["set", "db/host", "b", "--if-revision", &now])
        .expect_code(0);
    assert_eq!(t.entry("db/host")["value"], "b");
    let run = t.run(&["set", "db/missing", "b", "--if-revision", &now]);
    run.expect_code(1);
    assert!(run.stderr.contains("does not exist"), "{}", run.stderr);
}

#[test]
fn ten_concurrent_compare_and_swaps_on_one_revision_have_exactly_one_winner() {
    let t = Tree::single();
    t.run(&["set", "counter", "0"]).expect_code(0);
    for round in 0..5 {
        let entry = t.entry("counter");
        let revision = entry["mod_revision"].as_i64().unwrap().to_string();
        let writers: Vec<_> = (0..10)
            .map(|i| {
                let value = format!("{}", round * 100 + i);
                let mut cmd = t.command(&["set", "counter", &value, "--if-revision", &revision]);
                cmd.stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::piped());
                (value, cmd.spawn().unwrap())
            })
            .collect();
        let mut winners = Vec::new();
        for (value, child) in writers {
            let out = child.wait_with_output().unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr).to_string();
            match out.status.code() {
                Some(0) => winners.push(value),
                Some(1) => assert!(stderr.contains("is at revision"), "{stderr}"),
                other => panic!("writer exited {other:?}: {stderr}"),
            }
        }
        assert_eq!(winners.len(), 1, "round {round}: winners {winners:?}");
        let stored = t.entry("counter")["value"].to_string();
        assert_eq!(stored, winners[0], "the winner's value is the one stored");
    }
}

#[test]
fn every_write_records_who_and_why_and_history_shows_it_with_other_tools_changes() {
    let t = Tree::single();
    t.run(&["set", "db/host", "db-1", "--reason", "first primary"])
        .expect_code(0);
    t.etcd.put("/app/db/host", "by-etcdctl");
    t.run(&["set", "db/host", "db-2", "--reason", "failover to db-2"])
        .expect_code(0);
    t.run(&["delete", "db/host", "--reason", "decommissioned"])
        .expect_code(0);
    t.run(&["set", "other", "1"]).expect_code(0);
    let history = t
        .run(&["history", "db/host", "-o", "json"])
        .expect_code(0)
        .json();
    let versions = history["versions"].as_array().unwrap();
    let summary: Vec<(String, Value, Value)> = versions
        .iter()
        .map(|v| {
            (
                v["type"].as_str().unwrap().to_string(),
                v["value"].clone(),
                v["audit"]["reason"].clone(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("set".into(), json!("db-1"), json!("first primary")),
            ("set".into(), json!("by-etcdctl"), Value::Null),
            ("set".into(), json!("db-2"), json!("failover to db-2")),
            ("delete".into(), Value::Null, json!("decommissioned")),
        ]
    );
    let first = &versions[0]["audit"];
    assert_eq!(first["action"], "set");
    assert!(!first["user"].as_str().unwrap().is_empty(), "{first}");
    assert!(!first["host"].as_str().unwrap().is_empty(), "{first}");
    assert!(
        first["written_at"].as_str().unwrap().ends_with('Z'),
        "{first}"
    );
    // Revisions strictly increase and match what get reported.
    let revisions: Vec<i64> = versions
        .iter()
        .map(|v| v["revision"].as_i64().unwrap())
        .collect();
    assert!(revisions.windows(2).all(|w| w[0] < w[1]), "{revisions:?}");
    // The table names who and why.
    let table = t.run(&["history", "db/host"]).expect_code(0).stdout.clone();
    assert!(
        table.contains("failover to db-2") && table.contains("(not etcdkit)"),
        "{table}"
    );
}

#[test]
fn history_says_where_etcd_compacted_and_a_delete_by_another_tool_is_shown() {
    let t = Tree::single();
    for v in ["1", "2", "3"] {
        t.run(&["set", "k", v]).expect_code(0);
    }
    let second = t.entry("k")["mod_revision"].as_i64().unwrap() - 1;
    t.etcd.etcdctl_ok(&["compact", &second.to_string()]);
    // Deleted by another tool after the tree's last change: the revision is not known.
    t.run(&["set", "z", "1"]).expect_code(0);
    t.etcd.etcdctl_ok(&["del", "/app/k"]);
    let history = t.run(&["history", "k", "-o", "json"]).expect_code(0).json();
    assert_eq!(history["compacted_before"], json!(second), "{history:#}");
    let values: Vec<Value> = history["versions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["value"].clone())
        .collect();
    assert_eq!(values, [json!(2), json!(3), Value::Null], "{history:#}");
    assert_eq!(history["versions"][2]["type"], "delete");
    let table = t.run(&["history", "k"]).expect_code(0).stdout.clone();
    assert!(
        table.contains("compacted the history before revision"),
        "{table}"
    );
}

#[test]
fn list_prints_a_table_key_value_lines_and_one_nested_object() {
    let t = Tree::single();
    t.run(&["set", "db/host", "h"]).expect_code(0);
    t.run(&["set", "db/port", "5432"]).expect_code(0);
    t.run(&["set", "db/tls", "{\"on\":true}"]).expect_code(0);
    t.run(&["set", "dbx", "1"]).expect_code(0);
    t.run(&["set", "note", "two\nlines", "--type", "string"])
        .expect_code(0);
    let doc = t.run(&["list", "-o", "json"]).expect_code(0).json();
    assert_eq!(
        doc["config"],
        json!({"db": {"host": "h", "port": 5432, "tls": {"on": true}}, "dbx": 1, "note": "two\nlines"})
    );
    assert_eq!(doc["root"], "/app");
    assert!(doc["revision"].as_i64().unwrap() > 0);
    let db = t.run(&["list", "db", "-o", "json"]).expect_code(0).json();
    assert_eq!(
        db["config"],
        json!({"host": "h", "port": 5432, "tls": {"on": true}}),
        "not dbx"
    );
    let plain = t
        .run(&["list", "db", "-o", "plain"])
        .expect_code(0)
        .stdout
        .clone();
    assert_eq!(plain, "db/host=h\ndb/port=5432\ndb/tls={\"on\":true}\n");
    let all = t
        .run(&["list", "-o", "plain"])
        .expect_code(0)
        .stdout
        .clone();
    assert!(
        all.contains("note=two\\nlines\n"),
        "one line per key: {all}"
    );
    let tree = t.run(&["tree"]).expect_code(0).stdout.clone();
    assert_eq!(
        tree,
        "/app/\n  db/\n    host = \"h\"\n    port = 5432\n    tls = {\"on\":true}\n  dbx = 1\n  note = \"two\\nlines\"\n"
    );
    // Bookkeeping never shows.
    assert!(!all.contains("audit"), "{all}");
    let empty = t.run(&["list", "nothing"]).expect_code(0).stdout.clone();
    assert!(empty.contains("no key under /app/nothing/"), "{empty}");
}

#[test]
fn delete_with_prefix_takes_the_subtree_only_and_missing_keys_are_exit_1() {
    let t = Tree::single();
    for key in ["db", "db/host", "db/port", "dbx"] {
        t.run(&["set", key, "1"]).expect_code(0);
    }
    let run = t
        .run(&["delete", "db", "--prefix", "-o", "json"])
        .expect_code(0)
        .json();
    let deleted: Vec<&str> = run["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["key"].as_str().unwrap())
        .collect();
    assert_eq!(deleted, ["db", "db/host", "db/port"]);
    assert_eq!(t.entry("dbx")["value"], 1);
    let audit = t.raw("/app/.audit");
    t.run(&["delete", "db/host"]).expect_code(1);
    t.run(&["delete", "db", "--prefix"]).expect_code(1);
    assert_eq!(
        t.raw("/app/.audit"),
        audit,
        "nothing deleted, nothing recorded"
    );
    // The whole tree: every key, the bookkeeping kept.
    t.run(&["delete", "", "--prefix", "--reason", "wipe"])
        .expect_code(0);
    let left = t
        .etcd
        .etcdctl_ok(&["get", "--prefix", "/app/", "--keys-only"]);
    assert_eq!(left.split_whitespace().collect::<Vec<_>>(), ["/app/.audit"]);
}

#[test]
fn diff_shows_what_changed_between_two_revisions() {
    let t = Tree::single();
    t.run(&["set", "a", "1"]).expect_code(0);
    t.run(&["set", "b", "1"]).expect_code(0);
    let from = t.entry("b")["mod_revision"].as_i64().unwrap().to_string();
    t.run(&["set", "a", "2"]).expect_code(0);
    t.run(&["delete", "b"]).expect_code(0);
    t.run(&["set", "c/d", "\"x\""]).expect_code(0);
    let diff = t.run(&["diff", &from, "-o", "json"]).expect_code(0).json();
    assert_eq!(
        diff["added"],
        json!([{"key": "c/d", "old": null, "new": "x"}])
    );
    assert_eq!(diff["changed"], json!([{"key": "a", "old": 1, "new": 2}]));
    assert_eq!(
        diff["removed"],
        json!([{"key": "b", "old": 1, "new": null}])
    );
    let text = t.run(&["diff", &from]).expect_code(0).stdout.clone();
    assert_eq!(text, "+ c/d = \"x\"\n~ a: 1 -> 2\n- b (was 1)\n");
    let scoped = t
        .run(&["diff", &from, "--prefix", "c", "-o", "json"])
        .expect_code(0)
        .json();
    assert_eq!(scoped["changed"], json!([]));
    // A compacted revision is refused in words.
    let now = t.entry("c/d")["mod_revision"].as_i64().unwrap();
    t.etcd.etcdctl_ok(&["compact", &now.to_string()]);
    t.run(&["diff", &from]).expect_refused("is compacted");
    t.run(&["diff", "5", "3"]).expect_refused("before REV1");
}

#[test]
fn a_schema_refuses_writes_that_break_it_naming_the_field_and_nothing_is_written() {
    let t = Tree::single();
    t.run(&["set", "db/port", "5432"]).expect_code(0);
    let schema = t.etcd.dir().join("db.schema.json");
    std::fs::write(
        &schema,
        r#"{"type":"object","properties":{"port":{"type":"integer","maximum":65535},"host":{"type":"string"}},"required":["port"]}"#,
    )
    .unwrap();
    t.run(&[
        "schema",
        "set",
        "db",
        schema.to_str().unwrap(),
        "--reason",
        "types",
    ])
    .expect_code(0);
    let before = t.raw("/app/.audit");
    t.run(&["set", "db/port", "\"abc\""])
        .expect_refused("db/port: \"abc\" is not of type \"integer\"");
    t.run(&["set", "db/port", "70000"])
        .expect_refused("db/port");
    t.run(&["delete", "db/port"])
        .expect_refused("\"port\" is a required property");
    t.run(&["delete", "db", "--prefix"])
        .expect_refused("required");
    assert_eq!(t.entry("db/port")["value"], 5432, "nothing written");
    assert_eq!(t.raw("/app/.audit"), before, "no audit record either");
    // Writes that pass it, and writes outside it, go ahead.
    t.run(&["set", "db/host", "h"]).expect_code(0);
    t.run(&["set", "web/port", "\"any\""]).expect_code(0);
    assert_eq!(
        t.run(&["schema", "list"]).expect_code(0).stdout.clone(),
        "db\n"
    );
    let got = t
        .run(&["schema", "get", "db", "-o", "json"])
        .expect_code(0)
        .json();
    assert_eq!(got["schema"]["required"], json!(["port"]));
    // A schema the tree does not pass now is refused; so is one that is not a schema.
    let strict = t.etcd.dir().join("strict.json");
    std::fs::write(
        &strict,
        r#"{"type":"object","properties":{"port":{"type":"string"}}}"#,
    )
    .unwrap();
    t.run(&["schema", "set", "web", strict.to_str().unwrap()])
        .expect_code(0);
    t.run(&["schema", "set", "db", strict.to_str().unwrap()])
        .expect_refused("db/port: 5432 is not of type \"string\"");
    let broken = t.etcd.dir().join("broken.json");
    std::fs::write(&broken, r#"{"type": 5}"#).unwrap();
    t.run(&["schema", "set", "x", broken.to_str().unwrap()])
        .expect_refused("not a valid JSON Schema");
    std::fs::write(&broken, "{not json").unwrap();
    t.run(&["schema", "set", "x", broken.to_str().unwrap()])
        .expect_refused("not valid JSON");
    t.run(&["schema", "set", "x", "/nonexistent/schema.json"])
        .expect_code(3);
    // Removed, the writes it refused go ahead.
    t.run(&["schema", "delete", "db"]).expect_code(0);
    t.run(&["schema", "delete", "db"]).expect_code(1);
    t.run(&["schema", "get", "db"]).expect_code(1);
    t.run(&["set", "db/port", "\"abc\""]).expect_code(0);
}

#[test]
fn the_library_reads_typed_values_and_names_a_type_mismatch() {
    let t = Tree::single();
    t.run(&["set", "db/port", "5432"]).expect_code(0);
    t.run(&["set", "db/host", "h"]).expect_code(0);
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let (target, client) = t.etcd.connect().await;
        let root = etcdkit::config::Root::new("/app").unwrap();
        let store = etcdkit::config::Store::new(&target, &client, root);
        let port: Option<u16> = store.get_as("db/port").await.unwrap();
        assert_eq!(port, Some(5432));
        let missing: Option<u16> = store.get_as("db/none").await.unwrap();
        assert_eq!(missing, None);
        let e = store
            .get_as::<u16>("db/host")
            .await
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("db/host") && e.contains("a string") && e.contains("u16"),
            "{e}"
        );
        let tree = store.read("db", None).await.unwrap();
        assert_eq!(tree.nested("db"), json!({"host": "h", "port": 5432}));
        let written = store
            .write(etcdkit::config::Write {
                action: "set".into(),
                changes: vec![etcdkit::config::Change::put("db/port", json!(6432)).unwrap()],
                reason: Some("library".into()),
            })
            .await
            .unwrap();
        assert_eq!(written.changes[0].old, Some(json!(5432)));
        assert_eq!(written.audit.reason.as_deref(), Some("library"));
        let after = store.get("db/port").await.unwrap().unwrap();
        assert_eq!(after.mod_revision, written.revision);
    });
}

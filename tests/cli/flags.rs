//! `etcdkit flags set/enable/disable/get/list/delete/import/export/log/eval/watch` against
//! real etcd: definitions validated before anything is written (the fault's path named),
//! the kill switch in one transaction, the audit log, flagd's file format both ways, and
//! OpenFeature's results.

use std::process::Command;

use serde_json::{json, Value};

use crate::lock_scene::{wait_for, Spawned};
use crate::run::{etcdkit_command, run_command, Run};
use crate::support::Etcd;

/// A flag set on a real etcd.
pub(crate) struct Flags {
    pub etcd: Etcd,
    pub root: String,
}

impl Flags {
    pub fn single() -> Flags {
        Flags::on(Etcd::single())
    }

    pub fn on(etcd: Etcd) -> Flags {
        Flags {
            etcd,
            root: "/flags".into(),
        }
    }

    /// `etcdkit --endpoints ... flags --root ROOT ARGS`.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = etcdkit_command();
        cmd.args([
            "--endpoints",
            &self.etcd.endpoints(),
            "flags",
            "--root",
            &self.root,
        ])
        .args(args);
        cmd
    }

    pub fn run(&self, args: &[&str]) -> Run {
        run_command(&mut self.command(args))
    }

    /// A flags command in the background.
    pub fn spawn(&self, label: &str, args: &[&str]) -> Spawned {
        Spawned::spawn(self.command(args), self.etcd.dir(), label)
    }

    /// `flags set KEY --file` of `flag`, which must succeed.
    pub fn define(&self, key: &str, flag: &Value) {
        let path = self.etcd.dir().join(format!("{key}.json"));
        std::fs::write(&path, flag.to_string()).unwrap();
        self.run(&["set", key, "--file", path.to_str().unwrap()])
            .expect_code(0);
    }

    /// `flags eval KEY --context-json CONTEXT -o json`.
    pub fn eval(&self, key: &str, context: &Value, extra: &[&str]) -> Value {
        let context = context.to_string();
        let mut args = vec!["eval", key, "--context-json", &context, "-o", "json"];
        args.extend_from_slice(extra);
        self.run(&args).json()
    }

    /// Every key under the root, by etcdctl.
    pub fn keys(&self) -> Vec<String> {
        self.etcd
            .etcdctl_ok(&["get", "--prefix", &format!("{}/", self.root), "--keys-only"])
            .lines()
            .filter(|l| !l.is_empty())
            .map(String::from)
            .collect()
    }

    /// The raw stored text of a flag, by etcdctl.
    pub fn raw(&self, key: &str) -> Option<String> {
        self.etcd.get(&format!("{}/{key}", self.root))
    }
}

/// A boolean flag with a rule for example.com addresses.
pub(crate) fn staff_flag() -> Value {
    json!({
        "state": "ENABLED",
        "variants": {"on": true, "off": false},
        "defaultVariant": "off",
        "targeting": {"if": [{"ends_with": [{"var": "email"}, "@example.com"]}, "on"]}
    })
}

#[test]
fn a_flag_built_from_variants_is_stored_in_flagds_format_and_evaluates() {
    let f = Flags::single();
    f.run(&[
        "set",
        "new-checkout",
        "--variants",
        "on=true,off=false",
        "--default",
        "off",
        "--targeting",
        r#"{"if": [{"in": [{"var": "targetingKey"}, ["u1", "u2"]]}, "on"]}"#,
        "--reason",
        "ship dark",
    ])
    .expect_code(0);
    let stored: Value = serde_json::from_str(&f.raw("new-checkout").unwrap()).unwrap();
    assert_eq!(stored["state"], "ENABLED");
    assert_eq!(stored["variants"], json!({"on": true, "off": false}));
    assert_eq!(stored["defaultVariant"], "off");
    let hit = f.eval("new-checkout", &json!({"targetingKey": "u1"}), &[]);
    assert_eq!(
        (
            hit["value"].clone(),
            hit["variant"].clone(),
            hit["reason"].clone()
        ),
        (json!(true), json!("on"), json!("TARGETING_MATCH"))
    );
    let miss = f.eval("new-checkout", &json!({"targetingKey": "u9"}), &[]);
    assert_eq!(
        (miss["value"].clone(), miss["reason"].clone()),
        (json!(false), json!("DEFAULT"))
    );
    // --context: targetingKey stays a string, numbers are numbers.
    let run = f.run(&[
        "eval",
        "new-checkout",
        "--context",
        "targetingKey=u2",
        "-o",
        "plain",
    ]);
    run.expect_code(0);
    assert_eq!(run.stdout.trim(), "true");
    let got = f.run(&["get", "new-checkout", "-o", "json"]).json();
    assert!(got["mod_revision"].as_i64().unwrap() > 0, "{got}");
    let list = f.run(&["list", "-o", "json"]).json();
    assert_eq!(list["flags"][0]["key"], "new-checkout");
    assert_eq!(list["flags"][0]["targeting"], true);
}

#[test]
fn an_invalid_definition_names_the_fault_and_writes_nothing() {
    let f = Flags::single();
    let cases: [(&[&str], &str); 6] = [
        (
            &[
                "set",
                "a",
                "--variants",
                "on=true,off=false",
                "--default",
                "maybe",
            ],
            "defaultVariant",
        ),
        (
            &["set", "a", "--variants", "on=true,off=1", "--default", "on"],
            "variants",
        ),
        (
            &[
                "set",
                "a",
                "--variants",
                "on=true",
                "--targeting",
                r#"{"frobnicate": [1]}"#,
            ],
            "frobnicate",
        ),
        (
            &[
                "set",
                "a",
                "--variants",
                "on=true",
                "--targeting",
                r#"{"if": [{"$ref": "nope"}, "on"]}"#,
            ],
            "nope",
        ),
        (
            &[
                "set",
                "a",
                "--variants",
                "on=true",
                "--targeting",
                "{not json",
            ],
            "not JSON",
        ),
        (&["set", "a/b", "--variants", "on=true"], "'/'"),
    ];
    for (args, says) in cases {
        let run = f.run(args);
        run.expect_code(3);
        assert!(run.stderr.contains(says), "{args:?}: {}", run.stderr);
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    }
    assert_eq!(f.keys(), Vec::<String>::new());
}

#[test]
fn disable_all_turns_every_flag_off_in_one_transaction_and_the_log_says_who_and_why() {
    let f = Flags::single();
    for key in ["a", "b", "c"] {
        f.define(key, &staff_flag());
    }
    f.run(&["disable", "--all", "--reason", "incident 7"])
        .expect_code(0);
    let mut revisions = Vec::new();
    for key in ["a", "b", "c"] {
        let got = f.run(&["get", key, "-o", "json"]).json();
        assert_eq!(got["flag"]["state"], "DISABLED", "{got}");
        assert_eq!(
            got["flag"]["variants"],
            json!({"on": true, "off": false}),
            "the rest is kept"
        );
        revisions.push(got["mod_revision"].as_i64().unwrap());
    }
    revisions.dedup();
    assert_eq!(revisions.len(), 1, "one transaction: one revision");
    // A disabled flag: the caller's default, reason DISABLED.
    let r = f.eval(
        "a",
        &json!({"email": "x@example.com"}),
        &["--default", "false"],
    );
    assert_eq!(
        (r["reason"].clone(), r["value"].clone()),
        (json!("DISABLED"), json!(false)),
        "{r}"
    );
    // Again: nothing to change, nothing written.
    let again = f.run(&["disable", "--all", "-o", "json"]);
    again.expect_code(0);
    assert_eq!(again.json()["changed"], false);
    f.run(&["enable", "b", "--reason", "b is fine"])
        .expect_code(0);
    let log = f.run(&["log", "-o", "json"]).json();
    let changes = log["changes"].as_array().unwrap();
    let disabled: Vec<&Value> = changes
        .iter()
        .filter(|c| c["audit"]["action"] == "disable --all")
        .collect();
    assert_eq!(disabled.len(), 3, "{log}");
    assert!(disabled
        .iter()
        .all(|c| c["audit"]["reason"] == "incident 7"));
    assert!(disabled
        .iter()
        .all(|c| c["audit"]["user"].as_str().is_some_and(|u| !u.is_empty())));
    let b = f.run(&["log", "b", "-o", "json"]).json();
    let last = b["changes"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(
        (
            last["key"].clone(),
            last["audit"]["action"].clone(),
            last["audit"]["reason"].clone()
        ),
        (json!("b"), json!("enable"), json!("b is fine"))
    );
    let table = f.run(&["log", "b"]);
    assert!(
        table.stdout.contains("DISABLED -> ENABLED"),
        "{}",
        table.stdout
    );
}

#[test]
fn openfeature_results_for_missing_flags_wrong_types_and_statics() {
    let f = Flags::single();
    f.define("color", &json!({"state": "ENABLED", "variants": {"red": "#f00", "blue": "#00f"}, "defaultVariant": "red"}));
    let r = f.eval("color", &json!({}), &[]);
    assert_eq!(
        (
            r["value"].clone(),
            r["variant"].clone(),
            r["reason"].clone()
        ),
        (json!("#f00"), json!("red"), json!("STATIC")),
        "{r}"
    );
    let context = "{}";
    let missing = f.run(&["eval", "nope", "--context-json", context, "-o", "json"]);
    missing.expect_code(1);
    assert_eq!(missing.json()["errorCode"], "FLAG_NOT_FOUND");
    assert_eq!(missing.json()["reason"], "ERROR");
    let wrong = f.run(&[
        "eval",
        "color",
        "--type",
        "bool",
        "--default",
        "false",
        "-o",
        "json",
    ]);
    wrong.expect_code(1);
    assert_eq!(wrong.json()["errorCode"], "TYPE_MISMATCH");
    assert_eq!(
        wrong.json()["value"],
        false,
        "an error gives the caller's default"
    );
    let all = f.run(&["eval", "--all", "-o", "json"]).json();
    assert_eq!(all["flags"][0]["key"], "color");
}

#[test]
fn flagd_files_import_and_export_both_ways_with_shared_rules_and_metadata() {
    let f = Flags::single();
    let doc = json!({
        "flags": {
            "beta": {"state": "ENABLED", "variants": {"on": true, "off": false}, "defaultVariant": "off",
                     "targeting": {"if": [{"$ref": "staff"}, "on"]}},
            "color": {"state": "DISABLED", "variants": {"red": "red", "blue": "blue"}, "defaultVariant": "red",
                      "metadata": {"owner": "web"}}
        },
        "$evaluators": {"staff": {"ends_with": [{"var": "email"}, "@example.com"]}},
        "metadata": {"flagSetId": "shop"}
    });
    let path = f.etcd.dir().join("flagd.json");
    std::fs::write(&path, doc.to_string()).unwrap();
    let file = path.to_str().unwrap();
    // No terminal and no --yes: refused, nothing written.
    f.run(&["import", file]).expect_code(3);
    assert_eq!(f.keys(), Vec::<String>::new());
    let dry = f.run(&["import", file, "--dry-run", "-o", "json"]).json();
    assert_eq!(dry["added"].as_array().unwrap().len(), 4, "{dry}");
    f.run(&["import", file, "--yes", "--reason", "from flagd"])
        .expect_code(0);
    let staff = f.eval("beta", &json!({"email": "a@example.com"}), &[]);
    assert_eq!(staff["value"], true, "{staff}");
    let exported = f.run(&["export"]);
    exported.expect_code(0);
    let mut back: Value = serde_json::from_str(&exported.stdout).unwrap();
    assert_eq!(
        back.as_object_mut().unwrap().remove("$schema"),
        Some(json!("https://flagd.dev/schema/v0/flags.json"))
    );
    assert_eq!(back, doc);
    // A second import is nothing to change.
    let again = f.run(&["import", file, "--yes", "-o", "json"]).json();
    assert_eq!(again["changes"], 0);
    // A broken file: the fault's path, nothing written.
    let bad = f.etcd.dir().join("bad.json");
    std::fs::write(
        &bad,
        r#"{"flags": {"x": {"state": "ON", "variants": {"a": 1}, "defaultVariant": "a"}}}"#,
    )
    .unwrap();
    let run = f.run(&["import", bad.to_str().unwrap(), "--yes"]);
    run.expect_code(3);
    assert!(run.stderr.contains("flags.x.state"), "{}", run.stderr);
}

#[test]
fn a_flag_stored_broken_by_another_tool_is_a_parse_error_not_a_crash() {
    let f = Flags::single();
    f.define("good", &staff_flag());
    f.etcd.put(
        "/flags/broken",
        r#"{"state": "ENABLED", "variants": {"a": 1}, "defaultVariant": "zzz"}"#,
    );
    let r = f.eval("broken", &json!({}), &[]);
    assert_eq!(r["errorCode"], "PARSE_ERROR", "{r}");
    let list = f.run(&["list"]);
    list.expect_code(0);
    assert!(list.stdout.contains("INVALID"), "{}", list.stdout);
    let good = f.eval("good", &json!({"email": "b@example.com"}), &[]);
    assert_eq!(good["value"], true);
}

#[test]
fn watch_prints_each_definition_change_as_json_lines() {
    let f = Flags::single();
    let mut watch = f.spawn("watch", &["watch", "-o", "json"]);
    wait_for("the watch to start", 30, || {
        watch.stderr().contains("watching")
    });
    f.define("beta", &staff_flag());
    f.run(&["disable", "beta"]).expect_code(0);
    wait_for("two changes", 30, || watch.stdout().lines().count() >= 2);
    watch.signal(libc::SIGTERM);
    let run = watch.wait(30);
    let lines = run.json_lines();
    assert_eq!(lines[0]["key"], "beta");
    assert_eq!(lines[0]["kind"], "flag");
    assert!(lines[0].get("old").is_none());
    assert_eq!(lines[1]["old"]["state"], "ENABLED");
    assert_eq!(lines[1]["new"]["state"], "DISABLED");
}

#[test]
fn the_format_guide_example_flag_is_accepted_and_evaluates_as_it_says() {
    let f = Flags::single();
    let guide = crate::run::etcdkit(&["help", "flags-format"]).stdout;
    let example = guide
        .split_once("A flag:\n\n")
        .and_then(|(_, rest)| rest.split_once("\n\n  state"))
        .expect("the guide has an example flag")
        .0;
    let flag: Value = serde_json::from_str(example).expect("the example is JSON");
    f.define("banner", &flag);
    let staff = f.eval("banner", &json!({"email": "a@example.com"}), &[]);
    assert_eq!(staff["value"], "#0c0", "{staff}");
    let context = |v: &str| json!({"targetingKey": "u1", "email": "b@mail.test", "version": v});
    let old = f.eval("banner", &context("1.2.0"), &[]);
    assert_eq!(
        (old["reason"].clone(), old["value"].clone()),
        (json!("DEFAULT"), json!("#c00"))
    );
    let new = f.eval("banner", &context("2.1.0"), &[]);
    assert_eq!(new["reason"], "TARGETING_MATCH", "{new}");
    assert_eq!(new["flagMetadata"]["owner"], "web-team");
    // As the guide says, flagd's way: an attribute missing for ends_with makes the whole rule
    // give null, so the default variant, even for a new version.
    let no_email = f.eval(
        "banner",
        &json!({"targetingKey": "u1", "version": "2.1.0"}),
        &[],
    );
    assert_eq!(no_email["reason"], "DEFAULT", "{no_email}");
}

#[test]
fn flagds_array_form_imports_and_names_that_cannot_be_keys_are_refused() {
    let f = Flags::single();
    let file = f.etcd.dir().join("array.json");
    std::fs::write(
        &file,
        json!({"flags": [{"key": "a", "state": "ENABLED", "variants": {"on": true}, "defaultVariant": "on"}]}).to_string(),
    )
    .unwrap();
    f.run(&["import", file.to_str().unwrap(), "--yes"])
        .expect_code(0);
    assert_eq!(f.eval("a", &json!({}), &[])["value"], true);
    for doc in [
        json!({"flags": {}, "$evaluators": {"a/b": {"==": [1, 1]}}}),
        json!({"flags": {}, "$evaluators": {".x": {"==": [1, 1]}}}),
        json!({"flags": {"a/b": {"state": "ENABLED", "variants": {"on": true}, "defaultVariant": "on"}}}),
    ] {
        std::fs::write(&file, doc.to_string()).unwrap();
        let run = f.run(&["import", file.to_str().unwrap(), "--yes"]);
        run.expect_code(3);
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    }
    assert_eq!(
        f.keys().len(),
        2,
        "a and the audit record only: {:?}",
        f.keys()
    );
}

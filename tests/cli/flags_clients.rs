//! Real OpenFeature clients against `etcdkit flags`: the Python SDK through `flags serve`'s
//! OFREP and through its flagd sync (the flagd provider in in-process mode), changes made with
//! `flags set` seen by a running client, and npm's `@openfeature/flagd-core` giving the same
//! answers as etcdkit's evaluator over thousands of contexts.

use std::collections::BTreeMap;

use etcdkit::flags::{validate_document, Context, Evaluator, EvaluatorOptions};
use serde_json::{json, Value};

use crate::flags::{staff_flag, Flags};
use crate::flags_serve::serve;
use crate::lock_scene::{wait_for, Spawned};
use crate::openfeature::{evaluate, flagd_core_answers, seen, watching};
use crate::support::{free_port, Etcd};

/// A result's `(value, variant, reason, error_code)` as the SDK reported it.
fn outcome(result: &Value) -> Value {
    json!([
        result["value"],
        result["variant"],
        result["reason"],
        result["error_code"]
    ])
}

#[test]
fn the_python_sdk_evaluates_through_ofrep_and_sees_changes() {
    let f = Flags::single();
    f.define("beta", &staff_flag());
    f.define(
        "color",
        &json!({"state": "ENABLED", "variants": {"red": "#f00", "blue": "#00f"}, "defaultVariant": "red",
                "metadata": {"owner": "web", "tier": 2}}),
    );
    f.define(
        "limit",
        &json!({"state": "ENABLED", "variants": {"low": 3, "high": 10}, "defaultVariant": "low",
                "targeting": {"if": [{"in": [{"var": "targetingKey"}, ["u1", "u2"]]}, "high"]}}),
    );
    f.define(
        "ratio",
        &json!({"state": "ENABLED", "variants": {"quarter": 0.25, "whole": 1}, "defaultVariant": "whole"}),
    );
    f.define(
        "later",
        &json!({"state": "ENABLED", "variants": {"on": true, "off": false}}),
    );
    f.define(
        "dark",
        &json!({"state": "DISABLED", "variants": {"on": true, "off": false}, "defaultVariant": "off"}),
    );
    f.define(
        "dark-later",
        &json!({"state": "DISABLED", "variants": {"on": true, "off": false}}),
    );
    let (mut server, port) = serve(&f, &[]);
    let url = format!("http://127.0.0.1:{port}");
    let staff = r#"{"targetingKey": "u1", "email": "a@example.com"}"#;
    let flags = [
        "beta:bool:false",
        "color:string:none",
        "limit:int:0",
        "ratio:float:0.5",
        "dark:bool:true",
        "later:bool:true",
        "dark-later:bool:true",
        "nope:string:fallback",
        "color:bool:false",
    ];
    let mut args = vec![url.as_str(), "--context", staff];
    args.extend(flags);
    let results = evaluate("ofrep_eval.py", &args);
    let got: Vec<Value> = results.iter().map(outcome).collect();
    assert_eq!(
        got,
        [
            json!([true, "on", "TARGETING_MATCH", null]),
            json!(["#f00", "red", "STATIC", null]),
            json!([10, "high", "TARGETING_MATCH", null]),
            // A float flag's whole number is a float.
            json!([1.0, "whole", "STATIC", null]),
            // Disabled: OFREP serves the default variant with reason DISABLED.
            json!([false, "off", "DISABLED", null]),
            // No default variant: the caller's default, without an error.
            json!([true, null, "DEFAULT", null]),
            json!([true, null, "DISABLED", null]),
            json!(["fallback", null, "ERROR", "FLAG_NOT_FOUND"]),
            json!([false, null, "ERROR", "TYPE_MISMATCH"]),
        ],
        "{results:#?}"
    );
    assert_eq!(
        results[1]["flag_metadata"],
        json!({"owner": "web", "tier": 2})
    );
    // No rule matches: the default variant, reason DEFAULT.
    let mut args = vec![
        url.as_str(),
        "--context",
        r#"{"targetingKey": "u9", "email": "b@example.org"}"#,
    ];
    args.extend(&flags[..3]);
    let results = evaluate("ofrep_eval.py", &args);
    let got: Vec<Value> = results.iter().map(outcome).collect();
    assert_eq!(
        got,
        [
            json!([false, "off", "DEFAULT", null]),
            json!(["#f00", "red", "STATIC", null]),
            json!([3, "low", "DEFAULT", null]),
        ],
        "{results:#?}"
    );
    // Changes made with `flags set` and `flags disable` reach a client that is evaluating.
    let watch = [
        url.as_str(),
        "color:string:none",
        "--watch-until",
        "color=#00f",
    ];
    let (client, first) = watching(f.etcd.dir(), "ofrep_eval.py", &watch);
    assert_eq!(first["value"], "#f00", "{first}");
    f.define(
        "color",
        &json!({"state": "ENABLED", "variants": {"red": "#f00", "blue": "#00f"}, "defaultVariant": "blue"}),
    );
    let results = seen(client, 20);
    assert_eq!(
        outcome(&results[0]),
        json!(["#00f", "blue", "STATIC", null])
    );
    let watch = [
        url.as_str(),
        "--context",
        staff,
        "beta:bool:false",
        "--watch-until",
        "beta=false",
    ];
    let (client, first) = watching(f.etcd.dir(), "ofrep_eval.py", &watch);
    assert_eq!(first["value"], true, "{first}");
    f.run(&["disable", "beta"]).expect_code(0);
    let results = seen(client, 20);
    assert_eq!(
        outcome(&results[0]),
        json!([false, "off", "DISABLED", null])
    );
    server.signal(libc::SIGTERM);
    server.wait(30).expect_code(0);
}

/// A release flag whose rules use `ends_with`, `sem_ver` and `in` (no `fractional`: the Python
/// flagd provider buckets with flagd's newer v3, etcdkit with v2).
fn release_flag(min_version: &str) -> Value {
    json!({
        "state": "ENABLED",
        "variants": {"new": "new", "old": "old"},
        "defaultVariant": "old",
        "metadata": {"owner": "web"},
        "targeting": {"if": [
            {"and": [
                {"ends_with": [{"var": "email"}, "@example.com"]},
                {"sem_ver": [{"var": "version"}, ">=", min_version]}
            ]}, "new",
            {"in": [{"var": "targetingKey"}, ["u7", "u8"]]}, "new",
            null
        ]}
    })
}

/// `flags serve --sync-listen PORT` (and OFREP), waited for until both serve.
fn serve_sync(f: &Flags) -> (Spawned, String) {
    let sync = free_port().to_string();
    let (mut server, _) = serve(f, &["--sync-listen", &sync]);
    wait_for("the flagd sync service", 30, || {
        server.stderr().contains("serving flagd sync")
    });
    assert!(server.running(), "{}", server.stderr());
    (server, format!("127.0.0.1:{sync}"))
}

#[test]
fn the_python_flagd_provider_in_process_follows_the_sync_stream() {
    let f = Flags::single();
    // A shared rule and the set's metadata travel in the stream too.
    let doc = json!({
        "flags": {
            "release": release_flag("2.0.0"),
            "beta": {"state": "ENABLED", "variants": {"on": true, "off": false}, "defaultVariant": "off",
                     "targeting": {"if": [{"$ref": "staff"}, "on"]}}
        },
        "$evaluators": {"staff": {"ends_with": [{"var": "email"}, "@example.com"]}},
        "metadata": {"flagSetId": "shop"}
    });
    let path = f.etcd.dir().join("flagd.json");
    std::fs::write(&path, doc.to_string()).unwrap();
    f.run(&["import", path.to_str().unwrap(), "--yes"])
        .expect_code(0);
    let (mut server, target) = serve_sync(&f);
    let staff = r#"{"targetingKey": "u1", "email": "a@example.com", "version": "2.1.0"}"#;
    let args = [
        target.as_str(),
        "--context",
        staff,
        "release:string:none",
        "beta:bool:false",
        "nope:bool:true",
    ];
    let results = evaluate("flagd_inprocess.py", &args);
    let got: Vec<Value> = results.iter().map(outcome).collect();
    assert_eq!(
        got,
        [
            json!(["new", "new", "TARGETING_MATCH", null]),
            json!([true, "on", "TARGETING_MATCH", null]),
            json!([true, null, "ERROR", "FLAG_NOT_FOUND"]),
        ],
        "{results:#?}"
    );
    assert_eq!(
        results[0]["flag_metadata"],
        json!({"flagSetId": "shop", "owner": "web"})
    );
    let listed = r#"{"targetingKey": "u8", "email": "b@example.org", "version": "1.0.0"}"#;
    let old = r#"{"targetingKey": "u9", "email": "c@example.com", "version": "1.9.9"}"#;
    for (context, want) in [
        (listed, json!(["new", "new", "TARGETING_MATCH", null])),
        (old, json!(["old", "old", "DEFAULT", null])),
    ] {
        let args = [target.as_str(), "--context", context, "release:string:none"];
        let results = evaluate("flagd_inprocess.py", &args);
        assert_eq!(outcome(&results[0]), want, "{context}: {results:#?}");
    }
    // A change made with `flags set` is streamed to the running provider.
    let watch = [
        target.as_str(),
        "--context",
        staff,
        "release:string:none",
        "--watch-until",
        "release=old",
    ];
    let (client, first) = watching(f.etcd.dir(), "flagd_inprocess.py", &watch);
    assert_eq!(first["value"], "new", "{first}");
    f.define("release", &release_flag("3.0.0"));
    let results = seen(client, 20);
    assert_eq!(outcome(&results[0]), json!(["old", "old", "DEFAULT", null]));
    server.signal(libc::SIGTERM);
    server.wait(30).expect_code(0);
}

#[test]
fn the_flagd_provider_sees_a_change_made_after_a_member_kill() {
    let mut f = Flags::on(Etcd::cluster(3));
    f.define("release", &release_flag("2.0.0"));
    let (mut server, target) = serve_sync(&f);
    let staff = r#"{"targetingKey": "u1", "email": "a@example.com", "version": "2.1.0"}"#;
    let watch = [
        target.as_str(),
        "--context",
        staff,
        "release:string:none",
        "--watch-until",
        "release=old",
        "--timeout",
        "60",
    ];
    let (client, first) = watching(f.etcd.dir(), "flagd_inprocess.py", &watch);
    assert_eq!(first["value"], "new", "{first}");
    f.etcd.kill(0);
    f.define("release", &release_flag("3.0.0"));
    let results = seen(client, 60);
    assert_eq!(outcome(&results[0]), json!(["old", "old", "DEFAULT", null]));
    assert!(server.running(), "{}", server.stderr());
    server.signal(libc::SIGTERM);
    server.wait(30).expect_code(0);
}

/// Compares npm's `@openfeature/flagd-core` with etcdkit's evaluator (fractional v2, the
/// default of both) on `key` of `doc` for `n` generated contexts: value, variant, reason and
/// error must be the same for every one. Returns how often each variant was served.
fn same_answers_as_flagd_core(
    doc: &Value,
    key: &str,
    type_: &str,
    n: usize,
) -> BTreeMap<String, usize> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("flags.json");
    std::fs::write(&path, doc.to_string()).unwrap();
    let set = validate_document(doc).expect("a valid flag document");
    let etcdkit = Evaluator::new(&set, EvaluatorOptions::default());
    let answers = flagd_core_answers(&path, key, type_, n);
    assert_eq!(answers.len(), n, "flagd-core answered for every context");
    let mut served = BTreeMap::new();
    for answer in &answers {
        let mut context = Context::new();
        for attribute in ["targetingKey", "version"] {
            context.insert(attribute.into(), answer[attribute].clone());
        }
        let ours = etcdkit.evaluate(key, &context);
        assert_eq!(
            json!([ours.value, ours.variant, ours.reason, ours.error_code]),
            json!([
                answer["value"],
                answer["variant"],
                answer["reason"],
                answer["errorCode"]
            ]),
            "{key} for {context:?}: etcdkit, then flagd-core"
        );
        *served.entry(answer["variant"].to_string()).or_default() += 1;
    }
    served
}

/// Rules with `starts_with`, `ends_with`, `in` (list and substring), a shared rule (`$ref`) and
/// `$flagd.flagKey`, in and out of a `fractional` bucketing key.
fn rules_document() -> Value {
    json!({
        "flags": {
            "tiers": {
                "state": "ENABLED",
                "variants": {"gold": "gold", "silver": "silver", "bronze": "bronze", "none": "none"},
                "defaultVariant": "none",
                "targeting": {"if": [
                    {"$ref": "early"}, "gold",
                    {"starts_with": [{"var": "targetingKey"}, "user-1"]}, "silver",
                    {"ends_with": [{"var": "targetingKey"}, "7"]}, "bronze",
                    null
                ]}
            },
            "keyed": {
                "state": "ENABLED",
                "variants": {"one": 1, "two": 2, "three": 3},
                "defaultVariant": "one",
                "targeting": {"if": [
                    {"in": [{"var": "$flagd.flagKey"}, ["keyed", "other"]]},
                    {"fractional": [
                        {"cat": [{"var": "$flagd.flagKey"}, "/", {"var": "targetingKey"}]},
                        ["one", 25], ["two", 25], ["three", 50]
                    ]},
                    "one"
                ]}
            },
            "patch": {
                "state": "ENABLED",
                "variants": {"on": true, "off": false},
                "defaultVariant": "off",
                "targeting": {"if": [
                    {"and": [{"in": [".2", {"var": "version"}]}, {"!": {"$ref": "early"}}]}, "on",
                    {"fractional": [["on", 1], ["off", 3]]}
                ]}
            }
        },
        "$evaluators": {
            "early": {"in": [{"var": "version"}, ["0.0.0", "1.2.1", "4.6.2"]]}
        }
    })
}

#[test]
fn flagd_core_and_etcdkit_give_the_same_answers_for_every_context() {
    let bench: Value = serde_json::from_str(include_str!("../clients/bench_flag.json")).unwrap();
    let served = same_answers_as_flagd_core(&bench, "rollout", "string", 2000);
    assert_eq!(served.len(), 3, "every variant is served: {served:?}");
    let rules = rules_document();
    for (key, type_, variants) in [
        ("tiers", "string", 4),
        ("keyed", "number", 3),
        ("patch", "boolean", 2),
    ] {
        let served = same_answers_as_flagd_core(&rules, key, type_, 2000);
        assert_eq!(
            served.len(),
            variants,
            "{key}: every variant is served: {served:?}"
        );
    }
}

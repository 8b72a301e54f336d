//! One JSON vocabulary: every command's `-o json` output, from a real cluster, follows the rules
//! of docs/json.md, and has exactly the fields its tables there document (both ways).

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader};
use std::process::{Child, Stdio};

use serde_json::Value;

use crate::alert_notify::{webhook, ALWAYS};
use crate::run::{etcdkit, etcdkit_command};
use crate::support::Receiver;
use crate::support::{spawn_tied_to_test, Etcd};

/// One documented field: may it be missing ("Only ..."), and is it a map or a latency summary
/// (whose own keys are not fields)?
#[derive(Debug, Clone, Copy)]
struct Field {
    conditional: bool,
    opaque: bool,
}

/// The field tables of docs/json.md, by section heading (`etcdkit health`, `Errors`, ...).
fn documented() -> BTreeMap<String, BTreeMap<String, Field>> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/json.md");
    let text = std::fs::read_to_string(path).expect("docs/json.md is there");
    let mut sections: BTreeMap<String, BTreeMap<String, Field>> = BTreeMap::new();
    let mut heading = String::new();
    for line in text.lines() {
        if let Some(h) = line.strip_prefix("## ") {
            heading = h.trim_matches('`').to_string();
            continue;
        }
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        if cells.len() < 5 || !cells[1].starts_with('`') {
            continue;
        }
        let field = Field {
            conditional: cells[3].starts_with("Only"),
            // Instance records are checked in their own section (`etcdkit discover`).
            opaque: cells[2].contains("map")
                || cells[2].contains("latency summary")
                || cells[2].contains("instance record")
                || cells[2].contains("audit record"),
        };
        let name = cells[1].trim_matches('`').to_string();
        sections
            .entry(heading.clone())
            .or_default()
            .insert(name, field);
    }
    sections
}

/// Every field path of a document (`a`, `a[]`, `a[].b`), not looking inside maps and latency
/// summaries.
fn paths(value: &Value, prefix: &str, opaque: &BTreeSet<String>, out: &mut BTreeSet<String>) {
    let Some(fields) = value.as_object() else {
        return;
    };
    for (key, v) in fields {
        let path = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        match v {
            Value::Array(items) => {
                let path = format!("{path}[]");
                for item in items.iter().filter(|_| !opaque.contains(&path)) {
                    paths(item, &path, opaque, out);
                }
                out.insert(path);
            }
            Value::Object(_) if !opaque.contains(&path) => {
                paths(v, &path, opaque, out);
                out.insert(path);
            }
            _ => {
                out.insert(path);
            }
        }
    }
}

fn is_rfc3339_utc(v: &Value) -> bool {
    v.as_str()
        .is_some_and(|t| t.ends_with('Z') && humantime::parse_rfc3339(t).is_ok())
}

fn is_hex(v: &Value) -> bool {
    v.as_str().is_some_and(|s| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c))
    })
}

fn is_snake(s: &str) -> bool {
    s.chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && s.starts_with(|c: char| c.is_ascii_lowercase())
}

/// Keys under which values are free text or user-chosen (label names and values), or another
/// format's own (flagd's flag objects, OpenFeature's metadata).
const MAPS: [&str; 8] = [
    "labels",
    "annotations",
    "errors_by_kind",
    "flag",
    "value",
    "old",
    "new",
    "flagMetadata",
];

/// OpenFeature's member names in `flags eval`'s evaluation details (docs/json.md, rule 9).
const OPENFEATURE: [&str; 3] = ["errorCode", "errorMessage", "flagMetadata"];

/// Enumerations: their values are lower_snake_case words.
const ENUMS: [&str; 11] = [
    "status",
    "result",
    "state",
    "kind",
    "severity",
    "scope",
    "origin",
    "alarm",
    "consistency",
    "target",
    "db_quota_source",
];

/// What in `value` (at `path`) breaks the rules of docs/json.md.
fn rule_breaks(value: &Value, path: &str, out: &mut Vec<String>) {
    match value {
        Value::Array(items) => {
            for item in items {
                rule_breaks(item, &format!("{path}[]"), out);
            }
        }
        Value::Object(fields) => {
            for (key, v) in fields {
                let at = format!("{path}.{key}");
                let mut broken = |why: &str| out.push(format!("{at} = {v}: {why}"));
                if !is_snake(key) && !OPENFEATURE.contains(&key.as_str()) {
                    broken("a key is lower_snake_case");
                }
                for old in ["_percent", "_per_sec", "_seconds", "_secs", "_sec"] {
                    if key.ends_with(old) {
                        broken("units are _ms, _bytes, _per_second, _ratio");
                    }
                }
                for unit in ["_ms", "_bytes", "_per_second", "_ratio"] {
                    if key.ends_with(unit) && !(v.is_number() || v.is_null()) {
                        broken("a value with a unit is a number (or null)");
                    }
                }
                if key.ends_with("_ratio") && v.as_f64().is_some_and(|r| !(0.0..=1.0).contains(&r))
                {
                    broken("a ratio is within 0 and 1");
                }
                let is_time = key == "time" || key.ends_with("_at") || key.ends_with("_since");
                if is_time && !(v.is_null() || is_rfc3339_utc(v)) {
                    broken("a time is an RFC 3339 UTC string");
                }
                if (key == "id" || key.ends_with("_id")) && !(v.is_null() || is_hex(v)) {
                    broken("an ID is a lowercase hex string");
                }
                if key == "latency" || key.ends_with("_latency") {
                    let ok = v.is_null()
                        || v.as_object().is_some_and(|o| {
                            o.keys().all(|k| {
                                let stat = k.strip_suffix("_ms").unwrap_or("?");
                                ["min", "mean", "stddev", "max"].contains(&stat)
                                    || stat.strip_prefix('p').is_some_and(|n| {
                                        !n.is_empty()
                                            && n.chars().all(|c| c.is_ascii_digit() || c == '_')
                                    })
                            })
                        });
                    if !ok {
                        broken("a latency summary holds only <statistic>_ms fields");
                    }
                }
                if key == "members" {
                    let ok = v.as_array().is_some_and(|ms| {
                        ms.iter().all(|m| {
                            m.get("id").is_some_and(|id| id.is_null() || is_hex(id))
                                && m.get("name").is_some()
                        })
                    });
                    if !ok {
                        broken("members is a list of member objects with id and name");
                    }
                }
                if key == "endpoints" {
                    let ok = v
                        .as_array()
                        .is_some_and(|es| es.iter().all(|e| e["endpoint"].is_string()));
                    if !ok {
                        broken("endpoints is a list of objects with an endpoint");
                    }
                }
                if key == "status"
                    && !["ok", "warning", "critical", "unknown", "failed"]
                        .contains(&v.as_str().unwrap_or("?"))
                {
                    broken("status is a verdict");
                }
                if ENUMS.contains(&key.as_str())
                    && !(v.is_null() || v.as_str().is_some_and(is_snake))
                {
                    broken("an enumerated value is a lower_snake_case string");
                }
                // Alert figures are names too: `metric` in a rule, `name` in `alert metrics`.
                let figure = key == "metric" || (key == "name" && path.ends_with(".metrics[]"));
                let old_unit = ["_percent", "_seconds"]
                    .iter()
                    .any(|u| v.as_str().is_some_and(|n| n.ends_with(u)));
                if figure && old_unit {
                    broken("an alert figure has its unit in its name: _ms, _ratio");
                }
                if !MAPS.contains(&key.as_str()) {
                    rule_breaks(v, &at, out);
                }
            }
        }
        _ => {}
    }
}

/// The documents each section of docs/json.md describes, gathered from real runs.
struct Gathered {
    by_section: BTreeMap<String, Vec<Value>>,
    /// Every document, checked against the rules (some only against them: a silence list).
    all: Vec<(String, Value)>,
}

impl Gathered {
    fn add(&mut self, section: &str, what: &str, doc: Value) {
        // Not an object (a bare list): the rules say so, below; its fields cannot be compared.
        if doc.is_object() {
            self.by_section
                .entry(section.to_string())
                .or_default()
                .push(doc.clone());
        }
        self.all.push((what.to_string(), doc));
    }
}

/// Runs etcdkit with `-o json` and parses stdout as one document or JSON Lines.
fn documents(args: &[&str]) -> Vec<Value> {
    let run = etcdkit(&[args, &["-o", "json"]].concat());
    let text = run.stdout.trim();
    assert!(!text.is_empty(), "{args:?} printed no JSON: {}", run.stderr);
    match serde_json::from_str::<Value>(text) {
        Ok(doc) => vec![doc],
        Err(_) => run.json_lines(),
    }
}

/// A command that runs until stopped: its first JSON document (pretty or one line), then it is
/// stopped.
fn first_document(args: &[&str]) -> (Value, Child) {
    let mut command = etcdkit_command();
    command
        .args(args)
        .args(["-o", "json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    // Tied to the test: it dies with the test, even when an assertion fails first.
    let mut child = spawn_tied_to_test(command).expect("etcdkit starts");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut text = String::new();
    while let Some(Ok(line)) = lines.next() {
        text.push_str(&line);
        if let Ok(doc) = serde_json::from_str::<Value>(&text) {
            return (doc, child);
        }
    }
    stop(child);
    panic!("{args:?} ended before a document: {text}");
}

/// The connection flags, then `args`.
fn with<'a>(connection: &[&'a str], args: &[&'a str]) -> Vec<&'a str> {
    [connection, args].concat()
}

fn stop(mut child: Child) {
    let _ = child.kill();
    let _ = child.wait();
}

/// `config render -o json`: rendered, unchanged, a failed check, a failed reload, a failed
/// render.
fn config_render_documents(etcd: &Etcd, e: &[&str], dir: &std::path::Path, got: &mut Gathered) {
    etcd.etcdctl_ok(&["put", "/config/json-vocabulary", "one"]);
    let path = |name: &str| dir.join(name).to_string_lossy().into_owned();
    std::fs::write(path("render.tmpl"), "{{ getv('/json-vocabulary') }}\n").unwrap();
    std::fs::write(
        path("missing.tmpl"),
        "{{ getv('/json-vocabulary/none') }}\n",
    )
    .unwrap();
    let (template, dest, missing) = (
        path("render.tmpl"),
        path("render.conf"),
        path("missing.tmpl"),
    );
    let base = ["config", "render", "--template", &template, "--dest", &dest];
    let runs: [&[&str]; 5] = [
        &["--reload", "true"],
        &[],
        &["--template", &missing, "--dest", &path("missing.conf")],
        &["--check", "false"],
        &["--reload", "false"],
    ];
    for (i, extra) in runs.iter().enumerate() {
        if i == 3 {
            etcd.etcdctl_ok(&["put", "/config/json-vocabulary", "two"]);
        }
        for doc in documents(&with(e, &[&base[..], extra].concat())) {
            got.add(
                "etcdkit config render",
                &format!("config render {extra:?}"),
                doc,
            );
        }
    }
}

/// Every command's JSON against the rules and the tables of docs/json.md.
#[test]
fn every_json_document_follows_the_rules_and_the_tables_of_docs_json_md() {
    let etcd = Etcd::cluster(3);
    let endpoints = etcd.endpoints();
    let e = ["--endpoints", endpoints.as_str()];
    let dir = tempfile::tempdir().unwrap();
    let file = |name: &str| dir.path().join(name).to_string_lossy().into_owned();
    let hook = Receiver::start();
    let config = file("alert.toml");
    std::fs::write(
        &config,
        format!(
            r#"{ALWAYS}
[[rules]]
name = "Quorum"
check = "quorum"
status = "warning"
severity = "critical"

[route]
group_wait = "0s"
{}"#,
            webhook("hook", &hook.url("/alerts")),
            ALWAYS = ALWAYS,
        ),
    )
    .unwrap();
    let state = file("state.json");
    let mut got = Gathered {
        by_section: BTreeMap::new(),
        all: Vec::new(),
    };

    for args in [&["health"][..], &["health", "--cluster"]] {
        for doc in documents(&with(&e, args)) {
            got.add("etcdkit health", &format!("{args:?}"), doc);
        }
    }
    let samples = documents(&with(
        &e,
        &[
            "watch-metrics",
            "--cluster",
            "--interval",
            "200ms",
            "--count",
            "2",
        ],
    ));
    assert_eq!(samples.len(), 2);
    for doc in samples {
        got.add("etcdkit watch-metrics", "watch-metrics", doc);
    }
    let baseline = file("baseline.json");
    let first = documents(&with(&e, &["bench", "write", "--total", "100"]));
    std::fs::write(&baseline, first[0].to_string()).unwrap();
    got.add("etcdkit bench", "bench write", first[0].clone());
    for doc in documents(&with(
        &e,
        &[
            "bench",
            "write",
            "--duration",
            "400ms",
            "--sample",
            "100ms",
            "--slo",
            "p99<=10s",
            "--baseline",
            &baseline,
            "--tolerance",
            "1000000",
        ],
    )) {
        got.add("etcdkit bench", "bench write --sample", doc);
    }
    for doc in documents(&["alert", "rules", "--config", &config]) {
        got.add("etcdkit alert rules", "alert rules", doc);
    }
    for doc in documents(&["alert", "metrics"]) {
        got.add("etcdkit alert metrics", "alert metrics", doc);
    }
    let once = with(
        &e,
        &[
            "alert", "run", "--once", "--config", &config, "--state", &state,
        ],
    );
    for doc in documents(&once) {
        got.add("etcdkit alert run", "alert run --once", doc);
    }
    for doc in documents(&["alert", "test", "--config", &config, "--channel", "hook"]) {
        got.add("etcdkit alert test", "alert test", doc);
    }
    let silence = ["--state", state.as_str()];
    for doc in documents(
        &[
            &[
                "alert",
                "silence",
                "add",
                "alertname=AlwaysUp",
                "--duration",
                "1h",
                "--comment",
                "x",
            ][..],
            &silence,
        ]
        .concat(),
    ) {
        got.add("etcdkit alert silence", "alert silence add", doc);
    }
    for list in documents(&[&["alert", "silence", "list"][..], &silence].concat()) {
        got.all.push(("alert silence list".into(), list.clone()));
        for s in list["silences"].as_array().into_iter().flatten() {
            let mut doc = s.clone();
            doc["time"] = list["time"].clone();
            got.add("etcdkit alert silence", "alert silence list", doc);
        }
    }
    let (held, holder) = first_document(&with(&e, &["lock", "/json-vocabulary/lock"]));
    got.add("etcdkit lock", "lock", held);
    stop(holder);
    let (elected, leader) = first_document(&with(&e, &["elect", "/json-vocabulary/elect", "one"]));
    got.add("etcdkit elect", "elect", elected);
    for doc in documents(&with(&e, &["elect", "/json-vocabulary/elect", "--leader"])) {
        got.add("etcdkit elect", "elect --leader", doc);
    }
    let (change, observer) =
        first_document(&with(&e, &["elect", "/json-vocabulary/elect", "--observe"]));
    got.add("etcdkit elect --observe", "elect --observe", change);
    stop(observer);
    stop(leader);
    // A put, an overwrite and a delete, replayed from the start with their previous values.
    for (verb, value) in [("put", "one"), ("put", "two"), ("del", "")] {
        let mut args = vec![verb, "/json-vocabulary/watch/k"];
        if !value.is_empty() {
            args.push(value);
        }
        etcd.etcdctl_ok(&args);
    }
    for doc in documents(&with(
        &e,
        &[
            "watch",
            "--prefix",
            "/json-vocabulary/watch",
            "--rev",
            "1",
            "--prev-kv",
            "--count",
            "3",
        ],
    )) {
        got.add("etcdkit watch", "watch", doc);
    }
    discover_documents(&e, &mut got);
    config_documents(&e, &mut got);
    config_watch_documents(&e, &mut got);
    config_render_documents(&etcd, &e, dir.path(), &mut got);
    config_import_documents(&e, &file("snapshot.json"), &mut got);
    flags_documents(&etcd, &e, &file("flag.json"), &mut got);
    for (args, section_doc) in [
        (&["health", "--db-warning", "lots"][..], true),
        (&["bench", "write", "--sample", "1ms"][..], false),
    ] {
        let run = etcdkit(&[&e[..], args, &["-o", "json"]].concat());
        let doc: Value = serde_json::from_str(run.stdout.trim())
            .unwrap_or_else(|_| panic!("{args:?}: an error document: {}", run.stdout));
        assert_eq!(doc["status"].is_string(), section_doc, "{doc}");
        got.add("Errors", &format!("{args:?}"), doc);
    }

    let mut problems = Vec::new();
    for (what, doc) in &got.all {
        let mut breaks = Vec::new();
        if !doc.is_object() {
            breaks.push("a document is an object (a list has a name in one)".to_string());
        }
        if !is_rfc3339_utc(&doc["time"]) {
            breaks.push("every document has an RFC 3339 UTC time".to_string());
        }
        rule_breaks(doc, "", &mut breaks);
        problems.extend(breaks.into_iter().map(|b| format!("{what}: {b}")));
    }
    let tables = documented();
    for (section, docs) in &got.by_section {
        let table = tables
            .get(section)
            .unwrap_or_else(|| panic!("docs/json.md has no section {section}"));
        let opaque = table
            .iter()
            .filter(|(_, f)| f.opaque)
            .map(|(p, _)| p.clone())
            .collect();
        let mut seen = BTreeSet::new();
        for doc in docs {
            paths(doc, "", &opaque, &mut seen);
        }
        for path in &seen {
            if !table.contains_key(path) {
                problems.push(format!(
                    "{section}: `{path}` is printed but not in docs/json.md"
                ));
            }
        }
        for (path, field) in table {
            if !field.conditional && !seen.contains(path) {
                problems.push(format!(
                    "{section}: `{path}` is in docs/json.md but never printed"
                ));
            }
        }
    }
    for section in tables.keys() {
        if !got.by_section.contains_key(section) {
            problems.push(format!(
                "{section}: no document of it (none ran, or none was an object)"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The `config` documents: get, set, delete, list, history, diff and schema; the audit records
/// they carry go to the record's own section.
fn config_documents(e: &[&str], got: &mut Gathered) {
    fn c<'a>(args: &[&'a str]) -> Vec<&'a str> {
        [&["config", "--root", "/json-vocabulary/config"][..], args].concat()
    }
    let audit = |got: &mut Gathered, what: &str, record: &Value, time: &Value| {
        if record.is_object() {
            let mut doc = record.clone();
            doc["time"] = time.clone();
            got.add("The config audit record", what, doc);
        }
    };
    let schema =
        std::env::temp_dir().join(format!("etcdkit-vocabulary-{}.json", std::process::id()));
    std::fs::write(
        &schema,
        r#"{"type":"object","properties":{"port":{"type":"integer"}}}"#,
    )
    .unwrap();
    let schema_path = schema.to_str().unwrap().to_string();
    let mut revisions = Vec::new();
    for args in [
        &["set", "db/port", "5432", "--reason", "vocabulary"][..],
        &["set", "db/host", "h"][..],
        &["schema", "set", "db", &schema_path][..],
        &["set", "db/port", "6432"][..],
        &["delete", "db/host"][..],
    ] {
        for doc in documents(&with(e, &c(args))) {
            audit(
                got,
                &format!("config {args:?}"),
                &doc["audit"],
                &doc["time"],
            );
            revisions.push(doc["revision"].as_i64().unwrap());
            got.add("etcdkit config set", &format!("config {args:?}"), doc);
        }
    }
    let _ = std::fs::remove_file(&schema);
    for doc in documents(&with(e, &c(&["get", "db/port"]))) {
        got.add("etcdkit config get", "config get", doc);
    }
    for doc in documents(&with(e, &c(&["list"]))) {
        got.add("etcdkit config list", "config list", doc);
    }
    for key in ["db/port", "db/host"] {
        for doc in documents(&with(e, &c(&["history", key]))) {
            for v in doc["versions"].as_array().unwrap() {
                audit(got, "config history", &v["audit"], &doc["time"]);
            }
            got.add("etcdkit config history", "config history", doc);
        }
    }
    // Before the first write (keys added), and after db/host's set (one changed, one removed).
    for from in [revisions[0] - 1, revisions[1]] {
        for doc in documents(&with(e, &c(&["diff", &from.to_string()]))) {
            got.add("etcdkit config diff", "config diff", doc);
        }
    }
    for args in [&["schema", "get", "db"][..], &["schema", "list"][..]] {
        for doc in documents(&with(e, &c(args))) {
            got.add("etcdkit config schema", &format!("config {args:?}"), doc);
        }
    }
}

/// The `config watch` documents: a put, an overwrite with an object and a delete.
fn config_watch_documents(e: &[&str], got: &mut Gathered) {
    let config = |args: &[&str]| {
        let mut all = with(e, &["config", "--root", "/json-vocabulary/config"]);
        all.extend_from_slice(args);
        all.into_iter().map(str::to_string).collect::<Vec<_>>()
    };
    let mut command = etcdkit_command();
    command
        .args(config(&["watch", "--prefix", "", "-o", "json"]))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = spawn_tied_to_test(command).expect("etcdkit starts");
    // It says on stderr once it watches: the changes after that are its to print.
    let mut status = BufReader::new(child.stderr.take().unwrap()).lines();
    assert!(
        status.any(|l| l.is_ok_and(|l| l.contains("watching"))),
        "config watch never watched"
    );
    for args in [
        &["set", "a", "1"][..],
        &["set", "a", r#"{"b":2}"#],
        &["delete", "a"],
    ] {
        let args = config(args);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        etcdkit(&args).expect_code(0);
    }
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    for _ in 0..3 {
        let line = lines.next().expect("a change").expect("a line");
        let doc: Value = serde_json::from_str(&line).expect("a JSON line");
        got.add("etcdkit config watch", "config watch", doc);
    }
    stop(child);
}

/// The `discover` documents: a registration with a check, list, pick, services, drain and
/// watch; every instance record they carry goes to the record's own section.
fn discover_documents(e: &[&str], got: &mut Gathered) {
    let record = |got: &mut Gathered, what: &str, instance: &Value, time: &Value| {
        let mut doc = instance.clone();
        doc["time"] = time.clone();
        got.add("etcdkit discover", what, doc);
    };
    fn d<'a>(args: &[&'a str]) -> Vec<&'a str> {
        [
            &["discover", "--root", "/json-vocabulary/services"][..],
            args,
        ]
        .concat()
    }
    let (registered, registrar) = first_document(&with(
        e,
        &d(&[
            "register",
            "api",
            "--addr",
            "127.0.0.1:7001",
            "--id",
            "a",
            "--tag",
            "t",
            "--meta",
            "k=v",
            "--check-exec",
            "true",
        ]),
    ));
    got.add("etcdkit discover", "discover register", registered);
    let (watched, watcher) = first_document(&with(e, &d(&["watch", "api"])));
    let time = watched["time"].clone();
    record(got, "discover watch", &watched["instance"], &time);
    got.add("etcdkit discover watch", "discover watch", watched);
    stop(watcher);
    for (args, list) in [
        (&["list", "api", "--all"][..], "instances"),
        (&["pick", "api"][..], "picked"),
    ] {
        for doc in documents(&with(e, &d(args))) {
            for instance in doc[list].as_array().unwrap() {
                record(got, &format!("discover {args:?}"), instance, &doc["time"]);
            }
            got.add("etcdkit discover list", &format!("discover {args:?}"), doc);
        }
    }
    for list in documents(&with(e, &d(&["services"]))) {
        got.all.push(("discover services".into(), list.clone()));
        for s in list["services"].as_array().into_iter().flatten() {
            let mut doc = s.clone();
            doc["time"] = list["time"].clone();
            got.add("etcdkit discover services", "discover services", doc);
        }
    }
    for verb in ["drain", "undrain"] {
        for doc in documents(&with(e, &d(&[verb, "api", "a"]))) {
            record(got, verb, &doc["instance"], &doc["time"]);
            got.add("etcdkit discover drain", verb, doc);
        }
    }
    stop(registrar);
}

/// The `config import` document: an import that adds, changes and (with --prune) removes a
/// key.
fn config_import_documents(e: &[&str], snapshot: &str, got: &mut Gathered) {
    let root = ["config", "--root", "/json-vocabulary/import"];
    for (key, value) in [("db/host", "old"), ("db/gone", "x")] {
        etcdkit(&with(e, &[&root[..], &["set", key, value]].concat())).expect_code(0);
    }
    let file = serde_json::json!({
        "etcdkit_config": 1, "prefix": "db", "revision": 1,
        "keys": {"db/host": "new", "db/port": 5432}
    });
    std::fs::write(snapshot, file.to_string()).unwrap();
    let import = [&root[..], &["import", snapshot, "--prune", "--yes"]].concat();
    for doc in documents(&with(e, &import)) {
        got.add("etcdkit config import", "config import", doc);
    }
}

/// The `flags` documents: set, enable/disable (a change and a no-op), get, list (with a flag
/// another tool stored broken), log, eval (a match, an error, every flag) and watch.
fn flags_documents(etcd: &Etcd, e: &[&str], flag_file: &str, got: &mut Gathered) {
    fn f<'a>(args: &[&'a str]) -> Vec<&'a str> {
        [&["flags", "--root", "/json-vocabulary/flags"][..], args].concat()
    }
    let mut command = etcdkit_command();
    command
        .args(with(e, &f(&["watch", "-o", "json"])))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut watch = spawn_tied_to_test(command).expect("etcdkit starts");
    let mut status = BufReader::new(watch.stderr.take().unwrap()).lines();
    assert!(
        status.any(|l| l.is_ok_and(|l| l.contains("watching"))),
        "flags watch never watched"
    );
    std::fs::write(
        flag_file,
        r#"{"state": "ENABLED", "variants": {"red": "red", "blue": "blue"}, "defaultVariant": "red",
            "targeting": {"if": [{"ends_with": [{"var": "email"}, "@example.com"]}, "blue"]},
            "metadata": {"owner": "web"}}"#,
    )
    .unwrap();
    for args in [
        &[
            "set",
            "beta",
            "--variants",
            "on=true,off=false",
            "--default",
            "off",
            "--reason",
            "vocabulary",
        ][..],
        &["set", "color", "--file", flag_file][..],
        &["disable", "beta"][..],
        &["delete", "beta"][..],
    ] {
        for doc in documents(&with(e, &f(args))) {
            let mut audit = doc["audit"].clone();
            audit["time"] = doc["time"].clone();
            got.add("The config audit record", &format!("flags {args:?}"), audit);
            got.add("etcdkit flags set", &format!("flags {args:?}"), doc);
        }
    }
    for doc in documents(&with(e, &f(&["enable", "color"]))) {
        got.add("etcdkit flags enable", "flags enable (no change)", doc);
    }
    etcd.etcdctl_ok(&["put", "/json-vocabulary/flags/broken", r#"{"state": "ON"}"#]);
    for doc in documents(&with(e, &f(&["get", "color"]))) {
        got.add("etcdkit flags get", "flags get", doc);
    }
    for doc in documents(&with(e, &f(&["list"]))) {
        got.add("etcdkit flags list", "flags list", doc);
    }
    for doc in documents(&with(e, &f(&["log"]))) {
        got.add("etcdkit flags log", "flags log", doc);
    }
    for args in [
        &["eval", "color", "--context", "email=a@example.com"][..],
        &["eval", "nope", "--default", "x"][..],
        &["eval", "--all"][..],
    ] {
        for doc in documents(&with(e, &f(args))) {
            got.add("etcdkit flags eval", &format!("flags {args:?}"), doc);
        }
    }
    let mut lines = BufReader::new(watch.stdout.take().unwrap()).lines();
    // beta set, color set, beta disabled, beta deleted, the broken flag put.
    for _ in 0..5 {
        let line = lines.next().expect("a change").expect("a line");
        let doc: Value = serde_json::from_str(&line).expect("a JSON line");
        got.add("etcdkit flags watch", "flags watch", doc);
    }
    stop(watch);
}

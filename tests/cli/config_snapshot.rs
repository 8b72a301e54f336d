//! `etcdkit config export` and `config import` against real etcd: round trips in JSON, YAML and
//! TOML keep values and types; the file's revision is the one read at; import shows the diff,
//! asks, and is all-or-nothing (a dry run, a refusal, a conflict, a schema, a bad file and a
//! SIGKILL at any moment all leave the tree as it was, or as the file has it); `--prune`,
//! and `--batch` for imports larger than one transaction, completed by running it again.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine;
use serde_json::{json, Value};

use crate::run::{run_command, wait_until, Run};
use crate::support::{spawn_tied_to_test, Etcd};
use crate::terminal::OnTerminal;

const LIMIT: Duration = Duration::from_secs(120);

/// A real etcd and a scratch directory for snapshot files.
struct Scene {
    etcd: Etcd,
    dir: tempfile::TempDir,
}

impl Scene {
    fn new() -> Scene {
        Scene {
            etcd: Etcd::single(),
            dir: tempfile::tempdir().unwrap(),
        }
    }

    /// `etcdkit --endpoints E config --root ROOT ARGS`.
    fn command(&self, root: &str, args: &[&str]) -> Command {
        crate::config::config_command(&self.etcd, root, args)
    }

    fn run(&self, root: &str, args: &[&str]) -> Run {
        run_command(&mut self.command(root, args))
    }

    /// Runs with `input` on stdin.
    fn run_with_stdin(&self, root: &str, args: &[&str], input: &[u8]) -> Run {
        let mut cmd = self.command(root, args);
        cmd.stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().unwrap();
        child.stdin.take().unwrap().write_all(input).unwrap();
        let out = child.wait_with_output().unwrap();
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Writes a snapshot file of `keys` (JSON) and returns its path.
    fn file(&self, name: &str, prefix: &str, keys: &BTreeMap<String, Value>) -> String {
        let doc = json!({"etcdkit_config": 1, "prefix": prefix, "keys": keys});
        let path = self.path(name);
        std::fs::write(&path, serde_json::to_vec_pretty(&doc).unwrap()).unwrap();
        path.to_string_lossy().into_owned()
    }

    /// The raw keys under `root` (bookkeeping included), as etcdctl reads them: key (relative)
    /// to (value text, mod revision).
    fn raw(&self, root: &str) -> BTreeMap<String, (String, i64)> {
        let out = self
            .etcd
            .etcdctl_ok(&["get", "--prefix", &format!("{root}/"), "-w", "json"]);
        let doc: Value = serde_json::from_str(&out).unwrap();
        let b64 = base64::engine::general_purpose::STANDARD;
        doc["kvs"]
            .as_array()
            .map(|kvs| {
                kvs.iter()
                    .map(|kv| {
                        let text = |f: &str| {
                            String::from_utf8(b64.decode(kv[f].as_str().unwrap_or("")).unwrap())
                                .unwrap()
                        };
                        let key = text("key")[root.len() + 1..].to_string();
                        (key, (text("value"), kv["mod_revision"].as_i64().unwrap()))
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The configuration keys under `root` (no bookkeeping), typed.
    fn values(&self, root: &str) -> BTreeMap<String, Value> {
        self.raw(root)
            .into_iter()
            .filter(|(k, _)| !k.starts_with('.'))
            .map(|(k, (v, _))| (k, serde_json::from_str(&v).unwrap()))
            .collect()
    }

    /// The mod revision of ROOT/.audit (none: never written).
    fn audit_revision(&self, root: &str) -> Option<i64> {
        self.raw(root).get(".audit").map(|(_, r)| *r)
    }

    /// The audit record.
    fn audit(&self, root: &str) -> Value {
        let (text, _) = self.raw(root).remove(".audit").expect("an audit record");
        serde_json::from_str(&text).unwrap()
    }

    /// The store's current revision.
    fn revision(&self) -> i64 {
        let out = self.etcd.etcdctl_ok(&["get", "nothing-here", "-w", "json"]);
        let doc: Value = serde_json::from_str(&out).unwrap();
        doc["header"]["revision"].as_i64().unwrap()
    }

    /// Imports `keys` under `root` with --yes (a seed).
    fn seed(&self, root: &str, keys: &BTreeMap<String, Value>) {
        let file = self.file("seed.json", "", keys);
        self.run(root, &["import", &file, "--yes", "--batch"])
            .expect_code(0);
    }
}

fn keys(pairs: &[(&str, Value)]) -> BTreeMap<String, Value> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect()
}

/// `n` keys `PREFIX/key-NNN` with values `tag-N`.
fn many(prefix: &str, n: usize, tag: &str) -> BTreeMap<String, Value> {
    (0..n)
        .map(|i| (format!("{prefix}/key-{i:03}"), json!(format!("{tag}-{i}"))))
        .collect()
}

fn typed_values() -> BTreeMap<String, Value> {
    keys(&[
        ("db/host", json!("db-1.internal")),
        ("db/port", json!(5432)),
        ("db/port_text", json!("5432")),
        ("db/ratio", json!(0.25)),
        ("db/whole_float", json!(2.0)),
        ("db/on", json!(true)),
        ("db/yes_text", json!("yes")),
        (
            "db/tls",
            json!({"on": true, "ciphers": ["a", "b"], "nested": {"x": -1}}),
        ),
        ("db/list", json!([1, "two", 3.5, false])),
        ("db/empty", json!("")),
        ("db/quote", json!("say \"hi\"\n\ttab")),
        ("other/x", json!(1)),
    ])
}

#[test]
fn export_then_import_into_another_root_gives_the_same_values_and_types_in_every_format() {
    let s = Scene::new();
    let mut source = typed_values();
    s.seed("/src", &source);
    for format in ["json", "yaml", "toml"] {
        let at = s.revision();
        // Through a file, by its extension, then through stdin with --format.
        let path = s.path(&format!("db.{format}"));
        let p = path.to_string_lossy().into_owned();
        s.run("/src", &["export", "db", "--dest", &p])
            .expect_code(0);
        let text = std::fs::read_to_string(&path).unwrap();
        let to = format!("/copy-{format}");
        s.run(&to, &["import", &p, "--yes"]).expect_code(0);
        let want: BTreeMap<String, Value> = source
            .iter()
            .filter(|(k, _)| k.starts_with("db/"))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        assert_eq!(s.values(&to), want, "{format}:\n{text}");
        // The stored JSON is the same text, so the types are the same.
        for (k, v) in &want {
            assert_eq!(&s.raw(&to)[k].0, &v.to_string(), "{format} {k}");
        }
        let piped = s.run("/src", &["export", "--format", format]);
        piped.expect_code(0);
        let whole = format!("/piped-{format}");
        s.run_with_stdin(
            &whole,
            &["import", "-", "--format", format, "--yes"],
            piped.stdout.as_bytes(),
        )
        .expect_code(0);
        assert_eq!(s.values(&whole), source, "{format} through stdin");
        // The revision in the file is the one the tree was read at.
        let file_revision = match format {
            "json" => serde_json::from_str::<Value>(&text).unwrap()["revision"].clone(),
            _ => json!(text
                .lines()
                .find_map(|l| l.strip_prefix("revision").map(|r| r
                    .trim_start_matches([':', '=', ' '])
                    .parse::<i64>()
                    .unwrap()))
                .unwrap()),
        };
        assert_eq!(file_revision, json!(at), "{format}:\n{text}");
    }
    // A null: JSON and YAML hold it, TOML refuses it naming the key, and writes no file.
    source.insert("db/nothing".into(), Value::Null);
    s.seed("/src", &source);
    for format in ["json", "yaml"] {
        let out = s.run("/src", &["export", "--format", format]);
        out.expect_code(0);
        let to = format!("/null-{format}");
        s.run_with_stdin(
            &to,
            &["import", "-", "--format", format, "--yes"],
            out.stdout.as_bytes(),
        )
        .expect_code(0);
        assert_eq!(s.values(&to)["db/nothing"], Value::Null, "{format}");
    }
    let dest = s.path("null.toml");
    s.run("/src", &["export", "--dest", dest.to_str().unwrap()])
        .expect_refused("db/nothing");
    assert!(!dest.exists());
}

#[test]
fn import_shows_the_diff_and_a_dry_run_or_a_missing_yes_writes_nothing() {
    let s = Scene::new();
    s.seed(
        "/app",
        &keys(&[
            ("db/host", json!("a")),
            ("db/port", json!(1)),
            ("db/gone", json!(0)),
        ]),
    );
    let before = s.raw("/app");
    let file = s.file(
        "new.json",
        "db",
        &keys(&[
            ("db/host", json!("b")),
            ("db/port", json!(1)),
            ("db/new", json!([1])),
        ]),
    );
    let dry = s.run("/app", &["import", &file, "--dry-run"]);
    dry.expect_code(0);
    assert!(
        dry.stdout.contains("~ db/host: \"a\" -> \"b\""),
        "{}",
        dry.stdout
    );
    assert!(dry.stdout.contains("+ db/new = [1]"), "{}", dry.stdout);
    assert!(!dry.stdout.contains("db/port"), "{}", dry.stdout);
    assert!(
        dry.stdout.contains("1 key under db not in the file kept"),
        "{}",
        dry.stdout
    );
    assert!(dry.stdout.contains("nothing written"), "{}", dry.stdout);
    assert_eq!(s.raw("/app"), before, "a dry run wrote");
    let json = s
        .run("/app", &["import", &file, "--dry-run", "-o", "json"])
        .json();
    assert_eq!(json["changes"], 2);
    assert_eq!(json["dry_run"], true);
    assert_eq!(json["changed"][0]["key"], "db/host");
    // No terminal and no --yes: refused, nothing written.
    let refused = s.run("/app", &["import", &file]);
    refused.expect_code(3);
    assert!(refused.stderr.contains("pass --yes"), "{}", refused.stderr);
    assert_eq!(s.raw("/app"), before, "a refused import wrote");
    // --yes: applied in one transaction with its audit record.
    let done = s.run(
        "/app",
        &[
            "import", &file, "--yes", "--reason", "restore", "-o", "json",
        ],
    );
    done.expect_code(0);
    let doc = done.json();
    assert_eq!(doc["applied"], 2);
    assert_eq!(doc["transactions"].as_array().unwrap().len(), 1);
    let audit = s.audit("/app");
    assert_eq!(audit["action"], "import");
    assert_eq!(audit["reason"], "restore");
    assert_eq!(audit["keys"], 2);
    assert_eq!(
        s.audit_revision("/app"),
        doc["transactions"][0]["revision"].as_i64()
    );
    let values = s.values("/app");
    assert_eq!(values["db/host"], json!("b"));
    assert_eq!(values["db/new"], json!([1]));
    assert_eq!(values["db/gone"], json!(0), "kept without --prune");
    // Again: nothing to change, no write.
    let audit_at = s.audit_revision("/app");
    let again = s.run("/app", &["import", &file]);
    again.expect_code(0);
    assert!(
        again.stdout.contains("nothing to change"),
        "{}",
        again.stdout
    );
    assert_eq!(s.audit_revision("/app"), audit_at);
}

#[test]
fn prune_deletes_the_keys_the_file_does_not_have_and_only_under_its_prefix() {
    let s = Scene::new();
    s.seed(
        "/app",
        &keys(&[
            ("db/a", json!(1)),
            ("db/b", json!(2)),
            ("dbx", json!(3)),
            ("web/c", json!(4)),
        ]),
    );
    let file = s.file("db.json", "db", &keys(&[("db/a", json!(1))]));
    s.run("/app", &["import", &file, "--yes"]).expect_code(0);
    assert!(
        s.values("/app").contains_key("db/b"),
        "without --prune it stays"
    );
    let pruned = s.run("/app", &["import", &file, "--yes", "--prune"]);
    pruned.expect_code(0);
    assert!(
        pruned.stdout.contains("- db/b (was 2)"),
        "{}",
        pruned.stdout
    );
    assert_eq!(
        s.values("/app"),
        keys(&[("db/a", json!(1)), ("dbx", json!(3)), ("web/c", json!(4))])
    );
}

#[test]
fn a_plan_over_127_changes_needs_batch_and_running_it_again_completes_a_stopped_batch() {
    let s = Scene::new();
    let fits = s.file("127.json", "a", &many("a", 127, "v"));
    let done = s.run("/app", &["import", &fits, "--yes", "-o", "json"]);
    done.expect_code(0);
    assert_eq!(done.json()["transactions"].as_array().unwrap().len(), 1);
    let big = s.file("300.json", "b", &many("b", 300, "v"));
    let before = s.raw("/app");
    let refused = s.run("/app", &["import", &big, "--yes"]);
    refused.expect_code(3);
    for says in ["300 changes", "128 operations", "--batch", "--max-txn-ops"] {
        assert!(refused.stderr.contains(says), "{says}: {}", refused.stderr);
    }
    assert_eq!(s.raw("/app"), before, "a refused import wrote");
    // Told a larger limit than etcd's own (128): etcd refuses the transaction, said, and
    // nothing is written.
    let one = s.run("/one", &["import", &big, "--yes", "--max-txn-ops", "1000"]);
    one.expect_code(3);
    assert!(one.stderr.contains("lower --max-txn-ops"), "{}", one.stderr);
    assert!(s.values("/one").is_empty());
    // Batches of 10 (--max-txn-ops 11), stopped by SIGKILL after the first is applied.
    let mut cmd = s.command(
        "/app",
        &["import", &big, "--yes", "--batch", "--max-txn-ops", "11"],
    );
    cmd.stdout(Stdio::null()).stderr(Stdio::piped());
    let mut child = spawn_tied_to_test(cmd).unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    assert!(first.contains("applied 10 changes"), "{first}");
    child.kill().unwrap();
    child.wait().unwrap();
    let partial = s
        .values("/app")
        .keys()
        .filter(|k| k.starts_with("b/"))
        .count();
    assert!((10..300).contains(&partial), "{partial} of 300 applied");
    assert_eq!(partial % 10, 0, "whole transactions only: {partial}");
    let rest = s.run("/app", &["import", &big, "--yes", "--batch", "-o", "json"]);
    rest.expect_code(0);
    let doc = rest.json();
    assert_eq!(
        doc["changes"],
        300 - partial,
        "the new plan holds only what is left"
    );
    assert_eq!(
        doc["transactions"].as_array().unwrap().len(),
        (300 - partial).div_ceil(127)
    );
    let values = s.values("/app");
    for (k, v) in many("b", 300, "v") {
        assert_eq!(values.get(&k), Some(&v), "{k}");
    }
}

/// The process's open sockets (a connection to etcd once it has one).
fn has_socket(pid: u32) -> bool {
    std::fs::read_dir(format!("/proc/{pid}/fd"))
        .map(|fds| {
            fds.flatten().any(|fd| {
                std::fs::read_link(fd.path())
                    .is_ok_and(|l| l.to_string_lossy().starts_with("socket:"))
            })
        })
        .unwrap_or(false)
}

#[test]
fn an_import_killed_at_any_moment_leaves_all_of_the_file_or_none_of_it() {
    let s = Scene::new();
    let a = many("k", 127, "a");
    let b = many("k", 127, "b");
    s.seed("/app", &a);
    let files = [s.file("a.json", "k", &a), s.file("b.json", "k", &b)];
    let (mut old, mut new) = (0, 0);
    for round in 0..32 {
        let values = s.values("/app");
        let (from, target) = if values == a { (&a, 1) } else { (&b, 0) };
        let mut cmd = s.command("/app", &["import", &files[target], "--yes"]);
        cmd.stdout(Stdio::piped()).stderr(Stdio::null());
        let mut child = spawn_tied_to_test(cmd).unwrap();
        let pid = child.id();
        // Kill points: at once; once it is connected; once the plan is out; and once the
        // last plan line is out (the write follows it) plus a growing spin of a few hundred
        // microseconds, to land inside the write.
        match round % 4 {
            0 => {}
            1 => wait_until("a connection", LIMIT, || {
                has_socket(pid) || child.try_wait().unwrap().is_some()
            }),
            phase => {
                let mut stdout = BufReader::new(child.stdout.take().unwrap());
                let wanted = if phase == 2 { 1 } else { 127 };
                let mut line = String::new();
                for _ in 0..wanted {
                    line.clear();
                    if stdout.read_line(&mut line).unwrap() == 0 {
                        break;
                    }
                }
                let spin = Duration::from_micros(250 * (round as u64 / 4));
                let from = Instant::now();
                while phase == 3 && from.elapsed() < spin {
                    std::hint::spin_loop();
                }
            }
        }
        let _ = child.kill();
        child.wait().unwrap();
        let after = s.values("/app");
        let to = if target == 1 { &b } else { &a };
        if &after == from {
            old += 1;
        } else if &after == to {
            new += 1;
        } else {
            let mixed = after
                .iter()
                .filter(|(k, v)| from.get(*k) != Some(v))
                .count();
            panic!("round {round}: the tree holds {mixed} of 127 new values: not all or nothing");
        }
    }
    assert!(old > 0, "no kill landed before the write ({new} after)");
    // Without a kill, it all goes in.
    let last = if s.values("/app") == a { 1 } else { 0 };
    s.run("/app", &["import", &files[last], "--yes"])
        .expect_code(0);
    assert_eq!(s.values("/app"), if last == 1 { b } else { a });
    eprintln!("killed before the write: {old}, after: {new}");
}

/// `etcdkit config --root ROOT ARGS` on a terminal (a pty).
fn on_terminal(s: &Scene, root: &str, args: &str) -> OnTerminal {
    let all = format!(
        "--endpoints {} config --root {root} {args}",
        s.etcd.endpoints()
    );
    OnTerminal::start(&all, 200)
}

fn shown(t: &OnTerminal) -> String {
    String::from_utf8_lossy(&t.shown()).into_owned()
}

fn wait_for(t: &OnTerminal, what: &str) {
    wait_until(what, LIMIT, || shown(t).contains(what));
}

fn finish(t: OnTerminal) -> (i32, String) {
    let (code, bytes) = t.finish();
    (code, String::from_utf8_lossy(&bytes).into_owned())
}

#[test]
fn on_a_terminal_import_asks_and_a_change_between_the_plan_and_the_answer_is_a_conflict() {
    let s = Scene::new();
    s.seed(
        "/app",
        &keys(&[("db/host", json!("a")), ("db/port", json!(1))]),
    );
    let file = s.file(
        "new.json",
        "db",
        &keys(&[("db/host", json!("b")), ("db/port", json!(2))]),
    );
    // Answered no: nothing written.
    let before = s.raw("/app");
    let mut t = on_terminal(&s, "/app", &format!("import {file}"));
    wait_for(&t, "Apply 2 changes to /app? [y/N]");
    assert!(
        shown(&t).contains("~ db/host: \"a\" -> \"b\""),
        "{}",
        shown(&t)
    );
    t.type_keys(b"n\n");
    let (code, text) = finish(t);
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("nothing written"), "{text}");
    assert_eq!(s.raw("/app"), before);
    // Another writer changes a key while the question is on the screen: conflict, exit 1,
    // nothing of the file written.
    let mut t = on_terminal(&s, "/app", &format!("import {file}"));
    wait_for(&t, "[y/N]");
    s.etcd.put("/app/db/port", "7");
    t.type_keys(b"y\n");
    let (code, text) = finish(t);
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("db/port changed since"), "{text}");
    assert!(text.contains("run the import again"), "{text}");
    let values = s.values("/app");
    assert_eq!(values["db/host"], json!("a"), "nothing of the file written");
    assert_eq!(values["db/port"], json!(7));
    // Answered yes on a new plan: applied.
    let mut t = on_terminal(&s, "/app", &format!("import {file}"));
    wait_for(&t, "[y/N]");
    t.type_keys(b"y\n");
    let (code, text) = finish(t);
    assert_eq!(code, 0, "{text}");
    assert_eq!(
        s.values("/app"),
        keys(&[("db/host", json!("b")), ("db/port", json!(2))])
    );
}

#[test]
fn a_schema_violation_on_import_names_the_field_and_writes_nothing() {
    let s = Scene::new();
    s.seed("/app", &keys(&[("db/port", json!(1))]));
    s.etcd.put(
        "/app/.schema/db",
        r#"{"type":"object","properties":{"port":{"type":"integer"},"host":{"type":"string"}}}"#,
    );
    let before = s.raw("/app");
    let file = s.file(
        "bad.json",
        "db",
        &keys(&[("db/port", json!("abc")), ("db/host", json!("h"))]),
    );
    for extra in [&["--yes"][..], &["--dry-run"]] {
        let out = s.run("/app", &[&["import", file.as_str()][..], extra].concat());
        out.expect_refused("db/port");
        assert!(out.stderr.contains("schema"), "{}", out.stderr);
        assert_eq!(s.raw("/app"), before, "{extra:?} wrote");
    }
}

#[test]
fn bad_files_are_refused_in_words_and_nothing_is_written() {
    let s = Scene::new();
    s.seed("/app", &keys(&[("db/port", json!(1))]));
    let before = s.raw("/app");
    let write = |name: &str, text: &str| {
        let p = s.path(name);
        std::fs::write(&p, text).unwrap();
        p.to_string_lossy().into_owned()
    };
    let cases = [
        (
            write(
                "a.json",
                "{\"etcdkit_config\": 1,\n\"keys\": {\"db/port\": 2,}}",
            ),
            "line 2",
        ),
        (
            write("a.yaml", "etcdkit_config: 1\nkeys:\n  db/port: [\n"),
            "line",
        ),
        (
            write("a.toml", "etcdkit_config = 1\n[keys]\n\"db/port\" = \n"),
            "line 3",
        ),
        (
            write(
                "b.json",
                r#"{"etcdkit_config": 1, "keys": {}, "note": "x"}"#,
            ),
            "note",
        ),
        (
            write("c.json", r#"{"etcdkit_config": 9, "keys": {}}"#),
            "version 9",
        ),
        (
            write("d.json", r#"{"etcdkit_config": 1, "keys": {"db/../x": 1}}"#),
            "db/../x",
        ),
        (
            write("e.json", r#"{"etcdkit_config": 1, "keys": {"db/.x": 1}}"#),
            "db/.x",
        ),
        (
            write("f.json", r#"{"keys": {"db/port": 2}}"#),
            "etcdkit_config",
        ),
        (write("g.json", ""), "is empty"),
        (write("h.txt", "{}"), "extension"),
        (
            s.dir.path().to_string_lossy().into_owned(),
            "is a directory",
        ),
        ("/dev/null".to_string(), "character device"),
        (
            s.path("missing.json").to_string_lossy().into_owned(),
            "no snapshot file",
        ),
    ];
    for (file, says) in &cases {
        s.run("/app", &["import", file, "--yes", "--prune"])
            .expect_refused(says);
        assert_eq!(s.raw("/app"), before, "{file} wrote");
    }
    for dest in [s.dir.path(), Path::new("/dev/null")] {
        s.run("/app", &["export", "--dest", dest.to_str().unwrap()])
            .expect_refused("snapshot file");
    }
    assert!(Path::new("/dev/null").exists());
}

#[test]
fn told_etcd_s_larger_limit_import_applies_a_large_plan_in_one_transaction() {
    let etcd = Etcd::single_with(&["--max-txn-ops", "1000"]);
    let s = Scene {
        etcd,
        dir: tempfile::tempdir().unwrap(),
    };
    let big = s.file("300.json", "b", &many("b", 300, "v"));
    s.run("/app", &["import", &big, "--yes"])
        .expect_refused("--max-txn-ops");
    let done = s.run(
        "/app",
        &[
            "import",
            &big,
            "--yes",
            "--max-txn-ops",
            "1000",
            "-o",
            "json",
        ],
    );
    done.expect_code(0);
    assert_eq!(done.json()["transactions"].as_array().unwrap().len(), 1);
    assert_eq!(s.values("/app"), many("b", 300, "v"));
    assert_eq!(s.audit("/app")["keys"], 300);
}

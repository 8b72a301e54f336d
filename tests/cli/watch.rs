//! `etcdkit watch` against real etcd: the JSON Lines fields, prefixes, replay with --rev,
//! --prev-kv, --count, plain escaping, a command per event, a resync after a compaction, and a
//! member killed mid-watch.

use std::io::Write;
use std::process::Stdio;
use std::time::Duration;

use serde_json::Value;

use crate::lock_scene::{wait_for, Spawned};
use crate::run::{etcdkit, etcdkit_command, Run};
use crate::support::Etcd;

/// The store's revision now.
fn revision(etcd: &Etcd) -> i64 {
    let out = etcd.etcdctl_ok(&["get", "/", "-w", "json"]);
    let doc: Value = serde_json::from_str(&out).unwrap();
    doc["header"]["revision"].as_i64().unwrap()
}

/// `etcdctl put key` with the value's bytes on stdin (any bytes).
fn put_bytes(etcd: &Etcd, key: &str, value: &[u8]) {
    let mut child = etcd
        .etcdctl_command()
        .args(["put", "--", key])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(value).unwrap();
    assert!(child.wait().unwrap().success(), "put {key} failed");
}

/// `etcdkit watch --endpoints EP ARGS...`, run to its end.
fn watch(etcd: &Etcd, args: &[&str]) -> Run {
    let ep = etcd.endpoints();
    let mut all = vec!["watch", "--endpoints", &ep];
    all.extend_from_slice(args);
    etcdkit(&all)
}

/// `etcdkit watch --endpoints EP ARGS... -o json` in the background.
fn spawn_watch(etcd: &Etcd, label: &str, args: &[&str]) -> Spawned {
    let mut cmd = etcdkit_command();
    cmd.args(["watch", "--endpoints", &etcd.endpoints()])
        .args(args)
        .args(["-o", "json"]);
    Spawned::spawn(cmd, etcd.dir(), label)
}

/// Writes a history under /app (and /app_other) and returns the revision before it.
fn app_history(etcd: &Etcd) -> i64 {
    let start = revision(etcd);
    etcd.put("/app/a", "héllo");
    put_bytes(etcd, "/app/bin", &[0xff, 0x00, 0xfe]);
    etcd.put("/app_other/x", "1");
    etcd.put("/app/a", "v2");
    etcd.etcdctl_ok(&["del", "/app/a"]);
    start
}

#[test]
fn json_lines_carry_decoded_keys_values_revisions_and_prev_values() {
    let etcd = Etcd::single();
    let start = app_history(&etcd);
    let lease_out = etcd.etcdctl_ok(&["lease", "grant", "600"]);
    let lease = lease_out.split_whitespace().nth(1).unwrap().to_string();
    etcd.etcdctl_ok(&["put", "--lease", &lease, "/app/leased", "x"]);
    let from = (start + 1).to_string();
    let run = watch(
        &etcd,
        &[
            "/app",
            "--prefix",
            "--rev",
            &from,
            "--prev-kv",
            "--count",
            "5",
            "-o",
            "json",
        ],
    );
    run.expect_code(0);
    let events = run.json_lines();
    assert_eq!(events.len(), 5, "{}", run.stdout);
    let r = |i: i64| start + i;
    let mut events = events;
    for event in &mut events {
        let time = event.as_object_mut().unwrap().remove("time");
        assert!(time.is_some_and(|t| t.is_string()), "every line has a time");
    }
    assert_eq!(
        events[0],
        serde_json::json!({"type": "put", "key": "/app/a", "value": "héllo", "revision": r(1),
            "create_revision": r(1), "mod_revision": r(1), "version": 1, "lease": "0"})
    );
    assert_eq!(events[1]["key"], "/app/bin");
    assert_eq!(events[1]["value_base64"], "/wD+");
    assert!(events[1].get("value").is_none());
    // /app_other/x (revision start+3) is not under /app/.
    assert_eq!(events[2]["revision"], r(4));
    assert_eq!(events[2]["value"], "v2");
    assert_eq!(events[2]["version"], 2);
    assert_eq!(events[2]["prev"]["value"], "héllo");
    assert_eq!(events[2]["prev"]["mod_revision"], r(1));
    assert_eq!(events[3]["type"], "delete");
    assert_eq!(events[3]["key"], "/app/a");
    assert_eq!(events[3]["mod_revision"], r(5));
    assert_eq!(events[3]["prev"]["value"], "v2");
    assert!(events[3].get("value").is_none());
    assert_eq!(events[4]["key"], "/app/leased");
    assert_eq!(
        events[4]["lease"].as_str().unwrap(),
        // etcdctl's `lease grant` pads to 16 digits; IDs in etcdkit's JSON are not padded.
        lease.trim_start_matches('0'),
        "the lease in hex, as etcdctl prints it"
    );
    assert!(events.iter().all(|e| e.get("resync").is_none()));
}

#[test]
fn a_prefix_is_a_directory_and_a_raw_prefix_is_taken_as_given() {
    let etcd = Etcd::single();
    let start = app_history(&etcd);
    let from = (start + 1).to_string();
    let keys = |flag: &str, count: &str| -> Vec<String> {
        let run = watch(
            &etcd,
            &["/app", flag, "--rev", &from, "--count", count, "-o", "json"],
        );
        run.expect_code(0);
        run.json_lines()
            .iter()
            .map(|e| e["key"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        keys("--prefix", "4"),
        ["/app/a", "/app/bin", "/app/a", "/app/a"]
    );
    assert_eq!(
        keys("--raw-prefix", "5"),
        ["/app/a", "/app/bin", "/app_other/x", "/app/a", "/app/a"]
    );
}

#[test]
fn plain_lines_escape_so_that_one_event_is_one_line_and_the_key_one_field() {
    let etcd = Etcd::single();
    let start = revision(&etcd);
    etcd.put("/p/a b", "line1\nline2\tend\\");
    put_bytes(&etcd, "/p/bin", b"\xff\x1b");
    etcd.etcdctl_ok(&["del", "/p/a b"]);
    let from = (start + 1).to_string();
    let run = watch(
        &etcd,
        &[
            "/p", "--prefix", "--rev", &from, "--count", "3", "-o", "plain",
        ],
    );
    run.expect_code(0);
    assert_eq!(
        run.stdout,
        "PUT /p/a\\x20b line1\\nline2\\tend\\\\\nPUT /p/bin \\xff\\x1b\nDELETE /p/a\\x20b\n"
    );
}

#[test]
fn a_live_watch_prints_changes_after_its_start_and_count_ends_it_with_exit_0() {
    let etcd = Etcd::single();
    etcd.put("/live/before", "old");
    let from = (revision(&etcd) + 1).to_string();
    let mut watcher = spawn_watch(
        &etcd,
        "live-watch",
        &["/live", "--prefix", "--rev", &from, "--count", "2"],
    );
    etcd.put("/live/one", "1");
    etcd.put("/live/two", "2");
    etcd.put("/live/three", "3");
    let run = watcher.wait(30);
    run.expect_code(0);
    let keys: Vec<_> = run.json_lines().iter().map(|e| e["key"].clone()).collect();
    assert_eq!(keys, ["/live/one", "/live/two"]);
}

#[test]
fn list_prints_the_current_keys_first_then_the_changes_after_them() {
    let etcd = Etcd::single();
    etcd.put("/ls/a", "1");
    etcd.put("/ls/b", "2");
    etcd.etcdctl_ok(&["del", "/ls/a"]);
    let listed_at = revision(&etcd);
    let mut watcher = spawn_watch(
        &etcd,
        "list-watch",
        &["/ls", "--prefix", "--list", "--count", "2"],
    );
    wait_for("the listing printed", 30, || {
        watcher.stdout().contains("/ls/b")
    });
    etcd.put("/ls/c", "3");
    let run = watcher.wait(30);
    run.expect_code(0);
    let events = run.json_lines();
    assert_eq!(events[0]["key"], "/ls/b");
    assert_eq!(events[0]["value"], "2");
    assert_eq!(events[0]["revision"], listed_at);
    assert_eq!(events[1]["key"], "/ls/c");
    assert_eq!(events[1]["revision"], listed_at + 1);
}

#[test]
fn sigint_ends_a_watch_with_exit_0_like_the_other_streams() {
    let etcd = Etcd::single();
    let from = (revision(&etcd) + 1).to_string();
    let mut watcher = spawn_watch(&etcd, "sigint-watch", &["/int", "--prefix", "--rev", &from]);
    etcd.put("/int/a", "1");
    wait_for("the event printed", 30, || {
        watcher.stdout().contains("/int/a")
    });
    watcher.signal(libc::SIGINT);
    let run = watcher.wait(30);
    run.expect_code(0);
    assert_eq!(run.json_lines().len(), 1);
}

#[test]
fn a_command_runs_once_per_event_in_order_with_the_watch_variables() {
    let etcd = Etcd::single();
    let start = revision(&etcd);
    etcd.put("/cmd/a", "1");
    etcd.put("/cmd/a", "2");
    etcd.etcdctl_ok(&["del", "/cmd/a"]);
    let log = etcd.dir().join("events.log");
    let script = format!(
        "printf '%s|%s|%s|%s|%s|%s|%s|%s\\n' \"$ETCDKIT_WATCH_TYPE\" \"$ETCDKIT_WATCH_KEY\" \
         \"$ETCDKIT_WATCH_VALUE\" \"$ETCDKIT_WATCH_REVISION\" \"$ETCDKIT_WATCH_PREV_VALUE\" \
         \"$ETCD_WATCH_EVENT_TYPE\" \"$ETCD_WATCH_KEY\" \"$ETCD_WATCH_REVISION\" >> {}; exit 1",
        log.display()
    );
    let from = (start + 1).to_string();
    let run = watch(
        &etcd,
        &[
            "/cmd/a",
            "--rev",
            &from,
            "--prev-kv",
            "--count",
            "3",
            "--",
            "sh",
            "-c",
            &script,
        ],
    );
    run.expect_code(0);
    assert!(
        run.stdout.is_empty(),
        "with a command nothing is printed: {}",
        run.stdout
    );
    assert_eq!(
        run.stderr.matches("failed (exit 1)").count(),
        3,
        "each failure is said and the watch goes on:\n{}",
        run.stderr
    );
    let lines = std::fs::read_to_string(&log).unwrap();
    let (r1, r2, r3) = (start + 1, start + 2, start + 3);
    assert_eq!(
        lines,
        format!(
            "put|/cmd/a|1|{r1}||PUT|/cmd/a|{r1}\nput|/cmd/a|2|{r2}|1|PUT|/cmd/a|{r2}\ndelete|/cmd/a||{r3}|2|DELETE|/cmd/a|{r3}\n"
        )
    );
    // --stop-on-error ends at the first failure, with its code.
    let run = watch(
        &etcd,
        &[
            "/cmd/a",
            "--rev",
            &from,
            "--stop-on-error",
            "--",
            "sh",
            "-c",
            "exit 9",
        ],
    );
    run.expect_code(9);
}

#[test]
fn a_resume_from_a_compacted_revision_resyncs_and_says_so() {
    let etcd = Etcd::single();
    let start = revision(&etcd);
    etcd.put("/r/a", "1");
    etcd.put("/r/b", "2");
    etcd.etcdctl_ok(&["del", "/r/b"]);
    etcd.put("/r/c", "3");
    let now = revision(&etcd).to_string();
    etcd.etcdctl_ok(&["compact", &now]);
    let from = (start + 2).to_string();
    let run = watch(
        &etcd,
        &[
            "/r", "--prefix", "--rev", &from, "--count", "2", "-o", "json",
        ],
    );
    run.expect_code(0);
    let events = run.json_lines();
    let keys: Vec<_> = events.iter().map(|e| e["key"].clone()).collect();
    assert_eq!(keys, ["/r/a", "/r/c"], "{}", run.stdout);
    assert!(events.iter().all(|e| e["resync"] == true), "{}", run.stdout);
    let run = watch(
        &etcd,
        &[
            "/r", "--prefix", "--rev", &from, "--count", "2", "-o", "plain",
        ],
    );
    run.expect_code(0);
    assert_eq!(run.stdout, "PUT /r/a 1\nPUT /r/c 3\n");
    assert!(run.stderr.contains("compacted"), "{}", run.stderr);
}

#[test]
fn a_member_killed_mid_watch_loses_no_event() {
    let mut etcd = Etcd::cluster(3);
    let leader = etcd.wait_for_leader(Duration::from_secs(10));
    let from = (revision(&etcd) + 1).to_string();
    let mut watcher = spawn_watch(
        &etcd,
        "cluster-watch",
        &["/k", "--prefix", "--rev", &from, "--count", "200"],
    );
    let write = |etcd: &Etcd, at: usize, range: std::ops::Range<usize>| {
        for i in range {
            let out = etcd.etcdctl_at(at, &["put", &format!("/k/{i:03}"), "v"]);
            assert!(out.status.success(), "put {i}: {out:?}");
        }
    };
    write(&etcd, 1, 0..100);
    wait_for("100 events printed", 60, || {
        watcher.stdout().lines().count() >= 100
    });
    // The watch starts on the first endpoint: that member goes.
    etcd.kill(0);
    if leader == 0 {
        // Writes wait for the next leader; the watch does not.
        etcd.wait_for_new_leader(0, Duration::from_secs(30));
    }
    write(&etcd, 1, 100..200);
    let run = watcher.wait(60);
    run.expect_code(0);
    let events = run.json_lines();
    let keys: Vec<String> = events
        .iter()
        .map(|e| e["key"].as_str().unwrap().to_string())
        .collect();
    let wanted: Vec<String> = (0..200).map(|i| format!("/k/{i:03}")).collect();
    assert_eq!(keys, wanted, "every event once, in order");
    let revisions: Vec<i64> = events
        .iter()
        .map(|e| e["revision"].as_i64().unwrap())
        .collect();
    assert!(revisions.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn an_unreachable_cluster_at_the_start_exits_4_like_any_command() {
    let run = etcdkit(&[
        "watch",
        "--endpoints",
        "127.0.0.1:1",
        "--dial-timeout",
        "300ms",
        "/x",
    ]);
    run.expect_code(4);
}

//! `etcdkit config exec` and `etcdkit config watch` against real etcd: the environment a
//! command gets, restarts and reload signals on change (and nothing on no change), signals
//! passed on, the command dying with etcdkit, collisions refused, and changes printed with their
//! old and new typed values through a compaction and a member kill.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{json, Value};
use tempfile::TempDir;

use crate::lock_scene::{wait_for, Spawned};
use crate::run::{etcdkit_command, run_command, Run};
use crate::support::{process_alive, Etcd};

/// The command `config exec` runs: logs its start (pid and variables) and the signals it gets;
/// SIGTERM ends it with 11.
const CHILD_SH: &str = r#"
trap 'echo "HUP $$" >> "$DIR/events"' HUP
trap 'echo "USR1 $$" >> "$DIR/events"' USR1
trap 'echo "TERM $$" >> "$DIR/events"; exit 11' TERM
echo "start $$ host=$DB_HOST port=$DB_PORT ab=${DB_A_B-unset}" >> "$DIR/events"
while :; do sleep 0.05; done
"#;

/// One etcd, a tree under /app, a scratch dir.
struct Tree {
    etcd: Etcd,
    dir: TempDir,
}

impl Tree {
    fn on(etcd: Etcd) -> Tree {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("child.sh"), CHILD_SH).unwrap();
        Tree { etcd, dir }
    }

    fn single() -> Tree {
        Tree::on(Etcd::single())
    }

    fn dir(&self) -> &Path {
        self.dir.path()
    }

    fn path(&self, file: &str) -> PathBuf {
        self.dir().join(file)
    }

    /// `etcdkit --endpoints EP config --root /app ARGS...`, run in the scratch dir with $DIR set.
    fn command(&self, args: &[&str]) -> Command {
        let mut cmd = crate::config::config_command(&self.etcd, "/app", args);
        cmd.current_dir(self.dir()).env("DIR", self.dir());
        cmd
    }

    fn run(&self, args: &[&str]) -> Run {
        run_command(&mut self.command(args))
    }

    fn spawn(&self, label: &str, args: &[&str]) -> Spawned {
        Spawned::spawn(self.command(args), self.dir(), label)
    }

    fn set(&self, key: &str, value: &str) {
        self.run(&["set", key, value]).expect_code(0);
    }

    fn lines(&self, file: &str) -> Vec<String> {
        fs::read_to_string(self.path(file))
            .unwrap_or_default()
            .lines()
            .map(str::to_string)
            .collect()
    }

    /// Waits until `file` has `n` lines; returns them.
    fn wait_lines(&self, file: &str, n: usize, spawned: &mut Spawned) -> Vec<String> {
        wait_for(&format!("{n} lines in {file}"), 30, || {
            let lines = self.lines(file);
            assert!(
                lines.len() <= n,
                "more lines in {file} than {n}: {lines:#?}\nstderr:\n{}",
                spawned.stderr()
            );
            if lines.len() < n {
                assert!(
                    spawned.running(),
                    "exited early: {}\n{lines:#?}",
                    spawned.stderr()
                );
            }
            lines.len() == n
        });
        self.lines(file)
    }

    /// `config exec` of child.sh on the prefix db, with `flags`.
    fn exec(&self, label: &str, flags: &[&str]) -> Spawned {
        let script = self.path("child.sh");
        let mut args = vec!["exec", "db"];
        args.extend_from_slice(flags);
        args.extend(["--", "sh", script.to_str().unwrap()]);
        self.spawn(label, &args)
    }

    /// A `config watch` in the background, waited for until it watches.
    fn watch(&self, label: &str, args: &[&str]) -> Spawned {
        let mut all = vec!["watch"];
        all.extend_from_slice(args);
        let mut watcher = self.spawn(label, &all);
        wait_for(&format!("{label} watching"), 30, || {
            assert!(watcher.running(), "{label} exited: {}", watcher.stderr());
            watcher.stderr().contains("watching")
        });
        watcher
    }

    /// The store revision now.
    fn revision(&self) -> i64 {
        let out = self.etcd.etcdctl_ok(&["get", "/none", "-w", "json"]);
        let v: Value = serde_json::from_str(&out).unwrap();
        v["header"]["revision"].as_i64().unwrap()
    }
}

/// The pid of an `events` line (`start PID ...`, `HUP PID`, `TERM PID`).
fn pid_of(line: &str) -> u32 {
    line.split(' ').nth(1).unwrap().parse().unwrap()
}

#[test]
fn the_command_sees_the_keys_and_is_restarted_only_when_its_environment_changes() {
    let tree = Tree::single();
    tree.set("db/host", "h1");
    tree.set("db/port", "5432");
    tree.set("other/x", "1");
    let mut exec = tree.exec("exec", &["--kill-timeout", "5s"]);
    let first = tree.wait_lines("events", 1, &mut exec);
    assert!(
        first[0].ends_with("host=h1 port=5432 ab=unset"),
        "{first:?}"
    );
    let pid = pid_of(&first[0]);
    // Nothing under the prefix changes its environment: a key elsewhere, a value set to what it
    // was. The next real change is the positive signal that these were handled (in order).
    tree.set("other/x", "2");
    tree.set("db/host", "h1");
    tree.set("db/port", "5433");
    let events = tree.wait_lines("events", 3, &mut exec);
    assert_eq!(events[1], format!("TERM {pid}"));
    assert!(
        events[2].ends_with("host=h1 port=5433 ab=unset"),
        "{events:?}"
    );
    let second = pid_of(&events[2]);
    assert_ne!(second, pid);
    assert!(!process_alive(pid), "the first command still runs");
    // Two keys that make one name: the environment stays, with a warning naming both; the
    // pair undone leaves it as it was (no restart); the next change restarts.
    tree.set("db/a-b", "1");
    let events = tree.wait_lines("events", 5, &mut exec);
    assert!(events[4].ends_with("ab=1"), "{events:?}");
    tree.set("db/a_b", "2");
    wait_for("the collision warned about", 30, || {
        exec.stderr()
            .contains("db/a-b and db/a_b both make the variable DB_A_B")
    });
    tree.run(&["delete", "db/a_b"]).expect_code(0);
    tree.set("db/host", "h2");
    let events = tree.wait_lines("events", 7, &mut exec);
    assert!(events[6].ends_with("host=h2 port=5433 ab=1"), "{events:?}");
    // SIGTERM goes on to the command; etcdkit exits with its code.
    let last = pid_of(&events[6]);
    exec.signal(libc::SIGTERM);
    exec.wait(15).expect_code(11);
    assert_eq!(tree.lines("events")[7], format!("TERM {last}"));
    assert!(!process_alive(last));
}

#[test]
fn a_reload_signal_is_sent_instead_of_a_restart() {
    let tree = Tree::single();
    tree.set("db/host", "h1");
    let mut exec = tree.exec("exec", &["--reload-signal", "HUP"]);
    let pid = pid_of(&tree.wait_lines("events", 1, &mut exec)[0]);
    tree.set("db/host", "h2");
    let events = tree.wait_lines("events", 2, &mut exec);
    assert_eq!(events[1], format!("HUP {pid}"));
    tree.set("db/port", "1");
    let events = tree.wait_lines("events", 3, &mut exec);
    assert_eq!(events[2], format!("HUP {pid}"));
    assert!(process_alive(pid));
    // Signals sent to etcdkit reach the command: SIGUSR1 too.
    exec.signal(libc::SIGUSR1);
    let events = tree.wait_lines("events", 4, &mut exec);
    assert_eq!(events[3], format!("USR1 {pid}"));
    // SIGINT reaches the command too (not a terminal: etcdkit passes it on); it has no trap for
    // it, so it dies of it, and etcdkit says so the way a shell does.
    exec.signal(libc::SIGINT);
    exec.wait(15).expect_code(130);
}

#[test]
fn a_restart_sends_the_kill_signal_then_sigkill_after_the_kill_timeout() {
    let tree = Tree::single();
    tree.set("db/host", "h1");
    // The command takes SIGUSR1 without stopping: SIGKILL ends it after the timeout.
    let mut exec = tree.exec(
        "exec",
        &["--kill-signal", "USR1", "--kill-timeout", "300ms"],
    );
    let pid = pid_of(&tree.wait_lines("events", 1, &mut exec)[0]);
    tree.set("db/host", "h2");
    let events = tree.wait_lines("events", 3, &mut exec);
    assert_eq!(events[1], format!("USR1 {pid}"));
    assert!(events[2].contains("host=h2"), "{events:?}");
    assert!(!process_alive(pid), "the first command still runs");
}

#[test]
fn the_command_dies_with_etcdkit_even_by_sigkill() {
    let tree = Tree::single();
    tree.set("db/host", "h1");
    let mut exec = tree.exec("exec", &[]);
    let pid = pid_of(&tree.wait_lines("events", 1, &mut exec)[0]);
    exec.signal(libc::SIGKILL);
    exec.wait(10);
    wait_for("the command to go", 10, || !process_alive(pid));
}

#[test]
fn a_collision_at_the_start_or_a_missing_command_starts_nothing() {
    let tree = Tree::single();
    tree.set("db/host", "h1");
    tree.set("db.host", "h2");
    let script = tree.path("child.sh");
    let run = tree.run(&["exec", "", "--", "sh", script.to_str().unwrap()]);
    run.expect_code(3);
    assert!(
        run.stderr.contains("db.host") && run.stderr.contains("db/host"),
        "{}",
        run.stderr
    );
    assert!(!tree.path("events").exists(), "the command ran");
    tree.run(&["exec", "db", "--", "no-such-command-here"])
        .expect_code(127);
    // etcd unreachable at the start: exit 4, and the command never ran.
    let nowhere = format!("127.0.0.1:{}", crate::support::free_port());
    let mut cmd = etcdkit_command();
    cmd.args(["--endpoints", &nowhere, "--dial-timeout", "1s", "config"])
        .args(["exec", "db", "--", "sh", script.to_str().unwrap()])
        .env("DIR", tree.dir());
    run_command(&mut cmd).expect_code(4);
    assert!(!tree.path("events").exists(), "the command ran");
    tree.run(&["exec", "db", "--env-prefix", "A-", "--", "true"])
        .expect_refused("environment prefix");
    tree.run(&["exec", "db", "--reload-signal", "NOPE", "--", "true"])
        .expect_code(3);
    // A command that exits by itself: its code, with the variables it was given.
    let run = tree.run(&[
        "exec",
        "db",
        "--env-prefix",
        "APP_",
        "--",
        "sh",
        "-c",
        "test \"$APP_DB_HOST\" = h1 && exit 9",
    ]);
    run.expect_code(9);
}

/// The changes a watcher printed as JSON Lines, without `time`.
fn printed(watcher: &Spawned) -> Vec<Value> {
    watcher
        .stdout()
        .lines()
        .map(|l| {
            let mut v: Value = serde_json::from_str(l).unwrap();
            assert!(v["time"].is_string(), "{v}");
            v.as_object_mut().unwrap().remove("time");
            v
        })
        .collect()
}

/// Waits for `n` printed changes.
fn wait_printed(watcher: &mut Spawned, n: usize) -> Vec<Value> {
    wait_for(&format!("{n} changes printed"), 30, || {
        assert!(watcher.running(), "the watch exited: {}", watcher.stderr());
        watcher.stdout().lines().count() >= n
    });
    printed(watcher)
}

/// The change without its revision.
fn no_rev(mut v: Value) -> Value {
    v.as_object_mut().unwrap().remove("revision");
    v
}

#[test]
fn config_watch_prints_old_and_new_typed_values() {
    let tree = Tree::single();
    tree.set("db/host", "h1");
    let mut watcher = tree.watch("watch", &["--prefix", "db", "-o", "json"]);
    let mut all = tree.watch("all", &["--prefix", "", "-o", "json"]);
    tree.set("db/port", "5432");
    tree.run(&["set", "db/port", "5433", "--type", "string"])
        .expect_code(0);
    tree.run(&["delete", "db/port"]).expect_code(0);
    tree.set("db/tls", r#"{"on":true}"#);
    tree.set("other/x", "1");
    tree.run(&["delete", "db", "--prefix"]).expect_code(0);
    let got = wait_printed(&mut watcher, 6);
    let expected = [
        json!({"key": "db/port", "type": "put", "new": 5432}),
        json!({"key": "db/port", "type": "put", "old": 5432, "new": "5433"}),
        json!({"key": "db/port", "type": "delete", "old": "5433"}),
        json!({"key": "db/tls", "type": "put", "new": {"on": true}}),
        json!({"key": "db/host", "type": "delete", "old": "h1"}),
        json!({"key": "db/tls", "type": "delete", "old": {"on": true}}),
    ];
    let without: Vec<Value> = got.iter().cloned().map(no_rev).collect();
    assert_eq!(without, expected, "{got:#?}");
    // The whole tree: other/x too, and never the audit record written with every change.
    let everything = wait_printed(&mut all, 7);
    let keys: Vec<&str> = everything
        .iter()
        .map(|v| v["key"].as_str().unwrap())
        .collect();
    assert_eq!(
        keys,
        ["db/port", "db/port", "db/port", "db/tls", "other/x", "db/host", "db/tls"]
    );
    // The prefix delete is one revision; revisions grow otherwise.
    assert_eq!(got[4]["revision"], got[5]["revision"]);
    assert!(got[3]["revision"].as_i64() < got[4]["revision"].as_i64());
    // One key, in the readable form.
    let mut one = tree.watch("one", &["db/host", "-o", "plain"]);
    tree.set("db/host", "h2");
    tree.set("db/host", "7");
    wait_for("two lines", 30, || one.stdout().lines().count() == 2);
    let lines: Vec<String> = one
        .stdout()
        .lines()
        .map(|l| l.split_once(' ').unwrap().1.to_string())
        .collect();
    assert_eq!(
        lines,
        ["put db/host (none) -> \"h2\"", "put db/host \"h2\" -> 7"]
    );
    one.signal(libc::SIGTERM);
    one.wait(10).expect_code(0);
    watcher.signal(libc::SIGINT);
    watcher.wait(10).expect_code(0);
    all.signal(libc::SIGTERM);
    all.wait(10).expect_code(0);
}

#[test]
fn config_watch_runs_a_command_per_change_with_the_values_and_the_json_on_stdin() {
    let tree = Tree::single();
    let body = r#"cat > "$DIR/stdin.$ETCDKIT_CONFIG_REVISION"
echo "$ETCDKIT_CONFIG_REVISION|$ETCDKIT_CONFIG_KEY|$ETCDKIT_CONFIG_TYPE|${ETCDKIT_CONFIG_OLD-unset}|${ETCDKIT_CONFIG_NEW-unset}" >> "$DIR/ran""#;
    let mut watcher = tree.watch("watch", &["db/host", "--", "sh", "-c", body]);
    tree.set("db/host", "h1");
    tree.set("db/host", r#"{"a":[1]}"#);
    tree.run(&["delete", "db/host"]).expect_code(0);
    let ran = tree.wait_lines("ran", 3, &mut watcher);
    let fields: Vec<Vec<&str>> = ran.iter().map(|l| l.split('|').collect()).collect();
    let rest: Vec<&[&str]> = fields.iter().map(|f| &f[1..]).collect();
    assert_eq!(
        rest,
        [
            &["db/host", "put", "unset", "h1"][..],
            &["db/host", "put", "h1", r#"{"a":[1]}"#],
            &["db/host", "delete", r#"{"a":[1]}"#, "unset"],
        ]
    );
    let stdin = fs::read_to_string(tree.path(&format!("stdin.{}", fields[1][0]))).unwrap();
    let doc: Value = serde_json::from_str(&stdin).unwrap();
    assert_eq!(doc["old"], "h1");
    assert_eq!(doc["new"], json!({"a": [1]}));
    assert_eq!(doc["revision"].to_string(), fields[1][0]);
    assert!(watcher.stdout().is_empty(), "{}", watcher.stdout());
    watcher.signal(libc::SIGTERM);
    watcher.wait(10).expect_code(0);
}

#[test]
fn config_watch_loses_no_change_through_a_member_kill_and_a_compaction() {
    let mut tree = Tree::on(Etcd::cluster(3));
    tree.set("db/gone", "1");
    tree.set("db/kept", "1");
    // The watch reads from the first endpoint: member 0.
    let mut watcher = tree.watch("watch", &["--prefix", "db", "-o", "json"]);
    tree.set("db/kept", "2");
    wait_printed(&mut watcher, 1);
    // Frozen, it cannot follow: its member dies, changes are made and compacted away.
    watcher.signal(libc::SIGSTOP);
    tree.etcd.kill(0);
    tree.set("db/new", "true");
    tree.run(&["delete", "db/gone"]).expect_code(0);
    let now = tree.revision();
    tree.etcd.etcdctl_ok(&["compact", &now.to_string()]);
    watcher.signal(libc::SIGCONT);
    let got = wait_printed(&mut watcher, 3);
    // Resumed on another member after its revision was compacted: a resync, in key order.
    assert_eq!(
        (&got[1]["resync"], &got[2]["resync"]),
        (&json!(true), &json!(true)),
        "{got:#?}"
    );
    let mut after: Vec<Value> = got[1..]
        .iter()
        .cloned()
        .map(|mut v| {
            v.as_object_mut().unwrap().remove("resync");
            no_rev(v)
        })
        .collect();
    after.sort_by_key(|v| v["key"].to_string());
    assert_eq!(
        after,
        [
            json!({"key": "db/gone", "type": "delete", "old": 1}),
            json!({"key": "db/new", "type": "put", "new": true}),
        ],
        "{got:#?}"
    );
    // And on after it.
    tree.set("db/kept", "3");
    let got = wait_printed(&mut watcher, 4);
    assert_eq!(
        no_rev(got[3].clone()),
        json!({"key": "db/kept", "type": "put", "old": 2, "new": 3})
    );
    watcher.signal(libc::SIGTERM);
    watcher.wait(10).expect_code(0);
}

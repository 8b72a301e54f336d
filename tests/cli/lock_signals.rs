//! `etcdkit lock` and signals: a lost lock stops the command (revoked lease, deleted key, a
//! frozen holder), signals reach the command, Ctrl-C while waiting leaves the line at once, and
//! a holder without a command holds until SIGINT or SIGTERM.

use std::fs;
use std::time::{Duration, Instant};

use crate::lock_scene::{wait_for, Scene, Spawned};
use crate::run::run_command;
use crate::support::process_alive;

/// Records SIGTERM in `signals` and exits 0; its `sleep` (a grandchild) writes its pid to `pid`.
const TRAPS_TERM: &str = r#"trap 'echo TERM >> "$DIR/signals"; exit 0' TERM
sleep 30 & echo $! > "$DIR/pid"; wait"#;

/// Ignores SIGTERM; `sleep` (which inherits that) becomes the process and writes its pid.
const IGNORES_TERM: &str = r#"trap '' TERM; echo $$ > "$DIR/pid"; exec sleep 30"#;

fn started_pid(scene: &Scene) -> u32 {
    wait_for("the command to start", 10, || {
        fs::read_to_string(scene.path("pid")).is_ok_and(|p| p.ends_with('\n'))
    });
    let pid = fs::read_to_string(scene.path("pid")).unwrap();
    fs::remove_file(scene.path("pid")).unwrap();
    pid.trim().parse().unwrap()
}

/// The lock is free: a `--no-wait` attempt gets it at once.
fn assert_free(scene: &Scene) {
    run_command(&mut scene.etcdkit(&[&scene.name, "--no-wait", "--", "true"])).expect_code(0);
    assert!(scene.keys().is_empty(), "{:?}", scene.keys());
}

#[test]
fn a_revoked_lease_or_deleted_key_stops_the_command_and_exits_7() {
    let scene = Scene::single("/locks/lost");
    let ways: [(&str, &str, &str); 3] = [
        ("revoke", TRAPS_TERM, "revoked"),
        ("del", TRAPS_TERM, "deleted"),
        ("del", IGNORES_TERM, "deleted"),
    ];
    for (how, body, reason) in ways {
        let _ = fs::remove_file(scene.path("signals"));
        let args = [&scene.name, "--kill-after", "1s", "--", "sh", "-c", body];
        let mut holder = Spawned::spawn(scene.etcdkit(&args), scene.dir(), how);
        let pid = started_pid(&scene);
        let key = scene.keys().pop().expect("the holder's key");
        let started = Instant::now();
        match how {
            "revoke" => {
                let lease = key.rsplit('/').next().unwrap();
                scene.etcd.etcdctl_ok(&["lease", "revoke", lease]);
            }
            _ => {
                scene.etcd.etcdctl_ok(&["del", &scene.name, "--prefix"]);
            }
        }
        let run = holder.wait(15);
        let took = started.elapsed();
        run.expect_code(7);
        assert!(
            run.stderr.contains("lost") && run.stderr.contains(reason),
            "{how}: {}",
            run.stderr
        );
        assert!(!process_alive(pid), "{how}: the command still runs");
        if body == TRAPS_TERM {
            assert_eq!(scene.lines("signals"), ["TERM"], "{how}");
        } else {
            // SIGTERM was ignored: SIGKILL came after --kill-after.
            assert!(took >= Duration::from_millis(900), "killed after {took:?}");
        }
        assert_free(&scene);
    }
    // Without a command, the holder says so and exits 7 too.
    let mut holder = Spawned::spawn(scene.etcdkit(&[&scene.name]), scene.dir(), "bare");
    scene.wait_keys(1);
    scene.etcd.etcdctl_ok(&["del", &scene.name, "--prefix"]);
    let run = holder.wait(15);
    run.expect_code(7);
    assert!(run.stderr.contains("lost"), "{}", run.stderr);
    assert_free(&scene);
}

#[test]
fn a_holder_frozen_past_its_ttl_stops_its_command_when_it_wakes() {
    let scene = Scene::single("/locks/frozen");
    let args = [
        &scene.name,
        "--ttl",
        "2s",
        "--kill-after",
        "1s",
        "--",
        "sh",
        "-c",
        TRAPS_TERM,
    ];
    let mut holder = Spawned::spawn(scene.etcdkit(&args), scene.dir(), "holder");
    let pid = started_pid(&scene);
    let other_cmd = scene.etcdkit(&[&scene.name, "--", "touch", "other"]);
    let mut other = Spawned::spawn(other_cmd, scene.dir(), "other");
    scene.wait_keys(2);

    holder.signal(libc::SIGSTOP);
    // While the holder sleeps its lease runs out, and the waiter takes the lock.
    other.wait(20).expect_code(0);
    assert!(scene.path("other").exists());
    holder.signal(libc::SIGCONT);
    let run = holder.wait(15);
    run.expect_code(7);
    assert!(run.stderr.contains("lost"), "{}", run.stderr);
    // Said as it was: etcdkit did not run, not "etcd was unreachable".
    assert!(run.stderr.contains("paused"), "{}", run.stderr);
    assert!(!run.stderr.contains("unreachable"), "{}", run.stderr);
    assert_eq!(scene.lines("signals"), ["TERM"]);
    assert!(!process_alive(pid), "the command still runs");
    assert_free(&scene);
}

#[test]
fn signals_reach_the_command_and_the_lock_is_released_at_once() {
    let scene = Scene::single("/locks/signals");
    let body = r#"trap 'echo TERM >> "$DIR/signals"; exit 11' TERM
trap 'echo INT >> "$DIR/signals"; exit 12' INT
trap 'echo HUP >> "$DIR/signals"; exit 13' HUP
trap 'echo QUIT >> "$DIR/signals"; exit 14' QUIT
echo $$ > "$DIR/pid"
while :; do sleep 0.05; done"#;
    for (sig, name, code) in [
        (libc::SIGTERM, "TERM", 11),
        (libc::SIGINT, "INT", 12),
        (libc::SIGHUP, "HUP", 13),
        (libc::SIGQUIT, "QUIT", 14),
    ] {
        let _ = fs::remove_file(scene.path("signals"));
        let args = [&scene.name, "--ttl", "30s", "--", "sh", "-c", body];
        let mut holder = Spawned::spawn(scene.etcdkit(&args), scene.dir(), name);
        started_pid(&scene);
        holder.signal(sig);
        holder.wait(10).expect_code(code);
        assert_eq!(scene.lines("signals"), [name]);
        // Released now, not after the 30 s TTL.
        assert_free(&scene);
    }
}

#[test]
fn without_a_command_the_lock_is_held_until_sigint_or_sigterm() {
    let scene = Scene::single("/locks/hold");
    let mut holder = Spawned::spawn(
        scene.etcdkit(&[&scene.name, "-o", "json"]),
        scene.dir(),
        "json",
    );
    let mut held = serde_json::Value::Null;
    wait_for("the JSON holder report", 10, || {
        serde_json::from_str(&holder.stdout())
            .map(|v| held = v)
            .is_ok()
    });
    let key = held["key"].as_str().expect("key is a string").to_string();
    assert_eq!(held["name"], "/locks/hold");
    let lease = held["lease_id"].as_str().expect("lease_id is a hex string");
    assert_eq!(key, format!("/locks/hold/{lease}"));
    let token = held["fencing_token"]
        .as_i64()
        .expect("fencing_token is a number");
    // etcdctl's ETCD_LOCK_REV: the revision the lock was taken at (here, in the same request).
    assert_eq!(held["lock_revision"].as_i64(), Some(token), "{held}");
    let kv: serde_json::Value =
        serde_json::from_str(&scene.etcd.etcdctl_ok(&["get", &key, "-w", "json"])).unwrap();
    assert_eq!(kv["kvs"][0]["create_revision"], token);
    assert_eq!(
        kv["kvs"][0]["lease"].as_u64().unwrap(),
        u64::from_str_radix(lease, 16).unwrap()
    );
    // It holds: another attempt is turned away, naming it, and it still runs.
    let other = run_command(&mut scene.etcdkit(&[&scene.name, "--no-wait", "--", "true"]));
    other.expect_code(1);
    assert!(other.stderr.contains(&key), "{}", other.stderr);
    assert!(holder.running(), "it did not hold: {}", holder.stderr());
    assert_eq!(scene.keys(), std::slice::from_ref(&key));
    holder.signal(libc::SIGINT);
    holder.wait(10).expect_code(0);
    assert!(scene.keys().is_empty(), "the key outlived the holder");
    assert!(scene.leases().is_empty());

    let mut holder = Spawned::spawn(
        scene.etcdkit(&[&scene.name, "-o", "plain"]),
        scene.dir(),
        "plain",
    );
    wait_for("the plain holder report", 10, || {
        holder.stdout().lines().count() == 2
    });
    let out = holder.stdout();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(scene.keys(), [lines[0].to_string()]);
    assert!(lines[1].parse::<i64>().unwrap() > token);
    holder.signal(libc::SIGTERM);
    holder.wait(10).expect_code(0);
    assert!(scene.keys().is_empty());
}

#[test]
fn ctrl_c_while_waiting_exits_130_and_leaves_the_line_at_once() {
    let scene = Scene::single("/locks/wait");
    let mut holder = Spawned::spawn(scene.etcdkit(&[&scene.name]), scene.dir(), "holder");
    scene.wait_keys(1);
    let held = scene.keys();
    let args = [&scene.name, "--ttl", "30s", "--", "touch", "ran"];
    let mut waiter = Spawned::spawn(scene.etcdkit(&args), scene.dir(), "waiter");
    scene.wait_keys(2);
    waiter.signal(libc::SIGINT);
    waiter.wait(10).expect_code(130);
    // Its key is gone now, not after its 30 s TTL; the holder's stays.
    assert_eq!(scene.keys(), held);
    assert_eq!(scene.leases().len(), 1, "the waiter's lease is left");
    assert!(!scene.path("ran").exists());
    holder.signal(libc::SIGINT);
    holder.wait(10).expect_code(0);
    assert!(scene.keys().is_empty());
}

#[test]
fn a_waiter_whose_place_is_deleted_or_revoked_exits_1_saying_why_and_never_runs() {
    let scene = Scene::single("/locks/place");
    let mut holder = Spawned::spawn(scene.etcdkit(&[&scene.name]), scene.dir(), "holder");
    scene.wait_keys(1);
    for (how, says) in [
        ("del", "the key was deleted by someone else"),
        ("revoke", "the lease expired or was revoked"),
    ] {
        let args = [&scene.name, "--", "touch", "ran"];
        let mut waiter = Spawned::spawn(scene.etcdkit(&args), scene.dir(), how);
        scene.wait_keys(2);
        let place = scene.keys().pop().unwrap();
        match how {
            "del" => scene.etcd.etcdctl_ok(&["del", &place]),
            _ => scene
                .etcd
                .etcdctl_ok(&["lease", "revoke", place.rsplit('/').next().unwrap()]),
        };
        let run = waiter.wait(15);
        run.expect_code(1);
        assert!(
            unwrapped(&run.stderr)
                .contains(&format!("waiting for lock {} ended: {says}", scene.name)),
            "{how}: {}",
            run.stderr
        );
        assert!(!run.stderr.contains("lost"), "{how}: {}", run.stderr);
        assert!(!scene.path("ran").exists(), "{how}: the command ran");
        assert_eq!(
            scene.keys().len(),
            1,
            "{how}: the holder's key is all that is left"
        );
    }
    holder.signal(libc::SIGTERM);
    holder.wait(10).expect_code(0);
}

#[test]
fn a_mistyped_command_is_refused_at_once_while_the_lock_is_held() {
    let scene = Scene::single("/locks/typo");
    let mut holder = Spawned::spawn(scene.etcdkit(&[&scene.name]), scene.dir(), "holder");
    scene.wait_keys(1);
    let held = scene.keys();
    let run = run_command(&mut scene.etcdkit(&[&scene.name, "--", "no-such-program-etcdkit"]));
    run.expect_code(127);
    assert!(
        run.stderr.contains("no-such-program-etcdkit"),
        "{}",
        run.stderr
    );
    // It did not wait its turn: the lock is still held, by the same holder, and nobody queued.
    assert!(holder.running(), "the holder is gone: {}", holder.stderr());
    assert_eq!(scene.keys(), held);
    holder.signal(libc::SIGTERM);
    holder.wait(10).expect_code(0);
}

#[test]
fn a_lease_less_holder_is_named_as_never_expiring_and_mixed_limits_are_warned() {
    let scene = Scene::single("/locks/forever");
    let key = format!("{}/by-hand", scene.name);
    scene.etcd.etcdctl_ok(&["put", &key, ""]);
    let run = run_command(&mut scene.etcdkit(&[&scene.name, "--no-wait", "--", "true"]));
    run.expect_code(1);
    assert!(run.stderr.contains(&key), "{}", run.stderr);
    assert!(
        unwrapped(&run.stderr).contains("no lease, so it never expires"),
        "{}",
        run.stderr
    );
    scene.etcd.etcdctl_ok(&["del", &key]);

    // A --limit 3 holder, then a --limit 2 one for the same name: the second is told.
    let body = r#"touch "$DIR/in.$1"; while [ ! -e "$DIR/go" ]; do sleep 0.02; done"#;
    let mut three = Spawned::spawn(
        scene.etcdkit(&[
            &scene.name,
            "--limit",
            "3",
            "--",
            "sh",
            "-c",
            body,
            "sh",
            "3",
        ]),
        scene.dir(),
        "three",
    );
    wait_for("the --limit 3 holder", 10, || scene.path("in.3").exists());
    let mut two = Spawned::spawn(
        scene.etcdkit(&[
            &scene.name,
            "--limit",
            "2",
            "--",
            "sh",
            "-c",
            body,
            "sh",
            "2",
        ]),
        scene.dir(),
        "two",
    );
    wait_for("the --limit 2 holder", 10, || scene.path("in.2").exists());
    fs::write(scene.path("go"), "").unwrap();
    let run = two.wait(10);
    run.expect_code(0);
    assert!(
        run.stderr.contains("use --limit 3, this one --limit 2"),
        "{}",
        run.stderr
    );
    three.wait(10).expect_code(0);
    assert!(
        !three.stderr().contains("warning"),
        "the first had nobody to disagree with: {}",
        three.stderr()
    );
}

/// stderr without the line wrapping of the error report.
fn unwrapped(text: &str) -> String {
    text.replace('│', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

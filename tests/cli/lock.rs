//! `etcdkit lock` against one real member: mutual exclusion under contention (with etcdctl on the
//! same name), fencing tokens, counting and shared modes, hand-off, exit codes, bad input.

use std::fs;
use std::io::Write;
use std::process::Stdio;
use std::time::Instant;

use crate::lock_scene::{keys_under, run_loops, wait_for, Scene, Spawned};
use crate::run::{etcdkit, run_command};

// ----- mutual exclusion ------------------------------------------------------------------------

#[test]
fn contending_etcdkit_and_etcdctl_loops_never_lose_an_update() {
    let scene = Scene::single("/locks/counter");
    let loops = [
        ("etcdkit", 15),
        ("etcdctl", 15),
        ("etcdkit", 15),
        ("etcdctl", 15),
        ("etcdkit", 15),
        ("etcdctl", 15),
    ];
    run_loops(&scene, &loops, 60);
    let runs = scene.lines("runs");
    assert_eq!(runs.len(), 90);
    let failed: Vec<_> = runs.iter().filter(|r| !r.ends_with(" 0")).collect();
    assert!(failed.is_empty(), "failed runs: {failed:?}");
    assert_eq!(scene.counter(), 90, "lost updates under the lock");
    assert!(
        scene.lines("overlaps").is_empty(),
        "two holders were inside at once"
    );
    // The etcdkit holders' fencing tokens, in the order they held the lock, only grow.
    let tokens: Vec<i64> = scene
        .lines("tokens")
        .iter()
        .map(|t| t.parse().unwrap())
        .collect();
    assert_eq!(tokens.len(), 45);
    assert!(
        tokens.windows(2).all(|w| w[0] < w[1]),
        "fencing tokens out of order: {tokens:?}"
    );
    // ETCD_LOCK_REV, which etcdctl and etcdkit holders both set (the token a mixed fleet
    // fences on), only grows from one holder to the next, whoever holds the lock.
    let revs: Vec<i64> = scene
        .lines("lock_revs")
        .iter()
        .map(|t| t.parse().unwrap())
        .collect();
    assert_eq!(revs.len(), 90);
    let stale: Vec<_> = revs.windows(2).filter(|w| w[0] >= w[1]).collect();
    assert!(
        stale.is_empty(),
        "ETCD_LOCK_REV did not grow: {stale:?} in {revs:?}"
    );
    assert!(scene.keys().is_empty(), "left behind: {:?}", scene.keys());

    // The control: the same loops without a lock lose updates, so the count above means something.
    let control = Scene::on(scene.etcd, "/locks/unused");
    run_loops(&control, &[("none", 15); 6], 60);
    let count = control.counter();
    assert!(count < 90, "no update was lost without a lock ({count})");
}

#[test]
fn fencing_tokens_grow_from_holder_to_holder_and_the_command_sees_them() {
    let scene = Scene::single("/locks/fence");
    // Each holder records its variables and what etcd says about its key.
    let record = r#"
echo "$ETCDKIT_LOCK_KEY $ETCDKIT_LOCK_REV $ETCD_LOCK_KEY $ETCD_LOCK_REV" >> "$DIR/holders"
"$ETCDCTL" --endpoints "$EP" get "$ETCDKIT_LOCK_KEY" -w json > "$DIR/kv.$ETCDKIT_LOCK_REV"
"#;
    fs::write(scene.path("record.sh"), record).unwrap();
    let record = scene.path("record.sh");
    let record = record.to_str().unwrap();

    // A holds; B and C queue behind it in this order; then D and E come one after the other.
    let mut a = scene.etcdkit_holder("A", &[]);
    wait_for("A inside", 10, || scene.log() == ["+A"]);
    let mut waiters = Vec::new();
    for (i, label) in ["B", "C"].into_iter().enumerate() {
        let cmd = scene.etcdkit(&[&scene.name, "--", "sh", record]);
        waiters.push(Spawned::spawn(cmd, scene.dir(), label));
        scene.wait_keys(i + 2);
    }
    scene.release("A");
    a.wait(10).expect_code(0);
    for w in &mut waiters {
        w.wait(10).expect_code(0);
    }
    for _ in 0..2 {
        run_command(&mut scene.etcdkit(&[&scene.name, "--", "sh", record])).expect_code(0);
    }

    let holders = scene.lines("holders");
    assert_eq!(holders.len(), 4, "{holders:?}");
    let (mut last, mut last_etcd) = (0, 0);
    for line in &holders {
        let [key, rev, etcd_key, etcd_rev] = line.split(' ').collect::<Vec<_>>()[..] else {
            panic!("a variable is missing: {line:?}");
        };
        assert_eq!(key, etcd_key, "{line}");
        // ETCD_LOCK_REV is etcdctl's: the revision the lock was acquired at, never before the
        // key was created, and growing from holder to holder too.
        let etcd_rev: i64 = etcd_rev.parse().unwrap();
        assert!(etcd_rev >= rev.parse().unwrap(), "{line}");
        assert!(etcd_rev > last_etcd, "{line}: {holders:?}");
        last_etcd = etcd_rev;
        let lease = key
            .strip_prefix("/locks/fence/")
            .unwrap_or_else(|| panic!("{key} is not under the lock name"));
        assert!(
            !lease.is_empty() && lease.chars().all(|c| matches!(c, '0'..='9' | 'a'..='f')),
            "{key}: not NAME/<lease hex>"
        );
        let rev: i64 = rev.parse().unwrap();
        assert!(rev > last, "token {rev} after {last}: {holders:?}");
        last = rev;
        // The token is the key's create revision, and the key hangs on that lease.
        let kv: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(scene.path(&format!("kv.{rev}"))).unwrap())
                .unwrap();
        assert_eq!(kv["kvs"][0]["create_revision"], rev, "{kv}");
        assert_eq!(
            kv["kvs"][0]["lease"].as_u64().unwrap(),
            u64::from_str_radix(lease, 16).unwrap(),
            "{kv}"
        );
    }
    assert_eq!(scene.log(), ["+A", "-A"], "A held alone, first");
}

#[test]
fn a_limit_of_two_lets_exactly_two_in_at_a_time() {
    let scene = Scene::single("/locks/pool");
    let body = r#"echo + >> "$DIR/log"; sleep 0.8; echo - >> "$DIR/log""#;
    let mut holders: Vec<Spawned> = (0..5)
        .map(|i| {
            let cmd = scene.etcdkit(&[&scene.name, "--limit", "2", "--", "sh", "-c", body]);
            Spawned::spawn(cmd, scene.dir(), &format!("h{i}"))
        })
        .collect();
    for h in &mut holders {
        h.wait(20).expect_code(0);
    }
    let log = scene.log();
    assert_eq!(log.iter().filter(|l| *l == "+").count(), 5, "{log:?}");
    let (mut inside, mut most) = (0, 0);
    for line in &log {
        inside += if line == "+" { 1 } else { -1 };
        most = most.max(inside);
    }
    assert!(most <= 2, "{most} holders at once: {log:?}");
    assert_eq!(
        most, 2,
        "never two at once: the limit acted as a plain lock"
    );
    assert!(scene.keys().is_empty());
}

#[test]
fn shared_holders_run_together_and_exclusive_holders_alone() {
    let scene = Scene::single("/locks/rw");
    // Two shared holders are inside at the same time.
    let mut r1 = scene.etcdkit_holder("R1", &["--shared"]);
    let mut r2 = scene.etcdkit_holder("R2", &["--shared"]);
    wait_for("both shared holders inside", 10, || scene.log().len() == 2);
    scene.release("R1");
    scene.release("R2");
    r1.wait(10).expect_code(0);
    r2.wait(10).expect_code(0);

    // An exclusive holder (etcdkit's, then etcdctl's) waits for a shared one, and a shared
    // holder that comes after it waits for it.
    for (round, exclusive) in ["etcdkit", "etcdctl"].into_iter().enumerate() {
        fs::remove_file(scene.path("log")).unwrap();
        let (s, x, t) = (
            format!("S{round}"),
            format!("X{round}"),
            format!("T{round}"),
        );
        let mut first = scene.etcdkit_holder(&s, &["--shared"]);
        wait_for("the shared holder inside", 10, || scene.log().len() == 1);
        let mut writer = match exclusive {
            "etcdkit" => scene.etcdkit_holder(&x, &[]),
            _ => scene.etcdctl_holder(&x),
        };
        scene.wait_keys(2);
        let mut later = scene.etcdkit_holder(&t, &["--shared"]);
        scene.wait_keys(3);
        // Both may leave at once when they get in; the log below shows they got in only
        // after the shared holder left, in their order in line.
        scene.release(&x);
        scene.release(&t);
        scene.release(&s);
        first.wait(10).expect_code(0);
        writer.wait(10).expect_code(0);
        later.wait(10).expect_code(0);
        let want = [&s, &x, &t].map(|l| [format!("+{l}"), format!("-{l}")]);
        assert_eq!(scene.log(), want.concat(), "{exclusive}");
    }
    assert!(scene.keys().is_empty());
}

// ----- hand-off and interop --------------------------------------------------------------------

#[test]
fn the_lock_is_handed_on_when_the_command_exits_not_at_the_ttl() {
    let scene = Scene::single("/locks/handoff");
    let mut holder = scene.etcdkit_holder("H", &["--ttl", "30s"]);
    wait_for("the holder inside", 10, || scene.log() == ["+H"]);
    let mut waiter = Spawned::spawn(
        scene.etcdkit(&[&scene.name, "--ttl", "30s", "--", "true"]),
        scene.dir(),
        "W",
    );
    scene.wait_keys(2);
    scene.release("H");
    holder.wait(10).expect_code(0);
    // The holder's key is gone the moment it exits, and the waiter goes long before 30 s.
    let left = scene.keys();
    assert!(left.len() <= 1, "the holder's key outlived it: {left:?}");
    waiter.wait(10).expect_code(0);
    assert!(scene.keys().is_empty());
    assert!(
        scene.leases().is_empty(),
        "leases left: {:?}",
        scene.leases()
    );
}

#[test]
fn etcdctl_and_etcdkit_wait_for_each_other() {
    let scene = Scene::single("/locks/interop");
    for (first, second) in [("etcdctl", "etcdkit"), ("etcdkit", "etcdctl")] {
        let _ = fs::remove_file(scene.path("log"));
        let spawn = |kind: &str, label: &str| match kind {
            "etcdkit" => scene.etcdkit_holder(label, &[]),
            _ => scene.etcdctl_holder(label),
        };
        let (a, b) = (format!("{first}1"), format!("{second}2"));
        let mut holder = spawn(first, &a);
        wait_for("the first holder inside", 10, || scene.log().len() == 1);
        let mut waiter = spawn(second, &b);
        scene.wait_keys(2);
        // The waiter may leave at once when it gets in; the log below shows it got in only
        // after the holder left.
        scene.release(&b);
        scene.release(&a);
        holder.wait(10).expect_code(0);
        waiter.wait(10).expect_code(0);
        let want = [&a, &b].map(|l| [format!("+{l}"), format!("-{l}")]);
        assert_eq!(scene.log(), want.concat());
    }
}

// ----- exit codes, stdin, not acquired ---------------------------------------------------------

#[test]
fn the_commands_exit_code_and_stdin_pass_through() {
    let scene = Scene::single("/locks/codes");
    let run =
        |script: &str| run_command(&mut scene.etcdkit(&[&scene.name, "--", "sh", "-c", script]));
    run("exit 42").expect_code(42);
    run("exit 0").expect_code(0);
    run("kill -TERM $$").expect_code(128 + libc::SIGTERM);
    run("kill -KILL $$").expect_code(128 + libc::SIGKILL);

    let mut child = scene
        .etcdkit(&[&scene.name, "--", "cat"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let text = "line one\nline two\n";
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stdout), text);
    assert!(scene.keys().is_empty());
}

#[test]
fn a_held_lock_is_not_acquired_with_no_wait_or_timeout_and_the_holder_is_named() {
    let scene = Scene::single("/locks/busy");
    for kind in ["etcdkit", "etcdctl"] {
        let mut holder = match kind {
            "etcdkit" => scene.etcdkit_holder(kind, &[]),
            _ => scene.etcdctl_holder(kind),
        };
        wait_for("the holder inside", 10, || scene.log().len() == 1);
        let held = scene.keys();
        assert_eq!(held.len(), 1);
        for (flags, at_least, at_most) in [
            (&["--no-wait"][..], 0.0, 5.0),
            (&["--timeout", "1s"][..], 1.0, 8.0),
        ] {
            let started = Instant::now();
            let mut args = vec![scene.name.as_str()];
            args.extend_from_slice(flags);
            args.extend(["--", "touch", "ran"]);
            let run = run_command(&mut scene.etcdkit(&args));
            let took = started.elapsed().as_secs_f64();
            run.expect_code(1);
            assert!(
                (at_least..at_most).contains(&took),
                "{kind} {flags:?}: gave up after {took:.2} s"
            );
            assert!(run.stderr.contains(&held[0]), "{flags:?}: {}", run.stderr);
            if kind == "etcdkit" {
                // etcdkit holders say who they are: host:pid.
                let who = format!(":{}", holder.pid());
                assert!(run.stderr.contains(&who), "{}", run.stderr);
            }
            assert!(
                !scene.path("ran").exists(),
                "the command ran without the lock"
            );
            // The failed attempt left nothing behind: only the holder's key and lease remain.
            assert_eq!(scene.keys(), held, "{kind} {flags:?}");
            assert_eq!(scene.leases().len(), 1, "{kind} {flags:?}: a lease is left");
        }
        scene.release(kind);
        holder.wait(10).expect_code(0);
        let _ = fs::remove_file(scene.path("log"));
    }
    assert!(scene.keys().is_empty());
}

// ----- etcdctl's form ---------------------------------------------------------------------------

#[test]
fn the_command_runs_after_the_name_without_dash_dash_as_etcdctls_does() {
    let scene = Scene::single("/locks/form");
    // The same command in the three forms: etcdctl's, etcdkit's without `--` (etcdctl's form),
    // and etcdkit's with `--`. Flags after the program's name belong to the program.
    // (etcdctl parses flags anywhere, so its command has none: the script is a file.)
    fs::write(scene.path("say.sh"), "echo \"hi $ETCD_LOCK_KEY\"; exit 3\n").unwrap();
    let etcdctl = run_command(&mut scene.etcdctl(&["lock", &scene.name, "sh", "say.sh"]));
    let bare = run_command(&mut scene.etcdkit(&[&scene.name, "sh", "say.sh"]));
    let dashed = run_command(&mut scene.etcdkit(&[&scene.name, "--", "sh", "say.sh"]));
    let flagged =
        run_command(&mut scene.etcdkit(&[&scene.name, "--ttl", "5s", "echo", "--ttl", "-n"]));
    for (form, run, code) in [
        ("etcdkit NAME CMD", &bare, 3),
        ("etcdkit NAME -- CMD", &dashed, 3),
    ] {
        run.expect_code(code);
        assert!(
            run.stdout.starts_with(&format!("hi {}/", scene.name)),
            "{form}: {}",
            run.stdout
        );
    }
    assert!(
        etcdctl.stdout.contains(&format!("hi {}/", scene.name)),
        "etcdctl: {} {}",
        etcdctl.stdout,
        etcdctl.stderr
    );
    flagged.expect_code(0);
    assert_eq!(flagged.stdout, "--ttl -n\n");
    assert!(scene.keys().is_empty());
}

// ----- waiting on a terminal -------------------------------------------------------------------

#[test]
fn on_a_terminal_a_waiter_says_who_holds_the_lock_and_when_that_changes() {
    let scene = Scene::single("/locks/wait");
    let mut one = scene.etcdkit_holder("one", &[]);
    wait_for("the first holder inside", 10, || scene.log().len() == 1);
    let first = scene.keys()[0].clone();
    // The second waits on a pipe: it says nothing about waiting.
    let mut two = scene.etcdkit_holder("two", &[]);
    scene.wait_keys(2);
    let second = scene.keys().into_iter().find(|k| *k != first).unwrap();
    let line = format!(
        "{} lock --endpoints {} {} -- true",
        env!("CARGO_BIN_EXE_etcdkit"),
        scene.ep,
        scene.name
    );
    let mut on_tty = std::process::Command::new("script");
    on_tty
        .args(["-qec", &line, "/dev/null"])
        .stdin(Stdio::null());
    let mut third = Spawned::spawn(on_tty, scene.dir(), "tty");
    let waiting = format!("etcdkit: waiting for lock {}: held by ", scene.name);
    wait_for("the waiter naming the first holder", 20, || {
        let out = third.stdout();
        out.contains(&waiting) && out.contains(&first) && out.contains(&format!(":{}", one.pid()))
    });
    scene.release("one");
    one.wait(10).expect_code(0);
    wait_for("the waiter naming the next holder", 20, || {
        let out = third.stdout();
        out.matches(&waiting).count() == 2 && out.contains(&second)
    });
    assert!(third.running(), "the waiter went before its turn");
    scene.release("two");
    two.wait(10).expect_code(0);
    third.wait(20).expect_code(0);
    assert!(!two.stderr().contains("waiting for"), "{}", two.stderr());
    assert!(scene.keys().is_empty());
}

// ----- bad input -------------------------------------------------------------------------------

#[test]
fn bad_input_is_refused_clearly_and_holds_nothing() {
    let scene = Scene::single("/locks/bad");
    let cases: &[(&[&str], i32, &str)] = &[
        (&["", "--", "true"], 3, "name is empty"),
        (&["/locks/bad/", "--", "true"], 3, "ends with '/'"),
        (
            &["/locks/bad", "--ttl", "0s", "--", "true"],
            3,
            "at least 1s",
        ),
        // The TTL as given, and the limit.
        (
            &["/locks/bad", "--ttl", "500ms", "--", "true"],
            3,
            "a TTL of 500ms is too short: etcd leases last at least 1s",
        ),
        (
            &["/locks/bad", "--ttl", "100d", "--", "true"],
            3,
            "a TTL of 8640000s is too long: use at most 24h",
        ),
        // A negative duration is named as such (not clap's tip to write `-- -1s`, which would
        // make it part of the command).
        (
            &["/locks/bad", "--timeout", "-1s", "--", "true"],
            3,
            "a duration cannot be negative",
        ),
        (
            &["/locks/bad", "--kill-after", "-5s", "--", "true"],
            3,
            "a duration cannot be negative",
        ),
        (
            &["/locks/bad", "--ttl", "1.5s", "--", "true"],
            3,
            "whole seconds",
        ),
        (
            &["/locks/bad", "--limit", "0", "--", "true"],
            3,
            "--limit 0",
        ),
        (
            &["/locks/bad", "--limit", "2", "--shared", "--", "true"],
            3,
            "cannot be used with",
        ),
        (
            &["/locks/bad", "--no-wait", "--timeout", "1s", "--", "true"],
            3,
            "cannot be used with",
        ),
        (&["/locks/bad", "--"], 3, "no command after --"),
        (
            &["/locks/bad", "--", "/nonexistent/etcdkit-test-cmd"],
            127,
            "cannot run /nonexistent/etcdkit-test-cmd",
        ),
    ];
    for (args, code, says) in cases {
        let run = run_command(&mut scene.etcdkit(args));
        assert_eq!(run.code, *code, "{args:?}: stderr {}", run.stderr);
        assert!(
            run.stderr.contains(says),
            "{args:?}: wanted {says:?} in:\n{}",
            run.stderr
        );
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
        assert!(!run.stderr.contains("-- -"), "{args:?}: {}", run.stderr);
        assert!(run.stdout.is_empty(), "{args:?}: {}", run.stdout);
        let all = keys_under(&scene.etcd, "");
        assert!(all.is_empty(), "{args:?} left keys: {all:?}");
        assert!(scene.leases().is_empty(), "{args:?} left a lease");
    }
    // Huge durations are refused or simply long; none panics.
    for flags in [
        &["--timeout", "18446744073709551615s"][..],
        &["--timeout", "8000y"],
        &["--kill-after", "18446744073709551615s"],
        &["--kill-after", "8000y"],
        &["--ttl", "18446744073709551615s"],
        &["--ttl", "8000y"],
    ] {
        let mut args = vec!["/locks/bad"];
        args.extend_from_slice(flags);
        args.extend(["--", "true"]);
        let run = run_command(&mut scene.etcdkit(&args));
        assert!(matches!(run.code, 0 | 3), "{flags:?}: {}", run.stderr);
        assert!(
            !run.stderr.contains("panicked"),
            "{flags:?}: {}",
            run.stderr
        );
    }
    // After the command that could not start, the lock is free at once.
    etcdkit(&[
        "lock",
        "--endpoints",
        &scene.ep,
        "/locks/bad",
        "--no-wait",
        "--",
        "true",
    ])
    .expect_code(0);
}

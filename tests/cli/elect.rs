//! `etcdkit elect` against real etcd: interop with etcdctl, observe, failover, --every.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::run::{etcdkit, etcdkit_command, wait_until};
use crate::support::{etcdctl_bin, Etcd};

fn spawn_etcdkit(args: &[&str]) -> Child {
    etcdkit_command()
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("etcdkit starts")
}

fn etcdctl_elect(etcd: &Etcd, args: &[&str]) -> Child {
    Command::new(etcdctl_bin())
        .env("ETCDCTL_API", "3")
        .args(["--endpoints", &etcd.endpoints(), "elect"])
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("etcdctl starts")
}

/// The current leader's proposal, as `etcdkit elect --leader` prints it.
pub(crate) fn leader_of(endpoints: &str, name: &str) -> Option<String> {
    let run = etcdkit(&[
        "elect",
        name,
        "--leader",
        "-o",
        "json",
        "--endpoints",
        endpoints,
    ]);
    match run.code {
        0 => Some(run.json()["proposal"].as_str().unwrap().to_string()),
        1 => None,
        other => panic!("--leader exited {other}: {}", run.stderr),
    }
}

fn leader_proposal(etcd: &Etcd, name: &str) -> Option<String> {
    leader_of(&etcd.endpoints(), name)
}

fn kill(child: &mut Child, sig: i32) {
    // SAFETY: a pid we started.
    unsafe { libc::kill(child.id() as i32, sig) };
}

#[test]
fn leader_is_none_then_etcdctls_candidate_and_etcdctl_sees_ours() {
    let etcd = Etcd::single();
    assert_eq!(leader_proposal(&etcd, "/e/interop"), None);

    // etcdctl campaigns; etcdkit sees its proposal.
    let mut theirs = etcdctl_elect(&etcd, &["/e/interop", "from-etcdctl"]);
    wait_until("etcdctl's leadership", Duration::from_secs(10), || {
        leader_proposal(&etcd, "/e/interop").as_deref() == Some("from-etcdctl")
    });
    theirs.kill().unwrap();
    theirs.wait().unwrap();
    // Its key lives until its 60 s lease runs out; clear it as an operator would.
    etcd.etcdctl(&["del", "/e/interop", "--prefix"]);

    // etcdkit campaigns and holds; `etcdctl elect -l` prints our proposal.
    let mut ours = spawn_etcdkit(&[
        "elect",
        "/e/interop",
        "--proposal",
        "from-etcdkit",
        "--endpoints",
        &etcd.endpoints(),
    ]);
    wait_until("etcdkit's leadership", Duration::from_secs(10), || {
        leader_proposal(&etcd, "/e/interop").as_deref() == Some("from-etcdkit")
    });
    let mut listen = etcdctl_elect(&etcd, &["-l", "/e/interop"]);
    let mut lines = BufReader::new(listen.stdout.take().unwrap()).lines();
    let key = lines.next().unwrap().unwrap();
    let value = lines.next().unwrap().unwrap();
    assert!(key.starts_with("/e/interop/"), "{key}");
    assert_eq!(value, "from-etcdkit");
    listen.kill().unwrap();
    listen.wait().unwrap();

    // SIGTERM resigns at once: no leader left behind.
    kill(&mut ours, libc::SIGTERM);
    assert_eq!(ours.wait().unwrap().code(), Some(0));
    assert_eq!(leader_proposal(&etcd, "/e/interop"), None);
}

#[test]
fn observe_prints_each_leader_change_as_json_lines() {
    let etcd = Etcd::single();
    let mut observer = spawn_etcdkit(&[
        "elect",
        "/e/obs",
        "--observe",
        "-o",
        "json",
        "--endpoints",
        &etcd.endpoints(),
    ]);
    let mut lines = BufReader::new(observer.stdout.take().unwrap()).lines();
    let mut next =
        || -> serde_json::Value { serde_json::from_str(&lines.next().unwrap().unwrap()).unwrap() };

    let first = next();
    assert_eq!(first["name"], "/e/obs");
    assert!(
        first.get("key").is_none() || first["key"].is_null(),
        "no leader yet: {first}"
    );

    let ep = etcd.endpoints();
    let a = etcdkit(&[
        "elect",
        "/e/obs",
        "--proposal",
        "a",
        "--endpoints",
        &ep,
        "--",
        "true",
    ]);
    a.expect_code(0);
    let elected = next();
    assert_eq!(elected["proposal"], "a", "{elected}");
    assert!(elected["revision"].as_i64().unwrap() > 0);
    assert!(elected["time"].as_str().unwrap().ends_with('Z'));
    let gone = next();
    assert!(gone.get("key").is_none(), "resigned: {gone}");

    // etcdctl's candidate shows up too.
    let mut theirs = etcdctl_elect(&etcd, &["/e/obs", "b"]);
    let seen = next();
    assert_eq!(seen["proposal"], "b", "{seen}");
    theirs.kill().unwrap();
    theirs.wait().unwrap();
    kill(&mut observer, libc::SIGINT);
    assert_eq!(observer.wait().unwrap().code(), Some(0));
}

#[test]
fn a_standby_takes_over_within_the_ttl_when_the_leader_is_killed() {
    let etcd = Etcd::single();
    let dir = tempfile::tempdir().unwrap();
    let ep = etcd.endpoints();
    let script = |tag: &str| format!("echo {tag} >> {}/ran; exec sleep 60", dir.path().display());
    let script_a = script("a");
    let script_b = script("b");
    let mut a = spawn_etcdkit(&[
        "elect",
        "/e/fail",
        "--ttl",
        "2s",
        "--proposal",
        "a",
        "--endpoints",
        &ep,
        "--",
        "sh",
        "-c",
        &script_a,
    ]);
    let ran = dir.path().join("ran");
    wait_until("a to lead", Duration::from_secs(10), || {
        std::fs::read_to_string(&ran).is_ok_and(|s| s == "a\n")
    });
    let mut b = spawn_etcdkit(&[
        "elect",
        "/e/fail",
        "--ttl",
        "2s",
        "--proposal",
        "b",
        "--endpoints",
        &ep,
        "--",
        "sh",
        "-c",
        &script_b,
    ]);
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(
        std::fs::read_to_string(&ran).unwrap(),
        "a\n",
        "b stands by while a leads"
    );

    let killed = Instant::now();
    kill(&mut a, libc::SIGKILL);
    a.wait().unwrap();
    wait_until("b to take over", Duration::from_secs(10), || {
        std::fs::read_to_string(&ran).is_ok_and(|s| s == "a\nb\n")
    });
    let took = killed.elapsed();
    assert!(
        took >= Duration::from_millis(1500),
        "b cannot lead before a's lease ran out ({took:?})"
    );
    // a's command died with a (no command runs without leadership).
    let ps = Command::new("pgrep")
        .args(["-f", "echo a >>"])
        .output()
        .unwrap();
    assert!(ps.stdout.is_empty(), "a's command outlived a");
    kill(&mut b, libc::SIGTERM);
    b.wait().unwrap();
}

#[test]
fn every_runs_the_task_on_exactly_one_instance_per_interval() {
    let etcd = Etcd::single();
    let dir = tempfile::tempdir().unwrap();
    let ep = etcd.endpoints();
    let log = dir.path().join("runs");
    // Each run records its slot and who ran it.
    let task = |tag: &str| {
        format!(
            "echo \"$ETCDKIT_ELECT_SLOT {tag} $ETCDKIT_ELECT_REV\" >> {}",
            log.display()
        )
    };
    let (ta, tb, tc) = (task("a"), task("b"), task("c"));
    let mut instances: Vec<Child> = [("a", &ta), ("b", &tb), ("c", &tc)]
        .iter()
        .map(|(tag, t)| {
            spawn_etcdkit(&[
                "elect",
                "/e/cron",
                "--every",
                "1s",
                "--ttl",
                "2s",
                "--proposal",
                tag,
                "--endpoints",
                &ep,
                "--",
                "sh",
                "-c",
                t,
            ])
        })
        .collect();
    std::thread::sleep(Duration::from_millis(4500));
    // Kill whoever leads; another instance carries on.
    let leader = leader_proposal(&etcd, "/e/cron").expect("a leader");
    let index = ["a", "b", "c"].iter().position(|t| *t == leader).unwrap();
    kill(&mut instances[index], libc::SIGKILL);
    instances[index].wait().unwrap();
    std::thread::sleep(Duration::from_millis(5000));
    for (i, child) in instances.iter_mut().enumerate() {
        if i != index {
            kill(child, libc::SIGTERM);
            child.wait().unwrap();
        }
    }
    let text = std::fs::read_to_string(&log).unwrap();
    let runs: Vec<(u64, String)> = text
        .lines()
        .map(|l| {
            let mut parts = l.split_whitespace();
            (
                parts.next().unwrap().parse().unwrap(),
                parts.next().unwrap().to_string(),
            )
        })
        .collect();
    let slots: std::collections::BTreeSet<u64> = runs.iter().map(|r| r.0).collect();
    assert_eq!(slots.len(), runs.len(), "a slot ran twice:\n{text}");
    let runners: std::collections::BTreeSet<&str> = runs.iter().map(|r| r.1.as_str()).collect();
    assert!(
        runners.len() >= 2,
        "a standby took over after the kill:\n{text}"
    );
    assert!(runs.len() >= 5, "it ran at most intervals:\n{text}");
}

#[test]
fn lost_leadership_stops_the_command() {
    let etcd = Etcd::single();
    let mut child = spawn_etcdkit(&[
        "elect",
        "/e/lost",
        "--kill-after",
        "1s",
        "--endpoints",
        &etcd.endpoints(),
        "--",
        "sleep",
        "60",
    ]);
    wait_until("leadership", Duration::from_secs(10), || {
        leader_proposal(&etcd, "/e/lost").is_some()
    });
    etcd.etcdctl(&["del", "/e/lost", "--prefix"]);
    let status = child.wait().unwrap();
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
    assert_eq!(status.code(), Some(7), "{stderr}");
    assert!(stderr.contains("lost"), "{stderr}");
}

#[test]
fn bad_election_input_is_refused() {
    let etcd = Etcd::single();
    let ep = etcd.endpoints();
    for (args, says) in [
        (vec!["elect", "", "--leader"], "empty"),
        (vec!["elect", "/e/x/", "--leader"], "ends with '/'"),
        (vec!["elect", "/e/x", "--every", "1s"], "needs a command"),
        (
            vec!["elect", "/e/x", "--observe", "--", "true"],
            "only watch",
        ),
        (
            vec!["elect", "/e/x", "--ttl", "0s", "--", "true"],
            "out of range",
        ),
        (vec!["elect", "/e/x", "--"], "no command"),
        (
            vec!["elect", "/e/x", "--", "no-such-program-etcdkit"],
            "not found",
        ),
    ] {
        let mut full = vec!["--endpoints", &ep];
        full.extend(args.iter().copied());
        let run = etcdkit(&full);
        let want = if says == "not found" { 127 } else { 3 };
        assert_eq!(run.code, want, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains(says), "{args:?}: {}", run.stderr);
    }
    let left = etcd.etcdctl(&["get", "/e", "--prefix", "--keys-only"]);
    assert!(left.stdout.is_empty(), "nothing left behind");
}

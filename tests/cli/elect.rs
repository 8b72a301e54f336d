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
fn the_proposal_is_taken_after_the_name_and_l_observes_as_etcdctls_do() {
    let etcd = Etcd::single();
    let ep = etcd.endpoints();
    // `etcdkit elect NAME PROPOSAL`, as `etcdctl elect NAME PROPOSAL`: etcdctl's -l sees it.
    let mut ours = spawn_etcdkit(&["elect", "/e/form", "mine", "--endpoints", &ep]);
    wait_until("etcdkit's leadership", Duration::from_secs(10), || {
        leader_proposal(&etcd, "/e/form").as_deref() == Some("mine")
    });
    let mut listen = etcdctl_elect(&etcd, &["-l", "/e/form"]);
    let mut lines = BufReader::new(listen.stdout.take().unwrap()).lines();
    let _key = lines.next().unwrap().unwrap();
    assert_eq!(lines.next().unwrap().unwrap(), "mine");
    listen.kill().unwrap();
    listen.wait().unwrap();
    // etcdkit's `-l` (etcdctl's listen flag) observes, as etcdctl's does.
    let mut observe = spawn_etcdkit(&["elect", "-l", "/e/form", "-o", "plain", "--endpoints", &ep]);
    let mut seen = BufReader::new(observe.stdout.take().unwrap()).lines();
    assert_eq!(seen.next().unwrap().unwrap(), "mine");
    kill(&mut observe, libc::SIGTERM);
    observe.wait().unwrap();
    kill(&mut ours, libc::SIGTERM);
    assert_eq!(ours.wait().unwrap().code(), Some(0));
    // A proposal given twice, or to a watcher, is refused.
    for args in [
        vec!["elect", "/e/form", "a", "--proposal", "b"],
        vec!["elect", "/e/form", "a", "--observe"],
    ] {
        let mut full = args.clone();
        full.extend(["--endpoints", &ep]);
        let run = etcdkit(&full);
        assert_eq!(run.code, 3, "{args:?}: {}", run.stderr);
    }
}

#[test]
fn on_a_terminal_a_standby_says_who_leads() {
    let etcd = Etcd::single();
    let ep = etcd.endpoints();
    let mut leader = spawn_etcdkit(&["elect", "/e/tty", "first", "--endpoints", &ep]);
    wait_until("the first leader", Duration::from_secs(10), || {
        leader_proposal(&etcd, "/e/tty").as_deref() == Some("first")
    });
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("tty.out");
    let line = format!(
        "{} elect --endpoints {ep} /e/tty second",
        env!("CARGO_BIN_EXE_etcdkit")
    );
    let mut standby = Command::new("script")
        .args(["-qfec", &line, out.to_str().unwrap()])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let said = || std::fs::read_to_string(&out).unwrap_or_default();
    wait_until(
        "the standby naming the leader",
        Duration::from_secs(20),
        || {
            said()
                .contains("etcdkit: waiting for leadership of /e/tty: the leader is first (/e/tty/")
        },
    );
    kill(&mut leader, libc::SIGTERM);
    assert_eq!(leader.wait().unwrap().code(), Some(0));
    wait_until("the standby elected", Duration::from_secs(20), || {
        leader_proposal(&etcd, "/e/tty").as_deref() == Some("second")
    });
    kill(&mut standby, libc::SIGTERM);
    standby.wait().unwrap();
    // The leader's stderr was a pipe: it never said it was waiting.
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut leader.stderr.take().unwrap(), &mut rest).unwrap();
    assert!(!rest.contains("waiting for"), "{rest}");
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
    let script = |tag: &str| {
        let d = dir.path().display();
        format!("echo $$ > {d}/pid.{tag}; echo {tag} >> {d}/ran; exec sleep 60")
    };
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
    let pid_a: u32 = std::fs::read_to_string(dir.path().join("pid.a"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
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
    // b is in line (its key is there) while a leads.
    wait_until("b's candidate key", Duration::from_secs(10), || {
        candidates(&etcd, "/e/fail/") == 2
    });

    let killed = Instant::now();
    kill(&mut a, libc::SIGKILL);
    a.wait().unwrap();
    // a's command dies with a, before b (which waits for a's lease to run out) leads.
    wait_until("a's command to die", Duration::from_secs(10), || {
        !crate::support::process_alive(pid_a)
    });
    assert_eq!(std::fs::read_to_string(&ran).unwrap(), "a\n");
    wait_until("b to take over", Duration::from_secs(10), || {
        std::fs::read_to_string(&ran).is_ok_and(|s| s == "a\nb\n")
    });
    let took = killed.elapsed();
    assert!(
        took >= Duration::from_millis(1500),
        "b cannot lead before a's lease ran out ({took:?})"
    );
    kill(&mut b, libc::SIGTERM);
    assert_eq!(
        b.wait().unwrap().code(),
        Some(143),
        "b's command got SIGTERM"
    );
}

/// How many candidate keys are under a prefix.
fn candidates(etcd: &Etcd, prefix: &str) -> usize {
    etcd.etcdctl_ok(&["get", prefix, "--prefix", "--keys-only"])
        .lines()
        .filter(|l| !l.is_empty())
        .count()
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
    let runs = || -> Vec<(u64, String)> {
        std::fs::read_to_string(&log)
            .unwrap_or_default()
            .lines()
            .map(|l| {
                let mut parts = l.split_whitespace();
                (
                    parts.next().unwrap().parse().unwrap(),
                    parts.next().unwrap().to_string(),
                )
            })
            .collect()
    };
    wait_until("three runs", Duration::from_secs(20), || runs().len() >= 3);
    // Kill whoever leads; another instance carries on.
    let leader = leader_proposal(&etcd, "/e/cron").expect("a leader");
    let index = ["a", "b", "c"].iter().position(|t| *t == leader).unwrap();
    kill(&mut instances[index], libc::SIGKILL);
    instances[index].wait().unwrap();
    let before = runs().len();
    wait_until(
        "two runs by the new leader",
        Duration::from_secs(30),
        || runs()[before..].iter().filter(|r| r.1 != leader).count() >= 2,
    );
    for (i, child) in instances.iter_mut().enumerate() {
        if i != index {
            kill(child, libc::SIGTERM);
            assert_eq!(child.wait().unwrap().code(), Some(0));
        }
    }
    let runs = runs();
    let text = std::fs::read_to_string(&log).unwrap();
    let slots: std::collections::BTreeSet<u64> = runs.iter().map(|r| r.0).collect();
    assert_eq!(slots.len(), runs.len(), "a slot ran twice:\n{text}");
    assert!(
        runs[before..].iter().all(|r| r.1 != leader),
        "the killed leader ran after its death:\n{text}"
    );
}

#[test]
fn lost_leadership_stops_the_command() {
    let etcd = Etcd::single();
    let dir = tempfile::tempdir().unwrap();
    let pid_file = dir.path().join("pid");
    let script = format!(
        "echo $$ > {}.tmp; mv {0}.tmp {0}; exec sleep 60",
        pid_file.display()
    );
    let mut child = spawn_etcdkit(&[
        "elect",
        "/e/lost",
        "--kill-after",
        "1s",
        "--endpoints",
        &etcd.endpoints(),
        "--",
        "sh",
        "-c",
        &script,
    ]);
    wait_until("the command to start", Duration::from_secs(10), || {
        pid_file.exists()
    });
    let pid: u32 = std::fs::read_to_string(&pid_file)
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert!(crate::support::process_alive(pid));
    etcd.etcdctl(&["del", "/e/lost", "--prefix"]);
    let status = child.wait().unwrap();
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
    assert_eq!(status.code(), Some(7), "{stderr}");
    assert!(stderr.contains("lost"), "{stderr}");
    // etcdkit exits only after the command is gone.
    assert!(
        !crate::support::process_alive(pid),
        "the command still runs"
    );
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
            "at least 1s",
        ),
        (
            vec!["elect", "/e/x", "--every", "-1s", "--", "true"],
            "cannot be negative",
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

/// The keys of a JSON object, sorted.
fn fields(v: &serde_json::Value) -> Vec<&str> {
    let mut keys: Vec<&str> = v
        .as_object()
        .unwrap_or_else(|| panic!("not an object: {v}"))
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    keys
}

#[test]
fn observe_json_has_exactly_the_fields_the_readme_documents() {
    let etcd = Etcd::single();
    let ep = etcd.endpoints();
    let mut observer = spawn_etcdkit(&[
        "elect",
        "/e/json",
        "--observe",
        "-o",
        "json",
        "--endpoints",
        &ep,
    ]);
    let mut lines = BufReader::new(observer.stdout.take().unwrap()).lines();
    let mut next =
        || -> serde_json::Value { serde_json::from_str(&lines.next().unwrap().unwrap()).unwrap() };
    let is_time = |v: &serde_json::Value| {
        let t = v.as_str().unwrap();
        t.len() >= 20 && t.as_bytes()[10] == b'T' && t.ends_with('Z')
    };

    // No leader: only `name` and `time`.
    let none = next();
    assert_eq!(fields(&none), ["name", "time"], "{none}");
    assert_eq!(none["name"], "/e/json");
    assert!(is_time(&none["time"]), "{none}");

    // A leader: name, key, proposal, revision, lease_id (hex) and time, each as etcd has it.
    let mut leader = spawn_etcdkit(&["elect", "/e/json", "--proposal", "p1", "--endpoints", &ep]);
    let seen = next();
    assert_eq!(
        fields(&seen),
        ["key", "lease_id", "name", "proposal", "revision", "time"],
        "{seen}"
    );
    let key = seen["key"].as_str().unwrap();
    let kv: serde_json::Value =
        serde_json::from_str(&etcd.etcdctl_ok(&["get", key, "-w", "json"])).unwrap();
    let kv = &kv["kvs"][0];
    assert_eq!(seen["name"], "/e/json");
    assert_eq!(seen["proposal"], "p1");
    assert_eq!(seen["revision"], kv["create_revision"], "{seen} vs {kv}");
    let lease = seen["lease_id"].as_str().unwrap();
    assert_eq!(
        u64::from_str_radix(lease, 16).unwrap(),
        kv["lease"].as_u64().unwrap()
    );
    assert_eq!(key, format!("/e/json/{lease}"));
    assert!(is_time(&seen["time"]), "{seen}");

    // Resigned: back to `name` and `time` only.
    kill(&mut leader, libc::SIGTERM);
    assert_eq!(leader.wait().unwrap().code(), Some(0));
    let gone = next();
    assert_eq!(fields(&gone), ["name", "time"], "{gone}");

    // A proposal that is not UTF-8: `proposal` is null and `proposal_base64` carries it.
    use std::os::unix::ffi::OsStrExt;
    let status = Command::new(etcdctl_bin())
        .env("ETCDCTL_API", "3")
        .args(["--endpoints", &ep, "put", "/e/json/by-hand"])
        .arg(std::ffi::OsStr::from_bytes(&[0xff, 0xfe]))
        .status()
        .unwrap();
    assert!(status.success());
    let binary = next();
    assert_eq!(
        fields(&binary),
        [
            "key",
            "lease_id",
            "name",
            "proposal",
            "proposal_base64",
            "revision",
            "time"
        ],
        "{binary}"
    );
    assert!(binary["proposal"].is_null(), "{binary}");
    assert_eq!(binary["proposal_base64"], "//4=");
    assert_eq!(binary["lease_id"], "0", "a key put by hand has no lease");
    kill(&mut observer, libc::SIGINT);
    assert_eq!(observer.wait().unwrap().code(), Some(0));
}

#[test]
fn a_signal_during_a_run_of_every_ends_the_instance_after_the_run() {
    let etcd = Etcd::single();
    let ep = etcd.endpoints();
    let dir = tempfile::tempdir().unwrap();
    let events = dir.path().join("events");
    for (sig, name) in [(libc::SIGTERM, "TERM"), (libc::SIGINT, "INT")] {
        let _ = std::fs::remove_file(&events);
        let task = format!(
            "trap 'echo {name} >> {0}; exit 3' {name}; echo run >> {0}; while :; do sleep 0.05; done",
            events.display()
        );
        let mut instance = spawn_etcdkit(&[
            "elect",
            "/e/stop",
            "--every",
            "1s",
            "--endpoints",
            &ep,
            "--",
            "sh",
            "-c",
            &task,
        ]);
        let read = || std::fs::read_to_string(&events).unwrap_or_default();
        wait_until("a run", Duration::from_secs(10), || read() == "run\n");
        kill(&mut instance, sig);
        // The run got the signal, and the instance ended with it (it does not lead on).
        let code = exit_code_within(&mut instance, 15);
        assert_eq!(code, Some(0), "{name}: {}", read());
        assert_eq!(read(), format!("run\n{name}\n"));
        assert_eq!(leader_proposal(&etcd, "/e/stop"), None, "{name}: resigned");
    }
}

#[test]
fn a_signal_ends_a_standby_with_0_as_the_help_says() {
    let etcd = Etcd::single();
    let ep = etcd.endpoints();
    let help = etcdkit(&["elect", "--help"]);
    assert!(
        help.stdout
            .contains("0 after a signal (standing by, leading"),
        "{}",
        help.stdout
    );
    let mut leader = spawn_etcdkit(&["elect", "/e/standby", "--proposal", "l", "--endpoints", &ep]);
    wait_until("the leader", Duration::from_secs(10), || {
        leader_proposal(&etcd, "/e/standby").is_some()
    });
    let mut standby =
        spawn_etcdkit(&["elect", "/e/standby", "--proposal", "s", "--endpoints", &ep]);
    wait_until("the standby in line", Duration::from_secs(10), || {
        candidates(&etcd, "/e/standby/") == 2
    });
    for (child, sig) in [(&mut standby, libc::SIGTERM), (&mut leader, libc::SIGINT)] {
        kill(child, sig);
        assert_eq!(exit_code_within(child, 15), Some(0), "signal {sig}");
    }
    assert_eq!(candidates(&etcd, "/e/standby/"), 0);
}

/// The exit code once `child` exits (None for a death by signal); panics (killing it) if it
/// still runs after `seconds`.
fn exit_code_within(child: &mut Child, seconds: u64) -> Option<i32> {
    let deadline = Instant::now() + Duration::from_secs(seconds);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status.code();
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("still running after {seconds} s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

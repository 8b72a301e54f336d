//! `etcdkit alert run` as a daemon: a silence added while it runs is honoured from the next
//! evaluation, a failing evaluation does not end it, and SIGTERM ends it with 0.

use std::fs;
use std::io::{BufRead, BufReader};
use std::process::{Child, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use crate::alert_notify::webhook;
use crate::run::{etcdkit, etcdkit_command};
use crate::support::{Etcd, Receiver};

/// A rule that fires at once; notifications repeat every second while it fires.
const CONFIG: &str = r#"
[[rules]]
name = "AlwaysUp"
metric = "up"
op = "=="
threshold = 1

[route]
group_wait = "0s"
group_interval = "1s"
repeat_interval = "1s"
"#;

struct Daemon {
    child: Child,
    lines: mpsc::Receiver<String>,
    errors: mpsc::Receiver<String>,
}

impl Daemon {
    fn start(endpoints: &str, config: &str, state: &str) -> Daemon {
        let mut child = etcdkit_command()
            .args([
                "alert",
                "run",
                "--interval",
                "300ms",
                "--config",
                config,
                "--state",
                state,
                "--endpoints",
                endpoints,
                "-o",
                "json",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let (out_tx, lines) = mpsc::channel();
        let stdout = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for l in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = out_tx.send(l);
            }
        });
        let (err_tx, errors) = mpsc::channel();
        let stderr = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            for l in BufReader::new(stderr).lines().map_while(Result::ok) {
                let _ = err_tx.send(l);
            }
        });
        Daemon {
            child,
            lines,
            errors,
        }
    }

    /// The next evaluation it printed.
    fn next(&self) -> serde_json::Value {
        let line = self
            .lines
            .recv_timeout(Duration::from_secs(15))
            .expect("an evaluation within 15 s");
        serde_json::from_str(&line).unwrap()
    }

    fn terminate(mut self) -> i32 {
        unsafe { libc::kill(self.child.id() as i32, libc::SIGTERM) };
        self.child.wait().unwrap().code().unwrap_or(-1)
    }
}

impl Drop for Daemon {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn a_silence_added_while_the_daemon_runs_is_honoured_and_sigterm_ends_it() {
    let etcd = Etcd::single();
    let hook = Receiver::start();
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("alert.toml");
    fs::write(
        &config,
        format!("{CONFIG}{}", webhook("hook", &hook.url("/"))),
    )
    .unwrap();
    let state = dir.path().join("state.json").to_string_lossy().into_owned();
    let daemon = Daemon::start(&etcd.endpoints(), &config.to_string_lossy(), &state);
    // It repeats every second while nothing silences it.
    hook.wait_for(2, Duration::from_secs(15));

    etcdkit(&[
        "alert",
        "silence",
        "add",
        "alertname=AlwaysUp",
        "--state",
        &state,
    ])
    .expect_code(0);
    let after_silence = hook.requests().len();
    // Evaluations go on, the alert still fires, and is shown silenced...
    let silenced = loop {
        let e = daemon.next();
        if !e["alerts"][0]["silenced_by"].as_array().unwrap().is_empty() {
            break e;
        }
    };
    assert_eq!(silenced["alerts"][0]["state"], "firing");
    for _ in 0..10 {
        daemon.next();
    }
    // ...and is not sent any more (one send may have been on its way when the silence came).
    let now = hook.requests().len();
    assert!(
        now <= after_silence + 1,
        "{after_silence} before, {now} after"
    );
    assert_eq!(daemon.terminate(), 0);
}

#[test]
fn a_failing_evaluation_is_reported_and_the_daemon_carries_on() {
    let etcd = Etcd::single();
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("alert.toml");
    fs::write(&config, CONFIG).unwrap();
    let sub = dir.path().join("sub");
    let state = sub.join("state.json").to_string_lossy().into_owned();
    let daemon = Daemon::start(&etcd.endpoints(), &config.to_string_lossy(), &state);
    daemon.next();

    // The state file's directory becomes a plain file: evaluations fail...
    fs::remove_dir_all(&sub).unwrap();
    fs::write(&sub, "not a directory").unwrap();
    // (The config has no channels: stderr began with a note saying so.)
    let complaint = loop {
        let line = daemon
            .errors
            .recv_timeout(Duration::from_secs(15))
            .expect("a warning on stderr");
        if !line.contains("no notification channel") {
            break line;
        }
    };
    assert!(complaint.contains("this evaluation failed"), "{complaint}");
    // ...and work again once it is a directory again.
    fs::remove_file(&sub).unwrap();
    while daemon.lines.try_recv().is_ok() {}
    let e = daemon.next();
    assert_eq!(e["members_up"], 1);
    assert!(sub.join("state.json").exists());
    assert_eq!(daemon.terminate(), 0);
}

/// The alert named `name` in an evaluation.
fn find(e: &serde_json::Value, name: &str) -> Option<serde_json::Value> {
    e["alerts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == name)
        .cloned()
}

#[test]
fn a_restarted_daemon_carries_on_without_renotifying_or_restarting_timers() {
    let etcd = Etcd::single();
    let hook = Receiver::start();
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("alert.toml");
    fs::write(
        &config,
        format!(
            "{CONFIG}\n[[rules]]\nname = \"Slow\"\nmetric = \"up\"\nop = \"==\"\nthreshold = 1\nfor = \"8s\"\n{}",
            webhook("hook", &hook.url("/"))
        )
        .replace("repeat_interval = \"1s\"", "repeat_interval = \"1h\""),
    )
    .unwrap();
    let config = config.to_string_lossy().into_owned();
    let state = dir.path().join("state.json").to_string_lossy().into_owned();

    let first = Daemon::start(&etcd.endpoints(), &config, &state);
    let pending_since = loop {
        let e = first.next();
        let slow = find(&e, "Slow").expect("Slow is pending from the first evaluation");
        if find(&e, "AlwaysUp").is_some_and(|a| a["state"] == "firing")
            && !e["notifications"].as_array().unwrap().is_empty()
        {
            assert_eq!(slow["state"], "pending", "{e:#}");
            break slow["active_since"].clone();
        }
    };
    assert_eq!(first.terminate(), 0);

    let second = Daemon::start(&etcd.endpoints(), &config, &state);
    let slow = loop {
        let e = second.next();
        let slow = find(&e, "Slow").unwrap();
        assert_eq!(
            slow["active_since"], pending_since,
            "the `for` timer went on"
        );
        if slow["state"] == "firing" && !e["notifications"].as_array().unwrap().is_empty() {
            break slow;
        }
    };
    assert!(slow["fired_at"].as_str().unwrap() > pending_since.as_str().unwrap());
    assert_eq!(second.terminate(), 0);

    // Each was sent once: AlwaysUp before the restart, Slow after it.
    let sent: Vec<String> = hook
        .requests()
        .iter()
        .map(|r| {
            r.json()["alerts"][0]["labels"]["alertname"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(sent, ["AlwaysUp", "Slow"]);
}

#[test]
fn a_daemon_waiting_for_the_state_file_still_stops_on_sigterm() {
    let etcd = Etcd::single();
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("alert.toml");
    fs::write(&config, CONFIG).unwrap();
    let state = dir.path().join("state.json");
    let lock_path = dir.path().join("state.json.lock");
    // Another etcdkit holds the state file (as a run delivering to a slow channel does).
    let lock = fs::File::create(&lock_path).unwrap();
    lock.lock().unwrap();
    let daemon = Daemon::start(
        &etcd.endpoints(),
        &config.to_string_lossy(),
        &state.to_string_lossy(),
    );
    // It has opened the lock file: it is waiting for its turn.
    let fds = format!("/proc/{}/fd", daemon.child.id());
    crate::run::wait_until(
        "the daemon to open the lock",
        Duration::from_secs(60),
        || {
            fs::read_dir(&fds).is_ok_and(|d| {
                d.flatten()
                    .any(|e| fs::read_link(e.path()).is_ok_and(|t| t == lock_path))
            })
        },
    );
    let pid = daemon.child.id();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(daemon.terminate());
    });
    // Far less than the 2 minutes it would wait for the lock.
    let code = rx
        .recv_timeout(Duration::from_secs(30))
        .unwrap_or_else(|_| {
            unsafe { libc::kill(pid as i32, libc::SIGKILL) };
            panic!("SIGTERM was not heard while the daemon waited for the state file")
        });
    assert_eq!(code, 0);
    drop(lock);
}

//! The alert state file: only a regular file is ever written (a device, FIFO, socket or
//! directory is refused, a symlink is followed), and runs on one state file take turns, so
//! each notification goes out exactly once and a silence waits its turn instead of hanging.

use std::fs;
use std::os::unix::fs::FileTypeExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use crate::alert_notify::{webhook, ALWAYS};
use crate::run::{etcdkit, etcdkit_command, Run};
use crate::support::{Etcd, Receiver};

/// Waits for `child`, killing it and failing the test if it has not ended after `limit`.
fn finish_within(mut child: Child, limit: Duration, what: &str) -> Run {
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{what} hung for {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn spawn(args: &[&str]) -> Child {
    etcdkit_command()
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// A character device like /dev/null, made in `dir` (a path to /dev/null itself when this
/// test may not make device nodes).
fn char_device(dir: &Path) -> PathBuf {
    let path = dir.join("null");
    let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    let made = unsafe { libc::mknod(c.as_ptr(), libc::S_IFCHR | 0o666, libc::makedev(1, 3)) };
    if made == 0 {
        path
    } else {
        PathBuf::from("/dev/null")
    }
}

/// Makes a FIFO at `path`.
fn fifo(path: PathBuf) -> PathBuf {
    let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    path
}

/// Names in `dir` that start with `name` and are not `name` itself (lock files, set-aside
/// copies, temporary files).
fn siblings(path: &Path) -> Vec<String> {
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let Ok(entries) = fs::read_dir(path.parent().unwrap()) else {
        return Vec::new();
    };
    entries
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(&name) && *n != name)
        .collect()
}

#[test]
fn a_state_path_that_is_not_a_regular_file_is_refused_and_left_alone() {
    let etcd = Etcd::single();
    let dir = tempfile::tempdir().unwrap();
    let device = char_device(dir.path());
    let fifo = fifo(dir.path().join("fifo"));
    let socket = dir.path().join("socket");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    let directory = dir.path().join("directory");
    fs::create_dir(&directory).unwrap();
    type IsStill = fn(&fs::FileType) -> bool;
    let cases: [(&Path, &str, IsStill); 4] = [
        (&device, "character device", |t| t.is_char_device()),
        (&fifo, "FIFO", |t| t.is_fifo()),
        (&socket, "socket", |t| t.is_socket()),
        (&directory, "is a directory", |t| t.is_dir()),
    ];
    let endpoints = etcd.endpoints();
    for (path, word, still) in cases {
        let state = path.to_string_lossy().into_owned();
        let commands: [Vec<&str>; 3] = [
            vec![
                "alert",
                "run",
                "--once",
                "--state",
                &state,
                "--endpoints",
                &endpoints,
            ],
            vec!["alert", "silence", "add", "a=b", "--state", &state],
            vec!["alert", "silence", "list", "--state", &state],
        ];
        for args in commands {
            let run = finish_within(spawn(&args), Duration::from_secs(60), &args.join(" "));
            run.expect_code(3);
            assert!(run.stderr.contains(word), "{word}: {}", run.stderr);
            let kind = fs::symlink_metadata(path).unwrap().file_type();
            assert!(still(&kind), "{} is no longer a {word}", path.display());
            assert_eq!(siblings(path), Vec::<String>::new(), "{}", path.display());
        }
    }
    assert!(fs::metadata("/dev/null")
        .unwrap()
        .file_type()
        .is_char_device());
}

#[test]
fn a_symlinked_state_file_is_followed_not_replaced() {
    let etcd = Etcd::single();
    let dir = tempfile::tempdir().unwrap();
    let real_dir = dir.path().join("real");
    fs::create_dir(&real_dir).unwrap();
    let link = dir.path().join("state.json");
    std::os::unix::fs::symlink("real/state.json", &link).unwrap();
    let state = link.to_string_lossy().into_owned();
    let once = || {
        let endpoints = etcd.endpoints();
        etcdkit(&[
            "alert",
            "run",
            "--once",
            "--state",
            &state,
            "--endpoints",
            &endpoints,
        ])
        .expect_code(0);
    };
    once();
    once();
    let add = etcdkit(&[
        "alert", "silence", "add", "a=b", "--state", &state, "-o", "json",
    ]);
    add.expect_code(0);
    assert!(fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    let saved: serde_json::Value =
        serde_json::from_slice(&fs::read(real_dir.join("state.json")).unwrap()).unwrap();
    assert_eq!(saved["version"], 1);
    assert_eq!(saved["silences"][0]["id"], add.json()["id"]);
    // The lock lives next to the file written, not next to the link.
    assert_eq!(siblings(&link), Vec::<String>::new());
    assert_eq!(siblings(&real_dir.join("state.json")), ["state.json.lock"]);

    // A corrupt target is set aside next to itself; the link stays and leads to the rebuilt file.
    fs::write(real_dir.join("state.json"), "{").unwrap();
    once();
    assert!(fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    let aside: Vec<String> = siblings(&real_dir.join("state.json"))
        .into_iter()
        .filter(|n| n.contains(".corrupt-"))
        .collect();
    assert_eq!(aside.len(), 1, "{aside:?}");
    assert_eq!(fs::read_to_string(real_dir.join(&aside[0])).unwrap(), "{");
}

/// A rule that fires at once, sent to a webhook once (repeat after an hour).
fn always(hook: &Receiver, timeout: &str) -> String {
    format!(
        r#"{ALWAYS}
[route]
group_wait = "0s"
repeat_interval = "1h"
{}timeout = "{timeout}"
retries = 0
"#,
        webhook("hook", &hook.url("/hook"))
    )
}

#[test]
fn concurrent_runs_on_one_state_file_notify_exactly_once() {
    let etcd = Etcd::single();
    let hook = Receiver::start();
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("alert.toml");
    fs::write(&config, always(&hook, "10s")).unwrap();
    let config = config.to_string_lossy().into_owned();
    let endpoints = etcd.endpoints();
    const TRIALS: usize = 12;
    const RUNS: usize = 4;
    for trial in 0..TRIALS {
        let state = dir
            .path()
            .join(format!("state-{trial}.json"))
            .to_string_lossy()
            .into_owned();
        let runs: Vec<Child> = (0..RUNS)
            .map(|_| {
                spawn(&[
                    "alert",
                    "run",
                    "--once",
                    "--config",
                    &config,
                    "--state",
                    &state,
                    "--endpoints",
                    &endpoints,
                    "-o",
                    "json",
                ])
            })
            .collect();
        let mut sent = 0;
        for child in runs {
            let run = finish_within(child, Duration::from_secs(120), "alert run --once");
            run.expect_code(0);
            sent += run.json()["notifications"].as_array().unwrap().len();
        }
        // Every run has ended, so every delivery it made has been answered and recorded.
        let got = hook.requests().len();
        assert_eq!(
            (sent, got),
            (1, trial + 1),
            "trial {trial}: {sent} runs said they sent; the receiver holds {got} in all"
        );
    }
}

#[test]
fn a_silence_waits_for_a_run_that_is_delivering_and_says_so() {
    let etcd = Etcd::single();
    let hook = Receiver::hanging();
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("alert.toml");
    fs::write(&config, always(&hook, "12s")).unwrap();
    let state = dir.path().join("state.json").to_string_lossy().into_owned();
    let run = spawn(&[
        "alert",
        "run",
        "--once",
        "--config",
        &config.to_string_lossy(),
        "--state",
        &state,
        "--endpoints",
        &etcd.endpoints(),
        "-o",
        "json",
    ]);
    // The run is delivering (to a receiver that never answers) and holds the state file.
    hook.wait_for(1, Duration::from_secs(60));
    let silence = spawn(&[
        "alert",
        "silence",
        "add",
        "alertname=AlwaysUp",
        "--state",
        &state,
    ]);
    let silence = finish_within(silence, Duration::from_secs(180), "silence add");
    silence.expect_code(0);
    assert!(
        silence
            .stderr
            .contains("waiting for another `etcdkit alert`"),
        "{}",
        silence.stderr
    );
    let run = finish_within(run, Duration::from_secs(60), "alert run");
    run.expect_code(6);
    let list = etcdkit(&["alert", "silence", "list", "--state", &state, "-o", "json"]);
    list.expect_code(0);
    assert_eq!(
        list.json()["silences"][0]["matchers"][0],
        "alertname=AlwaysUp"
    );
    // The run recorded its failed delivery without losing the silence saved after it.
    let saved: serde_json::Value = serde_json::from_slice(&fs::read(&state).unwrap()).unwrap();
    assert_eq!(saved["silences"].as_array().unwrap().len(), 1);
}

/// The same rules hold for the other files etcdkit writes: `generate-docs` refuses a FIFO in
/// its way (it used to hang on it) and writes through a symlink.
#[test]
fn generated_docs_are_written_by_the_same_rules() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_string_lossy().into_owned();
    etcdkit(&["generate-docs", "--out-dir", &out]).expect_code(0);
    let page = dir.path().join("man/etcdkit.1");
    let text = fs::read(&page).unwrap();
    let elsewhere = dir.path().join("elsewhere.1");
    fs::remove_file(&page).unwrap();
    std::os::unix::fs::symlink(&elsewhere, &page).unwrap();
    etcdkit(&["generate-docs", "--out-dir", &out]).expect_code(0);
    assert!(fs::symlink_metadata(&page)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(fs::read(&elsewhere).unwrap(), text);

    fs::remove_file(&page).unwrap();
    fifo(page.clone());
    let run = finish_within(
        spawn(&["generate-docs", "--out-dir", &out]),
        Duration::from_secs(60),
        "generate-docs",
    );
    run.expect_code(3);
    assert!(run.stderr.contains("FIFO"), "{}", run.stderr);
    assert!(fs::symlink_metadata(&page).unwrap().file_type().is_fifo());
}

//! Every pattern example in `examples/` run against a real 3-member cluster, as a reader would
//! run it (`cargo run --example NAME -- --endpoints ...`): each must exit 0 and print its
//! `NAME: OK:` line. The examples are built once per test process with the cargo that runs the
//! tests, into the same target directory. An example missing from `examples/` fails the test
//! that names it.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use crate::run::{try_run_command, without_outer_settings, Run};
use crate::support::Etcd;

/// Locks, elections and the patterns built on them.
const COORDINATION: [&str; 6] = ["lock", "election", "leader_task", "ha", "barrier", "queue"];
/// Services finding each other, and what they read at run time.
const SERVICES: [&str; 4] = ["discovery", "load_balancing", "config", "flags"];
/// etcd's own primitives.
const PRIMITIVES: [&str; 3] = ["txn", "lease", "watch"];

/// How long one example may take before it counts as hung (each takes a few seconds).
const HUNG_AFTER: Duration = Duration::from_secs(90);

#[test]
fn coordination_examples_hold_against_a_cluster() {
    run_all(&COORDINATION);
}

#[test]
fn service_examples_hold_against_a_cluster() {
    run_all(&SERVICES);
}

#[test]
fn primitive_examples_hold_against_a_cluster() {
    run_all(&PRIMITIVES);
}

#[test]
fn the_three_lists_name_every_example_in_the_learning_path() {
    let mut listed: Vec<&str> = [&COORDINATION[..], &SERVICES[..], &PRIMITIVES[..]].concat();
    listed.sort();
    let mut on_disk: Vec<String> = std::fs::read_dir(manifest_dir().join("examples"))
        .unwrap()
        .filter_map(|e| {
            let name = e.ok()?.file_name().into_string().ok()?;
            name.strip_suffix(".rs").map(str::to_string)
        })
        // A tool for scripts/bench-watch, not a pattern.
        .filter(|name| name != "mirror_load")
        .collect();
    on_disk.sort();
    let unlisted: Vec<&String> = on_disk
        .iter()
        .filter(|n| !listed.contains(&n.as_str()))
        .collect();
    assert!(unlisted.is_empty(), "examples no test runs: {unlisted:?}");
}

/// Runs each example in `names`, one after another, against one fresh 3-member cluster; fails
/// naming every example that is missing, failed or hung.
fn run_all(names: &[&str]) {
    let examples = built();
    let etcd = Etcd::cluster(3);
    let mut failed = Vec::new();
    for name in names {
        let bin = examples.join(name);
        if !bin.is_file() {
            failed.push(format!(
                "{name}: there is no example {name} (examples/{name}.rs)"
            ));
            continue;
        }
        let started = Instant::now();
        let run = run_example(&bin, &etcd.endpoints());
        println!(
            "--- {name}: exit {} in {:.1} s\n{}{}",
            run.code,
            started.elapsed().as_secs_f64(),
            run.stdout,
            run.stderr
        );
        let ok_line = format!("{name}: OK:");
        if run.code != 0 || !run.stdout.lines().any(|l| l.starts_with(&ok_line)) {
            failed.push(format!(
                "{name}: exit {} without the pattern holding\nstdout:\n{}stderr:\n{}",
                run.code, run.stdout, run.stderr
            ));
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n\n"));
}

/// Runs one example binary to its end (killed, with exit -1, once it has hung).
fn run_example(bin: &Path, endpoints: &str) -> Run {
    let mut cmd = Command::new(bin);
    without_outer_settings(&mut cmd);
    cmd.args(["--endpoints", endpoints])
        .env("NO_COLOR", "1")
        .stdin(Stdio::null());
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{} cannot start: {e}", bin.display()));
    let stdout = read_all(child.stdout.take().expect("piped"));
    let stderr = read_all(child.stderr.take().expect("piped"));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("the example can be waited for") {
            break Some(status);
        }
        if started.elapsed() > HUNG_AFTER {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let mut stderr = stderr.join().unwrap();
    if status.is_none() {
        stderr.push_str(&format!("(hung: killed after {HUNG_AFTER:?})\n"));
    }
    Run {
        code: status.and_then(|s| s.code()).unwrap_or(-1),
        stdout: stdout.join().unwrap(),
        stderr,
    }
}

/// Reads a pipe to its end on a thread of its own.
fn read_all(mut pipe: impl Read + Send + 'static) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = pipe.read_to_end(&mut bytes);
        String::from_utf8_lossy(&bytes).into_owned()
    })
}

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `target/PROFILE/examples`, after building every example once with the cargo that runs the
/// tests (`$CARGO`, else `cargo`) into the tests' own target directory and profile.
fn built() -> &'static PathBuf {
    static BUILT: OnceLock<PathBuf> = OnceLock::new();
    BUILT.get_or_init(|| {
        let profile_dir = PathBuf::from(env!("CARGO_BIN_EXE_etcdkit"))
            .parent()
            .expect("the binary is in target/PROFILE")
            .to_path_buf();
        let target_dir = profile_dir.parent().expect("target/PROFILE is in target");
        let mut cmd = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
        cmd.args(["build", "--examples", "--quiet"])
            .current_dir(manifest_dir())
            .env("CARGO_TARGET_DIR", target_dir);
        without_outer_settings(&mut cmd);
        match profile_dir.file_name().and_then(|p| p.to_str()) {
            Some("debug") => {}
            Some("release") => {
                cmd.arg("--release");
            }
            Some(other) => {
                cmd.args(["--profile", other]);
            }
            None => {}
        }
        let build = try_run_command(&mut cmd).expect("cargo runs");
        assert_eq!(
            build.code, 0,
            "cargo build --examples failed:\n{}",
            build.stderr
        );
        profile_dir.join("examples")
    })
}

//! Running the etcdkit binary in a clean environment and reading what it did.

use std::process::{Command, Output, Stdio};

/// What one run of etcdkit did.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// stdout parsed as one JSON document.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout is not JSON ({e}):\n{}\nstderr:\n{}",
                self.stdout, self.stderr
            )
        })
    }

    /// stdout parsed as JSON Lines, one document per line.
    pub fn json_lines(&self) -> Vec<serde_json::Value> {
        self.stdout
            .lines()
            .map(|l| {
                serde_json::from_str(l)
                    .unwrap_or_else(|e| panic!("a line is not JSON ({e}): {l}\n{}", self.stdout))
            })
            .collect()
    }

    /// Fails the test with everything etcdkit printed unless the exit code is `code`.
    pub fn expect_code(&self, code: i32) -> &Self {
        assert_eq!(
            self.code, code,
            "exit code {} (wanted {code})\nstdout:\n{}\nstderr:\n{}",
            self.code, self.stdout, self.stderr
        );
        assert!(
            !self.stderr.contains("panicked"),
            "etcdkit panicked:\n{}",
            self.stderr
        );
        self
    }

    /// Fails the test unless this was a usage error (exit 3) whose stderr says `says`, with
    /// nothing on stdout: input refused before anything was done.
    pub fn expect_refused(&self, says: &str) -> &Self {
        self.expect_code(3);
        assert!(
            self.stderr.contains(says),
            "wanted {says:?} in:\n{}",
            self.stderr
        );
        assert!(self.stdout.is_empty(), "nothing on stdout: {}", self.stdout);
        self
    }
}

/// An etcdkit command with no ETCDKIT_* / ETCDCTL_* variables from the outer environment.
pub fn etcdkit_command() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_etcdkit"));
    without_outer_settings(&mut cmd);
    cmd.env("NO_COLOR", "1").stdin(Stdio::null());
    cmd
}

/// Takes from `cmd` what the outer environment would decide for it: ETCDKIT_* and ETCDCTL_*
/// variables, and what cargo sets for the test process itself (CARGO_MANIFEST_DIR, ...: a
/// `cargo` run below would take them as changed and rebuild, ring's build script reruns on
/// CARGO_MANIFEST_DIR).
pub fn without_outer_settings(cmd: &mut Command) {
    const PER_TEST: [&str; 4] = [
        "CARGO_PKG_",
        "CARGO_MANIFEST_",
        "CARGO_CRATE_",
        "CARGO_BIN_",
    ];
    for (key, _) in std::env::vars_os() {
        let key_text = key.to_string_lossy();
        let outer = key_text.starts_with("ETCDKIT_")
            || key_text.starts_with("ETCDCTL_")
            || PER_TEST.iter().any(|p| key_text.starts_with(p))
            || ["CARGO_PRIMARY_PACKAGE", "CARGO_TARGET_TMPDIR"].contains(&&*key_text);
        if outer {
            cmd.env_remove(&key);
        }
    }
}

/// Runs etcdkit with `args` and waits for it.
pub fn etcdkit(args: &[&str]) -> Run {
    run_command(etcdkit_command().args(args))
}

/// Runs a prepared command and waits for it.
pub fn run_command(cmd: &mut Command) -> Run {
    try_run_command(cmd).expect("etcdkit runs")
}

/// Runs a prepared command and waits for it; the error when it cannot be started.
pub fn try_run_command(cmd: &mut Command) -> std::io::Result<Run> {
    let Output {
        status,
        stdout,
        stderr,
    } = cmd.output()?;
    Ok(Run {
        code: status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
    })
}

/// A check from a health report, by name.
pub fn check<'a>(report: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    report["checks"]
        .as_array()
        .expect("checks is an array")
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no check {name} in {report:#}"))
}

/// A check's status from a health report.
pub fn check_status(report: &serde_json::Value, name: &str) -> String {
    check(report, name)["status"].as_str().unwrap().to_string()
}

/// Polls `ok` every 50 ms until it holds; fails the test after `limit`.
pub fn wait_until(what: &str, limit: std::time::Duration, mut ok: impl FnMut() -> bool) {
    let start = std::time::Instant::now();
    while !ok() {
        assert!(start.elapsed() < limit, "timed out waiting for {what}");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

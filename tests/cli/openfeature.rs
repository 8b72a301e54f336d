//! The real OpenFeature clients the flags tests drive, installed by `scripts/setup`: the Python
//! SDK with its OFREP and flagd providers (venv `.tools/openfeature`, or
//! `ETCDKIT_TEST_OPENFEATURE_PYTHON`) and npm's `@openfeature/flagd-core` (`.tools/node-flags`,
//! or `ETCDKIT_TEST_NODE_FLAGS`; Node from `PATH`, or `ETCDKIT_TEST_NODE`). Each runs a script of
//! tests/clients that prints one JSON line per result. A missing client fails the test.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::lock_scene::{wait_for, Spawned};
use crate::run::{run_command, try_run_command, Run};
use crate::support::tool_in_repo;

const SETUP: &str = "Install the OpenFeature clients with scripts/setup";

/// A script of tests/clients.
fn script(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/clients")
        .join(name)
}

/// `SCRIPT ARGS` (`ofrep_eval.py` or `flagd_inprocess.py`) in the OpenFeature venv.
fn python(script_name: &str, args: &[&str]) -> Command {
    let python = tool_in_repo(
        "ETCDKIT_TEST_OPENFEATURE_PYTHON",
        ".tools/openfeature/bin/python",
        "the Python with the OpenFeature SDK and its OFREP and flagd providers",
        &format!(
            "{SETUP}, or set ETCDKIT_TEST_OPENFEATURE_PYTHON to a python that has the packages \
             of tests/clients/requirements.txt."
        ),
    );
    let mut cmd = Command::new(python);
    cmd.arg(script(script_name)).args(args);
    cmd
}

/// A Python client run to its end, which must succeed: one result per flag, in order. Each
/// result has `key`, `value`, `variant`, `reason`, `error_code`, `error_message`,
/// `flag_metadata`, as the SDK reported them.
pub(crate) fn evaluate(script_name: &str, args: &[&str]) -> Vec<Value> {
    let run = run_command(&mut python(script_name, args));
    succeeded(script_name, &run).json_lines()
}

fn succeeded<'r>(what: &str, run: &'r Run) -> &'r Run {
    assert_eq!(
        run.code, 0,
        "{what} exited {}\nstdout:\n{}\nstderr:\n{}",
        run.code, run.stdout, run.stderr
    );
    run
}

/// A Python client with `--watch-until KEY=VALUE` in the background, returned once it has
/// evaluated the flag for the first time (the SDK's first result): a change made after this
/// is one the running client must see. Finish it with [`seen`].
pub(crate) fn watching(dir: &Path, script_name: &str, args: &[&str]) -> (Spawned, Value) {
    let mut client = Spawned::spawn(python(script_name, args), dir, script_name);
    let mut first = None;
    wait_for("the client's first evaluation", 30, || {
        first = client
            .stderr()
            .lines()
            .find_map(|l| l.strip_prefix("watching: ").map(str::to_string));
        assert!(
            first.is_some() || client.running(),
            "{script_name} exited: {}{}",
            client.stdout(),
            client.stderr()
        );
        first.is_some()
    });
    let first = serde_json::from_str(&first.unwrap()).unwrap();
    (client, first)
}

/// The results a [`watching`] client printed once it saw the value it waited for.
pub(crate) fn seen(mut client: Spawned, seconds: u64) -> Vec<Value> {
    let run = client.wait(seconds);
    succeeded("the watching client", &run).json_lines()
}

/// `node tests/clients/bench_flagd_core.mjs --flags FILE --flag KEY --type TYPE --dump N`:
/// npm's `@openfeature/flagd-core` on contexts 0..N (`targetingKey` `user-I`, `version`
/// `I%5.I%7.I%3`), one answer each (`i`, `targetingKey`, `version`, `value`, `variant`,
/// `reason`, `errorCode`).
pub(crate) fn flagd_core_answers(flags: &Path, key: &str, type_: &str, n: usize) -> Vec<Value> {
    let modules = std::env::var_os("ETCDKIT_TEST_NODE_FLAGS")
        .filter(|s| !s.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join(".tools/node-flags"));
    let core = modules.join("node_modules/@openfeature/flagd-core/package.json");
    assert!(
        core.is_file(),
        "npm's @openfeature/flagd-core is missing: {} does not exist.\n{SETUP}, or set \
         ETCDKIT_TEST_NODE_FLAGS to a directory with its node_modules.",
        core.display()
    );
    let node = std::env::var_os("ETCDKIT_TEST_NODE")
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| OsString::from("node"));
    let n = n.to_string();
    let mut cmd = Command::new(&node);
    cmd.arg(script("bench_flagd_core.mjs"))
        .args(["--flag", key, "--type", type_, "--dump", &n, "--flags"])
        .arg(flags)
        .env("FLAGS_NODE_DIR", &modules);
    let run = try_run_command(&mut cmd).unwrap_or_else(|e| {
        panic!(
            "Node ({}) does not run: {e}.\n{SETUP} (it installs nodejs), or set ETCDKIT_TEST_NODE.",
            node.to_string_lossy()
        )
    });
    succeeded("bench_flagd_core.mjs", &run).json_lines()
}

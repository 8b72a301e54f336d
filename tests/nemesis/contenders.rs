//! Workload 1's clients: `etcdkit lock` contenders in the client namespace, each looping on
//! `etcdkit lock /nemesis/register -- python3 child.py SOCKET` until stopped.

use crate::runners::Runners;
use crate::setup::Setup;
use std::path::{Path, PathBuf};

/// The lock the contenders take.
pub const LOCK: &str = "/nemesis/register";
/// The lock's lease TTL, in seconds.
pub const TTL_SECS: u64 = 2;

/// Starts `n` contenders.
pub fn start(n: usize, setup: &Setup) -> Runners {
    let log = |i| setup.logs.join(format!("contender{i}.log"));
    let setup = setup.clone();
    let ttl = format!("{TTL_SECS}s");
    Runners::start(n, log, move |i| {
        let mut cmd = setup.etcdkit(
            &[
                "lock",
                LOCK,
                "--ttl",
                &ttl,
                "--timeout",
                "10s",
                "--kill-after",
                "1s",
                "--",
            ],
            &setup.logs.join(format!("contender{i}.log")),
        );
        cmd.arg(&setup.python)
            .arg(child_script())
            .arg(&setup.socket);
        cmd
    })
}

/// The child script (tests/nemesis/child.py).
fn child_script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/nemesis/child.py")
}

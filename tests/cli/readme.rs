//! Running the README's walk-throughs as they are written, against a real etcd: the first
//! ```sh block after a section's heading, in bash with `set -euo pipefail`, in a fresh
//! directory, with etcdkit on PATH and `ETCDKIT_ENDPOINTS` pointing at the test's etcd.

use std::path::PathBuf;
use std::process::Command;

use crate::support::Etcd;

/// What a walk-through printed, and the directory it ran in.
pub(crate) struct Walked {
    pub stdout: String,
    pub dir: PathBuf,
}

/// The first ```sh block after the README heading `heading` (`## \`etcdkit config\``).
fn readme_block(heading: &str) -> String {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md is there");
    let section = readme
        .split_once(heading)
        .unwrap_or_else(|| panic!("the README has a {heading} section"))
        .1;
    let block = section
        .split_once("```sh\n")
        .expect("the section has a sh block")
        .1;
    block
        .split_once("```")
        .expect("the block ends")
        .0
        .to_string()
}

/// Runs the walk-through under `heading` against `etcd`; panics with its output if it fails.
pub(crate) fn walk(heading: &str, etcd: &Etcd) -> Walked {
    let dir = etcd.dir().join("readme");
    std::fs::create_dir_all(&dir).unwrap();
    let bin = std::path::Path::new(env!("CARGO_BIN_EXE_etcdkit"))
        .parent()
        .unwrap()
        .to_path_buf();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let script = format!("set -euo pipefail\n{}", readme_block(heading));
    let mut cmd = Command::new("bash");
    cmd.arg("-c").arg(&script).current_dir(&dir);
    for (key, _) in std::env::vars_os() {
        if key.to_string_lossy().starts_with("ETCDKIT_") {
            cmd.env_remove(&key);
        }
    }
    let out = cmd
        .env("PATH", path)
        .env("ETCDKIT_ENDPOINTS", etcd.endpoints())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "the README block under {heading} failed ({:?})\nstdout:\n{stdout}\nstderr:\n{stderr}",
        out.status
    );
    Walked { stdout, dir }
}

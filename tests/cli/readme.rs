//! Running the documentation's shell blocks as they are written, against a real etcd: each
//! ```sh block in bash with `set -euo pipefail`, with etcdkit on PATH and `ETCDKIT_ENDPOINTS`
//! and `ETCDCTL_ENDPOINTS` pointing at the test's etcd. [`walk`] runs the README's walk-through
//! under one heading (the first block after it); [`walk_every_block`] runs every block of a
//! file, one after another in one fresh directory.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use crate::run::without_outer_settings;
use crate::support::Etcd;

/// What a walk-through printed, and the directory it ran in.
pub(crate) struct Walked {
    pub stdout: String,
    pub dir: PathBuf,
}

/// One ```sh block of a document: the heading it is under, and its text.
struct Block {
    heading: String,
    text: String,
}

/// Every ```sh block of `doc`, in order, with the heading each is under.
fn sh_blocks(doc: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut heading = String::new();
    let mut lines = doc.lines();
    while let Some(line) = lines.next() {
        if line.starts_with('#') {
            heading = line.to_string();
        } else if line == "```sh" {
            let text: Vec<&str> = lines.by_ref().take_while(|l| *l != "```").collect();
            blocks.push(Block {
                heading: heading.clone(),
                text: text.join("\n") + "\n",
            });
        }
    }
    blocks
}

fn read_doc(file: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Runs the README walk-through under `heading` against `etcd`; panics with its output if it
/// fails.
pub(crate) fn walk(heading: &str, etcd: &Etcd) -> Walked {
    let block = sh_blocks(&read_doc("README.md"))
        .into_iter()
        .find(|b| b.heading == heading)
        .unwrap_or_else(|| panic!("the README has a sh block under {heading}"));
    let dir = etcd.dir().join("readme");
    std::fs::create_dir_all(&dir).unwrap();
    let out = run_block(&block.text, etcd, &dir);
    assert!(
        out.ok,
        "the README block under {heading} failed ({})\nstdout:\n{}\nstderr:\n{}",
        out.status, out.stdout, out.stderr
    );
    Walked {
        stdout: out.stdout,
        dir,
    }
}

/// Runs every ```sh block of `file` (relative to the repository) against `etcd`, in order, in
/// one fresh directory inside the repository (so that `cargo run --example` finds the
/// package); panics naming every block that failed, with its output.
pub(crate) fn walk_every_block(file: &str, etcd: &Etcd) {
    let blocks = sh_blocks(&read_doc(file));
    assert!(!blocks.is_empty(), "{file} has no sh block");
    let dir = tempfile::Builder::new()
        .prefix("doc-blocks-")
        .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
        .unwrap();
    let mut failed = Vec::new();
    for (n, block) in blocks.iter().enumerate() {
        let started = Instant::now();
        let out = run_block(&block.text, etcd, dir.path());
        println!(
            "--- {file} block {} under {}: {} in {:.1} s\n{}{}",
            n + 1,
            block.heading,
            out.status,
            started.elapsed().as_secs_f64(),
            out.stdout,
            out.stderr
        );
        if !out.ok {
            failed.push(format!(
                "{file} block {} under {} failed ({})\n{}stdout:\n{}stderr:\n{}",
                n + 1,
                block.heading,
                out.status,
                block.text,
                out.stdout,
                out.stderr
            ));
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n\n"));
}

/// How one block ran.
struct BlockRun {
    ok: bool,
    status: String,
    stdout: String,
    stderr: String,
}

/// Runs `block` in bash (`set -euo pipefail`) in `dir`, etcdkit on PATH, pointed at `etcd`.
fn run_block(block: &str, etcd: &Etcd, dir: &Path) -> BlockRun {
    let bin = Path::new(env!("CARGO_BIN_EXE_etcdkit")).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut cmd = Command::new("bash");
    without_outer_settings(&mut cmd);
    let out = cmd
        .arg("-c")
        .arg(format!("set -euo pipefail\n{block}"))
        .current_dir(dir)
        .env("PATH", path)
        .env("ETCDKIT_ENDPOINTS", etcd.endpoints())
        .env("ETCDCTL_ENDPOINTS", etcd.endpoints())
        .env("ETCDCTL_API", "3")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    BlockRun {
        ok: out.status.success(),
        status: out.status.to_string(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

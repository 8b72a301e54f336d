//! The README's `etcdkit config` walk-through, run as it is written against a real etcd: the
//! documentation cannot drift from what the commands do.

use std::process::Command;

use crate::support::Etcd;

/// The first ```sh block after the README's `## \`etcdkit config\`` heading.
fn readme_block() -> String {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md is there");
    let section = readme
        .split_once("## `etcdkit config`")
        .expect("the README has an `etcdkit config` section")
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

#[test]
fn the_readme_config_walkthrough_runs_as_written() {
    let etcd = Etcd::single();
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
    let script = format!("set -euo pipefail\n{}", readme_block());
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
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "the README block failed ({:?})\nstdout:\n{stdout}\nstderr:\n{stderr}",
        out.status
    );
    // What the comments in the block promise.
    assert!(stdout.contains("\n6432\n"), "get prints 6432:\n{stdout}");
    assert!(
        stdout.contains(r#"{"host":"db-1.internal","port":6432}"#),
        "list -o json:\n{stdout}"
    );
    assert!(
        stdout.contains("db-1.internal:6432\n"),
        "exec's environment:\n{stdout}"
    );
    assert!(
        stdout.contains("through pgbouncer"),
        "history says why:\n{stdout}"
    );
    let conf = std::fs::read_to_string(dir.join("app.conf")).unwrap();
    assert!(
        conf.starts_with("host = db-1.internal\nport = 6432\n# revision "),
        "{conf}"
    );
    // The import put the snapshot's value back, in one write with its reason.
    assert_eq!(etcd.get("/app/db/port").as_deref(), Some("6432"));
    assert!(
        etcd.get("/app/.audit")
            .is_some_and(|a| a.contains("back to the snapshot")),
        "the import's audit record"
    );
    assert!(
        stdout.contains("~ db/port: 5432 -> 6432"),
        "diff since rev:\n{stdout}"
    );
}

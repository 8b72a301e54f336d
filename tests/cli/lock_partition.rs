//! A holder cut off from etcd stops its command before the lease can run out.

use std::io::Read;
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::run::etcdkit_command;
use crate::support::Etcd;

#[test]
fn an_unreachable_cluster_stops_the_command_before_the_lease_could_expire() {
    let etcd = Etcd::single();
    let dir = tempfile::tempdir().unwrap();
    let marker = dir.path().join("pid");
    let script = format!(
        "echo $$ > {}.tmp; mv {0}.tmp {0}; exec sleep 60",
        marker.display()
    );
    let mut holder = etcdkit_command()
        .args([
            "lock",
            "/p/cut",
            "--ttl",
            "3s",
            "--kill-after",
            "500ms",
            "--endpoints",
            &etcd.endpoint(0),
            "--",
            "sh",
            "-c",
            &script,
        ])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while !marker.exists() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the command never started"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let pid: u32 = std::fs::read_to_string(&marker)
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    // Freeze etcd: nothing answers, nothing is refused either (a partition, as seen from here).
    etcd.pause(0);
    let frozen = Instant::now();
    while crate::support::process_alive(pid) {
        assert!(
            frozen.elapsed() < Duration::from_secs(20),
            "the command was never stopped"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let stopped_after = frozen.elapsed();
    let status = holder.wait().unwrap();
    etcd.resume(0);
    let mut stderr = String::new();
    holder
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert_eq!(status.code(), Some(7), "{stderr}");
    assert!(stderr.contains("unreachable"), "{stderr}");
    // The lease (3 s from the last renewal) may still be valid for a moment: the command is
    // stopped before then, never after.
    assert!(
        stopped_after < Duration::from_secs(4),
        "stopped only after {stopped_after:?}"
    );
}

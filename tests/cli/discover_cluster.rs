//! `etcdkit discover` through trouble on real clusters: the registrar's member killed and the
//! leader killed (the instance never disappears), a partition longer than the TTL (the instance
//! is put back), and a compaction while a watcher is cut off (it still sees every change).

use std::time::Duration;

use serde_json::Value;

use crate::discover::Registry;
use crate::lock_scene::{wait_for, Spawned};
use crate::support::Etcd;

/// What a `discover watch -o json` printed: (type, id) per line.
fn watched(watcher: &Spawned) -> Vec<(String, String)> {
    watcher
        .stdout()
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            let field = |name: &str| v[name].as_str().unwrap().to_string();
            (field("type"), field("id"))
        })
        .collect()
}

/// The lease of a key, read at member `at`.
fn lease_of(etcd: &Etcd, at: usize, key: &str) -> i64 {
    let out = etcd.etcdctl_at(at, &["get", key, "-w", "json"]);
    assert!(out.status.success(), "{out:?}");
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    doc["kvs"][0]["lease"].as_i64().expect("the key is there")
}

/// Waits until member `at` sees `lease` renewed twice (its time to live goes back up): its
/// keep-alive goes on. Fails the test if the lease runs out first.
fn wait_renewed(etcd: &Etcd, at: usize, lease: i64) {
    let mut low = i64::MAX;
    let mut renewals = 0;
    wait_for("two renewals of the registrar's lease", 60, || {
        let out = etcd.etcdctl_at(
            at,
            &["lease", "timetolive", &format!("{lease:x}"), "-w", "json"],
        );
        if !out.status.success() {
            return false; // an election in progress
        }
        let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
        let ttl = doc["ttl"].as_i64().unwrap();
        assert!(ttl > 0, "the registrar's lease ran out: {doc}");
        if ttl > low {
            renewals += 1;
        }
        low = ttl;
        renewals >= 2
    });
}

#[test]
fn the_instance_never_disappears_when_its_member_and_then_the_leader_are_killed() {
    let mut reg = Registry {
        etcd: Etcd::cluster(3),
    };
    reg.etcd.wait_for_leader(Duration::from_secs(10));
    let watcher = reg.spawn("watch", &["watch", "api", "-o", "json"]);
    // Its client dials the first endpoint: member 0. (Renewed every 2 s, its time to live is
    // seen to go from 4 s back up to 5 s.)
    let _registrar = reg.register("a", "api", "127.0.0.1:6001", &["--id", "a", "--ttl", "6s"]);
    wait_for("the watcher sees the instance", 30, || {
        watched(&watcher).len() == 1
    });
    let key = "/services/api/a";
    let lease = lease_of(&reg.etcd, 1, key);

    reg.etcd.kill(0);
    reg.etcd.wait_for_new_leader(0, Duration::from_secs(30));
    wait_renewed(&reg.etcd, 1, lease);

    reg.etcd.start(0);
    let leader = reg.etcd.wait_for_leader(Duration::from_secs(30));
    reg.etcd.kill(leader);
    reg.etcd
        .wait_for_new_leader(leader, Duration::from_secs(30));
    let alive = (0..3).find(|i| *i != leader).unwrap();
    wait_renewed(&reg.etcd, alive, lease);

    // The same lease all along, and never a removal.
    assert_eq!(lease_of(&reg.etcd, alive, key), lease);
    assert_eq!(watched(&watcher), [("added".to_string(), "a".to_string())]);
    let _ = &mut reg;
}

#[test]
fn a_partition_longer_than_the_ttl_ends_with_the_instance_put_back() {
    let reg = Registry::single();
    let registrar = reg.register("a", "api", "127.0.0.1:6002", &["--id", "a", "--ttl", "2s"]);
    let before = lease_of(&reg.etcd, 0, "/services/api/a");
    // Frozen: nothing answers and nothing is refused, as in a partition.
    reg.etcd.pause(0);
    let paused = std::time::Instant::now();
    wait_for("the registrar doubts its lease", 30, || {
        registrar.stderr().contains("could not be renewed")
    });
    // Longer than the TTL: etcd, back, finds the lease ran out.
    wait_for("the TTL to pass", 30, || {
        paused.elapsed() > Duration::from_secs(3)
    });
    reg.etcd.resume(0);
    // etcd, back, says the lease ran out meanwhile.
    wait_for("the registrar puts the instance back", 30, || {
        registrar.stderr().contains("is registered again, after")
    });
    assert!(
        registrar
            .stderr()
            .contains("lost its registration (the lease expired"),
        "{}",
        registrar.stderr()
    );
    assert_eq!(reg.ids("api", false), ["a"]);
    let after = lease_of(&reg.etcd, 0, "/services/api/a");
    assert_ne!(after, before, "on a new lease");
    assert_eq!(lease_of(&reg.etcd, 0, "/services/.all/api/a"), after);
}

#[test]
fn a_watcher_cut_off_through_a_compaction_still_sees_every_add_and_removal() {
    let mut etcd = Etcd::cluster(3);
    etcd.wait_for_leader(Duration::from_secs(10));
    let only_m0 = etcd.endpoint(0);
    let others = format!("{},{}", etcd.endpoint(1), etcd.endpoint(2));
    let spawn = |etcd: &Etcd, label: &str, endpoints: &str, args: &[&str]| {
        let mut cmd = crate::run::etcdkit_command();
        cmd.args(["--endpoints", endpoints, "discover"]).args(args);
        Spawned::spawn(cmd, etcd.dir(), label)
    };
    let watcher = spawn(&etcd, "watch", &only_m0, &["watch", "api", "-o", "json"]);
    let register = |etcd: &Etcd, id: &str| {
        let args = [
            "register",
            "api",
            "--addr",
            "127.0.0.1:6003",
            "--id",
            id,
            "--ttl",
            "3s",
        ];
        let mut r = spawn(etcd, id, &others, &args);
        wait_for(&format!("{id} registered"), 30, || {
            assert!(r.running(), "{}", r.stderr());
            r.stdout().contains("registered")
        });
        r
    };
    let mut a = register(&etcd, "a");
    wait_for("the watcher sees a", 30, || watched(&watcher).len() == 1);

    etcd.kill(0);
    etcd.wait_for_new_leader(0, Duration::from_secs(30));
    a.signal(libc::SIGTERM);
    a.wait(30).expect_code(0);
    let _b = register(&etcd, "b");
    let out = etcd.etcdctl_at(1, &["get", "/", "-w", "json"]);
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let now = doc["header"]["revision"].as_i64().unwrap().to_string();
    let compacted = etcd.etcdctl_at(1, &["compact", &now]);
    assert!(compacted.status.success(), "{compacted:?}");
    etcd.start(0);

    wait_for("the watcher catches up", 60, || {
        watched(&watcher).len() >= 3
    });
    let pair = |k: &str, id: &str| (k.to_string(), id.to_string());
    assert_eq!(
        watched(&watcher),
        [pair("added", "a"), pair("removed", "a"), pair("added", "b")]
    );
}

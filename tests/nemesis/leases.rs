//! Leases through faults the nemesis found: a lock holder keeps its lease while the member its
//! keep-alive talks to is cut off (a partitioned member neither answers nor fails: the
//! keep-alive goes over to another member); and a lease this side gave up on while etcd had no
//! quorum is taken back once etcd answers, so a lock waiter keeps its place and a registered
//! instance never leaves.

use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::support::{command_in, spawn_tied_to_test, Etcd, Network};
use crate::wait_until;

const TTL: Duration = Duration::from_secs(3);

/// Each member in turn is cut off for longer than the TTL while one `etcdkit lock` holds: the
/// holder's keep-alive stream sits on one of them, so at least one cut stalls it.
#[test]
fn a_holder_keeps_its_lock_while_each_member_in_turn_is_cut_off() {
    let net = Network::new(3);
    let etcd = Etcd::builder().network(&net).start();
    let log = etcd.dir().join("holder.log");
    let mut cmd = command_in(&net.client().netns, env!("CARGO_BIN_EXE_etcdkit"));
    cmd.args(["--endpoints", &etcd.endpoints(), "lock", "/keep-alive"])
        .args(["--ttl", "3s", "--", "sleep", "3600"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log).expect("the holder's log"));
    let mut holder = spawn_tied_to_test(cmd).expect("start etcdkit lock");
    let said = || std::fs::read_to_string(&log).unwrap_or_default();
    let lease = wait_for(Duration::from_secs(20), || holder_lease(&etcd, 0))
        .unwrap_or_else(|| panic!("the lock was never taken; etcdkit said: {}", said()));
    for cut in 0..3 {
        net.partition(cut);
        let since = Instant::now();
        let other = (cut + 1) % 3;
        // Past the TTL, the lease would have run out without a renewal through another member.
        while since.elapsed() < TTL + Duration::from_secs(1) {
            assert!(
                matches!(holder.try_wait(), Ok(None)),
                "etcdkit lock ended while m{cut} was cut off: {}",
                said()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        let remaining = wait_for(Duration::from_secs(20), || {
            time_to_live(&etcd, other, lease)
        })
        .expect("a member that is not cut off answers");
        assert!(
            remaining > 0,
            "the holder's lease ran out while m{cut} was cut off; etcdkit said: {}",
            said()
        );
        net.heal(cut);
        wait_for(Duration::from_secs(30), || {
            etcd.members_agree_on_leader().then_some(())
        })
        .expect("the members agree on a leader after the heal");
    }
    assert!(
        matches!(holder.try_wait(), Ok(None)),
        "etcdkit lock ended: {}",
        said()
    );
    assert_eq!(
        holder_lease(&etcd, 0),
        Some(lease),
        "the lock changed hands"
    );
    let _ = holder.kill();
    let _ = holder.wait();
}

/// Polls `f` every 100 ms until it gives a value, for at most `limit`.
fn wait_for<T>(limit: Duration, mut f: impl FnMut() -> Option<T>) -> Option<T> {
    let deadline = Instant::now() + limit;
    loop {
        if let Some(v) = f() {
            return Some(v);
        }
        if Instant::now() > deadline {
            return None;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The lease of the lock's one holder key, asked of member `i`.
fn holder_lease(etcd: &Etcd, i: usize) -> Option<i64> {
    let out = etcd.etcdctl_at(i, &["get", "--prefix", "/keep-alive", "-w", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).ok()?;
    json["kvs"][0]["lease"].as_i64()
}

/// How many keys there are under `prefix`.
fn keys_under(etcd: &Etcd, prefix: &str) -> u64 {
    let out = etcd.etcdctl(&["get", "--prefix", prefix, "--keys-only", "-w", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    json["count"].as_u64().unwrap_or(0)
}

/// The lease of the first key under `prefix`.
fn holder_lease_of(etcd: &Etcd, prefix: &str) -> Option<i64> {
    let out = etcd.etcdctl(&["get", "--prefix", prefix, "-w", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).ok()?;
    json["kvs"][0]["lease"].as_i64()
}

/// The lease's remaining TTL in seconds as member `i` tells it (-1 when it is gone).
fn time_to_live(etcd: &Etcd, i: usize, lease: i64) -> Option<i64> {
    let out = etcd.etcdctl_at(
        i,
        &["lease", "timetolive", &format!("{lease:x}"), "-w", "json"],
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).ok()?;
    json["ttl"].as_i64()
}

/// Two members cut off for longer than the TTL: no quorum, so no leader, so etcd expires no
/// lease, while every renewal fails. A waiter's place and a registration outlive it; the
/// holder, which cannot know, stops its child (exit 7) as it must.
#[test]
fn a_waiter_and_a_registration_outlive_a_lost_quorum() {
    let net = Network::new(3);
    let etcd = Etcd::builder().network(&net).start();
    let logs = etcd.dir().to_owned();
    let spawn = |name: &str, args: &[&str]| {
        let mut cmd = command_in(&net.client().netns, env!("CARGO_BIN_EXE_etcdkit"));
        cmd.args(["--endpoints", &etcd.endpoints()])
            .args(args)
            .stdin(Stdio::null())
            .stdout(std::fs::File::create(logs.join(format!("{name}.out"))).unwrap())
            .stderr(std::fs::File::create(logs.join(format!("{name}.log"))).unwrap());
        spawn_tied_to_test(cmd).expect("start etcdkit")
    };
    let read = |name: &str| std::fs::read_to_string(logs.join(name)).unwrap_or_default();
    let ttl = ["--ttl", "3s"];
    let mut holder = spawn(
        "holder",
        &[&["lock", "/outage"][..], &ttl, &["--", "sleep", "3600"]].concat(),
    );
    wait_for(Duration::from_secs(20), || {
        holder_lease_of(&etcd, "/outage/")
    })
    .expect("the holder takes the lock");
    let mut waiter = spawn(
        "waiter",
        &[&["lock", "/outage"][..], &ttl, &["--", "true"]].concat(),
    );
    let registrar = spawn(
        "registrar",
        &[
            &["discover", "register", "outage", "--addr", "10.77.0.100:80"][..],
            &ttl,
        ]
        .concat(),
    );
    let watch = spawn("watch", &["discover", "watch", "outage", "-o", "json"]);
    assert!(
        wait_until(Duration::from_secs(20), || read("watch.out")
            .contains("\"added\"")
            && keys_under(&etcd, "/outage/") == 2),
        "the instance is registered and the waiter is in line; watch: {}, waiter: {}",
        read("watch.out"),
        read("waiter.log")
    );
    net.partition(0);
    net.partition(1);
    // The holder gives its lock up: renewals went unanswered until its lease could have run out.
    let status = holder.wait().expect("the holder's status");
    assert_eq!(status.code(), Some(7), "holder: {}", read("holder.log"));
    net.heal(0);
    net.heal(1);
    // The waiter takes the lock once the holder's lease is gone, and runs `true`.
    let status = waiter.wait().expect("the waiter's status");
    assert_eq!(status.code(), Some(0), "waiter: {}", read("waiter.log"));
    assert!(
        wait_until(Duration::from_secs(30), || read("registrar.log")
            .contains("still registered")),
        "registrar: {}",
        read("registrar.log")
    );
    assert!(
        !read("watch.out").contains("\"removed\""),
        "the instance was withdrawn: {}",
        read("watch.out")
    );
    for mut child in [registrar, watch] {
        let _ = child.kill();
        let _ = child.wait();
    }
}

//! A lock holder keeps its lease while the member its keep-alive talks to is cut off: the
//! keep-alive goes over to another member. (The nemesis found this: a partitioned member
//! neither answers nor fails, and holders lost their lock whenever theirs was cut off.)

use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::support::{command_in, spawn_tied_to_test, Etcd, Network};

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

/// The lease's remaining TTL in seconds as member `i` tells it (-1 when it is gone).
fn time_to_live(etcd: &Etcd, i: usize, lease: i64) -> Option<i64> {
    let out = etcd.etcdctl_at(
        i,
        &["lease", "timetolive", &format!("{lease:x}"), "-w", "json"],
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).ok()?;
    json["ttl"].as_i64()
}

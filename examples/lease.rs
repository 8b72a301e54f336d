//! Leases: keys that live only as long as someone keeps renewing them.
//!
//! The problem: a process announces something (it is alive, it holds a role, it serves at an
//! address) and the announcement must vanish when the process does, even when it dies without
//! cleaning up. Put the keys on a lease with a TTL and keep the lease alive: when the renewals
//! stop, etcd deletes the keys once the TTL runs out.
//!
//! Run it: `scripts/dev-cluster up`, then
//! `cargo run --example lease -- --endpoints 127.0.0.1:2379`.
//!
//! What it shows: a [`Session`] grants a 2 s lease and keeps it alive in the background; two
//! keys are put on it. Well past the 2 s the keys are still there: each renewal
//! ([`Session::lease_valid_until`]) pushes the end of the lease further. Then the
//! keep-alive stops (the session is dropped, as when its process dies) and a follow of the
//! keys ([`watch::follow`]) sees both deleted by etcd, in one revision, once the TTL has run
//! out: the example waits for the deletes, it does not sleep for them. It checks that the keys
//! outlived the TTL while renewed, that they went no earlier than the last renewal allowed
//! and in one revision, and says how long after the keep-alive stopped they went.
//!
//! Safety notes:
//! - The TTL is the longest the keys outlive their owner. Shorter is quicker to notice a death,
//!   but every pause of the owner longer than the TTL (a GC, a frozen VM, a partition from
//!   etcd) deletes them too. The session renews every third of the TTL.
//! - Expiry is decided by etcd's leader, on its own clock; the owner only knows its lease
//!   is valid until its last renewal's send time plus the TTL
//!   ([`Session::lease_valid_until`]), and the session reports the lease lost before that.
//! - etcd sweeps expired leases about every 500 ms, so keys can outlive the TTL by that much.
//!   A new etcd leader extends every lease by its TTL, so an election delays expiries.

mod common;

use std::time::{Duration, Instant};

use etcd_client::{Client, GetOptions, PutOptions};
use etcdkit::concurrency::session::{Session, Ttl};
use etcdkit::conn::Target;
use etcdkit::watch::{self, EventKind, FollowOptions, Keys, Start};

const TTL: Ttl = Ttl::from_secs(2);

#[tokio::main]
async fn main() {
    let ex = common::Example::from_args("lease");
    ex.run(async |target, client| run(&ex, target, client).await)
        .await
}

async fn run(ex: &common::Example, target: &Target, client: &Client) -> Result<String, String> {
    let failed = |e: etcdkit::Error| e.to_string();
    let etcd_failed = |e: etcd_client::Error| e.to_string();
    let ttl = TTL.get();
    let session = Session::new(target, client, TTL).await.map_err(failed)?;
    let granted = Instant::now();
    let lease = session.lease_id();
    let dir = ex.key("announce");
    let mut kv = client.kv_client();
    for name in ["alive", "address"] {
        let on_lease = PutOptions::new().with_lease(lease);
        kv.put(format!("{dir}/{name}"), "instance-1", Some(on_lease))
            .await
            .map_err(etcd_failed)?;
    }
    ex.say(format!(
        "lease {lease:x} granted for {} s; {dir}/alive and {dir}/address put on it; the session keeps it alive",
        ttl.as_secs()
    ));
    // Follows the keys from now on; reading it later misses nothing in between.
    let options = FollowOptions {
        start: Start::Now,
        ..FollowOptions::new(Keys::prefix(dir.as_str()))
    };
    let mut follower = watch::follow(target, options).await.map_err(failed)?;

    // Renewed, the keys outlive the TTL: look every half second until well past it.
    let mut every = tokio::time::interval(Duration::from_millis(500));
    every.tick().await;
    while granted.elapsed() < ttl + Duration::from_millis(500) {
        every.tick().await;
        let valid_for = session
            .lease_valid_until()
            .saturating_duration_since(tokio::time::Instant::now());
        ex.say(format!(
            "after {:.1} s: the lease is valid for {:.1} s more",
            granted.elapsed().as_secs_f64(),
            valid_for.as_secs_f64()
        ));
    }
    let keys = kv
        .get(format!("{dir}/"), Some(GetOptions::new().with_prefix()))
        .await
        .map_err(etcd_failed)?
        .kvs()
        .len();
    let outlived = granted.elapsed();
    if keys != 2 {
        return Err(format!(
            "after {:.1} s, with the lease kept alive, {keys} of the 2 keys are left",
            outlived.as_secs_f64()
        ));
    }
    ex.say(format!(
        "after {:.1} s, past the {} s TTL, both keys are still there",
        outlived.as_secs_f64(),
        ttl.as_secs()
    ));

    let valid_until = session.lease_valid_until();
    drop(session);
    let stopped = Instant::now();
    ex.say(format!(
        "the keep-alive stops (its owner is gone); the last renewal keeps the lease for {:.1} s more",
        valid_until
            .into_std()
            .saturating_duration_since(stopped)
            .as_secs_f64()
    ));

    let mut gone = Vec::new();
    let mut revisions = Vec::new();
    while gone.len() < 2 {
        let update = follower.next().await.map_err(failed)?;
        for event in update.events.iter().filter(|e| e.kind == EventKind::Delete) {
            gone.push(String::from_utf8_lossy(&event.key).into_owned());
            revisions.push(event.revision);
        }
    }
    let expired = Instant::now();
    let after = expired - stopped;
    ex.say(format!(
        "etcd deleted {} {:.2} s after the keep-alive stopped (revision {})",
        gone.join(" and "),
        after.as_secs_f64(),
        revisions[0]
    ));
    let left = client
        .lease_client()
        .time_to_live(lease, None)
        .await
        .map_err(etcd_failed)?;
    ex.say(format!(
        "the lease is gone: time_to_live answers {}",
        left.ttl()
    ));

    // No earlier than the last renewal allowed (a little slack for the two clocks' reading).
    if expired + Duration::from_millis(100) < valid_until.into_std() {
        return Err("the keys went before their lease could have run out".into());
    }
    // How long after the keep-alive stopped they went (about the TTL, plus up to etcd's
    // half-second sweep) is said above, not judged: on a busy machine it is later, never earlier.
    if revisions[0] != revisions[1] {
        return Err(format!("the keys went in two revisions: {revisions:?}"));
    }
    Ok(format!(
        "kept alive, the keys outlived their {} s TTL ({:.1} s); unrenewed, both expired together {:.2} s later",
        ttl.as_secs(),
        outlived.as_secs_f64(),
        after.as_secs_f64()
    ))
}

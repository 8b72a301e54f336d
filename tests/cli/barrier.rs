//! The double barrier (`etcdkit::concurrency::barrier`) against real etcd: nobody passes before
//! the last participant enters, everyone leaves together, and a participant whose lease is gone
//! does not count.

use std::sync::{Arc, Mutex};

use etcdkit::concurrency::barrier::{Barrier, Entered};
use etcdkit::concurrency::session::Ttl;
use etcdkit::concurrency::{LostReason, Session};
use etcdkit::Error;
use tokio::sync::Notify;

use crate::lock_scene::wait_for;
use crate::support::Etcd;

/// What the participants did, in the order they did it.
type Log = Arc<Mutex<Vec<String>>>;

fn said(log: &Log, what: String) {
    log.lock().unwrap().push(what);
}

fn position(log: &Log, what: &str) -> usize {
    let log = log.lock().unwrap();
    log.iter()
        .position(|l| l == what)
        .unwrap_or_else(|| panic!("{what} in {log:?}"))
}

/// Waits (polling etcd) until `prefix` holds `n` keys.
pub(crate) fn wait_keys(client: &etcd_client::Client, prefix: &str, n: i64) {
    let handle = tokio::runtime::Handle::current();
    tokio::task::block_in_place(|| {
        wait_for(&format!("{n} keys under {prefix}"), 30, || {
            let mut kv = client.kv_client();
            let options = etcd_client::GetOptions::new()
                .with_prefix()
                .with_count_only();
            handle
                .block_on(kv.get(prefix, Some(options)))
                .unwrap()
                .count()
                == n
        })
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nobody_passes_before_the_last_enters_and_all_leave_together() {
    let etcd = Etcd::single();
    let (target, client) = etcd.connect().await;
    let name = "/barriers/start";
    let log: Log = Arc::default();
    let last_may_leave = Arc::new(Notify::new());
    let mut tasks = Vec::new();
    for i in 0..5 {
        // Participant i enters once the i before it are in (their keys are there).
        wait_keys(&client, "/barriers/start/waiters/", i);
        assert!(
            !log.lock().unwrap().iter().any(|l| l.starts_with("passed")),
            "{log:?}"
        );
        let session = Session::new(&target, &client, Ttl::from_secs(10))
            .await
            .unwrap();
        let (log, last_may_leave) = (log.clone(), last_may_leave.clone());
        said(&log, format!("entering {i}"));
        tasks.push(tokio::spawn(async move {
            let barrier = Barrier::enter(&session, name, 5).await.unwrap();
            said(&log, format!("passed {i}"));
            let entered = barrier.entered().clone();
            // The first one in leaves last: the others wait for it.
            if i == 0 {
                last_may_leave.notified().await;
            }
            said(&log, format!("leaving {i}"));
            barrier.leave().await.unwrap();
            said(&log, format!("left {i}"));
            session.close().await;
            entered
        }));
    }
    // Four have left the barrier's keys; none is through leaving while the first is in.
    wait_keys(&client, "/barriers/start/waiters/", 1);
    assert!(
        !log.lock().unwrap().iter().any(|l| l.starts_with("left")),
        "{log:?}"
    );
    last_may_leave.notify_one();
    let mut entered: Vec<Entered> = Vec::new();
    for task in tasks {
        entered.push(task.await.unwrap());
    }

    // By the order of what was done: every pass after the last one began to enter, every
    // leave done after the last one began to leave.
    let last_entering = position(&log, "entering 4");
    let last_leaving = position(&log, "leaving 0");
    for i in 0..5 {
        assert!(position(&log, &format!("passed {i}")) > last_entering);
        assert!(position(&log, &format!("left {i}")) > last_leaving);
    }
    // By etcd's revisions: one opening, after every participant's key was put.
    let ready = entered[0].ready_revision;
    let last_in = entered.iter().map(|e| e.entered_revision).max().unwrap();
    assert!(
        entered.iter().all(|e| e.ready_revision == ready),
        "{entered:?}"
    );
    assert!(ready > last_in, "{entered:?}");
    assert_eq!(
        entered.iter().filter(|e| e.opened).count(),
        1,
        "{entered:?}"
    );
    assert!(entered[4].opened, "{entered:?}");
    // Nothing left behind: the last out deleted `ready`.
    wait_keys(&client, "/barriers/start/", 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_participant_whose_lease_is_gone_does_not_count() {
    let etcd = Etcd::single();
    let (target, client) = etcd.connect().await;
    let name = "/barriers/drop";
    let waiters = "/barriers/drop/waiters/";
    let enter = |ttl| {
        let (target, client) = (target.clone(), client.clone());
        tokio::spawn(async move {
            let session = Session::new(&target, &client, Ttl::from_secs(ttl))
                .await
                .unwrap();
            let lease = session.lease_id();
            let entered = Barrier::enter(&session, name, 3)
                .await
                .map(|b| b.entered().clone());
            (lease, entered, session)
        })
    };

    let first = enter(10);
    wait_keys(&client, waiters, 1);
    let dropped = enter(10);
    wait_keys(&client, waiters, 2);
    // The second participant's lease is revoked: its key goes, and its wait ends.
    let lease = {
        let mut kv = client.kv_client();
        let got = kv
            .get(waiters, Some(etcd_client::GetOptions::new().with_prefix()))
            .await
            .unwrap();
        got.kvs().iter().map(|kv| kv.lease()).max().unwrap()
    };
    client.lease_client().revoke(lease).await.unwrap();
    let (gone, result, _session) = dropped.await.unwrap();
    assert_eq!(gone, lease);
    match result {
        Err(Error::WaitEnded { reason, .. }) => assert_eq!(reason, LostReason::LeaseExpired),
        other => panic!("the wait ends with the lease: {other:?}"),
    }
    wait_keys(&client, waiters, 1);

    // A third enters: with the dropped one out, that makes two of three, not three.
    let third = enter(10);
    wait_keys(&client, waiters, 2);
    assert!(!first.is_finished() && !third.is_finished());
    let fourth = enter(10);
    let mut entered = Vec::new();
    for task in [first, third, fourth] {
        let (_, result, session) = task.await.unwrap();
        entered.push(result.unwrap());
        session.close().await;
    }
    assert!(!entered[1].opened && entered[2].opened, "{entered:?}");
    let ready = entered[2].ready_revision;
    assert!(
        entered
            .iter()
            .all(|e| e.ready_revision == ready && ready > e.entered_revision),
        "{entered:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_participant_that_dies_inside_does_not_keep_the_others_from_leaving() {
    let etcd = Etcd::single();
    let (target, client) = etcd.connect().await;
    let name = "/barriers/inside";
    let staying = Session::new(&target, &client, Ttl::from_secs(10))
        .await
        .unwrap();
    let dying = Session::new(&target, &client, Ttl::from_secs(2))
        .await
        .unwrap();
    let (stays, dies) = tokio::join!(
        Barrier::enter(&staying, name, 2),
        Barrier::enter(&dying, name, 2)
    );
    let stays = stays.unwrap();
    // Dies inside the barrier: its keep-alive stops, nothing is deleted or revoked.
    drop(dies.unwrap());
    drop(dying);
    let left = stays.leave().await.unwrap();
    assert_eq!(left.name, name);
    wait_keys(&client, "/barriers/inside/", 0);
    staying.close().await;
}

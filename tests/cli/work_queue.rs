//! The work queue (`etcdkit::concurrency::work_queue`) against real etcd: concurrent workers
//! finish every item exactly once; a worker that dies holding an item gives it back when its
//! lease expires; a worker whose claim was lost cannot finish the item.

use std::collections::HashMap;

use etcdkit::concurrency::lock::Wait;
use etcdkit::concurrency::session::Ttl;
use etcdkit::concurrency::{LostReason, Session, WorkQueue};
use etcdkit::conn::Target;
use etcdkit::Error;

use crate::barrier::wait_keys;
use crate::support::Etcd;

const STOP: &str = "stop";

/// A worker's session of `ttl` seconds.
async fn session(target: &Target, client: &etcd_client::Client, ttl: u64) -> Session {
    Session::new(target, client, Ttl::from_secs(ttl))
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn four_workers_finish_every_item_exactly_once() {
    let etcd = Etcd::single();
    let (target, client) = etcd.connect().await;
    let queue = WorkQueue::new(&target, &client, "/queues/jobs").unwrap();

    // The workers start on an empty queue: they wait for items to come.
    let workers: Vec<_> = (0..4)
        .map(|_| {
            let (target, client, queue) = (target.clone(), client.clone(), queue.clone());
            tokio::spawn(async move {
                let session = session(&target, &client, 10).await;
                let mut finished = Vec::new();
                loop {
                    let item = queue.take(&session, Wait::Forever).await.unwrap().unwrap();
                    let value = String::from_utf8(item.value().to_vec()).unwrap();
                    item.done().await.unwrap();
                    if value == STOP {
                        break;
                    }
                    finished.push(value);
                }
                session.close().await;
                finished
            })
        })
        .collect();
    for i in 0..200 {
        queue.put(format!("item-{i}")).await.unwrap();
    }
    // One stop each, after every item: a worker that took a stop takes nothing more.
    for _ in 0..4 {
        queue.put(STOP).await.unwrap();
    }

    let mut times: HashMap<String, usize> = HashMap::new();
    let mut per_worker = Vec::new();
    for worker in workers {
        let finished = worker.await.unwrap();
        per_worker.push(finished.len());
        for item in finished {
            *times.entry(item).or_default() += 1;
        }
    }
    assert_eq!(times.len(), 200, "none lost: {per_worker:?}");
    assert!(times.values().all(|n| *n == 1), "none twice");
    let status = queue.status().await.unwrap();
    assert_eq!((status.items, status.claimed), (0, 0), "{status:?}");
    eprintln!("items per worker: {per_worker:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_worker_that_dies_gives_its_item_back_when_its_lease_expires() {
    let etcd = Etcd::single();
    let (target, client) = etcd.connect().await;
    let queue = WorkQueue::new(&target, &client, "/queues/dies").unwrap();
    queue.put("the job").await.unwrap();

    let dying = session(&target, &client, 2).await;
    let held = queue.take(&dying, Wait::No).await.unwrap().unwrap();
    let first_token = held.claim().fencing_token;
    let worker = session(&target, &client, 10).await;
    // Claimed: nothing for another worker now.
    assert!(queue.take(&worker, Wait::No).await.unwrap().is_none());

    // The worker dies: its keep-alive stops, nothing is revoked or deleted.
    drop(held);
    drop(dying);
    let started = std::time::Instant::now();
    let redone = queue.take(&worker, Wait::Forever).await.unwrap().unwrap();
    eprintln!("given back after {:?}", started.elapsed());
    assert_eq!(redone.value(), b"the job");
    assert!(redone.claim().fencing_token > first_token);
    redone.done().await.unwrap();
    let status = queue.status().await.unwrap();
    assert_eq!((status.items, status.claimed), (0, 0), "{status:?}");
    worker.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn done_by_a_worker_whose_claim_was_lost_is_refused() {
    let etcd = Etcd::single();
    let (target, client) = etcd.connect().await;
    let queue = WorkQueue::new(&target, &client, "/queues/lost").unwrap();
    queue.put("the job").await.unwrap();
    let first = session(&target, &client, 10).await;
    let second = session(&target, &client, 10).await;

    let stale = queue.take(&first, Wait::No).await.unwrap().unwrap();
    client
        .lease_client()
        .revoke(first.lease_id())
        .await
        .unwrap();
    assert_eq!(stale.lost().await, LostReason::LeaseExpired);
    let current = queue.take(&second, Wait::Forever).await.unwrap().unwrap();
    assert_eq!(current.value(), b"the job");

    match stale.done().await {
        Err(Error::Lost { reason, .. }) => assert_eq!(reason, LostReason::LeaseExpired),
        other => panic!("refused: {other:?}"),
    }
    // Nothing was deleted: the item is still there, claimed by the second worker.
    let status = queue.status().await.unwrap();
    assert_eq!((status.items, status.claimed), (1, 1), "{status:?}");
    current.done().await.unwrap();
    wait_keys(&client, "/queues/lost/", 0);
    second.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_item_given_back_goes_to_the_next_worker_at_once() {
    let etcd = Etcd::single();
    let (target, client) = etcd.connect().await;
    let queue = WorkQueue::new(&target, &client, "/queues/back").unwrap();
    let first = session(&target, &client, 10).await;
    let second = session(&target, &client, 10).await;
    assert!(queue.take(&first, Wait::No).await.unwrap().is_none());
    queue.put("a").await.unwrap();
    queue.put("b").await.unwrap();
    // Oldest first.
    let a = queue.take(&first, Wait::No).await.unwrap().unwrap();
    assert_eq!(a.value(), b"a");
    let b = queue.take(&second, Wait::No).await.unwrap().unwrap();
    assert_eq!(b.value(), b"b");
    // The second worker waits; the first gives its item back.
    let waiting = {
        let (queue, second) = (queue.clone(), &second);
        async move {
            let item = queue.take(second, Wait::Forever).await.unwrap().unwrap();
            let value = item.value().to_vec();
            item.done().await.unwrap();
            value
        }
    };
    let (value, given) = tokio::join!(waiting, a.give_back());
    given.unwrap();
    assert_eq!(value, b"a");
    b.done().await.unwrap();
    let status = queue.status().await.unwrap();
    assert_eq!((status.items, status.claimed), (0, 0), "{status:?}");
    first.close().await;
}

//! The watch layer through trouble, on real etcd clusters: members killed and restarted and
//! the history compacted while a writer goes on. Nothing is missed, nothing repeated; a
//! compaction that outruns a disconnected mirror ends in a resync with the right deletes.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::sync::atomic::{AtomicI64, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use etcd_client::{Compare, CompareOp, GetOptions, Txn, TxnOp};
use etcdkit::conn::ConnectOptions;
use etcdkit::watch::{self, FollowOptions, Keys, Mirror, Update, UpdateKind};
use tokio::runtime::Runtime;

use crate::run::wait_until;
use crate::support::{self, Etcd};
use crate::watch_follow::conn_to;

/// What a follower running on its own task has delivered so far.
#[derive(Default)]
struct Recorder {
    updates: Mutex<Vec<Update>>,
    /// Events delivered in `Changes` updates.
    changes: AtomicUsize,
    revision: AtomicI64,
    reconnects: AtomicU64,
    endpoint: Mutex<String>,
    failure: Mutex<Option<String>>,
}

impl Recorder {
    fn check(&self) {
        if let Some(e) = self.failure.lock().unwrap().as_ref() {
            panic!("the follow failed: {e}");
        }
    }

    fn changes(&self) -> usize {
        self.check();
        self.changes.load(Ordering::SeqCst)
    }

    fn endpoint(&self) -> String {
        self.endpoint.lock().unwrap().clone()
    }

    fn updates(&self) -> Vec<Update> {
        self.updates.lock().unwrap().clone()
    }
}

/// Follows on a task of `rt`, recording every update; returns once the follow has listed.
fn record(rt: &Runtime, conn: &ConnectOptions, options: FollowOptions) -> Arc<Recorder> {
    let recorder = Arc::new(Recorder::default());
    let mut follower = rt
        .block_on(watch::follow(&conn.resolve().unwrap(), options))
        .expect("the follow starts");
    let r = Arc::clone(&recorder);
    rt.spawn(async move {
        loop {
            let update = match follower.next().await {
                Ok(update) => update,
                Err(e) => {
                    *r.failure.lock().unwrap() = Some(e.to_string());
                    return;
                }
            };
            *r.endpoint.lock().unwrap() = follower.endpoint().to_string();
            r.reconnects.store(follower.reconnects(), Ordering::SeqCst);
            r.revision.store(update.revision, Ordering::SeqCst);
            if update.kind == UpdateKind::Changes {
                r.changes.fetch_add(update.events.len(), Ordering::SeqCst);
            }
            r.updates.lock().unwrap().push(update);
        }
    });
    recorder
}

/// Puts `/w/00000` .. `/w/{count-1}` once each, from `tasks` concurrent writers, through any
/// trouble; returns the revision of every put (each key is put by a transaction that only
/// creates it, so a retried put cannot apply twice and tells its revision).
async fn write(conn: ConnectOptions, count: usize, tasks: usize) -> Vec<i64> {
    let client = conn.connect().await.expect("the writer connects");
    let mut handles = Vec::new();
    for t in 0..tasks {
        let (conn, kv) = (conn.clone(), client.kv_client());
        handles.push(tokio::spawn(async move {
            let mut revisions = Vec::new();
            for i in (t..count).step_by(tasks) {
                let key = format!("/w/{i:05}");
                let txn = Txn::new()
                    .when([Compare::create_revision(key.clone(), CompareOp::Equal, 0)])
                    .and_then([TxnOp::put(key.clone(), format!("value {i}"), None)])
                    .or_else([TxnOp::get(key.clone(), None)]);
                let started = std::time::Instant::now();
                let resp = loop {
                    match conn.txn_with_retry(&kv, txn.clone()).await {
                        Ok(resp) => break resp,
                        Err(e) if started.elapsed() < Duration::from_secs(60) => {
                            let _ = e;
                            tokio::time::sleep(Duration::from_millis(20)).await;
                        }
                        Err(e) => panic!("put {key}: {e}"),
                    }
                };
                let revision = if resp.succeeded() {
                    resp.header().unwrap().revision()
                } else {
                    match &resp.op_responses()[0] {
                        etcd_client::TxnOpResponse::Get(g) => g.kvs()[0].mod_revision(),
                        other => panic!("unexpected answer {other:?}"),
                    }
                };
                revisions.push(revision);
            }
            revisions
        }));
    }
    let mut all = Vec::new();
    for h in handles {
        all.extend(h.await.unwrap());
    }
    all.sort_unstable();
    all
}

/// The keys under `prefix` at `revision`, read linearizably, as (key, value, create, mod,
/// version, lease).
type Row = (Vec<u8>, Vec<u8>, i64, i64, i64, i64);

fn read_at(rt: &Runtime, conn: &ConnectOptions, prefix: &str, revision: i64) -> Vec<Row> {
    rt.block_on(async {
        let client = conn.connect().await.unwrap();
        let options = GetOptions::new().with_prefix().with_revision(revision);
        let resp = conn
            .get_with_retry(&client.kv_client(), prefix, Some(options))
            .await
            .unwrap();
        resp.kvs()
            .iter()
            .map(|kv| {
                let (k, v) = (kv.key().to_vec(), kv.value().to_vec());
                (
                    k,
                    v,
                    kv.create_revision(),
                    kv.mod_revision(),
                    kv.version(),
                    kv.lease(),
                )
            })
            .collect()
    })
}

fn mirror_rows(mirror: &Mirror) -> (i64, Vec<Row>) {
    let read = mirror.read();
    let rows = read
        .iter()
        .map(|(k, e)| {
            let (k, v) = (k.to_vec(), e.value.to_vec());
            (k, v, e.create_revision, e.mod_revision, e.version, e.lease)
        })
        .collect();
    (read.revision(), rows)
}

fn compact(rt: &Runtime, conn: &ConnectOptions, revision: i64) {
    rt.block_on(async {
        let client = conn.connect().await.unwrap();
        conn.retry_idempotent(|| {
            let mut c = client.clone();
            async move { c.compact(revision, None).await }
        })
        .await
        .unwrap_or_else(|e| panic!("compact at {revision}: {e}"));
    });
}

fn runtime() -> Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

/// A cluster of three members, all running `bin` (the fixture's etcd when `None`).
fn cluster(bin: Option<OsString>) -> Etcd {
    let mut builder = Etcd::builder().members(3);
    if let Some(bin) = bin {
        for i in 0..3 {
            builder = builder.binary_for(i, &bin);
        }
    }
    builder.start()
}

/// The member whose client URL is `endpoint`.
fn member_at(etcd: &Etcd, endpoint: &str) -> usize {
    (0..etcd.len())
        .find(|i| etcd.endpoint(*i) == endpoint)
        .unwrap_or_else(|| panic!("no member at {endpoint}"))
}

fn follow_through_kills_and_compactions(bin: Option<OsString>, keys: usize) {
    let mut etcd = cluster(bin);
    let rt = runtime();
    // The follower starts on a member that does not lead, and the writer writes through the
    // leader: killing the follower's member does not stop the writes, so a follow that
    // resumed anywhere but right after its last revision would miss some.
    let leader = etcd.wait_for_leader(Duration::from_secs(10));
    let mut order: Vec<usize> = (0..3).filter(|i| *i != leader).collect();
    order.push(leader);
    let conn = conn_to(order.iter().map(|i| etcd.endpoint(*i)).collect());
    let options = FollowOptions::new(Keys::prefix("/w"));
    let mirror = rt
        .block_on(Mirror::start(&conn.resolve().unwrap(), options.clone()))
        .expect("the mirror loads");
    let follower = record(&rt, &conn, options);
    let writer = rt.spawn(write(conn_to(vec![etcd.endpoint(leader)]), keys, 32));

    let limit = Duration::from_secs(60);
    for (round, at) in [(1, keys / 5), (2, keys / 2)] {
        wait_until(&format!("{at} events before kill {round}"), limit, || {
            follower.changes() >= at
        });
        let victim = member_at(&etcd, &follower.endpoint());
        assert_ne!(victim, leader, "the follower went to the leader early");
        etcd.kill(victim);
        let killed_at = follower.changes();
        wait_until(
            &format!("1,000 more events from another member after kill {round}"),
            limit,
            || {
                follower.changes() >= killed_at + 1000
                    && follower.endpoint() != etcd.endpoint(victim)
            },
        );
        // Compaction up to what the follower has delivered: its history stays intact.
        compact(&rt, &conn, follower.revision.load(Ordering::SeqCst));
        etcd.start(victim);
    }
    let revisions = rt.block_on(writer).expect("the writer finishes");
    let last = *revisions.last().unwrap();
    wait_until("the follower at the last put", limit, || {
        follower.check();
        follower.revision.load(Ordering::SeqCst) >= last
    });
    rt.block_on(async { tokio::time::timeout(limit, mirror.wait_for_revision(last)).await })
        .expect("the mirror reaches the last put in time")
        .expect("the mirror follows on");

    let updates = follower.updates();
    assert_eq!(updates[0].kind, UpdateKind::Snapshot);
    assert!(updates[0].events.is_empty());
    let mut delivered = Vec::new();
    let mut previous = updates[0].revision;
    for u in &updates[1..] {
        assert!(
            u.revision > previous,
            "revision {} after {previous}",
            u.revision
        );
        previous = u.revision;
        assert_ne!(
            u.kind,
            UpdateKind::Resync,
            "a resync, though no history was lost"
        );
        assert!(u.events.iter().all(|e| e.revision == u.revision));
        if u.kind == UpdateKind::Changes {
            assert_eq!(u.events.len(), 1, "one put per revision: {u:?}");
            delivered.push(u.revision);
        }
    }
    assert_eq!(
        delivered.len(),
        revisions.len(),
        "events missed or repeated"
    );
    assert!(
        delivered == revisions,
        "the delivered revisions are not the writer's"
    );
    assert!(
        follower.reconnects.load(Ordering::SeqCst) >= 2,
        "the follower never had to reconnect"
    );

    let (at, rows) = mirror_rows(&mirror);
    assert!(at >= last);
    let fresh = read_at(&rt, &conn, "/w/", at);
    assert_eq!(fresh.len(), keys);
    assert!(rows == fresh, "the mirror differs from a read at {at}");
}

#[test]
fn a_follow_misses_and_repeats_nothing_through_member_kills_and_compactions() {
    follow_through_kills_and_compactions(None, 20_000);
}

#[test]
fn a_follow_misses_and_repeats_nothing_on_etcd_3_5() {
    follow_through_kills_and_compactions(Some(support::etcd35_bin().into_os_string()), 20_000);
}

fn compaction_past_a_disconnected_mirror(bin: Option<OsString>) {
    let mut etcd = cluster(bin);
    let rt = runtime();
    let only_m0 = conn_to(vec![etcd.endpoint(0)]);
    let others = conn_to(vec![etcd.endpoint(1), etcd.endpoint(2)]);
    for (k, v) in [
        ("keep", "1"),
        ("change", "1"),
        ("gone", "1"),
        ("gone2", "1"),
    ] {
        etcd.put(&format!("/r/{k}"), v);
    }
    let options = FollowOptions::new(Keys::prefix("/r"));
    let mirror = rt
        .block_on(Mirror::start(&only_m0.resolve().unwrap(), options.clone()))
        .expect("the mirror loads");
    let follower = record(&rt, &only_m0, options);
    assert_eq!(mirror.read().len(), 4);

    etcd.kill(0);
    etcd.wait_for_new_leader(0, Duration::from_secs(15));
    // Idempotent writes, retried through the election that killing member 0 may cause.
    let now = rt.block_on(async {
        let c = others.connect().await.unwrap();
        let put = |k: &'static str, v: &'static str| {
            let c = c.clone();
            others.retry_idempotent(move || {
                let mut c = c.clone();
                async move {
                    c.put(k, v, None)
                        .await
                        .map(|r| r.header().unwrap().revision())
                }
            })
        };
        let delete = |k: &'static str| {
            let c = c.clone();
            others.retry_idempotent(move || {
                let mut c = c.clone();
                async move { c.delete(k, None).await.map(drop) }
            })
        };
        put("/r/change", "2").await.unwrap();
        delete("/r/gone").await.unwrap();
        put("/r/new", "1").await.unwrap();
        put("/r/temp", "1").await.unwrap();
        delete("/r/temp").await.unwrap();
        delete("/r/gone2").await.unwrap();
        put("/other/x", "1").await.unwrap()
    });
    compact(&rt, &others, now);
    etcd.start(0);

    let limit = Duration::from_secs(30);
    wait_until("a resync", limit, || {
        follower.check();
        follower
            .updates()
            .iter()
            .any(|u| u.kind == UpdateKind::Resync)
    });
    let updates = follower.updates();
    let resync = updates
        .iter()
        .find(|u| u.kind == UpdateKind::Resync)
        .unwrap();
    assert!(resync.revision >= now, "{resync:?}");
    assert!(resync.events.iter().all(|e| e.revision == resync.revision));
    let seen: BTreeMap<String, (String, String)> = resync
        .events
        .iter()
        .map(|e| {
            let key = String::from_utf8_lossy(&e.key).into_owned();
            let value = String::from_utf8_lossy(&e.entry.value).into_owned();
            (key, (e.kind.as_str().to_string(), value))
        })
        .collect();
    let expected: BTreeMap<String, (String, String)> = [
        ("/r/change", "put", "2"),
        ("/r/gone", "delete", ""),
        ("/r/gone2", "delete", ""),
        ("/r/new", "put", "1"),
    ]
    .into_iter()
    .map(|(k, t, v)| (k.to_string(), (t.to_string(), v.to_string())))
    .collect();
    assert_eq!(seen, expected, "the resync's difference");
    assert_eq!(resync.events.len(), 4);

    rt.block_on(async {
        tokio::time::timeout(limit, mirror.wait_for_revision(resync.revision)).await
    })
    .expect("the mirror resyncs in time")
    .unwrap();
    assert_eq!(mirror.state().resyncs, 1);
    let (at, rows) = mirror_rows(&mirror);
    assert!(
        rows == read_at(&rt, &others, "/r/", at),
        "the mirror after its resync"
    );
}

#[test]
fn a_compaction_past_a_disconnected_mirror_ends_in_a_resync_with_the_deletes() {
    compaction_past_a_disconnected_mirror(None);
}

#[test]
fn a_compaction_past_a_disconnected_mirror_on_etcd_3_5() {
    compaction_past_a_disconnected_mirror(Some(support::etcd35_bin().into_os_string()));
}

#[test]
fn a_follow_moves_off_a_frozen_member_and_misses_nothing() {
    let etcd = cluster(None);
    let rt = runtime();
    // A member that stops answering (a network cut, as the client sees it) is found out by
    // the connection's keep-alive; the follow resumes on the next member.
    let leader = etcd.wait_for_leader(Duration::from_secs(10));
    let mut order: Vec<usize> = (0..3).filter(|i| *i != leader).collect();
    order.push(leader);
    let conn = conn_to(order.iter().map(|i| etcd.endpoint(*i)).collect());
    let follower = record(&rt, &conn, FollowOptions::new(Keys::prefix("/w")));
    let frozen = order[0];
    let writer = rt.spawn(write(conn_to(vec![etcd.endpoint(leader)]), 3_000, 8));
    let limit = Duration::from_secs(60);
    wait_until("500 events before the freeze", limit, || {
        follower.changes() >= 500
    });
    etcd.pause(frozen);
    let at = follower.changes();
    wait_until("events from another member", limit, || {
        follower.changes() > at && follower.endpoint() != etcd.endpoint(frozen)
    });
    etcd.resume(frozen);
    let revisions = rt.block_on(writer).expect("the writer finishes");
    let last = *revisions.last().unwrap();
    wait_until("the follower at the last put", limit, || {
        follower.check();
        follower.revision.load(Ordering::SeqCst) >= last
    });
    let delivered: Vec<i64> = follower
        .updates()
        .iter()
        .filter(|u| u.kind == UpdateKind::Changes)
        .map(|u| u.revision)
        .collect();
    assert!(delivered == revisions, "events missed or repeated");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_without_a_leader_cancels_the_watch_and_the_follow_carries_on_after() {
    let mut etcd = cluster(None);
    let conn = conn_to((0..3).map(|i| etcd.endpoint(i)).collect());
    let options = FollowOptions {
        start: watch::Start::Now,
        ..FollowOptions::new(Keys::prefix("/lone"))
    };
    let mut follower = watch::follow(&conn.resolve().unwrap(), options)
        .await
        .unwrap();
    let lone = member_at(&etcd, follower.endpoint());
    let others: Vec<usize> = (0..3).filter(|i| *i != lone).collect();
    // The watch is open on the lone member: a put arrives through it.
    etcd.put("/lone/before", "1");
    let first = tokio::time::timeout(Duration::from_secs(30), follower.next())
        .await
        .expect("the first put within 30 s")
        .unwrap();
    assert_eq!(first.kind, UpdateKind::Changes);
    assert_eq!(follower.reconnects(), 0);

    // Quorum lost: the lone member has no leader. Its watch requires one, so etcd cancels
    // it (a watch without that would stay open and silent) and the follow reconnects.
    for i in &others {
        etcd.kill(*i);
    }
    let started = std::time::Instant::now();
    while follower.reconnects() == 0 {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the watch on a member without a leader stayed open"
        );
        // `next` is cancel-safe: a timeout loses nothing.
        let _ = tokio::time::timeout(Duration::from_millis(200), follower.next()).await;
    }
    for i in &others {
        etcd.start_nowait(*i);
    }
    for i in &others {
        etcd.wait_ready(*i);
    }
    let client = conn.connect().await.unwrap();
    let put = conn
        .retry_idempotent(|| {
            let mut c = client.clone();
            async move { c.put("/lone/after", "2", None).await }
        })
        .await
        .unwrap();
    let next = tokio::time::timeout(Duration::from_secs(30), async {
        loop {
            let update = follower.next().await.unwrap();
            if update.kind == UpdateKind::Changes {
                return update;
            }
        }
    })
    .await
    .expect("the put after quorum is back within 30 s");
    assert_eq!(next.revision, put.header().unwrap().revision());
    assert_eq!(&next.events[0].key[..], b"/lone/after");
}

//! The watch layer as a library (`etcdkit::watch`) on real etcd: which keys a prefix follows,
//! and a listing of many pages at one revision.

use std::time::Duration;

use etcd_client::{GetOptions, Txn, TxnOp};
use etcdkit::conn::ConnectOptions;
use etcdkit::watch::{self, EventKind, FollowOptions, Follower, Keys, Start, UpdateKind};

use crate::support::Etcd;

/// Options for a fixture's endpoints.
pub fn conn_to(endpoints: Vec<String>) -> ConnectOptions {
    ConnectOptions {
        endpoints,
        dial_timeout: Duration::from_secs(2),
        command_timeout: Duration::from_secs(5),
        ..ConnectOptions::default()
    }
}

/// The next update that is not progress, within a generous limit.
async fn next_change(follower: &mut Follower) -> watch::Update {
    loop {
        let update = tokio::time::timeout(Duration::from_secs(30), follower.next())
            .await
            .expect("an update within 30 s")
            .expect("the follow goes on");
        if update.kind != UpdateKind::Progress {
            return update;
        }
    }
}

fn keys_of(update: &watch::Update) -> Vec<String> {
    update
        .events
        .iter()
        .map(|e| String::from_utf8_lossy(&e.key).into_owned())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_prefix_is_followed_as_a_directory_and_a_raw_prefix_as_given() {
    let etcd = Etcd::single();
    let conn = conn_to(vec![etcd.endpoint(0)]);
    let now = |keys| FollowOptions {
        start: Start::Now,
        ..FollowOptions::new(keys)
    };
    let mut dir = watch::follow(&conn.resolve().unwrap(), now(Keys::prefix("/app")))
        .await
        .unwrap();
    let mut raw = watch::follow(&conn.resolve().unwrap(), now(Keys::raw_prefix("/app")))
        .await
        .unwrap();
    // Both have listed (quietly) and watch: the first update each sees comes after the puts.
    let mut client = conn.connect().await.unwrap();
    let first = client.put("/app_other/x", "1", None).await.unwrap();
    let second = client.put("/app/y", "2", None).await.unwrap();
    let rev = |r: &etcd_client::PutResponse| r.header().unwrap().revision();

    let seen = next_change(&mut dir).await;
    assert_eq!(
        (keys_of(&seen), seen.revision),
        (vec!["/app/y".to_string()], rev(&second)),
        "the prefix /app saw /app_other/x"
    );
    let seen = next_change(&mut raw).await;
    assert_eq!(
        (keys_of(&seen), seen.revision),
        (vec!["/app_other/x".to_string()], rev(&first))
    );
    let seen = next_change(&mut raw).await;
    assert_eq!(keys_of(&seen), ["/app/y"]);
    assert_eq!(seen.events[0].kind, EventKind::Put);
    assert_eq!(&seen.events[0].entry.value[..], b"2");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_listing_of_many_pages_is_one_revision_while_writes_go_on() {
    let etcd = Etcd::single();
    let conn = conn_to(vec![etcd.endpoint(0)]);
    let client = conn.connect().await.unwrap();
    const KEYS: usize = 2_000;
    let key = |i: usize| format!("/paged/{i:05}");
    for chunk in (0..KEYS).collect::<Vec<_>>().chunks(100) {
        let puts: Vec<TxnOp> = chunk
            .iter()
            .map(|i| TxnOp::put(key(*i), format!("v0-{i}"), None))
            .collect();
        client
            .kv_client()
            .txn(Txn::new().and_then(puts))
            .await
            .unwrap();
    }
    client
        .kv_client()
        .put("/paged0", "outside", None)
        .await
        .unwrap();

    // While the follower reads its pages of 50, a writer rewrites keys from the last one
    // back: a page read at a later revision would show a rewritten value.
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writer = {
        let (mut kv, stop) = (client.kv_client(), stop.clone());
        tokio::spawn(async move {
            let mut rewrites = 0;
            for i in (0..KEYS).rev() {
                if stop.load(std::sync::atomic::Ordering::SeqCst) {
                    break;
                }
                kv.put(key(i), format!("v1-{i}"), None).await.unwrap();
                rewrites += 1;
            }
            rewrites
        })
    };
    let options = FollowOptions {
        page_size: 50,
        ..FollowOptions::new(Keys::prefix("/paged"))
    };
    let mut follower = watch::follow(&conn.resolve().unwrap(), options)
        .await
        .unwrap();
    let snapshot = next_change(&mut follower).await;
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    let rewrites = writer.await.unwrap();
    assert_eq!(snapshot.kind, UpdateKind::Snapshot);
    assert!(rewrites > 0, "the writer wrote nothing during the listing");

    let at = client
        .kv_client()
        .get(
            "/paged/",
            Some(
                GetOptions::new()
                    .with_prefix()
                    .with_revision(snapshot.revision),
            ),
        )
        .await
        .unwrap();
    let expected: Vec<(Vec<u8>, Vec<u8>, i64)> = at
        .kvs()
        .iter()
        .map(|kv| (kv.key().to_vec(), kv.value().to_vec(), kv.mod_revision()))
        .collect();
    let listed: Vec<(Vec<u8>, Vec<u8>, i64)> = snapshot
        .events
        .iter()
        .map(|e| (e.key.to_vec(), e.entry.value.to_vec(), e.entry.mod_revision))
        .collect();
    assert_eq!(listed.len(), KEYS, "keys missing or outside the prefix");
    assert!(
        listed == expected,
        "the snapshot is not the keys at its revision {}",
        snapshot.revision
    );
    assert!(snapshot
        .events
        .iter()
        .all(|e| e.revision == snapshot.revision));
    // And the follow goes on after the snapshot's revision, without a gap.
    let mut kv = client.kv_client();
    let put = kv.put(key(0), "after", None).await.unwrap();
    let mut last = snapshot.revision;
    loop {
        let update = next_change(&mut follower).await;
        assert!(update.revision > last, "revisions go back: {update:?}");
        last = update.revision;
        if update.revision == put.header().unwrap().revision() {
            break;
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_quiet_follow_learns_the_revision_from_progress_notifications() {
    let etcd = Etcd::single_with(&["--experimental-watch-progress-notify-interval", "200ms"]);
    let conn = conn_to(vec![etcd.endpoint(0)]);
    let quiet = || FollowOptions {
        start: Start::Now,
        ..FollowOptions::new(Keys::prefix("/quiet"))
    };
    let mut follower = watch::follow(&conn.resolve().unwrap(), quiet())
        .await
        .unwrap();
    let mirror = watch::Mirror::start(&conn.resolve().unwrap(), quiet())
        .await
        .unwrap();
    // Writes elsewhere move the store's revision, not the followed keys.
    let mut client = conn.connect().await.unwrap();
    let elsewhere = client.put("/loud", "1", None).await.unwrap();
    let revision = elsewhere.header().unwrap().revision();

    let update = tokio::time::timeout(Duration::from_secs(30), async {
        loop {
            let update = follower.next().await.unwrap();
            if update.revision >= revision {
                return update;
            }
        }
    })
    .await
    .expect("progress up to the write elsewhere within 30 s");
    assert_eq!(update.kind, UpdateKind::Progress);
    assert!(update.events.is_empty());
    assert!(follower.revision() >= revision);

    let state = tokio::time::timeout(Duration::from_secs(30), mirror.wait_for_revision(revision))
        .await
        .expect("the mirror learns the revision within 30 s")
        .unwrap();
    assert_eq!(state.changes, 1, "only the snapshot changed the mirror");
    assert!(mirror.read().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_follow_from_a_revision_replays_the_history_or_resyncs_when_it_is_compacted() {
    let etcd = Etcd::single();
    let conn = conn_to(vec![etcd.endpoint(0)]);
    let mut client = conn.connect().await.unwrap();
    let rev = |h: Option<&etcd_client::ResponseHeader>| h.unwrap().revision();
    client.put("/h/a", "1", None).await.unwrap();
    let from = rev(client.put("/h/b", "1", None).await.unwrap().header());
    client.delete("/h/a", None).await.unwrap();
    let last = rev(client.put("/h/c", "1", None).await.unwrap().header());

    let options = || FollowOptions {
        start: Start::Revision(from),
        ..FollowOptions::new(Keys::prefix("/h"))
    };
    let mut follower = watch::follow(&conn.resolve().unwrap(), options())
        .await
        .unwrap();
    let mut seen = Vec::new();
    while seen.len() < 3 {
        let u = next_change(&mut follower).await;
        assert_eq!(u.kind, UpdateKind::Changes);
        seen.push((u.revision, u.events[0].kind, keys_of(&u)));
    }
    assert_eq!(
        seen,
        [
            (from, EventKind::Put, vec!["/h/b".to_string()]),
            (from + 1, EventKind::Delete, vec!["/h/a".to_string()]),
            (last, EventKind::Put, vec!["/h/c".to_string()]),
        ]
    );

    // The history from `from` compacted away: the first update is the keys now, as a resync.
    client.compact(last, None).await.unwrap();
    let mut follower = watch::follow(&conn.resolve().unwrap(), options())
        .await
        .unwrap();
    let u = next_change(&mut follower).await;
    assert_eq!(u.kind, UpdateKind::Resync);
    assert_eq!(u.revision, last);
    assert_eq!(keys_of(&u), ["/h/b", "/h/c"]);
    assert!(u.events.iter().all(|e| e.kind == EventKind::Put));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_resumed_follow_replays_the_changes_or_resyncs_with_the_deletes_when_compacted() {
    let etcd = Etcd::single();
    let conn = conn_to(vec![etcd.endpoint(0)]);
    let target = conn.resolve().unwrap();
    let mut client = conn.connect().await.unwrap();
    let rev = |h: Option<&etcd_client::ResponseHeader>| h.unwrap().revision();
    let a = rev(client.put("/r/a", "1", None).await.unwrap().header());
    let saved = rev(client.put("/r/b", "1", None).await.unwrap().header());
    // What a consumer kept when it stopped: the keys at `saved`, with their mod revisions.
    let kept = || {
        [("/r/a", a), ("/r/b", saved)].map(|(k, r)| (bytes::Bytes::from_static(k.as_bytes()), r))
    };
    client.delete("/r/a", None).await.unwrap();
    let last = rev(client.put("/r/c", "1", None).await.unwrap().header());
    let options = || FollowOptions::new(Keys::prefix("/r"));

    let mut follower = watch::resume(&target, options(), saved, kept())
        .await
        .unwrap();
    let u = next_change(&mut follower).await;
    assert_eq!((u.kind, u.revision), (UpdateKind::Changes, saved + 1));
    assert_eq!(
        (u.events[0].kind, keys_of(&u)),
        (EventKind::Delete, vec!["/r/a".to_string()])
    );
    let u = next_change(&mut follower).await;
    assert_eq!(
        (u.kind, u.revision, keys_of(&u)),
        (UpdateKind::Changes, last, vec!["/r/c".to_string()])
    );

    // Compacted past `saved` (and the revision before it): one resync, the deletes included,
    // the unchanged key left out.
    client.compact(last, None).await.unwrap();
    let mut follower = watch::resume(&target, options(), saved, kept())
        .await
        .unwrap();
    let u = next_change(&mut follower).await;
    assert_eq!((u.kind, u.revision), (UpdateKind::Resync, last));
    let events: Vec<_> = u
        .events
        .iter()
        .map(|e| (e.kind, String::from_utf8_lossy(&e.key).into_owned()))
        .collect();
    assert_eq!(
        events,
        [
            (EventKind::Delete, "/r/a".to_string()),
            (EventKind::Put, "/r/c".to_string())
        ]
    );
    assert_eq!(follower.resyncs(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_follow_gives_up_when_asked_to_and_no_member_answers() {
    let dead = format!("127.0.0.1:{}", crate::support::free_port());
    let options = FollowOptions {
        give_up_after: Some(Duration::from_millis(500)),
        ..FollowOptions::new(Keys::prefix("/x"))
    };
    let outcome = tokio::time::timeout(
        Duration::from_secs(30),
        watch::follow(&conn_to(vec![dead]).resolve().unwrap(), options),
    )
    .await
    .expect("it gives up within 30 s");
    let error = outcome.unwrap_err();
    assert!(
        matches!(error, etcdkit::Error::Unreachable { .. }),
        "{error:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mirror_over_tls_with_auth_tells_each_change_and_a_wrong_password_fails_at_once() {
    use etcdkit::conn::{Credentials, TlsFiles};
    use etcdkit::secret::Secret;
    let etcd = Etcd::tls_auth();
    let files = etcd.tls().unwrap();
    let conn_as = |password: &str| ConnectOptions {
        tls: Some(TlsFiles {
            ca: Some(files.ca.clone()),
            cert: Some(files.cert.clone()),
            key: Some(files.key.clone()),
        }),
        credentials: Some(Credentials {
            user: "root".into(),
            password: Secret::new(password),
        }),
        ..conn_to(vec![etcd.endpoint(0)])
    };
    let conn = conn_as(crate::support::ROOT_PASSWORD);
    let mirror = watch::Mirror::start(
        &conn.resolve().unwrap(),
        FollowOptions::new(Keys::prefix("/cfg")),
    )
    .await
    .expect("the mirror loads over TLS with auth");
    assert!(mirror.read().is_empty());

    let changed = mirror.changed();
    etcd.put("/cfg/a", "1");
    let state = tokio::time::timeout(Duration::from_secs(30), changed)
        .await
        .expect("the change within 30 s")
        .unwrap();
    assert_eq!(state.changes, 2, "the snapshot, then the put");
    let entry = mirror.get("/cfg/a").expect("the put is in the mirror");
    assert_eq!(&entry.value[..], b"1");
    assert_eq!(entry.version, 1);
    assert_eq!(mirror.read().revision(), entry.mod_revision);

    // No retry mends a wrong password: the follow says so at once.
    let outcome = tokio::time::timeout(
        Duration::from_secs(30),
        watch::follow(
            &conn_as("wrong").resolve().unwrap(),
            FollowOptions::new(Keys::prefix("/cfg")),
        ),
    )
    .await
    .expect("an answer within 30 s");
    let error = outcome.unwrap_err();
    assert!(matches!(error, etcdkit::Error::Auth { .. }), "{error:?}");
}

/// One change the history writer made, as a follow must deliver it.
type Change = (i64, String, &'static str, String);

/// Writes `count` changes under `/r/` from `tasks` concurrent writers: puts of new keys,
/// overwrites of one hot key, deletes, two-key transactions, and puts outside the prefix
/// (`/r_other/`), which a follow of `/r` must not deliver. Returns the changes under `/r/`.
async fn write_history(conn: &ConnectOptions, count: usize, tasks: usize) -> Vec<Change> {
    let client = conn.connect().await.unwrap();
    let mut handles = Vec::new();
    for t in 0..tasks {
        let mut kv = client.kv_client();
        handles.push(tokio::spawn(async move {
            let mut changes = Vec::new();
            for i in (t..count).step_by(tasks) {
                let value = format!("v{i}");
                let rev = |h: Option<&etcd_client::ResponseHeader>| h.unwrap().revision();
                if i % 97 == 0 {
                    kv.put("/r_other/x", value, None).await.unwrap();
                } else if i % 50 == 0 {
                    let r = rev(kv
                        .put("/r/hot", value.clone(), None)
                        .await
                        .unwrap()
                        .header());
                    changes.push((r, "/r/hot".into(), "put", value));
                } else if i % 300 == 7 {
                    let key = format!("/r/k{:05}", i - 2);
                    let gone = kv.delete(key.clone(), None).await.unwrap();
                    if gone.deleted() > 0 {
                        changes.push((rev(gone.header()), key, "delete", String::new()));
                    }
                } else if i % 1000 == 3 {
                    let (a, b) = (format!("/r/t{i:05}a"), format!("/r/t{i:05}b"));
                    let txn = Txn::new().and_then([
                        TxnOp::put(a.clone(), value.clone(), None),
                        TxnOp::put(b.clone(), value.clone(), None),
                    ]);
                    let r = rev(kv.txn(txn).await.unwrap().header());
                    changes.push((r, a, "put", value.clone()));
                    changes.push((r, b, "put", value));
                } else {
                    let key = format!("/r/k{i:05}");
                    let r = rev(kv
                        .put(key.clone(), value.clone(), None)
                        .await
                        .unwrap()
                        .header());
                    changes.push((r, key, "put", value));
                }
            }
            changes
        }));
    }
    let mut all = Vec::new();
    for handle in handles {
        all.extend(handle.await.unwrap());
    }
    all.sort();
    all
}

/// An update's events as changes, sorted (etcd orders a transaction's events its own way);
/// each must carry the update's revision.
fn changes_of(update: &watch::Update) -> Vec<Change> {
    let mut changes: Vec<Change> = update
        .events
        .iter()
        .map(|e| {
            assert_eq!(e.revision, update.revision);
            let key = String::from_utf8_lossy(&e.key).into_owned();
            let value = String::from_utf8(e.entry.value.to_vec()).unwrap();
            (e.revision, key, e.kind.as_str(), value)
        })
        .collect();
    changes.sort();
    changes
}

/// Follows `/r` on `conn` from `from` with previous values until the update at `last`, checking
/// that every update is a change at a strictly higher revision; `each` runs after each update.
/// Returns the follower and the changes it delivered.
async fn replay(
    conn: &ConnectOptions,
    from: i64,
    last: i64,
    mut each: impl FnMut(&Follower),
) -> (Follower, Vec<Change>) {
    let options = FollowOptions {
        start: Start::Revision(from),
        prev_kv: true,
        ..FollowOptions::new(Keys::prefix("/r"))
    };
    let mut follower = watch::follow(&conn.resolve().unwrap(), options)
        .await
        .unwrap();
    let mut seen: Vec<Change> = Vec::new();
    let mut revision = 0;
    while revision < last {
        let u = next_change(&mut follower).await;
        assert_eq!(u.kind, UpdateKind::Changes);
        assert!(
            u.revision > revision,
            "revision {} after {revision}",
            u.revision
        );
        revision = u.revision;
        seen.extend(changes_of(&u));
        each(&follower);
    }
    (follower, seen)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_long_replay_is_read_in_parallel_windows_and_delivered_once_in_order() {
    let etcd = Etcd::single();
    let conn = conn_to(vec![etcd.endpoint(0)]);
    let history = write_history(&conn, 12_000, 16).await;
    let (from, last) = (history[0].0, history.last().unwrap().0);

    let (follower, seen) = replay(&conn, from, last, |_| {}).await;
    assert_eq!(seen.len(), history.len(), "every change once");
    assert!(
        seen == history,
        "the changes delivered differ from the history written"
    );
    assert!(
        follower.parallel_windows() >= 2,
        "the replay was read through one watch ({} windows)",
        follower.parallel_windows()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_killed_in_the_middle_of_a_parallel_replay_loses_and_repeats_nothing() {
    let mut etcd = Etcd::builder().members(3).start();
    let leader = etcd.wait_for_leader(Duration::from_secs(10));
    let history = write_history(&conn_to(vec![etcd.endpoint(leader)]), 12_000, 16).await;
    let (from, last) = (history[0].0, history.last().unwrap().0);

    // The follow starts on a member that does not lead, so that killing it leaves a quorum.
    let mut order: Vec<usize> = (0..3).filter(|i| *i != leader).collect();
    order.push(leader);
    let conn = conn_to(order.iter().map(|i| etcd.endpoint(*i)).collect());
    let mut killed = false;
    let (follower, seen) = replay(&conn, from, last, |follower| {
        if !killed {
            // The first update comes from the first window: the replay is under way.
            assert!(follower.parallel_windows() >= 2, "no parallel replay");
            let victim = (0..3)
                .find(|i| etcd.endpoint(*i) == follower.endpoint())
                .expect("the follower's member");
            etcd.kill(victim);
            killed = true;
        }
    })
    .await;
    assert!(
        follower.reconnects() >= 1,
        "the follow never moved off the killed member"
    );
    assert_eq!(seen.len(), history.len(), "every change once");
    assert!(
        seen == history,
        "the changes delivered differ from the history written"
    );
}

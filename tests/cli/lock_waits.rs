//! The lock's waits on the watch layer, against real etcd: a holder whose watch comes back to a
//! compacted revision resyncs once, instead of asking etcd again and again, and still notices
//! its key going.

use std::time::{Duration, Instant};

use etcdkit::concurrency::lock::{self, LockOptions};
use etcdkit::concurrency::session::Ttl;
use etcdkit::concurrency::{LostReason, Session};
use etcdkit::conn::ConnectOptions;

use crate::support::Etcd;
use crate::watch_metrics::http_get;

/// A counter of member 0's `/metrics` (0 when it has not counted anything yet).
fn counter(etcd: &Etcd, name: &str) -> f64 {
    let (_, body) = http_get(etcd.client_port(0), "/metrics").expect("the member's /metrics");
    body.lines()
        .find_map(|l| l.strip_prefix(name)?.trim().parse::<f64>().ok())
        .unwrap_or(0.0)
}

/// The requests this side makes in a row while the holder is watched: long enough (a second or
/// more) for a holder that reads and watches again every 50 ms to be seen doing it.
const PUTS: usize = 2000;

const RANGES: &str = r#"grpc_server_started_total{grpc_method="Range",grpc_service="etcdserverpb.KV",grpc_type="unary"}"#;
const WATCHES: &str = r#"grpc_server_started_total{grpc_method="Watch",grpc_service="etcdserverpb.Watch",grpc_type="bidi_stream"}"#;

#[test]
fn a_holder_back_on_a_compacted_revision_resyncs_once_and_still_sees_its_key_go() {
    let mut etcd = Etcd::single();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let conn = ConnectOptions {
        endpoints: vec![etcd.endpoint(0)],
        ..ConnectOptions::default()
    };
    let target = conn.resolve().unwrap();
    let client = rt.block_on(target.connect()).unwrap();
    let session = rt
        .block_on(Session::new(&target, &client, Ttl::from_secs(30)))
        .unwrap();
    let guard = rt
        .block_on(lock::acquire(&session, "/w/held", &LockOptions::default()))
        .unwrap();

    // History moves on past the holder key's revision, and is compacted away.
    let mut kv = client.kv_client();
    let revision = rt
        .block_on(async {
            for i in 0..10 {
                kv.put(format!("/w/other/{i}"), "x", None).await?;
            }
            let rev = kv
                .get("/w/other/0", None)
                .await?
                .header()
                .unwrap()
                .revision();
            kv.compact(rev, None).await?;
            Ok::<_, etcd_client::Error>(rev)
        })
        .unwrap();
    assert!(revision > guard.fencing_token() + 1);

    // The member restarts: the holder's watch of its key comes back from its revision, which
    // is compacted now.
    etcd.kill(0);
    etcd.start(0);
    let limit = Instant::now() + Duration::from_secs(20);
    while counter(&etcd, WATCHES) < 1.0 {
        assert!(Instant::now() < limit, "the holder never watched again");
        std::thread::sleep(Duration::from_millis(20));
    }

    // While this side makes its requests in a row, the holder makes at most its resync (one
    // listing, one watch after it), not a read and a watch again and again.
    let (ranges, watches) = (counter(&etcd, RANGES), counter(&etcd, WATCHES));
    rt.block_on(async {
        for i in 0..PUTS {
            kv.put(format!("/w/clock/{i}"), "x", None).await.unwrap();
        }
    });
    let more_ranges = counter(&etcd, RANGES) - ranges;
    let more_watches = counter(&etcd, WATCHES) - watches;
    assert!(
        more_ranges <= 2.0 && more_watches <= 2.0,
        "the holder asked etcd {more_ranges} times and watched {more_watches} times anew during {PUTS} puts"
    );

    // It still watches its key: deleted by hand, the lock is lost, and says why.
    assert!(guard.lost_signal().borrow().is_none(), "the lock was lost");
    rt.block_on(kv.delete(guard.key(), None)).unwrap();
    let reason = rt
        .block_on(async { tokio::time::timeout(Duration::from_secs(20), guard.lost()).await })
        .expect("the holder did not notice its key deleted");
    assert_eq!(reason, LostReason::KeyDeleted);
    drop(guard);
    rt.block_on(session.close());
}

/// A lease that ran out before the place in line could be put (etcd out of reach that long)
/// ends the wait with what happened, not with etcd's bare error.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lease_gone_before_the_place_is_put_ends_the_wait_saying_so() {
    let etcd = Etcd::single();
    let (target, client) = etcd.connect().await;
    let session = Session::new(&target, &client, Ttl::from_secs(30))
        .await
        .unwrap();
    client
        .lease_client()
        .revoke(session.lease_id())
        .await
        .unwrap();
    let err = lock::acquire(&session, "/w/gone", &LockOptions::default())
        .await
        .err()
        .expect("no lock on a revoked lease");
    assert!(
        matches!(
            &err,
            etcdkit::Error::WaitEnded { what, reason: LostReason::LeaseExpired } if what == "lock /w/gone"
        ),
        "{err:?}"
    );
    assert_eq!(err.exit_status(), etcdkit::error::ExitStatus::Negative);
}

//! A registration (`etcdkit::registration`) against real etcd: its lease revoked from outside,
//! the key comes back on a new lease and the owner hears what was lost and when.

use std::time::{Duration, SystemTime};

use etcdkit::concurrency::session::Ttl;
use etcdkit::concurrency::LostReason;
use etcdkit::conn::ConnectOptions;
use etcdkit::registration::{Registration, RegistrationEvent};

use crate::support::Etcd;

/// The key's value and lease, as etcd has them.
async fn registered(client: &etcd_client::Client, key: &str) -> Option<(String, i64)> {
    let got = client.kv_client().get(key, None).await.unwrap();
    let kv = got.kvs().first()?;
    Some((kv.value_str().unwrap().to_string(), kv.lease()))
}

async fn next(registration: &mut Registration) -> RegistrationEvent {
    tokio::time::timeout(Duration::from_secs(30), registration.next_event())
        .await
        .expect("an event within 30 s")
        .expect("the registration is open")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_revoked_lease_is_granted_again_and_the_key_put_again() {
    let etcd = Etcd::single();
    let conn = ConnectOptions {
        endpoints: vec![etcd.endpoint(0)],
        ..ConnectOptions::default()
    };
    let target = conn.resolve().unwrap();
    let client = target.connect().await.unwrap();
    let key = "/services/api/a";
    let mut registration =
        Registration::start(&target, &client, key, "10.0.0.1:80", Ttl::from_secs(3))
            .await
            .unwrap();
    let first = registration.lease_id();
    assert_eq!(
        registered(&client, key).await,
        Some(("10.0.0.1:80".to_string(), first))
    );

    // Someone revokes the lease: etcd deletes the key with it.
    let before = SystemTime::now();
    client.lease_client().revoke(first).await.unwrap();
    assert_eq!(registered(&client, key).await, None);

    let lost = next(&mut registration).await;
    let RegistrationEvent::Lost { lease, reason, at } = lost else {
        panic!("first the loss: {lost:?}");
    };
    assert_eq!((lease, reason), (first, LostReason::LeaseExpired));
    assert!(at >= before, "{at:?} {before:?}");
    let restored = next(&mut registration).await;
    let RegistrationEvent::Restored {
        lease,
        at: back,
        missing,
    } = restored
    else {
        panic!("then the key back: {restored:?}");
    };
    assert_ne!(lease, first);
    assert!(
        back >= at && missing < Duration::from_secs(30),
        "{restored:?}"
    );
    assert_eq!(registration.lease_id(), lease);
    assert_eq!(
        registered(&client, key).await,
        Some(("10.0.0.1:80".to_string(), lease))
    );

    // It holds again: a second revoke is weathered the same way.
    client.lease_client().revoke(lease).await.unwrap();
    assert!(
        matches!(next(&mut registration).await, RegistrationEvent::Lost { lease: l, .. } if l == lease)
    );
    let RegistrationEvent::Restored { lease: third, .. } = next(&mut registration).await else {
        panic!("the key back again");
    };
    assert_eq!(registered(&client, key).await.map(|r| r.1), Some(third));

    // Closing revokes the lease, and the key goes with it.
    registration.close().await;
    assert_eq!(registered(&client, key).await, None);
}

//! Kept keys (`etcdkit::registration`) against real etcd: their lease revoked from outside,
//! the keys come back on a new lease and the owner hears what was lost and when; a claim held
//! by another lease is waited for; a change made while etcd is away is put when it is back.

use std::time::{Duration, SystemTime};

use etcdkit::concurrency::session::Ttl;
use etcdkit::concurrency::LostReason;
use etcdkit::registration::{KeptEvent as RegistrationEvent, KeptKeys, Keys};

use crate::support::Etcd;

/// The key's value and lease, as etcd has them.
async fn registered(client: &etcd_client::Client, key: &str) -> Option<(String, i64)> {
    let got = client.kv_client().get(key, None).await.unwrap();
    let kv = got.kvs().first()?;
    Some((kv.value_str().unwrap().to_string(), kv.lease()))
}

fn one(key: &str, value: &str) -> Keys {
    Keys {
        keys: [(key.to_string(), value.to_string())].into(),
        claim: None,
    }
}

async fn next(registration: &mut KeptKeys) -> RegistrationEvent {
    tokio::time::timeout(Duration::from_secs(30), registration.next_event())
        .await
        .expect("an event within 30 s")
        .expect("the registration is open")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_revoked_lease_is_granted_again_and_the_key_put_again() {
    let etcd = Etcd::single();
    let (target, client) = etcd.connect().await;
    let key = "/services/api/a";
    let mut registration =
        KeptKeys::start(&target, &client, one(key, "10.0.0.1:80"), Ttl::from_secs(3))
            .await
            .unwrap();
    let first = registration.lease_id().unwrap();
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
    assert_eq!(registration.lease_id(), Some(lease));
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_claim_held_by_another_lease_is_waited_for_then_taken() {
    let etcd = Etcd::single();
    let (target, client) = etcd.connect().await;
    let claimed = |value: &str| Keys {
        keys: [
            ("/c/claim".to_string(), value.to_string()),
            (format!("/c/{value}"), value.to_string()),
        ]
        .into(),
        claim: Some("/c/claim".to_string()),
    };
    let ttl = Ttl::from_secs(5);
    let first = KeptKeys::start(&target, &client, claimed("first"), ttl)
        .await
        .unwrap();
    let held_by = first.lease_id().unwrap();
    let mut second = KeptKeys::start(&target, &client, claimed("second"), ttl)
        .await
        .unwrap();
    assert_eq!(second.lease_id(), None);
    assert_eq!(
        next(&mut second).await,
        RegistrationEvent::Claimed {
            key: "/c/claim".into(),
            lease: held_by
        }
    );
    // Nothing of the second is put while the first holds the claim.
    assert_eq!(registered(&client, "/c/second").await, None);

    // A change asked for while waiting is kept for when the keys are put.
    second.change(
        vec![("/c/extra".into(), "x".into())],
        vec!["/c/second".into()],
    );
    first.close().await;
    let other = next(&mut second).await;
    let RegistrationEvent::Registered { lease } = other else {
        panic!("registered once the claim is free, not {other:?}");
    };
    assert_eq!(
        registered(&client, "/c/claim").await,
        Some(("second".to_string(), lease))
    );
    assert_eq!(
        registered(&client, "/c/extra").await.map(|r| r.1),
        Some(lease)
    );
    assert_eq!(registered(&client, "/c/second").await, None);
    assert_eq!(registered(&client, "/c/first").await, None);

    // A change while registered is put on the same lease.
    second.change(
        vec![("/c/claim".into(), "changed".into())],
        vec!["/c/extra".into()],
    );
    let changed = async {
        let mut watch = client.watch_client();
        let mut stream = watch
            .watch(
                "/c/extra",
                Some(etcd_client::WatchOptions::new().with_start_revision(1)),
            )
            .await
            .unwrap();
        while let Some(resp) = stream.message().await.unwrap() {
            if resp
                .events()
                .iter()
                .any(|e| e.event_type() == etcd_client::EventType::Delete)
            {
                return;
            }
        }
    };
    tokio::time::timeout(Duration::from_secs(30), changed)
        .await
        .expect("the delete within 30 s");
    assert_eq!(
        registered(&client, "/c/claim").await,
        Some(("changed".to_string(), lease))
    );
    second.close().await;
    assert_eq!(registered(&client, "/c/claim").await, None);
}

//! The waiting line that etcd's locks and elections share: keys under `NAME/`, one per session
//! lease, ordered by create revision.
//!
//! The layout is etcd's own (`client/v3/concurrency`): the key is `NAME/<lease id in hex>`, put
//! in one transaction only if it does not exist yet. Whoever has the lowest create revision is
//! first. A waiter watches only the key it waits for (no thundering herd).

use etcd_client::{
    Client, Compare, CompareOp, EventType, GetOptions, KeyValue, PutOptions, SortOrder, SortTarget,
    Txn, TxnOp, TxnOpResponse, WatchFilterType, WatchOptions,
};

use crate::conn::ConnectOptions;
use crate::error::{Error, Result};
use crate::session::Session;

/// This session's place in the line.
#[derive(Debug, Clone)]
pub struct Place {
    /// `NAME/` (with the slash).
    pub prefix: String,
    /// `NAME/<lease hex>` (or a sub-prefix for shared holders).
    pub key: String,
    /// The key's create revision: the fencing token.
    pub revision: i64,
    /// The store revision when the place was taken.
    pub header_revision: i64,
    /// The key was created now (false: it was left from an earlier call on this lease).
    pub created: bool,
    /// When the place was taken, the key was among the first `front` in line.
    pub in_front: bool,
}

/// `NAME` -> `NAME/`; a name must be non-empty printable text.
pub fn prefix_of(name: &str) -> Result<String> {
    if name.is_empty() || name.trim().is_empty() {
        return Err(Error::usage(
            "the name is empty: give a key prefix such as /locks/backup",
        ));
    }
    if name.chars().any(|c| c.is_control()) {
        return Err(Error::usage(format!(
            "the name {name:?} contains control characters"
        )));
    }
    if name.ends_with('/') {
        return Err(Error::usage_with_hint(
            format!("the name {name:?} ends with '/'"),
            "give the name without the trailing slash; etcdkit adds it (as etcdctl does)",
        ));
    }
    Ok(format!("{name}/"))
}

/// Puts this session's key under `prefix` (if it is not there yet) with `value`, and reads the
/// first `front` keys in line in the same transaction (as etcd's own mutex does), so that an
/// uncontended lock costs one request.
pub async fn enqueue(
    session: &Session,
    key: String,
    prefix: &str,
    value: &str,
    front: i64,
) -> Result<Place> {
    let conn = session.conn();
    let kv = session.client().kv_client();
    let head = || {
        let options = GetOptions::new()
            .with_prefix()
            .with_keys_only()
            .with_sort(SortTarget::Create, SortOrder::Ascend)
            .with_limit(front);
        TxnOp::get(prefix, Some(options))
    };
    let txn = Txn::new()
        .when([Compare::create_revision(key.clone(), CompareOp::Equal, 0)])
        .and_then([
            TxnOp::put(
                key.clone(),
                value,
                Some(PutOptions::new().with_lease(session.lease_id())),
            ),
            head(),
        ])
        .or_else([TxnOp::get(key.clone(), None), head()]);
    // Safe to send again: the transaction puts the key only if it does not exist.
    let resp = conn.txn_with_retry(&kv, txn).await?;
    let header_revision = resp.header().map_or(0, |h| h.revision());
    let gets: Vec<_> = resp
        .op_responses()
        .into_iter()
        .filter_map(|r| match r {
            TxnOpResponse::Get(g) => Some(g),
            _ => None,
        })
        .collect();
    let revision = if resp.succeeded() {
        header_revision
    } else {
        gets.first()
            .and_then(|g| g.kvs().first())
            .map_or(0, |kv| kv.create_revision())
    };
    let in_front = gets
        .last()
        .is_some_and(|g| g.kvs().iter().any(|kv| kv.key() == key.as_bytes()));
    Ok(Place {
        prefix: prefix.to_string(),
        key,
        revision,
        header_revision,
        created: resp.succeeded(),
        in_front,
    })
}

/// What a waiter sees in one read: the keys created before it, oldest first, and whether its
/// own key is still there (its lease may have run out while it waited).
pub struct Line {
    /// Keys under the prefix created before ours, oldest first.
    pub before: Vec<KeyValue>,
    /// The store revision of the read.
    pub revision: i64,
    /// Our key still exists.
    pub ours_exists: bool,
}

/// Reads the line ahead of `place` and our own key together, in one read-only transaction.
pub async fn line(client: &Client, conn: &ConnectOptions, place: &Place) -> Result<Line> {
    let kv = client.kv_client();
    let ahead = GetOptions::new()
        .with_prefix()
        .with_max_create_revision(place.revision - 1)
        .with_sort(SortTarget::Create, SortOrder::Ascend);
    let txn = Txn::new().and_then([
        TxnOp::get(place.prefix.clone(), Some(ahead)),
        TxnOp::get(place.key.clone(), Some(GetOptions::new().with_keys_only())),
    ]);
    let resp = conn.txn_with_retry(&kv, txn).await?;
    let mut gets = resp.op_responses().into_iter().filter_map(|r| match r {
        TxnOpResponse::Get(g) => Some(g),
        _ => None,
    });
    let before = gets.next().map(|g| g.kvs().to_vec()).unwrap_or_default();
    let ours_exists = gets.next().is_some_and(
        |g| matches!(g.kvs().first(), Some(kv) if kv.create_revision() == place.revision),
    );
    Ok(Line {
        before,
        revision: resp.header().map_or(0, |h| h.revision()),
        ours_exists,
    })
}

/// The first key in line (the holder or leader), with its value.
pub async fn first(
    client: &Client,
    conn: &ConnectOptions,
    prefix: &str,
) -> Result<Option<KeyValue>> {
    let kv = client.kv_client();
    let options = GetOptions::new()
        .with_prefix()
        .with_sort(SortTarget::Create, SortOrder::Ascend)
        .with_limit(1);
    let resp = conn.get_with_retry(&kv, prefix, Some(options)).await?;
    Ok(resp.kvs().first().cloned())
}

/// Waits until `key` is deleted, watching from `after_revision + 1`. Returns at once if the key
/// was deleted in between (the watch replays history from that revision).
pub async fn wait_deleted(client: &Client, key: &[u8], after_revision: i64) -> Result<()> {
    let mut watch = client.watch_client();
    let options = WatchOptions::new()
        .with_start_revision(after_revision + 1)
        .with_filters([WatchFilterType::NoPut]);
    // A watch that cannot open or breaks (an endpoint died) is not an error: the caller reads
    // the line again (through a live endpoint) and watches anew.
    let Ok(mut stream) = watch.watch(key.to_vec(), Some(options)).await else {
        return pause_then_recheck().await;
    };
    loop {
        match stream.message().await {
            Ok(Some(resp)) => {
                if resp.canceled() {
                    // Compacted past our revision: the key may be gone; let the caller re-check.
                    return Ok(());
                }
                if resp
                    .events()
                    .iter()
                    .any(|e| e.event_type() == EventType::Delete)
                {
                    return Ok(());
                }
            }
            Ok(None) => return Ok(()),
            Err(_) => return pause_then_recheck().await,
        }
    }
}

/// Waits until any key under the prefix is deleted (for counting semaphores).
pub async fn wait_any_deleted(client: &Client, prefix: &str, after_revision: i64) -> Result<()> {
    let mut watch = client.watch_client();
    let options = WatchOptions::new()
        .with_prefix()
        .with_start_revision(after_revision + 1)
        .with_filters([WatchFilterType::NoPut]);
    let Ok(mut stream) = watch.watch(prefix, Some(options)).await else {
        return pause_then_recheck().await;
    };
    loop {
        match stream.message().await {
            Ok(Some(resp)) if resp.canceled() || !resp.events().is_empty() => return Ok(()),
            Ok(Some(_)) => {}
            Ok(None) => return Ok(()),
            Err(_) => return pause_then_recheck().await,
        }
    }
}

/// Whether our key (the one we created, not a later one of the same name) still exists.
pub async fn exists(client: &Client, conn: &ConnectOptions, place: &Place) -> Result<bool> {
    let kv = client.kv_client();
    let keys_only = Some(GetOptions::new().with_keys_only());
    let resp = conn
        .get_with_retry(&kv, place.key.clone(), keys_only)
        .await?;
    Ok(matches!(resp.kvs().first(), Some(kv) if kv.create_revision() == place.revision))
}

/// A short pause before reading the line again after a watch failed.
async fn pause_then_recheck() -> Result<()> {
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    Ok(())
}

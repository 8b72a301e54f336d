//! The waiting line that etcd's locks and elections share: keys under `NAME/`, one per session
//! lease, ordered by create revision.
//!
//! The layout is etcd's own (`client/v3/concurrency`): the key is `NAME/<lease id in hex>`, put
//! in one transaction only if it does not exist yet. Whoever has the lowest create revision is
//! first. A waiter watches only the key it waits for (no thundering herd).
//!
//! Every wait of the package lives here (a turn in line, a held key's loss), on the watches of
//! [`super::waits`].

use etcd_client::{
    Client, Compare, CompareOp, GetOptions, GetResponse, KeyValue, PutOptions, SortOrder,
    SortTarget, Txn, TxnOp, TxnOpResponse, TxnResponse,
};

use tokio::sync::watch;
use tokio::task::JoinHandle;

use super::lost::{wait_lost, LostReason, LostSignal};
use super::session::Session;
use super::waits::Watching;
use crate::conn::ConnectOptions;
use crate::error::{Error, Result};

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
/// uncontended lock costs one request. `what` names the wait in errors ("lock /x").
pub async fn enqueue(
    session: &Session,
    key: String,
    prefix: &str,
    value: &str,
    front: i64,
    what: &str,
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
    let resp = conn.txn_with_retry(&kv, txn).await.map_err(|e| match e {
        // The lease ran out before the key could be put (etcd out of reach that long).
        Error::Etcd { cause, .. } if cause.contains("requested lease not found") => {
            Error::WaitEnded {
                what: what.to_string(),
                reason: LostReason::LeaseExpired,
            }
        }
        other => other,
    })?;
    let header_revision = resp.header().map_or(0, |h| h.revision());
    let gets: Vec<_> = txn_gets(&resp).collect();
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

/// The answers of a transaction's gets, in order.
pub(crate) fn txn_gets(resp: &TxnResponse) -> impl Iterator<Item = GetResponse> {
    resp.op_responses().into_iter().filter_map(|r| match r {
        TxnOpResponse::Get(g) => Some(g),
        _ => None,
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
    let mut gets = txn_gets(&resp);
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

/// Hears who holds a lock while waiting for it: called with the holder, described as
/// `--no-wait` names it, when the wait begins and each time the holder changes.
pub type HolderReport<'a> = dyn Fn(&str) + Sync + 'a;

/// When a place in line may go ahead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Turn {
    /// When no key is ahead of it (an exclusive lock, an election).
    First,
    /// When no key outside `NAME/read/` is ahead of it (a shared lock: every other key is an
    /// exclusive holder, etcdctl's included).
    NoWriterAhead,
    /// When fewer than N keys are ahead of it (a counting lock).
    AmongFirst(u32),
}

impl Turn {
    /// How many keys at the front of the line go ahead together.
    pub fn front(self) -> i64 {
        match self {
            Turn::AmongFirst(n) => i64::from(n),
            Turn::First | Turn::NoWriterAhead => 1,
        }
    }
}

/// Waits until `place` may go ahead; with `no_wait`, fails instead of waiting.
/// Returns the store revision at which the turn came (what etcd's own mutex reports as its
/// header, and `etcdctl lock` as `ETCD_LOCK_REV`). `what` names the wait in errors ("lock /x",
/// "leadership of /x").
pub(crate) async fn wait_turn(
    session: &Session,
    place: &Place,
    turn: Turn,
    no_wait: bool,
    what: &str,
    report: Option<&HolderReport<'_>>,
) -> Result<i64> {
    if place.in_front {
        return Ok(place.header_revision);
    }
    // The waiting itself: read the line, watch whoever is ahead (and our own place), again.
    let in_line = async {
        let client = session.client();
        let conn = session.conn();
        let watching = Watching::session(session);
        let name = place.prefix.trim_end_matches('/').to_string();
        let mut reported: Option<String> = None;
        loop {
            let Line {
                before,
                revision: rev,
                ours_exists,
            } = line(client, conn, place).await?;
            if !ours_exists {
                return Err(Error::WaitEnded {
                    what: what.to_string(),
                    reason: why_gone(client, conn, session.lease_id()).await,
                });
            }
            let blocker = match turn {
                Turn::First => before.last(),
                Turn::NoWriterAhead => {
                    let readers = format!("{}read/", place.prefix);
                    before
                        .iter()
                        .rev()
                        .find(|kv| !kv.key().starts_with(readers.as_bytes()))
                }
                Turn::AmongFirst(n) if before.len() < n as usize => None,
                Turn::AmongFirst(_) => before.first(),
            };
            let Some(blocker) = blocker else {
                return Ok(rev);
            };
            if no_wait {
                return Err(not_acquired(session, &name, &place.prefix, "--no-wait".into()).await);
            }
            // The first in line holds the lock (with --limit or --shared, one of its holders).
            let holder = report.zip(before.first());
            if let Some((report, holder)) = holder {
                let who = describe_holder(holder);
                if reported.as_deref() != Some(who.as_str()) {
                    report(&who);
                    reported = Some(who);
                }
            }
            // Only when reporting: the holder may go before the key this place waits on.
            let holder_gone = async {
                match holder {
                    Some((_, h)) => watching.deleted(h.key(), rev).await,
                    None => std::future::pending().await,
                }
            };
            let moved_up = async {
                match turn {
                    Turn::AmongFirst(_) => watching.any_deleted(&place.prefix, rev).await,
                    _ => watching.deleted(blocker.key(), rev).await,
                }
            };
            // Our own place may go too (deleted by hand, revoked): then the next read says so.
            tokio::select! {
                waited = moved_up => waited?,
                waited = watching.deleted(place.key.as_bytes(), rev) => waited?,
                waited = holder_gone => waited?,
            }
        }
    };
    tokio::pin!(in_line);
    loop {
        tokio::select! {
            turn = &mut in_line => return turn,
            _ = session.lost() => {
                // Lost only in doubt (etcd out of reach, this process paused): the place
                // holds for as long as etcd keeps the lease; etcd's first answer says.
                if !session.take_back().await {
                    // The lease ran out: the place is gone.
                    return Err(Error::WaitEnded { what: what.to_string(), reason: LostReason::LeaseExpired });
                }
            }
        }
    }
}

/// A holder in the words etcdkit uses for it everywhere: who (the key's value), the key, its
/// revision, and a note when it has no lease.
pub(crate) fn describe_holder(kv: &KeyValue) -> String {
    let key = String::from_utf8_lossy(kv.key()).into_owned();
    let who = String::from_utf8_lossy(kv.value()).into_owned();
    // A key put by hand (no lease) is never released by a lease running out.
    let forever = if kv.lease() == 0 {
        format!("; it has no lease, so it never expires: if nobody holds the lock, `etcdctl del {key}` frees it")
    } else {
        String::new()
    };
    if who.is_empty() {
        format!("{key} (revision {}{forever})", kv.create_revision())
    } else {
        format!("{who} ({key}, revision {}{forever})", kv.create_revision())
    }
}

pub(crate) async fn not_acquired(
    session: &Session,
    name: &str,
    prefix: &str,
    why: String,
) -> Error {
    let holder = first(session.client(), session.conn(), prefix)
        .await
        .ok()
        .flatten()
        .map(|kv| describe_holder(&kv));
    Error::NotAcquired {
        name: name.to_string(),
        holder,
        why,
    }
}

/// One signal for "lost": the session's, or the key being deleted by someone else.
pub(crate) fn watch_loss(session: &Session, place: &Place) -> (LostSignal, JoinHandle<()>) {
    let (tx, rx) = watch::channel(None);
    let session_lost = session.lost_signal();
    let client = session.client().clone();
    let target = session.target().clone();
    let place = place.clone();
    let lease = session.lease_id();
    let task = tokio::spawn(async move {
        let conn = target.options();
        let watching = Watching {
            client: &client,
            target: &target,
        };
        let key_deleted = async {
            // Refused (credentials, TLS): the lease decides, through the session's signal.
            if watching.gone(&place).await.is_err() {
                std::future::pending::<()>().await;
            }
            why_gone(&client, conn, lease).await
        };
        let reason = tokio::select! {
            reason = wait_lost(session_lost) => reason,
            reason = key_deleted => reason,
        };
        let _ = tx.send(Some(reason));
    });
    (rx, task)
}

/// The key is gone: revoked or expired with its lease, or deleted on its own?
pub(crate) async fn why_gone(client: &Client, conn: &ConnectOptions, lease: i64) -> LostReason {
    let mut leases = client.lease_client();
    match conn
        .request(&conn.label(), leases.time_to_live(lease, None))
        .await
    {
        Ok(r) if r.ttl() > 0 => LostReason::KeyDeleted,
        Ok(_) => LostReason::LeaseExpired,
        Err(_) => LostReason::KeyDeleted,
    }
}

//! A work queue: items put by anyone, each handed to one worker at a time, finished at most
//! once; a worker that dies holding an item gives it back when its session's lease expires.
//!
//! Keys under `NAME/`:
//! - `NAME/items/<id>`: an item, its value the item's bytes, without a lease (it waits for a
//!   worker however long that takes). Items are taken about oldest first (by create revision;
//!   with N workers busy, at most N places out of order); the id is unique (time and
//!   randomness), its order does not matter.
//! - `NAME/claims/<id>`: a worker's claim on item `<id>`, on the worker's session lease, its
//!   value `host:pid <token>`. An item is free when it has no claim. A worker that dies: its
//!   lease expires, etcd deletes the claim, and the item is free again.
//!
//! Each step is one transaction with a guard: a claim is put only if there is none and the item
//! is still the one read; `done` deletes the item and the claim only while the claim is the
//! one this worker put (its create revision), so a worker whose claim lapsed cannot finish an
//! item that was handed to another meanwhile. The claim's create revision is a fencing token,
//! as a lock holder's is: what the work writes to can refuse an older one.

use std::collections::HashSet;
use std::time::Duration;

use etcd_client::{
    Client, Compare, CompareOp, GetOptions, KeyValue, PutOptions, SortOrder, SortTarget, Txn,
    TxnOp, TxnResponse,
};
use serde::Serialize;
use tokio::time::Instant;

use super::lock::Wait;
use super::lost::{wait_lost, LostReason};
use super::queue::{prefix_of, txn_gets, watch_loss, why_gone, Place};
use super::session::{default_holder, Session};
use super::waits::Watching;
use crate::conn::{ConnectOptions, Target};
use crate::error::{Error, Result};
use crate::ids::HexId;
use crate::watch::EventKind;

/// How many items one read looks at for a free one.
const PAGE: i64 = 64;

/// A work queue on a name.
#[derive(Clone)]
pub struct WorkQueue {
    client: Client,
    target: Target,
    name: String,
    prefix: String,
    items: String,
    claims: String,
}

/// An item put in the queue.
#[derive(Debug, Clone, Serialize)]
pub struct Queued {
    /// `NAME/items/<id>`.
    pub key: String,
    /// Its create revision: its place in the queue.
    pub revision: i64,
}

/// How many items the queue holds and how many of them are being worked on.
#[derive(Debug, Clone, Serialize)]
pub struct QueueStatus {
    /// The queue name.
    pub name: String,
    /// Items not finished yet (claimed or not).
    pub items: i64,
    /// Claims held by live workers.
    pub claimed: i64,
    /// The store revision of the count.
    pub revision: i64,
}

/// What a worker holds: which item, and its claim.
#[derive(Debug, Clone, Serialize)]
pub struct Claim {
    /// The queue name.
    pub queue: String,
    /// `NAME/items/<id>`.
    pub item_key: String,
    /// `NAME/claims/<id>`.
    pub claim_key: String,
    /// The item's create revision (its place in the queue).
    pub item_revision: i64,
    /// The claim's create revision: grows from one claim of the queue to the next, so that what
    /// the work writes to can refuse a worker whose claim lapsed.
    pub fencing_token: i64,
    /// The worker's session lease (hex).
    pub lease_id: HexId,
}

/// An item claimed by this worker. Dropping it leaves the claim to the session: closing the
/// session (or its lease running out) gives the item back.
pub struct Claimed<'s> {
    session: &'s Session,
    claim: Claim,
    value: Vec<u8>,
}

impl WorkQueue {
    /// The queue `name`, through `client` (a client of `target`, which the waits dial when it
    /// fails). Checks the name as the lock does; dials nothing.
    pub fn new(target: &Target, client: &Client, name: &str) -> Result<WorkQueue> {
        let prefix = prefix_of(name)?;
        Ok(WorkQueue {
            client: client.clone(),
            target: target.clone(),
            name: name.to_string(),
            items: format!("{prefix}items/"),
            claims: format!("{prefix}claims/"),
            prefix,
        })
    }

    /// The queue name.
    pub fn name(&self) -> &str {
        &self.name
    }

    fn conn(&self) -> &ConnectOptions {
        self.target.options()
    }

    /// Appends an item.
    pub async fn put(&self, item: impl Into<Vec<u8>>) -> Result<Queued> {
        let key = format!("{}{}", self.items, unique_id());
        let txn = Txn::new()
            .when([Compare::create_revision(key.clone(), CompareOp::Equal, 0)])
            .and_then([TxnOp::put(key.clone(), item.into(), None)])
            .or_else([TxnOp::get(key.clone(), None)]);
        // Safe to send again: the key is put only if it does not exist.
        let resp = self
            .conn()
            .txn_with_retry(&self.client.kv_client(), txn)
            .await?;
        let revision = if resp.succeeded() {
            resp.header().map_or(0, |h| h.revision())
        } else {
            first_get(&resp).map_or(0, |kv| kv.create_revision())
        };
        Ok(Queued { key, revision })
    }

    /// How many items there are and how many are claimed.
    pub async fn status(&self) -> Result<QueueStatus> {
        let count = || Some(GetOptions::new().with_prefix().with_count_only());
        let txn = Txn::new().and_then([
            TxnOp::get(self.items.clone(), count()),
            TxnOp::get(self.claims.clone(), count()),
        ]);
        let resp = self
            .conn()
            .txn_with_retry(&self.client.kv_client(), txn)
            .await?;
        let counts: Vec<i64> = txn_gets(&resp).map(|g| g.count()).collect();
        Ok(QueueStatus {
            name: self.name.clone(),
            items: counts.first().copied().unwrap_or(0),
            claimed: counts.get(1).copied().unwrap_or(0),
            revision: resp.header().map_or(0, |h| h.revision()),
        })
    }

    /// Claims one of the oldest free items for `session`'s worker (the oldest when no other
    /// worker is busy; see `spread`). With nothing free: waits (on a watch of new items and
    /// freed claims) as `wait` says, and gives `None` when it will not wait (longer). Workers
    /// that read the queue together do not all fight over the oldest item: they start at
    /// different ones, and one that loses an item tries the next free one of the same read.
    ///
    /// Ends with [`Error::WaitEnded`] when the session is lost while waiting.
    pub async fn take<'s>(&self, session: &'s Session, wait: Wait) -> Result<Option<Claimed<'s>>> {
        let until = match wait {
            Wait::For(limit) => Some(Instant::now() + limit),
            _ => None,
        };
        let holder = format!("{} {:016x}", default_holder(), fastrand::u64(..));
        let what = format!("work from queue {}", self.name);
        let taking = async {
            let watching = Watching::session(session);
            loop {
                let (free, revision, claimed) = self.free_items().await?;
                for item in spread(&free, claimed) {
                    if let Some(claimed) = self.claim(session, item, &holder).await? {
                        return Ok(Some(claimed));
                    }
                }
                if wait == Wait::No {
                    return Ok(None);
                }
                let (items, claims) = (self.items.as_bytes(), self.claims.as_bytes());
                let news = watching.under(&self.prefix, revision, |e| {
                    (e.kind == EventKind::Put && e.key.starts_with(items))
                        || (e.kind == EventKind::Delete && e.key.starts_with(claims))
                });
                match until {
                    Some(until) => match tokio::time::timeout_at(until, news).await {
                        Ok(waited) => waited?,
                        Err(_) => return Ok(None),
                    },
                    None => news.await?,
                }
            }
        };
        tokio::select! {
            taken = taking => taken,
            reason = session.lost() => Err(Error::WaitEnded { what, reason }),
        }
    }

    /// The oldest items without a claim (up to a page of them, looking further while a page
    /// is all claimed), the store revision of the first read, and how many claims there were.
    async fn free_items(&self) -> Result<(Vec<KeyValue>, i64, usize)> {
        let kv = self.client.kv_client();
        let oldest = |after: i64| {
            GetOptions::new()
                .with_prefix()
                .with_keys_only()
                .with_sort(SortTarget::Create, SortOrder::Ascend)
                .with_min_create_revision(after + 1)
                .with_limit(PAGE)
        };
        let txn = Txn::new().and_then([
            TxnOp::get(
                self.claims.clone(),
                Some(GetOptions::new().with_prefix().with_keys_only()),
            ),
            TxnOp::get(self.items.clone(), Some(oldest(0))),
        ]);
        let resp = self.conn().txn_with_retry(&kv, txn).await?;
        let revision = resp.header().map_or(0, |h| h.revision());
        let mut pages = txn_gets(&resp);
        let claimed: HashSet<Vec<u8>> = pages
            .next()
            .map(|g| {
                g.kvs()
                    .iter()
                    .map(|kv| kv.key()[self.claims.len()..].to_vec())
                    .collect()
            })
            .unwrap_or_default();
        let mut page = pages.next().map(|g| (g.kvs().to_vec(), g.more()));
        while let Some((items, more)) = page {
            let free: Vec<KeyValue> = items
                .iter()
                .filter(|kv| !claimed.contains(&kv.key()[self.items.len()..]))
                .cloned()
                .collect();
            let last = items.last().map(|kv| kv.create_revision());
            page = None;
            if !free.is_empty() {
                return Ok((free, revision, claimed.len()));
            }
            if let (true, Some(last)) = (more, last) {
                let options = oldest(last);
                let next = self
                    .conn()
                    .get_with_retry(&kv, self.items.clone(), Some(options))
                    .await?;
                page = Some((next.kvs().to_vec(), next.more()));
            }
        }
        Ok((Vec::new(), revision, claimed.len()))
    }

    /// Claims `item` for the worker, if it is still there and free.
    async fn claim<'s>(
        &self,
        session: &'s Session,
        item: &KeyValue,
        holder: &str,
    ) -> Result<Option<Claimed<'s>>> {
        let item_key = String::from_utf8_lossy(item.key()).into_owned();
        let claim_key = format!("{}{}", self.claims, &item_key[self.items.len()..]);
        let put = PutOptions::new().with_lease(session.lease_id());
        let txn = Txn::new()
            .when([
                Compare::create_revision(claim_key.clone(), CompareOp::Equal, 0),
                Compare::create_revision(
                    item_key.clone(),
                    CompareOp::Equal,
                    item.create_revision(),
                ),
            ])
            .and_then([
                TxnOp::put(claim_key.clone(), holder, Some(put)),
                TxnOp::get(item_key.clone(), None),
            ])
            .or_else([
                TxnOp::get(claim_key.clone(), None),
                TxnOp::get(item_key.clone(), None),
            ]);
        // Safe to send again: a second try finds the claim put by the first (the holder's
        // token tells it is ours) and takes it as the claim.
        let resp = self
            .conn()
            .txn_with_retry(&session.client().kv_client(), txn)
            .await?;
        let mut answers = txn_gets(&resp);
        let fencing_token = if resp.succeeded() {
            resp.header().map_or(0, |h| h.revision())
        } else {
            match answers.next().and_then(|g| g.kvs().first().cloned()) {
                Some(claim) if claim.value() == holder.as_bytes() => claim.create_revision(),
                _ => return Ok(None),
            }
        };
        let Some(value) = answers.next().and_then(|g| g.kvs().first().cloned()) else {
            return Ok(None);
        };
        Ok(Some(Claimed {
            session,
            value: value.value().to_vec(),
            claim: Claim {
                queue: self.name.clone(),
                item_key,
                claim_key,
                item_revision: item.create_revision(),
                fencing_token,
                lease_id: HexId(session.lease_id() as u64),
            },
        }))
    }
}

impl Claimed<'_> {
    /// The item's bytes.
    pub fn value(&self) -> &[u8] {
        &self.value
    }

    /// Which item, and the claim on it.
    pub fn claim(&self) -> &Claim {
        &self.claim
    }

    /// The claim's guard: it is still the one this worker put.
    fn ours(&self) -> Compare {
        Compare::create_revision(
            self.claim.claim_key.clone(),
            CompareOp::Equal,
            self.claim.fencing_token,
        )
    }

    /// Finishes the item: deletes it and the claim in one transaction, only while the claim is
    /// ours. Refused with [`Error::Lost`] when it is not (the lease expired and the item may
    /// have gone to another worker): then nothing was deleted.
    ///
    /// Sent again only when the first try surely never left (a second try of one that was
    /// applied would be refused).
    pub async fn done(self) -> Result<()> {
        let txn = Txn::new().when([self.ours()]).and_then([
            TxnOp::delete(self.claim.item_key.clone(), None),
            TxnOp::delete(self.claim.claim_key.clone(), None),
        ]);
        let conn = self.session.conn();
        let kv = self.session.client().kv_client();
        let resp = conn
            .retry(|| {
                let (mut c, t) = (kv.clone(), txn.clone());
                async move { c.txn(t).await }
            })
            .await?;
        if resp.succeeded() {
            return Ok(());
        }
        let session = self.session;
        Err(Error::Lost {
            what: format!("claim on {}", self.claim.item_key),
            reason: why_gone(session.client(), session.conn(), session.lease_id()).await,
        })
    }

    /// Gives the item back unfinished, for another worker (deletes the claim if it is still
    /// ours; if it is not, the item was given back already).
    pub async fn give_back(self) -> Result<()> {
        let txn = Txn::new()
            .when([self.ours()])
            .and_then([TxnOp::delete(self.claim.claim_key.clone(), None)]);
        let kv = self.session.client().kv_client();
        self.session.conn().txn_with_retry(&kv, txn).await?;
        Ok(())
    }

    /// Resolves when the claim is lost: the session's lease expired or was revoked, etcd was
    /// unreachable too long, or someone deleted the claim.
    pub async fn lost(&self) -> LostReason {
        let place = Place {
            prefix: self.claim.claim_key.clone(),
            key: self.claim.claim_key.clone(),
            revision: self.claim.fencing_token,
            header_revision: self.claim.fencing_token,
            created: true,
            in_front: true,
        };
        let (signal, task) = watch_loss(self.session, &place);
        // Stops the watch when this future is dropped, too.
        let _stop = StopOnDrop(task);
        wait_lost(signal).await
    }
}

/// Aborts a task when dropped.
struct StopOnDrop(tokio::task::JoinHandle<()>);

impl Drop for StopOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// The order in which to try the free items: oldest first, but from a random one of the first
/// few (one more than there are busy workers), so that workers that read the queue at the same
/// moment mostly try different items instead of all the oldest one. An item is taken at most
/// that many places out of order.
fn spread(free: &[KeyValue], claimed: usize) -> impl Iterator<Item = &KeyValue> {
    let start = fastrand::usize(..free.len().clamp(1, claimed + 1));
    free[start..].iter().chain(&free[..start])
}

/// An item id: unique without a round trip (nanoseconds and 32 random bits).
fn unique_id() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or(Duration::ZERO)
        .as_nanos();
    format!("{nanos:020}-{:08x}", fastrand::u32(..))
}

fn first_get(resp: &TxnResponse) -> Option<KeyValue> {
    txn_gets(resp).next().and_then(|g| g.kvs().first().cloned())
}

//! Keys kept on a lease: put on a session's lease and, whenever the lease is lost (expired,
//! revoked, etcd out of reach for too long), a new lease granted and the keys put again. The
//! owner can change the keys at any time, and hears what was lost and when, and when the keys
//! were back.
//!
//! One key may be a claim: the keys are put only while no other lease holds it (an instance
//! ID of `discover register`), and a registration whose claim is held waits for it to go.
//!
//! A key deleted by someone else while its lease lives is put back at once (each key is
//! followed on the watch layer from its own put on).
//!
//! Between a loss and the new put the keys are gone: whoever reads them meanwhile sees nothing,
//! as they should, since etcd already deleted them.

use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, SystemTime};

use etcd_client::{Client, Compare, CompareOp, PutOptions, Txn, TxnOp, TxnOpResponse};
use tokio::sync::{mpsc, oneshot, watch};
use tokio::task::JoinHandle;

use crate::concurrency::session::Ttl;
use crate::concurrency::{LostReason, Session};
use crate::conn::Target;
use crate::error::Result;
use crate::watch::{
    self as follow, EventKind, FollowOptions, Keys as WatchKeys, Start, UpdateKind,
};

/// Something that happened to kept keys, for their owner.
#[derive(Debug, Clone, PartialEq)]
pub enum KeptEvent {
    /// The claim key is held by another lease: the keys wait for it to go.
    Claimed {
        /// The claim key.
        key: String,
        /// The lease that holds it.
        lease: i64,
    },
    /// The keys are put, after waiting for their claim.
    Registered {
        /// The lease they are on.
        lease: i64,
    },
    /// The lease the keys were on is gone, and the keys with it.
    Lost {
        /// The lease that was lost.
        lease: i64,
        /// Why.
        reason: LostReason,
        /// When the loss was noticed.
        at: SystemTime,
    },
    /// The lease could not be renewed until it could have run out (etcd out of reach, this
    /// process paused): it is asked of etcd again, which says whether it still has it
    /// ([`KeptEvent::Outlived`]) or not ([`KeptEvent::Lost`]).
    InDoubt {
        /// The lease in doubt.
        lease: i64,
        /// Why.
        reason: LostReason,
    },
    /// This side could not renew the lease for a while (etcd out of reach, this process
    /// paused), but etcd still had it: renewed again, the keys never left.
    Outlived {
        /// The lease, kept.
        lease: i64,
        /// Why renewing it was in doubt.
        reason: LostReason,
        /// How long it took to renew it again, once in doubt.
        unsure: Duration,
    },
    /// Keys deleted by someone else while the lease lived are put back.
    PutBack {
        /// The keys that were deleted.
        keys: Vec<String>,
    },
    /// The keys are back, on a new lease.
    Restored {
        /// The new lease.
        lease: i64,
        /// When the keys were put again.
        at: SystemTime,
        /// How long the keys were missing, from the loss to the new put.
        missing: Duration,
    },
}

/// Keys kept on a lease, granted and put again whenever the lease is lost.
pub struct KeptKeys {
    lease: watch::Receiver<Option<i64>>,
    changes: mpsc::UnboundedSender<Change>,
    events: mpsc::UnboundedReceiver<KeptEvent>,
    stop: Option<oneshot::Sender<()>>,
    keeper: Option<JoinHandle<()>>,
}

/// What to keep.
#[derive(Debug, Clone, Default)]
pub struct Keys {
    /// Key -> value.
    pub keys: BTreeMap<String, String>,
    /// A key that must not be held by another lease for the keys to be put (it need not be
    /// among `keys`; while it is not, nothing is claimed).
    pub claim: Option<String>,
}

/// A change of the keys asked for by the owner.
struct Change {
    puts: Vec<(String, String)>,
    deletes: Vec<String>,
}

/// The longest pause between two attempts to grant and put again while etcd does not answer.
const MAX_PAUSE: Duration = Duration::from_secs(1);

impl KeptKeys {
    /// Puts `keys` on a lease of `ttl` and keeps them there. Returns once they are put, or once
    /// their claim was found held by another lease (then a [`KeptEvent::Claimed`] is the first
    /// event, and the keys are put as soon as the claim is free).
    pub async fn start(target: &Target, client: &Client, keys: Keys, ttl: Ttl) -> Result<KeptKeys> {
        let (deleted_tx, deleted) = mpsc::unbounded_channel();
        let mut keeper = Keeper {
            target: target.clone(),
            client: client.clone(),
            ttl,
            keys: keys.keys,
            claim: keys.claim,
            removed: BTreeSet::new(),
            dirty: false,
            claimed_by: None,
            gone: Vec::new(),
            followers: BTreeMap::new(),
            deleted_tx,
        };
        let (events_tx, events) = mpsc::unbounded_channel();
        let first = keeper.register().await?;
        let (lease_tx, lease) = watch::channel(None);
        let session = match first {
            Registered::Yes(session, revision) => {
                let _ = lease_tx.send(Some(session.lease_id()));
                keeper.follow_keys(revision);
                Some(*session)
            }
            Registered::Claimed { lease, .. } => {
                let _ = events_tx.send(KeptEvent::Claimed {
                    key: keeper.claim.clone().unwrap_or_default(),
                    lease,
                });
                keeper.claimed_by = Some(lease);
                None
            }
        };
        let (changes, changes_rx) = mpsc::unbounded_channel();
        let (stop_tx, stop) = oneshot::channel();
        let tell = Tell {
            lease: lease_tx,
            events: events_tx,
        };
        let task = tokio::spawn(keeper.keep(session, tell, changes_rx, deleted, stop));
        Ok(KeptKeys {
            lease,
            changes,
            events,
            stop: Some(stop_tx),
            keeper: Some(task),
        })
    }

    /// The lease the keys are on now (the lost one until they are back); `None` while they
    /// wait for their claim.
    pub fn lease_id(&self) -> Option<i64> {
        *self.lease.borrow()
    }

    /// Puts and deletes keys, on the current lease: at once when etcd answers, else as soon as
    /// it does (and after a lost lease, with the rest of the keys).
    pub fn change(&self, puts: Vec<(String, String)>, deletes: Vec<String>) {
        let _ = self.changes.send(Change { puts, deletes });
    }

    /// The next thing that happened; `None` once closed.
    pub async fn next_event(&mut self) -> Option<KeptEvent> {
        self.events.recv().await
    }

    /// Stops keeping the keys and revokes their lease, which deletes them. Best effort: when
    /// etcd does not answer, the lease runs out by itself.
    pub async fn close(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(keeper) = self.keeper.take() {
            let _ = keeper.await;
        }
    }
}

impl Drop for KeptKeys {
    fn drop(&mut self) {
        // Not closed: stop renewing; the lease runs out by itself.
        if let Some(keeper) = &self.keeper {
            keeper.abort();
        }
    }
}

/// How an attempt to put the keys went.
enum Registered {
    /// They are put, on this session's lease, at this revision.
    Yes(Box<Session>, i64),
    /// The claim key is held by another lease (seen at `revision`).
    Claimed { lease: i64, revision: i64 },
}

/// What the keeper tells the owner.
struct Tell {
    lease: watch::Sender<Option<i64>>,
    events: mpsc::UnboundedSender<KeptEvent>,
}

/// The keys as the owner wants them, and how to put them.
struct Keeper {
    target: Target,
    client: Client,
    ttl: Ttl,
    keys: BTreeMap<String, String>,
    claim: Option<String>,
    /// Keys deleted by the owner that may still be on etcd.
    removed: BTreeSet<String>,
    /// The keys changed since they were last put.
    dirty: bool,
    /// The other lease that held the claim when last tried.
    claimed_by: Option<i64>,
    /// Leases of ours that were lost: one still holding the claim on etcd is revoked.
    gone: Vec<i64>,
    /// A follow of each key put, telling `deleted_tx` when it is deleted.
    followers: BTreeMap<String, JoinHandle<()>>,
    deleted_tx: mpsc::UnboundedSender<String>,
}

impl Drop for Keeper {
    fn drop(&mut self) {
        self.stop_following();
    }
}

/// Follows `key` from after `revision` and tells `deleted` each time it is deleted (or may have
/// been: a resync after a compaction). Ends when the follow fails for good.
async fn follow_key(
    target: Target,
    client: Client,
    key: String,
    revision: i64,
    deleted: mpsc::UnboundedSender<String>,
) {
    let options = FollowOptions {
        start: Start::Revision(revision + 1),
        resync_deletes: false,
        ..FollowOptions::new(WatchKeys::key(key.as_str()))
    };
    let label = target.options().label();
    let Ok(mut follower) = follow::follow_on(&target, client, &label, options).await else {
        return;
    };
    while let Ok(update) = follower.next().await {
        let gone = update.kind == UpdateKind::Resync
            || update.events.iter().any(|e| e.kind == EventKind::Delete);
        if gone && deleted.send(key.clone()).is_err() {
            return;
        }
    }
}

impl Keeper {
    /// The claim, when it is among the keys.
    fn claim(&self) -> Option<&String> {
        self.claim.as_ref().filter(|c| self.keys.contains_key(*c))
    }

    fn take(&mut self, change: Change) {
        for key in change.deletes {
            self.keys.remove(&key);
            self.removed.insert(key);
        }
        for (key, value) in change.puts {
            self.removed.remove(&key);
            self.keys.insert(key, value);
        }
        self.dirty = true;
    }

    fn puts(&self, lease: i64) -> Vec<TxnOp> {
        let options = PutOptions::new().with_lease(lease);
        self.keys
            .iter()
            .map(|(k, v)| TxnOp::put(k.as_str(), v.as_str(), Some(options.clone())))
            .collect()
    }

    /// Grants a lease and puts the keys on it, unless another lease holds the claim.
    async fn register(&self) -> Result<Registered> {
        let session = Session::new(&self.target, &self.client, self.ttl).await?;
        let lease = session.lease_id();
        let mut txn = Txn::new().and_then(self.puts(lease));
        if let Some(claim) = self.claim() {
            txn = Txn::new()
                .when([Compare::create_revision(
                    claim.as_str(),
                    CompareOp::Equal,
                    0,
                )])
                .and_then(self.puts(lease))
                .or_else([TxnOp::get(claim.as_str(), None)]);
        }
        let kv = self.client.kv_client();
        // Guarded by the claim (or putting fixed values): a second application changes
        // nothing, and a first one whose answer was lost shows as our own lease below.
        let answer = match self.target.options().txn_with_retry(&kv, txn).await {
            Ok(answer) => answer,
            Err(e) => {
                session.close().await;
                return Err(e);
            }
        };
        let revision = answer.header().map_or(0, |h| h.revision());
        if answer.succeeded() {
            return Ok(Registered::Yes(Box::new(session), revision));
        }
        let held = answer.op_responses().into_iter().find_map(|op| match op {
            TxnOpResponse::Get(get) => get.kvs().first().map(|kv| kv.lease()),
            _ => None,
        });
        match held {
            Some(holder) if holder == lease => Ok(Registered::Yes(Box::new(session), revision)),
            Some(holder) => {
                session.close().await;
                Ok(Registered::Claimed {
                    lease: holder,
                    revision,
                })
            }
            // Gone between the compare and the get: try again at once.
            None => {
                session.close().await;
                Ok(Registered::Claimed {
                    lease: 0,
                    revision: revision - 1,
                })
            }
        }
    }

    /// Puts the keys (and deletes the removed ones) on `lease`; whether etcd took them. The
    /// keys are followed from there on.
    async fn apply(&mut self, lease: i64) -> bool {
        let mut ops = self.puts(lease);
        ops.extend(self.removed.iter().map(|k| TxnOp::delete(k.as_str(), None)));
        let kv = self.client.kv_client();
        let answer = self
            .target
            .options()
            .txn_with_retry(&kv, Txn::new().and_then(ops))
            .await;
        let Ok(answer) = answer else {
            return false;
        };
        self.removed.clear();
        self.dirty = false;
        self.follow_keys(answer.header().map_or(0, |h| h.revision()));
        true
    }

    /// Follows every key not followed yet from after `revision` (when it was put), and stops
    /// following the keys no longer kept: a delete of a kept key is then put back.
    fn follow_keys(&mut self, revision: i64) {
        let keys = &self.keys;
        self.followers.retain(|key, task| {
            let keep = keys.contains_key(key);
            if !keep {
                task.abort();
            }
            keep
        });
        for key in self.keys.keys() {
            if self.followers.contains_key(key) {
                continue;
            }
            let task = tokio::spawn(follow_key(
                self.target.clone(),
                self.client.clone(),
                key.clone(),
                revision,
                self.deleted_tx.clone(),
            ));
            self.followers.insert(key.clone(), task);
        }
    }

    /// Stops following the keys (their lease is gone).
    fn stop_following(&mut self) {
        for (_, task) in std::mem::take(&mut self.followers) {
            task.abort();
        }
    }

    /// Waits until the claim key is deleted after `revision` (or the wait gives up: the next
    /// attempt then tells).
    async fn wait_for_claim(&self, revision: i64) {
        let Some(claim) = self.claim.as_deref() else {
            return;
        };
        let watching = crate::concurrency::waits::Watching {
            client: &self.client,
            target: &self.target,
        };
        if watching.deleted(claim.as_bytes(), revision).await.is_err() {
            tokio::time::sleep(MAX_PAUSE).await;
        }
    }

    /// Keeps the keys until stopped: applies the owner's changes, and after a lost lease (or
    /// while the claim is held) registers again, as often as it takes.
    async fn keep(
        mut self,
        mut session: Option<Session>,
        tell: Tell,
        mut changes: mpsc::UnboundedReceiver<Change>,
        mut deleted: mpsc::UnboundedReceiver<String>,
        mut stop: oneshot::Receiver<()>,
    ) {
        // Keys deleted from outside, to tell about once they are back.
        let mut put_back: BTreeSet<String> = BTreeSet::new();
        // When the keys went missing, for the Restored event; None before the first put.
        let mut lost: Option<tokio::time::Instant> = None;
        let mut pause = Duration::from_millis(50);
        loop {
            let Some(current) = session.as_ref() else {
                // Changes asked for so far go into this attempt; one asked for during it is
                // taken after: an attempt cut short once its keys were put would leave them on
                // a lease nobody keeps, holding the claim against ourselves.
                while let Ok(change) = changes.try_recv() {
                    self.take(change);
                }
                let attempt = tokio::select! {
                    attempt = self.register() => attempt,
                    _ = &mut stop => return,
                };
                match attempt {
                    Ok(Registered::Yes(s, revision)) => {
                        self.stop_following();
                        self.follow_keys(revision);
                        pause = Duration::from_millis(50);
                        self.claimed_by = None;
                        self.gone.clear();
                        self.removed.clear();
                        self.dirty = false;
                        let lease = s.lease_id();
                        let _ = tell.lease.send(Some(lease));
                        let event = match lost.take() {
                            Some(since) => KeptEvent::Restored {
                                lease,
                                at: SystemTime::now(),
                                missing: since.elapsed(),
                            },
                            None => KeptEvent::Registered { lease },
                        };
                        let _ = tell.events.send(event);
                        session = Some(*s);
                    }
                    Ok(Registered::Claimed { lease, .. }) if self.gone.contains(&lease) => {
                        // Our own lost lease, not yet expired on etcd (this side gave up on
                        // it while cut off or paused): revoke it and try again.
                        let mut leases = self.client.lease_client();
                        let _ = leases.revoke(lease).await;
                        self.gone.retain(|l| *l != lease);
                    }
                    Ok(Registered::Claimed { lease, revision }) => {
                        if lease != 0 && self.claimed_by != Some(lease) {
                            self.claimed_by = Some(lease);
                            let _ = tell.events.send(KeptEvent::Claimed {
                                key: self.claim.clone().unwrap_or_default(),
                                lease,
                            });
                        }
                        tokio::select! {
                            _ = self.wait_for_claim(revision) => {}
                            _ = &mut stop => return,
                        }
                    }
                    Err(_) => {
                        tokio::select! {
                            _ = tokio::time::sleep(pause) => {}
                            _ = &mut stop => return,
                        }
                        pause = (pause * 2).min(MAX_PAUSE);
                    }
                }
                continue;
            };
            let lease = current.lease_id();
            let dirty = self.dirty;
            let retry = async move {
                match dirty {
                    true => tokio::time::sleep(pause).await,
                    false => std::future::pending().await,
                }
            };
            tokio::select! {
                _ = &mut stop => {
                    // Deletes the keys with the lease, at once.
                    current.close().await;
                    return;
                }
                mut reason = current.lost() => {
                    // A lease this side gave up on (etcd out of reach, this process paused)
                    // may live on etcd, and the keys with it: take it back rather than let
                    // them go; etcd's first answer says whether it still has it.
                    if matches!(reason, LostReason::Unreachable | LostReason::Paused) {
                        let _ = tell.events.send(KeptEvent::InDoubt { lease, reason: reason.clone() });
                        let since = tokio::time::Instant::now();
                        let kept = tokio::select! {
                            kept = current.take_back() => kept,
                            _ = &mut stop => {
                                current.close().await;
                                return;
                            }
                        };
                        if kept {
                            let unsure = since.elapsed();
                            let _ = tell.events.send(KeptEvent::Outlived { lease, reason, unsure });
                            continue;
                        }
                        reason = LostReason::LeaseExpired;
                    }
                    let _ = tell.events.send(KeptEvent::Lost { lease, reason, at: SystemTime::now() });
                    lost = Some(tokio::time::Instant::now());
                    self.gone.push(lease);
                    // Whatever was removed went with the lease, and so did the rest.
                    self.removed.clear();
                    self.stop_following();
                    put_back.clear();
                    // A lease this side gave up on (etcd unreachable, this process paused)
                    // may still hold the claim on etcd: it is ours, so it goes.
                    current.close().await;
                    session = None;
                    pause = Duration::from_millis(50);
                }
                Some(change) = changes.recv() => {
                    self.take(change);
                    if !self.apply(lease).await {
                        pause = Duration::from_millis(50);
                    }
                }
                Some(key) = deleted.recv() => {
                    // Not ours to put back once it is no longer kept (our own delete).
                    if self.keys.contains_key(&key) {
                        put_back.insert(key);
                        self.dirty = true;
                        pause = Duration::ZERO;
                    }
                }
                _ = retry => {
                    if !self.apply(lease).await {
                        pause = (pause * 2).clamp(Duration::from_millis(50), MAX_PAUSE);
                    } else if !put_back.is_empty() {
                        let keys = std::mem::take(&mut put_back).into_iter().collect();
                        let _ = tell.events.send(KeptEvent::PutBack { keys });
                    }
                }
            }
        }
    }
}

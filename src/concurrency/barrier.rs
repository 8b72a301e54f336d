//! A double barrier: `count` participants start together ([`Barrier::enter`] returns once
//! `count` have entered) and finish together ([`Barrier::leave`] returns once all have left).
//!
//! Keys, as etcd's own recipe (`client/v3/experimental/recipes/double_barrier.go`) lays them
//! out, with one participant per session lease as the lock has one holder per lease:
//! - `NAME/waiters/<lease hex>`: a participant, on its session's lease. A participant whose
//!   process dies drops out when its lease expires, so a crashed one is not counted;
//! - `NAME/ready`: put (on the lease of whoever completed the count) once `count` participants
//!   are in; its put is what the waiting ones watch for. The last to leave deletes it, so the
//!   name can be used again.
//!
//! One round at a time: a participant entering while the previous round's are still leaving
//! sees that round's `ready` and passes at once.

use etcd_client::TxnResponse;
use etcd_client::{Compare, CompareOp, GetOptions, PutOptions, SortOrder, SortTarget, Txn, TxnOp};
use serde::Serialize;

use super::queue::{prefix_of, txn_gets, why_gone};
use super::session::Session;
use super::waits::Watching;
use crate::error::{Error, Result};
use crate::ids::HexId;

/// A participant that has passed the barrier. Dropping it leaves the key to the session:
/// closing the session (or its lease running out) takes the participant out.
pub struct Barrier<'s> {
    session: &'s Session,
    prefix: String,
    entered: Entered,
}

/// What a participant knows when it passes.
#[derive(Debug, Clone, Serialize)]
pub struct Entered {
    /// The barrier name.
    pub name: String,
    /// This participant's key, `NAME/waiters/<lease hex>`.
    pub key: String,
    /// How many participants the barrier waits for.
    pub count: u32,
    /// The create revision of this participant's key.
    pub entered_revision: i64,
    /// The create revision of `NAME/ready`: the moment the barrier opened, the same for every
    /// participant of the round.
    pub ready_revision: i64,
    /// This participant was the one that completed the count (and put `NAME/ready`).
    pub opened: bool,
    /// The session lease (hex).
    pub lease_id: HexId,
}

/// What a participant knows when everyone has left.
#[derive(Debug, Clone, Serialize)]
pub struct Left {
    /// The barrier name.
    pub name: String,
    /// The store revision at which no participant was left.
    pub revision: i64,
}

/// The barrier's keys, from its name.
struct Keys {
    waiters: String,
    ready: String,
}

impl Keys {
    fn of(prefix: &str) -> Keys {
        Keys {
            waiters: format!("{prefix}waiters/"),
            ready: format!("{prefix}ready"),
        }
    }
}

/// One read of the barrier: is our key there, is it open, how many are in.
struct Seen {
    revision: i64,
    /// Our key's create revision; 0 when it is gone.
    ours: i64,
    /// `NAME/ready`'s create revision; 0 when it is not there.
    ready: i64,
    participants: i64,
}

impl Seen {
    /// Reads the answer of a transaction whose gets are: our key, `ready`, the count of
    /// waiters. `created` is true when the transaction put our key (its revision is ours).
    fn from(resp: &TxnResponse, created: bool) -> Seen {
        let revision = resp.header().map_or(0, |h| h.revision());
        let gets: Vec<_> = txn_gets(resp).collect();
        let first = |i: usize| {
            gets.get(i)
                .and_then(|g| g.kvs().first())
                .map_or(0, |kv| kv.create_revision())
        };
        let (ours, ready, count) = if created {
            (revision, first(0), gets.get(1).map_or(0, |g| g.count()))
        } else {
            (first(0), first(1), gets.get(2).map_or(0, |g| g.count()))
        };
        Seen {
            revision,
            ours,
            ready,
            participants: count,
        }
    }
}

impl<'s> Barrier<'s> {
    /// Enters the barrier `name` on `session`'s lease and waits until `count` participants
    /// (sessions) have entered. Waits on a watch of `NAME/ready`, never by polling.
    ///
    /// Ends with [`Error::WaitEnded`] when the session is lost while waiting (its key is gone
    /// with the lease: it no longer counts). If this future is dropped mid-wait, the key stays
    /// (and counts) until the caller closes the session.
    pub async fn enter(session: &'s Session, name: &str, count: u32) -> Result<Barrier<'s>> {
        let prefix = prefix_of(name)?;
        if count == 0 {
            return Err(Error::usage(
                "a barrier for 0 participants never closes: give a count of 1 or more",
            ));
        }
        let keys = Keys::of(&prefix);
        let key = format!("{}{:x}", keys.waiters, session.lease_id());
        let what = format!("barrier {name}");
        let waiting = async {
            let mut seen = join(session, &keys, &key).await?;
            let watching = Watching::session(session);
            loop {
                if seen.ours == 0 {
                    let reason = why_gone(session.client(), session.conn(), session.lease_id());
                    return Err(Error::WaitEnded {
                        what: what.clone(),
                        reason: reason.await,
                    });
                }
                if seen.ready > 0 {
                    return Ok((seen, false));
                }
                if seen.participants >= i64::from(count) {
                    let ready = open(session, &keys).await?;
                    return Ok((Seen { ready, ..seen }, true));
                }
                // Our own key may go meanwhile (revoked, deleted by hand): the next read says.
                let ready_put = tokio::select! {
                    put = watching.put(keys.ready.as_bytes(), seen.revision) => put?,
                    gone = watching.deleted(key.as_bytes(), seen.revision) => gone.map(|_| None)?,
                };
                let again = look(session, &keys, &key).await?;
                seen = match ready_put {
                    // Passed even if `ready` went again before the read (its opener left).
                    Some(ready) if again.ours > 0 => Seen { ready, ..again },
                    _ => again,
                };
            }
        };
        let (seen, opened) = tokio::select! {
            passed = waiting => passed?,
            reason = session.lost() => return Err(Error::WaitEnded { what, reason }),
        };
        Ok(Barrier {
            session,
            entered: Entered {
                name: name.to_string(),
                key,
                count,
                entered_revision: seen.ours,
                ready_revision: seen.ready,
                opened,
                lease_id: HexId(session.lease_id() as u64),
            },
            prefix,
        })
    }

    /// What this participant knew when it passed.
    pub fn entered(&self) -> &Entered {
        &self.entered
    }

    /// Takes this participant out and waits until every other one is out too (left, or
    /// dropped out with its lease). The last one out deletes `NAME/ready`.
    pub async fn leave(self) -> Result<Left> {
        let keys = Keys::of(&self.prefix);
        let conn = self.session.conn();
        let kv = self.session.client().kv_client();
        conn.delete_with_retry(&kv, self.entered.key.clone(), None)
            .await?;
        let watching = Watching::session(self.session);
        let newest_first = GetOptions::new()
            .with_prefix()
            .with_keys_only()
            .with_sort(SortTarget::Create, SortOrder::Descend)
            .with_limit(1);
        loop {
            let left = conn
                .get_with_retry(&kv, keys.waiters.clone(), Some(newest_first.clone()))
                .await?;
            let revision = left.header().map_or(0, |h| h.revision());
            let Some(newest) = left.kvs().first() else {
                // Only this round's `ready`: a next round may have opened it anew.
                let ready = self.entered.ready_revision;
                let txn = Txn::new()
                    .when([Compare::create_revision(
                        keys.ready.clone(),
                        CompareOp::Equal,
                        ready,
                    )])
                    .and_then([TxnOp::delete(keys.ready.clone(), None)]);
                conn.txn_with_retry(&kv, txn).await?;
                return Ok(Left {
                    name: self.entered.name.clone(),
                    revision,
                });
            };
            // The newest is the last to go, as a rule: one wake-up for most leavers.
            watching.deleted(newest.key(), revision).await?;
        }
    }
}

/// Puts our key (unless it is there from an earlier call on this lease) and reads the barrier
/// in the same transaction: whether it is open, and how many are in (us included).
async fn join(session: &Session, keys: &Keys, key: &str) -> Result<Seen> {
    let put = PutOptions::new().with_lease(session.lease_id());
    let reads = |with_ours: bool| {
        let mut ops = Vec::new();
        if with_ours {
            ops.push(TxnOp::get(key, None));
        }
        ops.push(TxnOp::get(keys.ready.clone(), None));
        ops.push(TxnOp::get(
            keys.waiters.clone(),
            Some(GetOptions::new().with_prefix().with_count_only()),
        ));
        ops
    };
    let mut then = vec![TxnOp::put(key, "", Some(put))];
    then.extend(reads(false));
    let txn = Txn::new()
        .when([Compare::create_revision(key, CompareOp::Equal, 0)])
        .and_then(then)
        .or_else(reads(true));
    // Safe to send again: the key is put only if it does not exist.
    let resp = session
        .conn()
        .txn_with_retry(&session.client().kv_client(), txn)
        .await?;
    Ok(Seen::from(&resp, resp.succeeded()))
}

/// Reads the barrier again: our key, `ready`, how many are in.
async fn look(session: &Session, keys: &Keys, key: &str) -> Result<Seen> {
    let txn = Txn::new().and_then([
        TxnOp::get(key, None),
        TxnOp::get(keys.ready.clone(), None),
        TxnOp::get(
            keys.waiters.clone(),
            Some(GetOptions::new().with_prefix().with_count_only()),
        ),
    ]);
    let resp = session
        .conn()
        .txn_with_retry(&session.client().kv_client(), txn)
        .await?;
    Ok(Seen::from(&resp, false))
}

/// Puts `NAME/ready` on our lease unless it is there already; its create revision.
async fn open(session: &Session, keys: &Keys) -> Result<i64> {
    let put = PutOptions::new().with_lease(session.lease_id());
    let txn = Txn::new()
        .when([Compare::create_revision(
            keys.ready.clone(),
            CompareOp::Equal,
            0,
        )])
        .and_then([TxnOp::put(keys.ready.clone(), "", Some(put))])
        .or_else([TxnOp::get(keys.ready.clone(), None)]);
    let resp = session
        .conn()
        .txn_with_retry(&session.client().kv_client(), txn)
        .await?;
    if resp.succeeded() {
        return Ok(resp.header().map_or(0, |h| h.revision()));
    }
    let existing = txn_gets(&resp)
        .next()
        .and_then(|g| g.kvs().first().cloned());
    Ok(existing.map_or(0, |kv| kv.create_revision()))
}

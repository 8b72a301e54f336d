//! Distributed locks on a name: exclusive (etcdctl-compatible), shared/exclusive, and counting.
//!
//! Keys live under `NAME/`, on the lease of a [`Session`], as etcd's own concurrency package
//! lays them out, so `etcdctl lock NAME` and `etcdkit lock NAME` exclude each other:
//! - exclusive: `NAME/<lease hex>`; held when no earlier key exists under `NAME/`;
//! - shared (read): `NAME/read/<lease hex>`; held when no earlier key outside `NAME/read/`
//!   exists (every other key is an exclusive holder, etcdctl's included);
//! - counting (`limit` N): `NAME/<lease hex>`; held when fewer than N earlier keys exist.
//!
//! The holder's key's create revision is a fencing token: it only grows from one holder to the
//! next, so whatever the lock protects can refuse a holder older than one it has seen.

use std::time::Duration;

use serde::Serialize;
use tokio::task::JoinHandle;

use super::lost::{wait_lost, LostReason, LostSignal};
use super::queue::{self, not_acquired, wait_turn, watch_loss, HolderReport, Place, Turn};
use super::session::{default_holder, Session, Ttl};
use crate::error::{Error, Result};

/// How a lock is shared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LockMode {
    /// One holder at a time (etcdctl's lock).
    Exclusive,
    /// Any number of shared holders, excluding every exclusive one.
    Shared,
    /// At most this many holders.
    Limit(u32),
}

impl LockMode {
    /// When a place in this lock's line may hold it.
    pub fn turn(self) -> Turn {
        match self {
            LockMode::Exclusive => Turn::First,
            LockMode::Shared => Turn::NoWriterAhead,
            // Refused by `LockOptions::validate`; unchecked, 0 admits one (never more).
            LockMode::Limit(n) => Turn::AmongFirst(n.max(1)),
        }
    }
}

/// How long to wait for the lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wait {
    /// Until it is ours.
    Forever,
    /// Up to this long.
    For(Duration),
    /// Not at all: take it now or fail.
    No,
}

/// What to take and how long to wait.
#[derive(Debug, Clone)]
pub struct LockOptions {
    /// Exclusive, shared or counting.
    pub mode: LockMode,
    /// How long to wait.
    pub wait: Wait,
    /// Stored as the key's value so that others can see who holds it (etcdctl stores "").
    pub holder: String,
    /// The TTL of the session the lock hangs on: how long the lock outlives a holder that
    /// stopped renewing it.
    pub ttl: Ttl,
}

impl Default for LockOptions {
    fn default() -> Self {
        LockOptions {
            mode: LockMode::Exclusive,
            wait: Wait::Forever,
            holder: default_holder(),
            ttl: Ttl::DEFAULT,
        }
    }
}

impl LockOptions {
    /// Checks everything that can be checked before etcd is dialled: the name and the mode
    /// (the TTL is checked when it becomes a [`Ttl`]). [`acquire`] expects options that
    /// passed.
    pub fn validate(&self, name: &str) -> Result<()> {
        queue::prefix_of(name)?;
        if let LockMode::Limit(0) = self.mode {
            return Err(Error::usage("--limit 0 can never be met: use 1 or more"));
        }
        Ok(())
    }
}

/// A held lock. Dropping it leaves the key to the session: closing the session (or its
/// lease running out) releases the lock.
pub struct LockGuard<'s> {
    session: &'s Session,
    place: Place,
    name: String,
    lock_revision: i64,
    lost: LostSignal,
    watcher: JoinHandle<()>,
}

/// What a holder tells the world (printed by `etcdkit lock` without a command).
#[derive(Debug, Clone, Serialize)]
pub struct Held {
    /// The lock name.
    pub name: String,
    /// The holder key.
    pub key: String,
    /// The fencing token (the key's create revision).
    pub fencing_token: i64,
    /// The store revision when the lock was acquired: `etcdctl lock`'s `ETCD_LOCK_REV`, the
    /// token to fence on where etcdctl and etcdkit hold the same lock.
    pub lock_revision: i64,
    /// The session lease (hex).
    pub lease_id: crate::ids::HexId,
}

impl<'s> LockGuard<'s> {
    /// The holder key, e.g. `/locks/backup/694d7c5e2a1b3c04`.
    pub fn key(&self) -> &str {
        &self.place.key
    }

    /// The fencing token: the holder key's create revision.
    pub fn fencing_token(&self) -> i64 {
        self.place.revision
    }

    /// The store revision when the lock was acquired, as etcd's own mutex reports it (its
    /// response header) and `etcdctl lock` passes it on as `ETCD_LOCK_REV`. It grows from one
    /// holder to the next whether etcdctl or etcdkit holds the lock.
    pub fn lock_revision(&self) -> i64 {
        self.lock_revision
    }

    /// What a holder tells the world.
    pub fn held(&self) -> Held {
        Held {
            name: self.name.clone(),
            key: self.place.key.clone(),
            fencing_token: self.place.revision,
            lock_revision: self.lock_revision,
            lease_id: crate::ids::HexId(self.session.lease_id() as u64),
        }
    }

    /// A receiver that holds `Some(reason)` once the lock is lost.
    pub fn lost_signal(&self) -> LostSignal {
        self.lost.clone()
    }

    /// Resolves when the lock is lost: the lease expired or was revoked, etcd was unreachable
    /// too long, or someone deleted the key.
    pub async fn lost(&self) -> LostReason {
        wait_lost(self.lost.clone()).await
    }

    /// Deletes the holder key, so the next waiter goes at once. (Closing the session instead
    /// revokes the lease, which deletes the key too, in one request.)
    pub async fn release(self) -> Result<()> {
        self.watcher.abort();
        let kv = self.session.client().kv_client();
        self.session
            .conn()
            .delete_with_retry(&kv, self.place.key.clone(), None)
            .await?;
        Ok(())
    }
}

impl Drop for LockGuard<'_> {
    fn drop(&mut self) {
        self.watcher.abort();
    }
}

/// How a counting holder's value ends: `host:pid limit=N`.
const LIMIT_TAG: &str = "limit=";

/// The limits other counting holders (or waiters) of `name` use, where they differ from
/// `limit`: holders that disagree on the limit run together more (or fewer) at once than
/// either expects.
pub async fn other_limits(session: &Session, name: &str, limit: u32) -> Result<Vec<u32>> {
    let prefix = queue::prefix_of(name)?;
    let kv = session.client().kv_client();
    let resp = session
        .conn()
        .get_with_retry(
            &kv,
            prefix,
            Some(etcd_client::GetOptions::new().with_prefix()),
        )
        .await?;
    let mut limits: Vec<u32> = resp
        .kvs()
        .iter()
        .filter_map(|kv| {
            let value = std::str::from_utf8(kv.value()).ok()?;
            value.rsplit_once(LIMIT_TAG)?.1.parse().ok()
        })
        .filter(|n| *n != limit)
        .collect();
    limits.sort_unstable();
    limits.dedup();
    Ok(limits)
}

/// Takes the lock `name` on `session`'s lease.
///
/// When waiting ends without the lock (`Wait::No`, a timeout), the key is deleted again and
/// [`Error::NotAcquired`] says who holds it. If this future is dropped mid-wait, the key stays
/// until the caller closes the session.
pub async fn acquire<'s>(
    session: &'s Session,
    name: &str,
    options: &LockOptions,
) -> Result<LockGuard<'s>> {
    acquire_reporting(session, name, options, None).await
}

/// Like [`acquire`], telling `report` who holds the lock while waiting.
pub async fn acquire_reporting<'s>(
    session: &'s Session,
    name: &str,
    options: &LockOptions,
    report: Option<&HolderReport<'_>>,
) -> Result<LockGuard<'s>> {
    let prefix = queue::prefix_of(name)?;
    let lease = format!("{:x}", session.lease_id());
    let key = match options.mode {
        LockMode::Shared => format!("{prefix}read/{lease}"),
        _ => format!("{prefix}{lease}"),
    };
    // A counting holder's value says its limit, so that holders with another limit can tell.
    let value = match options.mode {
        LockMode::Limit(n) => format!("{} {LIMIT_TAG}{n}", options.holder),
        _ => options.holder.clone(),
    };
    // How many keys ahead may hold it with us: then the lock is ours without another read.
    let front = options.mode.turn().front();
    let what = format!("lock {name}");
    let place = queue::enqueue(session, key, &prefix, &value, front, &what).await?;
    let waiting = wait_turn(
        session,
        &place,
        options.mode.turn(),
        options.wait == Wait::No,
        &what,
        report,
    );
    let outcome = match options.wait {
        Wait::For(limit) => match tokio::time::timeout(limit, waiting).await {
            Ok(r) => r,
            Err(_) => Err(not_acquired(
                session,
                name,
                &prefix,
                format!("timed out after {}", humantime::format_duration(limit)),
            )
            .await),
        },
        _ => waiting.await,
    };
    let lock_revision = match outcome {
        Ok(revision) => revision,
        Err(e) => {
            // Leave the line, so that nobody waits behind a key that gave up.
            let mut kv = session.client().kv_client();
            let _ = session
                .conn()
                .request(&session.conn().label(), kv.delete(place.key.clone(), None))
                .await;
            return Err(e);
        }
    };
    let lost = watch_loss(session, &place);
    Ok(LockGuard {
        session,
        name: name.to_string(),
        place,
        lock_revision,
        lost: lost.0,
        watcher: lost.1,
    })
}

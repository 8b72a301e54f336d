//! The watches the lock, the election, the barrier and the work queue wait on, on the watch layer ([`crate::watch`]): each
//! resumes on another member from the last revision seen, after a backoff, and turns a
//! compaction into a resync, so that no wait retries or pauses on its own. A waiter watches
//! only the key it waits for (no thundering herd).

use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Duration;

use etcd_client::Client;

use super::queue::Place;
use super::session::Session;
use crate::conn::Target;
use crate::error::Result;
use crate::watch::{self as follow, EventKind, FollowOptions, Follower, Keys, Start, UpdateKind};

/// Where a wait watches: the client it already has (a session's, so that a wait dials
/// nothing while that client works) and the target to dial other members through when it
/// fails.
#[derive(Clone, Copy)]
pub(crate) struct Watching<'a> {
    pub client: &'a Client,
    pub target: &'a Target,
}

impl<'a> Watching<'a> {
    /// Where `session`'s waits watch.
    pub fn session(session: &'a Session) -> Watching<'a> {
        Watching {
            client: session.client(),
            target: session.target(),
        }
    }

    /// Follows `keys` from `after_revision + 1` on: a delete at any later revision is seen,
    /// even one that happened before the watch opened.
    ///
    /// Without the listing a follow from a revision does first (`resync_deletes`): a wait only
    /// looks for the next change, and takes a resync (the revision compacted away) as a sign
    /// to read again, never trusting it to report deletes. When no member answers for the
    /// command timeout the follow gives up, and so does the wait: its caller's next read then
    /// says what is wrong, as it did before the watch layer.
    async fn follow(
        &self,
        keys: Keys,
        after_revision: i64,
        give_up_after: Option<Duration>,
    ) -> Result<Follower> {
        let conn = self.target.options();
        let options = FollowOptions {
            start: Start::Revision(after_revision.max(0) + 1),
            resync_deletes: false,
            give_up_after,
            ..FollowOptions::new(keys)
        };
        follow::follow_on(self.target, self.client.clone(), &conn.label(), options).await
    }

    /// Follows `keys` until `seen` says an update is what the wait is for, or a resync comes
    /// (the caller reads again). A follow that gave up ends the wait too (the caller's read
    /// tells why); only what no retry mends (credentials, TLS) is an error.
    async fn until(
        &self,
        keys: Keys,
        after_revision: i64,
        seen: impl Fn(&follow::Event) -> bool,
    ) -> Result<()> {
        let outcome = async {
            let give_up_after = Some(self.target.options().command_timeout);
            let mut follower = self.follow(keys, after_revision, give_up_after).await?;
            loop {
                let update = follower.next().await?;
                if update.kind == UpdateKind::Resync || update.events.iter().any(&seen) {
                    return Ok(());
                }
            }
        };
        match outcome.await {
            Err(e) if follow::cannot_mend(&e) => Err(e),
            _ => Ok(()),
        }
    }

    /// Waits until `key` is deleted after `after_revision` (at once if it was already).
    pub async fn deleted(&self, key: &[u8], after_revision: i64) -> Result<()> {
        self.until(Keys::key(key), after_revision, |e| {
            e.kind == EventKind::Delete
        })
        .await
    }

    /// Waits until any key under `prefix` (`NAME/`) is deleted (for counting locks).
    pub async fn any_deleted(&self, prefix: &str, after_revision: i64) -> Result<()> {
        let keys = Keys::raw_prefix(prefix.as_bytes());
        self.until(keys, after_revision, |e| e.kind == EventKind::Delete)
            .await
    }

    /// Waits until `key` is put after `after_revision` (a barrier's `NAME/ready`), and says
    /// the create revision of the put seen: `None` when the wait ended without one (a resync,
    /// a follow that gave up), and the caller reads again.
    pub async fn put(&self, key: &[u8], after_revision: i64) -> Result<Option<i64>> {
        // The put may be deleted again before the caller reads it: its revision is kept here.
        let seen = AtomicI64::new(0);
        self.until(Keys::key(key), after_revision, |e| {
            let put = e.kind == EventKind::Put;
            if put {
                seen.store(e.entry.create_revision, Ordering::Relaxed);
            }
            put
        })
        .await?;
        Ok(Some(seen.load(Ordering::Relaxed)).filter(|r| *r > 0))
    }

    /// Waits until an event under `prefix` after `after_revision` is one `seen` waits for (a
    /// work queue's new item or freed claim). A resync ends the wait too: the caller reads
    /// again.
    pub async fn under(
        &self,
        prefix: &str,
        after_revision: i64,
        seen: impl Fn(&follow::Event) -> bool,
    ) -> Result<()> {
        self.until(Keys::raw_prefix(prefix.as_bytes()), after_revision, seen)
            .await
    }

    /// Waits until the key of `place` is gone: deleted, or (seen in a resync) missing or
    /// created anew. Never gives up on an unreachable cluster: the lease decides that, through
    /// the session's signal. An error is one no retry mends (credentials, TLS).
    pub async fn gone(&self, place: &Place) -> Result<()> {
        let key = Keys::key(place.key.as_bytes());
        let mut follower = self.follow(key, place.revision, None).await?;
        // Whether the follow has delivered the key as ours: a resync reports only what changed
        // from what it delivered (and, without a first listing, a key never delivered that is
        // gone is not reported at all).
        let mut delivered = false;
        loop {
            let update = follower.next().await?;
            let ours = |e: &follow::Event| e.entry.create_revision == place.revision;
            let gone = update
                .events
                .iter()
                .any(|e| e.kind == EventKind::Delete || !ours(e));
            let unreported = update.kind == UpdateKind::Resync && update.events.is_empty();
            if gone || (unreported && !delivered) {
                return Ok(());
            }
            delivered |= update.events.iter().any(ours);
        }
    }

    /// Waits until the front of the line may have changed: without a first key (`front`
    /// None), until any key is put under `prefix`; with one, until it is rewritten or goes.
    pub async fn front_changed(
        &self,
        prefix: &str,
        front: Option<&str>,
        after_revision: i64,
    ) -> Result<()> {
        match front {
            None => {
                let keys = Keys::raw_prefix(prefix.as_bytes());
                self.until(keys, after_revision, |e| e.kind == EventKind::Put)
                    .await
            }
            Some(key) => self.until(Keys::key(key), after_revision, |_| true).await,
        }
    }
}

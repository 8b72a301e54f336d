//! The watch layer: follow a key or a prefix from a revision without missing or repeating an
//! event, and keep a [`Mirror`] of it.
//!
//! [`follow`] lists the keys at one revision (in pages, so that a million keys never sit in
//! one response), then watches from the next revision on. It survives a dropped stream, a
//! member killed, a leader change or a network cut: it resumes from the last delivered
//! revision, on the next endpoint when the current one is gone, after a [`Backoff`] with
//! jitter. When etcd has compacted that revision away it lists the keys again and delivers the
//! difference from what it had delivered as a [`UpdateKind::Resync`]. [`resume`] carries a
//! follow over a restart, from a saved revision and the keys the caller kept. Revisions of
//! delivered [`Update`]s strictly increase. The shape follows etcd's `client/v3/mirror` and kube-rs's
//! watcher and reflector.
//!
//! ```no_run
//! # async fn demo() -> etcdkit::Result<()> {
//! use etcdkit::{conn::ConnectOptions, watch};
//! let conn = ConnectOptions { endpoints: vec!["127.0.0.1:2379".into()], ..Default::default() };
//! let mut follower = watch::follow(&conn.resolve()?, watch::FollowOptions::new(watch::Keys::prefix("/app"))).await?;
//! loop {
//!     let update = follower.next().await?;
//!     for event in &update.events {
//!         let _ = (update.kind, event.kind, &event.key, event.revision);
//!     }
//! }
//! # }
//! ```

mod backoff;
mod event;
mod follow;
mod known;
mod list;
mod mirror;
mod replay;

use std::time::Duration;

use bytes::Bytes;

pub use backoff::Backoff;
pub use event::{Entry, Event, EventKind, Update, UpdateKind};
pub(crate) use follow::cannot_mend;
pub use follow::{follow, follow_on, resume, Follower};
pub(crate) use list::{compacted, future, open_watch, Listing};
pub use mirror::{Mirror, MirrorRead, MirrorState};

/// Which keys to follow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Keys {
    /// One key.
    Key(Bytes),
    /// The keys under a prefix taken as a directory: `/app` is followed as `/app/`, so that
    /// `/app_other/x` is not among them (etcd's own naming watcher gets this wrong, etcd
    /// #15022). An empty prefix is every key.
    Prefix(Bytes),
    /// Every key that starts with these bytes, as given: `/app` includes `/app_other/x`.
    RawPrefix(Bytes),
}

impl Keys {
    /// One key.
    pub fn key(key: impl Into<Vec<u8>>) -> Keys {
        Keys::Key(Bytes::from(key.into()))
    }

    /// The keys under `prefix`, taken as a directory (a `/` is added when it has none).
    pub fn prefix(prefix: impl Into<Vec<u8>>) -> Keys {
        Keys::Prefix(Bytes::from(prefix.into()))
    }

    /// Every key that starts with `prefix`, as given.
    pub fn raw_prefix(prefix: impl Into<Vec<u8>>) -> Keys {
        Keys::RawPrefix(Bytes::from(prefix.into()))
    }

    /// The first key and the range end etcd takes: `[key, end)`, or only `key` when `end` is
    /// empty.
    pub fn range(&self) -> (Vec<u8>, Vec<u8>) {
        match self {
            Keys::Key(key) => (key.to_vec(), Vec::new()),
            Keys::Prefix(prefix) if prefix.is_empty() || prefix.ends_with(b"/") => {
                (prefix.to_vec(), prefix_end(prefix))
            }
            Keys::Prefix(prefix) => {
                let mut dir = prefix.to_vec();
                dir.push(b'/');
                let end = prefix_end(&dir);
                (dir, end)
            }
            Keys::RawPrefix(prefix) => (prefix.to_vec(), prefix_end(prefix)),
        }
    }
}

/// The end of the range of keys that start with `prefix`: the prefix with its last byte below
/// 0xff raised by one (etcd's `GetPrefixRangeEnd`); `\0` (every key from the start on) when
/// there is none.
fn prefix_end(prefix: &[u8]) -> Vec<u8> {
    match prefix.iter().rposition(|b| *b < 0xff) {
        Some(i) => {
            let mut end = prefix[..=i].to_vec();
            end[i] += 1;
            end
        }
        None => vec![0],
    }
}

/// Where a follow starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    /// List the keys now, deliver them as one [`UpdateKind::Snapshot`], then every change
    /// after it. What a [`Mirror`] does.
    Snapshot,
    /// Every change after now. The keys are listed once without their values (not
    /// delivered), so that a resync knows which keys to report deleted.
    Now,
    /// Every change from this revision on (etcdctl's `--rev`). When it is compacted already,
    /// the first update is a resync to the current keys.
    Revision(i64),
}

/// What to follow and how.
#[derive(Debug, Clone)]
pub struct FollowOptions {
    /// The key or prefix.
    pub keys: Keys,
    /// Where to start.
    pub start: Start,
    /// Deliver each event's previous value ([`Event::prev`]).
    pub prev_kv: bool,
    /// The most keys in one page when listing; pages are also sized to about 4 MiB of keys and
    /// values (a first page of at most 1,000 keys tells their size).
    pub page_size: i64,
    /// Give up (return the last error) when no member has answered for this long; `None`
    /// keeps trying.
    pub give_up_after: Option<Duration>,
    /// The pauses between reconnection attempts.
    pub backoff: Backoff,
    /// With [`Start::Revision`]: list the keys that existed just before it (keys only, not
    /// delivered), so that a resync after a compaction can report the ones deleted meanwhile.
    /// Without it (false) a resync reports the keys that exist and no deletes, and the follow
    /// costs no request before its watch: for a waiter that takes any resync as a sign to read
    /// again (the lock and election waits), the listing would be wasted.
    pub resync_deletes: bool,
}

impl FollowOptions {
    /// Options to follow `keys` from a snapshot, with pages of at most 10,000 keys, never giving
    /// up.
    pub fn new(keys: Keys) -> FollowOptions {
        FollowOptions {
            keys,
            start: Start::Snapshot,
            prev_kv: false,
            page_size: 10_000,
            give_up_after: None,
            backoff: Backoff::default(),
            resync_deletes: true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_prefix_is_a_directory_unless_asked_raw() {
        assert_eq!(
            Keys::prefix("/app").range(),
            (b"/app/".to_vec(), b"/app0".to_vec())
        );
        assert_eq!(
            Keys::prefix("/app/").range(),
            (b"/app/".to_vec(), b"/app0".to_vec())
        );
        assert_eq!(
            Keys::raw_prefix("/app").range(),
            (b"/app".to_vec(), b"/apq".to_vec())
        );
        assert_eq!(Keys::key("/app").range(), (b"/app".to_vec(), Vec::new()));
        assert_eq!(Keys::prefix("").range(), (Vec::new(), vec![0]));
    }

    #[test]
    fn prefix_ends_skip_trailing_0xff() {
        assert_eq!(prefix_end(b"a\xff\xff"), b"b".to_vec());
        assert_eq!(prefix_end(b"\xff"), vec![0]);
        assert_eq!(prefix_end(b"ab"), b"ac".to_vec());
    }
}

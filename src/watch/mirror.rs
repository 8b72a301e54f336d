//! A local copy of a prefix kept current by a follow: read without a round trip to etcd, and
//! await its changes.

use std::sync::{Arc, Mutex, RwLock, RwLockReadGuard};

use bytes::Bytes;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use super::follow::follow_into;
use super::known::{Known, Store};
use super::{Entry, FollowOptions, Follower, Start, Update, UpdateKind};
use crate::conn::Target;
use crate::error::{Error, Result};

/// Where a mirror stands, as its change signal carries it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MirrorState {
    /// The store revision the mirror reflects: every change up to it is in.
    pub revision: i64,
    /// How many updates have changed the keys (the snapshot counts as the first).
    pub changes: u64,
    /// How many resyncs (relists after a compaction) it has been through.
    pub resyncs: u64,
    /// The follow behind it has stopped with an error; the keys stay as they were.
    pub stopped: bool,
}

#[derive(Debug)]
struct Shared {
    /// Written by the follower as it delivers (see [`Known::Store`]).
    store: Arc<RwLock<Store>>,
    /// Why the follow stopped, once it has.
    failure: Mutex<Option<Error>>,
}

/// A local map of the followed keys (key -> value, revisions, lease), kept current by a
/// [`Follower`] on a task of its own. Reads take a lock for a moment, never a round trip;
/// [`Mirror::changed`] and [`Mirror::wait_for_revision`] await its progress. Values are held
/// once, as [`Bytes`]. Dropping the mirror stops its follow.
#[derive(Debug)]
pub struct Mirror {
    shared: Arc<Shared>,
    state: watch::Receiver<MirrorState>,
    task: JoinHandle<()>,
}

impl Drop for Mirror {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Mirror {
    /// Lists the keys (whatever `options.start` says, a mirror starts from a snapshot) and
    /// returns once they are loaded; a follow then keeps them current.
    pub async fn start(target: &Target, options: FollowOptions) -> Result<Mirror> {
        let options = FollowOptions {
            start: Start::Snapshot,
            ..options
        };
        let store = Arc::new(RwLock::new(Store::default()));
        let known = Known::Store(Arc::clone(&store));
        let mut follower = follow_into(target, None, options, known).await?;
        let snapshot = follower.next().await?;
        let shared = Arc::new(Shared {
            store,
            failure: Mutex::new(None),
        });
        let (signal, state) = watch::channel(MirrorState::default());
        signal_update(&signal, &snapshot);
        let task = tokio::spawn(keep(follower, Arc::clone(&shared), signal));
        Ok(Mirror {
            shared,
            state,
            task,
        })
    }

    /// A read of the keys as they are now, consistent with its [`MirrorRead::revision`].
    /// Hold it briefly: changes wait while it is held.
    pub fn read(&self) -> MirrorRead<'_> {
        MirrorRead {
            store: self
                .shared
                .store
                .read()
                .unwrap_or_else(|poisoned| poisoned.into_inner()),
        }
    }

    /// The entry of one key now (its value is shared, not copied).
    pub fn get(&self, key: impl AsRef<[u8]>) -> Option<Entry> {
        self.read().get(key).cloned()
    }

    /// Where the mirror stands now.
    pub fn state(&self) -> MirrorState {
        *self.state.borrow()
    }

    /// The change signal itself, for a caller that selects on it.
    pub fn subscribe(&self) -> watch::Receiver<MirrorState> {
        self.state.clone()
    }

    /// Waits for the next change of the keys after this call (the call, not the first
    /// poll: a change made between the two counts).
    pub fn changed(&self) -> impl std::future::Future<Output = Result<MirrorState>> + '_ {
        let seen = self.state.borrow().changes;
        async move { self.wait(|s| s.changes > seen).await }
    }

    /// Waits until the mirror reflects `revision` (at once if it does already). Note that
    /// without changes under the prefix the mirror learns the store's revision only from
    /// etcd's progress notifications (every 10 minutes by default, etcd's
    /// `--experimental-watch-progress-notify-interval`).
    pub async fn wait_for_revision(&self, revision: i64) -> Result<MirrorState> {
        self.wait(|s| s.revision >= revision).await
    }

    async fn wait(&self, done: impl Fn(&MirrorState) -> bool) -> Result<MirrorState> {
        let mut state = self.state.clone();
        let reached = state
            .wait_for(|s| done(s) || s.stopped)
            .await
            .map(|s| *s)
            .map_err(|_| self.failure())?;
        if done(&reached) {
            return Ok(reached);
        }
        Err(self.failure())
    }

    /// Why the follow stopped (a copy of its error).
    fn failure(&self) -> Error {
        let failure = self
            .shared
            .failure
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        match failure.as_ref() {
            Some(e) => copy_of(e),
            None => Error::Etcd {
                endpoint: String::new(),
                cause: "the mirror's follow stopped".into(),
            },
        }
    }
}

/// A read guard over a [`Mirror`]'s keys.
#[derive(Debug)]
pub struct MirrorRead<'a> {
    store: RwLockReadGuard<'a, Store>,
}

impl MirrorRead<'_> {
    /// The store revision these keys are at.
    pub fn revision(&self) -> i64 {
        self.store.revision
    }

    /// The entry of one key.
    pub fn get(&self, key: impl AsRef<[u8]>) -> Option<&Entry> {
        self.store.keys.get(key.as_ref())
    }

    /// All keys, in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&Bytes, &Entry)> {
        self.store.keys.iter()
    }

    /// How many keys there are.
    pub fn len(&self) -> usize {
        self.store.keys.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.store.keys.is_empty()
    }
}

/// The mirror's task: applies each update until the follow fails for good.
async fn keep(mut follower: Follower, shared: Arc<Shared>, signal: watch::Sender<MirrorState>) {
    loop {
        match follower.next().await {
            Ok(update) => signal_update(&signal, &update),
            Err(e) => {
                *shared
                    .failure
                    .lock()
                    .unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(e);
                signal.send_modify(|s| s.stopped = true);
                return;
            }
        }
    }
}

/// Tells waiters about an update the follower has already written into the store.
fn signal_update(signal: &watch::Sender<MirrorState>, update: &Update) {
    let changed = update.kind != UpdateKind::Progress;
    signal.send_modify(|s| {
        s.revision = s.revision.max(update.revision);
        s.changes += u64::from(changed);
        s.resyncs += u64::from(update.kind == UpdateKind::Resync);
    });
}

/// A copy of an error for each waiter (etcdkit's error holds I/O errors, which do not clone).
fn copy_of(error: &Error) -> Error {
    match error {
        Error::Usage { message, hint } => Error::Usage {
            message: message.clone(),
            hint: hint.clone(),
        },
        Error::Unreachable { endpoint, cause } => Error::Unreachable {
            endpoint: endpoint.clone(),
            cause: cause.clone(),
        },
        Error::Timeout {
            endpoint,
            after,
            waiting,
        } => Error::Timeout {
            endpoint: endpoint.clone(),
            after: *after,
            waiting: *waiting,
        },
        Error::Tls {
            endpoint,
            cause,
            hint,
        } => Error::Tls {
            endpoint: endpoint.clone(),
            cause: cause.clone(),
            hint: hint.clone(),
        },
        Error::Auth {
            endpoint,
            cause,
            refusal,
        } => Error::Auth {
            endpoint: endpoint.clone(),
            cause: cause.clone(),
            refusal: *refusal,
        },
        Error::Etcd { endpoint, cause } => Error::Etcd {
            endpoint: endpoint.clone(),
            cause: cause.clone(),
        },
        other => Error::Io {
            context: "the mirror's follow stopped".into(),
            source: std::io::Error::other(other.to_string()),
        },
    }
}

//! What a follower remembers of the keys it has delivered, so that a resync can tell what
//! changed: only their mod revisions for a follow on its own, or the whole entries in the
//! store a [`super::Mirror`] reads (one copy of the keys, not two).

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, RwLock, RwLockWriteGuard};

use bytes::Bytes;

use super::{Entry, Event, EventKind};

/// The keys and the revision they are at, changed together under one lock.
#[derive(Debug, Default)]
pub(crate) struct Store {
    pub keys: BTreeMap<Bytes, Entry>,
    pub revision: i64,
}

/// The keys a follower has delivered.
#[derive(Debug)]
pub(crate) enum Known {
    /// Their mod revisions.
    Revisions(HashMap<Bytes, i64>),
    /// Their entries, shared with a mirror.
    Store(Arc<RwLock<Store>>),
}

fn write(store: &RwLock<Store>) -> RwLockWriteGuard<'_, Store> {
    store
        .write()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Known {
    /// The keys are exactly `kvs` (a first listing).
    pub fn replace(&mut self, kvs: &[(Bytes, Entry)]) {
        match self {
            Known::Revisions(known) => {
                *known = kvs
                    .iter()
                    .map(|(k, e)| (k.clone(), e.mod_revision))
                    .collect();
            }
            Known::Store(store) => {
                write(store).keys = kvs.iter().cloned().collect();
            }
        }
    }

    /// The keys become `kvs` (listed at `revision` after a compaction); returns the
    /// difference as events: puts of new and changed keys, deletes of keys gone, in key order.
    pub fn resync(&mut self, kvs: Vec<(Bytes, Entry)>, revision: i64) -> Vec<Event> {
        let mut events = Vec::new();
        match self {
            Known::Revisions(known) => {
                let mut before = std::mem::take(known);
                known.reserve(kvs.len());
                for (key, entry) in kvs {
                    known.insert(key.clone(), entry.mod_revision);
                    if before.remove(&key) != Some(entry.mod_revision) {
                        events.push(Event::listed(key, entry, revision));
                    }
                }
                events.extend(before.into_keys().map(|key| Event::gone(key, revision)));
            }
            Known::Store(store) => {
                let mut store = write(store);
                let mut before = std::mem::take(&mut store.keys);
                for (key, entry) in kvs {
                    let old = before.remove(&key).map(|e| e.mod_revision);
                    if old != Some(entry.mod_revision) {
                        events.push(Event::listed(key.clone(), entry.clone(), revision));
                    }
                    store.keys.insert(key, entry);
                }
                events.extend(before.into_keys().map(|key| Event::gone(key, revision)));
                store.revision = store.revision.max(revision);
            }
        }
        events.sort_by(|a, b| a.key.cmp(&b.key));
        events
    }

    /// Takes in delivered events.
    pub fn apply(&mut self, events: &[Event]) {
        match self {
            Known::Revisions(known) => {
                for event in events {
                    match event.kind {
                        EventKind::Put => known.insert(event.key.clone(), event.entry.mod_revision),
                        EventKind::Delete => known.remove(&event.key),
                    };
                }
            }
            Known::Store(store) => {
                let mut store = write(store);
                for event in events {
                    match event.kind {
                        EventKind::Put => {
                            store.keys.insert(event.key.clone(), event.entry.clone());
                        }
                        EventKind::Delete => {
                            store.keys.remove(&event.key);
                        }
                    }
                }
            }
        }
    }

    /// Everything up to `revision` has been delivered.
    pub fn reached(&mut self, revision: i64) {
        if let Known::Store(store) = self {
            let mut store = write(store);
            store.revision = store.revision.max(revision);
        }
    }
}

//! Following part of the tree (`config watch`, `config exec`): its typed values kept current
//! through the watch layer, and each revision's changes with the old and the new value.
//!
//! The old value comes from the values followed so far, not from etcd's `prev_kv`: it is there
//! after a compaction too, when the watch layer lists the keys again and delivers the
//! difference (a [`Changes::resync`]). Bookkeeping keys (`.audit`, `.schema`) are never among
//! the values or the changes.

use std::collections::BTreeMap;
use std::time::Duration;

use serde::Serialize;
use serde_json::Value;

use super::key::{check_key, check_prefix, Root};
use super::value;
use crate::conn::Target;
use crate::error::Result;
use crate::watch::{self, EventKind, FollowOptions, Follower, Keys, Start, UpdateKind};

/// What to follow, relative to the root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Watched {
    /// One key.
    Key(String),
    /// Every key under a prefix (`""`: the whole tree).
    Prefix(String),
}

impl Watched {
    /// One key, checked.
    pub fn key(key: &str) -> Result<Watched> {
        Ok(Watched::Key(check_key(key)?))
    }

    /// A prefix, checked (`""` and `/` are the whole tree).
    pub fn prefix(prefix: &str) -> Result<Watched> {
        Ok(Watched::Prefix(check_prefix(prefix)?))
    }

    fn keys(&self, root: &Root) -> Keys {
        match self {
            Watched::Key(key) => Keys::key(root.full(key)),
            Watched::Prefix(prefix) => Keys::prefix(root.full_prefix(prefix)),
        }
    }
}

/// One key's change: its value before and after.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ValueChange {
    /// The key, relative to the root.
    pub key: String,
    /// The revision of the change (of the listing, for a resync).
    pub revision: i64,
    /// `put` or `delete`.
    #[serde(rename = "type", serialize_with = "kind_name")]
    pub kind: EventKind,
    /// The value before, if the key existed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old: Option<Value>,
    /// The value after, if the key exists.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new: Option<Value>,
}

fn kind_name<S: serde::Serializer>(kind: &EventKind, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(kind.as_str())
}

/// What one revision changed (or a resync found changed).
#[derive(Debug, Clone, PartialEq)]
pub struct Changes {
    /// The revision the values are at now.
    pub revision: i64,
    /// The history since the last changes was compacted away: the keys were listed again and
    /// these are the difference.
    pub resync: bool,
    /// The changes, in etcd's order (key order for a resync).
    pub changes: Vec<ValueChange>,
}

/// A follow of part of the tree: its values at one revision, kept current.
#[derive(Debug)]
pub struct TreeFollow {
    follower: Follower,
    root: Root,
    values: BTreeMap<String, Value>,
    revision: i64,
}

impl TreeFollow {
    /// Reads the values at one revision and returns; [`TreeFollow::next`] then follows them.
    /// `give_up_after`: how long no member may answer before an error (`None`: never).
    pub async fn start(
        target: &Target,
        root: Root,
        watched: &Watched,
        give_up_after: Option<Duration>,
    ) -> Result<TreeFollow> {
        let options = FollowOptions {
            start: Start::Snapshot,
            give_up_after,
            ..FollowOptions::new(watched.keys(&root))
        };
        let mut follower = watch::follow(target, options).await?;
        let snapshot = follower.next().await?;
        let mut follow = TreeFollow {
            follower,
            root,
            values: BTreeMap::new(),
            revision: snapshot.revision,
        };
        follow.apply(snapshot.revision, &snapshot.events);
        Ok(follow)
    }

    /// The values now, by key relative to the root.
    pub fn values(&self) -> &BTreeMap<String, Value> {
        &self.values
    }

    /// The revision the values are at.
    pub fn revision(&self) -> i64 {
        self.revision
    }

    /// The endpoint the follow reads from now.
    pub fn endpoint(&self) -> &str {
        self.follower.endpoint()
    }

    /// From now on, give up when no member has answered for this long (`None`: never).
    pub fn set_give_up_after(&mut self, after: Option<Duration>) {
        self.follower.set_give_up_after(after);
    }

    /// The next revision that changed a followed key (bookkeeping alone is not a change).
    /// Cancel-safe, as [`Follower::next`] is.
    pub async fn next(&mut self) -> Result<Changes> {
        loop {
            let update = self.follower.next().await?;
            if update.kind == UpdateKind::Progress {
                continue;
            }
            let changes = self.apply(update.revision, &update.events);
            self.revision = update.revision;
            if !changes.is_empty() {
                return Ok(Changes {
                    revision: update.revision,
                    resync: update.kind == UpdateKind::Resync,
                    changes,
                });
            }
        }
    }

    /// Applies events to the values; the changes they make.
    fn apply(&mut self, revision: i64, events: &[watch::Event]) -> Vec<ValueChange> {
        let mut changes = Vec::new();
        for event in events {
            let Some(key) = std::str::from_utf8(&event.key)
                .ok()
                .and_then(|full| self.root.relative(full))
            else {
                continue;
            };
            let (old, new) = match event.kind {
                EventKind::Put => {
                    let new = value::decode(&event.entry.value);
                    (self.values.insert(key.to_string(), new.clone()), Some(new))
                }
                EventKind::Delete => (self.values.remove(key), None),
            };
            if old.is_none() && new.is_none() {
                continue; // a delete of a key that never was
            }
            changes.push(ValueChange {
                key: key.to_string(),
                revision,
                kind: event.kind,
                old,
                new,
            });
        }
        changes
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn changes_serialize_with_typed_values_and_leave_out_what_was_not_there() {
        let change = ValueChange {
            key: "db/port".into(),
            revision: 7,
            kind: EventKind::Put,
            old: None,
            new: Some(json!(5432)),
        };
        assert_eq!(
            serde_json::to_value(&change).unwrap(),
            json!({"key": "db/port", "revision": 7, "type": "put", "new": 5432})
        );
        let gone = ValueChange {
            kind: EventKind::Delete,
            old: Some(json!(null)),
            new: None,
            ..change
        };
        assert_eq!(
            serde_json::to_value(&gone).unwrap(),
            json!({"key": "db/port", "revision": 7, "type": "delete", "old": null})
        );
    }
}

//! What a follow delivers: [`Update`]s of [`Event`]s, each with the revision it happened at.
//!
//! An event serializes to the JSON Lines fields of `etcdkit watch -o json`: `type`, `key`,
//! `value` (or `key_base64` / `value_base64` when the bytes are not UTF-8), `revision`,
//! `create_revision`, `mod_revision`, `version`, `lease` (hex) and `prev` when asked for.

use base64::Engine as _;
use bytes::Bytes;
use serde::ser::{Serialize, SerializeMap, Serializer};

/// A put or a delete.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EventKind {
    /// The key was created or changed.
    Put,
    /// The key was deleted.
    Delete,
}

impl EventKind {
    /// `put` or `delete`.
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Put => "put",
            EventKind::Delete => "delete",
        }
    }
}

/// A key's value and metadata at some revision. The value is shared, never copied: an
/// [`Event`] and a [`super::Mirror`] hold the same bytes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Entry {
    /// The value (empty for a deleted key).
    pub value: Bytes,
    /// The revision that created the key (0 for a deleted key).
    pub create_revision: i64,
    /// The revision that last changed it (for a deletion: the revision of the delete).
    pub mod_revision: i64,
    /// How many times it was put since it was created (0 for a deleted key).
    pub version: i64,
    /// Its lease ID, 0 for none.
    pub lease: i64,
}

impl Entry {
    pub(crate) fn from_kv(kv: &etcd_client::KeyValue) -> Entry {
        Entry {
            value: Bytes::copy_from_slice(kv.value()),
            create_revision: kv.create_revision(),
            mod_revision: kv.mod_revision(),
            version: kv.version(),
            lease: kv.lease(),
        }
    }

    /// Takes the key and the value out of `kv` without copying them.
    pub(crate) fn take_kv(kv: etcd_client::KeyValue) -> (Bytes, Entry) {
        let (create_revision, mod_revision, version, lease) = (
            kv.create_revision(),
            kv.mod_revision(),
            kv.version(),
            kv.lease(),
        );
        let (key, value) = kv.into_key_value();
        let entry = Entry {
            value: Bytes::from(value),
            create_revision,
            mod_revision,
            version,
            lease,
        };
        (Bytes::from(key), entry)
    }
}

/// One change of one key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// Put or delete.
    pub kind: EventKind,
    /// The key.
    pub key: Bytes,
    /// The revision the event is delivered at: the change's own revision, or for the events of
    /// a snapshot or a resync the revision the keys were listed at.
    pub revision: i64,
    /// The key's value and metadata after the event (for a delete: empty, with the delete's
    /// revision as `mod_revision`).
    pub entry: Entry,
    /// The value before the event, when asked for ([`super::FollowOptions::prev_kv`]) and
    /// etcd still had it; a resync's deletes carry none.
    pub prev: Option<Entry>,
}

impl Event {
    pub(crate) fn from_watch(event: &etcd_client::Event, with_prev: bool) -> Option<Event> {
        let kv = event.kv()?;
        let kind = match event.event_type() {
            etcd_client::EventType::Put => EventKind::Put,
            etcd_client::EventType::Delete => EventKind::Delete,
        };
        Some(Event {
            kind,
            key: Bytes::copy_from_slice(kv.key()),
            revision: kv.mod_revision(),
            entry: Entry::from_kv(kv),
            prev: with_prev
                .then(|| event.prev_kv().map(Entry::from_kv))
                .flatten(),
        })
    }

    /// A put of `entry` delivered at `revision` (a snapshot's or a resync's).
    pub(crate) fn listed(key: Bytes, entry: Entry, revision: i64) -> Event {
        Event {
            kind: EventKind::Put,
            key,
            revision,
            entry,
            prev: None,
        }
    }

    /// The delete of a key found gone by a resync listed at `revision`.
    pub(crate) fn gone(key: Bytes, revision: i64) -> Event {
        Event {
            kind: EventKind::Delete,
            key,
            revision,
            entry: Entry {
                mod_revision: revision,
                ..Entry::default()
            },
            prev: None,
        }
    }
}

/// Why an [`Update`] was delivered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UpdateKind {
    /// The keys as listed when the follow started ([`super::Start::Snapshot`]): all puts.
    Snapshot,
    /// What changed in one revision (one transaction may change several keys).
    Changes,
    /// The history since the last delivered revision was compacted away: the keys were listed
    /// again, and the events are the difference from what was delivered before (puts of new
    /// and changed keys, deletes of keys gone).
    Resync,
    /// Nothing changed under the followed keys up to this revision (etcd's progress notify).
    Progress,
}

impl UpdateKind {
    /// `snapshot`, `changes`, `resync` or `progress`.
    pub fn as_str(self) -> &'static str {
        match self {
            UpdateKind::Snapshot => "snapshot",
            UpdateKind::Changes => "changes",
            UpdateKind::Resync => "resync",
            UpdateKind::Progress => "progress",
        }
    }
}

/// What one call to [`super::Follower::next`] delivers. Revisions of successive updates
/// strictly increase; every event of an update carries the update's revision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Update {
    /// Why it was delivered.
    pub kind: UpdateKind,
    /// The store revision it brings the follower to.
    pub revision: i64,
    /// The events, in key order for a snapshot or a resync, in etcd's order otherwise (empty
    /// for progress).
    pub events: Vec<Event>,
}

/// Bytes as text when they are UTF-8, else as base64 under `<name>_base64`.
fn put_bytes<M: SerializeMap>(map: &mut M, name: &str, bytes: &[u8]) -> Result<(), M::Error> {
    match std::str::from_utf8(bytes) {
        Ok(text) => map.serialize_entry(name, text),
        Err(_) => map.serialize_entry(
            &format!("{name}_base64"),
            &base64::engine::general_purpose::STANDARD.encode(bytes),
        ),
    }
}

fn put_metadata<M: SerializeMap>(map: &mut M, entry: &Entry) -> Result<(), M::Error> {
    map.serialize_entry("create_revision", &entry.create_revision)?;
    map.serialize_entry("mod_revision", &entry.mod_revision)?;
    map.serialize_entry("version", &entry.version)?;
    map.serialize_entry("lease", &format!("{:x}", entry.lease))
}

/// The previous value of an event, as its `prev` object.
struct Prev<'a>(&'a Entry);

impl Serialize for Prev<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        put_bytes(&mut map, "value", &self.0.value)?;
        put_metadata(&mut map, self.0)?;
        map.end()
    }
}

impl Serialize for Event {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("type", self.kind.as_str())?;
        put_bytes(&mut map, "key", &self.key)?;
        if self.kind == EventKind::Put {
            put_bytes(&mut map, "value", &self.entry.value)?;
        }
        map.serialize_entry("revision", &self.revision)?;
        put_metadata(&mut map, &self.entry)?;
        if let Some(prev) = &self.prev {
            map.serialize_entry("prev", &Prev(prev))?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_serialize_to_the_json_lines_fields() {
        let event = Event {
            kind: EventKind::Put,
            key: Bytes::from_static(b"/app/a"),
            revision: 9,
            entry: Entry {
                value: Bytes::from_static(b"v2"),
                create_revision: 5,
                mod_revision: 9,
                version: 2,
                lease: 0x694d,
            },
            prev: Some(Entry {
                value: Bytes::from_static(&[0xff, 0x00]),
                create_revision: 5,
                mod_revision: 5,
                version: 1,
                lease: 0,
            }),
        };
        let json = serde_json::to_value(&event).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "type": "put", "key": "/app/a", "value": "v2", "revision": 9,
                "create_revision": 5, "mod_revision": 9, "version": 2, "lease": "694d",
                "prev": {"value_base64": "/wA=", "create_revision": 5, "mod_revision": 5,
                         "version": 1, "lease": "0"}
            })
        );
        let gone = Event::gone(Bytes::from_static(b"/app/\xfe"), 12);
        let json = serde_json::to_value(&gone).unwrap();
        assert_eq!(json["type"], "delete");
        assert_eq!(json["key_base64"], "L2FwcC/+");
        assert_eq!(json["mod_revision"], 12);
        assert!(json.get("value").is_none() && json.get("prev").is_none());
    }
}

//! A key's history as etcd still holds it: every value it had since the last compaction,
//! with the revision, and who changed it, when and why when the write was etcdkit's (the audit
//! record at the same revision).
//!
//! etcd keeps every revision until it is compacted. One watch of the tree from the first
//! revision etcd holds delivers every change of the key and of the audit record in order; it
//! ends at the tree's last change, known beforehand from the keys' mod revisions.

use serde::Serialize;
use serde_json::Value;

use super::audit::Audit;
use super::key::{check_key, check_prefix};
use super::store::Store;
use super::value;
use crate::error::{Error, Result};
use crate::watch::Keys;

/// One change of a key.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Version {
    /// The revision of the change; null for a deletion etcd no longer tells the revision of
    /// (made by another tool after the tree's last etcdkit write).
    pub revision: Option<i64>,
    /// `set` or `delete`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The value set (null for a delete).
    pub value: Option<Value>,
    /// The audit record of the write, when etcdkit made it (null: another tool did).
    pub audit: Option<Audit>,
}

/// A key's history.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct History {
    /// The key, relative to the root.
    pub key: String,
    /// The store revision the history was read up to.
    pub revision: i64,
    /// The first revision etcd still holds (history before it is compacted away), when
    /// etcd has compacted; null when it holds every revision.
    pub compacted_before: Option<i64>,
    /// The changes, oldest first.
    pub versions: Vec<Version>,
}

/// One change of a key somewhere in the tree (a [`Log`]'s entry).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Logged {
    /// The key, relative to the root.
    pub key: String,
    /// The change.
    #[serde(flatten)]
    pub version: Version,
}

/// Every change etcd still holds under a prefix of the tree, oldest first: the audit log.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Log {
    /// The prefix, relative to the root (`""`: the whole tree).
    pub prefix: String,
    /// The store revision the log was read up to.
    pub revision: i64,
    /// The first revision etcd still holds, when etcd has compacted; null when it holds every
    /// revision.
    pub compacted_before: Option<i64>,
    /// The changes, oldest first (in key order within one revision).
    pub changes: Vec<Logged>,
}

impl Store {
    /// The history of `key`: every change etcd still holds, oldest first.
    pub async fn history(&self, key: &str) -> Result<History> {
        let key = check_key(key)?;
        let now = self.get(&key).await?;
        let log = self.changes(|k| k == key).await?;
        let mut history = History {
            key: key.clone(),
            revision: log.revision,
            compacted_before: log.compacted_before,
            versions: log.changes.into_iter().map(|l| l.version).collect(),
        };
        // Deleted by another tool after the tree's last change that has a revision.
        let held = history.versions.last().is_some_and(|v| v.kind == "set");
        if held && now.is_none() {
            history.versions.push(Version {
                revision: None,
                kind: "delete",
                value: None,
                audit: None,
            });
        }
        Ok(history)
    }

    /// Every change under `prefix` (relative; `""`: the whole tree) that etcd still holds,
    /// oldest first, each with the audit record of its write.
    pub async fn log(&self, prefix: &str) -> Result<Log> {
        let prefix = check_prefix(prefix)?;
        let dir = format!("{prefix}/");
        let mut log = self
            .changes(|k| prefix.is_empty() || k == prefix || k.starts_with(&dir))
            .await?;
        log.prefix = prefix;
        Ok(log)
    }

    /// The changes of the keys `wanted` picks, from one watch of the tree's history from the
    /// first revision etcd holds to the tree's last change.
    async fn changes(&self, wanted: impl Fn(&str) -> bool) -> Result<Log> {
        let audit_key = self.root.audit_key();
        let conn = self.target.options();
        let kv = self.client.kv_client();
        // The tree's last change: where the watch of its history ends.
        let range = Keys::raw_prefix(self.root.dir()).range();
        let options = etcd_client::GetOptions::new()
            .with_range(range.1.clone())
            .with_keys_only()
            .with_sort(
                etcd_client::SortTarget::Mod,
                etcd_client::SortOrder::Descend,
            )
            .with_limit(1);
        let newest = conn
            .get_with_retry(&kv, range.0.clone(), Some(options))
            .await?;
        let mut log = Log {
            prefix: String::new(),
            revision: newest.header().map_or(0, |h| h.revision()),
            compacted_before: None,
            changes: Vec::new(),
        };
        let last = newest.kvs().first().map_or(0, |kv| kv.mod_revision());
        if last == 0 {
            return Ok(log);
        }
        let mut audits: std::collections::HashMap<i64, Audit> = Default::default();
        let mut start = 1;
        let label = conn.label();
        'watch: loop {
            let mut stream =
                crate::watch::open_watch(conn, &label, &self.client, &range, start, false, false)
                    .await?;
            loop {
                let Some(response) = next(conn, &label, &mut stream).await? else {
                    return Err(Error::Etcd {
                        endpoint: label,
                        cause: "the watch of the history ended early".into(),
                    });
                };
                if response.compact_revision() > 0 {
                    start = response.compact_revision();
                    log.compacted_before = Some(start);
                    continue 'watch;
                }
                if response.canceled() {
                    return Err(Error::Etcd {
                        endpoint: label,
                        cause: format!(
                            "the watch of the history was canceled: {}",
                            response.cancel_reason()
                        ),
                    });
                }
                let mut reached = false;
                for event in response.events() {
                    let Some(kv) = event.kv() else { continue };
                    reached |= kv.mod_revision() >= last;
                    if kv.key() == audit_key.as_bytes() {
                        if let Some(audit) = Audit::decode(kv.value()) {
                            audits.insert(kv.mod_revision(), audit);
                        }
                        continue;
                    }
                    let Some(key) = std::str::from_utf8(kv.key())
                        .ok()
                        .and_then(|full| self.root.relative(full))
                        .filter(|k| wanted(k))
                    else {
                        continue;
                    };
                    let (kind, value) = match event.event_type() {
                        etcd_client::EventType::Put => ("set", Some(value::decode(kv.value()))),
                        etcd_client::EventType::Delete => ("delete", None),
                    };
                    log.changes.push(Logged {
                        key: key.to_string(),
                        version: Version {
                            revision: Some(kv.mod_revision()),
                            kind,
                            value,
                            audit: None,
                        },
                    });
                }
                if reached {
                    break 'watch;
                }
            }
        }
        for change in &mut log.changes {
            let version = &mut change.version;
            version.audit = version.revision.and_then(|r| audits.get(&r).cloned());
        }
        Ok(log)
    }
}

/// The next watch response, within the command timeout.
async fn next(
    conn: &crate::conn::ConnectOptions,
    label: &str,
    stream: &mut etcd_client::WatchStream,
) -> Result<Option<etcd_client::WatchResponse>> {
    conn.request(label, stream.message()).await
}

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
use super::key::check_key;
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

impl Store {
    /// The history of `key`: every change etcd still holds, oldest first.
    pub async fn history(&self, key: &str) -> Result<History> {
        let key = check_key(key)?;
        let full = self.root.full(&key);
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
        let revision = newest.header().map_or(0, |h| h.revision());
        let last = newest.kvs().first().map_or(0, |kv| kv.mod_revision());
        let now = self.get(&key).await?;
        let mut history = History {
            key: key.clone(),
            revision,
            compacted_before: None,
            versions: Vec::new(),
        };
        if last == 0 {
            return Ok(history);
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
                    history.compacted_before = Some(start);
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
                    } else if kv.key() == full.as_bytes() {
                        let (kind, value) = match event.event_type() {
                            etcd_client::EventType::Put => ("set", Some(value::decode(kv.value()))),
                            etcd_client::EventType::Delete => ("delete", None),
                        };
                        history.versions.push(Version {
                            revision: Some(kv.mod_revision()),
                            kind,
                            value,
                            audit: None,
                        });
                    }
                }
                if reached {
                    break 'watch;
                }
            }
        }
        for version in &mut history.versions {
            version.audit = version.revision.and_then(|r| audits.remove(&r));
        }
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
}

/// The next watch response, within the command timeout.
async fn next(
    conn: &crate::conn::ConnectOptions,
    label: &str,
    stream: &mut etcd_client::WatchStream,
) -> Result<Option<etcd_client::WatchResponse>> {
    conn.request(label, stream.message()).await
}

//! Writing the tree: every write one transaction, guarded (compare-and-swap on mod revisions),
//! checked against the subtree's schema, and recorded (who, when, why) in the same transaction.

use etcd_client::{Compare, CompareOp, GetOptions, Txn, TxnOp, TxnOpResponse};
use serde::Serialize;
use serde_json::Value;

use super::audit::Audit;
use super::key::{check_key, check_prefix};
use super::store::{entry, Store};
use super::tree::Entry;
use super::value;
use crate::error::{Error, Result};
use crate::watch::Keys;

/// What a change expects of the key before it (compare-and-swap).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// Anything: the last write wins.
    Any,
    /// That the key does not exist (`--if-absent`).
    Absent,
    /// That the key was last changed at this revision (`--if-revision`).
    Revision(i64),
}

/// What a change does.
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    /// Sets the key to the value.
    Put(Value),
    /// Deletes the key.
    Delete,
    /// Deletes every key under the prefix (the change's key), and the key itself.
    DeletePrefix,
    /// Sets the JSON Schema of the subtree at the prefix (the change's key); the subtree as
    /// it is must pass it.
    PutSchema(Value),
    /// Removes the schema of the subtree at the prefix (the change's key).
    DeleteSchema,
}

/// One key's change in a write.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// The key, relative to the root (checked).
    pub key: String,
    /// What to do.
    pub op: Op,
    /// What the key must be for the write to go ahead.
    pub expect: Expect,
}

impl Change {
    /// Sets `key` (checked) to `value`.
    pub fn put(key: &str, value: Value) -> Result<Change> {
        Ok(Change {
            key: check_key(key)?,
            op: Op::Put(value),
            expect: Expect::Any,
        })
    }

    /// Deletes `key` (checked).
    pub fn delete(key: &str) -> Result<Change> {
        Ok(Change {
            key: check_key(key)?,
            op: Op::Delete,
            expect: Expect::Any,
        })
    }

    /// Deletes `prefix` and every key under it (`""`: the whole tree).
    pub fn delete_prefix(prefix: &str) -> Result<Change> {
        Ok(Change {
            key: check_prefix(prefix)?,
            op: Op::DeletePrefix,
            expect: Expect::Any,
        })
    }

    /// The same change, only when the key is as `expect` says.
    pub fn expecting(self, expect: Expect) -> Change {
        Change { expect, ..self }
    }
}

/// A write: changes applied together in one transaction, or not at all.
#[derive(Debug, Clone, PartialEq)]
pub struct Write {
    /// The kind of write for the audit record: `set`, `delete`, `import`, ...
    pub action: String,
    /// The changes, at most [`Limits::max_changes`].
    pub changes: Vec<Change>,
    /// Why (`--reason`), kept in the audit record.
    pub reason: Option<String>,
}

/// A key as a write changed it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Changed {
    /// The key, relative to the root.
    pub key: String,
    /// Its value before (null: it did not exist).
    pub old: Option<Value>,
    /// Its value after (null: deleted).
    pub new: Option<Value>,
    /// The revision that had last changed it before (null: it did not exist).
    pub old_revision: Option<i64>,
}

/// What a write did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Written {
    /// The revision the write made: every changed key's new mod revision.
    pub revision: i64,
    /// The keys changed, in the order given (a prefix delete: each key it removed).
    pub changes: Vec<Changed>,
    /// The audit record stored with it.
    pub audit: Audit,
}

impl Store {
    /// Applies `write` in one transaction: every change or none. A change whose key is not as
    /// it expects is [`Error::Conflict`] and nothing is written; so is a write that breaks a
    /// schema of its subtree ([`Error::Usage`], naming the field).
    pub async fn write(&self, write: Write) -> Result<Written> {
        self.check_fits(&write)?;
        let etcd_user = self
            .target
            .options()
            .credentials
            .as_ref()
            .map(|c| c.user.clone());
        let audit = Audit::new(
            &write.action,
            etcd_user.as_deref(),
            write.reason.as_deref(),
            0,
        );
        if let Some(written) = self.write_at_once(&write, &audit).await? {
            return Ok(written);
        }
        let mut attempts = 0;
        let timeout = self
            .target
            .options()
            .command_timeout
            .min(crate::conn::ConnectOptions::MAX_TIMEOUT);
        let deadline = tokio::time::Instant::now() + timeout;
        let mut pause = std::time::Duration::from_millis(20);
        loop {
            attempts += 1;
            let before = self.read_before(&write).await?;
            let changed = before.check(&write)?;
            if changed.iter().all(|c| c.old.is_none() && c.new.is_none()) {
                // Only deletes of keys that are not there: nothing to write, nor to record.
                return Ok(Written {
                    revision: before.revision,
                    changes: changed,
                    audit,
                });
            }
            super::schema::check_write(self, &write, &before.schemas, before.revision).await?;
            let audit = Audit {
                keys: changed.len(),
                ..audit.clone()
            };
            let txn = self.transaction(&write, &before, &audit);
            let conn = self.target.options();
            let kv = self.client.kv_client();
            let sent = conn
                .retry(|| {
                    let (mut kv, txn) = (kv.clone(), txn.clone());
                    async move { kv.txn(txn).await }
                })
                .await;
            match sent {
                Ok(response) if response.succeeded() => {
                    let revision = response.header().map_or(0, |h| h.revision());
                    return Ok(Written {
                        revision,
                        changes: changed,
                        audit,
                    });
                }
                // Another write came between the read and the transaction: read again.
                Ok(_) => {}
                Err(e @ (Error::Auth { .. } | Error::Usage { .. } | Error::Tls { .. })) => {
                    return Err(e)
                }
                Err(e) => {
                    // The answer was lost: the write may have gone through.
                    if let Some(revision) = self.applied(&audit).await {
                        return Ok(Written {
                            revision,
                            changes: changed,
                            audit,
                        });
                    }
                    // etcd between leaders ("leader changed", "no leader"), a member gone: try
                    // again until the command timeout, pausing longer each time; the audit
                    // record's write ID tells a retry that an earlier attempt went through.
                    let left = deadline.saturating_duration_since(tokio::time::Instant::now());
                    if left.is_zero() || matches!(e, Error::Timeout { .. }) {
                        return Err(e);
                    }
                    tokio::time::sleep(pause.min(left)).await;
                    pause = (pause * 2).min(std::time::Duration::from_millis(500));
                }
            }
            if attempts >= 1000 {
                return Err(Error::Etcd {
                    endpoint: self.target.options().label(),
                    cause: "the tree kept changing under 1000 attempts to write".into(),
                });
            }
        }
    }

    /// The fast way for a write of plain keys (puts and deletes) to a tree without schemas:
    /// one transaction that reads the old values, checks the expectations and writes, in one
    /// round trip. `None` when it cannot say (a schema exists, a prefix or schema change, too
    /// many keys, or the answer was lost and the write did not go through): the careful way
    /// (read, check, write guarded on the audit record) takes over.
    async fn write_at_once(&self, write: &Write, audit: &Audit) -> Result<Option<Written>> {
        let plain = write
            .changes
            .iter()
            .all(|c| matches!(c.op, Op::Put(_) | Op::Delete));
        let n = write.changes.len();
        if !plain || 2 * n + 1 > self.limits.max_txn_ops {
            return Ok(None);
        }
        let (schemas, schemas_end) = Keys::raw_prefix(self.root.schemas()).range();
        let mut compares =
            vec![Compare::version(schemas.clone(), CompareOp::Equal, 0).with_range(schemas_end)];
        let mut reads = Vec::with_capacity(n);
        let mut ops = Vec::with_capacity(n + 1);
        for change in &write.changes {
            let full = self.root.full(&change.key);
            match change.expect {
                // A delete of a key that is not there writes nothing: the careful way says so.
                Expect::Any if change.op == Op::Delete => {
                    compares.push(Compare::version(full.as_str(), CompareOp::Greater, 0))
                }
                Expect::Any => {}
                Expect::Absent => {
                    compares.push(Compare::version(full.as_str(), CompareOp::Equal, 0))
                }
                Expect::Revision(r) => {
                    compares.push(Compare::mod_revision(full.as_str(), CompareOp::Equal, r))
                }
            }
            reads.push(TxnOp::get(full.as_str(), None));
            ops.push(match &change.op {
                Op::Put(v) => TxnOp::put(full.as_str(), value::encode(v), None),
                _ => TxnOp::delete(full.as_str(), None),
            });
        }
        let audit = Audit {
            keys: n,
            ..audit.clone()
        };
        let mut success = reads.clone();
        success.extend(ops);
        success.push(TxnOp::put(self.root.audit_key(), audit.encode(), None));
        let mut failure = reads;
        failure.push(TxnOp::get(
            schemas,
            Some(
                GetOptions::new()
                    .with_range(Keys::raw_prefix(self.root.schemas()).range().1)
                    .with_keys_only()
                    .with_limit(1),
            ),
        ));
        let txn = Txn::new().when(compares).and_then(success).or_else(failure);
        let conn = self.target.options();
        let kv = self.client.kv_client();
        let sent = conn
            .retry(|| {
                let (mut kv, txn) = (kv.clone(), txn.clone());
                async move { kv.txn(txn).await }
            })
            .await;
        let response = match sent {
            Ok(response) => response,
            Err(e @ (Error::Auth { .. } | Error::Usage { .. } | Error::Tls { .. })) => {
                return Err(e)
            }
            Err(_) => {
                // The answer was lost: the write may have gone through.
                return Ok(self.applied(&audit).await.map(|revision| Written {
                    revision,
                    changes: write
                        .changes
                        .iter()
                        .map(|c| Changed {
                            key: c.key.clone(),
                            old: None,
                            new: match &c.op {
                                Op::Put(v) => Some(v.clone()),
                                _ => None,
                            },
                            old_revision: None,
                        })
                        .collect(),
                    audit: audit.clone(),
                }));
            }
        };
        let revision = response.header().map_or(0, |h| h.revision());
        let mut gets = response.op_responses().into_iter().map(|r| match r {
            TxnOpResponse::Get(g) => g.kvs().to_vec(),
            _ => Vec::new(),
        });
        let keys: Vec<Vec<Entry>> = write
            .changes
            .iter()
            .map(|c| {
                let kvs = gets.next().unwrap_or_default();
                kvs.first()
                    .map(|kv| entry(&c.key, kv))
                    .into_iter()
                    .collect()
            })
            .collect();
        if !response.succeeded() && gets.next().is_some_and(|schemas| !schemas.is_empty()) {
            return Ok(None); // a schema to check against: the careful way
        }
        let before = Before {
            revision,
            audit_revision: 0,
            schemas: Vec::new(),
            keys,
        };
        // Failed: an expectation did not hold, and `check` says which (when it holds again
        // by now, the careful way decides).
        let changes = before.check(write)?;
        match response.succeeded() {
            true => Ok(Some(Written {
                revision,
                changes,
                audit,
            })),
            false => Ok(None),
        }
    }

    /// Refuses, before anything is sent, a write etcd would refuse for its size.
    pub fn check_fits(&self, write: &Write) -> Result<()> {
        if self.operations(write) > self.limits.max_txn_ops {
            return Err(Error::usage_with_hint(
                format!(
                    "{} changes do not fit in one transaction: etcd takes at most {} operations in one (its --max-txn-ops), one of them the audit record",
                    write.changes.len(),
                    self.limits.max_txn_ops
                ),
                "split the write, or raise the limit the store assumes when etcd runs with a larger --max-txn-ops",
            ));
        }
        // Room for the audit record, the compares and the framing.
        let mut bytes = 2048;
        for change in &write.changes {
            let key = self.full_key(change).len();
            let value = match &change.op {
                Op::Put(v) | Op::PutSchema(v) => value::encode(v).len(),
                _ => 0,
            };
            if key + value + 2048 > self.limits.max_request_bytes {
                return Err(Error::usage_with_hint(
                    format!(
                        "the value of {} is {} bytes: etcd refuses requests over {} bytes (its --max-request-bytes)",
                        change.key,
                        value,
                        self.limits.max_request_bytes
                    ),
                    "keep large blobs out of etcd, or store a reference to them",
                ));
            }
            bytes += 2 * key + value + 32;
        }
        if bytes > self.limits.max_request_bytes {
            return Err(Error::usage_with_hint(
                format!(
                    "the write is about {bytes} bytes: etcd refuses requests over {} bytes (its --max-request-bytes)",
                    self.limits.max_request_bytes
                ),
                "split it into smaller writes",
            ));
        }
        Ok(())
    }

    /// Reads, in one transaction, the audit record, the schemas and every key the write
    /// changes.
    async fn read_before(&self, write: &Write) -> Result<Before> {
        let schemas = Keys::raw_prefix(self.root.schemas()).range();
        let mut ranges = vec![(self.root.audit_key().into_bytes(), Vec::new()), schemas];
        for change in &write.changes {
            ranges.extend(self.ranges(change));
        }
        let (revision, reads) = self.read_ranges(ranges).await?;
        let mut reads = reads.into_iter();
        let audit_revision = reads
            .next()
            .and_then(|kvs| kvs.first().map(|kv| kv.mod_revision()))
            .unwrap_or(0);
        let schema_dir = self.root.schemas();
        let schemas = reads
            .next()
            .unwrap_or_default()
            .iter()
            .filter_map(|kv| {
                let full = std::str::from_utf8(kv.key()).ok()?;
                let prefix = full.strip_prefix(&schema_dir)?;
                Some((prefix.to_string(), value::decode(kv.value())))
            })
            .collect();
        let mut keys = Vec::new();
        for change in &write.changes {
            let mut entries = Vec::new();
            for _ in self.ranges(change) {
                for kv in reads.next().unwrap_or_default() {
                    let Ok(full) = std::str::from_utf8(kv.key()) else {
                        continue;
                    };
                    let relative = match change.op {
                        Op::PutSchema(_) | Op::DeleteSchema => Some(change.key.as_str()),
                        _ => self.root.relative(full),
                    };
                    if let Some(relative) = relative {
                        entries.push(entry(relative, &kv));
                    }
                }
            }
            keys.push(entries);
        }
        Ok(Before {
            revision,
            audit_revision,
            schemas,
            keys,
        })
    }

    /// Reads key ranges (`(key, end)`; `end` empty: the key alone) at one revision, in as
    /// many transactions as etcd's operation limit asks: the keys of each range, and the
    /// revision.
    async fn read_ranges(
        &self,
        ranges: Vec<(Vec<u8>, Vec<u8>)>,
    ) -> Result<(i64, Vec<Vec<etcd_client::KeyValue>>)> {
        let conn = self.target.options();
        let kv = self.client.kv_client();
        let mut revision = 0;
        let mut reads = Vec::with_capacity(ranges.len());
        for chunk in ranges.chunks(self.limits.max_txn_ops.max(1)) {
            let ops = chunk.iter().map(|(key, end)| {
                let mut options = GetOptions::new().with_revision(revision);
                if !end.is_empty() {
                    options = options.with_range(end.clone());
                }
                TxnOp::get(key.clone(), Some(options))
            });
            let txn = Txn::new().and_then(ops.collect::<Vec<_>>());
            let response = conn.txn_with_retry(&kv, txn).await?;
            if revision == 0 {
                revision = response.header().map_or(0, |h| h.revision());
            }
            reads.extend(response.op_responses().into_iter().map(|r| match r {
                TxnOpResponse::Get(g) => g.kvs().to_vec(),
                _ => Vec::new(),
            }));
        }
        Ok((revision, reads))
    }

    /// The key ranges a change touches, as `(key, end)` (`end` empty: the key alone). A
    /// prefix is the key itself and everything under it; the whole tree (`""`) is every key
    /// but the bookkeeping ones (`ROOT/.…`).
    fn ranges(&self, change: &Change) -> Vec<(Vec<u8>, Vec<u8>)> {
        match (&change.op, change.key.as_str()) {
            (Op::DeletePrefix, "") => {
                let dir = self.root.dir().into_bytes();
                let mut dot = dir.clone();
                dot.push(b'.');
                let mut slash = dir.clone();
                slash.push(b'/');
                let (_, end) = Keys::raw_prefix(dir.clone()).range();
                vec![(dir, dot), (slash, end)]
            }
            (Op::DeletePrefix, prefix) => {
                let key = self.root.full(prefix).into_bytes();
                vec![(key.clone(), Vec::new()), Keys::prefix(key).range()]
            }
            (_, _) => vec![(self.full_key(change).into_bytes(), Vec::new())],
        }
    }

    /// The etcd key a (not prefix) change writes.
    fn full_key(&self, change: &Change) -> String {
        match change.op {
            Op::PutSchema(_) | Op::DeleteSchema => self.root.schema_key(&change.key),
            _ => self.root.full(&change.key),
        }
    }

    /// How many operations `write`'s transaction takes, as etcd counts them: the most of its
    /// compares and its operations (the audit record's put and compare included).
    fn operations(&self, write: &Write) -> usize {
        let ops: usize = write.changes.iter().map(|c| self.ranges(c).len()).sum();
        let compares = write
            .changes
            .iter()
            .filter(|c| c.op != Op::DeletePrefix)
            .count();
        (ops + 1).max(compares + 1)
    }

    /// The guarded transaction of `write`, given what was read before it.
    fn transaction(&self, write: &Write, before: &Before, audit: &Audit) -> Txn {
        let audit_key = self.root.audit_key();
        let mut compares = vec![Compare::mod_revision(
            audit_key.as_str(),
            CompareOp::Equal,
            before.audit_revision,
        )];
        let mut ops = Vec::new();
        for (change, entries) in write.changes.iter().zip(&before.keys) {
            let full = self.full_key(change);
            match &change.op {
                Op::Put(v) | Op::PutSchema(v) => {
                    ops.push(TxnOp::put(full.as_str(), value::encode(v), None));
                }
                Op::Delete | Op::DeleteSchema => ops.push(TxnOp::delete(full.as_str(), None)),
                Op::DeletePrefix => {
                    for (key, end) in self.ranges(change) {
                        let options = etcd_client::DeleteOptions::new().with_range(end);
                        ops.push(TxnOp::delete(key, Some(options)));
                    }
                }
            }
            if change.op != Op::DeletePrefix {
                let seen = entries.first().map_or(0, |e| e.mod_revision);
                compares.push(Compare::mod_revision(full.as_str(), CompareOp::Equal, seen));
            }
        }
        ops.push(TxnOp::put(audit_key.as_str(), audit.encode(), None));
        Txn::new().when(compares).and_then(ops)
    }

    /// The revision `audit`'s write was applied at, when the audit record says it was (the
    /// answer to the transaction was lost).
    async fn applied(&self, audit: &Audit) -> Option<i64> {
        let conn = self.target.options();
        let kv = self.client.kv_client();
        let response = conn
            .get_with_retry(&kv, self.root.audit_key(), None)
            .await
            .ok()?;
        let kv = response.kvs().first()?;
        let stored = Audit::decode(kv.value())?;
        (stored.write_id == audit.write_id).then(|| kv.mod_revision())
    }
}

/// What a write found before it.
struct Before {
    /// The revision read at.
    revision: i64,
    /// The audit record's mod revision (0: none yet).
    audit_revision: i64,
    /// The schemas: the prefix each covers, and the schema.
    schemas: Vec<(String, Value)>,
    /// For each change, the entries it touches (one or none; a prefix: every key under it).
    keys: Vec<Vec<Entry>>,
}

impl Before {
    /// The keys as the write will change them, or the first conflict.
    fn check(&self, write: &Write) -> Result<Vec<Changed>> {
        let mut changed = Vec::new();
        for (change, entries) in write.changes.iter().zip(&self.keys) {
            let current = entries.first();
            let conflict = |expected: String| Error::Conflict {
                key: change.key.clone(),
                expected,
                revision: current.map(|e| e.mod_revision),
                read_at: self.revision,
            };
            match (change.expect, current) {
                (Expect::Absent, Some(_)) => return Err(conflict("to be absent".into())),
                (Expect::Revision(r), Some(e)) if e.mod_revision != r => {
                    return Err(conflict(format!("to be at revision {r}")))
                }
                (Expect::Revision(r), None) => {
                    return Err(conflict(format!("to be at revision {r}")))
                }
                _ => {}
            }
            match &change.op {
                Op::Put(v) | Op::PutSchema(v) => changed.push(Changed {
                    key: change.key.clone(),
                    old: current.map(|e| e.value.clone()),
                    new: Some(v.clone()),
                    old_revision: current.map(|e| e.mod_revision),
                }),
                Op::Delete | Op::DeleteSchema => changed.push(Changed {
                    key: change.key.clone(),
                    old: current.map(|e| e.value.clone()),
                    new: None,
                    old_revision: current.map(|e| e.mod_revision),
                }),
                Op::DeletePrefix => changed.extend(entries.iter().map(|e| Changed {
                    key: e.key.clone(),
                    old: Some(e.value.clone()),
                    new: None,
                    old_revision: Some(e.mod_revision),
                })),
            }
        }
        Ok(changed)
    }
}

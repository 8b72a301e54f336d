//! The tree under one root, and reading it: typed reads at one revision. Writes are in
//! [`super::write`].

use etcd_client::Client;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::key::{check_key, check_prefix, Root};
use super::tree::{Entry, Tree};
use super::value;
use crate::conn::Target;
use crate::error::{Error, Result};
use crate::watch::Keys;

/// etcd's limits a write must fit, as its server flags set them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// `--max-txn-ops`: the most operations in one transaction (128 by default).
    pub max_txn_ops: usize,
    /// `--max-request-bytes`: the largest request (1.5 MiB by default).
    pub max_request_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_txn_ops: 128,
            max_request_bytes: 1536 * 1024,
        }
    }
}

impl Limits {
    /// The most keys one write changes: one operation is the audit record's.
    pub fn max_changes(&self) -> usize {
        self.max_txn_ops.saturating_sub(1).max(1)
    }
}

/// The configuration tree under one root.
#[derive(Clone)]
pub struct Store {
    pub(super) target: Target,
    pub(super) client: Client,
    pub(super) root: Root,
    pub(super) limits: Limits,
}

impl Store {
    /// The tree under `root`, reached through `client` (a client of `target`).
    pub fn new(target: &Target, client: &Client, root: Root) -> Store {
        Store {
            target: target.clone(),
            client: client.clone(),
            root,
            limits: Limits::default(),
        }
    }

    /// The same store, assuming etcd runs with these limits.
    pub fn with_limits(self, limits: Limits) -> Store {
        Store { limits, ..self }
    }

    /// Where the tree is.
    pub fn root(&self) -> &Root {
        &self.root
    }

    /// The limits writes are held to.
    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// The endpoints and options.
    pub fn target(&self) -> &Target {
        &self.target
    }

    /// The client.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// One key, now; `None` when it does not exist.
    pub async fn get(&self, key: &str) -> Result<Option<Entry>> {
        let key = check_key(key)?;
        let conn = self.target.options();
        let kv = self.client.kv_client();
        let response = conn.get_with_retry(&kv, self.root.full(&key), None).await?;
        Ok(response.kvs().first().map(|kv| entry(&key, kv)))
    }

    /// One key's value as a `T`; `None` when it does not exist, an error naming both types
    /// when its value does not fit `T`.
    pub async fn get_as<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>> {
        match self.get(key).await? {
            Some(entry) => value::typed(&entry.key, &entry.value).map(Some),
            None => Ok(None),
        }
    }

    /// Every key under `prefix` (relative; `""` is the whole tree), read at one revision:
    /// `revision`, or now. A compacted revision is an error that says which are kept.
    pub async fn read(&self, prefix: &str, revision: Option<i64>) -> Result<Tree> {
        let listed = self.list(prefix, revision).await?;
        let mut tree = Tree {
            revision: listed.revision,
            ..Tree::default()
        };
        for (relative, e) in listed.raw() {
            tree.entries
                .insert(relative.to_string(), Entry::from_watch(relative, e));
        }
        Ok(tree)
    }

    /// Every key under `prefix` read at one revision as etcd sent them, in key order: for a
    /// reader that streams them (`config export`) without building a [`Tree`].
    pub async fn list(&self, prefix: &str, revision: Option<i64>) -> Result<Listed> {
        let prefix = check_prefix(prefix)?;
        let conn = self.target.options();
        let range = Keys::raw_prefix(self.root.full_prefix(&prefix)).range();
        // One request, as `etcdctl get --prefix` does: every key is kept anyway, and each page
        // would cost etcd a walk of the rest of the range and a round trip.
        let mut listing = crate::watch::Listing::whole(range, revision.unwrap_or(0));
        let label = conn.label();
        if let Err(e) = self.run_listing(&mut listing, &label).await {
            return Err(match revision {
                Some(r) if crate::watch::compacted(&e) => Error::usage_with_hint(
                    format!(
                        "revision {r} is compacted: etcd no longer holds the tree as it was then"
                    ),
                    "etcdkit config history KEY shows the revisions etcd still holds",
                ),
                Some(r) if crate::watch::future(&e) => Error::usage(format!(
                    "revision {r} is ahead of the store's current revision"
                )),
                _ => e,
            });
        }
        Ok(Listed {
            root: self.root.clone(),
            revision: listing.revision,
            kvs: listing.kvs,
        })
    }
}

impl Store {
    /// Runs `listing` through passing trouble (a leader election, a member going away): read
    /// again, from where it stopped, until the command timeout.
    async fn run_listing(&self, listing: &mut crate::watch::Listing, label: &str) -> Result<()> {
        let conn = self.target.options();
        let timeout = conn
            .command_timeout
            .min(crate::conn::ConnectOptions::MAX_TIMEOUT);
        let deadline = tokio::time::Instant::now() + timeout;
        let mut pause = std::time::Duration::from_millis(20);
        loop {
            let e = match listing.run(conn, label, &self.client).await {
                Ok(()) => return Ok(()),
                Err(e) => e,
            };
            let left = deadline.saturating_duration_since(tokio::time::Instant::now());
            let lasting = crate::watch::cannot_mend(&e)
                || crate::watch::compacted(&e)
                || crate::watch::future(&e)
                || matches!(e, Error::Timeout { .. });
            if lasting || left.is_zero() {
                return Err(e);
            }
            tokio::time::sleep(pause.min(left)).await;
            pause = (pause * 2).min(std::time::Duration::from_millis(500));
        }
    }
}

/// Keys read at one revision, as etcd sent them ([`Store::list`]).
pub struct Listed {
    root: Root,
    /// The store revision read at.
    pub revision: i64,
    kvs: Vec<(bytes::Bytes, crate::watch::Entry)>,
}

impl Listed {
    /// The configuration keys (relative, in key order) with their stored entries; bookkeeping
    /// and keys that are not UTF-8 left out.
    pub fn raw(&self) -> impl Iterator<Item = (&str, &crate::watch::Entry)> + '_ {
        self.kvs.iter().filter_map(|(key, e)| {
            let full = std::str::from_utf8(key).ok()?;
            Some((self.root.relative(full)?, e))
        })
    }

    /// The configuration keys (relative, in key order) with their typed values, decoded as
    /// they are taken.
    pub fn values(&self) -> impl Iterator<Item = (&str, Value)> + '_ {
        self.raw().map(|(k, e)| (k, value::decode(&e.value)))
    }

    /// How many configuration keys.
    pub fn len(&self) -> usize {
        self.raw().count()
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A key-value from etcd as an entry named `key`.
pub(super) fn entry(key: &str, kv: &etcd_client::KeyValue) -> Entry {
    Entry {
        key: key.to_string(),
        value: value::decode(kv.value()),
        create_revision: kv.create_revision(),
        mod_revision: kv.mod_revision(),
        version: kv.version(),
    }
}

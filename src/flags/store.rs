//! Reading and writing flags in etcd: every definition validated before it is written, every
//! write one transaction with its audit record (who, where, why), guarded against a concurrent
//! change of what it read.

use serde::Serialize;
use serde_json::{Map, Value};

use super::definition::validate_flag;
use super::document::{assemble, keys_of, Assembled};
use super::key::{check_flag_key, Stored, EVALUATORS};
use crate::config::{Change, Entry, Expect, Root, Snapshot, Store, Write, Written};
use crate::conn::Target;
use crate::error::{Error, Result};

/// How many times a state change is tried again when the flag changed between its read and
/// its write.
const STATE_TRIES: usize = 5;

/// A flag set in etcd under one root.
#[derive(Clone)]
pub struct FlagStore {
    store: Store,
}

/// One flag as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredFlag {
    /// The flag key.
    pub key: String,
    /// flagd's flag object.
    pub flag: Value,
    /// The revision that last changed it (what `--if-revision` compares).
    pub mod_revision: i64,
    /// The store revision it was read at.
    pub revision: i64,
}

impl FlagStore {
    /// The flag set under `root` (see [`super::key::root`]).
    pub fn new(target: &Target, client: &etcd_client::Client, root: Root) -> FlagStore {
        FlagStore {
            store: Store::new(target, client, root),
        }
    }

    /// The configuration tree underneath: limits, history, imports.
    pub fn tree(&self) -> &Store {
        &self.store
    }

    /// Replaces the tree underneath (to change its limits).
    pub fn with_tree(self, store: Store) -> FlagStore {
        FlagStore { store }
    }

    /// The whole flag set at one revision.
    pub async fn read(&self) -> Result<Assembled> {
        Ok(assemble(&self.store.read("", None).await?))
    }

    /// One flag; [`Error::NotFound`] when there is none.
    pub async fn get(&self, key: &str) -> Result<StoredFlag> {
        let key = check_flag_key(key)?;
        let tree = self.store.read("", None).await?;
        match tree.entries.get(key) {
            Some(entry) => Ok(stored(entry, tree.revision)),
            None => Err(not_found(key, self.store.root())),
        }
    }

    /// Sets flag `key` to `flag` (flagd's flag object), validated first against the shared
    /// rules as stored, only when the flag is as `expect` says.
    pub async fn set(
        &self,
        key: &str,
        flag: Value,
        expect: Expect,
        reason: Option<String>,
    ) -> Result<Written> {
        let key = check_flag_key(key)?;
        let evaluators = self.evaluators().await?;
        validate_flag(key, &flag, &evaluators).map_err(|fault| {
            Error::usage_with_hint(
                format!("the flag definition is not valid: {fault}; nothing written"),
                "see `etcdkit help flags-format` for flagd's flag format",
            )
        })?;
        let change = Change::put(key, flag)?.expecting(expect);
        self.write("set", vec![change], reason).await
    }

    /// Turns flag `key` on (`ENABLED`) or off (`DISABLED`), keeping the rest of it; a flag
    /// changed by someone else meanwhile is read again. `None`: it already was.
    pub async fn set_state(
        &self,
        key: &str,
        enabled: bool,
        reason: Option<String>,
    ) -> Result<Option<Written>> {
        let key = check_flag_key(key)?;
        let state = state_name(enabled);
        for _ in 0..STATE_TRIES {
            let stored = self.get(key).await?;
            if stored.flag.get("state").and_then(Value::as_str) == Some(state) {
                return Ok(None);
            }
            let flag = with_state(stored.flag, state)?;
            let change = Change::put(key, flag)?.expecting(Expect::Revision(stored.mod_revision));
            let action = if enabled { "enable" } else { "disable" };
            match self.write(action, vec![change], reason.clone()).await {
                Err(Error::Conflict { .. }) => continue,
                done => return done.map(Some),
            }
        }
        Err(busy(key))
    }

    /// Turns every enabled flag off in one transaction (the kill switch), each guarded on the
    /// revision read; a flag changed meanwhile makes it read again. `None`: none was enabled.
    pub async fn disable_all(&self, reason: Option<String>) -> Result<Option<Written>> {
        for _ in 0..STATE_TRIES {
            let tree = self.store.read("", None).await?;
            let mut changes = Vec::new();
            for (key, entry) in &tree.entries {
                let Stored::Flag(flag) = Stored::of(key) else {
                    continue;
                };
                if entry.value.get("state").and_then(Value::as_str) != Some("ENABLED") {
                    continue;
                }
                let value = with_state(entry.value.clone(), "DISABLED")?;
                changes.push(
                    Change::put(flag, value)?.expecting(Expect::Revision(entry.mod_revision)),
                );
            }
            if changes.is_empty() {
                return Ok(None);
            }
            let write = Write {
                action: "disable --all".into(),
                changes,
                reason: reason.clone(),
            };
            self.store.check_fits(&write).map_err(|e| Error::usage_with_hint(
                format!("turning every flag off does not fit in one transaction: {e}"),
                "--max-txn-ops N tells etcdkit the limit etcd runs with; or disable flags one by one",
            ))?;
            match self.store.write(write).await {
                Err(Error::Conflict { .. }) => continue,
                done => return done.map(Some),
            }
        }
        Err(busy("every flag"))
    }

    /// Deletes flag `key`; [`Error::NotFound`] when there is none.
    pub async fn delete(
        &self,
        key: &str,
        expect: Expect,
        reason: Option<String>,
    ) -> Result<Written> {
        let key = check_flag_key(key)?;
        let written = self
            .write(
                "delete",
                vec![Change::delete(key)?.expecting(expect)],
                reason,
            )
            .await?;
        match written.changes.iter().any(|c| c.old.is_some()) {
            true => Ok(written),
            false => Err(not_found(key, self.store.root())),
        }
    }

    /// The keys and values that hold flagd's document `doc`, validated as a whole first (each
    /// flag against the document's own shared rules): the snapshot an import applies.
    pub fn snapshot_of(&self, doc: &Value, source: &str) -> Result<Snapshot> {
        super::definition::validate_document(doc).map_err(|fault| {
            Error::usage_with_hint(
                format!("{source} is not a valid flagd flag set: {fault}; nothing written"),
                "see `etcdkit help flags-format` for flagd's format",
            )
        })?;
        let keys = keys_of(doc);
        for key in keys.keys() {
            match Stored::of(key) {
                Stored::Flag(_) | Stored::Metadata => {}
                Stored::Evaluator(name) => check_rule_name(name)?,
                Stored::Other => match key.strip_prefix(EVALUATORS) {
                    Some(rest) => check_rule_name(rest.trim_start_matches('/'))?,
                    None => drop(check_flag_key(key)?),
                },
            }
        }
        Ok(Snapshot {
            root: None,
            prefix: String::new(),
            revision: None,
            exported_at: None,
            keys,
        })
    }

    async fn evaluators(&self) -> Result<Map<String, Value>> {
        let tree = self.store.read(EVALUATORS, None).await?;
        Ok(tree
            .entries
            .iter()
            .filter_map(|(key, e)| match Stored::of(key) {
                Stored::Evaluator(name) => Some((name.to_string(), e.value.clone())),
                _ => None,
            })
            .collect())
    }

    async fn write(
        &self,
        action: &str,
        changes: Vec<Change>,
        reason: Option<String>,
    ) -> Result<Written> {
        self.store
            .write(Write {
                action: action.to_string(),
                changes,
                reason,
            })
            .await
    }
}

/// A shared rule's name, checked: it is one key segment.
fn check_rule_name(name: &str) -> Result<()> {
    let bad = name.is_empty()
        || name.contains('/')
        || name.starts_with('.')
        || name.chars().any(char::is_control);
    match bad {
        true => Err(Error::usage(format!(
            "the shared rule name {name:?} cannot be stored: give a name without `/` or control characters that does not start with `.`"
        ))),
        false => Ok(()),
    }
}

/// The stored flag of `entry`.
fn stored(entry: &Entry, revision: i64) -> StoredFlag {
    StoredFlag {
        key: entry.key.clone(),
        flag: entry.value.clone(),
        mod_revision: entry.mod_revision,
        revision,
    }
}

fn state_name(enabled: bool) -> &'static str {
    match enabled {
        true => "ENABLED",
        false => "DISABLED",
    }
}

/// `flag` with its state set; a stored value that is not an object is not a flag.
fn with_state(mut flag: Value, state: &str) -> Result<Value> {
    match flag.as_object_mut() {
        Some(object) => {
            object.insert("state".into(), Value::String(state.into()));
            Ok(flag)
        }
        None => Err(Error::usage(format!(
            "the stored value is not a flag object ({}): set it anew with `etcdkit flags set`",
            crate::text::one_line(&flag.to_string(), 60)
        ))),
    }
}

fn not_found(key: &str, root: &Root) -> Error {
    Error::NotFound {
        what: format!("no flag {key} under {}", root.as_str()),
        hint: "etcdkit flags list shows the flags there (--root or ETCDKIT_FLAGS_ROOT picks another set)".into(),
    }
}

fn busy(what: &str) -> Error {
    Error::Stale {
        message: format!(
            "{what} kept changing while it was written ({STATE_TRIES} tries): nothing written"
        ),
        hint: "someone else is changing it right now; try again".into(),
    }
}

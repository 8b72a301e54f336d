//! Importing a snapshot: the plan (what differs between the tree and the file under the file's
//! prefix, read at one revision) and its application, as one guarded transaction, or with
//! `batch` as several in order, each safe to run again.
//!
//! Every change is guarded on the key as the plan read it (absent for a key the file adds, the
//! mod revision read for a key it changes or removes), so a concurrent write between the plan
//! and the transaction makes the import fail with nothing of that transaction written.

use std::collections::BTreeMap;

use serde_json::Value;

use super::diff::Diff;
use super::snapshot::Snapshot;
use super::store::Store;
use super::write::{Change, Expect, Write, Written};
use crate::error::{Error, Result};

/// What an import would do.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportPlan {
    /// The prefix the file holds (relative; `""`: the whole tree).
    pub prefix: String,
    /// The store revision the tree was read at.
    pub read_revision: i64,
    /// Keys the file adds or changes, and (with prune) the keys it removes.
    pub diff: Diff,
    /// Keys under the prefix that the file does not have, left as they are (no prune).
    pub kept: usize,
    /// The guarded changes, in the order they are applied: puts by key, then deletes by key.
    pub changes: Vec<Change>,
}

impl ImportPlan {
    /// Whether the import changes nothing.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }
}

impl Store {
    /// What importing `snapshot` would change: the tree under its prefix, read now, against the
    /// file. Without `prune` keys the file does not have stay. The plan is checked against the
    /// schemas of the subtrees it changes (an error naming the field when one refuses it).
    pub async fn plan_import(&self, snapshot: &Snapshot, prune: bool) -> Result<ImportPlan> {
        let tree = self.read(&snapshot.prefix, None).await?;
        let current: BTreeMap<String, Value> = tree
            .under(&snapshot.prefix)
            .map(|e| (e.key.clone(), e.value.clone()))
            .collect();
        let mut diff = Diff::between(&current, &snapshot.keys);
        let kept = match prune {
            true => 0,
            false => std::mem::take(&mut diff.removed).len(),
        };
        let revision = |key: &str| tree.entries.get(key).map_or(0, |e| e.mod_revision);
        let mut changes = Vec::with_capacity(diff.len());
        for d in diff.added.iter().chain(&diff.changed) {
            let expect = match d.old {
                None => Expect::Absent,
                Some(_) => Expect::Revision(revision(&d.key)),
            };
            let value = d.new.clone().unwrap_or(Value::Null);
            changes.push(Change::put(&d.key, value)?.expecting(expect));
        }
        changes.sort_by(|a, b| a.key.cmp(&b.key));
        for d in &diff.removed {
            changes.push(Change::delete(&d.key)?.expecting(Expect::Revision(revision(&d.key))));
        }
        if !changes.is_empty() {
            let whole = Write {
                action: "import".into(),
                changes: changes.clone(),
                reason: None,
            };
            let schemas = self.schemas().await?;
            super::schema::check_write(self, &whole, &schemas, tree.revision).await?;
        }
        Ok(ImportPlan {
            prefix: snapshot.prefix.clone(),
            read_revision: tree.revision,
            diff,
            kept,
            changes,
        })
    }

    /// Applies `plan` in one transaction (with its audit record, action `import`, `reason`
    /// kept), or with `batch` in as many as etcd's limits ask, in order; `applied` hears of each
    /// transaction once it is written. A plan that does not fit one transaction without
    /// `batch` is refused before anything is sent. A key changed since the plan was read stops
    /// the import with that transaction unwritten ([`Error::Stale`]); with `batch`, the ones
    /// before it stay (a new plan applies what is left).
    pub async fn apply_import(
        &self,
        plan: &ImportPlan,
        reason: Option<String>,
        batch: bool,
        mut applied: impl FnMut(&Written),
    ) -> Result<Vec<Written>> {
        let writes = self.import_writes(plan, reason, batch)?;
        let mut done = Vec::with_capacity(writes.len());
        for w in writes {
            let written = self.write(w).await.map_err(|e| stale(e, plan))?;
            applied(&written);
            done.push(written);
        }
        Ok(done)
    }

    /// The transactions `plan` takes (one without `batch`), or the refusal of a plan that
    /// does not fit one without `batch`: what [`Store::apply_import`] will write, checked
    /// before anything is asked or sent.
    pub fn import_writes(
        &self,
        plan: &ImportPlan,
        reason: Option<String>,
        batch: bool,
    ) -> Result<Vec<Write>> {
        let write = |changes: Vec<Change>| Write {
            action: "import".into(),
            changes,
            reason: reason.clone(),
        };
        Ok(match batch {
            false => {
                let whole = write(plan.changes.clone());
                self.check_fits(&whole).map_err(|e| self.too_big(plan, e))?;
                vec![whole]
            }
            true => {
                let mut writes = Vec::new();
                let mut current = write(Vec::new());
                for change in &plan.changes {
                    current.changes.push(change.clone());
                    if current.changes.len() > 1 && self.check_fits(&current).is_err() {
                        let last = current.changes.pop().expect("just pushed");
                        writes.push(std::mem::replace(&mut current, write(vec![last])));
                    }
                }
                self.check_fits(&current)?;
                writes.push(current);
                writes
            }
        })
    }

    /// The refusal of a plan that does not fit one transaction.
    fn too_big(&self, plan: &ImportPlan, e: Error) -> Error {
        let hint = "--batch applies it in key order in several transactions, and is safe to run again (a re-run applies only what is left); --max-txn-ops N tells etcdkit etcd's limit when it runs with another --max-txn-ops";
        let max = self.limits().max_txn_ops;
        match e {
            _ if plan.changes.len() > self.limits().max_changes() => Error::usage_with_hint(
                format!(
                    "the import makes {} changes, which do not fit in one transaction: etcd takes at most {max} operations in one (its --max-txn-ops), one of them the audit record, so at most {} changes",
                    plan.changes.len(),
                    self.limits().max_changes()
                ),
                hint,
            ),
            Error::Usage { message, .. } => Error::usage_with_hint(
                format!("the import does not fit in one transaction: {message}"),
                hint,
            ),
            other => other,
        }
    }
}

/// A guarded change that found its key changed since the plan, or a transaction larger than
/// etcd takes, said as an import's.
fn stale(e: Error, plan: &ImportPlan) -> Error {
    match e {
        Error::Conflict { key, revision, .. } => Error::Stale {
            message: format!(
                "{key} changed since the import's plan was read at revision {}{}: this transaction was not written",
                plan.read_revision,
                match revision {
                    Some(r) => format!(" (it is now at revision {r})"),
                    None => " (it is now deleted)".to_string(),
                }
            ),
            hint: "run the import again: it reads the tree anew, shows the new plan and applies it"
                .into(),
        },
        Error::Etcd { cause, .. } if cause.contains("too many operations") => Error::usage_with_hint(
            format!("etcd refused the transaction: {cause}; nothing of it was written"),
            "etcd runs with a lower --max-txn-ops than etcdkit was told (--max-txn-ops); give etcd's own, or leave it out for etcd's default 128",
        ),
        other => other,
    }
}

//! A resumable watch: a consumer keeps a copy of a prefix, goes away, and comes back without
//! missing a change, even after etcd has compacted the history it missed.
//!
//! The problem: a watch from a revision replays what happened since, but etcd keeps only so
//! much history; once it has compacted past the revision a consumer stopped at, the changes it
//! missed are gone, and a naive consumer either fails or silently keeps keys that were deleted
//! meanwhile.
//!
//! Run it: `scripts/dev-cluster up`, then
//! `cargo run --example watch -- --endpoints 127.0.0.1:2379`.
//!
//! What it shows: a consumer follows a prefix with [`watch::follow`] (a snapshot, then the
//! changes), keeping each key with its mod revision. It stops at some revision (its follower
//! dropped, as when its process goes down) while keys are added, changed and deleted, and
//! comes back with [`watch::resume`] from its revision and its keys: the changes replay one
//! revision at a time. It stops again; more changes, and then etcd compacts its history past
//! where the consumer stopped. Resumed, the watch layer finds the history gone, lists the keys
//! again and delivers one resync: the difference from the consumer's keys, deletes included.
//! It checks that the first resume replayed the changes (or resynced, when another client of
//! the cluster compacted meanwhile), the second resynced, and that the consumer's copy ends
//! equal to etcd's keys (values and mod revisions).
//!
//! Safety notes:
//! - The example compacts the whole store's history up to its last write (every watcher of
//!   the cluster is affected; etcdkit's watch layer resyncs, others may not): run it against a
//!   development cluster.
//! - A resync is not a list of what happened, only of where things ended: a key created and
//!   deleted while the consumer was away is never seen. Where every step matters (an audit
//!   trail), keep history in keys of its own, not in etcd's revisions.
//! - Save the revision together with the state it describes (atomically): a revision newer
//!   than the state loses changes on resume, an older one replays some twice.

mod common;

use std::collections::BTreeMap;

use bytes::Bytes;
use etcd_client::{Client, GetOptions};
use etcdkit::conn::Target;
use etcdkit::watch::{self, EventKind, FollowOptions, Follower, Keys, UpdateKind};

/// The consumer's copy of the keys, and the revision it reflects.
#[derive(Default)]
struct Copy {
    keys: BTreeMap<Bytes, (Bytes, i64)>,
    revision: i64,
}

struct Consumer<'a> {
    ex: &'a common::Example,
    dir: String,
    copy: Copy,
}

impl Consumer<'_> {
    fn name<'k>(&self, key: &'k [u8]) -> std::borrow::Cow<'k, str> {
        let key = key.strip_prefix(self.dir.as_bytes()).unwrap_or(key);
        String::from_utf8_lossy(key.strip_prefix(b"/").unwrap_or(key))
    }

    /// Reads updates until its copy reflects `revision`; returns the kinds of update it got.
    async fn read_until(
        &mut self,
        follower: &mut Follower,
        revision: i64,
    ) -> Result<Vec<UpdateKind>, String> {
        let mut kinds = Vec::new();
        while self.copy.revision < revision {
            let update = follower.next().await.map_err(|e| e.to_string())?;
            if update.kind != UpdateKind::Progress {
                kinds.push(update.kind);
            }
            let mut said = Vec::new();
            for event in &update.events {
                let key = event.key.clone();
                said.push(match event.kind {
                    EventKind::Put => {
                        let value = event.entry.value.clone();
                        let shown =
                            format!("{}={}", self.name(&key), String::from_utf8_lossy(&value));
                        self.copy
                            .keys
                            .insert(key, (value, event.entry.mod_revision));
                        shown
                    }
                    EventKind::Delete => {
                        self.copy.keys.remove(&key);
                        format!("{} deleted", self.name(&key))
                    }
                });
            }
            self.copy.revision = update.revision;
            self.ex.say(format!(
                "  {} at revision {}: {}",
                update.kind.as_str(),
                update.revision,
                if said.is_empty() {
                    "nothing".to_string()
                } else {
                    said.join(", ")
                }
            ));
        }
        Ok(kinds)
    }

    /// Comes back: follows on from its revision, with the keys it kept (each with its mod
    /// revision).
    async fn resume(&self, target: &Target, options: FollowOptions) -> Result<Follower, String> {
        let revision = self.copy.revision;
        self.ex.say(format!("it resumes after revision {revision}"));
        let kept = self.copy.keys.iter().map(|(k, (_, rev))| (k.clone(), *rev));
        watch::resume(target, options, revision, kept)
            .await
            .map_err(|e| e.to_string())
    }
}

#[tokio::main]
async fn main() {
    let ex = common::Example::from_args("watch");
    ex.run(async |target, client| run(&ex, target, client).await)
        .await
}

/// Puts (`Some(value)`) and deletes (`None`) keys under `dir`, one revision each; returns the
/// last revision.
async fn write(
    client: &Client,
    dir: &str,
    changes: &[(&str, Option<&str>)],
) -> Result<i64, String> {
    let mut kv = client.kv_client();
    let mut revision = 0;
    for (name, value) in changes {
        let key = format!("{dir}/{name}");
        let header = match value {
            Some(value) => kv.put(key, *value, None).await.map(|r| r.header().cloned()),
            None => kv.delete(key, None).await.map(|r| r.header().cloned()),
        };
        revision = header
            .map_err(|e| e.to_string())?
            .map_or(0, |h| h.revision());
    }
    Ok(revision)
}

fn shown(changes: &[(&str, Option<&str>)]) -> String {
    let said: Vec<String> = changes
        .iter()
        .map(|(name, value)| match value {
            Some(value) => format!("{name}={value}"),
            None => format!("{name} deleted"),
        })
        .collect();
    said.join(", ")
}

async fn run(ex: &common::Example, target: &Target, client: &Client) -> Result<String, String> {
    let dir = ex.key("items");
    let options = || FollowOptions::new(Keys::prefix(dir.as_str()));
    let mut consumer = Consumer {
        ex,
        dir: dir.clone(),
        copy: Copy::default(),
    };

    let first = [
        ("item-1", Some("v1")),
        ("item-2", Some("v1")),
        ("item-3", Some("v1")),
    ];
    let at = write(client, &dir, &first).await?;
    ex.say(format!("the consumer follows {dir}/"));
    let mut follower = watch::follow(target, options())
        .await
        .map_err(|e| e.to_string())?;
    consumer.read_until(&mut follower, at).await?;
    drop(follower);
    ex.say(format!(
        "the consumer stops at revision {}, keeping its {} keys and that revision",
        consumer.copy.revision,
        consumer.copy.keys.len()
    ));

    let away = [
        ("item-4", Some("v1")),
        ("item-2", Some("v2")),
        ("item-1", None),
    ];
    let at = write(client, &dir, &away).await?;
    ex.say(format!("while it is away: {}", shown(&away)));
    let mut follower = consumer.resume(target, options()).await?;
    let replayed = consumer.read_until(&mut follower, at).await?;
    drop(follower);
    if replayed == [UpdateKind::Resync] {
        // Another client of the cluster compacted meanwhile: the history was gone already.
        ex.say("(someone else compacted the history meanwhile: a resync instead of the replay)");
    } else if replayed.iter().any(|k| *k != UpdateKind::Changes) || replayed.len() != away.len() {
        return Err(format!(
            "the first resume delivered {replayed:?}, not the {} changes",
            away.len()
        ));
    }
    ex.say(format!(
        "the consumer stops again at revision {}",
        consumer.copy.revision
    ));

    let away = [
        ("item-5", Some("v1")),
        ("item-4", Some("v2")),
        ("item-3", None),
    ];
    let at = write(client, &dir, &away).await?;
    ex.say(format!("while it is away: {}", shown(&away)));
    match client.clone().compact(at, None).await {
        Ok(_) => {}
        // Someone else compacted further already: the history is gone all the same.
        Err(e)
            if e.to_string()
                .contains("required revision has been compacted") => {}
        Err(e) => return Err(format!("compacting: {e}")),
    }
    ex.say(format!(
        "etcd compacts its history up to revision {at}: the changes after {} are gone from it",
        consumer.copy.revision
    ));
    let mut follower = consumer.resume(target, options()).await?;
    let resynced = consumer.read_until(&mut follower, at).await?;
    if resynced != [UpdateKind::Resync] || follower.resyncs() != 1 {
        return Err(format!(
            "the resume after the compaction delivered {resynced:?}, not one resync"
        ));
    }
    let live = [("item-6", Some("v1"))];
    let at = write(client, &dir, &live).await?;
    ex.say(format!("and it follows on: {}", shown(&live)));
    consumer.read_until(&mut follower, at).await?;

    let resp = client
        .kv_client()
        .get(format!("{dir}/"), Some(GetOptions::new().with_prefix()))
        .await
        .map_err(|e| e.to_string())?;
    let in_etcd: BTreeMap<Bytes, (Bytes, i64)> = resp
        .kvs()
        .iter()
        .map(|kv| {
            let value = Bytes::copy_from_slice(kv.value());
            (Bytes::copy_from_slice(kv.key()), (value, kv.mod_revision()))
        })
        .collect();
    let held: Vec<String> = consumer
        .copy
        .keys
        .iter()
        .map(|(k, (v, _))| format!("{}={}", consumer.name(k), String::from_utf8_lossy(v)))
        .collect();
    if in_etcd != consumer.copy.keys {
        return Err(format!(
            "the consumer holds {held:?}, which is not what etcd holds"
        ));
    }
    Ok(format!(
        "resumed twice, the second time past a compaction (one resync, deletes included): the consumer holds what etcd holds at revision {at}: {}",
        held.join(", ")
    ))
}

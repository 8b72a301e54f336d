//! Configuration in etcd: typed values every instance reads, changed at run time without a
//! restart, and never overwritten by a writer that had read an older value.
//!
//! The example writes `db/host`, `db/port` and `db/pool` in one transaction, reads them back as
//! Rust types (`get_as::<u16>`, and the whole `db` subtree as a struct), starts a
//! [`TreeFollow`] of `db` that "reloads" its settings on every change, raises the pool size and
//! waits for the reload to see it. Then two writers both read `db/port` and both try a
//! compare-and-swap on the revision they read: the first wins, the second is refused
//! (`Error::Conflict`) and nothing it meant is written.
//!
//! ```text
//! scripts/dev-cluster up
//! cargo run --example config -- --endpoints 127.0.0.1:2379
//! ```
//!
//! Safety: a write without an expectation is "last write wins"; a read-modify-write must
//! pass the revision it read (`Expect::Revision`, `--if-revision`) or two writers can lose
//! each other's change. Every write is one transaction with its audit record (`ROOT/.audit`).
//! A follow resumes from the revision it had after a member is lost, and after a compaction
//! lists the tree again and hands over the difference: a reload may see several changes at
//! once, never half a transaction. During a partition a follower keeps serving the last
//! settings it read: decide whether stale settings are safe for your program.

mod common;

use etcdkit::conn::Target;

use etcdkit::config::{Change, Expect, Root, Store, TreeFollow, Watched, Write};
use etcdkit::Error;
use serde::Deserialize;
use serde_json::json;
use tokio::sync::watch;

/// What the "service" reads from `db/`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
struct DbSettings {
    host: String,
    port: u16,
    pool: u32,
}

#[tokio::main]
async fn main() {
    let ex = common::Example::from_args("config");
    ex.run(async |target, client| run(&ex, target, client).await)
        .await
}

async fn run(
    ex: &common::Example,
    target: &Target,
    client: &etcd_client::Client,
) -> Result<String, String> {
    let root = Root::new(&ex.key("config")).map_err(|e| e.to_string())?;
    let store = Store::new(target, client, root.clone());

    let written = store
        .write(Write {
            action: "set".into(),
            changes: vec![
                put("db/host", json!("db.internal"))?,
                put("db/port", json!(5432))?,
                put("db/pool", json!(10))?,
            ],
            reason: Some("the example's first settings".into()),
        })
        .await
        .map_err(|e| e.to_string())?;
    ex.say(format!(
        "wrote db/host, db/port and db/pool in one transaction (revision {})",
        written.revision
    ));
    let port: Option<u16> = store.get_as("db/port").await.map_err(|e| e.to_string())?;
    ex.say(format!("get_as::<u16>(\"db/port\") = {port:?}"));
    let wrong = store.get_as::<bool>("db/port").await;
    ex.say(format!(
        "get_as::<bool>(\"db/port\") is refused: {}",
        wrong
            .as_ref()
            .err()
            .map(ToString::to_string)
            .unwrap_or_default()
    ));

    let mut follow = TreeFollow::start(target, root, &Watched::prefix("db").unwrap(), None)
        .await
        .map_err(|e| e.to_string())?;
    let first = settings(&follow)?;
    ex.say(format!("the service starts with {first:?}"));
    let (publish, mut current) = watch::channel(first);
    let reloads = tokio::spawn(async move {
        while let Ok(changes) = follow.next().await {
            if let Ok(next) = settings(&follow) {
                let keys: Vec<&str> = changes.changes.iter().map(|c| c.key.as_str()).collect();
                println!(
                    "config: reload at revision {} ({} changed): {next:?}",
                    changes.revision,
                    keys.join(", ")
                );
                if publish.send(next).is_err() {
                    break;
                }
            }
        }
    });

    ex.say("an operator raises db/pool to 20");
    store
        .write(Write {
            action: "set".into(),
            changes: vec![put("db/pool", json!(20))?],
            reason: Some("more connections".into()),
        })
        .await
        .map_err(|e| e.to_string())?;
    let reloaded = current
        .wait_for(|s| s.pool == 20)
        .await
        .map_err(|_| "the reload task ended".to_string())?
        .clone();
    ex.say(format!(
        "the service runs with pool {} now, without a restart",
        reloaded.pool
    ));

    let read = store
        .get("db/port")
        .await
        .map_err(|e| e.to_string())?
        .ok_or("db/port is gone")?;
    ex.say(format!(
        "writers A and B both read db/port = {} at revision {}",
        read.value, read.mod_revision
    ));
    let guarded = |port: u16| -> Result<Write, String> {
        Ok(Write {
            action: "set".into(),
            changes: vec![
                put("db/port", json!(port))?.expecting(Expect::Revision(read.mod_revision))
            ],
            reason: None,
        })
    };
    let a = store
        .write(guarded(6432)?)
        .await
        .map_err(|e| e.to_string())?;
    ex.say(format!(
        "A sets db/port to 6432 if it is still at revision {}: written (revision {})",
        read.mod_revision, a.revision
    ));
    let b = store.write(guarded(7432)?).await;
    let refused = matches!(b, Err(Error::Conflict { .. }));
    match &b {
        Err(e) => ex.say(format!(
            "B sets db/port to 7432 on the same condition: refused: {e}"
        )),
        Ok(w) => ex.say(format!("B's write went through (revision {})", w.revision)),
    }
    let port: Option<u16> = store.get_as("db/port").await.map_err(|e| e.to_string())?;
    let seen = current
        .wait_for(|s| s.port == 6432)
        .await
        .map_err(|_| "the reload task ended".to_string())?
        .port;
    reloads.abort();

    match (refused, port, seen) {
        (true, Some(6432), 6432) => Ok(
            "typed reads held, the running service reloaded the new pool size, and the stale compare-and-swap was refused".into(),
        ),
        _ => Err(format!(
            "B's stale write was {}; db/port is {port:?}",
            if refused { "refused" } else { "not refused" }
        )),
    }
}

fn put(key: &str, value: serde_json::Value) -> Result<Change, String> {
    Change::put(key, value).map_err(|e| e.to_string())
}

/// The `db` subtree as the service's settings.
fn settings(follow: &TreeFollow) -> Result<DbSettings, String> {
    serde_json::from_value(follow.tree().nested("db")).map_err(|e| e.to_string())
}

//! A double barrier: four workers, each with its own session, start together and finish
//! together, whenever each of them arrives. A fifth one that entered first and then crashed
//! does not count: its key went with its lease.
//!
//! `cargo run --example barrier -- --endpoints 127.0.0.1:2379`

mod common;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use etcdkit::concurrency::barrier::{Barrier, Entered};
use etcdkit::concurrency::session::Ttl;
use etcdkit::concurrency::Session;
use etcdkit::conn::Target;

use common::Example;

const WORKERS: u32 = 4;

/// What happened, in order: ("entering" | "passed" | "leaving" | "left", worker).
type Log = Arc<Mutex<Vec<(&'static str, u32)>>>;

#[tokio::main]
async fn main() {
    let ex = Arc::new(Example::from_args("barrier"));
    ex.run(async |target, client| run(&ex, target, client).await)
        .await
}

async fn run(
    ex: &Arc<Example>,
    target: &Target,
    client: &etcd_client::Client,
) -> Result<String, String> {
    let name = ex.key("start");
    ex.say(format!(
        "{WORKERS} workers will meet at the barrier {name} (keys {name}/waiters/<lease>)"
    ));

    // One that enters first and crashes: its 1 s lease runs out and it drops out.
    let crashed = Session::new(target, client, Ttl::from_secs(1))
        .await
        .map_err(|e| e.to_string())?;
    let entering = Barrier::enter(&crashed, &name, WORKERS);
    let waiters = format!("{name}/waiters/");
    tokio::select! {
        _ = entering => return Err("the barrier opened with one participant".into()),
        _ = count_is(client, &waiters, 1) => {}
    }
    drop(crashed);
    ex.say(
        "a worker entered and crashed (its keep-alive stopped); waiting for its lease to run out",
    );
    count_is(client, &waiters, 0).await;
    ex.say("its key is gone: it does not count");

    let log: Log = Arc::default();
    let workers: Vec<_> = (0..WORKERS)
        .map(|i| {
            let (ex, target, name, log) = (ex.clone(), target.clone(), name.clone(), log.clone());
            tokio::spawn(async move { worker(&ex, &target, &name, i, &log).await })
        })
        .collect();
    let mut entered = Vec::new();
    for w in workers {
        entered.push(w.await.map_err(|e| e.to_string())??);
    }
    let log = log.lock().unwrap().clone();
    check(&log, &entered)
}

/// Worker `i`: arrives `i` × 300 ms late, waits at the barrier, works `i` × 200 ms, waits for
/// the others to finish.
async fn worker(
    ex: &Example,
    target: &Target,
    name: &str,
    i: u32,
    log: &Log,
) -> Result<Entered, String> {
    let said = |what: &'static str| log.lock().unwrap().push((what, i));
    let client = target.connect().await.map_err(|e| e.to_string())?;
    let session = Session::new(target, &client, Ttl::from_secs(5))
        .await
        .map_err(|e| e.to_string())?;
    tokio::time::sleep(Duration::from_millis(300 * u64::from(i))).await;
    ex.say(format!("worker {i} arrives and enters"));
    said("entering");
    let barrier = Barrier::enter(&session, name, WORKERS)
        .await
        .map_err(|e| e.to_string())?;
    said("passed");
    let entered = barrier.entered().clone();
    ex.say(format!(
        "worker {i} passes: the barrier opened at revision {}{}",
        entered.ready_revision,
        if entered.opened {
            " (it was the last one in)"
        } else {
            ""
        }
    ));
    tokio::time::sleep(Duration::from_millis(200 * u64::from(i))).await;
    ex.say(format!("worker {i} is done and leaves"));
    said("leaving");
    barrier.leave().await.map_err(|e| e.to_string())?;
    said("left");
    ex.say(format!("worker {i} sees everyone out"));
    session.close().await;
    Ok(entered)
}

/// Nobody passed before the last one entered, nobody was out before the last one left, and
/// etcd's revisions say the same.
fn check(log: &[(&str, u32)], entered: &[Entered]) -> Result<String, String> {
    let last = |what: &str| log.iter().rposition(|(w, _)| *w == what);
    let first = |what: &str| log.iter().position(|(w, _)| *w == what);
    if first("passed") < last("entering") {
        return Err(format!(
            "a worker passed before the last one entered: {log:?}"
        ));
    }
    if first("left") < last("leaving") {
        return Err(format!(
            "a worker was out before the last one left: {log:?}"
        ));
    }
    let ready = entered[0].ready_revision;
    let last_in = entered
        .iter()
        .map(|e| e.entered_revision)
        .max()
        .unwrap_or(0);
    if entered.iter().any(|e| e.ready_revision != ready) || ready <= last_in {
        return Err(format!(
            "the barrier did not open once, after everyone: {entered:?}"
        ));
    }
    Ok(format!(
        "{WORKERS} workers passed together at revision {ready}, after the last entered at {last_in}, and left together"
    ))
}

/// Waits until `prefix` holds `n` keys (a demo's check, read every 100 ms).
async fn count_is(client: &etcd_client::Client, prefix: &str, n: i64) {
    let options = etcd_client::GetOptions::new()
        .with_prefix()
        .with_count_only();
    loop {
        let got = client.kv_client().get(prefix, Some(options.clone())).await;
        if got.is_ok_and(|g| g.count() == n) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

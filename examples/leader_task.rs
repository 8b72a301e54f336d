//! A periodic job that only the leader runs: three replicas of a "cron" service, one tick
//! every 200 ms, each tick run exactly once, by whoever leads.
//!
//! The problem: a job scheduled in every replica of a service runs once per replica; a job
//! scheduled in one replica stops when that replica dies. Elect a leader to run it, and let
//! the next leader carry on where the last one stopped.
//!
//! Run it: `scripts/dev-cluster up`, then
//! `cargo run --example leader_task -- --endpoints 127.0.0.1:2379`.
//!
//! What it shows: each replica has its own [`Session`] and [`elect::campaign`]s; the leader
//! reads which tick ran last (a key in etcd), then runs the next one every 200 ms. Each tick
//! is recorded in one transaction guarded by the leader key's create revision (the leader's
//! fencing token), so a replica that is no longer leader cannot record a tick. After five
//! ticks the leader's session is revoked (its lease ended from outside, as when etcd expires
//! it): [`elect::Leadership::lost`] tells the leader to stop, another replica is elected and
//! goes on from the next tick. It checks, from the records in etcd, that ticks 1..N each ran
//! exactly once, by one leader after the other (a replica's ticks are one unbroken run, never
//! interleaved with another's), by at least two leaders, and none by the replica whose session
//! was revoked after that.
//!
//! Safety notes:
//! - The leader stops as soon as `lost()` fires: the session says so before its lease can
//!   have run out when etcd is unreachable (a partition), so the old leader has stopped before
//!   a new one can start. The fenced transaction covers what is already in flight.
//! - The TTL (3 s here) is the longest the job goes without a leader when one dies without
//!   resigning: ticks due in that time are skipped, not run twice. A job that must catch up
//!   can read the last tick's time, as this one reads its number.
//! - A tick is recorded "only if not recorded yet" too: even a bug in the leader logic could
//!   not run one tick twice.

mod common;

use std::sync::Mutex;
use std::time::Duration;

use etcd_client::{Client, Compare, CompareOp, GetOptions, SortOrder, SortTarget, Txn, TxnOp};
use etcdkit::concurrency::elect::{self, Leadership};
use etcdkit::concurrency::session::{Session, Ttl};
use etcdkit::conn::Target;
use futures_util::future::try_join_all;
use tokio::sync::watch;

const REPLICAS: usize = 3;
const EVERY: Duration = Duration::from_millis(200);
/// Ticks by the first leader before its session is revoked, and by the next one after.
const TICKS_EACH: usize = 5;

/// One tick as run: its number and who ran it.
#[derive(Debug, Clone)]
struct Tick {
    number: u64,
    by: String,
}

struct Shared<'a> {
    ex: &'a common::Example,
    target: &'a Target,
    client: &'a Client,
    name: String,
    /// The ticks run so far, in order.
    ticks: watch::Sender<Vec<Tick>>,
    /// The current leader and its session's lease.
    leader: Mutex<Option<(String, i64)>>,
    /// Set when the example is over.
    stop: watch::Sender<bool>,
}

#[tokio::main]
async fn main() {
    let ex = common::Example::from_args("leader_task");
    ex.run(async |target, client| run(&ex, target, client).await)
        .await
}

async fn run(ex: &common::Example, target: &Target, client: &Client) -> Result<String, String> {
    let shared = Shared {
        ex,
        target,
        client,
        name: ex.key("cron-leader"),
        ticks: watch::channel(Vec::new()).0,
        leader: Mutex::new(None),
        stop: watch::channel(false).0,
    };
    ex.say(format!(
        "{REPLICAS} replicas campaign for {}; the leader runs a tick every {} ms",
        shared.name,
        EVERY.as_millis()
    ));
    let replicas = try_join_all((1..=REPLICAS).map(|n| replica(&shared, n)));
    let (_, revoked) = tokio::try_join!(replicas, direct(&shared))?;

    // What etcd recorded is the truth: one record per tick run, who ran it.
    let records = client
        .kv_client()
        .get(
            ex.key("cron/ticks/"),
            Some(
                GetOptions::new()
                    .with_prefix()
                    .with_sort(SortTarget::Key, SortOrder::Ascend),
            ),
        )
        .await
        .map_err(|e| e.to_string())?;
    let recorded: Vec<(u64, String)> = records
        .kvs()
        .iter()
        .map(|kv| {
            let key = kv.key_str().unwrap_or_default();
            let number = key.rsplit('/').next().and_then(|n| n.parse().ok());
            (
                number.unwrap_or(0),
                kv.value_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    let ticks: Vec<(u64, String)> = shared
        .ticks
        .borrow()
        .iter()
        .map(|t| (t.number, t.by.clone()))
        .collect();
    if recorded != ticks {
        return Err(format!(
            "etcd recorded {recorded:?}, the replicas said {ticks:?}"
        ));
    }
    let numbers: Vec<u64> = ticks.iter().map(|t| t.0).collect();
    let expected: Vec<u64> = (1..=ticks.len() as u64).collect();
    if numbers != expected {
        return Err(format!("ticks missed or run twice: {numbers:?}"));
    }
    // One leader after the other: a replica's ticks are one unbroken run.
    let mut leaders: Vec<&str> = ticks.iter().map(|t| t.1.as_str()).collect();
    leaders.dedup();
    let mut distinct = leaders.clone();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() != leaders.len() {
        return Err(format!("the leaders' ticks interleave: {leaders:?}"));
    }
    if leaders.len() < 2 {
        return Err(format!("only {leaders:?} ran the job"));
    }
    if leaders[1..].contains(&revoked.as_str()) {
        return Err(format!("{revoked} ran ticks after its session was revoked"));
    }
    Ok(format!(
        "ticks 1..{} ran once each, recorded in etcd, by {} one after the other; {revoked} stopped when its session was revoked",
        ticks.len(),
        leaders.join(" then ")
    ))
}

/// Lets the first leader run its ticks, revokes its session, lets the next one run its own,
/// then stops everyone. Returns the replica whose session was revoked.
async fn direct(shared: &Shared<'_>) -> Result<String, String> {
    let ex = shared.ex;
    let mut ticks = shared.ticks.subscribe();
    let closed = |_| "the replicas are gone".to_string();
    ticks
        .wait_for(|t| t.len() >= TICKS_EACH)
        .await
        .map_err(closed)?;
    let (who, lease) = shared
        .leader
        .lock()
        .unwrap()
        .clone()
        .ok_or("no leader after its ticks")?;
    ex.say(format!(
        "{who}'s session is revoked (lease {lease:x}): as if etcd had expired it"
    ));
    shared
        .client
        .lease_client()
        .revoke(lease)
        .await
        .map_err(|e| format!("revoking {who}'s lease: {e}"))?;
    ticks
        .wait_for(|t| t.iter().rev().take(TICKS_EACH).all(|t| t.by != who))
        .await
        .map_err(closed)?;
    ex.say("enough ticks: every replica stops");
    shared.stop.send_replace(true);
    Ok(who)
}

/// One replica: campaigns, and while it leads, runs the job every tick; stops when told to
/// or when it loses leadership.
async fn replica(shared: &Shared<'_>, n: usize) -> Result<(), String> {
    let who = format!("replica-{n}");
    let failed = |e: etcdkit::Error| format!("{who}: {e}");
    let session = Session::new(shared.target, shared.client, Ttl::from_secs(3))
        .await
        .map_err(failed)?;
    let mut stop = shared.stop.subscribe();
    let outcome = tokio::select! {
        elected = elect::campaign(&session, &shared.name, &who) => {
            let leadership = elected.map_err(failed)?;
            lead(shared, &who, leadership).await
        }
        _ = stop.wait_for(|s| *s) => Ok(()),
    };
    session.close().await;
    outcome
}

/// The leader's part: a tick every EVERY, each recorded under the fencing token.
async fn lead(shared: &Shared<'_>, who: &str, leadership: Leadership<'_>) -> Result<(), String> {
    let ex = shared.ex;
    let last_key = ex.key("cron/last-tick");
    let last = shared
        .client
        .kv_client()
        .get(last_key.as_str(), None)
        .await
        .map_err(|e| format!("{who}: {e}"))?;
    let mut number: u64 = last
        .kvs()
        .first()
        .and_then(|kv| kv.value_str().ok()?.parse().ok())
        .unwrap_or(0);
    let token = leadership.revision();
    *shared.leader.lock().unwrap() = Some((who.to_string(), leadership.session().lease_id()));
    ex.say(format!(
        "{who} leads (fencing token {token}); the last tick run was {number}, it goes on from there"
    ));
    let mut stop = shared.stop.subscribe();
    let mut every = tokio::time::interval(EVERY);
    loop {
        tokio::select! {
            _ = every.tick() => {}
            reason = leadership.lost() => {
                ex.say(format!("{who} is no longer leader ({reason}): it stops running the job"));
                return Ok(());
            }
            _ = stop.wait_for(|s| *s) => {
                ex.say(format!("{who} resigns"));
                return leadership.resign().await.map_err(|e| format!("{who}: {e}"));
            }
        }
        number += 1;
        // The job's result, recorded only while we lead and only if this tick has no record.
        let tick_key = ex.key(&format!("cron/ticks/{number:06}"));
        let record = Txn::new()
            .when([
                Compare::create_revision(leadership.key(), CompareOp::Equal, token),
                Compare::version(tick_key.as_str(), CompareOp::Equal, 0),
            ])
            .and_then([
                TxnOp::put(tick_key.as_str(), who, None),
                TxnOp::put(last_key.as_str(), number.to_string(), None),
            ]);
        let recorded = shared
            .client
            .kv_client()
            .txn(record)
            .await
            .map_err(|e| format!("{who}: {e}"))?;
        if !recorded.succeeded() {
            ex.say(format!(
                "{who} may not record tick {number}: its fencing token {token} is stale, it stops"
            ));
            return Ok(());
        }
        ex.say(format!("{who} ran tick {number}"));
        shared.ticks.send_modify(|t| {
            t.push(Tick {
                number,
                by: who.to_string(),
            })
        });
    }
}

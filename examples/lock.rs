//! A distributed lock: four workers share one counter in etcd, and only the lock holder may
//! read it, work, and write it back.
//!
//! The problem: read-modify-write from several processes loses updates when two of them read
//! the same value. A lock makes them take turns.
//!
//! Run it: `scripts/dev-cluster up`, then
//! `cargo run --example lock -- --endpoints 127.0.0.1:2379`.
//!
//! What it shows: each worker has its own [`Session`] (a lease kept alive) and takes the lock
//! with [`lock::acquire`] three times; while it holds it, it reads the counter, works a little
//! and writes the counter back. It checks that no two workers were ever inside at once, that
//! the counter ends at 4 x 3 = 12, and that the fencing tokens only grew.
//!
//! Safety notes:
//! - A lock in etcd is a lease: a holder that pauses (GC, SIGSTOP, a partition) longer than
//!   its TTL loses the lock while it still believes it holds it. So every write the lock
//!   protects carries the holder's fencing token ([`lock::LockGuard::fencing_token`], the
//!   holder key's create revision, which grows from one holder to the next): writes to etcd
//!   are guarded in the same transaction by "my lock key still has this create revision", and
//!   a storage outside etcd refuses a token older than one it has seen (as this example's
//!   `Storage` does; the stale writer at the end is refused).
//! - The TTL is how long the lock stays stuck after a holder dies without releasing it (here
//!   5 s): short enough to recover quickly, long enough that a busy holder renews in time (the
//!   session renews every third of it).
//! - Partitioned from etcd, a holder is told by [`lock::LockGuard::lost`] before its lease can
//!   have run out, and must stop; the fencing token covers the writes already in flight.

mod common;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use etcd_client::{Client, Compare, CompareOp, Txn, TxnOp};
use etcdkit::concurrency::lock::{self, LockOptions};
use etcdkit::concurrency::session::{Session, Ttl};
use etcdkit::conn::Target;
use futures_util::future::join_all;

const WORKERS: usize = 4;
const ROUNDS: usize = 3;

/// A storage outside etcd that checks fencing tokens: it refuses a write whose token is older
/// than the newest it has seen.
#[derive(Default)]
struct Storage {
    newest_token: i64,
    /// The tokens of the writes it took, in order.
    tokens: Vec<i64>,
}

impl Storage {
    fn write(&mut self, token: i64) -> Result<(), String> {
        if token < self.newest_token {
            return Err(format!(
                "refused: token {token} is older than {}",
                self.newest_token
            ));
        }
        self.newest_token = token;
        self.tokens.push(token);
        Ok(())
    }
}

/// What the workers share in this process, to check the lock from the outside.
struct Shared<'a> {
    ex: &'a common::Example,
    target: &'a Target,
    client: &'a Client,
    inside: AtomicBool,
    overlaps: Mutex<Vec<String>>,
    storage: Mutex<Storage>,
}

#[tokio::main]
async fn main() {
    let ex = common::Example::from_args("lock");
    ex.run(async |target, client| run(&ex, target, client).await)
        .await
}

async fn run(ex: &common::Example, target: &Target, client: &Client) -> Result<String, String> {
    let shared = Shared {
        ex,
        target,
        client,
        inside: AtomicBool::new(false),
        overlaps: Mutex::new(Vec::new()),
        storage: Mutex::new(Storage::default()),
    };
    ex.say(format!(
        "{WORKERS} workers take the lock {} {ROUNDS} times each, to add 1 to {}",
        ex.key("lock"),
        ex.key("counter")
    ));
    let outcomes = join_all((1..=WORKERS).map(|n| worker(&shared, n))).await;
    for outcome in outcomes {
        outcome?;
    }

    let overlaps = shared.overlaps.lock().unwrap().clone();
    if !overlaps.is_empty() {
        return Err(format!("two holders at once: {}", overlaps.join("; ")));
    }
    let count = read_counter(client, &ex.key("counter")).await?;
    let expected = (WORKERS * ROUNDS) as i64;
    if count != expected {
        return Err(format!(
            "the counter is {count}, not {expected}: updates were lost"
        ));
    }
    let mut storage = shared.storage.lock().unwrap();
    let tokens = storage.tokens.clone();
    if tokens.windows(2).any(|w| w[0] >= w[1]) {
        return Err(format!("the fencing tokens did not only grow: {tokens:?}"));
    }
    ex.say(format!(
        "the fencing tokens, holder after holder: {tokens:?}"
    ));
    // A worker that took the lock first, paused (GC, SIGSTOP) past its lease, and now wakes
    // up to write: its token is older than the newest the storage has seen.
    let stale = tokens[0];
    match storage.write(stale) {
        Err(why) => ex.say(format!(
            "a paused first holder wakes and writes with token {stale}: the storage {why}"
        )),
        Ok(()) => return Err(format!("the storage took a stale token {stale}")),
    }
    Ok(format!(
        "{} turns, never two holders at once, counter = {count}, fencing tokens {}..{} only grew, the stale one refused",
        tokens.len(),
        tokens[0],
        tokens[tokens.len() - 1]
    ))
}

/// One worker: a session of its own, then ROUNDS turns with the lock.
async fn worker(shared: &Shared<'_>, n: usize) -> Result<(), String> {
    let who = format!("worker-{n}");
    let session = Session::new(shared.target, shared.client, Ttl::from_secs(5))
        .await
        .map_err(|e| format!("{who}: no session: {e}"))?;
    let options = LockOptions {
        holder: who.clone(),
        ttl: Ttl::from_secs(5),
        ..LockOptions::default()
    };
    let turns = async {
        for _ in 0..ROUNDS {
            turn(shared, &session, &options, &who).await?;
        }
        Ok(())
    };
    let outcome = turns.await;
    // Revokes the lease: were the lock still held, this would release it too.
    session.close().await;
    outcome
}

/// One turn: take the lock, read, work, write guarded by the fencing token, release.
async fn turn(
    shared: &Shared<'_>,
    session: &Session,
    options: &LockOptions,
    who: &str,
) -> Result<(), String> {
    let ex = shared.ex;
    let guard = lock::acquire(session, &ex.key("lock"), options)
        .await
        .map_err(|e| format!("{who}: {e}"))?;
    let token = guard.fencing_token();
    if shared.inside.swap(true, Ordering::SeqCst) {
        shared
            .overlaps
            .lock()
            .unwrap()
            .push(format!("{who} got in with token {token}"));
    }
    let counter = ex.key("counter");
    let before = read_counter(shared.client, &counter).await?;
    ex.say(format!(
        "{who} holds the lock (fencing token {token}): the counter is {before}"
    ));
    // The work takes a while: long enough for anyone without the lock to read the same value.
    tokio::time::sleep(Duration::from_millis(10)).await;

    shared.storage.lock().unwrap().write(token)?;
    // The write to etcd is fenced in the same transaction: only while our key is still ours.
    let guarded = Txn::new()
        .when([Compare::create_revision(
            guard.key(),
            CompareOp::Equal,
            token,
        )])
        .and_then([TxnOp::put(counter, (before + 1).to_string(), None)]);
    let written = shared
        .client
        .kv_client()
        .txn(guarded)
        .await
        .map_err(|e| format!("{who}: {e}"))?;
    if !written.succeeded() {
        return Err(format!("{who} lost the lock before it could write"));
    }
    shared.inside.store(false, Ordering::SeqCst);
    guard.release().await.map_err(|e| format!("{who}: {e}"))?;
    ex.say(format!("{who} wrote {} and released the lock", before + 1));
    Ok(())
}

async fn read_counter(client: &Client, key: &str) -> Result<i64, String> {
    let resp = client
        .kv_client()
        .get(key, None)
        .await
        .map_err(|e| format!("reading {key}: {e}"))?;
    match resp.kvs().first() {
        None => Ok(0),
        Some(kv) => kv
            .value_str()
            .ok()
            .and_then(|v| v.parse().ok())
            .ok_or_else(|| format!("{key} holds no number")),
    }
}

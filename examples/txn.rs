//! Compare-and-swap: bank transfers between accounts in etcd, by many concurrent writers,
//! that never create or lose money.
//!
//! The problem: a transfer reads two balances and writes two new ones. Two writers that read
//! the same balance both write their result, and one transfer is lost (money appears or
//! vanishes). etcd's transactions compare before they write: "only if neither account changed
//! since I read it (same mod revision), write both; else tell me", and the writer reads again
//! and retries.
//!
//! Run it: `scripts/dev-cluster up`, then
//! `cargo run --example txn -- --endpoints 127.0.0.1:2379`.
//!
//! What it shows: first the naive way, read then write with no comparison, on accounts of its
//! own, to show the drift it usually leaves (not checked: a run can be lucky). Then 8 writers
//! make 20 transfers each between 5 accounts of 100, each one transaction that compares both
//! accounts' mod revisions and writes both balances and a record of the transfer, retrying on
//! a conflict. Meanwhile an auditor reads all accounts at one revision, again and again. It
//! checks that every audit and the end found the total at 500 and no account below 0, and
//! that each transfer is recorded once.
//!
//! Safety notes:
//! - A transfer also records itself under its id, in the same transaction, only if no record
//!   exists: when the answer to a transaction is lost (a timeout, a member going away) the
//!   writer cannot tell whether it was applied, and retrying blindly would move the money
//!   twice. Reading the record first makes a retry safe ([`etcdkit::conn::ConnectOptions::txn_with_retry`]
//!   retries such a transaction through passing trouble).
//! - Compare mod revisions, not values: two writes can leave the same value (A-B-A), and a
//!   value comparison would not see them.
//! - Reads of several keys are consistent only within one request (a range, or a transaction
//!   of gets): the auditor reads all accounts in one range.
//! - During a partition the minority side cannot commit at all: the writes wait and fail,
//!   they are never applied on both sides.

mod common;

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use etcd_client::{Client, Compare, CompareOp, GetOptions, Txn, TxnOp, TxnOpResponse};
use etcdkit::conn::Target;
use futures_util::future::{join_all, try_join_all};

const ACCOUNTS: [&str; 5] = ["alice", "bob", "carol", "dave", "erin"];
const OPENING: i64 = 100;
const WRITERS: usize = 8;
const TRANSFERS: usize = 20;

struct Bank<'a> {
    ex: &'a common::Example,
    target: &'a Target,
    client: &'a Client,
    /// The accounts' directory: `.../accounts` or `.../naive`.
    dir: String,
    conflicts: AtomicUsize,
    declined: AtomicUsize,
    done: AtomicBool,
}

impl Bank<'_> {
    fn account(&self, name: &str) -> String {
        format!("{}/{name}", self.dir)
    }

    fn record(&self, id: &str) -> String {
        format!("{}-transfers/{id}", self.dir)
    }

    async fn open(&self) -> Result<(), String> {
        let puts: Vec<TxnOp> = ACCOUNTS
            .iter()
            .map(|a| TxnOp::put(self.account(a), OPENING.to_string(), None))
            .collect();
        self.client
            .kv_client()
            .txn(Txn::new().and_then(puts))
            .await
            .map_err(|e| e.to_string())?;
        Ok(())
    }

    /// Every balance, read at one revision.
    async fn balances(&self) -> Result<(i64, Vec<(String, i64)>), String> {
        let resp = self
            .client
            .kv_client()
            .get(
                format!("{}/", self.dir),
                Some(GetOptions::new().with_prefix()),
            )
            .await
            .map_err(|e| e.to_string())?;
        let revision = resp.header().map_or(0, |h| h.revision());
        let balances = resp
            .kvs()
            .iter()
            .map(|kv| {
                let name = kv
                    .key_str()
                    .unwrap_or("?")
                    .rsplit('/')
                    .next()
                    .unwrap_or("?");
                (name.to_string(), amount(kv.value()))
            })
            .collect();
        Ok((revision, balances))
    }
}

fn amount(value: &[u8]) -> i64 {
    std::str::from_utf8(value)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(i64::MIN)
}

#[tokio::main]
async fn main() {
    let ex = common::Example::from_args("txn");
    ex.run(async |target, client| run(&ex, target, client).await)
        .await
}

async fn run(ex: &common::Example, target: &Target, client: &Client) -> Result<String, String> {
    let bank = |dir: &str| Bank {
        ex,
        target,
        client,
        dir: ex.key(dir),
        conflicts: AtomicUsize::new(0),
        declined: AtomicUsize::new(0),
        done: AtomicBool::new(false),
    };
    let total = OPENING * ACCOUNTS.len() as i64;

    let naive = bank("naive");
    naive.open().await?;
    ex.say(format!(
        "without compare-and-swap: {WRITERS} writers x {TRANSFERS} transfers, read then write"
    ));
    join_all((0..WRITERS).map(|w| writer(&naive, w, false))).await;
    let (_, balances) = naive.balances().await?;
    let drift = balances.iter().map(|(_, b)| b).sum::<i64>() - total;
    ex.say(format!(
        "without compare-and-swap the bank holds {} instead of {total}: {}",
        total + drift,
        match drift {
            0 => "lucky this time, no update was lost".to_string(),
            d if d > 0 => format!("{d} appeared from lost updates"),
            d => format!("{} vanished in lost updates", -d),
        }
    ));

    let safe = bank("accounts");
    safe.open().await?;
    ex.say(format!(
        "with compare-and-swap: {} accounts of {OPENING} under {}, {WRITERS} writers x {TRANSFERS} transfers, an auditor reading along",
        ACCOUNTS.len(),
        safe.dir
    ));
    let writers = async {
        let outcome = try_join_all((0..WRITERS).map(|w| writer(&safe, w, true))).await;
        safe.done.store(true, Ordering::SeqCst);
        outcome
    };
    let (_, audits) = tokio::try_join!(writers, audit(&safe, total))?;

    let (revision, balances) = safe.balances().await?;
    let sum: i64 = balances.iter().map(|(_, b)| b).sum();
    let shown: Vec<String> = balances.iter().map(|(n, b)| format!("{n} {b}")).collect();
    ex.say(format!("at revision {revision}: {}", shown.join(", ")));
    if sum != total || balances.iter().any(|(_, b)| *b < 0) {
        return Err(format!(
            "the bank holds {sum}, not {total}: {}",
            shown.join(", ")
        ));
    }
    let records = client
        .kv_client()
        .get(
            safe.record(""),
            Some(GetOptions::new().with_prefix().with_count_only()),
        )
        .await
        .map_err(|e| e.to_string())?
        .count();
    let declined = safe.declined.load(Ordering::SeqCst);
    let made = (WRITERS * TRANSFERS - declined) as i64;
    if records != made {
        return Err(format!("{made} transfers made but {records} recorded"));
    }
    Ok(format!(
        "{made} transfers ({declined} declined for lack of funds, {} conflicts retried): {audits} audits and the end all found {total}, no account below 0",
        safe.conflicts.load(Ordering::SeqCst)
    ))
}

/// One writer: TRANSFERS random transfers, compared (`guarded`) or naive.
async fn writer(bank: &Bank<'_>, w: usize, guarded: bool) -> Result<(), String> {
    let mut rng = fastrand::Rng::with_seed(w as u64 + 1);
    for t in 0..TRANSFERS {
        let from = ACCOUNTS[rng.usize(..ACCOUNTS.len())];
        let mut to = ACCOUNTS[rng.usize(..ACCOUNTS.len())];
        while to == from {
            to = ACCOUNTS[rng.usize(..ACCOUNTS.len())];
        }
        let sum = rng.i64(1..=40);
        let id = format!("w{w}-t{t:02}");
        if guarded {
            transfer(bank, &id, from, to, sum).await?;
        } else {
            naive_transfer(bank, from, to, sum).await?;
        }
    }
    Ok(())
}

/// Read both balances (and the record) in one request: (from, its mod revision, to, its mod
/// revision, recorded already).
async fn read(bank: &Bank<'_>, from: &str, to: &str, id: &str) -> Result<[i64; 5], String> {
    let reads = Txn::new().and_then([
        TxnOp::get(bank.account(from), None),
        TxnOp::get(bank.account(to), None),
        TxnOp::get(bank.record(id), None),
    ]);
    let conn = bank.target.options();
    let resp = conn
        .txn_with_retry(&bank.client.kv_client(), reads)
        .await
        .map_err(|e| e.to_string())?;
    let mut got = resp.op_responses().into_iter().map(|op| match op {
        TxnOpResponse::Get(get) => get
            .kvs()
            .first()
            .map(|kv| (amount(kv.value()), kv.mod_revision())),
        _ => None,
    });
    let (Some(Some(a)), Some(Some(b)), Some(record)) = (got.next(), got.next(), got.next()) else {
        return Err(format!("{from} or {to} has no account"));
    };
    Ok([a.0, a.1, b.0, b.1, i64::from(record.is_some())])
}

/// A transfer by compare-and-swap, retried on conflict; declined when `from` lacks the sum.
async fn transfer(bank: &Bank<'_>, id: &str, from: &str, to: &str, sum: i64) -> Result<(), String> {
    loop {
        let [a, a_rev, b, b_rev, recorded] = read(bank, from, to, id).await?;
        if recorded == 1 {
            // An earlier attempt went through, its answer lost: done, not twice.
            return Ok(());
        }
        if a < sum {
            bank.declined.fetch_add(1, Ordering::SeqCst);
            return Ok(());
        }
        let swap = Txn::new()
            .when([
                Compare::mod_revision(bank.account(from), CompareOp::Equal, a_rev),
                Compare::mod_revision(bank.account(to), CompareOp::Equal, b_rev),
                Compare::version(bank.record(id), CompareOp::Equal, 0),
            ])
            .and_then([
                TxnOp::put(bank.account(from), (a - sum).to_string(), None),
                TxnOp::put(bank.account(to), (b + sum).to_string(), None),
                TxnOp::put(bank.record(id), format!("{from} -> {to}: {sum}"), None),
            ]);
        let conn = bank.target.options();
        let resp = conn
            .txn_with_retry(&bank.client.kv_client(), swap)
            .await
            .map_err(|e| e.to_string())?;
        if resp.succeeded() {
            return Ok(());
        }
        let n = bank.conflicts.fetch_add(1, Ordering::SeqCst) + 1;
        if n <= 3 {
            bank.ex.say(format!(
                "transfer {id} ({from} -> {to}: {sum}) conflicts: {from} or {to} changed since it read them; it reads again"
            ));
        }
    }
}

/// The naive transfer: read, then write what it read plus or minus the sum.
async fn naive_transfer(bank: &Bank<'_>, from: &str, to: &str, sum: i64) -> Result<(), String> {
    let [a, _, b, _, _] = read(bank, from, to, "naive").await?;
    if a < sum {
        return Ok(());
    }
    let write = Txn::new().and_then([
        TxnOp::put(bank.account(from), (a - sum).to_string(), None),
        TxnOp::put(bank.account(to), (b + sum).to_string(), None),
    ]);
    bank.client
        .kv_client()
        .txn(write)
        .await
        .map_err(|e| e.to_string())?;
    Ok(())
}

/// Reads every account at one revision until the writers are done; each audit must find the
/// total and no account below 0. Returns how many audits it made.
async fn audit(bank: &Bank<'_>, total: i64) -> Result<usize, String> {
    let mut audits = 0;
    while !bank.done.load(Ordering::SeqCst) {
        let (revision, balances) = bank.balances().await?;
        let sum: i64 = balances.iter().map(|(_, b)| b).sum();
        if sum != total || balances.iter().any(|(_, b)| *b < 0) {
            return Err(format!(
                "the audit at revision {revision} found {sum}: {balances:?}"
            ));
        }
        audits += 1;
    }
    bank.ex.say(format!(
        "the auditor read every account {audits} times, each at one revision: always {total}, none below 0"
    ));
    Ok(audits)
}

//! Leader election: three candidates, one leader at a time, and an observer that follows who
//! leads.
//!
//! The problem: several replicas of a service, and some work (a scheduler, a writer) that
//! exactly one of them must do. They elect a leader; when it steps down another takes over,
//! and everyone else can see who leads right now.
//!
//! Run it: `scripts/dev-cluster up`, then
//! `cargo run --example election -- --endpoints 127.0.0.1:2379`.
//!
//! What it shows: each candidate has its own [`Session`] and calls [`elect::campaign`], which
//! returns once it leads. The leader announces itself with [`elect::Leadership::proclaim`]; an
//! [`elect::Observer`] (here the main task) sees each leader and each proclamation and then
//! tells the leader to [`elect::Leadership::resign`], so the next one in line takes over. It
//! checks that the observer saw all three leaders in the order they were elected, that never
//! two led at once, that each leader's revision is higher than the last, and that in the end
//! nobody leads ([`elect::leader`] says so).
//!
//! Safety notes:
//! - Leadership is a lease: a leader that pauses or is cut off longer than its TTL is no longer
//!   the leader, whatever it believes. [`elect::Leadership::lost`] says so before the lease can
//!   have run out; a leader must stop leading then. Writes made as leader should be guarded by
//!   the leader key's create revision ([`elect::Leadership::revision`], a fencing token), as
//!   `proclaim` itself is.
//! - The TTL is how long the service goes without a leader when one dies without resigning
//!   (see the `ha` example); resigning hands over at once.
//! - Candidates wait in line by create revision, each watching only the key ahead of it: a
//!   leader leaving wakes one candidate, not all of them.

mod common;

use std::sync::atomic::{AtomicBool, Ordering};

use etcd_client::Client;
use etcdkit::concurrency::elect::{self, Observer};
use etcdkit::concurrency::session::{Session, Ttl};
use etcdkit::conn::Target;
use futures_util::future::try_join_all;
use tokio::sync::Notify;

const CANDIDATES: usize = 3;

struct Shared<'a> {
    ex: &'a common::Example,
    target: &'a Target,
    client: &'a Client,
    name: String,
    /// Set while a candidate leads, by the candidate itself.
    leading: AtomicBool,
    /// One per candidate: the observer tells it to resign.
    resign: Vec<Notify>,
}

#[tokio::main]
async fn main() {
    let ex = common::Example::from_args("election");
    ex.run(async |target, client| run(&ex, target, client).await)
        .await
}

async fn run(ex: &common::Example, target: &Target, client: &Client) -> Result<String, String> {
    let shared = Shared {
        ex,
        target,
        client,
        name: ex.key("election"),
        leading: AtomicBool::new(false),
        resign: (0..CANDIDATES).map(|_| Notify::new()).collect(),
    };
    ex.say(format!(
        "{CANDIDATES} candidates campaign for {}",
        shared.name
    ));
    let candidates = try_join_all((1..=CANDIDATES).map(|n| candidate(&shared, n)));
    let (_, leaders) = tokio::try_join!(candidates, observe(&shared))?;

    let order: Vec<usize> = leaders.iter().map(|(n, _)| *n).collect();
    let revisions: Vec<i64> = leaders.iter().map(|(_, r)| *r).collect();
    if revisions.windows(2).any(|w| w[0] >= w[1]) {
        return Err(format!(
            "the leaders' revisions did not grow: {revisions:?}"
        ));
    }
    let now = elect::leader(client, target.options(), &shared.name)
        .await
        .map_err(|e| e.to_string())?;
    if let Some(leader) = now {
        return Err(format!("{} still leads", leader.proposal_text()));
    }
    ex.say("elect::leader says nobody leads now");
    Ok(format!(
        "the observer saw {} leaders in turn (candidates {order:?}, revisions {revisions:?}), never two at once",
        leaders.len()
    ))
}

/// One candidate: campaign, lead until told to resign, resign.
async fn candidate(shared: &Shared<'_>, n: usize) -> Result<(), String> {
    let ex = shared.ex;
    let who = format!("candidate-{n}");
    let failed = |e: etcdkit::Error| format!("{who}: {e}");
    let session = Session::new(shared.target, shared.client, Ttl::from_secs(5))
        .await
        .map_err(failed)?;
    let mut leadership = elect::campaign(&session, &shared.name, &who)
        .await
        .map_err(failed)?;
    if shared.leading.swap(true, Ordering::SeqCst) {
        return Err(format!("{who} was elected while another led"));
    }
    ex.say(format!(
        "{who} leads (key {}, revision {})",
        leadership.key(),
        leadership.revision()
    ));
    leadership
        .proclaim(&format!("{who}: serving"))
        .await
        .map_err(failed)?;
    shared.resign[n - 1].notified().await;
    shared.leading.store(false, Ordering::SeqCst);
    ex.say(format!("{who} resigns"));
    leadership.resign().await.map_err(failed)?;
    session.close().await;
    Ok(())
}

/// The observer: follows the leader; once a leader has proclaimed it is serving, tells it to
/// resign. Returns the leaders seen (candidate number, revision), once nobody leads.
async fn observe(shared: &Shared<'_>) -> Result<Vec<(usize, i64)>, String> {
    let ex = shared.ex;
    let mut observer =
        Observer::new(shared.client, shared.target, &shared.name).map_err(|e| e.to_string())?;
    let mut leaders = Vec::new();
    loop {
        let change = observer.next().await.map_err(|e| e.to_string())?;
        let Some(leader) = change.leader else {
            ex.say("observer: nobody leads");
            if leaders.len() == CANDIDATES {
                return Ok(leaders);
            }
            continue;
        };
        let proposal = leader.proposal_text();
        ex.say(format!(
            "observer: the leader is {:?} (revision {})",
            proposal, leader.revision
        ));
        let serving = proposal
            .strip_suffix(": serving")
            .and_then(|who| who.strip_prefix("candidate-"))
            .and_then(|n| n.parse::<usize>().ok());
        if let Some(n) = serving {
            leaders.push((n, leader.revision));
            shared.resign[n - 1].notify_one();
        }
    }
}

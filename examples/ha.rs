//! Active/standby failover: two instances of a service, one active; when the active one is
//! killed, the standby takes over within the session TTL.
//!
//! The problem: a service that must have exactly one active instance (it owns a connection,
//! a port, a queue consumer) and should not stay down when that instance dies. A standby
//! waits in line for the active role and takes it when the active one's lease runs out.
//!
//! Run it: `scripts/dev-cluster up`, then
//! `cargo run --example ha -- --endpoints 127.0.0.1:2379`.
//!
//! What it shows: each instance runs on a task of its own with a [`Session`] (TTL 2 s) and
//! [`elect::campaign_reporting`]s for the active role; the active one publishes itself under a
//! write fenced by its leader key. The standby reports who it stands behind. The active task
//! is then killed (aborted: no resign, no revoke, its keep-alive simply stops, as when a
//! process dies), and its lease runs out in etcd; the standby's campaign returns and it
//! becomes active. An [`elect::Observer`] (what clients would use to find the active
//! instance) sees the handover. It says how long the takeover took (about the TTL, plus up to
//! the half second etcd takes to sweep expired leases) and checks that the new active's fencing
//! token is higher, that the observers saw one active instance after the other, and that a
//! write with the old active's token is refused: an instance that was only paused, not dead,
//! cannot act as active once it wakes.
//!
//! Safety notes:
//! - The TTL is the trade-off: the service is without an active instance for up to the TTL
//!   after a crash (a graceful stop resigns and hands over at once), and a shorter TTL means
//!   more keep-alive traffic and a failover on any pause longer than it (a GC, a slow disk).
//! - A partitioned active instance learns from [`elect::Leadership::lost`] that it may no
//!   longer be active, before its lease can have run out in etcd; it must stop serving then.
//!   Whatever it writes is fenced by its leader key's create revision, so the writes of a
//!   paused instance that never noticed are refused.

mod common;

use std::sync::Arc;
use std::time::Instant;

use etcd_client::{Client, Compare, CompareOp, Txn, TxnOp};
use etcdkit::concurrency::elect::{self, Observer};
use etcdkit::concurrency::session::{Session, Ttl};
use etcdkit::conn::Target;
use tokio::sync::mpsc;

const TTL: Ttl = Ttl::from_secs(2);

/// What an instance tells the example.
#[derive(Debug)]
enum Report {
    /// It stands by behind the active instance.
    StandingBy,
    /// It is active, with this fencing token (leader key, create revision) and lease.
    Active {
        who: String,
        key: String,
        token: i64,
        lease: i64,
    },
    /// It failed.
    Failed(String),
}

/// What an instance needs, owned (it runs on a task of its own).
#[derive(Clone)]
struct Instance {
    ex: Arc<common::Example>,
    target: Target,
    client: Client,
    reports: mpsc::UnboundedSender<Report>,
}

#[tokio::main]
async fn main() {
    let ex = Arc::new(common::Example::from_args("ha"));
    ex.run(async |target, client| run(&ex, target, client).await)
        .await
}

async fn run(
    ex: &Arc<common::Example>,
    target: &Target,
    client: &Client,
) -> Result<String, String> {
    let role = ex.key("active");
    let (reports, mut reported) = mpsc::unbounded_channel();
    let instance = Instance {
        ex: Arc::clone(ex),
        target: target.clone(),
        client: client.clone(),
        reports,
    };
    let observed = tokio::spawn(observe(
        Arc::clone(ex),
        client.clone(),
        target.clone(),
        role.clone(),
    ));

    let primary = tokio::spawn(instance.clone().serve("instance-a".into()));
    let Report::Active {
        key: old_key,
        token: old_token,
        ..
    } = next(&mut reported).await?
    else {
        return Err("instance-a did not become active".into());
    };
    let standby = tokio::spawn(instance.serve("instance-b".into()));
    let Report::StandingBy = next(&mut reported).await? else {
        return Err("instance-b did not stand by".into());
    };

    ex.say(format!(
        "instance-a is killed: no resign, no revoke; its lease runs out in etcd within {} s",
        TTL.get().as_secs()
    ));
    let killed = Instant::now();
    primary.abort();
    let Report::Active {
        who, token, lease, ..
    } = next(&mut reported).await?
    else {
        return Err("instance-b did not take over".into());
    };
    let took = killed.elapsed();
    ex.say(format!(
        "{who} took over {:.2} s after the kill (the TTL, from instance-a's last renewal, plus up to the half second etcd takes to sweep expired leases)",
        took.as_secs_f64()
    ));

    // An instance-a that was only paused wakes up and writes as the active one.
    let zombie = Txn::new()
        .when([Compare::create_revision(
            old_key.as_str(),
            CompareOp::Equal,
            old_token,
        )])
        .and_then([TxnOp::put(ex.key("serving"), "instance-a", None)]);
    let refused = !client
        .kv_client()
        .txn(zombie)
        .await
        .map_err(|e| e.to_string())?
        .succeeded();
    if refused {
        ex.say(format!(
            "a paused instance-a wakes and writes with its old token {old_token}: refused"
        ));
    }
    standby.abort();
    // The standby stops too (cleanly this time): its lease goes at once.
    let _ = client.lease_client().revoke(lease).await;
    let seen = observed.await.map_err(|e| e.to_string())?;

    // How long the takeover took is reported, not judged: it is etcd's lease expiry on a machine
    // that may be busy. What must hold is the order: a new token above the old one, the old
    // token refused, and the observers seeing instance-a, then instance-b, never both.
    if token <= old_token {
        return Err(format!("the new token {token} is not above {old_token}"));
    }
    if !refused {
        return Err("the old active's fenced write went through".into());
    }
    if seen != ["instance-a", "instance-b"] {
        return Err(format!("the observer saw {seen:?}"));
    }
    Ok(format!(
        "instance-b took over {:.2} s after instance-a was killed (TTL {} s), token {old_token} -> {token}, the old token refused",
        took.as_secs_f64(),
        TTL.get().as_secs()
    ))
}

/// The next report; an instance that failed fails the example.
async fn next(reported: &mut mpsc::UnboundedReceiver<Report>) -> Result<Report, String> {
    match reported.recv().await {
        Some(Report::Failed(why)) => Err(why),
        Some(report) => Ok(report),
        None => Err("every instance is gone".into()),
    }
}

impl Instance {
    /// An instance: stands by until active, then serves until it dies or loses the role.
    async fn serve(self, who: String) {
        if let Err(e) = self.try_serve(&who).await {
            let _ = self.reports.send(Report::Failed(format!("{who}: {e}")));
        }
    }

    async fn try_serve(&self, who: &str) -> etcdkit::Result<()> {
        let ex = &self.ex;
        let session = Session::new(&self.target, &self.client, TTL).await?;
        let standing_by = |active: &str| {
            ex.say(format!("{who} stands by: {active} is active"));
            let _ = self.reports.send(Report::StandingBy);
        };
        let role = ex.key("active");
        let leadership =
            elect::campaign_reporting(&session, &role, who, Some(&standing_by)).await?;
        let token = leadership.revision();
        // The active instance's first act, fenced like all the others.
        let publish = Txn::new()
            .when([Compare::create_revision(
                leadership.key(),
                CompareOp::Equal,
                token,
            )])
            .and_then([TxnOp::put(ex.key("serving"), who, None)]);
        let conn = self.target.options();
        let mut kv = self.client.kv_client();
        conn.request(&conn.label(), kv.txn(publish)).await?;
        ex.say(format!("{who} is active (fencing token {token})"));
        let _ = self.reports.send(Report::Active {
            who: who.to_string(),
            key: leadership.key().to_string(),
            token,
            lease: session.lease_id(),
        });
        let reason = leadership.lost().await;
        ex.say(format!("{who} stops serving: {reason}"));
        Ok(())
    }
}

/// What clients do to find the active instance: observe the election. Returns the active
/// instances seen, once the second one is gone.
async fn observe(
    ex: Arc<common::Example>,
    client: Client,
    target: Target,
    role: String,
) -> Vec<String> {
    let mut seen: Vec<String> = Vec::new();
    let Ok(mut observer) = Observer::new(&client, &target, &role) else {
        return seen;
    };
    while let Ok(change) = observer.next().await {
        match change.leader {
            Some(leader) => {
                let who = leader.proposal_text();
                ex.say(format!("clients see: {who} is active"));
                seen.push(who);
            }
            None if seen.len() >= 2 => return seen,
            None if seen.is_empty() => {}
            None => ex.say("clients see: no instance is active"),
        }
    }
    seen
}

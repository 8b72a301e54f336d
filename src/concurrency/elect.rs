//! Leader election on a name, wire-compatible with `etcdctl elect` and etcd's Election API.
//!
//! Candidates put `NAME/<lease hex>` with their proposal as the value; the leader is the key
//! created first. Campaigning is waiting in line like a lock; proclaiming rewrites the value
//! while still leader; resigning deletes the key. Observers read the first key and watch it.

use etcd_client::{
    Client, Compare, CompareOp, GetOptions, PutOptions, SortOrder, SortTarget, Txn, TxnOp,
};
use serde::Serialize;
use tokio::task::JoinHandle;

use super::lost::{wait_lost, LostReason, LostSignal};
use super::queue::{self, wait_turn, watch_loss, HolderReport, Place, Turn};
use super::session::{default_holder, Session, Ttl};
use super::waits::Watching;
use crate::conn::{ConnectOptions, Target};
use crate::error::{Error, Result};
use crate::ids::HexId;
use crate::text::Text;

/// The current leader of an election.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Leader {
    /// The leader's key, `NAME/<lease hex>`.
    pub key: String,
    /// The leader's proposal, when it is UTF-8.
    pub proposal: Option<String>,
    /// The proposal in base64, only when it is not UTF-8.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub proposal_base64: Option<String>,
    /// The leader key's create revision (grows with every new leader).
    pub revision: i64,
    /// The leader's session lease.
    pub lease_id: HexId,
}

impl Leader {
    fn from_kv(kv: &etcd_client::KeyValue) -> Leader {
        let Text { text, base64 } = Text::new(kv.value());
        Leader {
            key: String::from_utf8_lossy(kv.key()).into_owned(),
            proposal: text,
            proposal_base64: base64,
            revision: kv.create_revision(),
            lease_id: HexId(kv.lease() as u64),
        }
    }

    /// The proposal for people.
    pub fn proposal_text(&self) -> String {
        Text {
            text: self.proposal.clone(),
            base64: self.proposal_base64.clone(),
        }
        .display()
    }
}

/// What a candidate stands with.
#[derive(Debug, Clone)]
pub struct ElectOptions {
    /// The candidate's proposal, what observers see as the leader's value.
    pub proposal: String,
    /// The TTL of the session the candidacy hangs on: how soon a standby takes over from a
    /// leader that died.
    pub ttl: Ttl,
}

impl Default for ElectOptions {
    fn default() -> Self {
        ElectOptions {
            proposal: default_holder(),
            ttl: Ttl::DEFAULT,
        }
    }
}

impl ElectOptions {
    /// Checks everything that can be checked before etcd is dialled: the election name (the
    /// TTL is checked when it becomes a [`Ttl`]).
    pub fn validate(&self, name: &str) -> Result<()> {
        queue::prefix_of(name)?;
        Ok(())
    }
}

/// One observed change: a new leader, a new proposal, or no leader at all.
#[derive(Debug, Clone, Serialize)]
pub struct LeaderChange {
    /// The election name.
    pub name: String,
    /// The leader now (null when there is none).
    #[serde(flatten)]
    pub leader: Option<Leader>,
    /// When the change was seen (RFC 3339, UTC).
    pub time: String,
}

/// Held leadership. Dropping it leaves the key to the session (closing the session resigns).
pub struct Leadership<'s> {
    session: &'s Session,
    name: String,
    place: Place,
    proposal: String,
    lost: LostSignal,
    watcher: JoinHandle<()>,
}

impl<'s> Leadership<'s> {
    /// The leader key.
    pub fn key(&self) -> &str {
        &self.place.key
    }

    /// The leader key's create revision.
    pub fn revision(&self) -> i64 {
        self.place.revision
    }

    /// What this leader looks like to observers.
    pub fn leader(&self) -> Leader {
        Leader {
            key: self.place.key.clone(),
            proposal: Some(self.proposal.clone()),
            proposal_base64: None,
            revision: self.place.revision,
            lease_id: HexId(self.session.lease_id() as u64),
        }
    }

    /// The session leadership hangs on.
    pub fn session(&self) -> &'s Session {
        self.session
    }

    /// The election name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// A receiver that holds `Some(reason)` once leadership is lost.
    pub fn lost_signal(&self) -> LostSignal {
        self.lost.clone()
    }

    /// Resolves when leadership is lost (lease gone, key deleted, etcd unreachable too long).
    pub async fn lost(&self) -> LostReason {
        wait_lost(self.lost.clone()).await
    }

    /// Replaces the proposal, only while still leader.
    pub async fn proclaim(&mut self, proposal: &str) -> Result<()> {
        let txn = Txn::new()
            .when([Compare::create_revision(
                self.place.key.clone(),
                CompareOp::Equal,
                self.place.revision,
            )])
            .and_then([TxnOp::put(
                self.place.key.clone(),
                proposal,
                Some(PutOptions::new().with_lease(self.session.lease_id())),
            )]);
        let mut kv = self.session.client().kv_client();
        let conn = self.session.conn();
        let resp = conn.request(&conn.label(), kv.txn(txn)).await?;
        if !resp.succeeded() {
            return Err(Error::Lost {
                what: format!("leadership of {}", self.name),
                reason: LostReason::KeyDeleted,
            });
        }
        self.proposal = proposal.to_string();
        Ok(())
    }

    /// Steps down: deletes the leader key if it is still ours.
    pub async fn resign(self) -> Result<()> {
        self.watcher.abort();
        let txn = Txn::new()
            .when([Compare::create_revision(
                self.place.key.clone(),
                CompareOp::Equal,
                self.place.revision,
            )])
            .and_then([TxnOp::delete(self.place.key.clone(), None)]);
        let mut kv = self.session.client().kv_client();
        let conn = self.session.conn();
        conn.request(&conn.label(), kv.txn(txn)).await?;
        Ok(())
    }
}

impl Drop for Leadership<'_> {
    fn drop(&mut self) {
        self.watcher.abort();
    }
}

/// Campaigns for leadership of `name` with `proposal`; returns once elected.
///
/// If this future is dropped while waiting, the candidate key stays until the caller closes
/// the session.
pub async fn campaign<'s>(
    session: &'s Session,
    name: &str,
    proposal: &str,
) -> Result<Leadership<'s>> {
    campaign_reporting(session, name, proposal, None).await
}

/// Like [`campaign`], telling `report` who leads while standing by.
pub async fn campaign_reporting<'s>(
    session: &'s Session,
    name: &str,
    proposal: &str,
    report: Option<&HolderReport<'_>>,
) -> Result<Leadership<'s>> {
    let prefix = queue::prefix_of(name)?;
    let key = format!("{prefix}{:x}", session.lease_id());
    let what = format!("leadership of {name}");
    let place = queue::enqueue(session, key, &prefix, proposal, Turn::First.front(), &what).await?;
    wait_turn(session, &place, Turn::First, false, &what, report).await?;
    let (lost, watcher) = watch_loss(session, &place);
    let created = place.created;
    let mut leadership = Leadership {
        session,
        name: name.to_string(),
        place,
        proposal: proposal.to_string(),
        lost,
        watcher,
    };
    if !created {
        // A key left from an earlier campaign on this lease may hold another value.
        leadership.proclaim(proposal).await?;
    }
    Ok(leadership)
}

/// The current leader, if any.
pub async fn leader(client: &Client, conn: &ConnectOptions, name: &str) -> Result<Option<Leader>> {
    let prefix = queue::prefix_of(name)?;
    Ok(queue::first(client, conn, &prefix)
        .await?
        .map(|kv| Leader::from_kv(&kv)))
}

/// Follows an election's leader: each call to [`Observer::next`] returns the next change.
pub struct Observer {
    client: Client,
    target: Target,
    name: String,
    prefix: String,
    last: Option<Option<Leader>>,
}

impl Observer {
    /// Starts observing `name` through `client`, a client of `target` (its watches dial the
    /// members of `target` only when it fails); the first `next()` returns the leader as it is
    /// now.
    pub fn new(client: &Client, target: &Target, name: &str) -> Result<Observer> {
        Ok(Observer {
            client: client.clone(),
            target: target.clone(),
            name: name.to_string(),
            prefix: queue::prefix_of(name)?,
            last: None,
        })
    }

    /// Waits for the next change of leader or proposal.
    pub async fn next(&mut self) -> Result<LeaderChange> {
        loop {
            let (current, revision) = self.current().await?;
            if self.last.as_ref() != Some(&current) {
                self.last = Some(current.clone());
                return Ok(LeaderChange {
                    name: self.name.clone(),
                    leader: current,
                    time: crate::units::now(),
                });
            }
            let leader_key = current.as_ref().map(|l| l.key.as_str());
            let watching = Watching {
                client: &self.client,
                target: &self.target,
            };
            watching
                .front_changed(&self.prefix, leader_key, revision)
                .await?;
        }
    }

    async fn current(&self) -> Result<(Option<Leader>, i64)> {
        let kv = self.client.kv_client();
        let options = GetOptions::new()
            .with_prefix()
            .with_sort(SortTarget::Create, SortOrder::Ascend)
            .with_limit(1);
        let resp = self
            .target
            .options()
            .get_with_retry(&kv, self.prefix.clone(), Some(options))
            .await?;
        let rev = resp.header().map_or(0, |h| h.revision());
        Ok((resp.kvs().first().map(Leader::from_kv), rev))
    }
}

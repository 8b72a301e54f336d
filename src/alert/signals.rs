//! The figures rules compare with thresholds: what each is called, what it means, and how it is
//! worked out from one look at the cluster and the history before it.

use std::collections::BTreeSet;

use serde::Serialize;

use super::history::{increase, Buckets, Counters, History, MemberHistory};
use super::observe::{HashKvCheck, MemberView, Observation};

/// Whether a figure is one per member or one for the cluster.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// One value per member; alerts carry a `member` label.
    Member,
    /// One value for the whole cluster.
    Cluster,
}

/// A figure a rule can use.
#[derive(Debug, Clone, Serialize)]
pub struct Signal {
    /// The name rules use.
    pub name: &'static str,
    /// Per member or per cluster.
    pub scope: Scope,
    /// The unit.
    pub unit: &'static str,
    /// What it is.
    pub help: &'static str,
}

const fn signal(
    name: &'static str,
    scope: Scope,
    unit: &'static str,
    help: &'static str,
) -> Signal {
    Signal {
        name,
        scope,
        unit,
        help,
    }
}

use Scope::{Cluster, Member};

/// Every figure, in the order `etcdkit alert metrics` lists them.
pub const SIGNALS: &[Signal] = &[
    signal("up", Member, "0/1", "1 when the member answers its status request (unknown while it refuses our credentials or certificates)"),
    signal("unreachable", Member, "0/1", "1 when the member does not answer, or another member fails to send to it (peer sent failures above 0.01/s over 2m)"),
    signal("has_leader", Member, "0/1", "etcd_server_has_leader: 1 when the member knows a leader"),
    signal("alarms", Member, "count", "alarms (NOSPACE, CORRUPT) active on the member"),
    signal("apply_lag", Member, "entries", "committed minus applied raft index"),
    signal("raft_term", Member, "term", "the member's raft term"),
    signal("db_size_bytes", Member, "bytes", "backend database size"),
    signal("db_size_in_use_bytes", Member, "bytes", "backend bytes in use (the rest is free pages a defragment would return)"),
    signal("db_in_use_ratio", Member, "ratio", "bytes in use / database size"),
    signal("db_quota_used_ratio", Member, "ratio", "database size / backend quota (1: full)"),
    signal("db_projected_4h_ratio", Member, "ratio", "database size in 4h at the growth of the last 4h (least squares), / quota"),
    signal("grpc_failed_ratio", Member, "ratio", "share of unary gRPC requests that failed (Unknown, FailedPrecondition, ResourceExhausted, Internal, Unavailable, DataLoss, DeadlineExceeded) over 5m"),
    signal("grpc_p99_ms", Member, "ms", "p99 of unary gRPC handling time but Defragment over 5m (etcd --metrics=extensive only)"),
    signal("peer_round_trip_p99_ms", Member, "ms", "p99 of the peer round trip over 5m"),
    signal("wal_fsync_p99_ms", Member, "ms", "p99 of WAL fsync over 5m"),
    signal("backend_commit_p99_ms", Member, "ms", "p99 of backend commit over 5m"),
    signal("proposals_failed_per_second", Member, "1/s", "failed raft proposals per second over 15m"),
    signal("proposals_pending", Member, "count", "raft proposals waiting now"),
    signal("leader_changes_15m", Member, "count", "leader changes the member saw in 15m"),
    signal("memory_bytes", Member, "bytes", "resident memory of the etcd process"),
    signal("cpu_cores", Member, "cores", "CPU seconds per second of the etcd process over 5m"),
    signal("members_total", Cluster, "count", "members in the member list"),
    signal("members_up", Cluster, "count", "members that answer (unknown while one refuses our credentials or certificates)"),
    signal("quorum_margin", Cluster, "members", "voting members that answer minus the quorum (floor(n/2)+1); below 0 the cluster cannot write (unknown when members that refuse us could be either side of 0)"),
    signal("max_leader_changes_15m", Cluster, "count", "the most leader changes any member saw in 15m"),
    signal("cluster_ids", Cluster, "count", "distinct cluster IDs the members report (above 1: endpoints from different clusters)"),
    signal("member_lists", Cluster, "count", "distinct member lists the members report (above 1: they disagree on membership)"),
    signal("leaders", Cluster, "count", "distinct leaders named by the members at the highest raft term (above 1: split brain)"),
    signal("raft_term_spread", Cluster, "terms", "highest minus lowest raft term across members (above 1: a member is partitioned)"),
    signal("applied_index_spread", Cluster, "entries", "highest minus lowest applied index across members"),
    signal("hashkv_mismatches", Cluster, "members", "members whose keyspace hash differs from the others' at the same revision"),
];

/// Figures renamed when every name got its unit (the one JSON vocabulary): old name, new
/// name, what a threshold is multiplied by.
pub const RENAMED: &[(&str, &str, f64)] = &[
    ("db_quota_used_percent", "db_quota_used_ratio", 0.01),
    ("db_projected_4h_percent", "db_projected_4h_ratio", 0.01),
    ("grpc_failed_percent", "grpc_failed_ratio", 0.01),
    ("grpc_p99_seconds", "grpc_p99_ms", 1000.0),
    (
        "peer_round_trip_p99_seconds",
        "peer_round_trip_p99_ms",
        1000.0,
    ),
    ("wal_fsync_p99_seconds", "wal_fsync_p99_ms", 1000.0),
    (
        "backend_commit_p99_seconds",
        "backend_commit_p99_ms",
        1000.0,
    ),
];

/// Looks a figure up by name.
pub fn lookup(name: &str) -> Option<&'static Signal> {
    SIGNALS.iter().find(|s| s.name == name)
}

/// Everything a figure can be worked out from.
pub struct Inputs<'a> {
    /// This look.
    pub obs: &'a Observation,
    /// Past counters, by member name.
    pub history: &'a History,
    /// The latest `hashkv` comparison (from this look or an earlier one).
    pub hashkv: Option<&'a HashKvCheck>,
}

const FIVE_MINUTES: f64 = 300.0;
const FIFTEEN_MINUTES: f64 = 900.0;
const PEER_FAILURE_WINDOW: f64 = 120.0;

impl Inputs<'_> {
    fn past(&self, m: &MemberView) -> Option<&MemberHistory> {
        self.history.get(&m.name)
    }

    /// A counter's increase over `window`, and the seconds it covers.
    fn increase_over(
        &self,
        m: &MemberView,
        window: f64,
        pick: impl Fn(&Counters) -> Option<f64>,
    ) -> Option<(f64, f64)> {
        let now = pick(m.counters.as_ref()?)?;
        let base = self.past(m)?.baseline(self.obs.at, window)?;
        let then = pick(&base.counters)?;
        Some((increase(now, then), self.obs.at - base.t))
    }

    fn rate_over(
        &self,
        m: &MemberView,
        window: f64,
        pick: impl Fn(&Counters) -> Option<f64>,
    ) -> Option<f64> {
        let (inc, secs) = self.increase_over(m, window, pick)?;
        (secs > 0.0).then(|| inc / secs)
    }

    /// The p99 over 5m of a histogram etcd keeps in seconds, in milliseconds.
    fn p99_ms_over(
        &self,
        m: &MemberView,
        pick: impl Fn(&Counters) -> Option<&Buckets>,
    ) -> Option<f64> {
        let now = pick(m.counters.as_ref()?)?;
        let base = self
            .past(m)
            .and_then(|h| h.baseline(self.obs.at, FIVE_MINUTES));
        let seconds = now.quantile_since(base.and_then(|b| pick(&b.counters)), 0.99)?;
        Some(seconds * 1000.0)
    }

    /// Sent failures per second from other members to `m` over 2m.
    fn peer_failures_to(&self, m: &MemberView) -> f64 {
        let Some(id) = self.member_id(m) else {
            return 0.0;
        };
        let to = id.to_string();
        self.obs
            .members
            .iter()
            .filter(|o| o.name != m.name)
            .filter_map(|o| {
                self.rate_over(o, PEER_FAILURE_WINDOW, |c| {
                    c.peer_sent_failures.get(&to).copied()
                })
            })
            .sum()
    }

    fn member_id(&self, m: &MemberView) -> Option<crate::ids::HexId> {
        if let Some(s) = &m.status {
            return Some(s.member_id);
        }
        let info = self
            .obs
            .health
            .members
            .iter()
            .find(|i| i.name == m.name || i.client_urls.contains(&m.endpoint))?;
        Some(info.id)
    }

    fn quota(&self, m: &MemberView) -> Option<f64> {
        let from_metrics = m.counters.as_ref().and_then(|c| c.quota_bytes);
        from_metrics
            .or_else(|| m.status.as_ref().map(|s| s.db_quota_bytes as f64))
            .filter(|q| *q > 0.0)
    }

    /// The value of a member figure; `None` when it cannot be known this time (the member is
    /// down, or a rate has no earlier sample yet).
    pub fn member(&self, name: &str, m: &MemberView) -> Option<f64> {
        let status = m.status.as_ref();
        let counters = m.counters.as_ref();
        let bit = |b: bool| if b { 1.0 } else { 0.0 };
        match name {
            // A member that refused our credentials or certificates answered: whether it is
            // up is unknown, unless its peers cannot reach it either.
            "up" if m.access.is_some() => None,
            "up" => Some(bit(m.up())),
            "unreachable" if m.access.is_some() => (self.peer_failures_to(m) > 0.01).then_some(1.0),
            "unreachable" => Some(bit(!m.up() || self.peer_failures_to(m) > 0.01)),
            "has_leader" => counters
                .and_then(|c| c.has_leader)
                .or_else(|| status.map(|s| bit(s.leader_id.is_some()))),
            "alarms" => {
                let id = self.member_id(m)?;
                let n = self.obs.health.alarms.iter().filter(|a| a.member_id == id);
                Some(n.count() as f64)
            }
            "apply_lag" => status.map(|s| s.raft_index.saturating_sub(s.raft_applied_index) as f64),
            "raft_term" => status.map(|s| s.raft_term as f64),
            "db_size_bytes" => status.map(|s| s.db_size_bytes as f64),
            "db_size_in_use_bytes" => status.map(|s| s.db_size_in_use_bytes as f64),
            "db_in_use_ratio" => status
                .filter(|s| s.db_size_bytes > 0)
                .map(|s| s.db_size_in_use_bytes as f64 / s.db_size_bytes as f64),
            "db_quota_used_ratio" => Some(status?.db_size_bytes as f64 / self.quota(m)?),
            "db_projected_4h_ratio" => {
                let size = status?.db_size_bytes as f64;
                let (slope, fitted) = self.past(m)?.db_trend(self.obs.at, size)?;
                Some((fitted + slope * 4.0 * 3600.0) / self.quota(m)?)
            }
            "grpc_failed_ratio" => {
                let (all, _) = self.increase_over(m, FIVE_MINUTES, |c| c.grpc_unary)?;
                let (failed, _) = self.increase_over(m, FIVE_MINUTES, |c| c.grpc_unary_failed)?;
                Some(if all > 0.0 { failed / all } else { 0.0 })
            }
            "grpc_p99_ms" => self.p99_ms_over(m, |c| c.grpc_unary_handling.as_ref()),
            "peer_round_trip_p99_ms" => self.p99_ms_over(m, |c| c.peer_round_trip.as_ref()),
            "wal_fsync_p99_ms" => self.p99_ms_over(m, |c| c.wal_fsync.as_ref()),
            "backend_commit_p99_ms" => self.p99_ms_over(m, |c| c.backend_commit.as_ref()),
            "proposals_failed_per_second" => {
                self.rate_over(m, FIFTEEN_MINUTES, |c| c.proposals_failed)
            }
            "proposals_pending" => counters?.proposals_pending,
            "leader_changes_15m" => self
                .increase_over(m, FIFTEEN_MINUTES, |c| c.leader_changes)
                .map(|(inc, _)| inc),
            "memory_bytes" => counters?.memory_bytes,
            "cpu_cores" => self.rate_over(m, FIVE_MINUTES, |c| c.cpu_seconds),
            _ => None,
        }
    }

    /// The value of a cluster figure.
    pub fn cluster(&self, name: &str) -> Option<f64> {
        let members = &self.obs.members;
        let up: Vec<_> = members.iter().filter_map(|m| m.status.as_ref()).collect();
        let distinct = |n: usize| Some(n as f64);
        let unknown = members.iter().filter(|m| m.access.is_some()).count();
        match name {
            "members_total" => Some(members.len() as f64),
            "members_up" if unknown > 0 => None,
            "members_up" => Some(up.len() as f64),
            "quorum_margin" => {
                let learners: BTreeSet<_> = self
                    .obs
                    .health
                    .members
                    .iter()
                    .filter(|i| i.is_learner)
                    .map(|i| i.id)
                    .collect();
                let voters = members.len().saturating_sub(learners.len());
                let voting_up = up
                    .iter()
                    .filter(|s| !learners.contains(&s.member_id))
                    .count();
                let quorum = (voters / 2 + 1) as f64;
                let (worst, best) = (
                    voting_up as f64 - quorum,
                    (voting_up + unknown) as f64 - quorum,
                );
                // Members that refused us may be up or down: a margin is known only when they
                // cannot change which side of zero it is on.
                if worst >= 0.0 || best < 0.0 || unknown == 0 {
                    Some(if worst >= 0.0 { worst } else { best })
                } else {
                    None
                }
            }
            "max_leader_changes_15m" => members
                .iter()
                .filter_map(|m| self.member("leader_changes_15m", m))
                .reduce(f64::max),
            "cluster_ids" => distinct(
                up.iter()
                    .map(|s| s.cluster_id)
                    .collect::<BTreeSet<_>>()
                    .len(),
            ),
            "member_lists" => distinct(
                members
                    .iter()
                    .filter_map(|m| m.member_list.as_ref())
                    .collect::<BTreeSet<_>>()
                    .len(),
            ),
            "leaders" => {
                let top = up.iter().map(|s| s.raft_term).max()?;
                let named: BTreeSet<_> = up
                    .iter()
                    .filter(|s| s.raft_term == top)
                    .filter_map(|s| s.leader_id)
                    .collect();
                distinct(named.len())
            }
            "raft_term_spread" => {
                let terms = up.iter().map(|s| s.raft_term);
                Some((terms.clone().max()? - terms.min()?) as f64)
            }
            "applied_index_spread" => {
                let applied = up.iter().map(|s| s.raft_applied_index);
                Some((applied.clone().max()? - applied.min()?) as f64)
            }
            "hashkv_mismatches" => self.hashkv.map(|h| h.disagreeing() as f64),
            _ => None,
        }
    }
}

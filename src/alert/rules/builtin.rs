//! The rules etcdkit ships: etcd's mixin, rule for rule, and the client-only checks.

use std::time::Duration;

use super::{Condition, Expr, Op, Origin, Rule};
use crate::alert::notification::LabelSet;

fn builtin(
    name: &str,
    severity: &str,
    conditions: &[(&str, Op, f64)],
    for_secs: u64,
    summary: &str,
    description: &str,
) -> Rule {
    let annotations = [("summary", summary), ("description", description)]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    Rule {
        name: name.into(),
        severity: severity.into(),
        expr: Expr::Metrics(
            conditions
                .iter()
                .map(|(m, op, t)| Condition {
                    metric: m.to_string(),
                    op: *op,
                    threshold: *t,
                })
                .collect(),
        ),
        for_: Duration::from_secs(for_secs),
        labels: LabelSet::new(),
        annotations,
        origin: Origin::Builtin,
    }
}

const MIB: f64 = 1024.0 * 1024.0;

/// The rules etcdkit ships: every rule of etcd's mixin with its threshold and `for`, then the
/// ones a client can see and Prometheus cannot.
pub fn builtin_rules() -> Vec<Rule> {
    use Op::*;
    vec![
        builtin("NoLeader", "critical", &[("has_leader", Eq, 0.0)], 60,
            "member {{ $labels.member }} has no leader",
            "etcd member {{ $labels.member }} has no leader: it cannot serve writes or linearizable reads."),
        builtin("InsufficientMembers", "critical", &[("quorum_margin", Lt, 0.0)], 180,
            "etcd cluster has insufficient members",
            "fewer voting members answer than a quorum needs: the value is the quorum margin (answering voting members minus the quorum), {{ $value }}, so the cluster cannot write."),
        builtin("MembersDown", "warning", &[("unreachable", Gt, 0.0)], 1200,
            "member {{ $labels.member }} is down",
            "etcd member {{ $labels.member }} does not answer, or its peers fail to reach it."),
        builtin("HighNumberOfLeaderChanges", "warning", &[("max_leader_changes_15m", Ge, 4.0)], 300,
            "etcd cluster has frequent leader changes",
            "{{ $value }} leader changes in the last 15 minutes."),
        builtin("HighNumberOfFailedGRPCRequests", "warning", &[("grpc_failed_ratio", Gt, 0.01)], 600,
            "gRPC requests fail on {{ $labels.member }}",
            "a share of {{ $value }} of unary gRPC requests failed on member {{ $labels.member }} over 5 minutes."),
        builtin("HighNumberOfFailedGRPCRequests", "critical", &[("grpc_failed_ratio", Gt, 0.05)], 300,
            "gRPC requests fail on {{ $labels.member }}",
            "a share of {{ $value }} of unary gRPC requests failed on member {{ $labels.member }} over 5 minutes."),
        builtin("GRPCRequestsSlow", "critical", &[("grpc_p99_ms", Gt, 150.0)], 600,
            "slow gRPC requests on {{ $labels.member }}",
            "gRPC p99 on member {{ $labels.member }} is {{ $value }} ms."),
        builtin("MemberCommunicationSlow", "warning", &[("peer_round_trip_p99_ms", Gt, 150.0)], 600,
            "slow peer communication from {{ $labels.member }}",
            "peer round-trip p99 from member {{ $labels.member }} is {{ $value }} ms."),
        builtin("HighNumberOfFailedProposals", "warning", &[("proposals_failed_per_second", Gt, 5.0)], 900,
            "failed proposals on {{ $labels.member }}",
            "{{ $value }} proposals failed per second on member {{ $labels.member }} over 15 minutes."),
        builtin("HighFsyncDurations", "warning", &[("wal_fsync_p99_ms", Gt, 500.0)], 600,
            "slow WAL fsync on {{ $labels.member }}",
            "WAL fsync p99 on member {{ $labels.member }} is {{ $value }} ms."),
        builtin("HighFsyncDurations", "critical", &[("wal_fsync_p99_ms", Gt, 1000.0)], 600,
            "slow WAL fsync on {{ $labels.member }}",
            "WAL fsync p99 on member {{ $labels.member }} is {{ $value }} ms."),
        builtin("HighCommitDurations", "warning", &[("backend_commit_p99_ms", Gt, 250.0)], 600,
            "slow backend commits on {{ $labels.member }}",
            "backend commit p99 on member {{ $labels.member }} is {{ $value }} ms."),
        builtin("DatabaseQuotaLowSpace", "critical", &[("db_quota_used_ratio", Gt, 0.95)], 600,
            "database of {{ $labels.member }} is nearly full",
            "member {{ $labels.member }} uses a share of {{ $value }} of its backend quota; when it is full (1) the cluster refuses writes (NOSPACE)."),
        builtin("ExcessiveDatabaseGrowth", "warning", &[("db_projected_4h_ratio", Gt, 1.0)], 600,
            "database of {{ $labels.member }} grows fast",
            "at the growth of the last 4 hours, member {{ $labels.member }} reaches {{ $value }} of its quota (1: full) in 4 hours."),
        builtin("DatabaseHighFragmentationRatio", "warning",
            &[("db_in_use_ratio", Lt, 0.5), ("db_size_in_use_bytes", Gt, 100.0 * MIB)], 600,
            "database of {{ $labels.member }} is fragmented",
            "member {{ $labels.member }} uses only {{ $value }} of its database file; `etcdctl defrag` returns the rest."),
        builtin("AlarmActive", "critical", &[("alarms", Gt, 0.0)], 0,
            "alarm active on {{ $labels.member }}",
            "member {{ $labels.member }} has {{ $value }} active alarm(s) (NOSPACE or CORRUPT); `etcdctl alarm list` shows them."),
        builtin("ClusterIDMismatch", "critical", &[("cluster_ids", Gt, 1.0)], 0,
            "endpoints belong to different etcd clusters",
            "the members report {{ $value }} different cluster IDs: two clusters formed (stale data or a bad --initial-cluster)."),
        builtin("MemberListMismatch", "critical", &[("member_lists", Gt, 1.0)], 60,
            "members disagree on the member list",
            "the members report {{ $value }} different member lists."),
        builtin("LeaderDisagreement", "critical", &[("leaders", Gt, 1.0)], 60,
            "members disagree on the leader",
            "members at the highest raft term name {{ $value }} different leaders: split brain."),
        builtin("RaftTermSpread", "warning", &[("raft_term_spread", Gt, 1.0)], 60,
            "raft terms diverge across members",
            "raft terms differ by {{ $value }}: a member is probably partitioned and campaigning."),
        builtin("AppliedIndexLag", "warning", &[("apply_lag", Gt, 1000.0)], 300,
            "member {{ $labels.member }} falls behind applying",
            "member {{ $labels.member }} has {{ $value }} committed entries it has not applied."),
        builtin("HashKVMismatch", "critical", &[("hashkv_mismatches", Gt, 0.0)], 0,
            "keyspace hashes differ across members",
            "{{ $value }} member(s) hash the keyspace differently at the same revision: data corruption."),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::alert::signals::lookup;

    #[test]
    fn every_mixin_rule_is_built_in_with_its_threshold_and_for() {
        let rules = builtin_rules();
        let find = |n: &str, s: &str| {
            rules
                .iter()
                .find(|r| r.name == n && r.severity == s)
                .unwrap_or_else(|| panic!("{n}/{s}"))
        };
        assert_eq!(find("NoLeader", "critical").for_, Duration::from_secs(60));
        assert_eq!(
            find("InsufficientMembers", "critical").for_,
            Duration::from_secs(180)
        );
        assert_eq!(
            find("MembersDown", "warning").for_,
            Duration::from_secs(1200)
        );
        assert_eq!(
            find("HighFsyncDurations", "critical").expr.to_string(),
            "wal_fsync_p99_ms > 1000"
        );
        assert_eq!(
            find("HighNumberOfFailedGRPCRequests", "critical").for_,
            Duration::from_secs(300)
        );
        assert_eq!(
            find("DatabaseHighFragmentationRatio", "warning")
                .expr
                .to_string(),
            "db_in_use_ratio < 0.5 and db_size_in_use_bytes > 104857600"
        );
        for r in &rules {
            if let Expr::Metrics(cs) = &r.expr {
                for c in cs {
                    assert!(lookup(&c.metric).is_some(), "{}: {}", r.name, c.metric);
                }
            }
        }
    }
}

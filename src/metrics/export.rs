//! The latest sample in the Prometheus text format, named the Prometheus way: base units
//! (`_seconds`, `_bytes`), rates as `_per_second` gauges, running counts as `_total` counters,
//! and percentiles as summaries (`quantile` label, `_sum` and `_count`).

use std::fmt::Write as _;

use super::watch::{ClusterSample, MemberMetrics, Observed, Quantiles};

type Gauge = fn(&MemberMetrics) -> Option<f64>;
type Summary = fn(&MemberMetrics) -> (Option<Quantiles>, Option<Observed>);

/// Per-member gauges: name, help, value.
const GAUGES: [(&str, &str, Gauge); 17] = [
    (
        "etcdkit_member_up",
        "1 when the member answered the last sample.",
        |m| Some(f64::from(u8::from(m.up))),
    ),
    (
        "etcdkit_member_is_leader",
        "1 when the member leads.",
        |m| m.up.then(|| f64::from(u8::from(m.is_leader))),
    ),
    (
        "etcdkit_member_is_learner",
        "1 when the member is a learner.",
        |m| m.up.then(|| f64::from(u8::from(m.is_learner))),
    ),
    ("etcdkit_member_raft_term", "Raft term.", |m| {
        m.raft_term.map(|v| v as f64)
    }),
    (
        "etcdkit_member_raft_apply_lag",
        "Raft entries committed but not applied yet.",
        |m| Some(m.raft_index? as f64 - m.raft_applied_index? as f64),
    ),
    (
        "etcdkit_member_db_size_bytes",
        "Backend database size.",
        |m| m.db_size_bytes.map(|v| v as f64),
    ),
    (
        "etcdkit_member_db_size_in_use_bytes",
        "Backend bytes in use.",
        |m| m.db_size_in_use_bytes.map(|v| v as f64),
    ),
    (
        "etcdkit_member_db_growth_bytes_per_second",
        "Backend growth since the previous sample.",
        |m| m.db_growth_bytes_per_second,
    ),
    (
        "etcdkit_member_puts_per_second",
        "Puts per second since the previous sample.",
        |m| m.puts_per_second,
    ),
    (
        "etcdkit_member_ranges_per_second",
        "Ranges per second since the previous sample.",
        |m| m.ranges_per_second,
    ),
    (
        "etcdkit_member_txns_per_second",
        "Transactions per second since the previous sample.",
        |m| m.txns_per_second,
    ),
    (
        "etcdkit_member_deletes_per_second",
        "Deletes per second since the previous sample.",
        |m| m.deletes_per_second,
    ),
    (
        "etcdkit_member_proposals_committed_per_second",
        "Raft proposals committed per second since the previous sample.",
        |m| m.proposals_committed_per_second,
    ),
    (
        "etcdkit_member_proposals_applied_per_second",
        "Raft proposals applied per second since the previous sample.",
        |m| m.proposals_applied_per_second,
    ),
    (
        "etcdkit_member_proposals_pending",
        "Raft proposals pending.",
        |m| m.proposals_pending,
    ),
    (
        "etcdkit_member_grpc_failed_ratio",
        "Failed share of the gRPC requests finished since the previous sample.",
        |m| m.grpc_failed_ratio,
    ),
    (
        "etcdkit_member_memory_bytes",
        "Resident memory of the etcd process.",
        |m| m.memory_bytes,
    ),
];

/// Per-member counters, as the member counts them (Prometheus takes its own rates).
const COUNTERS: [(&str, &str, Gauge); 3] = [
    (
        "etcdkit_member_leader_changes_seen_total",
        "Leader changes the member has seen since it started.",
        |m| m.totals.leader_changes,
    ),
    (
        "etcdkit_member_proposals_failed_total",
        "Raft proposals that failed since the member started.",
        |m| m.totals.proposals_failed,
    ),
    (
        "etcdkit_member_cpu_seconds_total",
        "CPU time the etcd process has used.",
        |m| m.totals.cpu_seconds,
    ),
];

/// Per-member summaries: quantiles over the window etcdkit describes, with the running count
/// and sum of every observation.
const SUMMARIES: [(&str, &str, Summary); 5] = [
    ("etcdkit_member_wal_fsync_duration_seconds", "WAL fsync latency; quantiles since the previous sample.", |m| {
        (m.wal_fsync_latency, m.totals.wal_fsync)
    }),
    ("etcdkit_member_backend_commit_duration_seconds", "Backend commit latency; quantiles since the previous sample.", |m| {
        (m.backend_commit_latency, m.totals.backend_commit)
    }),
    ("etcdkit_member_peer_round_trip_time_seconds", "Peer round-trip time, all peers; quantiles since the previous sample.", |m| {
        (m.peer_round_trip_latency, m.totals.peer_round_trip)
    }),
    ("etcdkit_member_grpc_handling_seconds", "Server-side gRPC handling time (etcd --metrics=extensive); quantiles since the previous sample.", |m| {
        (m.grpc_handling_latency, m.totals.grpc_handling)
    }),
    ("etcdkit_member_probe_duration_seconds", "etcdkit's own linearizable reads; quantiles over the run.", |m| {
        (m.probe_latency, m.totals.probe)
    }),
];

/// The latest sample in the Prometheus text format. Member series carry an `endpoint` label; a
/// figure that is unknown (first sample, member down) is left out rather than made up.
pub fn exposition(sample: Option<&ClusterSample>) -> String {
    let mut out = String::new();
    let head = |out: &mut String, name: &str, kind: &str, help: &str| {
        let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} {kind}");
    };
    head(
        &mut out,
        "etcdkit_samples_total",
        "counter",
        "Samples taken so far.",
    );
    let _ = writeln!(
        out,
        "etcdkit_samples_total {}",
        sample.map_or(0, |s| s.sample)
    );
    let Some(s) = sample else {
        return out;
    };
    let cluster: [(&str, &str, f64); 3] = [
        (
            "etcdkit_cluster_members_up",
            "Members that answered the last sample.",
            s.members_up as f64,
        ),
        (
            "etcdkit_cluster_members",
            "Members asked in the last sample.",
            s.members_total as f64,
        ),
        (
            "etcdkit_cluster_has_leader",
            "1 when a member that answered leads.",
            f64::from(u8::from(s.leader_id.is_some())),
        ),
    ];
    for (name, help, value) in cluster {
        head(&mut out, name, "gauge", help);
        let _ = writeln!(out, "{name} {value}");
    }
    for (kind, series) in [("gauge", &GAUGES[..]), ("counter", &COUNTERS[..])] {
        for (name, help, get) in series {
            head(&mut out, name, kind, help);
            for m in &s.members {
                if let Some(v) = get(m).filter(|v| v.is_finite()) {
                    let _ = writeln!(out, "{name}{{endpoint=\"{}\"}} {v}", escape(&m.endpoint));
                }
            }
        }
    }
    for (name, help, get) in SUMMARIES {
        head(&mut out, name, "summary", help);
        for m in &s.members {
            let endpoint = escape(&m.endpoint);
            let (quantiles, observed) = get(m);
            if let Some(q) = quantiles {
                for (label, ms) in [("0.5", q.p50_ms), ("0.95", q.p95_ms), ("0.99", q.p99_ms)] {
                    let seconds = ms / 1000.0;
                    let _ = writeln!(
                        out,
                        "{name}{{endpoint=\"{endpoint}\",quantile=\"{label}\"}} {seconds}"
                    );
                }
            }
            if let Some(o) = observed {
                let _ = writeln!(
                    out,
                    "{name}_sum{{endpoint=\"{endpoint}\"}} {}",
                    o.sum_seconds
                );
                let _ = writeln!(out, "{name}_count{{endpoint=\"{endpoint}\"}} {}", o.count);
            }
        }
    }
    out
}

fn escape(v: &str) -> String {
    v.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::watch::Totals;

    #[test]
    fn the_exposition_parses_back_and_leaves_unknowns_out() {
        let sample = ClusterSample {
            time: "t".into(),
            sample: 2,
            members_up: 1,
            members_total: 2,
            leader_id: None,
            puts_per_second: None,
            ranges_per_second: None,
            members: vec![
                MemberMetrics {
                    endpoint: "http://127.0.0.1:1".into(),
                    up: true,
                    puts_per_second: Some(12.5),
                    wal_fsync_latency: Some(Quantiles {
                        p50_ms: 1.0,
                        p95_ms: 2.0,
                        p99_ms: 3.0,
                    }),
                    totals: Totals {
                        wal_fsync: Some(Observed {
                            count: 7.0,
                            sum_seconds: 0.25,
                        }),
                        leader_changes: Some(2.0),
                        ..Totals::default()
                    },
                    ..MemberMetrics::default()
                },
                MemberMetrics {
                    endpoint: "http://127.0.0.1:2".into(),
                    ..MemberMetrics::default()
                },
            ],
        };
        let text = exposition(Some(&sample));
        let parsed = crate::metrics::parse(&text);
        let lines = text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .count();
        assert_eq!(
            parsed.0.len(),
            lines,
            "every line is valid exposition:\n{text}"
        );
        let ups: Vec<f64> = parsed.all("etcdkit_member_up").map(|s| s.value).collect();
        assert_eq!(ups, [1.0, 0.0]);
        assert_eq!(
            parsed.all("etcdkit_member_puts_per_second").count(),
            1,
            "unknowns are left out"
        );
        let name = "etcdkit_member_wal_fsync_duration_seconds";
        assert!(text.contains(&format!("# TYPE {name} summary")), "{text}");
        let p99 = parsed
            .all(name)
            .find(|s| s.label("quantile") == Some("0.99"))
            .unwrap();
        assert_eq!(p99.value, 0.003, "in seconds");
        assert_eq!(parsed.value(&format!("{name}_count")), Some(7.0));
        assert_eq!(parsed.value(&format!("{name}_sum")), Some(0.25));
        assert_eq!(
            parsed.value("etcdkit_member_leader_changes_seen_total"),
            Some(2.0)
        );
        assert!(text.contains("# TYPE etcdkit_member_leader_changes_seen_total counter"));
        for line in text.lines().filter(|l| l.starts_with("# TYPE")) {
            let name = line.split_whitespace().nth(2).unwrap();
            assert!(!name.ends_with("_ms"), "base units only: {name}");
        }
    }

    #[test]
    fn before_the_first_sample_only_the_sample_count_is_served() {
        assert_eq!(
            exposition(None),
            "# HELP etcdkit_samples_total Samples taken so far.\n\
             # TYPE etcdkit_samples_total counter\netcdkit_samples_total 0\n"
        );
    }
}

//! What the rules need from past samples: each member's counters and histograms a while back,
//! so that rates and percentiles cover a window (5m, 15m, 4h) the way Prometheus's `rate` and
//! `histogram_quantile` do, even across `alert run --once` invocations.
//!
//! Points are kept at most every [`SPACING`] seconds and for [`KEEP`] seconds (database sizes for
//! [`KEEP_SIZES`]), so the history, and the state file holding it, stays the same size however
//! long etcdkit runs.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use crate::metrics::derive::{increase, Buckets};
use crate::metrics::watch::FAILED_CODES;
use crate::metrics::Samples;

/// Seconds between two kept points.
pub const SPACING: f64 = 30.0;
/// Seconds of counters kept: the longest window a rule uses (15m), and one point more.
pub const KEEP: f64 = 15.0 * 60.0 + SPACING;
/// Seconds between two kept database sizes.
pub const SIZE_SPACING: f64 = 120.0;
/// Seconds of database sizes kept, for the 4-hour growth projection.
pub const KEEP_SIZES: f64 = 4.0 * 3600.0 + SIZE_SPACING;

/// The counters of one member at one moment, as its `/metrics` showed them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Counters {
    /// `etcd_server_has_leader`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub has_leader: Option<f64>,
    /// `etcd_server_leader_changes_seen_total`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub leader_changes: Option<f64>,
    /// `etcd_server_proposals_failed_total`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub proposals_failed: Option<f64>,
    /// `etcd_server_proposals_pending`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub proposals_pending: Option<f64>,
    /// Unary gRPC requests finished.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub grpc_unary: Option<f64>,
    /// Unary gRPC requests that finished with a code etcd's rules count as failed.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub grpc_unary_failed: Option<f64>,
    /// `etcd_network_peer_sent_failures_total` by the peer it was sent to (member ID in hex).
    #[serde(skip_serializing_if = "BTreeMap::is_empty", default)]
    pub peer_sent_failures: BTreeMap<String, f64>,
    /// `etcd_server_quota_backend_bytes`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub quota_bytes: Option<f64>,
    /// `process_cpu_seconds_total`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub cpu_seconds: Option<f64>,
    /// `process_resident_memory_bytes`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub memory_bytes: Option<f64>,
    /// WAL fsync durations, seconds.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub wal_fsync: Option<Buckets>,
    /// Backend commit durations, seconds.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub backend_commit: Option<Buckets>,
    /// Peer round trips, seconds.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub peer_round_trip: Option<Buckets>,
    /// Unary gRPC handling times but Defragment's, seconds (only with `--metrics=extensive`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub grpc_unary_handling: Option<Buckets>,
}

impl Counters {
    /// Picks what the rules need out of a parsed `/metrics`.
    pub fn from_samples(s: &Samples) -> Counters {
        let one = |name: &str| {
            let mut it = s.all(name).peekable();
            it.peek()?;
            Some(it.map(|x| x.value).sum::<f64>())
        };
        let handled = || {
            s.all("grpc_server_handled_total")
                .filter(|x| x.label("grpc_type") == Some("unary"))
        };
        let unary = handled().map(|x| x.value).sum::<f64>();
        let failed = handled()
            .filter(|x| {
                x.label("grpc_code")
                    .is_some_and(|c| FAILED_CODES.contains(&c))
            })
            .map(|x| x.value)
            .sum::<f64>();
        let any_handled = handled().next().is_some();
        let mut peer_sent_failures = BTreeMap::new();
        for x in s.all("etcd_network_peer_sent_failures_total") {
            let to = x.label("To").unwrap_or("").to_string();
            *peer_sent_failures.entry(to).or_insert(0.0) += x.value;
        }
        Counters {
            has_leader: one("etcd_server_has_leader"),
            leader_changes: one("etcd_server_leader_changes_seen_total"),
            proposals_failed: one("etcd_server_proposals_failed_total"),
            proposals_pending: one("etcd_server_proposals_pending"),
            grpc_unary: any_handled.then_some(unary),
            grpc_unary_failed: any_handled.then_some(failed),
            peer_sent_failures,
            quota_bytes: one("etcd_server_quota_backend_bytes"),
            cpu_seconds: one("process_cpu_seconds_total"),
            memory_bytes: one("process_resident_memory_bytes"),
            wal_fsync: Buckets::from_samples(s.all("etcd_disk_wal_fsync_duration_seconds_bucket")),
            backend_commit: Buckets::from_samples(
                s.all("etcd_disk_backend_commit_duration_seconds_bucket"),
            ),
            peer_round_trip: Buckets::from_samples(
                s.all("etcd_network_peer_round_trip_time_seconds_bucket"),
            ),
            grpc_unary_handling: Buckets::from_samples(
                s.all("grpc_server_handling_seconds_bucket").filter(|x| {
                    x.label("grpc_type") == Some("unary")
                        && x.label("grpc_method") != Some("Defragment")
                }),
            ),
        }
    }
}

/// One kept point of one member.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Point {
    /// Unix time, seconds.
    pub t: f64,
    /// The counters then.
    pub counters: Counters,
}

/// One member's past.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MemberHistory {
    /// Counters, oldest first.
    #[serde(default)]
    pub points: Vec<Point>,
    /// (unix time, database size in bytes), oldest first.
    #[serde(default)]
    pub db_sizes: Vec<(f64, f64)>,
}

impl MemberHistory {
    /// The point a window of `window` seconds ending `now` starts from: the oldest kept point
    /// inside it, or, when none is (runs further apart than the window), the newest before it.
    pub fn baseline(&self, now: f64, window: f64) -> Option<&Point> {
        self.points
            .iter()
            .filter(|p| p.t < now)
            .find(|p| p.t >= now - window)
            .or_else(|| self.points.iter().rfind(|p| p.t < now))
    }

    /// Keeps `counters` (and `db_size`) as of `now` if the last kept point is old enough, and
    /// forgets what no window needs any more.
    pub fn record(&mut self, now: f64, counters: &Counters, db_size: Option<f64>) {
        if self.points.last().is_none_or(|p| now - p.t >= SPACING) {
            self.points.push(Point {
                t: now,
                counters: counters.clone(),
            });
        }
        if let Some(size) = db_size {
            if self
                .db_sizes
                .last()
                .is_none_or(|p| now - p.0 >= SIZE_SPACING)
            {
                self.db_sizes.push((now, size));
            }
        }
        // A clock that jumped back leaves points "in the future": drop them too.
        self.points.retain(|p| p.t >= now - KEEP && p.t <= now);
        self.db_sizes
            .retain(|p| p.0 >= now - KEEP_SIZES && p.0 <= now);
    }

    /// Least-squares slope of the database size over the kept sizes plus `now`'s, in bytes per
    /// second, and the fitted size at `now`; `None` with fewer than two points.
    pub fn db_trend(&self, now: f64, size: f64) -> Option<(f64, f64)> {
        let mut pts: Vec<(f64, f64)> = self
            .db_sizes
            .iter()
            .copied()
            .filter(|p| p.0 < now)
            .collect();
        pts.push((now, size));
        if pts.len() < 2 {
            return None;
        }
        let n = pts.len() as f64;
        let mean_t = pts.iter().map(|p| p.0 - now).sum::<f64>() / n;
        let mean_y = pts.iter().map(|p| p.1).sum::<f64>() / n;
        let var = pts
            .iter()
            .map(|p| (p.0 - now - mean_t).powi(2))
            .sum::<f64>();
        if var <= 0.0 {
            return None;
        }
        let cov = pts
            .iter()
            .map(|p| (p.0 - now - mean_t) * (p.1 - mean_y))
            .sum::<f64>();
        let slope = cov / var;
        Some((slope, mean_y - slope * mean_t))
    }
}

/// Every member's past, by member name.
pub type History = BTreeMap<String, MemberHistory>;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::parse;

    #[test]
    fn counters_come_from_a_real_dump() {
        let text = include_str!("../../tests/data/metrics-3.5.1.txt");
        let c = Counters::from_samples(&parse(text));
        assert_eq!(c.has_leader, Some(1.0));
        assert!(c.leader_changes.is_some());
        assert!(c.grpc_unary.unwrap() > 0.0);
        assert!(c.quota_bytes.unwrap() > 0.0);
        let fsync = c.wal_fsync.unwrap();
        assert!(!fsync.le.is_empty() && fsync.count > 0.0);
        assert_eq!(fsync.le.len(), fsync.counts.len());
    }

    #[test]
    fn the_history_stays_bounded_and_finds_window_starts() {
        let mut h = MemberHistory::default();
        let c = Counters::default();
        for i in 0..10_000 {
            h.record(i as f64 * 5.0, &c, Some(1000.0 + i as f64));
        }
        assert!(
            h.points.len() <= (KEEP / SPACING) as usize + 1,
            "{}",
            h.points.len()
        );
        assert!(h.db_sizes.len() <= (KEEP_SIZES / SIZE_SPACING) as usize + 1);
        let now = 10_000.0 * 5.0;
        let start = h.baseline(now, 300.0).unwrap();
        assert!(start.t >= now - 300.0 && start.t < now);
        // Growth of 1 byte per sample of 5 s.
        let (slope, _) = h.db_trend(now, 11_000.0).unwrap();
        assert!((slope - 0.2).abs() < 0.01, "{slope}");
    }

    #[test]
    fn a_restarted_counter_counts_from_zero() {
        assert_eq!(increase(10.0, 4.0), 6.0);
        assert_eq!(increase(3.0, 40.0), 3.0);
    }
}

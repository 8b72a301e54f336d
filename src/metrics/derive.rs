//! Figures derived from two scrapes of one member: rates from counter deltas, and quantiles
//! from histogram bucket deltas (what Prometheus's `rate` and `histogram_quantile` do).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::exposition::{Sample, Samples};

/// The sum of every sample of a metric (all label sets), or `None` if the metric is absent.
pub fn total(s: &Samples, name: &str) -> Option<f64> {
    let mut found = false;
    let sum = s
        .all(name)
        .inspect(|_| found = true)
        .map(|x| x.value)
        .sum::<f64>();
    found.then_some(sum)
}

/// The sum of the samples of a metric whose labels match `keep`.
pub fn total_where(s: &Samples, name: &str, keep: impl Fn(&super::Sample) -> bool) -> f64 {
    s.all(name).filter(|x| keep(x)).map(|x| x.value).sum()
}

/// Per-second increase of a counter between two scrapes `seconds` apart. A counter that went
/// down (the member restarted) counts from zero, as Prometheus does.
pub fn rate(prev: &Samples, cur: &Samples, name: &str, seconds: f64) -> Option<f64> {
    let (a, b) = (total(prev, name)?, total(cur, name)?);
    Some(increase(b, a) / seconds.max(1e-9))
}

/// Increase of a counter from `then` to `now`; a counter that went down (the member restarted)
/// counts from zero, as Prometheus does.
pub fn increase(now: f64, then: f64) -> f64 {
    if now >= then {
        now - then
    } else {
        now
    }
}

/// Cumulative bucket counts of one histogram (the `+Inf` bucket is `count`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Buckets {
    /// Finite upper bounds, ascending.
    pub le: Vec<f64>,
    /// Cumulative counts for each bound.
    pub counts: Vec<f64>,
    /// All observations.
    pub count: f64,
}

impl Buckets {
    /// Adds up the `_bucket` samples of one histogram across label sets, by `le`; `None` when
    /// there are none.
    pub fn from_samples<'a>(samples: impl Iterator<Item = &'a Sample>) -> Option<Buckets> {
        let mut by_le: BTreeMap<u64, (f64, f64)> = BTreeMap::new();
        let mut count = 0.0;
        let mut found = false;
        for s in samples {
            found = true;
            match s.label("le") {
                Some("+Inf") => count += s.value,
                Some(v) => {
                    if let Ok(le) = v.parse::<f64>() {
                        by_le.entry(le.to_bits()).or_insert((le, 0.0)).1 += s.value;
                    }
                }
                None => {}
            }
        }
        if !found {
            return None;
        }
        let mut pairs: Vec<(f64, f64)> = by_le.into_values().collect();
        pairs.sort_by(|a, b| a.0.total_cmp(&b.0));
        Some(Buckets {
            le: pairs.iter().map(|p| p.0).collect(),
            counts: pairs.iter().map(|p| p.1).collect(),
            count,
        })
    }

    /// The `q` quantile (0..1) of what was observed since `before`, interpolated within the
    /// bucket as `histogram_quantile` does; `None` when nothing was observed.
    pub fn quantile_since(&self, before: Option<&Buckets>, q: f64) -> Option<f64> {
        let old = |i: usize| -> f64 {
            before
                .filter(|b| b.le == self.le)
                .map_or(0.0, |b| b.counts[i])
        };
        let reset = before.is_some_and(|b| b.count > self.count);
        let delta = |now: f64, then: f64| if reset { now } else { (now - then).max(0.0) };
        let total = delta(self.count, before.map_or(0.0, |b| b.count));
        if total <= 0.0 {
            return None;
        }
        let rank = q * total;
        let mut lower = 0.0;
        let mut below = 0.0;
        for (i, &le) in self.le.iter().enumerate() {
            let c = delta(self.counts[i], old(i));
            if c >= rank {
                let inside = c - below;
                if inside <= 0.0 {
                    return Some(le);
                }
                return Some(lower + (le - lower) * (rank - below) / inside);
            }
            lower = le;
            below = c;
        }
        // In the +Inf bucket: the highest finite bound is the best that can be said.
        self.le.last().copied()
    }
}

/// The `q` quantile (0..1) of a histogram's observations between two scrapes, in the
/// histogram's unit, interpolated within the bucket. `None` when nothing was observed.
pub fn quantile(prev: &Samples, cur: &Samples, name: &str, q: f64) -> Option<f64> {
    let bucket = format!("{name}_bucket");
    let now = Buckets::from_samples(cur.all(&bucket))?;
    let before = Buckets::from_samples(prev.all(&bucket));
    now.quantile_since(before.as_ref(), q.clamp(0.0, 1.0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::parse;

    fn buckets(counts: &[f64], count: f64) -> Buckets {
        Buckets {
            le: vec![0.001, 0.01, 0.1, 1.0],
            counts: counts.to_vec(),
            count,
        }
    }

    #[test]
    fn quantiles_use_only_what_was_observed_in_the_window() {
        let then = buckets(&[100.0, 100.0, 100.0, 100.0], 100.0);
        // Since then: 10 observations, all between 0.1 and 1 s.
        let now = buckets(&[100.0, 100.0, 100.0, 110.0], 110.0);
        let p99 = now.quantile_since(Some(&then), 0.99).unwrap();
        assert!(p99 > 0.1 && p99 <= 1.0, "{p99}");
        // Over the whole life, the fast ones dominate.
        let all = now.quantile_since(None, 0.5).unwrap();
        assert!(all <= 0.001, "{all}");
        assert_eq!(then.quantile_since(Some(&then), 0.99), None);
        // Beyond the last bound: the last bound.
        let slow = buckets(&[0.0, 0.0, 0.0, 0.0], 5.0);
        assert_eq!(slow.quantile_since(None, 0.99), Some(1.0));
    }

    #[test]
    fn rates_and_quantiles_follow_prometheus() {
        let prev = parse(
            "x_total 10\nh_bucket{le=\"0.1\"} 0\nh_bucket{le=\"0.2\"} 0\nh_bucket{le=\"+Inf\"} 0\n",
        );
        let cur = parse("x_total 30\nh_bucket{le=\"0.1\"} 50\nh_bucket{le=\"0.2\"} 100\nh_bucket{le=\"+Inf\"} 100\n");
        assert_eq!(rate(&prev, &cur, "x_total", 2.0), Some(10.0));
        let p50 = quantile(&prev, &cur, "h", 0.5).unwrap();
        assert!((p50 - 0.1).abs() < 1e-9, "{p50}");
        let p75 = quantile(&prev, &cur, "h", 0.75).unwrap();
        assert!((p75 - 0.15).abs() < 1e-9, "{p75}");
        assert_eq!(quantile(&prev, &prev, "h", 0.5), None, "nothing observed");
        // A restarted member's counter starts again from zero.
        assert_eq!(rate(&cur, &prev, "x_total", 1.0), Some(10.0));
    }

    #[test]
    fn real_dumps_have_the_series_watch_metrics_reads() {
        let text = std::fs::read_to_string(format!(
            "{}/tests/data/metrics-3.5.1.txt",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        let s = parse(&text);
        for name in [
            "etcd_mvcc_put_total",
            "etcd_server_proposals_committed_total",
            "process_resident_memory_bytes",
        ] {
            assert!(total(&s, name).is_some(), "{name}");
        }
        let empty = parse("");
        let fsync = quantile(&empty, &s, "etcd_disk_wal_fsync_duration_seconds", 0.99).unwrap();
        assert!(fsync > 0.0 && fsync < 1.0, "{fsync}");
    }
}

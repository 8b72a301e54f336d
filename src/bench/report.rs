//! The benchmark report: totals, latency percentiles, histogram, errors, time series, SLOs and
//! the comparison with a baseline report.

use std::collections::BTreeMap;

use hdrhistogram::Histogram;
use serde::{Deserialize, Serialize};

use super::recorder::{round2, us_to_ms, Sample};
use super::slo::{Metric, Slo, SloResult};

/// Latency figures, in milliseconds.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Latency {
    /// Fastest.
    pub min_ms: f64,
    /// Mean.
    pub mean_ms: f64,
    /// Standard deviation.
    pub stddev_ms: f64,
    /// Slowest.
    pub max_ms: f64,
    /// Median.
    pub p50_ms: f64,
    /// 90th percentile.
    pub p90_ms: f64,
    /// 95th percentile.
    pub p95_ms: f64,
    /// 99th percentile.
    pub p99_ms: f64,
    /// 99.9th percentile.
    pub p99_9_ms: f64,
}

/// One bar of the latency histogram: requests at or below `le_ms` (and above the bar before).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Bucket {
    /// Upper bound of the bar.
    pub le_ms: f64,
    /// Requests in the bar.
    pub count: u64,
}

/// The parameters of a run, as given.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Parameters {
    /// gRPC connections.
    pub conns: u32,
    /// Concurrent requesters.
    pub clients: u32,
    /// Requests asked for (null with a duration).
    pub total: Option<u64>,
    /// Run length asked for, in milliseconds (null with a total).
    pub duration_ms: Option<f64>,
    /// Open-loop request rate per second (null: closed loop).
    pub rate: Option<f64>,
    /// Key size after the prefix.
    pub key_size: usize,
    /// Value size.
    pub val_size: usize,
    /// Distinct keys.
    pub key_space_size: u64,
    /// Keys in order.
    pub sequential_keys: bool,
    /// Where the keys went.
    pub prefix: String,
    /// `leader` or `all`.
    pub target: String,
    /// Share of reads in `mixed`.
    pub read_ratio: Option<f64>,
    /// `l` (linearizable) or `s` (serializable) reads.
    pub consistency: Option<String>,
    /// Watchers in `watch`.
    pub watchers: Option<u32>,
}

/// A regression against the baseline.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    /// `throughput_per_sec`, `p50_ms`, `p99_ms`.
    pub metric: String,
    /// The baseline's value.
    pub baseline: f64,
    /// This run's value.
    pub current: f64,
    /// Change in percent (positive = higher now).
    pub change_percent: f64,
    /// Worse than the tolerance allows.
    pub regressed: bool,
}

/// The whole report of `etcdkit bench`.
#[derive(Debug, Clone, Serialize)]
pub struct BenchReport {
    /// `write`, `read`, `mixed`, `txn`, `watch` or `lock`.
    pub workload: String,
    /// What was asked for.
    pub parameters: Parameters,
    /// etcd's version, from the first endpoint.
    pub server_version: String,
    /// The endpoints the load went to.
    pub endpoints: Vec<String>,
    /// When the measured run started (RFC 3339).
    pub started_at: String,
    /// Length of the measured run.
    pub duration_ms: f64,
    /// Requests that succeeded (for `watch`: events received; for `lock`: acquisitions).
    pub requests: u64,
    /// Requests that failed.
    pub errors: u64,
    /// Failed requests by kind.
    pub errors_by_kind: BTreeMap<String, u64>,
    /// Successful requests per second.
    pub throughput_per_sec: f64,
    /// Latency of the successful requests.
    pub latency: Latency,
    /// A compact latency histogram.
    pub histogram: Vec<Bucket>,
    /// Per-interval figures with `--sample`.
    pub series: Vec<Sample>,
    /// Each `--slo` with its verdict.
    pub slo: Vec<SloResult>,
    /// Each compared figure with `--baseline`.
    pub baseline: Vec<Comparison>,
    /// Every SLO met and no regression.
    pub passed: bool,
    /// The run was cut short by a signal.
    pub interrupted: bool,
    /// Keys deleted under the prefix at the end (0 with `--keep`).
    pub cleaned_up_keys: i64,
}

/// Latency figures from the histogram (all zero when nothing succeeded).
pub fn latency(h: &Histogram<u64>) -> Latency {
    if h.is_empty() {
        return Latency::default();
    }
    let q = |x: f64| us_to_ms(h.value_at_quantile(x));
    Latency {
        min_ms: us_to_ms(h.min()),
        mean_ms: h.mean().round() / 1000.0,
        stddev_ms: h.stdev().round() / 1000.0,
        max_ms: us_to_ms(h.max()),
        p50_ms: q(0.5),
        p90_ms: q(0.9),
        p95_ms: q(0.95),
        p99_ms: q(0.99),
        p99_9_ms: q(0.999),
    }
}

/// Ten bars from the fastest to the slowest request, evenly spaced (as etcd's tool prints);
/// every recorded request is in exactly one bar.
pub fn buckets(h: &Histogram<u64>) -> Vec<Bucket> {
    if h.is_empty() {
        return Vec::new();
    }
    let (lo, hi) = (h.min(), h.max().max(h.min() + 1));
    let step = ((hi - lo) as f64 / 10.0).max(1.0);
    let uppers: Vec<u64> = (1..=10)
        .map(|i| {
            if i == 10 {
                hi
            } else {
                lo + (step * i as f64) as u64
            }
        })
        .collect();
    let mut counts = vec![0u64; uppers.len()];
    for v in h.iter_recorded() {
        let value = h.highest_equivalent(v.value_iterated_to()).min(hi);
        let bar = uppers
            .iter()
            .position(|u| value <= *u)
            .unwrap_or(uppers.len() - 1);
        counts[bar] += v.count_since_last_iteration();
    }
    uppers
        .into_iter()
        .zip(counts)
        .filter(|(_, count)| *count > 0)
        .map(|(upper, count)| Bucket {
            le_ms: us_to_ms(upper),
            count,
        })
        .collect()
}

/// The measured value an objective looks at.
pub fn measure(slo: &Slo, h: &Histogram<u64>, requests: u64, errors: u64, throughput: f64) -> f64 {
    match slo.metric {
        Metric::Percentile(pm) => us_to_ms(h.value_at_quantile(pm as f64 / 1000.0)),
        Metric::Mean => h.mean().round() / 1000.0,
        Metric::Max => us_to_ms(h.max()),
        Metric::Throughput => throughput,
        Metric::Errors => errors as f64,
        Metric::ErrorRate => {
            let all = requests + errors;
            if all == 0 {
                0.0
            } else {
                errors as f64 / all as f64
            }
        }
    }
}

/// What a baseline file must have: an earlier report's throughput and latency.
#[derive(Debug, Clone, Deserialize)]
pub struct Baseline {
    /// The earlier run's workload.
    pub workload: String,
    /// Its throughput.
    pub throughput_per_sec: f64,
    /// Its latency.
    pub latency: Latency,
}

/// Compares throughput (lower is worse) and p50/p99 (higher is worse) within `tolerance` (0.1 =
/// 10%).
pub fn compare(
    baseline: &Baseline,
    throughput: f64,
    latency: &Latency,
    tolerance: f64,
) -> Vec<Comparison> {
    let row = |metric: &str, base: f64, current: f64, higher_is_worse: bool| {
        let change = if base == 0.0 {
            0.0
        } else {
            (current - base) / base
        };
        let regressed = if higher_is_worse {
            change > tolerance
        } else {
            change < -tolerance
        };
        Comparison {
            metric: metric.to_string(),
            baseline: base,
            current,
            change_percent: round2(change * 100.0),
            regressed,
        }
    };
    vec![
        row(
            "throughput_per_sec",
            baseline.throughput_per_sec,
            throughput,
            false,
        ),
        row("p50_ms", baseline.latency.p50_ms, latency.p50_ms, true),
        row("p99_ms", baseline.latency.p99_ms, latency.p99_ms, true),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hist(values_us: &[u64]) -> Histogram<u64> {
        let mut h = Histogram::new_with_bounds(1, 3_600_000_000, 3).unwrap();
        for v in values_us {
            h.record(*v).unwrap();
        }
        h
    }

    #[test]
    fn percentiles_and_buckets_come_from_the_histogram() {
        let h = hist(&(1..=1000).map(|i| i * 10).collect::<Vec<_>>());
        let l = latency(&h);
        assert_eq!(l.min_ms, 0.01);
        assert!((l.p50_ms - 5.0).abs() < 0.01, "{}", l.p50_ms);
        assert!((l.p99_ms - 9.9).abs() < 0.02, "{}", l.p99_ms);
        assert!((l.max_ms - 10.0).abs() < 0.01);
        let bars = buckets(&h);
        assert_eq!(bars.iter().map(|b| b.count).sum::<u64>(), 1000);
        assert!(bars.len() <= 10);
    }

    #[test]
    fn a_slower_or_thinner_run_regresses_beyond_the_tolerance() {
        let base = Baseline {
            workload: "write".into(),
            throughput_per_sec: 1000.0,
            latency: Latency {
                p50_ms: 2.0,
                p99_ms: 10.0,
                ..Latency::default()
            },
        };
        let now = Latency {
            p50_ms: 2.1,
            p99_ms: 13.0,
            ..Latency::default()
        };
        let rows = compare(&base, 950.0, &now, 0.10);
        let regressed: Vec<&str> = rows
            .iter()
            .filter(|r| r.regressed)
            .map(|r| r.metric.as_str())
            .collect();
        assert_eq!(regressed, ["p99_ms"]);
        let rows = compare(&base, 800.0, &now, 0.10);
        assert!(rows[0].regressed, "20% less throughput");
    }
}

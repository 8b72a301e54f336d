//! The benchmark report: totals, latency percentiles, histogram, errors, time series, SLOs and
//! the comparison with a baseline report.

use std::collections::BTreeMap;

use hdrhistogram::Histogram;
use serde::{Deserialize, Serialize};

use super::recorder::{us_to_ms, Sample};
use super::slo::{Metric, Slo, SloResult};

/// Latency figures, in milliseconds; each is `None` (null in JSON) when no request succeeded:
/// no data is not a latency of 0.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Latency {
    /// Fastest.
    pub min_ms: Option<f64>,
    /// Mean.
    pub mean_ms: Option<f64>,
    /// Standard deviation.
    pub stddev_ms: Option<f64>,
    /// Slowest.
    pub max_ms: Option<f64>,
    /// Median.
    pub p50_ms: Option<f64>,
    /// 90th percentile.
    pub p90_ms: Option<f64>,
    /// 95th percentile.
    pub p95_ms: Option<f64>,
    /// 99th percentile.
    pub p99_ms: Option<f64>,
    /// 99.9th percentile.
    pub p99_9_ms: Option<f64>,
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
    #[serde(rename = "rate_per_second", alias = "rate")]
    pub rate: Option<f64>,
    /// Key size after the prefix.
    #[serde(rename = "key_size_bytes", alias = "key_size")]
    pub key_size: usize,
    /// Value size.
    #[serde(rename = "value_size_bytes", alias = "val_size")]
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
    /// `linearizable` or `serializable` reads.
    pub consistency: Option<String>,
    /// Watchers in `watch`.
    pub watchers: Option<u32>,
}

/// A regression against the baseline.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    /// `throughput_per_second`, `p50_ms`, `p99_ms`.
    pub metric: String,
    /// The baseline's value.
    pub baseline: f64,
    /// This run's value (null when no request succeeded).
    pub current: Option<f64>,
    /// Relative change, current / baseline - 1 (0.25: a quarter higher now; null without a
    /// current value).
    pub relative_change: Option<f64>,
    /// Worse than the tolerance allows, or nothing to compare (no request succeeded).
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
    /// The endpoints the load went to (objects with an `endpoint` in JSON, as everywhere).
    #[serde(serialize_with = "endpoint_objects")]
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
    pub throughput_per_second: f64,
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
    /// Every SLO met and no regression (`status`: `ok` or `failed` in JSON).
    #[serde(rename = "status", serialize_with = "verdict")]
    pub passed: bool,
    /// The run was cut short by a signal.
    pub interrupted: bool,
    /// Keys deleted under the prefix at the end (0 with `--keep`).
    pub cleaned_up_keys: i64,
    /// Keys of earlier runs that died without cleaning up, deleted before this run.
    pub stale_keys_deleted: i64,
}

/// Endpoints as the JSON vocabulary has them: objects with an `endpoint` URL.
fn endpoint_objects<S: serde::Serializer>(
    urls: &[String],
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    use serde::ser::SerializeSeq;
    let mut seq = s.serialize_seq(Some(urls.len()))?;
    for endpoint in urls {
        seq.serialize_element(&BTreeMap::from([("endpoint", endpoint)]))?;
    }
    seq.end()
}

/// The verdict as the JSON vocabulary has it: `status`, `ok` or `failed`.
fn verdict<S: serde::Serializer>(passed: &bool, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(if *passed { "ok" } else { "failed" })
}

/// Latency figures from the histogram (all `None` when nothing succeeded).
pub fn latency(h: &Histogram<u64>) -> Latency {
    if h.is_empty() {
        return Latency::default();
    }
    let q = |x: f64| Some(us_to_ms(h.value_at_quantile(x)));
    Latency {
        min_ms: Some(us_to_ms(h.min())),
        mean_ms: Some(h.mean().round() / 1000.0),
        stddev_ms: Some(h.stdev().round() / 1000.0),
        max_ms: Some(us_to_ms(h.max())),
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

/// The measured value an objective looks at; `None` when there is nothing to measure (a latency
/// or an error rate with no request done), which meets no objective.
pub fn measure(
    slo: &Slo,
    h: &Histogram<u64>,
    requests: u64,
    errors: u64,
    throughput: f64,
) -> Option<f64> {
    let latency = |f: &dyn Fn() -> f64| (!h.is_empty()).then(f);
    match slo.metric {
        Metric::Percentile(pm) => latency(&|| us_to_ms(h.value_at_quantile(pm as f64 / 1000.0))),
        Metric::Mean => latency(&|| h.mean().round() / 1000.0),
        Metric::Max => latency(&|| us_to_ms(h.max())),
        Metric::Throughput => Some(throughput),
        Metric::Errors => Some(errors as f64),
        Metric::ErrorRate => {
            let all = requests + errors;
            (all > 0).then(|| errors as f64 / all as f64)
        }
    }
}

/// What a baseline file must have: an earlier report's throughput and latency.
#[derive(Debug, Clone, Deserialize)]
pub struct Baseline {
    /// The earlier run's workload.
    pub workload: String,
    /// Its throughput (`throughput_per_sec` in reports before the one JSON vocabulary).
    #[serde(alias = "throughput_per_sec")]
    pub throughput_per_second: f64,
    /// Its latency.
    pub latency: Latency,
}

impl Baseline {
    /// The figures compared must be real measurements: positive and finite. A run where nothing
    /// succeeded (throughput 0, latencies null) or an edited file is no yardstick.
    pub fn check(&self) -> std::result::Result<(), String> {
        let figures = [
            ("throughput_per_second", Some(self.throughput_per_second)),
            ("latency.p50_ms", self.latency.p50_ms),
            ("latency.p99_ms", self.latency.p99_ms),
        ];
        for (name, value) in figures {
            match value {
                Some(v) if v.is_finite() && v > 0.0 => {}
                Some(v) => return Err(format!("its {name} is {v}, not a positive figure")),
                None => return Err(format!("its {name} is null (no request succeeded)")),
            }
        }
        Ok(())
    }
}

/// Compares throughput (lower is worse) and p50/p99 (higher is worse) within `tolerance` (0.1 =
/// 10%). A latency with no value now (no request succeeded) counts as regressed.
pub fn compare(
    baseline: &Baseline,
    throughput: f64,
    latency: &Latency,
    tolerance: f64,
) -> Vec<Comparison> {
    let row = |metric: &str, base: Option<f64>, current: Option<f64>, higher_is_worse: bool| {
        let base = base.unwrap_or(0.0);
        let change = current.map(|c| if base == 0.0 { 0.0 } else { (c - base) / base });
        let regressed = match change {
            None => true,
            Some(change) if higher_is_worse => change > tolerance,
            Some(change) => change < -tolerance,
        };
        Comparison {
            metric: metric.to_string(),
            baseline: base,
            current,
            relative_change: change.map(|c| (c * 10_000.0).round() / 10_000.0),
            regressed,
        }
    };
    vec![
        row(
            "throughput_per_second",
            Some(baseline.throughput_per_second),
            Some(throughput),
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
        assert_eq!(l.min_ms, Some(0.01));
        let (p50, p99, max) = (l.p50_ms.unwrap(), l.p99_ms.unwrap(), l.max_ms.unwrap());
        assert!((p50 - 5.0).abs() < 0.01, "{p50}");
        assert!((p99 - 9.9).abs() < 0.02, "{p99}");
        assert!((max - 10.0).abs() < 0.01);
        let bars = buckets(&h);
        assert_eq!(bars.iter().map(|b| b.count).sum::<u64>(), 1000);
        assert!(bars.len() <= 10);
    }

    /// A write baseline of this throughput, p50 and p99.
    fn baseline(throughput: f64, p50: f64, p99: f64) -> Baseline {
        Baseline {
            workload: "write".into(),
            throughput_per_second: throughput,
            latency: Latency {
                p50_ms: Some(p50),
                p99_ms: Some(p99),
                ..Latency::default()
            },
        }
    }

    #[test]
    fn a_slower_or_thinner_run_regresses_beyond_the_tolerance() {
        let base = baseline(1000.0, 2.0, 10.0);
        let now = Latency {
            p50_ms: Some(2.1),
            p99_ms: Some(13.0),
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

    #[test]
    fn no_data_has_no_latency_and_meets_no_latency_objective() {
        let empty = hist(&[]);
        let l = latency(&empty);
        assert!(l.p99_ms.is_none() && l.mean_ms.is_none() && l.min_ms.is_none());
        for expr in ["p99<=20ms", "mean<5ms", "max<1s", "error_rate<=0.01"] {
            let slo = crate::bench::slo::parse(expr).unwrap();
            assert_eq!(measure(&slo, &empty, 0, 0, 0.0), None, "{expr}");
        }
        let base = baseline(1000.0, 2.0, 10.0);
        let rows = compare(&base, 0.0, &l, 0.1);
        assert!(rows.iter().all(|r| r.regressed), "{rows:?}");
    }

    #[test]
    fn a_baseline_needs_positive_figures() {
        assert!(baseline(100.0, 2.0, 10.0).check().is_ok());
        for (throughput, p50, p99) in [
            (0.0, 2.0, 10.0),
            (-5.0, 2.0, 10.0),
            (f64::INFINITY, 2.0, 10.0),
            (100.0, 2.0, 0.0),
            (100.0, -1.0, 10.0),
        ] {
            let b = baseline(throughput, p50, p99);
            assert!(b.check().is_err(), "{throughput} {p50} {p99}");
        }
        let mut no_latency = baseline(100.0, 2.0, 10.0);
        no_latency.latency = Latency::default();
        assert!(no_latency.check().is_err());
    }
}

//! Where results go while a benchmark runs: latency histograms, error counts, a time series.
//!
//! Clients run as futures on one thread, so the recorder is a plain `RefCell` with no locks:
//! recording costs a histogram increment. Memory does not grow with the number of requests.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use hdrhistogram::Histogram;
use serde::Serialize;

/// Latencies are recorded in microseconds, from 1 µs to 1 hour, with 3 significant digits.
const HIGHEST_US: u64 = 3_600_000_000;

fn histogram() -> Histogram<u64> {
    Histogram::new_with_bounds(1, HIGHEST_US, 3).expect("valid histogram bounds")
}

/// One interval of the time series.
#[derive(Debug, Clone, Serialize)]
pub struct Sample {
    /// End of the interval, from the start of the run.
    pub at_ms: f64,
    /// Requests that succeeded in the interval.
    pub requests: u64,
    /// Requests that failed in the interval.
    pub errors: u64,
    /// Successful requests per second in the interval.
    pub throughput_per_second: f64,
    /// Median latency in the interval (null when none succeeded).
    pub p50_ms: Option<f64>,
    /// 99th percentile latency in the interval (null when none succeeded).
    pub p99_ms: Option<f64>,
}

struct State {
    total: Histogram<u64>,
    interval: Histogram<u64>,
    errors: BTreeMap<String, u64>,
    interval_errors: u64,
    series: Vec<Sample>,
    last_sample: Instant,
}

/// Collects the outcome of every request.
pub struct Recorder {
    started: Instant,
    state: RefCell<State>,
}

impl Recorder {
    /// A recorder whose clock starts now.
    pub fn new() -> Recorder {
        let now = Instant::now();
        Recorder {
            started: now,
            state: RefCell::new(State {
                total: histogram(),
                interval: histogram(),
                errors: BTreeMap::new(),
                interval_errors: 0,
                series: Vec::new(),
                last_sample: now,
            }),
        }
    }

    /// When the run started.
    pub fn started(&self) -> Instant {
        self.started
    }

    /// A request that succeeded after `latency`.
    pub fn success(&self, latency: Duration) {
        let us = (latency.as_micros() as u64).clamp(1, HIGHEST_US);
        let mut s = self.state.borrow_mut();
        s.total.saturating_record(us);
        s.interval.saturating_record(us);
    }

    /// A request that failed, by kind ("Unavailable", "timeout", ...).
    pub fn error(&self, kind: &str) {
        let mut s = self.state.borrow_mut();
        *s.errors.entry(kind.to_string()).or_default() += 1;
        s.interval_errors += 1;
    }

    /// Requests done so far: (succeeded, failed).
    pub fn counts(&self) -> (u64, u64) {
        let s = self.state.borrow();
        (s.total.len(), s.errors.values().sum())
    }

    /// Closes the current interval of the time series.
    pub fn sample(&self) {
        let mut s = self.state.borrow_mut();
        let now = Instant::now();
        let seconds = now.duration_since(s.last_sample).as_secs_f64().max(1e-9);
        let sample = Sample {
            at_ms: millis(now.duration_since(self.started)),
            requests: s.interval.len(),
            errors: s.interval_errors,
            throughput_per_second: round2(s.interval.len() as f64 / seconds),
            p50_ms: (!s.interval.is_empty()).then(|| us_to_ms(s.interval.value_at_quantile(0.5))),
            p99_ms: (!s.interval.is_empty()).then(|| us_to_ms(s.interval.value_at_quantile(0.99))),
        };
        s.series.push(sample);
        s.interval.reset();
        s.interval_errors = 0;
        s.last_sample = now;
    }

    /// Everything recorded: the whole-run histogram, errors by kind, the time series.
    pub fn finish(self) -> (Histogram<u64>, BTreeMap<String, u64>, Vec<Sample>) {
        let s = self.state.into_inner();
        (s.total, s.errors, s.series)
    }
}

impl Default for Recorder {
    fn default() -> Self {
        Recorder::new()
    }
}

/// Microseconds to milliseconds, rounded to the microsecond.
pub fn us_to_ms(us: u64) -> f64 {
    us as f64 / 1000.0
}

/// A duration in milliseconds, rounded to the microsecond.
pub fn millis(d: Duration) -> f64 {
    (d.as_secs_f64() * 1_000_000.0).round() / 1000.0
}

/// Two decimals.
pub fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

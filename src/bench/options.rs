//! What a run is asked for ([`BenchOptions`]) and the bounds every option is checked against
//! before any load is sent.

use std::time::Duration;

use super::keys::KeySpace;
use super::recorder::millis;
use super::report::{self, Parameters};
use super::slo::Slo;
use crate::error::{Error, Result};

/// etcd's default limit on one request (`--max-request-bytes`, 1.5 MiB).
pub const MAX_REQUEST_BYTES: usize = 1536 * 1024;

/// The most concurrent requesters (clients, watchers) a run takes: each costs memory and a
/// request in flight, and etcd's own tool is run with a thousand at most.
pub const MAX_CLIENTS: u32 = 10_000;
/// The most gRPC connections a run opens.
pub const MAX_CONNS: u32 = 1_000;
/// The most requests a run sends.
pub const MAX_TOTAL: u64 = 1_000_000_000;
/// The most keys `read` and `mixed` write beforehand.
pub const MAX_PREFILL: u64 = 1_000_000;
/// The slowest and the fastest open-loop rates, in requests per second.
pub const RATES: std::ops::RangeInclusive<f64> = 0.001..=10_000_000.0;
/// The longest run: by `--duration`, or by `--total` at `--rate`.
pub const MAX_RUN: Duration = Duration::from_secs(30 * 24 * 3600);
/// The shortest `--sample` interval (progress is checked ten times a second).
pub const MIN_SAMPLE: Duration = Duration::from_millis(100);

/// What to load etcd with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Workload {
    /// Puts.
    Write,
    /// Ranges of one key.
    Read,
    /// Reads and puts, `read_ratio` of them reads.
    Mixed,
    /// Compare-and-put transactions.
    Txn,
    /// Put-to-event latency seen by many watchers.
    Watch,
    /// Lock hand-offs between contending clients.
    Lock,
}

impl Workload {
    /// The name used on the command line and in reports.
    pub fn name(self) -> &'static str {
        match self {
            Workload::Write => "write",
            Workload::Read => "read",
            Workload::Mixed => "mixed",
            Workload::Txn => "txn",
            Workload::Watch => "watch",
            Workload::Lock => "lock",
        }
    }
}

/// When a run ends.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Stop {
    /// After this many requests.
    Total(u64),
    /// After this long.
    After(Duration),
}

/// Where the connections go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Every connection to the leader.
    Leader,
    /// Connections spread over every endpoint given.
    All,
}

/// Everything about a run.
#[derive(Debug, Clone)]
pub struct BenchOptions {
    /// The workload.
    pub workload: Workload,
    /// gRPC connections.
    pub conns: u32,
    /// Concurrent requesters, spread over the connections.
    pub clients: u32,
    /// When to stop.
    pub stop: Stop,
    /// Open loop at this many requests per second.
    pub rate: Option<f64>,
    /// Key bytes after the prefix.
    pub key_size: usize,
    /// Value bytes.
    pub val_size: usize,
    /// Distinct keys.
    pub key_space_size: u64,
    /// Keys in order instead of at random.
    pub sequential_keys: bool,
    /// Where keys go (default: a fresh `/etcdkit-bench/<run id>/`).
    pub prefix: Option<String>,
    /// Where the connections go.
    pub target: Target,
    /// Share of reads in `mixed`.
    pub read_ratio: f64,
    /// Serializable reads instead of linearizable ones.
    pub serializable: bool,
    /// Watchers in `watch`.
    pub watchers: u32,
    /// Time-series interval.
    pub sample: Option<Duration>,
    /// Objectives to check.
    pub slo: Vec<Slo>,
    /// An earlier report and the tolerance (0.1 = 10%).
    pub baseline: Option<(report::Baseline, f64)>,
    /// Use a prefix that already holds keys.
    pub force: bool,
    /// Leave the keys in place.
    pub keep: bool,
}

impl Default for BenchOptions {
    fn default() -> Self {
        BenchOptions {
            workload: Workload::Write,
            conns: 1,
            clients: 1,
            stop: Stop::Total(10_000),
            rate: None,
            key_size: 8,
            val_size: 8,
            key_space_size: 1,
            sequential_keys: false,
            prefix: None,
            target: Target::All,
            read_ratio: 0.5,
            serializable: false,
            watchers: 10,
            sample: None,
            slo: Vec::new(),
            baseline: None,
            force: false,
            keep: false,
        }
    }
}

impl BenchOptions {
    /// Checks everything that can be checked before any load is sent: counts, sizes, rates and
    /// durations are bounded, so no input can exhaust memory, overflow a clock or panic.
    pub fn validate(&self) -> Result<()> {
        let count = |flag: &str, value: u64, max: u64| {
            if value == 0 {
                return Err(Error::usage(format!("{flag} must be at least 1")));
            }
            if value > max {
                return Err(Error::usage(format!(
                    "{flag} {value} is more than etcdkit bench takes ({max})"
                )));
            }
            Ok(())
        };
        count("--clients", self.clients.into(), MAX_CLIENTS.into())?;
        count("--conns", self.conns.into(), MAX_CONNS.into())?;
        count("--watchers", self.watchers.into(), MAX_CLIENTS.into())?;
        if self.conns > self.clients {
            return Err(Error::usage(format!(
                "--conns {} is more than --clients {}: some connections would stay idle",
                self.conns, self.clients
            )));
        }
        match self.stop {
            Stop::Total(n) => {
                count("--total", n, MAX_TOTAL)?;
                if u64::from(self.clients) > n {
                    return Err(Error::usage_with_hint(
                        format!(
                            "--clients {} is more than --total {n}: {} would never send a request",
                            self.clients,
                            crate::text::count((u64::from(self.clients) - n) as i64, "client")
                        ),
                        "use at most as many clients as requests",
                    ));
                }
            }
            Stop::After(d) if d.is_zero() => {
                return Err(Error::usage("--duration must be more than 0"))
            }
            Stop::After(d) if d > MAX_RUN => {
                return Err(Error::usage(format!(
                    "--duration {} is longer than a run may last ({})",
                    humantime::format_duration(d),
                    humantime::format_duration(MAX_RUN)
                )))
            }
            Stop::After(_) => {}
        }
        if let Some(r) = self.rate {
            if !(r.is_finite() && RATES.contains(&r)) {
                return Err(Error::usage(format!(
                    "--rate must be from {} to {} requests per second, not {r}",
                    RATES.start(),
                    RATES.end()
                )));
            }
            if let Stop::Total(n) = self.stop {
                if n as f64 / r > MAX_RUN.as_secs_f64() {
                    return Err(Error::usage(format!(
                        "--total {n} at --rate {r} would take longer than a run may last ({})",
                        humantime::format_duration(MAX_RUN)
                    )));
                }
            }
        }
        if let Some(s) = self.sample {
            if !(MIN_SAMPLE..=MAX_RUN).contains(&s) {
                return Err(Error::usage(format!(
                    "--sample must be from {} to {}",
                    humantime::format_duration(MIN_SAMPLE),
                    humantime::format_duration(MAX_RUN)
                )));
            }
        }
        let request = self
            .key_size
            .checked_add(self.val_size)
            .and_then(|n| n.checked_add(256));
        if request.is_none_or(|n| n > MAX_REQUEST_BYTES) {
            return Err(Error::usage_with_hint(
                format!(
                    "a {} byte key and a {} byte value exceed etcd's request limit of {MAX_REQUEST_BYTES} bytes",
                    self.key_size, self.val_size
                ),
                "etcd refuses larger requests (--max-request-bytes); use a smaller --key-size or --val-size",
            ));
        }
        if !(0.0..=1.0).contains(&self.read_ratio) {
            return Err(Error::usage("--read-ratio is a share from 0 to 1"));
        }
        if self.workload == Workload::Watch && self.val_size < 16 {
            return Err(Error::usage(
                "bench watch needs --val-size of at least 16 (the send time travels in the value)",
            ));
        }
        if matches!(self.workload, Workload::Read | Workload::Mixed)
            && self.key_space_size > MAX_PREFILL
        {
            return Err(Error::usage(format!(
                "--key-space-size {} is more than `bench {}` writes beforehand ({MAX_PREFILL} keys at most)",
                self.key_space_size,
                self.workload.name()
            )));
        }
        if let Some(p) = &self.prefix {
            if p.is_empty() || !p.ends_with('/') {
                return Err(Error::usage(format!(
                    "--prefix {p:?} must end with '/' so the run stays inside it"
                )));
            }
        }
        if let Some((baseline, tolerance)) = &self.baseline {
            baseline.check().map_err(|why| {
                Error::usage_with_hint(
                    format!("the baseline cannot be compared with: {why}"),
                    "give the -o json report of a run where requests succeeded",
                )
            })?;
            if !(tolerance.is_finite() && *tolerance >= 0.0) {
                return Err(Error::usage("--tolerance is a percentage of 0 or more"));
            }
        }
        KeySpace::new("", self.key_size, self.key_space_size, self.sequential_keys)?;
        Ok(())
    }

    pub(super) fn parameters(&self, prefix: &str) -> Parameters {
        Parameters {
            conns: self.conns,
            clients: self.clients,
            total: match self.stop {
                Stop::Total(n) => Some(n),
                Stop::After(_) => None,
            },
            duration_ms: match self.stop {
                Stop::After(d) => Some(millis(d)),
                Stop::Total(_) => None,
            },
            rate: self.rate,
            key_size: self.key_size,
            val_size: self.val_size,
            key_space_size: self.key_space_size,
            sequential_keys: self.sequential_keys,
            prefix: prefix.to_string(),
            target: match self.target {
                Target::Leader => "leader".into(),
                Target::All => "all".into(),
            },
            read_ratio: (self.workload == Workload::Mixed).then_some(self.read_ratio),
            consistency: matches!(self.workload, Workload::Read | Workload::Mixed).then(|| {
                if self.serializable {
                    "serializable"
                } else {
                    "linearizable"
                }
                .to_string()
            }),
            watchers: (self.workload == Workload::Watch).then_some(self.watchers),
        }
    }
}

//! The flags every workload shares, and the few that only some take.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, ValueEnum};

use crate::bench::{report::Baseline, slo, BenchOptions, Stop, Target, Workload};
use crate::cli::parse_duration;
use crate::error::{Error, Result};

/// Load shape, safety and verdict flags, shared by every workload.
#[derive(Debug, Clone, Args)]
pub struct LoadArgs {
    /// gRPC connections (spread over --endpoints with --target all), at most 1000
    #[arg(long, default_value = "1", help_heading = "Load")]
    pub conns: u32,
    /// Concurrent requesters, spread over the connections: at most 10000, and no more than --total
    #[arg(long, default_value = "1", help_heading = "Load")]
    pub clients: u32,
    /// Requests to send [default: 10000]
    #[arg(long, conflicts_with = "duration", help_heading = "Load")]
    pub total: Option<u64>,
    /// Send for this long instead of a number of requests (at most 30 days)
    #[arg(long, value_parser = parse_duration, value_name = "DURATION", help_heading = "Load")]
    pub duration: Option<Duration>,
    /// Open loop at this many requests per second (0.001 to 10000000); latency counts from each request's due time
    /// [default: closed loop, each client sends its next request when the last one is answered]
    #[arg(
        long,
        value_name = "PER_SEC",
        allow_negative_numbers = true,
        help_heading = "Load"
    )]
    pub rate: Option<f64>,
    /// Key bytes after the prefix
    #[arg(long, default_value = "8", help_heading = "Keys")]
    pub key_size: usize,
    /// Value bytes
    #[arg(long, default_value = "8", help_heading = "Keys")]
    pub val_size: usize,
    /// Distinct keys (reads find them written beforehand)
    #[arg(long, default_value = "1", help_heading = "Keys")]
    pub key_space_size: u64,
    /// Keys in order instead of at random
    #[arg(long, help_heading = "Keys")]
    pub sequential_keys: bool,
    /// Where the keys go, ending in '/' [default: a fresh /etcdkit-bench/<run id>/]
    #[arg(long, help_heading = "Keys")]
    pub prefix: Option<String>,
    /// Use a prefix that already holds keys (they are overwritten and deleted)
    #[arg(long, help_heading = "Keys")]
    pub force: bool,
    /// Leave the keys in place at the end
    #[arg(long, help_heading = "Keys")]
    pub keep: bool,
    /// Send to the leader only, or spread over all endpoints
    #[arg(long, value_enum, default_value = "all", help_heading = "Load")]
    pub target: TargetArg,
    /// Add a time series with one point per interval, e.g. 1s (100ms to 30 days)
    #[arg(long, value_parser = parse_duration, value_name = "DURATION", help_heading = "Report")]
    pub sample: Option<Duration>,
    /// An objective the run must meet: 'p99<=20ms', 'mean<5ms', 'throughput>=5000', 'errors==0', 'error_rate<=0.01' (repeatable)
    #[arg(long, value_name = "OBJECTIVE", help_heading = "Report")]
    pub slo: Vec<String>,
    /// An earlier `-o json` report to compare throughput, p50 and p99 with
    #[arg(long, value_name = "FILE", help_heading = "Report")]
    pub baseline: Option<PathBuf>,
    /// Worse than the baseline by more than this percentage is a regression
    #[arg(
        long,
        default_value = "10",
        value_name = "PERCENT",
        help_heading = "Report"
    )]
    pub tolerance: f64,
}

/// `--target`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum TargetArg {
    /// Every connection to the leader
    Leader,
    /// Connections spread over every endpoint
    All,
}

/// `--consistency`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Consistency {
    /// Linearizable
    L,
    /// Serializable
    S,
}

/// `bench read` flags.
#[derive(Debug, Clone, Args)]
pub struct ReadArgs {
    #[command(flatten)]
    pub load: LoadArgs,
    /// l: linearizable (through the leader's quorum), s: serializable (local)
    #[arg(long, value_enum, default_value = "l")]
    pub consistency: Consistency,
}

/// `bench mixed` flags.
#[derive(Debug, Clone, Args)]
pub struct MixedArgs {
    #[command(flatten)]
    pub load: LoadArgs,
    /// Share of requests that are reads, 0 to 1
    #[arg(long, default_value = "0.5")]
    pub read_ratio: f64,
    /// l: linearizable, s: serializable reads
    #[arg(long, value_enum, default_value = "l")]
    pub consistency: Consistency,
}

/// `bench watch` flags.
#[derive(Debug, Clone, Args)]
pub struct WatchArgs {
    #[command(flatten)]
    pub load: LoadArgs,
    /// Watchers on the prefix; each sees every put (values are at least 16 bytes: they carry the send time)
    #[arg(long, default_value = "10")]
    pub watchers: u32,
}

impl LoadArgs {
    /// The library's options for `workload`; SLOs and the baseline are read and checked here,
    /// before any load is sent.
    pub fn options(&self, workload: Workload) -> Result<BenchOptions> {
        let slo = self
            .slo
            .iter()
            .map(|s| slo::parse(s))
            .collect::<Result<Vec<_>>>()?;
        if !(self.tolerance.is_finite() && self.tolerance >= 0.0) {
            return Err(Error::usage("--tolerance is a percentage of 0 or more"));
        }
        let baseline = match &self.baseline {
            None => None,
            Some(path) => {
                let text = std::fs::read_to_string(path).map_err(|source| Error::File {
                    what: "baseline report",
                    path: path.clone(),
                    source,
                })?;
                let b: Baseline = serde_json::from_str(&text).map_err(|e| {
                    Error::usage_with_hint(
                        format!("{} is not a bench report: {e}", path.display()),
                        "give a file written by `etcdkit bench ... -o json`",
                    )
                })?;
                if b.workload != workload.name() {
                    return Err(Error::usage(format!(
                        "the baseline is a {} run; compare it with `etcdkit bench {}`",
                        b.workload, b.workload
                    )));
                }
                Some((b, self.tolerance / 100.0))
            }
        };
        Ok(BenchOptions {
            workload,
            conns: self.conns,
            clients: self.clients,
            stop: match self.duration {
                Some(d) => Stop::After(d),
                None => Stop::Total(self.total.unwrap_or(10_000)),
            },
            rate: self.rate,
            key_size: self.key_size,
            val_size: self.val_size,
            key_space_size: self.key_space_size,
            sequential_keys: self.sequential_keys,
            prefix: self.prefix.clone(),
            target: match self.target {
                TargetArg::Leader => Target::Leader,
                TargetArg::All => Target::All,
            },
            sample: self.sample,
            slo,
            baseline,
            force: self.force,
            keep: self.keep,
            ..BenchOptions::default()
        })
    }
}

impl ReadArgs {
    /// Options for `bench read`.
    pub fn options(&self) -> Result<BenchOptions> {
        let mut o = self.load.options(Workload::Read)?;
        o.serializable = matches!(self.consistency, Consistency::S);
        Ok(o)
    }
}

impl MixedArgs {
    /// Options for `bench mixed`.
    pub fn options(&self) -> Result<BenchOptions> {
        let mut o = self.load.options(Workload::Mixed)?;
        o.serializable = matches!(self.consistency, Consistency::S);
        o.read_ratio = self.read_ratio;
        Ok(o)
    }
}

impl WatchArgs {
    /// Options for `bench watch`.
    pub fn options(&self) -> Result<BenchOptions> {
        let mut o = self.load.options(Workload::Watch)?;
        o.watchers = self.watchers;
        if self.load.val_size < 16 {
            o.val_size = 16;
        }
        Ok(o)
    }
}

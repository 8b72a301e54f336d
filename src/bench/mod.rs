//! Load generation and SLO checks: `write`, `read`, `mixed`, `txn`, `watch` and `lock` workloads.
//!
//! Clients are futures on the calling task (no threads, no locks): each takes the next request
//! number, sends, and records the latency in an HdrHistogram. Closed loop by default; with a
//! rate, open loop: request `n` is due at `start + n / rate` and its latency counts from then,
//! so a server stall shows in the percentiles (no coordinated omission).
//!
//! A run writes only under its own prefix (a fresh `/etcdkit-bench/<run id>/` unless told),
//! refuses a prefix that holds keys unless forced, and deletes what it wrote at the end.

pub mod keys;
pub mod recorder;
pub mod report;
pub mod runs;
pub mod slo;
mod workloads;

use std::time::{Duration, Instant};

use etcd_client::{Client, GetOptions};

use crate::conn::ConnectOptions;
use crate::error::{Error, Result};
use crate::session::Session;
use keys::KeySpace;
use recorder::{millis, round2, Recorder};
use report::{BenchReport, Parameters};
use slo::Slo;

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
/// The TTL of the lease a run's marker hangs on: this long after a run died without cleaning up
/// (SIGKILL, a crash, a lost machine), the next run deletes its keys.
pub const MARKER_TTL: Duration = Duration::from_secs(10);

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
                            "--clients {} is more than --total {n}: {} clients would never send a request",
                            self.clients,
                            u64::from(self.clients) - n
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

    fn parameters(&self, prefix: &str) -> Parameters {
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
            consistency: matches!(self.workload, Workload::Read | Workload::Mixed)
                .then(|| if self.serializable { "s" } else { "l" }.to_string()),
            watchers: (self.workload == Workload::Watch).then_some(self.watchers),
        }
    }
}

/// Progress while running: requests done and failed, and the time since the start.
#[derive(Debug, Clone, Copy)]
pub struct Progress {
    /// Requests that succeeded so far.
    pub done: u64,
    /// Requests that failed so far.
    pub errors: u64,
    /// Requests asked for, when known.
    pub total: Option<u64>,
    /// Time since the measured run started.
    pub elapsed: Duration,
}

/// Runs a benchmark. `on_progress` is called about ten times a second; the run ends early
/// (and still cleans up and reports) when `interrupt` resolves, at once whatever the rate.
///
/// A run in its own `/etcdkit-bench/<run id>/` marks itself alive with a key on a lease, and
/// first deletes the keys of earlier runs that died without cleaning up (see [`runs`]).
pub async fn run(
    conn: &ConnectOptions,
    options: &BenchOptions,
    mut on_progress: impl FnMut(Progress),
    interrupt: impl std::future::Future<Output = ()>,
) -> Result<BenchReport> {
    options.validate()?;
    let control = conn.connect().await?;
    let (server_version, endpoints) = targets(conn, &control, options.target).await?;
    let prefix = options
        .prefix
        .clone()
        .unwrap_or_else(|| format!("{}{}/", runs::RUNS, runs::new_id()));
    refuse_used_prefix(conn, &control, &prefix, options.force).await?;
    // Housekeeping, not the user's request: a user allowed less than the whole directory still
    // gets a run.
    let stale_keys_deleted = runs::clean_up_dead(conn, &control).await.unwrap_or(0);
    // Marked before any key is written, so no other run takes this one for dead. A member that
    // grants no lease (out of space, say) takes no put either: nothing to mark.
    let mut session = None;
    if let Some(marker) = runs::marker(&prefix) {
        if options.keep {
            runs::mark(conn, &control, &marker, None).await?;
        } else if let Ok(s) = Session::new(conn, &control, MARKER_TTL).await {
            if let Err(e) = runs::mark(conn, &control, &marker, Some(s.lease_id())).await {
                s.close().await;
                return Err(e);
            }
            session = Some(s);
        }
    }
    let tls = conn.load_tls()?;
    let mut clients = Vec::with_capacity(options.conns as usize);
    // Key-value requests, the hot loop, take the lean connections and bound each request
    // themselves; watches, leases and locks keep the channel's own limits.
    let lean = !matches!(options.workload, Workload::Watch | Workload::Lock);
    for i in 0..options.conns as usize {
        let url = &endpoints[i % endpoints.len()];
        let client = match lean {
            true => conn.connect_for_load(url, tls.as_ref()).await?,
            false => conn.connect_endpoint(url, tls.as_ref()).await?,
        };
        clients.push(client);
    }
    let keys = KeySpace::new(
        &prefix,
        options.key_size,
        options.key_space_size,
        options.sequential_keys,
    )?;

    let recorder = std::cell::OnceCell::new();
    let started_at = humantime::format_rfc3339_millis(std::time::SystemTime::now()).to_string();
    let halt = workloads::Halt::default();
    let outcome = async {
        tokio::pin!(interrupt);
        let mut interrupted = false;
        if matches!(options.workload, Workload::Read | Workload::Mixed) {
            let prefill = workloads::prefill(conn, &clients, &keys, options.val_size, &halt);
            tokio::pin!(prefill);
            loop {
                tokio::select! {
                    result = &mut prefill => { result?; break; }
                    _ = &mut interrupt, if !interrupted => { interrupted = true; halt.set(); }
                }
            }
        }
        let recorder = recorder.get_or_init(Recorder::new);
        if interrupted {
            return Ok::<_, Error>(true);
        }
        let load = workloads::drive(conn, &clients, options, &keys, &prefix, recorder, &halt);
        let total = match options.stop {
            Stop::Total(n) => Some(n),
            Stop::After(_) => None,
        };
        let ticker = async {
            let mut tick = tokio::time::interval(Duration::from_millis(100));
            let mut next_sample = options.sample.and_then(|s| Instant::now().checked_add(s));
            loop {
                tick.tick().await;
                let (done, errors) = recorder.counts();
                on_progress(Progress {
                    done,
                    errors,
                    total,
                    elapsed: recorder.started().elapsed(),
                });
                if let (Some(at), Some(every)) = (next_sample, options.sample) {
                    if Instant::now() >= at {
                        recorder.sample();
                        next_sample = at.checked_add(every);
                    }
                }
            }
        };
        tokio::pin!(load, ticker);
        loop {
            tokio::select! {
                result = &mut load => { result?; break; }
                _ = &mut ticker => unreachable!("the ticker never ends"),
                // Stop handing out requests (and wake clients waiting for their due time) but
                // let those in flight land: a put applied after the cleanup would leave a key.
                _ = &mut interrupt, if !interrupted => { interrupted = true; halt.set(); }
            }
        }
        Ok(interrupted)
    }
    .await;
    let recorder = recorder.into_inner().unwrap_or_default();
    let elapsed = recorder.started().elapsed();
    if options.sample.is_some() {
        // The last point may cover less than an interval; the series still adds up to the run.
        recorder.sample();
    }
    // Cleaned up even when the load failed: the keys written so far go too.
    let cleaned = match options.keep {
        true => Ok(0),
        false => cleanup(conn, &control, &prefix).await,
    };
    // Revoking the lease deletes the marker: the run is over and clean.
    if let Some(session) = session {
        session.close().await;
    }
    let interrupted = outcome?;
    let cleaned_up_keys = cleaned?;

    let (histogram, errors_by_kind, series) = recorder.finish();
    let requests = histogram.len();
    let errors: u64 = errors_by_kind.values().sum();
    let throughput = round2(requests as f64 / elapsed.as_secs_f64().max(1e-9));
    let latency = report::latency(&histogram);
    let slo: Vec<_> = options
        .slo
        .iter()
        .map(|s| {
            let actual = report::measure(s, &histogram, requests, errors, throughput);
            slo::SloResult {
                expr: s.expr.clone(),
                actual,
                passed: s.op.holds(actual, s.threshold),
            }
        })
        .collect();
    let baseline = options
        .baseline
        .as_ref()
        .map(|(b, tolerance)| report::compare(b, throughput, &latency, *tolerance))
        .unwrap_or_default();
    let passed = slo.iter().all(|s| s.passed) && baseline.iter().all(|c| !c.regressed);
    Ok(BenchReport {
        workload: options.workload.name().to_string(),
        parameters: options.parameters(&prefix),
        server_version,
        endpoints,
        started_at,
        duration_ms: millis(elapsed),
        requests,
        errors,
        errors_by_kind,
        throughput_per_sec: throughput,
        histogram: report::buckets(&histogram),
        latency,
        series,
        slo,
        baseline,
        passed,
        interrupted,
        cleaned_up_keys,
        stale_keys_deleted,
    })
}

/// The server version and the endpoints the load goes to.
async fn targets(
    conn: &ConnectOptions,
    control: &Client,
    target: Target,
) -> Result<(String, Vec<String>)> {
    let urls = conn.endpoint_urls()?;
    let mut maintenance = control.maintenance_client();
    let status = conn.retry_idempotent(|| {
        let mut m = maintenance.clone();
        async move { m.status().await }
    });
    let version = status.await?.version().to_string();
    let _ = &mut maintenance;
    if target == Target::All || urls.len() == 1 {
        return Ok((version, urls));
    }
    let tls = conn.load_tls()?;
    for url in &urls {
        let Ok(mut c) = conn.connect_endpoint(url, tls.as_ref()).await else {
            continue;
        };
        if let Ok(s) = conn.request(url, c.status()).await {
            let me = s.header().map_or(0, |h| h.member_id());
            if me != 0 && s.leader() == me {
                return Ok((version, vec![url.clone()]));
            }
        }
    }
    Err(Error::usage_with_hint(
        "--target leader: none of the endpoints given is the leader",
        "list the leader's endpoint too (etcdkit health --cluster shows it), or use --target all",
    ))
}

async fn refuse_used_prefix(
    conn: &ConnectOptions,
    client: &Client,
    prefix: &str,
    force: bool,
) -> Result<()> {
    let mut kv = client.kv_client();
    let options = GetOptions::new().with_prefix().with_count_only();
    let count = conn
        .request(&conn.label(), kv.get(prefix, Some(options)))
        .await?
        .count();
    if count > 0 && !force {
        return Err(Error::usage_with_hint(
            format!("the prefix {prefix} already holds {count} keys; a benchmark would overwrite and then delete them"),
            "choose an empty --prefix, or pass --force (the keys are deleted at the end unless --keep)",
        ));
    }
    Ok(())
}

async fn cleanup(conn: &ConnectOptions, client: &Client, prefix: &str) -> Result<i64> {
    let kv = client.kv_client();
    let every = Some(etcd_client::DeleteOptions::new().with_prefix());
    let deleted = conn.delete_with_retry(&kv, prefix, every).await?;
    Ok(deleted.deleted())
}

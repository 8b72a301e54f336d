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
mod options;
pub mod recorder;
pub mod report;
pub mod runs;
pub mod slo;
mod workloads;

use std::time::{Duration, Instant};

use etcd_client::{Client, GetOptions};

use crate::concurrency::Session;
use crate::conn::{self, ConnectOptions};
use crate::error::{Error, Result};
use keys::KeySpace;
pub use options::{
    BenchOptions, Stop, Target, Workload, MAX_CLIENTS, MAX_CONNS, MAX_PREFILL, MAX_REQUEST_BYTES,
    MAX_RUN, MAX_TOTAL, MIN_SAMPLE, RATES,
};
use recorder::{millis, round2, Recorder};
use report::BenchReport;

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
    let resolved = conn.resolve()?;
    let control = resolved.connect().await?;
    let (server_version, endpoints) = targets(&resolved, &control, options.target).await?;
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
        } else if let Ok(s) = Session::new(&resolved, &control, runs::MARKER_TTL).await {
            if let Err(e) = runs::mark(conn, &control, &marker, Some(s.lease_id())).await {
                s.close().await;
                return Err(e);
            }
            session = Some(s);
        }
    }
    let mut clients = Vec::with_capacity(options.conns as usize);
    // Key-value requests, the hot loop, take the lean connections and bound each request
    // themselves; watches, leases and locks keep the channel's own limits.
    let lean = !matches!(options.workload, Workload::Watch | Workload::Lock);
    for i in 0..options.conns as usize {
        let url = &endpoints[i % endpoints.len()];
        let client = match lean {
            true => resolved.load_client(url).await?,
            false => resolved.client(url).await?,
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
    let started_at = crate::units::now();
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
        throughput_per_second: throughput,
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
    resolved: &conn::Target,
    control: &Client,
    target: Target,
) -> Result<(String, Vec<String>)> {
    let conn = resolved.options();
    let urls = resolved.urls().to_vec();
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
    for url in &urls {
        let Ok(mut c) = resolved.client(url).await else {
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
            format!(
                "the prefix {prefix} already holds {}; a benchmark would overwrite and then delete them",
                crate::text::count(count as i64, "key")
            ),
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

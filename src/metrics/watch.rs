//! Live cluster metrics: each sample asks every member for its status and `/metrics`, times a
//! few linearizable reads, and derives per-second figures from the previous sample.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use etcd_client::{Client, GetOptions};
use hdrhistogram::Histogram;
use serde::Serialize;

use super::derive::{quantile, rate, total, total_where};
use super::{parse, Samples};
use crate::conn::{http, Target};
use crate::error::{Error, Result};
use crate::ids::HexId;

/// gRPC codes that etcd's own alert rules count as failures.
pub const FAILED_CODES: [&str; 7] = [
    "Unknown",
    "FailedPrecondition",
    "ResourceExhausted",
    "Internal",
    "Unavailable",
    "DataLoss",
    "DeadlineExceeded",
];

/// Timed reads per member per sample, for the client-probe latency.
const PROBES: usize = 3;

/// One member in one sample. Per-second figures are null in the first sample (they need two).
#[derive(Debug, Clone, Default, Serialize)]
pub struct MemberMetrics {
    /// The client URL.
    pub endpoint: String,
    /// It answered this sample.
    pub up: bool,
    /// Why not.
    pub error: Option<String>,
    /// Member ID (null until the member has answered once).
    pub id: Option<HexId>,
    /// Member name, from the member list (null until known).
    pub name: Option<String>,
    /// Server version.
    pub version: Option<String>,
    /// This member leads.
    pub is_leader: bool,
    /// This member is a learner.
    pub is_learner: bool,
    /// Raft term.
    pub raft_term: Option<u64>,
    /// Committed index.
    pub raft_index: Option<u64>,
    /// Applied index.
    pub raft_applied_index: Option<u64>,
    /// Backend size.
    pub db_size_bytes: Option<u64>,
    /// Backend bytes in use.
    pub db_size_in_use_bytes: Option<u64>,
    /// Backend growth since the last sample.
    pub db_growth_bytes_per_second: Option<f64>,
    /// Puts per second.
    pub puts_per_second: Option<f64>,
    /// Ranges per second.
    pub ranges_per_second: Option<f64>,
    /// Transactions per second.
    pub txns_per_second: Option<f64>,
    /// Deletes per second.
    pub deletes_per_second: Option<f64>,
    /// Share of finished gRPC requests that failed (the codes etcd's alert rules count).
    pub grpc_failed_ratio: Option<f64>,
    /// Leader changes this member has seen since the last sample.
    pub leader_changes: Option<f64>,
    /// Proposals committed per second.
    pub proposals_committed_per_second: Option<f64>,
    /// Proposals applied per second.
    pub proposals_applied_per_second: Option<f64>,
    /// Proposals pending now.
    pub proposals_pending: Option<f64>,
    /// Proposals failed since the last sample.
    pub proposals_failed: Option<f64>,
    /// WAL fsync p50 / p95 / p99 since the last sample, in ms.
    pub wal_fsync_latency: Option<Quantiles>,
    /// Backend commit p50 / p95 / p99, in ms.
    pub backend_commit_latency: Option<Quantiles>,
    /// Peer round trip p50 / p95 / p99, in ms.
    pub peer_round_trip_latency: Option<Quantiles>,
    /// Server-side gRPC handling p50 / p95 / p99, in ms (only with `--metrics=extensive`).
    pub grpc_handling_latency: Option<Quantiles>,
    /// etcdkit's own timed linearizable reads, p50 / p95 / p99 over the run, in ms.
    pub probe_latency: Option<Quantiles>,
    /// Resident memory of the etcd process.
    pub memory_bytes: Option<f64>,
    /// CPU seconds the etcd process used per second.
    pub cpu_cores: Option<f64>,
    /// The cumulative figures behind the rates and percentiles, for the Prometheus exposition
    /// (not in the JSON).
    #[serde(skip)]
    pub totals: Totals,
}

/// Cumulative figures as the member (or etcdkit's probe) last counted them. Prometheus wants
/// these, not per-sample deltas: it takes its own rates of counters, and a summary carries the
/// running `_count` and `_sum` of what its quantiles describe.
#[derive(Debug, Clone, Default)]
pub struct Totals {
    /// Leader changes the member has seen since it started.
    pub leader_changes: Option<f64>,
    /// Proposals that failed since the member started.
    pub proposals_failed: Option<f64>,
    /// CPU seconds the etcd process has used.
    pub cpu_seconds: Option<f64>,
    /// WAL fsyncs.
    pub wal_fsync: Option<Observed>,
    /// Backend commits.
    pub backend_commit: Option<Observed>,
    /// Peer round trips (all peers).
    pub peer_round_trip: Option<Observed>,
    /// Server-side gRPC handling (etcd --metrics=extensive).
    pub grpc_handling: Option<Observed>,
    /// etcdkit's own timed reads.
    pub probe: Option<Observed>,
}

/// How many times something was timed, and the seconds all of them took.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Observed {
    /// Observations.
    pub count: f64,
    /// Their total, in seconds.
    pub sum_seconds: f64,
}

impl Observed {
    /// The `_count` and `_sum` of a histogram in one scrape (all label sets added up).
    fn of_histogram(s: &Samples, name: &str) -> Option<Observed> {
        Some(Observed {
            count: total(s, &format!("{name}_count"))?,
            sum_seconds: total(s, &format!("{name}_sum"))?,
        })
    }
}

/// A latency summary: three percentiles, in milliseconds.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Quantiles {
    /// Median.
    pub p50_ms: f64,
    /// 95th percentile.
    pub p95_ms: f64,
    /// 99th percentile.
    pub p99_ms: f64,
}

/// One sample of the whole cluster.
#[derive(Debug, Clone, Serialize)]
pub struct ClusterSample {
    /// When (RFC 3339).
    pub time: String,
    /// 1 for the first sample.
    pub sample: u64,
    /// Members that answered.
    pub members_up: usize,
    /// Members asked.
    pub members_total: usize,
    /// The leader, as the members that answered see it.
    pub leader_id: Option<HexId>,
    /// Puts per second the cluster applied (every member applies every put: the highest).
    pub puts_per_second: Option<f64>,
    /// Ranges per second, all members together (each serves its own).
    pub ranges_per_second: Option<f64>,
    /// Each member.
    pub members: Vec<MemberMetrics>,
}

/// etcdkit's own timed reads of one member, over the run.
struct Probes {
    latencies: Histogram<u64>,
    seconds: f64,
}

struct Previous {
    samples: Samples,
    at: Instant,
    db_size: Option<u64>,
}

/// Samples a cluster again and again.
pub struct MetricsWatcher {
    target: Target,
    /// (gRPC endpoint, metrics URL, client)
    members: Vec<(String, String, Client)>,
    previous: HashMap<String, Previous>,
    probes: HashMap<String, Probes>,
    count: u64,
    /// The last member ID seen at each endpoint, so a member that stops answering keeps it.
    ids: HashMap<String, HexId>,
    /// Member names by ID, from the member list.
    names: HashMap<u64, String>,
}

impl MetricsWatcher {
    /// Watches the given endpoints (or, with `cluster`, every member that has started);
    /// `target` says where each serves `/metrics` ([`Target::with_metrics_urls`]).
    pub async fn new(target: &Target, cluster: bool) -> Result<MetricsWatcher> {
        let mut urls = target.urls().to_vec();
        let mut names = HashMap::new();
        if cluster {
            let members = target.members().await?;
            names = name_map(&members.list);
            urls = members.started().cloned().collect();
            urls.sort();
        }
        let mut members = Vec::new();
        for url in &urls {
            let client = target.client(url).await?;
            members.push((url.clone(), target.metrics_url(url), client));
        }
        Ok(MetricsWatcher {
            target: target.clone(),
            members,
            previous: HashMap::new(),
            probes: HashMap::new(),
            count: 0,
            ids: HashMap::new(),
            names,
        })
    }

    /// Takes one sample of every member. A member that does not answer is a fact of the sample;
    /// when no member at all could be verified (TLS) or authenticated to, the sample would only
    /// describe etcdkit's own configuration, and that error is returned instead.
    pub async fn sample(&mut self) -> Result<ClusterSample> {
        self.count += 1;
        let (conn, tls) = (self.target.options(), self.target.tls());
        let reads = self
            .members
            .iter()
            .map(|(endpoint, metrics_url, client)| async move {
                let status = conn.request(endpoint, client.clone().status()).await;
                let scrape = http::get(metrics_url, "/metrics", tls, conn.command_timeout).await;
                let mut latencies = Vec::new();
                let mut refused = None;
                if status.is_ok() {
                    for _ in 0..PROBES {
                        let started = Instant::now();
                        let mut kv = client.kv_client();
                        let read = kv.get("health", Some(GetOptions::new().with_count_only()));
                        match conn.request(endpoint, read).await {
                            Ok(_) => latencies.push(started.elapsed()),
                            Err(e @ Error::Auth { .. }) => {
                                refused = Some(e);
                                break;
                            }
                            Err(_) => {}
                        }
                    }
                }
                (endpoint.clone(), status, scrape, latencies, refused)
            });
        let results = futures_util::future::join_all(reads).await;
        let now = Instant::now();
        let taken = std::time::SystemTime::now();
        let mut members = Vec::new();
        // Why members could not be verified or authenticated to, in member order.
        let mut refusals = Vec::new();
        for (endpoint, status, scrape, latencies, refused) in results {
            let mut m = MemberMetrics {
                endpoint: endpoint.clone(),
                ..MemberMetrics::default()
            };
            let status = match (status, refused) {
                (Ok(_), Some(e)) => {
                    m.error = Some(e.to_string());
                    refusals.push(e);
                    self.previous.remove(&endpoint);
                    members.push(m);
                    continue;
                }
                (status, _) => status,
            };
            match status {
                Ok(s) => {
                    let me = s.header().map_or(0, |h| h.member_id());
                    m.up = true;
                    m.id = Some(HexId(me));
                    m.version = Some(s.version().to_string());
                    m.is_leader = me != 0 && s.leader() == me;
                    m.is_learner = s.is_learner();
                    m.raft_term = Some(s.raft_term());
                    m.raft_index = Some(s.raft_index());
                    m.raft_applied_index = Some(s.raft_applied_index());
                    m.db_size_bytes = Some(s.db_size().max(0) as u64);
                    m.db_size_in_use_bytes = Some(s.raft_used_db_size().max(0) as u64);
                }
                Err(e) => {
                    m.error = Some(e.to_string());
                    if matches!(e, Error::Auth { .. } | Error::Tls { .. }) {
                        refusals.push(e);
                    }
                    self.previous.remove(&endpoint);
                    members.push(m);
                    continue;
                }
            }
            let probes = self
                .probes
                .entry(endpoint.clone())
                .or_insert_with(|| Probes {
                    latencies: Histogram::new_with_bounds(1, 3_600_000_000, 3)
                        .expect("valid bounds"),
                    seconds: 0.0,
                });
            for l in &latencies {
                let _ = probes.latencies.record((l.as_micros() as u64).max(1));
                probes.seconds += l.as_secs_f64();
            }
            if !probes.latencies.is_empty() {
                let q = |x| probes.latencies.value_at_quantile(x) as f64 / 1000.0;
                m.probe_latency = Some(Quantiles {
                    p50_ms: q(0.5),
                    p95_ms: q(0.95),
                    p99_ms: q(0.99),
                });
                m.totals.probe = Some(Observed {
                    count: probes.latencies.len() as f64,
                    sum_seconds: probes.seconds,
                });
            }
            match scrape {
                Ok(text) => {
                    let cur = parse(&text);
                    m.memory_bytes = total(&cur, "process_resident_memory_bytes");
                    m.proposals_pending = total(&cur, "etcd_server_proposals_pending");
                    m.totals = Totals {
                        probe: m.totals.probe,
                        ..totals_of(&cur)
                    };
                    if let Some(prev) = self.previous.get(&endpoint) {
                        derive_rates(
                            &mut m,
                            &prev.samples,
                            &cur,
                            now.duration_since(prev.at),
                            prev.db_size,
                        );
                    }
                    self.previous.insert(
                        endpoint.clone(),
                        Previous {
                            samples: cur,
                            at: now,
                            db_size: m.db_size_bytes,
                        },
                    );
                }
                Err(e) => m.error = Some(format!("cannot read /metrics: {e}")),
            }
            members.push(m);
        }
        self.name(&mut members).await;
        let leader_id = members.iter().find(|m| m.is_leader).and_then(|m| m.id);
        let sum = |f: fn(&MemberMetrics) -> Option<f64>| {
            let vals: Vec<f64> = members.iter().filter_map(f).collect();
            (!vals.is_empty()).then(|| (vals.iter().sum::<f64>() * 100.0).round() / 100.0)
        };
        let most =
            |f: fn(&MemberMetrics) -> Option<f64>| members.iter().filter_map(f).reduce(f64::max);
        if !members.iter().any(|m| m.up) && !refusals.is_empty() {
            // Not one member could be verified and read, and TLS or the credentials are why:
            // that is the run's own trouble (a wrong CA, a wrong password), not the cluster's.
            return Err(refusals.swap_remove(0));
        }
        Ok(ClusterSample {
            time: crate::units::time(taken),
            sample: self.count,
            members_up: members.iter().filter(|m| m.up).count(),
            members_total: members.len(),
            leader_id,
            puts_per_second: most(|m| m.puts_per_second),
            ranges_per_second: sum(|m| m.ranges_per_second),
            members,
        })
    }
}

impl MetricsWatcher {
    /// Gives each member its ID (the last one seen at its endpoint, when it does not answer)
    /// and its name; the member list is read again only when an unnamed member answers.
    async fn name(&mut self, members: &mut [MemberMetrics]) {
        for m in members.iter_mut() {
            match m.id {
                Some(id) => {
                    self.ids.insert(m.endpoint.clone(), id);
                }
                None => m.id = self.ids.get(&m.endpoint).copied(),
            }
        }
        let unnamed =
            |m: &MemberMetrics| m.up && m.id.is_some_and(|id| !self.names.contains_key(&id.0));
        if let Some(asked) = members.iter().find(|m| unnamed(m)) {
            let member = self.members.iter().find(|(e, ..)| *e == asked.endpoint);
            if let Some((endpoint, _, client)) = member {
                let mut cluster = client.cluster_client();
                if let Ok(list) = self
                    .target
                    .options()
                    .request(endpoint, cluster.member_list())
                    .await
                {
                    self.names.extend(name_map(list.members()));
                }
            }
        }
        for m in members.iter_mut() {
            m.name = m.id.and_then(|id| self.names.get(&id.0).cloned());
        }
    }
}

/// Member names by ID; members that have not started yet have none.
fn name_map(members: &[etcd_client::Member]) -> HashMap<u64, String> {
    members
        .iter()
        .filter(|m| !m.name().is_empty())
        .map(|m| (m.id(), m.name().to_string()))
        .collect()
}

/// The cumulative figures of one scrape.
fn totals_of(s: &Samples) -> Totals {
    Totals {
        leader_changes: total(s, "etcd_server_leader_changes_seen_total"),
        proposals_failed: total(s, "etcd_server_proposals_failed_total"),
        cpu_seconds: total(s, "process_cpu_seconds_total"),
        wal_fsync: Observed::of_histogram(s, "etcd_disk_wal_fsync_duration_seconds"),
        backend_commit: Observed::of_histogram(s, "etcd_disk_backend_commit_duration_seconds"),
        peer_round_trip: Observed::of_histogram(s, "etcd_network_peer_round_trip_time_seconds"),
        grpc_handling: Observed::of_histogram(s, "grpc_server_handling_seconds"),
        probe: None,
    }
}

fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

fn derive_rates(
    m: &mut MemberMetrics,
    prev: &Samples,
    cur: &Samples,
    elapsed: Duration,
    prev_db: Option<u64>,
) {
    let secs = elapsed.as_secs_f64();
    let r = |name: &str| rate(prev, cur, name, secs).map(round);
    m.puts_per_second = r("etcd_mvcc_put_total");
    m.ranges_per_second = r("etcd_mvcc_range_total");
    m.txns_per_second = r("etcd_mvcc_txn_total");
    m.deletes_per_second = r("etcd_mvcc_delete_total");
    m.proposals_committed_per_second = r("etcd_server_proposals_committed_total");
    m.proposals_applied_per_second = r("etcd_server_proposals_applied_total");
    m.cpu_cores = r("process_cpu_seconds_total");
    let increase = |name: &str| rate(prev, cur, name, 1.0).map(round);
    m.leader_changes = increase("etcd_server_leader_changes_seen_total");
    m.proposals_failed = increase("etcd_server_proposals_failed_total");
    let handled = "grpc_server_handled_total";
    let failed = |s: &Samples| {
        total_where(s, handled, |x| {
            x.label("grpc_code")
                .is_some_and(|c| FAILED_CODES.contains(&c))
        })
    };
    let all_now = total(cur, handled).unwrap_or(0.0) - total(prev, handled).unwrap_or(0.0);
    if all_now > 0.0 {
        m.grpc_failed_ratio = Some(round(((failed(cur) - failed(prev)) / all_now).max(0.0)));
    } else if total(cur, handled).is_some() {
        m.grpc_failed_ratio = Some(0.0);
    }
    let q = |name: &str| {
        let at = |x| quantile(prev, cur, name, x).map(|v| round(v * 1000.0));
        Some(Quantiles {
            p50_ms: at(0.5)?,
            p95_ms: at(0.95)?,
            p99_ms: at(0.99)?,
        })
    };
    m.wal_fsync_latency = q("etcd_disk_wal_fsync_duration_seconds");
    m.backend_commit_latency = q("etcd_disk_backend_commit_duration_seconds");
    m.peer_round_trip_latency = q("etcd_network_peer_round_trip_time_seconds");
    m.grpc_handling_latency = q("grpc_server_handling_seconds");
    if let (Some(now), Some(before)) = (m.db_size_bytes, prev_db) {
        m.db_growth_bytes_per_second = Some(round((now as f64 - before as f64) / secs.max(1e-9)));
    }
}

//! `etcdkit watch-metrics`: live per-member metrics, as a refreshing table or JSON Lines.

use crate::cli::repeat::{parse_count, parse_interval, MetricsUrls};
use std::fmt::Write as _;
use std::time::Duration;

use clap::Args;

use crate::cli::output::{Color, Style};
use crate::cli::supervise::{self, Signals};
use crate::cli::{Context, Render};
use crate::error::{ExitStatus, Result};
use crate::metrics::serve::{serve, Latest};
use crate::metrics::watch::{ClusterSample, MetricsWatcher, Quantiles};

/// Watch live cluster metrics: request rates, latencies, raft, db size, memory and CPU
///
/// Every --interval, asks each member for its status and its /metrics, times a few
/// linearizable reads of its own, and prints per member: puts/ranges/txns/deletes per second,
/// the failed share of gRPC requests, leader changes, proposals, WAL fsync, backend commit and
/// peer round-trip p50/p95/p99 (from histogram bucket deltas), server-side gRPC handling time
/// (when etcd runs with --metrics=extensive), etcdkit's probe latency, db size and growth,
/// memory and CPU. Per-second figures need two samples: the first has none.
///
/// By default, a table that refreshes in place on a terminal, and one JSON object per sample
/// (with a `members` array), one per line, into a pipe or file. A format you give always wins:
/// `-o table | cat` prints a table per sample, `-o json` JSON Lines on a terminal too.
///
/// With --listen, the latest sample is also served over HTTP for Prometheus and scripts.
///
/// A member that does not answer shows as down and the watch goes on; a run that cannot verify
/// (TLS) or authenticate to any member at all stops with exit 4 or 5.
///
/// Exit codes: 0 the samples were taken (or SIGINT/SIGTERM ended the watch); 4 with --count,
/// no member answered in the last sample (it is still printed), or none could be verified;
/// 5 no member accepted the credentials; 3 bad flags.
///
/// Examples:
///   etcdkit watch-metrics --cluster
///   etcdkit watch-metrics --cluster --interval 1s --count 10 -o json | jq '.members[].puts_per_second'
///   etcdkit watch-metrics --cluster --listen 9479 -q -o json > /dev/null   # a scrape target
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct WatchMetricsArgs {
    /// Time between samples
    #[arg(long, default_value = "5s", value_parser = parse_interval, value_name = "DURATION")]
    pub interval: Duration,

    /// Stop after this many samples [default: run until SIGINT or SIGTERM]
    #[arg(long, value_name = "N", value_parser = parse_count)]
    pub count: Option<u64>,

    /// Watch every member in the member list, not only the given endpoints
    #[arg(long)]
    pub cluster: bool,

    #[command(flatten)]
    pub metrics_urls: MetricsUrls,

    /// Also serve the latest sample over HTTP at this address: GET /metrics (Prometheus),
    /// /api/v1/cluster/status and /api/v1/metrics/current (JSON), /healthz. A bare port binds 127.0.0.1
    #[arg(long, value_name = "ADDR")]
    pub listen: Option<String>,
}

/// Runs `etcdkit watch-metrics`.
pub async fn run(ctx: &Context, args: &WatchMetricsArgs) -> Result<ExitStatus> {
    let mut signals = Signals::catch()?;
    let latest: Latest = Default::default();
    if let Some(addr) = &args.listen {
        let listener = crate::cli::listen(addr, "127.0.0.1:9479").await?;
        let bound = listener
            .local_addr()
            .map(|a| a.to_string())
            .unwrap_or_else(|_| addr.clone());
        ctx.output()
            .status(&format!("etcdkit: serving http://{bound}/metrics"));
        tokio::spawn(serve(listener, latest.clone()));
    }
    let target = ctx
        .conn()?
        .resolve()?
        .with_metrics_urls(&args.metrics_urls.urls)?;
    let mut watcher = MetricsWatcher::new(&target, args.cluster).await?;
    let mut tick = tokio::time::interval(args.interval);
    let mut taken = 0;
    loop {
        tokio::select! {
            _ = tick.tick() => {}
            sig = signals.next() => return Ok(supervise::stream_stopped_by(sig)),
        }
        // A sample can take up to the command timeout (a member that does not answer): a
        // signal ends the run at once all the same.
        let sample = tokio::select! {
            sample = watcher.sample() => sample?,
            sig = signals.next() => return Ok(supervise::stream_stopped_by(sig)),
        };
        if let Ok(mut slot) = latest.lock() {
            *slot = Some(sample.clone());
        }
        ctx.output().refresh(&sample)?;
        taken += 1;
        if args.count.is_some_and(|n| taken >= n) {
            // The last sample decides: a run that saw no member answer must not look fine.
            return Ok(if sample.members_up == 0 {
                ExitStatus::Unavailable
            } else {
                ExitStatus::Ok
            });
        }
    }
}

fn ms(q: &Option<Quantiles>) -> String {
    q.map_or("-".into(), |q| format!("{:.1}/{:.1}", q.p50_ms, q.p99_ms))
}

fn num(x: Option<f64>) -> String {
    x.map_or("-".into(), |v| format!("{v:.1}"))
}

impl Render for ClusterSample {
    fn table(&self, style: &Style) -> String {
        let mut t = style.table(&[
            "ENDPOINT",
            "UP",
            "LEADER",
            "PUT/S",
            "RANGE/S",
            "TXN/S",
            "FAIL%",
            "FSYNC P50/99",
            "COMMIT P50/99",
            "PROBE P50/99",
            "DB",
            "MEM",
            "CPU",
        ]);
        for m in &self.members {
            t.add_row(vec![
                m.endpoint.clone(),
                if m.up { "up" } else { "DOWN" }.to_string(),
                if m.is_leader { "*" } else { "" }.to_string(),
                num(m.puts_per_second),
                num(m.ranges_per_second),
                num(m.txns_per_second),
                m.grpc_failed_ratio
                    .map_or("-".into(), |r| format!("{:.2}", r * 100.0)),
                ms(&m.wal_fsync_latency),
                ms(&m.backend_commit_latency),
                ms(&m.probe_latency),
                m.db_size_bytes
                    .map_or("-".into(), crate::health::checks::human_bytes),
                m.memory_bytes
                    .map_or("-".into(), |b| crate::health::checks::human_bytes(b as u64)),
                m.cpu_cores
                    .map_or("-".into(), |c| format!("{:.0}%", c * 100.0)),
            ]);
        }
        // On a small screen the least needed columns go first.
        style.fit(&mut t, &[8, 12, 11, 5, 9, 6, 10, 7]);
        let mut out = format!(
            "{}  sample {}  {}/{} members up  leader {}  cluster {} puts/s {} ranges/s\n",
            self.time,
            self.sample,
            self.members_up,
            self.members_total,
            self.leader_id.map_or("none".into(), |l| l.to_string()),
            num(self.puts_per_second),
            num(self.ranges_per_second),
        );
        let t = style.paint_column(
            &t.to_string(),
            "UP",
            &[("up", Color::Green), ("DOWN", Color::Red)],
        );
        let _ = writeln!(out, "{t}");
        for m in self.members.iter().filter(|m| m.error.is_some()) {
            let _ = writeln!(out, "{}: {}", m.endpoint, m.error.as_deref().unwrap_or(""));
        }
        out
    }

    fn plain(&self) -> String {
        let mut out = String::new();
        for m in &self.members {
            let _ = writeln!(
                out,
                "{} {} up={} puts_per_second={} ranges_per_second={} db_size_bytes={}",
                self.time,
                m.endpoint,
                m.up,
                num(m.puts_per_second),
                num(m.ranges_per_second),
                m.db_size_bytes.map_or("-".into(), |b| b.to_string())
            );
        }
        out
    }
}

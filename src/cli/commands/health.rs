//! `etcdkit health`: the cluster's health as a table, JSON, or a Nagios plugin line.

use crate::cli::repeat::MetricsUrls;
use std::fmt::Write as _;
use std::time::Duration;

use clap::Args;

use crate::cli::output::{Color, Style};
use crate::cli::{parse_duration, Context, Format, Render};
use crate::error::{Error, ExitStatus, Result};
use crate::health::checks::human_bytes;
use crate::health::{self, HealthOptions, HealthReport, Status, Thresholds};

/// Check cluster health: quorum, leader, split brain, alarms, db size
///
/// Asks each endpoint for its status, a linearizable read (timed) and the active alarms, then
/// judges the cluster as a whole: reachability, alarms (NOSPACE, CORRUPT), quorum, leader
/// agreement and raft-term spread (partitions), split brain (different cluster IDs or member
/// lists), raft apply lag, database size against the quota, fragmentation, learners and
/// version skew. Unreachable endpoints are listed, not dropped.
///
/// Exit codes (the Nagios plugin convention): 0 OK, 1 WARNING, 2 CRITICAL,
/// 3 UNKNOWN (the check could not run: bad flags, credentials missing or refused, or a
/// certificate refused). With -o json an UNKNOWN that stops the check early is one document
/// {"status": "unknown", "error": {...}}; with --nagios it is an `ETCD UNKNOWN: ...` line.
///
/// Examples:
///   etcdkit health --endpoints 127.0.0.1:2379 --cluster
///   etcdkit health --cluster -o json | jq -r '.checks[] | select(.status != "ok") | .message'
///   etcdkit health --cluster --nagios     # for Nagios, Icinga, Sensu check commands
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct HealthArgs {
    /// Check every member in the member list, and every given endpoint (one of another cluster is split brain)
    #[arg(long)]
    pub cluster: bool,

    /// Print the Nagios/Icinga plugin format: status line with perfdata (same as -o plain)
    #[arg(long)]
    pub nagios: bool,

    #[command(flatten)]
    pub metrics_urls: MetricsUrls,

    /// Database size, as % of the quota, that is a warning
    #[arg(long, default_value = "80", value_name = "PERCENT", value_parser = parse_percent, help_heading = "Thresholds")]
    pub db_warning: f64,

    /// Database size, as % of the quota, that is critical
    #[arg(long, default_value = "95", value_name = "PERCENT", value_parser = parse_percent, help_heading = "Thresholds")]
    pub db_critical: f64,

    /// The backend quota (e.g. 8GiB) when the member does not report it; read from /metrics otherwise
    #[arg(long, value_name = "BYTES", value_parser = parse_bytes, help_heading = "Thresholds")]
    pub db_quota: Option<u64>,

    /// A member whose committed index is this many entries ahead of its applied index is a warning
    #[arg(
        long,
        default_value = "1000",
        value_name = "ENTRIES",
        help_heading = "Thresholds"
    )]
    pub max_apply_lag: u64,

    /// Applied indexes across members further apart than this are a warning
    #[arg(
        long,
        default_value = "1000",
        value_name = "ENTRIES",
        help_heading = "Thresholds"
    )]
    pub max_applied_spread: u64,

    /// A linearizable read slower than this is a warning
    #[arg(long, default_value = "500ms", value_name = "DURATION", value_parser = parse_duration, help_heading = "Thresholds")]
    pub slow_read: Duration,

    /// A database of over 100 MiB with less than this share in use is fragmented
    #[arg(long, default_value = "0.5", value_name = "RATIO", value_parser = parse_ratio, help_heading = "Thresholds")]
    pub fragmentation_ratio: f64,
}

impl HealthArgs {
    fn options(&self) -> Result<HealthOptions> {
        if self.db_warning > self.db_critical {
            return Err(Error::usage(format!(
                "--db-warning ({}%) is above --db-critical ({}%)",
                self.db_warning, self.db_critical
            )));
        }
        Ok(HealthOptions {
            cluster: self.cluster,
            thresholds: Thresholds {
                db_warning_percent: self.db_warning,
                db_critical_percent: self.db_critical,
                db_quota_bytes: self.db_quota,
                fragmentation_ratio: self.fragmentation_ratio,
                max_apply_lag: self.max_apply_lag,
                max_applied_spread: self.max_applied_spread,
                slow_read: self.slow_read,
                ..Thresholds::default()
            },
        })
    }
}

/// Runs `etcdkit health`.
pub async fn run(ctx: &Context, args: &HealthArgs) -> Result<ExitStatus> {
    let options = args.options()?;
    let target = ctx
        .conn()?
        .resolve()?
        .with_metrics_urls(&args.metrics_urls.urls)?;
    let report = health::check(&target, &options).await?;
    if args.nagios {
        ctx.output().emit_as(Format::Plain, &report)?;
    } else {
        ctx.output().emit(&report)?;
    }
    let mut hints: Vec<&str> = Vec::new();
    for hint in report.endpoints.iter().filter_map(|e| e.hint.as_deref()) {
        if !hints.contains(&hint) {
            hints.push(hint);
        }
    }
    for hint in hints {
        ctx.output().status(&format!("help: {hint}"));
    }
    Ok(report.status.exit_status())
}

fn parse_percent(text: &str) -> std::result::Result<f64, String> {
    let value: f64 = text
        .trim()
        .trim_end_matches('%')
        .parse()
        .map_err(|_| format!("{text:?} is not a percentage"))?;
    if value > 0.0 && value <= 100.0 {
        Ok(value)
    } else {
        Err(format!("{text} is not between 0 and 100"))
    }
}

fn parse_ratio(text: &str) -> std::result::Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(v) if (0.0..=1.0).contains(&v) => Ok(v),
        _ => Err(format!("{text:?} is not a ratio from 0 to 1")),
    }
}

/// Parses `8GiB`, `100MB`, `2147483648`.
pub fn parse_bytes(text: &str) -> std::result::Result<u64, String> {
    let t = text.trim();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (number, unit) = t.split_at(split);
    let number: f64 = number
        .parse()
        .map_err(|_| format!("{text:?} is not a size like 8GiB or 2147483648"))?;
    let factor: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" => 1000,
        "kib" => 1 << 10,
        "m" | "mb" => 1000 * 1000,
        "mib" => 1 << 20,
        "g" | "gb" => 1000 * 1000 * 1000,
        "gib" => 1 << 30,
        "t" | "tb" => 1000 * 1000 * 1000 * 1000,
        "tib" => 1 << 40,
        _ => {
            return Err(format!(
                "{text:?}: unknown unit (use B, KiB, MiB, GiB, TiB, KB, MB, GB, TB)"
            ))
        }
    };
    let bytes = number * factor as f64;
    if bytes < 1.0 || bytes > u64::MAX as f64 {
        return Err(format!("{text:?} is out of range"));
    }
    Ok(bytes as u64)
}

fn color(status: Status) -> Color {
    match status {
        Status::Ok => Color::Green,
        Status::Warning => Color::Yellow,
        Status::Critical => Color::Red,
        Status::Unknown => Color::Magenta,
    }
}

fn word(status: Status) -> &'static str {
    match status {
        Status::Ok => "ok",
        Status::Warning => "warning",
        Status::Critical => "critical",
        Status::Unknown => "unknown",
    }
}

impl Render for HealthReport {
    fn table(&self, style: &Style) -> String {
        let mut endpoints = style.table(&[
            "ENDPOINT", "HEALTH", "READ", "MEMBER", "NAME", "VERSION", "DB SIZE", "IN USE",
            "LEADER", "TERM", "APPLIED", "ERROR",
        ]);
        for e in &self.endpoints {
            let health = if e.healthy { "healthy" } else { "unhealthy" }.to_string();
            let read = e
                .took_ms
                .map(|ms| format!("{ms:.1} ms"))
                .unwrap_or_else(|| "-".into());
            let mut row = vec![e.endpoint.clone(), health, read];
            match &e.status {
                Some(s) => row.extend([
                    s.member_id.to_string(),
                    s.name.clone(),
                    s.version.clone(),
                    human_bytes(s.db_size_bytes),
                    human_bytes(s.db_size_in_use_bytes),
                    if s.is_leader {
                        "self".to_string()
                    } else {
                        s.leader_id.map_or("none".to_string(), |l| l.to_string())
                    },
                    s.raft_term.to_string(),
                    s.raft_applied_index.to_string(),
                ]),
                None => row.extend(std::iter::repeat_n("-".to_string(), 8)),
            }
            row.push(e.error.clone().unwrap_or_default());
            endpoints.add_row(row);
        }
        // On a small screen the least needed columns go first; errors wrap.
        style.fit(&mut endpoints, &[10, 9, 7, 3, 8, 5, 6]);
        let mut checks = style.table(&["CHECK", "STATUS", "MESSAGE"]);
        for c in &self.checks {
            checks.add_row(vec![
                c.name.to_string(),
                word(c.status).to_string(),
                c.message.clone(),
            ]);
        }
        let endpoints = style.paint_column(
            &endpoints.to_string(),
            "HEALTH",
            &[("healthy", Color::Green), ("unhealthy", Color::Red)],
        );
        let statuses = [
            Status::Ok,
            Status::Warning,
            Status::Critical,
            Status::Unknown,
        ]
        .map(|s| (word(s), color(s)));
        let checks = style.paint_column(&checks.to_string(), "STATUS", &statuses);
        let verdict = style.paint(self.status.nagios_word(), color(self.status));
        format!(
            "{endpoints}\n\n{checks}\n\n{verdict}: {} ({:.1} ms)\n",
            self.summary, self.took_ms
        )
    }

    /// The Nagios plugin format: `ETCD STATUS: summary | perfdata`, then one line per check.
    fn plain(&self) -> String {
        let mut out = format!("ETCD {}: {} |", self.status.nagios_word(), self.summary);
        let reachable = self.endpoints.iter().filter(|e| e.status.is_some()).count();
        let healthy = self.endpoints.iter().filter(|e| e.healthy).count();
        let total = self.endpoints.len();
        let _ = write!(
            out,
            " endpoints={total};;;0 endpoints_reachable={reachable};;;0;{total} endpoints_healthy={healthy};;;0;{total}"
        );
        for e in &self.endpoints {
            let Some(s) = &e.status else { continue };
            let label = if s.name.is_empty() {
                s.member_id.to_string()
            } else {
                s.name.clone()
            };
            if let Some(ms) = e.took_ms {
                let _ = write!(out, " 'read_{label}'={ms:.3}ms;;;0");
            }
            let warn =
                (s.db_quota_bytes as f64 * self.thresholds.db_warning_percent / 100.0) as u64;
            let crit =
                (s.db_quota_bytes as f64 * self.thresholds.db_critical_percent / 100.0) as u64;
            let _ = write!(
                out,
                " 'db_size_{label}'={}B;{warn};{crit};0;{} 'raft_term_{label}'={}c",
                s.db_size_bytes, s.db_quota_bytes, s.raft_term
            );
        }
        out.push('\n');
        for c in &self.checks {
            let _ = writeln!(out, "{}: {} {}", c.name, c.status.nagios_word(), c.message);
        }
        for e in self.endpoints.iter().filter(|e| !e.healthy) {
            let error = e.error.as_deref().unwrap_or("unhealthy");
            let _ = writeln!(out, "{}: UNHEALTHY {error}", e.endpoint);
        }
        out
    }
}

//! Cluster health: asks every endpoint for its view, then judges the cluster as a whole.
//!
//! [`check`] probes each endpoint concurrently ([`probe`]), then evaluates the probes
//! ([`checks`]): reachability, alarms, quorum, leader agreement, split brain, raft progress,
//! database size and fragmentation, learners and versions. The report says "ok", "warning",
//! "critical" or "unknown", the Nagios way.

pub mod checks;
mod probe;

use std::time::{Duration, Instant};

use futures_util::future::join_all;
use serde::Serialize;

use crate::conn::Target;
use crate::error::{Error, ExitStatus, Result};
use crate::ids::HexId;
pub use checks::Check;
pub use probe::{EndpointHealth, MemberStatus};

/// The verdict of a health check, ordered from good to bad.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Everything checked is fine.
    Ok,
    /// Degraded but serving: one member down, lagging, filling up.
    Warning,
    /// The check could not be made at all (credentials or certificates refused everywhere).
    Unknown,
    /// Down, quorum lost, no leader, split brain, an alarm.
    Critical,
}

impl Status {
    /// The exit code a monitor expects: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.
    pub fn exit_status(self) -> ExitStatus {
        match self {
            Status::Ok => ExitStatus::Ok,
            Status::Warning => ExitStatus::Negative,
            Status::Critical => ExitStatus::Critical,
            Status::Unknown => ExitStatus::Usage,
        }
    }

    /// Upper-case word as Nagios prints it.
    pub fn nagios_word(self) -> &'static str {
        match self {
            Status::Ok => "OK",
            Status::Warning => "WARNING",
            Status::Critical => "CRITICAL",
            Status::Unknown => "UNKNOWN",
        }
    }
}

/// Limits that turn numbers into warnings and criticals.
#[derive(Debug, Clone, Serialize)]
pub struct Thresholds {
    /// Database size as a percentage of the quota that is a warning (a 0-1 ratio in JSON).
    #[serde(rename = "db_warning_ratio", serialize_with = "serialize_ratio")]
    pub db_warning_percent: f64,
    /// Database size as a percentage of the quota that is critical (a 0-1 ratio in JSON).
    #[serde(rename = "db_critical_ratio", serialize_with = "serialize_ratio")]
    pub db_critical_percent: f64,
    /// The backend quota, when the member does not tell (etcd < 3.6 does not over gRPC).
    pub db_quota_bytes: Option<u64>,
    /// In-use / total below this ratio is fragmented...
    pub fragmentation_ratio: f64,
    /// ...when the database is at least this big (etcd's alert rule uses 100 MiB).
    pub fragmentation_min_bytes: u64,
    /// Committed minus applied raft index on one member above this is a warning.
    pub max_apply_lag: u64,
    /// Highest minus lowest applied index across members above this is a warning.
    pub max_applied_spread: u64,
    /// A linearizable read slower than this is a warning.
    #[serde(rename = "slow_read_ms", serialize_with = "serialize_ms")]
    pub slow_read: Duration,
}

fn serialize_ms<S: serde::Serializer>(d: &Duration, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_f64(millis(*d))
}

fn serialize_lowercase<S: serde::Serializer>(
    word: &str,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&word.to_lowercase())
}

/// A percentage as the 0-1 ratio the JSON vocabulary uses.
fn serialize_ratio<S: serde::Serializer>(p: &f64, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_f64(p / 100.0)
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            db_warning_percent: 80.0,
            db_critical_percent: 95.0,
            db_quota_bytes: None,
            fragmentation_ratio: 0.5,
            fragmentation_min_bytes: 100 * 1024 * 1024,
            max_apply_lag: 1000,
            max_applied_spread: 1000,
            slow_read: Duration::from_millis(500),
        }
    }
}

/// What to check.
#[derive(Debug, Clone, Default)]
pub struct HealthOptions {
    /// Check every member in the member list, not only the given endpoints.
    pub cluster: bool,
    /// The limits.
    pub thresholds: Thresholds,
}

/// A member as the member list describes it.
#[derive(Debug, Clone, Serialize)]
pub struct MemberInfo {
    /// Member ID.
    pub id: HexId,
    /// Member name (empty until the member has started).
    pub name: String,
    /// Peer URLs.
    pub peer_urls: Vec<String>,
    /// Client URLs (empty until the member has started).
    pub client_urls: Vec<String>,
    /// Learners replicate but do not vote.
    pub is_learner: bool,
}

/// An alarm raised on a member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Alarm {
    /// The member the alarm is on.
    pub member_id: HexId,
    /// `NOSPACE` or `CORRUPT` (`nospace` or `corrupt` in JSON, as every enum there).
    #[serde(serialize_with = "serialize_lowercase")]
    pub alarm: String,
}

/// The whole answer of `etcdkit health`.
#[derive(Debug, Clone, Serialize)]
pub struct HealthReport {
    /// The worst status of all checks.
    pub status: Status,
    /// One line that says why.
    pub summary: String,
    /// The cluster ID, when the endpoints agree on one.
    pub cluster_id: Option<HexId>,
    /// Each endpoint checked, reachable or not.
    pub endpoints: Vec<EndpointHealth>,
    /// The member list, as the first reachable endpoint sees it.
    pub members: Vec<MemberInfo>,
    /// Active alarms.
    pub alarms: Vec<Alarm>,
    /// Each check with its verdict.
    pub checks: Vec<Check>,
    /// The limits the checks used.
    pub thresholds: Thresholds,
    /// The wall time of the whole check.
    pub took_ms: f64,
}

/// Checks the cluster behind `target`'s endpoints.
///
/// Unreachable endpoints are findings in the report, not errors; an error is returned only for
/// input that cannot be used (bad endpoints, unreadable certificate files).
pub async fn check(target: &Target, options: &HealthOptions) -> Result<HealthReport> {
    Ok(check_detailed(target, options).await?.0)
}

/// [`check`], plus the member list each endpoint sees (the IDs, sorted; `None` where the
/// endpoint did not answer), in the order of the report's endpoints.
pub async fn check_detailed(
    target: &Target,
    options: &HealthOptions,
) -> Result<(HealthReport, Vec<Option<Vec<HexId>>>)> {
    let started = Instant::now();
    let given = target.urls();
    let mut urls = given.to_vec();
    let mut discovery_error = None;
    // Endpoints the user gave that are no client URL of a listed member: still asked, so that
    // an endpoint of another cluster shows as split brain instead of being dropped.
    let mut extra = vec![false; urls.len()];
    let mut listed = Vec::new();
    if options.cluster {
        match target.members().await {
            Ok(members) => {
                urls = members
                    .at
                    .iter()
                    .map(|at| match at {
                        Ok(url) => url.clone(),
                        Err(id) => probe::unstarted_endpoint(*id),
                    })
                    .collect();
                extra = vec![false; urls.len()];
                urls.extend(members.unlisted.iter().cloned());
                extra.resize(urls.len(), true);
                listed = members.list;
            }
            Err(e @ (Error::Usage { .. } | Error::File { .. })) => return Err(e),
            Err(e) => discovery_error = Some(e),
        }
    }
    let probes = urls
        .iter()
        .map(|url| probe::probe(target, url, &options.thresholds));
    let mut probed = without_repeats(join_all(probes).await, &extra);
    for p in &mut probed {
        explain_listed_silence(p, &listed, given);
    }
    if let Some(e) = discovery_error {
        // The member list could not be read: the endpoints as given are what there is.
        for p in &mut probed {
            if p.endpoint.error.is_none() && !p.endpoint.healthy {
                p.endpoint.error = Some(e.to_string());
            }
        }
    }
    let lists = probed
        .iter()
        .map(|p| {
            p.members.as_ref().map(|ms| {
                let mut ids: Vec<HexId> = ms.iter().map(|m| m.id).collect();
                ids.sort();
                ids
            })
        })
        .collect();
    let mut report = checks::evaluate(probed, options);
    report.took_ms = millis(started.elapsed());
    Ok((report, lists))
}

/// A member found in the member list (not given by the user) that does not answer: the hint
/// says where it came from, instead of asking whether etcd runs at an address the user never
/// typed.
fn explain_listed_silence(p: &mut probe::Probe, members: &[etcd_client::Member], given: &[String]) {
    let url = &p.endpoint.endpoint;
    if given.contains(url) || p.config_error || p.endpoint.status.is_some() {
        return;
    }
    // Only where a connection or an answer was missing (those errors carry a hint).
    if p.endpoint.hint.is_none() {
        return;
    }
    if let Some(m) = members.iter().find(|m| m.client_urls().contains(url)) {
        p.endpoint.hint = Some(format!(
            "{} is in the cluster's member list (member \"{}\") but does not answer; is it down?",
            crate::conn::shown(url),
            crate::conn::shown(m.name()),
        ));
    }
}

/// Drops an extra endpoint that turned out to be a listed member under another spelling
/// (`localhost` for `127.0.0.1`): same cluster, same member ID as a probe of the list.
fn without_repeats(probes: Vec<probe::Probe>, extra: &[bool]) -> Vec<probe::Probe> {
    let listed: Vec<(HexId, HexId)> = probes
        .iter()
        .zip(extra)
        .filter(|(_, extra)| !**extra)
        .filter_map(|(p, _)| p.endpoint.status.as_ref())
        .map(|s| (s.cluster_id, s.member_id))
        .collect();
    probes
        .into_iter()
        .zip(extra)
        .filter(|(p, extra)| {
            let seen = p
                .endpoint
                .status
                .as_ref()
                .is_some_and(|s| listed.contains(&(s.cluster_id, s.member_id)));
            !(**extra && seen)
        })
        .map(|(p, _)| p)
        .collect()
}

/// Milliseconds as a float with microsecond precision.
pub(crate) fn millis(d: Duration) -> f64 {
    (d.as_secs_f64() * 1_000_000.0).round() / 1000.0
}

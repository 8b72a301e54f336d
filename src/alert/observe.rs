//! One look at the cluster for the rules: every member's status, member list and alarms (from
//! `health`), its `/metrics` counters, and now and then a `hashkv` comparison.

use std::collections::BTreeMap;
use std::time::{Duration, SystemTime};

use futures_util::future::join_all;
use serde::{Deserialize, Serialize};

use super::access::{self, AccessProblem};
use super::history::Counters;
use crate::conn::{http, ConnectOptions, Target};
use crate::error::{Error, Result};
use crate::health::{self, HealthOptions, HealthReport, MemberStatus};
use crate::ids::HexId;
use crate::metrics::parse;

/// What one member showed.
#[derive(Debug, Clone)]
pub struct MemberView {
    /// The member's name (its client URL when the name is not known).
    pub name: String,
    /// The client URL asked.
    pub endpoint: String,
    /// Its status; `None` when it did not answer.
    pub status: Option<MemberStatus>,
    /// Why it did not answer.
    pub error: Option<String>,
    /// Its `/metrics` counters; `None` when they could not be read.
    pub counters: Option<Counters>,
    /// The member IDs it lists, sorted.
    pub member_list: Option<Vec<HexId>>,
    /// It refused our credentials or certificates: not down, but not looked at either.
    pub access: Option<AccessProblem>,
}

impl MemberView {
    /// It answered.
    pub fn up(&self) -> bool {
        self.status.is_some()
    }
}

/// The last `hashkv` comparison.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct HashKvCheck {
    /// Unix time it was made.
    pub at: f64,
    /// The revision every member hashed.
    pub revision: i64,
    /// Member name → hash, for the members that could hash at that revision and share the
    /// same compaction point.
    pub hashes: BTreeMap<String, u32>,
}

impl HashKvCheck {
    /// How many members disagree with the most common hash.
    pub fn disagreeing(&self) -> usize {
        let mut counts: BTreeMap<u32, usize> = BTreeMap::new();
        for h in self.hashes.values() {
            *counts.entry(*h).or_default() += 1;
        }
        self.hashes.len() - counts.values().max().copied().unwrap_or(0)
    }
}

/// One look at the whole cluster.
#[derive(Debug, Clone)]
pub struct Observation {
    /// Unix time, seconds.
    pub at: f64,
    /// Each member in the member list (or each endpoint given, when no member answered).
    pub members: Vec<MemberView>,
    /// `health`'s verdicts, for rules on a check.
    pub health: HealthReport,
    /// A `hashkv` comparison made in this look.
    pub hashkv: Option<HashKvCheck>,
}

/// How to look.
#[derive(Debug, Clone, Default)]
pub struct ObserveOptions {
    /// Where each endpoint serves `/metrics`, in the order of the endpoints given, when it is
    /// not the client URL.
    pub metrics_urls: Vec<String>,
    /// Compare `hashkv` across members in this look.
    pub hashkv: bool,
}

/// Unix time now, in seconds.
pub fn unix_now() -> f64 {
    SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64())
}

/// Looks at every member of the cluster behind `conn`. The TLS files are read once per look,
/// so that a daemon picks up renewed certificates.
pub async fn observe(conn: &ConnectOptions, options: &ObserveOptions) -> Result<Observation> {
    let target = conn.resolve()?.with_metrics_urls(&options.metrics_urls)?;
    let target = &target;
    let given = target.urls();
    let health_options = HealthOptions {
        cluster: true,
        ..HealthOptions::default()
    };
    let (mut report, mut lists) = health::check_detailed(target, &health_options).await?;
    add_strangers(target, &mut report, &mut lists).await;
    let names: BTreeMap<&str, &str> = report
        .members
        .iter()
        .flat_map(|m| m.client_urls.iter().map(|u| (u.as_str(), m.name.as_str())))
        .collect();
    let scrapes = report.endpoints.iter().map(|e| {
        let url = target.metrics_url(&e.endpoint);
        async move {
            e.status.as_ref()?;
            let text = http::get(&url, "/metrics", target.tls(), conn.command_timeout).await;
            text.ok().map(|t| Counters::from_samples(&parse(&t)))
        }
    });
    // Members that did not answer, and endpoints given that are not in the look: ask again
    // whether they refused us.
    let unlisted: Vec<String> = given
        .iter()
        .filter(|u| !report.endpoints.iter().any(|e| &e.endpoint == *u))
        .cloned()
        .collect();
    let down: Vec<String> = report
        .endpoints
        .iter()
        .filter(|e| e.status.is_none() && !e.endpoint.starts_with("unstarted://"))
        .map(|e| e.endpoint.clone())
        .chain(unlisted.iter().cloned())
        .collect();
    let (counters, refusals) = tokio::join!(join_all(scrapes), access::refusals(target, &down));
    let mut refused: BTreeMap<String, Error> = down
        .into_iter()
        .zip(refusals)
        .filter_map(|(url, e)| Some((url, e?)))
        .collect();
    if report.endpoints.iter().all(|e| e.status.is_none()) {
        // Nothing could be looked at, and some member refused us: that is what to report,
        // not a cluster that is down.
        let first = report
            .endpoints
            .iter()
            .find_map(|e| refused.remove(&e.endpoint));
        if let Some(e) = first {
            return Err(e);
        }
    }
    let mut members: Vec<MemberView> = report
        .endpoints
        .iter()
        .zip(counters)
        .zip(lists)
        .map(|((e, counters), member_list)| MemberView {
            name: e
                .status
                .as_ref()
                .map(|s| s.name.clone())
                .filter(|n| !n.is_empty())
                .or_else(|| names.get(e.endpoint.as_str()).map(|n| n.to_string()))
                .filter(|n| !n.is_empty())
                .unwrap_or_else(|| e.endpoint.clone()),
            endpoint: e.endpoint.clone(),
            status: e.status.clone(),
            error: e.error.clone(),
            counters,
            member_list,
            access: None,
        })
        .collect();
    // An endpoint given that refused us is named too, not left out: it was asked for, and
    // could not be looked at.
    for url in unlisted.iter().filter(|u| refused.contains_key(*u)) {
        members.push(MemberView {
            name: url.clone(),
            endpoint: url.clone(),
            status: None,
            error: None,
            counters: None,
            member_list: None,
            access: None,
        });
    }
    for m in &mut members {
        if let Some(e) = refused.remove(&m.endpoint) {
            m.error = Some(e.to_string());
            m.access = Some(AccessProblem {
                member: m.name.clone(),
                endpoint: m.endpoint.clone(),
                kind: access::kind_of(&e).unwrap_or("credentials"),
                error: e.to_string(),
                hint: e.hint(),
            });
        }
    }
    let hashkv = if options.hashkv {
        compare_hashes(target, &members).await
    } else {
        None
    };
    Ok(Observation {
        at: unix_now(),
        members,
        health: report,
        hashkv,
    })
}

/// Endpoints the user gave that are not in the member list, but answer as a member that is not
/// in it either: a member of another cluster (two clusters formed from stale data) or one the
/// others dropped. They join the look, so ClusterIDMismatch and MemberListMismatch can see them.
/// An endpoint that does not answer may be another name of a listed member, and is left out.
async fn add_strangers(
    target: &Target,
    report: &mut HealthReport,
    lists: &mut Vec<Option<Vec<HexId>>>,
) {
    let listed: Vec<HexId> = report.members.iter().map(|m| m.id).collect();
    for url in target.urls() {
        if report.endpoints.iter().any(|e| &e.endpoint == url) {
            continue;
        }
        let Ok((mut other, mut other_lists)) =
            health::check_detailed(&target.only(url), &HealthOptions::default()).await
        else {
            continue;
        };
        let Some(status) = other.endpoints.first().and_then(|e| e.status.as_ref()) else {
            continue;
        };
        let who = (status.cluster_id, status.member_id);
        let already = report
            .endpoints
            .iter()
            .filter_map(|e| e.status.as_ref())
            .any(|s| (s.cluster_id, s.member_id) == who);
        if !listed.contains(&status.member_id) && !already {
            report.endpoints.push(other.endpoints.remove(0));
            lists.push(other_lists.remove(0));
        }
    }
}

/// Hashes every answering member's keyspace at the lowest revision they all have.
async fn compare_hashes(target: &Target, members: &[MemberView]) -> Option<HashKvCheck> {
    let up: Vec<&MemberView> = members.iter().filter(|m| m.up()).collect();
    let revision = up
        .iter()
        .filter_map(|m| Some(m.status.as_ref()?.revision))
        .min()?;
    if up.len() < 2 || revision <= 0 {
        return None;
    }
    let hashes = up.iter().map(|m| async move {
        let client = target.client(&m.endpoint).await.ok()?;
        let mut maintenance = client.maintenance_client();
        let r = target
            .options()
            .request(&m.endpoint, maintenance.hash_kv(revision))
            .await
            .ok()?;
        Some((m.name.clone(), r.compact_version(), r.hash()))
    });
    let results: Vec<(String, i64, u32)> = join_all(hashes).await.into_iter().flatten().collect();
    // Hashes only compare between members compacted at the same revision.
    let mut by_compaction: BTreeMap<i64, Vec<(String, u32)>> = BTreeMap::new();
    for (name, compacted, hash) in results {
        by_compaction
            .entry(compacted)
            .or_default()
            .push((name, hash));
    }
    let (_, same) = by_compaction.into_iter().max_by_key(|(_, v)| v.len())?;
    Some(HashKvCheck {
        at: unix_now(),
        revision,
        hashes: same.into_iter().collect(),
    })
}

/// The last second RFC 3339 can write: 9999-12-31T23:59:59Z.
const LAST_WRITABLE: f64 = 253_402_300_799.0;

/// A unix time as RFC 3339, to the second. Never fails: a time beyond what RFC 3339 can
/// write (a state file from an older etcdkit may hold one) shows as 9999-12-31T23:59:59Z, one
/// before 1970 or not a number as 1970-01-01T00:00:00Z.
pub fn rfc3339(unix: f64) -> String {
    let clamped = if unix.is_nan() {
        0.0
    } else {
        unix.clamp(0.0, LAST_WRITABLE)
    };
    let t = std::time::UNIX_EPOCH + Duration::from_secs(clamped as u64);
    humantime::format_rfc3339_seconds(t).to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn any_time_can_be_written() {
        use super::rfc3339;
        assert_eq!(rfc3339(1e300), "9999-12-31T23:59:59Z");
        assert_eq!(rfc3339(f64::INFINITY), "9999-12-31T23:59:59Z");
        assert_eq!(rfc3339(f64::NAN), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(-5.0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_700_000_000.9), "2023-11-14T22:13:20Z");
    }
}

//! Judging the probes: each check turns what the members said into a verdict and a sentence.
//!
//! Pure functions over the probes, so every rule is tested without a cluster.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::probe::{MemberStatus, Probe};
use super::{Alarm, HealthOptions, HealthReport, MemberInfo, Status, Thresholds};
use crate::ids::HexId;
use crate::text::count;

/// One named check and its verdict.
#[derive(Debug, Clone, Serialize)]
pub struct Check {
    /// Stable name: `reachability`, `alarms`, `quorum`, `leader`, `split_brain`, `raft_index`,
    /// `db_size`, `fragmentation`, `read_latency`, `learners`, `versions`.
    pub name: &'static str,
    /// The verdict.
    pub status: Status,
    /// What was found, in one sentence.
    pub message: String,
}

fn check(name: &'static str, status: Status, message: impl Into<String>) -> Check {
    Check {
        name,
        status,
        message: message.into(),
    }
}

/// Builds the report from the probes (`took_ms` is left for the caller to fill in).
pub(crate) fn evaluate(probes: Vec<Probe>, options: &HealthOptions) -> HealthReport {
    let t = &options.thresholds;
    let members: Vec<MemberInfo> = probes
        .iter()
        .find_map(|p| p.members.clone())
        .unwrap_or_default();
    let mut alarms: Vec<Alarm> = Vec::new();
    for a in probes.iter().flat_map(|p| &p.alarms) {
        if !alarms.contains(a) {
            alarms.push(a.clone());
        }
    }
    let up: Vec<&MemberStatus> = probes
        .iter()
        .filter_map(|p| p.endpoint.status.as_ref())
        .collect();

    // Leaders and raft indexes compare only within one cluster: across two clusters they mean
    // nothing, and `split_brain` already says that there are two.
    let first_cluster = up.first().map(|s| s.cluster_id);
    let one_cluster: Vec<&MemberStatus> = up
        .iter()
        .copied()
        .filter(|s| Some(s.cluster_id) == first_cluster)
        .collect();
    let mut checks = vec![reachability(&probes)];
    if !up.is_empty() {
        checks.push(alarm_check(&alarms, &members));
        checks.push(quorum(&probes, &members, options.cluster));
        checks.push(leader(&one_cluster, &members));
        checks.push(split_brain(&probes));
        checks.push(raft_index(&one_cluster, t));
        checks.push(db_size(&up, t));
        checks.push(fragmentation(&up, t));
        checks.push(read_latency(&probes, t));
        checks.push(learners(&members));
        checks.push(versions(&up));
    }

    let all_config_errors =
        up.is_empty() && !probes.is_empty() && probes.iter().all(|p| p.config_error);
    let status = if all_config_errors {
        Status::Unknown
    } else {
        checks.iter().map(|c| c.status).max().unwrap_or(Status::Ok)
    };
    let summary = summary(status, &checks, &probes, all_config_errors);
    let cluster_ids: BTreeSet<HexId> = up.iter().map(|s| s.cluster_id).collect();
    HealthReport {
        status,
        summary,
        cluster_id: (cluster_ids.len() == 1).then(|| *cluster_ids.iter().next().unwrap()),
        endpoints: probes.into_iter().map(|p| p.endpoint).collect(),
        members,
        alarms,
        checks,
        thresholds: t.clone(),
        took_ms: 0.0,
    }
}

fn summary(status: Status, checks: &[Check], probes: &[Probe], config: bool) -> String {
    if config {
        let first = probes
            .iter()
            .find_map(|p| p.endpoint.error.clone())
            .unwrap_or_default();
        return format!("could not check the cluster: {first}");
    }
    let bad: Vec<&str> = checks
        .iter()
        .filter(|c| c.status == status && status != Status::Ok)
        .map(|c| c.message.as_str())
        .collect();
    if bad.is_empty() {
        let healthy = probes.iter().filter(|p| p.endpoint.healthy).count();
        format!(
            "{healthy} of {} healthy",
            count(probes.len() as i64, "endpoint")
        )
    } else {
        bad.join("; ")
    }
}

fn reachability(probes: &[Probe]) -> Check {
    let total = probes.len();
    let reachable = probes
        .iter()
        .filter(|p| p.endpoint.status.is_some())
        .count();
    let down: Vec<&str> = probes
        .iter()
        .filter(|p| p.endpoint.status.is_none())
        .map(|p| p.endpoint.endpoint.as_str())
        .collect();
    if reachable == total {
        check(
            "reachability",
            Status::Ok,
            if total == 1 {
                "the endpoint answered".to_string()
            } else {
                format!("all {total} endpoints answered")
            },
        )
    } else if reachable == 0 {
        check(
            "reachability",
            Status::Critical,
            format!("no endpoint answered ({})", down.join(", ")),
        )
    } else {
        check(
            "reachability",
            Status::Warning,
            format!(
                "{} of {} unreachable: {}",
                down.len(),
                count(total as i64, "endpoint"),
                down.join(", ")
            ),
        )
    }
}

fn member_name(members: &[MemberInfo], id: HexId) -> String {
    match members.iter().find(|m| m.id == id) {
        Some(m) if !m.name.is_empty() => format!("{} ({id})", m.name),
        _ => id.to_string(),
    }
}

fn alarm_check(alarms: &[Alarm], members: &[MemberInfo]) -> Check {
    if alarms.is_empty() {
        return check("alarms", Status::Ok, "no alarms");
    }
    let list: Vec<String> = alarms
        .iter()
        .map(|a| format!("{} on {}", a.alarm, member_name(members, a.member_id)))
        .collect();
    let advice = if alarms.iter().any(|a| a.alarm == "NOSPACE") {
        " (writes are refused: compact, defragment, then `etcdctl alarm disarm`)"
    } else {
        ""
    };
    check(
        "alarms",
        Status::Critical,
        format!("alarm active: {}{advice}", list.join(", ")),
    )
}

fn quorum(probes: &[Probe], members: &[MemberInfo], cluster: bool) -> Check {
    let voters: Vec<&MemberInfo> = members.iter().filter(|m| !m.is_learner).collect();
    if voters.is_empty() {
        return check(
            "quorum",
            Status::Unknown,
            "the member list could not be read",
        );
    }
    let needed = voters.len() / 2 + 1;
    let up: BTreeSet<HexId> = probes
        .iter()
        .filter(|p| p.read_ok)
        .filter_map(|p| p.endpoint.status.as_ref().map(|s| s.member_id))
        .filter(|id| voters.iter().any(|v| v.id == *id))
        .collect();
    let probed: BTreeSet<HexId> = probes
        .iter()
        .filter_map(|p| p.endpoint.status.as_ref().map(|s| s.member_id))
        .collect();
    let failed: Vec<&str> = probes
        .iter()
        .filter(|p| !p.read_ok)
        .map(|p| p.endpoint.endpoint.as_str())
        .collect();
    let unchecked = voters
        .iter()
        .filter(|v| !probed.contains(&v.id) && !failed_matches(probes, v))
        .count();
    let n = voters.len();
    if unchecked == 0 {
        let down = n - up.len().min(n);
        if down == 0 {
            check(
                "quorum",
                Status::Ok,
                if n == 1 {
                    "the one voting member serves reads".to_string()
                } else {
                    format!("all {n} voting members serve reads")
                },
            )
        } else if up.len() >= needed {
            check(
                "quorum",
                Status::Warning,
                format!(
                    "{down} of {n} voting members down; quorum holds ({} of {n}, needs {needed})",
                    up.len()
                ),
            )
        } else {
            check(
                "quorum",
                Status::Critical,
                format!(
                    "quorum lost: {} of {} serve reads, {needed} needed",
                    up.len(),
                    count(n as i64, "voting member")
                ),
            )
        }
    } else {
        // Only some members were asked; a linearizable read that succeeded went through the
        // leader's quorum, which is proof enough that quorum holds.
        let hint = if cluster {
            ""
        } else {
            "; --cluster checks every member"
        };
        if up.is_empty() {
            check(
                "quorum",
                Status::Critical,
                format!("no linearizable read succeeded: quorum may be lost{hint}"),
            )
        } else if !failed.is_empty() {
            check(
                "quorum",
                Status::Warning,
                format!(
                    "quorum holds, but {} did not serve reads; {unchecked} of {} not checked{hint}",
                    failed.join(", "),
                    count(n as i64, "member")
                ),
            )
        } else {
            check(
                "quorum",
                Status::Ok,
                format!(
                    "quorum holds (linearizable reads succeed); {unchecked} of {} not checked{hint}",
                    count(n as i64, "member")
                ),
            )
        }
    }
}

/// A member counts as checked when a failed probe went to one of its client URLs.
fn failed_matches(probes: &[Probe], member: &MemberInfo) -> bool {
    probes.iter().any(|p| {
        p.endpoint.status.is_none()
            && (member.client_urls.contains(&p.endpoint.endpoint)
                || p.endpoint.endpoint.ends_with(&member.id.to_string()))
    })
}

fn leader(up: &[&MemberStatus], members: &[MemberInfo]) -> Check {
    let leaderless: Vec<String> = up
        .iter()
        .filter(|s| s.leader_id.is_none())
        .map(|s| member_name(members, s.member_id))
        .collect();
    if !leaderless.is_empty() {
        return check(
            "leader",
            Status::Critical,
            format!(
                "no leader: {} {} no leader",
                leaderless.join(", "),
                if leaderless.len() == 1 { "has" } else { "have" }
            ),
        );
    }
    let max_term = up.iter().map(|s| s.raft_term).max().unwrap_or(0);
    let min_term = up.iter().map(|s| s.raft_term).min().unwrap_or(0);
    let leaders_at_max: BTreeSet<HexId> = up
        .iter()
        .filter(|s| s.raft_term == max_term)
        .filter_map(|s| s.leader_id)
        .collect();
    if leaders_at_max.len() > 1 {
        let names: Vec<String> = leaders_at_max
            .iter()
            .map(|l| member_name(members, *l))
            .collect();
        return check(
            "leader",
            Status::Critical,
            format!(
                "members disagree on the leader at term {max_term}: {} (partition?)",
                names.join(" vs ")
            ),
        );
    }
    if max_term - min_term > 1 {
        return check(
            "leader",
            Status::Critical,
            format!(
                "raft terms differ by {} ({min_term}..{max_term}): a member may be partitioned",
                max_term - min_term
            ),
        );
    }
    let leader = leaders_at_max
        .iter()
        .next()
        .copied()
        .expect("every member has a leader");
    check(
        "leader",
        Status::Ok,
        format!("leader {} at term {max_term}", member_name(members, leader)),
    )
}

fn split_brain(probes: &[Probe]) -> Check {
    let mut by_cluster: BTreeMap<HexId, Vec<&str>> = BTreeMap::new();
    for p in probes {
        if let Some(s) = &p.endpoint.status {
            by_cluster
                .entry(s.cluster_id)
                .or_default()
                .push(&p.endpoint.endpoint);
        }
    }
    if by_cluster.len() > 1 {
        let groups: Vec<String> = by_cluster
            .iter()
            .map(|(id, eps)| format!("cluster {id}: {}", eps.join(", ")))
            .collect();
        return check(
            "split_brain",
            Status::Critical,
            format!(
                "endpoints belong to different clusters ({})",
                groups.join("; ")
            ),
        );
    }
    let lists: BTreeSet<Vec<HexId>> = probes
        .iter()
        .filter_map(|p| p.members.as_ref())
        .map(|ms| {
            let mut ids: Vec<HexId> = ms.iter().map(|m| m.id).collect();
            ids.sort();
            ids
        })
        .collect();
    if lists.len() > 1 {
        let shown: Vec<String> = lists
            .iter()
            .map(|l| {
                format!(
                    "[{}]",
                    l.iter()
                        .map(|i| i.to_string())
                        .collect::<Vec<_>>()
                        .join(",")
                )
            })
            .collect();
        return check(
            "split_brain",
            Status::Critical,
            format!(
                "members disagree on the member list: {}",
                shown.join(" vs ")
            ),
        );
    }
    check(
        "split_brain",
        Status::Ok,
        "one cluster ID and one member list",
    )
}

fn raft_index(up: &[&MemberStatus], t: &Thresholds) -> Check {
    let mut problems = Vec::new();
    for s in up {
        let lag = s.raft_index.saturating_sub(s.raft_applied_index);
        if lag > t.max_apply_lag {
            problems.push(format!(
                "{} has {lag} committed entries not applied",
                s.member_id
            ));
        }
    }
    let max = up.iter().map(|s| s.raft_applied_index).max().unwrap_or(0);
    let min = up.iter().map(|s| s.raft_applied_index).min().unwrap_or(0);
    if max - min > t.max_applied_spread {
        problems.push(format!(
            "applied index differs by {} across members",
            max - min
        ));
    }
    if problems.is_empty() {
        check(
            "raft_index",
            Status::Ok,
            format!(
                "applied index {min}..{max}, within {} of each other",
                t.max_applied_spread
            ),
        )
    } else {
        check("raft_index", Status::Warning, problems.join("; "))
    }
}

fn percent(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 * 100.0 / whole as f64
    }
}

/// Bytes in the largest binary unit that keeps the number readable.
pub fn human_bytes(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} B")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

fn db_size(up: &[&MemberStatus], t: &Thresholds) -> Check {
    let worst = up
        .iter()
        .max_by(|a, b| {
            percent(a.db_size_bytes, a.db_quota_bytes)
                .total_cmp(&percent(b.db_size_bytes, b.db_quota_bytes))
        })
        .expect("called with at least one member");
    let used = percent(worst.db_size_bytes, worst.db_quota_bytes);
    let assumed = if worst.db_quota_source == "default" {
        " (etcd's default quota, assumed: the member's /metrics could not be read; --db-quota sets it)"
    } else {
        ""
    };
    let message = format!(
        "largest database {} is {} of {} quota ({used:.1}%){assumed}",
        worst.member_id,
        human_bytes(worst.db_size_bytes),
        human_bytes(worst.db_quota_bytes),
    );
    let status = if used >= t.db_critical_percent {
        Status::Critical
    } else if used >= t.db_warning_percent {
        Status::Warning
    } else {
        Status::Ok
    };
    check("db_size", status, message)
}

fn fragmentation(up: &[&MemberStatus], t: &Thresholds) -> Check {
    let fragmented: Vec<String> = up
        .iter()
        .filter(|s| s.db_size_in_use_bytes >= t.fragmentation_min_bytes)
        .filter(|s| {
            (s.db_size_in_use_bytes as f64) < t.fragmentation_ratio * s.db_size_bytes as f64
        })
        .map(|s| {
            format!(
                "{} uses {} of {}",
                s.member_id,
                human_bytes(s.db_size_in_use_bytes),
                human_bytes(s.db_size_bytes)
            )
        })
        .collect();
    if fragmented.is_empty() {
        check("fragmentation", Status::Ok, "no member needs a defragment")
    } else {
        check(
            "fragmentation",
            Status::Warning,
            format!(
                "fragmented: {} (`etcdctl defrag` returns the space)",
                fragmented.join(", ")
            ),
        )
    }
}

fn read_latency(probes: &[Probe], t: &Thresholds) -> Check {
    let slowest = probes
        .iter()
        .filter_map(|p| p.endpoint.took_ms.map(|ms| (ms, &p.endpoint.endpoint)))
        .max_by(|a, b| a.0.total_cmp(&b.0));
    let limit = super::millis(t.slow_read);
    match slowest {
        None => check(
            "read_latency",
            Status::Critical,
            "no linearizable read succeeded",
        ),
        Some((ms, ep)) if ms > limit => check(
            "read_latency",
            Status::Warning,
            format!("linearizable read on {ep} took {ms:.1} ms (over {limit} ms)"),
        ),
        Some((ms, _)) => check(
            "read_latency",
            Status::Ok,
            format!("slowest linearizable read {ms:.1} ms"),
        ),
    }
}

fn learners(members: &[MemberInfo]) -> Check {
    let names: Vec<String> = members
        .iter()
        .filter(|m| m.is_learner)
        .map(|m| member_name(members, m.id))
        .collect();
    let message = if names.is_empty() {
        "no learners".to_string()
    } else {
        format!(
            "{} learner(s), not voting: {}",
            names.len(),
            names.join(", ")
        )
    };
    check("learners", Status::Ok, message)
}

fn versions(up: &[&MemberStatus]) -> Check {
    let versions: BTreeSet<&str> = up.iter().map(|s| s.version.as_str()).collect();
    let minors: BTreeSet<String> = versions
        .iter()
        .map(|v| v.split('.').take(2).collect::<Vec<_>>().join("."))
        .collect();
    let list = versions.iter().copied().collect::<Vec<_>>().join(", ");
    if minors.len() > 1 {
        check(
            "versions",
            Status::Warning,
            format!("mixed minor versions {list}: finish the upgrade"),
        )
    } else if versions.len() > 1 {
        check(
            "versions",
            Status::Ok,
            format!("mixed patch versions {list}"),
        )
    } else {
        check("versions", Status::Ok, format!("all members run {list}"))
    }
}

#[cfg(test)]
#[path = "checks_tests.rs"]
mod tests;

//! Made-up looks at a cluster for the alerting tests: members `m1`, `m2`, ... with statuses a
//! test can change field by field, and counters from the real `/metrics` dumps in `tests/data`.

use super::engine;
use super::history::Counters;
use super::notification::LabelSet;
use super::observe::{MemberView, Observation};
use super::rules::{builtin_rules, Rule};
use super::state::{AlertState, Phase, State};
use crate::health::{
    Check, EndpointHealth, HealthReport, MemberInfo, MemberStatus, Status, Thresholds,
};
use crate::ids::HexId;
use crate::metrics::parse;

/// The cluster ID every made-up member reports unless a test changes it.
pub(crate) const CLUSTER: u64 = 0xc1;

/// A Unix time to start from (2023-11-14), so that times read as dates in failures.
pub(crate) const T0: f64 = 1_700_000_000.0;

/// The `/metrics` of a single etcd 3.4.23 that had been busy for a while.
pub(crate) const DUMP_3_4_BUSY: &str = include_str!("../../tests/data/metrics-3.4.23.txt");
/// The `/metrics` of a member of a fresh three-member etcd 3.4.23 cluster.
pub(crate) const DUMP_3_4_CLUSTER: &str =
    include_str!("../../tests/data/metrics-3.4.23-cluster-c1.txt");
/// The `/metrics` of a fresh etcd 3.5.1.
pub(crate) const DUMP_3_5: &str = include_str!("../../tests/data/metrics-3.5.1.txt");

/// The counters of a real dump.
pub(crate) fn counters(dump: &str) -> Counters {
    Counters::from_samples(&parse(dump))
}

fn endpoint(id: u64) -> String {
    format!("http://127.0.0.1:{}", 2379 + 10 * id)
}

/// What member `id` says about itself: following `leader` (0: none) in `term`.
pub(crate) fn status(id: u64, leader: u64, term: u64) -> MemberStatus {
    MemberStatus {
        member_id: HexId(id),
        name: format!("m{id}"),
        cluster_id: HexId(CLUSTER),
        version: "3.5.1".into(),
        db_size_bytes: 20 * 1024 * 1024,
        db_size_in_use_bytes: 16 * 1024 * 1024,
        db_quota_bytes: 2 << 30,
        db_quota_source: "default",
        leader_id: (leader != 0).then_some(HexId(leader)),
        is_leader: leader == id,
        is_learner: false,
        raft_term: term,
        raft_index: 1000,
        raft_applied_index: 1000,
        revision: 500,
        errors: vec![],
    }
}

/// Member `id`, answering with `status` and no counters.
pub(crate) fn up(status: MemberStatus) -> MemberView {
    let id = status.member_id.0;
    MemberView {
        name: format!("m{id}"),
        endpoint: endpoint(id),
        status: Some(status),
        error: None,
        counters: None,
        member_list: None,
        access: None,
    }
}

/// Member `id`, not answering.
pub(crate) fn down(id: u64) -> MemberView {
    MemberView {
        name: format!("m{id}"),
        endpoint: endpoint(id),
        status: None,
        error: Some("connection refused".into()),
        counters: None,
        member_list: None,
        access: None,
    }
}

/// Member `id`, refusing our credentials: it answered, but could not be looked at.
pub(crate) fn refused(id: u64) -> MemberView {
    let mut m = down(id);
    let error = "etcd refused the credentials: authentication failed".to_string();
    m.error = Some(error.clone());
    m.access = Some(super::access::AccessProblem {
        member: m.name.clone(),
        endpoint: m.endpoint.clone(),
        kind: "credentials",
        error,
        hint: None,
    });
    m
}

/// A look at `at` of these members; the member list is every member's ID, and each member
/// that answers lists all of them.
pub(crate) fn look(at: f64, mut members: Vec<MemberView>) -> Observation {
    let ids: Vec<HexId> = members
        .iter()
        .map(|m| HexId(m.name[1..].parse().expect("members are named m<id>")))
        .collect();
    for m in &mut members {
        if m.up() {
            m.member_list = Some(ids.clone());
        }
    }
    let health = HealthReport {
        status: Status::Ok,
        summary: String::new(),
        cluster_id: Some(HexId(CLUSTER)),
        endpoints: members
            .iter()
            .map(|m| EndpointHealth {
                endpoint: m.endpoint.clone(),
                healthy: m.up(),
                error: m.error.clone(),
                took_ms: m.up().then_some(1.0),
                hint: None,
                status: m.status.clone(),
            })
            .collect(),
        members: ids
            .iter()
            .map(|id| MemberInfo {
                id: *id,
                name: format!("m{}", id.0),
                peer_urls: vec![format!("http://127.0.0.1:{}", 2380 + 10 * id.0)],
                client_urls: vec![endpoint(id.0)],
                is_learner: false,
            })
            .collect(),
        alarms: vec![],
        checks: vec![],
        thresholds: Thresholds::default(),
        took_ms: 1.0,
    };
    Observation {
        at,
        members,
        health,
        hashkv: None,
    }
}

/// `n` members, all answering, all following `m1` in term 5.
pub(crate) fn healthy(n: u64, at: f64) -> Observation {
    look(at, (1..=n).map(|i| up(status(i, 1, 5))).collect())
}

/// The same look, at another time.
pub(crate) fn at(obs: &Observation, at: f64) -> Observation {
    let mut o = obs.clone();
    o.at = at;
    o
}

/// A health check's verdict, for rules on a check.
pub(crate) fn check(name: &'static str, status: Status) -> Check {
    Check {
        name,
        status,
        message: format!("{name} is {status:?}"),
    }
}

/// The built-in rule of that name and severity.
pub(crate) fn builtin(name: &str, severity: &str) -> Rule {
    builtin_rules()
        .into_iter()
        .find(|r| r.name == name && r.severity == severity)
        .unwrap_or_else(|| panic!("no built-in rule {name}/{severity}"))
}

/// A label set from pairs.
pub(crate) fn labels(pairs: &[(&str, &str)]) -> LabelSet {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// Puts an alert straight into `state`, firing since `at`; returns its fingerprint.
pub(crate) fn firing(state: &mut State, pairs: &[(&str, &str)], at: f64) -> String {
    let labels = labels(pairs);
    let fp = engine::fingerprint(&labels);
    state.alerts.insert(
        fp.clone(),
        AlertState {
            annotations: labels.clone(),
            labels,
            phase: Phase::Firing,
            active_since: at,
            fired_at: Some(at),
            resolved_at: None,
            value: Some(1.0),
        },
    );
    fp
}

/// Marks the alert `fp` resolved at `at`, as the engine does when its condition stops.
pub(crate) fn resolve(state: &mut State, fp: &str, at: f64) {
    let a = state.alerts.get_mut(fp).expect("the alert is in the state");
    a.phase = Phase::Resolved;
    a.resolved_at = Some(at);
}

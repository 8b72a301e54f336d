//! The rules of `checks`, on made-up probes: each test would fail if its rule broke.

use super::*;
use crate::health::probe::{EndpointHealth, MemberStatus, Probe};
use crate::health::{HealthOptions, Status};

const CLUSTER: u64 = 0xc1;

fn member(id: u64) -> MemberInfo {
    MemberInfo {
        id: HexId(id),
        name: format!("m{id}"),
        peer_urls: vec![format!("http://127.0.0.1:{}", 2380 + id)],
        client_urls: vec![format!("http://127.0.0.1:{}", 2379 + id)],
        is_learner: false,
    }
}

fn status(id: u64, leader: u64, term: u64) -> MemberStatus {
    MemberStatus {
        member_id: HexId(id),
        name: format!("m{id}"),
        cluster_id: HexId(CLUSTER),
        version: "3.4.23".into(),
        db_size_bytes: 20 * 1024,
        db_size_in_use_bytes: 16 * 1024,
        db_quota_bytes: 2 << 30,
        db_quota_source: "metrics",
        leader_id: (leader != 0).then_some(HexId(leader)),
        is_leader: leader == id,
        is_learner: false,
        raft_term: term,
        raft_index: 100,
        raft_applied_index: 100,
        revision: 1,
        errors: vec![],
    }
}

fn up(s: MemberStatus, members: &[MemberInfo]) -> Probe {
    let id = s.member_id.0;
    Probe {
        endpoint: EndpointHealth {
            endpoint: format!("http://127.0.0.1:{}", 2379 + id),
            healthy: true,
            error: None,
            hint: None,
            took_ms: Some(1.0),
            status: Some(s),
        },
        config_error: false,
        members: Some(members.to_vec()),
        alarms: vec![],
        read_ok: true,
    }
}

fn down(id: u64) -> Probe {
    Probe {
        endpoint: EndpointHealth {
            endpoint: format!("http://127.0.0.1:{}", 2379 + id),
            healthy: false,
            error: Some("connection refused".into()),
            hint: None,
            took_ms: None,
            status: None,
        },
        config_error: false,
        members: None,
        alarms: vec![],
        read_ok: false,
    }
}

fn three() -> Vec<MemberInfo> {
    vec![member(1), member(2), member(3)]
}

fn healthy_three() -> Vec<Probe> {
    let ms = three();
    (1..=3).map(|i| up(status(i, 1, 5), &ms)).collect()
}

fn run(probes: Vec<Probe>, cluster: bool) -> HealthReport {
    evaluate(
        probes,
        &HealthOptions {
            cluster,
            ..HealthOptions::default()
        },
    )
}

fn verdict(report: &HealthReport, name: &str) -> Status {
    report
        .checks
        .iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("no check {name}"))
        .status
}

#[test]
fn a_healthy_cluster_is_ok_everywhere() {
    let r = run(healthy_three(), true);
    assert_eq!(r.status, Status::Ok, "{:#?}", r.checks);
    assert_eq!(r.cluster_id, Some(HexId(CLUSTER)));
    assert_eq!(r.checks.len(), 11);
}

#[test]
fn one_member_of_three_down_is_a_warning() {
    let ms = three();
    let probes = vec![up(status(1, 1, 5), &ms), up(status(2, 1, 5), &ms), down(3)];
    let r = run(probes, true);
    assert_eq!(verdict(&r, "quorum"), Status::Warning);
    assert_eq!(verdict(&r, "reachability"), Status::Warning);
    assert_eq!(r.status, Status::Warning);
}

#[test]
fn two_of_three_down_loses_quorum() {
    let ms = three();
    let mut lone = up(status(1, 0, 7), &ms);
    lone.read_ok = false;
    lone.endpoint.took_ms = None;
    let r = run(vec![lone, down(2), down(3)], true);
    assert_eq!(verdict(&r, "quorum"), Status::Critical);
    assert_eq!(verdict(&r, "leader"), Status::Critical);
    assert_eq!(r.status, Status::Critical);
}

#[test]
fn nothing_reachable_is_critical_and_config_errors_are_unknown() {
    let r = run(vec![down(1), down(2)], false);
    assert_eq!(r.status, Status::Critical);
    let mut a = down(1);
    a.config_error = true;
    let r = run(vec![a], false);
    assert_eq!(r.status, Status::Unknown);
}

#[test]
fn a_partial_view_trusts_a_linearizable_read() {
    let ms = three();
    let r = run(vec![up(status(1, 1, 5), &ms)], false);
    assert_eq!(verdict(&r, "quorum"), Status::Ok);
    let msg = &r
        .checks
        .iter()
        .find(|c| c.name == "quorum")
        .unwrap()
        .message;
    assert!(msg.contains("--cluster"), "{msg}");
}

#[test]
fn leaders_that_disagree_at_one_term_are_a_partition() {
    let ms = three();
    let probes = vec![
        up(status(1, 1, 5), &ms),
        up(status(2, 1, 5), &ms),
        up(status(3, 3, 5), &ms),
    ];
    assert_eq!(verdict(&run(probes, true), "leader"), Status::Critical);
}

#[test]
fn a_term_spread_over_one_is_a_partition_but_one_is_not() {
    let ms = three();
    let spread = |t3| {
        vec![
            up(status(1, 1, 5), &ms),
            up(status(2, 1, 5), &ms),
            up(status(3, 1, t3), &ms),
        ]
    };
    assert_eq!(verdict(&run(spread(6), true), "leader"), Status::Ok);
    assert_eq!(verdict(&run(spread(9), true), "leader"), Status::Critical);
}

#[test]
fn different_cluster_ids_or_member_lists_are_split_brain() {
    let ms = three();
    let mut other = status(3, 3, 5);
    other.cluster_id = HexId(0xbad);
    let probes = vec![
        up(status(1, 1, 5), &ms),
        up(status(2, 1, 5), &ms),
        up(other, &ms),
    ];
    let r = run(probes, true);
    assert_eq!(verdict(&r, "split_brain"), Status::Critical);
    assert_eq!(r.cluster_id, None);

    let probes = vec![
        up(status(1, 1, 5), &ms),
        up(status(2, 1, 5), &ms),
        up(status(3, 1, 5), &[member(3)]),
    ];
    assert_eq!(verdict(&run(probes, true), "split_brain"), Status::Critical);
}

#[test]
fn apply_lag_and_applied_spread_warn_over_their_thresholds() {
    let mut probes = healthy_three();
    probes[0].endpoint.status.as_mut().unwrap().raft_index = 100 + 1001;
    assert_eq!(verdict(&run(probes, true), "raft_index"), Status::Warning);

    let mut probes = healthy_three();
    probes[2]
        .endpoint
        .status
        .as_mut()
        .unwrap()
        .raft_applied_index = 5000;
    probes[2].endpoint.status.as_mut().unwrap().raft_index = 5000;
    assert_eq!(verdict(&run(probes, true), "raft_index"), Status::Warning);
}

#[test]
fn db_size_warns_at_80_and_is_critical_at_95_percent() {
    let at = |percent: u64| {
        let mut probes = healthy_three();
        let s = probes[1].endpoint.status.as_mut().unwrap();
        s.db_size_bytes = s.db_quota_bytes / 100 * percent;
        verdict(&run(probes, true), "db_size")
    };
    assert_eq!(at(50), Status::Ok);
    assert_eq!(at(85), Status::Warning);
    assert_eq!(at(96), Status::Critical);
}

#[test]
fn fragmentation_needs_size_and_a_low_in_use_share() {
    let with = |size: u64, in_use: u64| {
        let mut probes = healthy_three();
        let s = probes[0].endpoint.status.as_mut().unwrap();
        s.db_size_bytes = size;
        s.db_size_in_use_bytes = in_use;
        verdict(&run(probes, true), "fragmentation")
    };
    const MIB: u64 = 1024 * 1024;
    assert_eq!(with(400 * MIB, 150 * MIB), Status::Warning);
    assert_eq!(with(400 * MIB, 300 * MIB), Status::Ok);
    assert_eq!(
        with(90 * MIB, 10 * MIB),
        Status::Ok,
        "small databases are left alone"
    );
}

#[test]
fn alarms_are_critical_and_named() {
    let mut probes = healthy_three();
    probes[0].alarms = vec![Alarm {
        member_id: HexId(2),
        alarm: "NOSPACE".into(),
    }];
    let r = run(probes, true);
    assert_eq!(verdict(&r, "alarms"), Status::Critical);
    assert!(r.summary.contains("NOSPACE on m2"), "{}", r.summary);
}

#[test]
fn slow_reads_warn() {
    let mut probes = healthy_three();
    probes[0].endpoint.took_ms = Some(900.0);
    assert_eq!(verdict(&run(probes, true), "read_latency"), Status::Warning);
}

#[test]
fn mixed_minor_versions_warn_and_learners_are_reported() {
    let mut ms = three();
    ms[2].is_learner = true;
    let mut probes: Vec<Probe> = (1..=3).map(|i| up(status(i, 1, 5), &ms)).collect();
    probes[2].endpoint.status.as_mut().unwrap().version = "3.5.1".into();
    let r = run(probes, true);
    assert_eq!(verdict(&r, "versions"), Status::Warning);
    let learners = r.checks.iter().find(|c| c.name == "learners").unwrap();
    assert!(learners.message.contains("m3"), "{}", learners.message);
    assert_eq!(verdict(&r, "quorum"), Status::Ok, "a learner does not vote");
}

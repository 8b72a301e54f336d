//! The evaluator on made-up looks and on counters from real `/metrics` dumps: alerts go pending,
//! fire after their `for`, resolve, and the state stays the same size however long it runs.

use std::time::{Duration, Instant};

use super::*;
use crate::alert::history::{Buckets, Counters, KEEP, KEEP_SIZES, SIZE_SPACING, SPACING};
use crate::alert::notification::AlertStatus;
use crate::alert::route::{self, Outgoing, Route};
use crate::alert::rules::{builtin_rules, Origin};
use crate::alert::testing::*;
use crate::health::Status;
use crate::ids::HexId;

fn run(rules: &[Rule], obs: &Observation, state: &mut State) -> Vec<RuleStanding> {
    evaluate(rules, &LabelSet::new(), obs, state)
}

/// The one alert of rule `name` on `member` (`None`: a cluster alert).
fn alert<'a>(state: &'a State, name: &str, member: Option<&str>) -> Option<&'a AlertState> {
    let found: Vec<_> = state
        .alerts
        .values()
        .filter(|a| {
            a.labels.get("alertname").map(String::as_str) == Some(name)
                && a.labels.get("member").map(String::as_str) == member
        })
        .collect();
    assert!(found.len() <= 1, "{name} {member:?}: {found:?}");
    found.first().copied()
}

fn phase(state: &State, name: &str, member: Option<&str>) -> Option<Phase> {
    alert(state, name, member).map(|a| a.phase)
}

fn no_leader_on_m2(at: f64) -> Observation {
    let mut obs = healthy(3, at);
    obs.members[1].status.as_mut().unwrap().leader_id = None;
    obs
}

#[test]
fn no_leader_goes_pending_fires_after_its_for_and_resolves() {
    let rules = [builtin("NoLeader", "critical")];
    let mut state = State::default();

    let s = run(&rules, &no_leader_on_m2(T0), &mut state);
    assert_eq!(
        (s[0].state, s[0].active, s[0].no_data),
        ("pending", 1, false)
    );
    assert_eq!(state.alerts.len(), 1, "only m2 has no leader");
    let a = alert(&state, "NoLeader", Some("m2")).unwrap();
    assert_eq!(
        (a.phase, a.active_since, a.fired_at),
        (Phase::Pending, T0, None)
    );
    assert_eq!(a.value, Some(0.0));

    run(&rules, &no_leader_on_m2(T0 + 59.0), &mut state);
    let a = alert(&state, "NoLeader", Some("m2")).unwrap();
    assert_eq!((a.phase, a.active_since), (Phase::Pending, T0));

    let s = run(&rules, &no_leader_on_m2(T0 + 60.0), &mut state);
    assert_eq!(s[0].state, "firing");
    let a = alert(&state, "NoLeader", Some("m2")).unwrap();
    assert_eq!((a.phase, a.fired_at), (Phase::Firing, Some(T0 + 60.0)));

    run(&rules, &no_leader_on_m2(T0 + 75.0), &mut state);
    let a = alert(&state, "NoLeader", Some("m2")).unwrap();
    assert_eq!(a.fired_at, Some(T0 + 60.0), "firing keeps its start");

    let s = run(&rules, &healthy(3, T0 + 90.0), &mut state);
    assert_eq!((s[0].state, s[0].active), ("inactive", 0));
    let a = alert(&state, "NoLeader", Some("m2")).unwrap();
    assert_eq!(a.phase, Phase::Resolved);
    assert_eq!(
        (a.fired_at, a.resolved_at),
        (Some(T0 + 60.0), Some(T0 + 90.0))
    );

    run(&rules, &healthy(3, T0 + 95.0), &mut state);
    let a = alert(&state, "NoLeader", Some("m2")).unwrap();
    assert_eq!(
        (a.phase, a.resolved_at),
        (Phase::Resolved, Some(T0 + 90.0)),
        "kept, unchanged, until the route has told the channels"
    );
}

#[test]
fn has_leader_comes_from_the_counters_before_the_status() {
    let rules = [builtin("NoLeader", "critical")];
    let mut state = State::default();
    let mut obs = healthy(3, T0);
    let mut c = counters(DUMP_3_5);
    c.has_leader = Some(0.0);
    obs.members[0].counters = Some(c);
    run(&rules, &obs, &mut state);
    assert_eq!(phase(&state, "NoLeader", Some("m1")), Some(Phase::Pending));
    assert_eq!(state.alerts.len(), 1);
}

#[test]
fn a_pending_alert_whose_condition_stops_is_forgotten() {
    let rules = [builtin("NoLeader", "critical")];
    let mut state = State::default();
    run(&rules, &no_leader_on_m2(T0), &mut state);
    run(&rules, &healthy(3, T0 + 30.0), &mut state);
    assert!(state.alerts.is_empty(), "{:?}", state.alerts);
    // When it comes back, its `for` starts again.
    run(&rules, &no_leader_on_m2(T0 + 40.0), &mut state);
    run(&rules, &no_leader_on_m2(T0 + 90.0), &mut state);
    let a = alert(&state, "NoLeader", Some("m2")).unwrap();
    assert_eq!((a.phase, a.active_since), (Phase::Pending, T0 + 40.0));
}

#[test]
fn an_alert_back_before_its_resolution_went_out_starts_a_new_episode() {
    let rules = [builtin("NoLeader", "critical")];
    let mut state = State::default();
    run(&rules, &no_leader_on_m2(T0), &mut state);
    run(&rules, &no_leader_on_m2(T0 + 60.0), &mut state);
    run(&rules, &healthy(3, T0 + 65.0), &mut state);
    assert_eq!(phase(&state, "NoLeader", Some("m2")), Some(Phase::Resolved));
    run(&rules, &no_leader_on_m2(T0 + 70.0), &mut state);
    let a = alert(&state, "NoLeader", Some("m2")).unwrap();
    assert_eq!((a.phase, a.active_since), (Phase::Pending, T0 + 70.0));
    assert_eq!((a.fired_at, a.resolved_at), (None, None));
}

#[test]
fn a_rule_with_for_zero_fires_at_once() {
    let rules = [builtin("ClusterIDMismatch", "critical")];
    assert_eq!(rules[0].for_, Duration::ZERO);
    let mut state = State::default();
    let mut obs = healthy(3, T0);
    obs.members[2].status.as_mut().unwrap().cluster_id = HexId(0xc2);
    let s = run(&rules, &obs, &mut state);
    assert_eq!((s[0].state, s[0].active), ("firing", 1));
    let a = alert(&state, "ClusterIDMismatch", None).unwrap();
    assert_eq!(
        (a.phase, a.fired_at, a.value),
        (Phase::Firing, Some(T0), Some(2.0))
    );
    assert_eq!(
        a.annotations["description"],
        "the members report 2 different cluster IDs: two clusters formed (stale data or a bad --initial-cluster)."
    );
}

#[test]
fn fingerprints_are_stable_and_distinct_per_member() {
    let rules = [builtin("NoLeader", "critical")];
    let two_without = |at| {
        let mut obs = no_leader_on_m2(at);
        obs.members[2].status.as_mut().unwrap().leader_id = None;
        obs
    };
    let mut state = State::default();
    run(&rules, &two_without(T0), &mut state);
    let first: Vec<String> = state.alerts.keys().cloned().collect();
    assert_eq!(first.len(), 2, "one alert per member");
    assert_ne!(first[0], first[1]);
    run(&rules, &two_without(T0 + 60.0), &mut state);
    let again: Vec<String> = state.alerts.keys().cloned().collect();
    assert_eq!(first, again, "the same alerts, now firing");
    let m2 = alert(&state, "NoLeader", Some("m2")).unwrap();
    assert_eq!(
        m2.labels,
        labels(&[
            ("alertname", "NoLeader"),
            ("member", "m2"),
            ("severity", "critical")
        ])
    );
    assert!(state.alerts.contains_key(&fingerprint(&m2.labels)));

    // Labels from the settings are labels like the others, and part of the fingerprint.
    let mut other = State::default();
    let extra = labels(&[("cluster", "prod")]);
    evaluate(&rules, &extra, &two_without(T0), &mut other);
    let keys: Vec<&String> = other.alerts.keys().collect();
    assert!(
        keys.iter().all(|k| !first.contains(k)),
        "{keys:?} {first:?}"
    );
    assert!(other.alerts.values().all(|a| a.labels["cluster"] == "prod"));

    // FNV-1a as published: the empty set is the offset basis; a separator keeps keys and
    // values apart.
    assert_eq!(fingerprint(&LabelSet::new()), "cbf29ce484222325");
    assert_ne!(
        fingerprint(&labels(&[("a", "bc")])),
        fingerprint(&labels(&[("ab", "c")]))
    );
    assert_eq!(fingerprint(&extra).len(), 16);
}

#[test]
fn a_down_member_gives_no_data_to_member_rules() {
    let rules = [
        builtin("NoLeader", "critical"),
        builtin("MembersDown", "warning"),
    ];
    let mut state = State::default();
    run(&rules, &no_leader_on_m2(T0), &mut state);
    run(&rules, &no_leader_on_m2(T0 + 60.0), &mut state);
    assert_eq!(phase(&state, "NoLeader", Some("m2")), Some(Phase::Firing));

    let obs = look(
        T0 + 70.0,
        vec![up(status(1, 1, 5)), down(2), up(status(3, 1, 5))],
    );
    let s = run(&rules, &obs, &mut state);
    assert_eq!(
        phase(&state, "NoLeader", Some("m2")),
        Some(Phase::Resolved),
        "no has_leader from a member that does not answer"
    );
    assert_eq!(
        phase(&state, "MembersDown", Some("m2")),
        Some(Phase::Pending)
    );
    assert_eq!(phase(&state, "MembersDown", Some("m1")), None);
    assert_eq!((s[1].state, s[1].active), ("pending", 1));

    let inputs = Inputs {
        obs: &obs,
        history: &state.history,
        hashkv: None,
    };
    let member = |name: &str, i: usize| inputs.member(name, &obs.members[i]);
    assert_eq!(
        (member("up", 1), member("unreachable", 1)),
        (Some(0.0), Some(1.0))
    );
    assert_eq!(
        (member("up", 0), member("unreachable", 0)),
        (Some(1.0), Some(0.0))
    );
    assert_eq!(member("has_leader", 1), None);
    assert_eq!(member("raft_term", 1), None);
    assert_eq!(member("has_leader", 0), Some(1.0));

    // Nobody answers: the member rule has nothing to look at.
    let dark = look(T0 + 80.0, vec![down(1), down(2), down(3)]);
    let s = run(&rules, &dark, &mut state);
    assert!(s[0].no_data);
    assert!(!s[1].no_data, "`up` is known for a member that is down");
    assert_eq!(s[1].active, 3);
}

#[test]
fn insufficient_members_when_one_of_three_answers() {
    let rules = [builtin("InsufficientMembers", "critical")];
    let mut state = State::default();
    let one_up = |at| look(at, vec![up(status(1, 1, 5)), down(2), down(3)]);
    let s = run(&rules, &one_up(T0), &mut state);
    assert_eq!(s[0].state, "pending");
    let a = alert(&state, "InsufficientMembers", None).unwrap();
    assert_eq!((a.phase, a.value), (Phase::Pending, Some(-1.0)));
    run(&rules, &one_up(T0 + 179.0), &mut state);
    assert_eq!(
        phase(&state, "InsufficientMembers", None),
        Some(Phase::Pending)
    );
    run(&rules, &one_up(T0 + 180.0), &mut state);
    assert_eq!(
        phase(&state, "InsufficientMembers", None),
        Some(Phase::Firing)
    );

    // Two of three is a quorum.
    let two_up = look(
        T0 + 200.0,
        vec![up(status(1, 1, 5)), up(status(2, 1, 5)), down(3)],
    );
    run(&rules, &two_up, &mut state);
    assert_eq!(
        phase(&state, "InsufficientMembers", None),
        Some(Phase::Resolved)
    );

    // A learner does not vote: of three voters only m1 answers, though m4 answers too.
    let mut with_learner = look(
        T0,
        vec![up(status(1, 1, 5)), down(2), down(3), up(status(4, 1, 5))],
    );
    with_learner.health.members[3].is_learner = true;
    let mut state = State::default();
    run(&rules, &with_learner, &mut state);
    let a = alert(&state, "InsufficientMembers", None).unwrap();
    assert_eq!(a.value, Some(-1.0));
}

fn check_rule(at_least: Status) -> Rule {
    Rule {
        name: "QuorumAtRisk".into(),
        severity: "warning".into(),
        expr: Expr::Check {
            check: "quorum".into(),
            at_least,
        },
        for_: Duration::ZERO,
        labels: labels(&[("team", "storage")]),
        annotations: labels(&[("summary", "quorum check at level {{ $value }}")]),
        origin: Origin::User,
    }
}

#[test]
fn check_rules_fire_at_or_above_their_status() {
    let cases = [
        (Status::Warning, Status::Ok, None),
        (Status::Warning, Status::Warning, Some(1.0)),
        (Status::Warning, Status::Unknown, Some(2.0)),
        (Status::Warning, Status::Critical, Some(3.0)),
        (Status::Critical, Status::Warning, None),
        (Status::Critical, Status::Critical, Some(3.0)),
    ];
    for (at_least, verdict, value) in cases {
        let mut obs = healthy(3, T0);
        obs.health.checks = vec![check("leader", Status::Critical), check("quorum", verdict)];
        let mut state = State::default();
        let s = run(&[check_rule(at_least)], &obs, &mut state);
        let case = format!("{at_least:?} on {verdict:?}");
        assert!(!s[0].no_data, "{case}");
        match value {
            None => assert!(state.alerts.is_empty(), "{case}"),
            Some(v) => {
                let a = alert(&state, "QuorumAtRisk", None).expect(&case);
                assert_eq!((a.phase, a.value), (Phase::Firing, Some(v)), "{case}");
                assert_eq!(a.labels["team"], "storage");
                assert_eq!(
                    a.annotations["summary"],
                    format!("quorum check at level {v}")
                );
            }
        }
    }
    let mut state = State::default();
    let s = run(&[check_rule(Status::Warning)], &healthy(3, T0), &mut state);
    assert!(s[0].no_data, "no such check in the report");
    assert!(state.alerts.is_empty());
}

#[test]
fn disagreements_between_members_come_from_their_statuses() {
    let rules = [
        builtin("LeaderDisagreement", "critical"),
        builtin("RaftTermSpread", "warning"),
        builtin("ClusterIDMismatch", "critical"),
    ];
    // m3 follows itself at the same term: split brain.
    let split = look(
        T0,
        vec![
            up(status(1, 1, 7)),
            up(status(2, 1, 7)),
            up(status(3, 3, 7)),
        ],
    );
    let mut state = State::default();
    let s = run(&rules, &split, &mut state);
    assert_eq!(
        s.iter().map(|s| s.state).collect::<Vec<_>>(),
        ["pending", "inactive", "inactive"]
    );
    assert_eq!(
        alert(&state, "LeaderDisagreement", None).unwrap().value,
        Some(2.0)
    );
    run(&rules, &at(&split, T0 + 60.0), &mut state);
    assert_eq!(
        phase(&state, "LeaderDisagreement", None),
        Some(Phase::Firing)
    );

    // A different leader one term behind is not a disagreement; a term 1 behind is no spread.
    let behind = look(
        T0,
        vec![
            up(status(1, 1, 7)),
            up(status(2, 1, 7)),
            up(status(3, 3, 6)),
        ],
    );
    let mut state = State::default();
    run(&rules, &behind, &mut state);
    assert!(state.alerts.is_empty(), "{:?}", state.alerts);

    // A partitioned member campaigns, raising its term.
    let partitioned = look(
        T0,
        vec![
            up(status(1, 1, 5)),
            up(status(2, 1, 5)),
            up(status(3, 0, 8)),
        ],
    );
    let mut state = State::default();
    run(&rules, &partitioned, &mut state);
    let a = alert(&state, "RaftTermSpread", None).unwrap();
    assert_eq!((a.phase, a.value), (Phase::Pending, Some(3.0)));
    assert_eq!(
        a.annotations["description"],
        "raft terms differ by 3: a member is probably partitioned and campaigning."
    );
    assert_eq!(
        phase(&state, "LeaderDisagreement", None),
        None,
        "m3 names no leader"
    );
}

/// Three members; m1 has the counters of the busy 3.4.23 dump.
fn busy_m1(at: f64, c: &Counters) -> Observation {
    let mut obs = healthy(3, at);
    obs.members[0].counters = Some(c.clone());
    obs
}

#[test]
fn failed_proposals_per_second_from_two_looks_a_minute_apart() {
    let rules = [builtin("HighNumberOfFailedProposals", "warning")];
    let before = counters(DUMP_3_4_BUSY);
    assert_eq!(before.proposals_failed, Some(0.0));
    let mut state = State::default();
    let s = run(&rules, &busy_m1(T0, &before), &mut state);
    assert!(s[0].no_data, "a rate needs an earlier look");
    assert!(state.alerts.is_empty());

    let mut after = before.clone();
    after.proposals_failed = Some(600.0);
    let s = run(&rules, &busy_m1(T0 + 60.0, &after), &mut state);
    assert!(!s[0].no_data);
    let a = alert(&state, "HighNumberOfFailedProposals", Some("m1")).unwrap();
    assert_eq!((a.phase, a.value), (Phase::Pending, Some(10.0)));
    assert_eq!(a.annotations["summary"], "failed proposals on m1");
    assert_eq!(
        a.annotations["description"],
        "10 proposals failed per second on member m1 over 15 minutes."
    );
    assert_eq!(state.history["m1"].points.len(), 2);

    // One more each second since: over the window, from the first look, 720 in 180 s.
    let mut later = after.clone();
    later.proposals_failed = Some(600.0 + 120.0);
    run(&rules, &busy_m1(T0 + 180.0, &later), &mut state);
    let a = alert(&state, "HighNumberOfFailedProposals", Some("m1"));
    assert_eq!(a, None, "4.0/s is under 5/s: the pending alert is dropped");
}

#[test]
fn failed_grpc_ratio_from_real_counters() {
    let rules = [
        builtin("HighNumberOfFailedGRPCRequests", "warning"),
        builtin("HighNumberOfFailedGRPCRequests", "critical"),
    ];
    let before = counters(DUMP_3_4_BUSY);
    let (all, failed) = (
        before.grpc_unary.unwrap(),
        before.grpc_unary_failed.unwrap(),
    );
    assert!(all > 1000.0, "{all}");
    let mut state = State::default();
    run(&rules, &busy_m1(T0, &before), &mut state);
    let mut after = before.clone();
    after.grpc_unary = Some(all + 1000.0);
    after.grpc_unary_failed = Some(failed + 30.0);
    run(&rules, &busy_m1(T0 + 60.0, &after), &mut state);
    let warning: Vec<_> = state.alerts.values().collect();
    assert_eq!(
        warning.len(),
        1,
        "3% is a warning, not critical: {warning:?}"
    );
    assert_eq!(warning[0].labels["severity"], "warning");
    assert_eq!(warning[0].value, Some(0.03));
    assert_eq!(
        warning[0].annotations["description"],
        "a share of 0.03 of unary gRPC requests failed on member m1 over 5 minutes."
    );

    after.grpc_unary = Some(all + 2000.0);
    after.grpc_unary_failed = Some(failed + 130.0);
    let s = run(&rules, &busy_m1(T0 + 120.0, &after), &mut state);
    // Over the window since the first look: 130 of 2000.
    assert_eq!(state.alerts.len(), 2);
    assert!(state.alerts.values().all(|a| a.value == Some(0.065)));
    assert_eq!((s[0].state, s[1].state), ("pending", "pending"));
}

/// Adds `n` observations of `seconds` to a histogram.
fn observe_into(b: &mut Buckets, seconds: f64, n: f64) {
    for (le, c) in b.le.iter().zip(&mut b.counts) {
        if seconds <= *le {
            *c += n;
        }
    }
    b.count += n;
}

#[test]
fn wal_fsync_p99_from_bucket_deltas() {
    let rules = [
        builtin("HighFsyncDurations", "warning"),
        builtin("HighFsyncDurations", "critical"),
    ];
    let before = counters(DUMP_3_4_BUSY);
    let mut state = State::default();
    run(&rules, &busy_m1(T0, &before), &mut state);
    assert!(state.alerts.is_empty(), "the dump's own p99 is a few ms");

    let mut after = before.clone();
    let fsync = after.wal_fsync.as_mut().unwrap();
    observe_into(fsync, 0.0005, 90.0);
    observe_into(fsync, 0.7, 10.0);
    run(&rules, &busy_m1(T0 + 60.0, &after), &mut state);
    // The 99th of 100 is the 9th of the 10 in (0.512, 1.024]: 0.512 + 0.512 * 9/10.
    assert_eq!(state.alerts.len(), 1, "{:?}", state.alerts);
    let a = alert(&state, "HighFsyncDurations", Some("m1")).unwrap();
    assert_eq!(a.labels["severity"], "warning");
    assert!((a.value.unwrap() - 972.8).abs() < 1e-6, "{:?}", a.value);
    assert_eq!(
        a.annotations["description"],
        "WAL fsync p99 on member m1 is 972.8 ms."
    );
    assert_eq!(a.annotations["summary"], "slow WAL fsync on m1");
}

#[test]
fn annotations_name_the_member_and_the_value() {
    let rules = [builtin("NoLeader", "critical")];
    let mut state = State::default();
    run(&rules, &no_leader_on_m2(T0), &mut state);
    let a = alert(&state, "NoLeader", Some("m2")).unwrap();
    assert_eq!(a.annotations["summary"], "member m2 has no leader");
    assert_eq!(
        a.annotations["description"],
        "etcd member m2 has no leader: it cannot serve writes or linearizable reads."
    );
}

// ---- Steady memory -------------------------------------------------------------------------

/// One step of a busy cluster: requests served, fsyncs and commits made, CPU used.
fn advance(c: &mut Counters) {
    c.grpc_unary = c.grpc_unary.map(|v| v + 7.0);
    c.cpu_seconds = c.cpu_seconds.map(|v| v + 0.05);
    for b in [
        &mut c.wal_fsync,
        &mut c.backend_commit,
        &mut c.peer_round_trip,
    ]
    .into_iter()
    .flatten()
    {
        observe_into(b, 0.0008, 3.0);
    }
}

#[test]
fn ten_thousand_looks_keep_the_state_the_same_size() {
    const LOOKS: u32 = 10_000;
    const CYCLE: u32 = 200;
    let started = Instant::now();
    let rules = builtin_rules();
    let route = Route::default_for(&["ops".into()]);
    let mut obs = healthy(3, T0);
    for (m, dump) in obs
        .members
        .iter_mut()
        .zip([DUMP_3_4_BUSY, DUMP_3_4_CLUSTER, DUMP_3_5])
    {
        m.counters = Some(counters(dump));
    }
    let mut state = State::default();
    let mut firing_sent = 0;
    let mut resolved_sent = 0;
    let mut size_at_4000 = 0;
    let most_points = (KEEP / SPACING) as usize + 1;
    let most_sizes = (KEEP_SIZES / SIZE_SPACING) as usize + 1;
    for i in 1..=LOOKS {
        let t = T0 + 5.0 * f64::from(i);
        obs.at = t;
        for m in &mut obs.members {
            advance(m.counters.as_mut().unwrap());
            m.status.as_mut().unwrap().db_size_bytes += 64;
        }
        // m2 loses its leader for 30 looks (150 s) of every 200.
        let leaderless = (100..130).contains(&(i % CYCLE));
        let m2 = &mut obs.members[1];
        m2.counters.as_mut().unwrap().has_leader = Some(if leaderless { 0.0 } else { 1.0 });
        m2.status.as_mut().unwrap().leader_id = (!leaderless).then_some(HexId(1));

        evaluate(&rules, &LabelSet::new(), &obs, &mut state);
        state.prune_silences(t);
        let out = route::plan(&route, &[], &mut state, t, "test");
        for o in &out {
            let names: Vec<_> = o
                .notification
                .alerts
                .iter()
                .map(|a| a.labels["member"].as_str())
                .collect();
            assert_eq!(names, ["m2"], "look {i}: {:?}", o.notification);
            match o.notification.status {
                AlertStatus::Firing => firing_sent += 1,
                AlertStatus::Resolved => resolved_sent += 1,
            }
        }
        let delivered: Vec<&Outgoing> = out.iter().collect();
        route::record(&mut state, &delivered, t);

        assert!(
            state.alerts.len() <= 1,
            "look {i}: {:?}",
            state.alerts.keys()
        );
        assert!(
            state.groups.len() <= 1,
            "look {i}: {:?}",
            state.groups.keys()
        );
        assert_eq!(state.history.len(), 3);
        for (name, h) in &state.history {
            assert!(
                h.points.len() <= most_points,
                "look {i}, {name}: {}",
                h.points.len()
            );
            assert!(
                h.db_sizes.len() <= most_sizes,
                "look {i}, {name}: {}",
                h.db_sizes.len()
            );
        }
        if i == 4000 {
            size_at_4000 = serde_json::to_string(&state).unwrap().len();
        }
    }
    let size = serde_json::to_string(&state).unwrap().len();
    let took = started.elapsed();
    eprintln!("state: {size_at_4000} bytes at look 4000, {size} at {LOOKS}; took {took:?}");
    assert!(
        size as f64 <= size_at_4000 as f64 * 1.05,
        "{size_at_4000} bytes at look 4000, {size} at {LOOKS}"
    );
    // Between two episodes everything about the last one has been forgotten.
    assert!(state.alerts.is_empty() && state.groups.is_empty());
    // Each episode was told once firing and once resolved, and nothing else was.
    let episodes = LOOKS / CYCLE;
    assert_eq!((firing_sent, resolved_sent), (episodes, episodes));
}

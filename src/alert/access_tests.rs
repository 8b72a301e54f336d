//! A member that refused our credentials is neither up nor down: the rules on it wait, and
//! cluster rules decide only what the refusal cannot change.

use std::time::Duration;

use crate::alert::engine::evaluate;
use crate::alert::notification::LabelSet;
use crate::alert::rules::Rule;
use crate::alert::state::{Phase, State};
use crate::alert::testing::*;

fn at_once(name: &str, severity: &str) -> Rule {
    let mut r = builtin(name, severity);
    r.for_ = Duration::ZERO;
    r
}

fn rules() -> Vec<Rule> {
    vec![
        at_once("InsufficientMembers", "critical"),
        at_once("MembersDown", "warning"),
    ]
}

/// (alertname, member, phase) of every alert.
fn alerts(state: &State) -> Vec<(String, Option<String>, Phase)> {
    state
        .alerts
        .values()
        .map(|a| {
            (
                a.labels["alertname"].clone(),
                a.labels.get("member").cloned(),
                a.phase,
            )
        })
        .collect()
}

#[test]
fn a_member_that_refused_us_is_not_down() {
    let mut state = State::default();
    let obs = look(
        T0,
        vec![up(status(1, 1, 5)), refused(2), up(status(3, 1, 5))],
    );
    let standings = evaluate(&rules(), &LabelSet::new(), &obs, &mut state);
    assert_eq!(alerts(&state), vec![]);
    assert!(
        standings.iter().all(|s| s.state == "inactive"),
        "{standings:?}"
    );
}

#[test]
fn quorum_is_judged_only_where_the_refusal_cannot_change_it() {
    // m3 is down; m2 refused us. With m2 up there is a quorum, without it none: unknown.
    let mut state = State::default();
    let obs = look(T0, vec![up(status(1, 1, 5)), refused(2), down(3)]);
    evaluate(&rules(), &LabelSet::new(), &obs, &mut state);
    assert_eq!(
        alerts(&state),
        vec![("MembersDown".into(), Some("m3".into()), Phase::Firing)]
    );

    // One of five answers, one refused us, three are down: even with m2 up, 2 of 5 is no
    // quorum, so it is lost whatever m2 is.
    let lost = look(
        T0,
        vec![up(status(1, 1, 5)), refused(2), down(3), down(4), down(5)],
    );
    let mut state = State::default();
    evaluate(&rules(), &LabelSet::new(), &lost, &mut state);
    let insufficient: Vec<_> = alerts(&state)
        .into_iter()
        .filter(|a| a.0 == "InsufficientMembers")
        .collect();
    assert_eq!(
        insufficient,
        vec![("InsufficientMembers".into(), None, Phase::Firing)]
    );
    let a = state
        .alerts
        .values()
        .find(|a| a.labels["alertname"] == "InsufficientMembers")
        .unwrap();
    assert_eq!(a.value, Some(-1.0), "the best case: m2 up, 2 of 5 answer");
}

#[test]
fn alerts_on_a_member_that_refuses_us_neither_fire_nor_resolve() {
    let slow = {
        let mut r = builtin("MembersDown", "warning");
        r.for_ = Duration::from_secs(60);
        r
    };
    let rules = [slow, at_once("InsufficientMembers", "critical")];
    let mut state = State::default();
    let m2_down = |at| look(at, vec![up(status(1, 1, 5)), down(2), up(status(3, 1, 5))]);
    let m2_refuses = |at| {
        look(
            at,
            vec![up(status(1, 1, 5)), refused(2), up(status(3, 1, 5))],
        )
    };
    evaluate(&rules, &LabelSet::new(), &m2_down(T0), &mut state);
    // Pending since T0; the refusal holds the timer where it is, and does not reset it.
    evaluate(
        &rules,
        &LabelSet::new(),
        &m2_refuses(T0 + 120.0),
        &mut state,
    );
    let a = state.alerts.values().next().unwrap();
    assert_eq!((a.phase, a.active_since), (Phase::Pending, T0));
    evaluate(&rules, &LabelSet::new(), &m2_down(T0 + 130.0), &mut state);
    let a = state.alerts.values().next().unwrap();
    assert_eq!((a.phase, a.fired_at), (Phase::Firing, Some(T0 + 130.0)));
    // Firing, then refused: still firing, not resolved by our own problem.
    evaluate(
        &rules,
        &LabelSet::new(),
        &m2_refuses(T0 + 140.0),
        &mut state,
    );
    let a = state.alerts.values().next().unwrap();
    assert_eq!((a.phase, a.resolved_at), (Phase::Firing, None));
    // Back and answering: resolved.
    let all_up = look(T0 + 150.0, (1..=3).map(|i| up(status(i, 1, 5))).collect());
    evaluate(&rules, &LabelSet::new(), &all_up, &mut state);
    let a = state.alerts.values().next().unwrap();
    assert_eq!(a.phase, Phase::Resolved);
}

#[test]
fn an_access_problem_has_the_documented_json_fields() {
    let m = refused(2);
    let json = serde_json::to_value(m.access.unwrap()).unwrap();
    let mut keys: Vec<&str> = json
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort();
    assert_eq!(keys, ["endpoint", "error", "hint", "kind", "member"]);
    let docs = include_str!("../../docs/json.md");
    for k in keys {
        assert!(docs.contains(&format!("`access_problems[].{k}`")), "{k}");
    }
    assert_eq!(json["kind"], "credentials");
}

#[test]
fn health_check_rules_wait_while_a_member_refuses_us() {
    use crate::alert::rules::{Expr, Origin};
    use crate::health::Status;
    let rule = Rule {
        name: "Reach".into(),
        severity: "warning".into(),
        expr: Expr::Check {
            check: "reachability".into(),
            at_least: Status::Warning,
        },
        for_: Duration::ZERO,
        labels: LabelSet::new(),
        annotations: LabelSet::new(),
        origin: Origin::User,
    };
    let with_check = |mut obs: crate::alert::observe::Observation, status| {
        obs.health.checks = vec![check("reachability", status)];
        obs
    };
    let mut state = State::default();
    // `health` calls the refusing member unreachable: no alert from that.
    let refusing = look(T0, vec![up(status(1, 1, 5)), refused(2)]);
    evaluate(
        std::slice::from_ref(&rule),
        &LabelSet::new(),
        &with_check(refusing.clone(), Status::Warning),
        &mut state,
    );
    assert_eq!(alerts(&state), vec![]);
    // One that fired before the refusal is not resolved by it.
    let down_look = look(T0 + 10.0, vec![up(status(1, 1, 5)), down(2)]);
    evaluate(
        std::slice::from_ref(&rule),
        &LabelSet::new(),
        &with_check(down_look, Status::Warning),
        &mut state,
    );
    assert_eq!(alerts(&state), vec![("Reach".into(), None, Phase::Firing)]);
    let mut later = with_check(refusing, Status::Warning);
    later.at = T0 + 20.0;
    evaluate(
        std::slice::from_ref(&rule),
        &LabelSet::new(),
        &later,
        &mut state,
    );
    assert_eq!(alerts(&state), vec![("Reach".into(), None, Phase::Firing)]);
}

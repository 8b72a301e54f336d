//! Routing over time: when a group is notified, what is not sent again, resolutions, failed
//! deliveries, silences, sub-routes and channels that each keep their own log.

use super::*;
use crate::alert::silence::Silence;
use crate::alert::testing::*;

const NO_LEADER_M1: &[(&str, &str)] = &[
    ("alertname", "NoLeader"),
    ("severity", "critical"),
    ("member", "m1"),
];
const NO_LEADER_M2: &[(&str, &str)] = &[
    ("alertname", "NoLeader"),
    ("severity", "critical"),
    ("member", "m2"),
];
const NO_LEADER_GROUP: &str = "root:{alertname=\"NoLeader\"}";

fn human(text: &str) -> crate::units::HumanDuration {
    text.parse().unwrap()
}

fn route(cfg: RouteConfig, channels: &[&str]) -> Route {
    let known: Vec<String> = channels.iter().map(|c| c.to_string()).collect();
    Route::from_config(&cfg, &known).unwrap()
}

/// `group_wait` 30s, `group_interval` 5m, `repeat_interval` 4h, to the channels given.
fn standard(channels: &[&str]) -> RouteConfig {
    RouteConfig {
        channels: Some(channels.iter().map(|c| c.to_string()).collect()),
        group_wait: Some(human("30s")),
        group_interval: Some(human("5m")),
        repeat_interval: Some(human("4h")),
        ..RouteConfig::default()
    }
}

fn plan_at(r: &Route, state: &mut State, now: f64) -> Vec<Outgoing> {
    plan(r, &[], state, now, "http://127.0.0.1:2379")
}

/// Plans at `now` and records every notification as delivered.
fn deliver_at(r: &Route, state: &mut State, now: f64) -> Vec<String> {
    let out = plan_at(r, state, now);
    let all: Vec<&Outgoing> = out.iter().collect();
    record(state, &all, now);
    told(&out)
}

/// Each notification as `channel status: name/member status, ...`.
fn told(out: &[Outgoing]) -> Vec<String> {
    out.iter()
        .map(|o| {
            let alerts: Vec<String> = o
                .notification
                .alerts
                .iter()
                .map(|a| {
                    let member = a.labels.get("member").map_or("-", String::as_str);
                    format!("{}/{member} {}", a.name(), a.status.as_str())
                })
                .collect();
            format!(
                "{} {}: {}",
                o.channel,
                o.notification.status.as_str(),
                alerts.join(", ")
            )
        })
        .collect()
}

/// Plans (and records, as every evaluation does) every `step` seconds from `from` until before
/// `to`, and fails if anything was due.
fn quiet(r: &Route, state: &mut State, from: f64, to: f64, step: f64) {
    let mut t = from;
    while t < to {
        let out = plan_at(r, state, t);
        assert!(out.is_empty(), "at T0+{}: {:?}", t - T0, told(&out));
        record(state, &[], t);
        t += step;
    }
}

/// Plans at T0, when the alerts in `state` fired, and delivers what is due after the 30s
/// group_wait of [`standard`].
fn first_notification(r: &Route, state: &mut State) -> Vec<String> {
    quiet(r, state, T0, T0 + 30.0, 30.0);
    deliver_at(r, state, T0 + 30.0)
}

#[test]
fn group_wait_delays_the_first_notification() {
    let r = route(standard(&["ops"]), &["ops"]);
    let mut state = State::default();
    let fp = firing(&mut state, NO_LEADER_M1, T0);
    quiet(&r, &mut state, T0, T0 + 30.0, 5.0);
    assert_eq!(state.groups[NO_LEADER_GROUP].first_seen, T0);
    let out = plan_at(&r, &mut state, T0 + 30.0);
    assert_eq!(told(&out), ["ops firing: NoLeader/m1 firing"]);
    let o = &out[0];
    assert_eq!(o.group_key, NO_LEADER_GROUP);
    assert_eq!(o.firing, [fp.clone()].into());
    let n = &o.notification;
    assert_eq!(n.group_labels, labels(&[("alertname", "NoLeader")]));
    assert_eq!(n.common_labels, labels(NO_LEADER_M1));
    assert_eq!(n.source, "http://127.0.0.1:2379");
    assert!(!n.test);
    let a = &n.alerts[0];
    assert_eq!(a.fingerprint, fp);
    assert_eq!(a.starts_at, "2023-11-14T22:13:20Z");
    assert_eq!(a.ends_at, None);
}

#[test]
fn pending_alerts_are_not_routed() {
    let r = route(standard(&["ops"]), &["ops"]);
    let mut state = State::default();
    let fp = firing(&mut state, NO_LEADER_M1, T0);
    state.alerts.get_mut(&fp).unwrap().phase = Phase::Pending;
    quiet(&r, &mut state, T0, T0 + 600.0, 30.0);
    assert!(state.groups.is_empty());
}

#[test]
fn a_delivered_group_is_not_sent_again_until_repeat_interval() {
    let r = route(standard(&["ops"]), &["ops"]);
    let mut state = State::default();
    firing(&mut state, NO_LEADER_M1, T0);
    let sent = T0 + 30.0;
    assert_eq!(first_notification(&r, &mut state).len(), 1);
    quiet(&r, &mut state, sent + 5.0, sent + 4.0 * 3600.0, 60.0);
    assert_eq!(
        deliver_at(&r, &mut state, sent + 4.0 * 3600.0),
        ["ops firing: NoLeader/m1 firing"]
    );
    quiet(
        &r,
        &mut state,
        sent + 4.0 * 3600.0 + 5.0,
        sent + 8.0 * 3600.0,
        300.0,
    );
}

#[test]
fn a_new_alert_in_the_group_is_sent_after_group_interval() {
    let r = route(standard(&["ops"]), &["ops"]);
    let mut state = State::default();
    let a = firing(&mut state, NO_LEADER_M1, T0);
    let sent = T0 + 30.0;
    first_notification(&r, &mut state);
    let b = firing(&mut state, NO_LEADER_M2, T0 + 40.0);
    quiet(&r, &mut state, T0 + 40.0, sent + 300.0, 10.0);
    let out = plan_at(&r, &mut state, sent + 300.0);
    assert_eq!(
        told(&out),
        ["ops firing: NoLeader/m1 firing, NoLeader/m2 firing"]
    );
    assert_eq!(out[0].firing, [a, b].into());
    // The group now shares only alertname and severity.
    assert_eq!(
        out[0].notification.common_labels,
        labels(&[("alertname", "NoLeader"), ("severity", "critical")])
    );
}

#[test]
fn a_resolution_is_sent_once_and_the_alert_then_forgotten() {
    let r = route(standard(&["ops"]), &["ops"]);
    let mut state = State::default();
    let fp = firing(&mut state, NO_LEADER_M1, T0);
    let sent = T0 + 30.0;
    first_notification(&r, &mut state);
    resolve(&mut state, &fp, T0 + 100.0);
    quiet(&r, &mut state, T0 + 100.0, sent + 300.0, 10.0);
    let out = plan_at(&r, &mut state, sent + 300.0);
    assert_eq!(told(&out), ["ops resolved: NoLeader/m1 resolved"]);
    let a = &out[0].notification.alerts[0];
    assert_eq!(a.ends_at.as_deref(), Some("2023-11-14T22:15:00Z"));
    assert!(out[0].firing.is_empty());
    let all: Vec<&Outgoing> = out.iter().collect();
    record(&mut state, &all, sent + 300.0);
    assert!(state.alerts.is_empty(), "{:?}", state.alerts);
    assert!(state.groups.is_empty(), "{:?}", state.groups);
    quiet(&r, &mut state, sent + 305.0, sent + 5.0 * 3600.0, 600.0);
}

#[test]
fn a_resolution_goes_out_with_the_alerts_still_firing() {
    let r = route(standard(&["ops"]), &["ops"]);
    let mut state = State::default();
    let a = firing(&mut state, NO_LEADER_M1, T0);
    let b = firing(&mut state, NO_LEADER_M2, T0);
    first_notification(&r, &mut state);
    resolve(&mut state, &a, T0 + 60.0);
    assert_eq!(
        deliver_at(&r, &mut state, T0 + 330.0),
        ["ops firing: NoLeader/m2 firing, NoLeader/m1 resolved"]
    );
    assert_eq!(state.alerts.keys().collect::<Vec<_>>(), [&b]);
    quiet(&r, &mut state, T0 + 335.0, T0 + 330.0 + 4.0 * 3600.0, 300.0);
}

#[test]
fn without_send_resolved_a_resolution_is_not_sent_and_the_alert_is_forgotten() {
    let mut cfg = standard(&["ops"]);
    cfg.send_resolved = Some(false);
    let r = route(cfg, &["ops"]);
    let mut state = State::default();
    let fp = firing(&mut state, NO_LEADER_M1, T0);
    first_notification(&r, &mut state);
    resolve(&mut state, &fp, T0 + 100.0);
    assert!(deliver_at(&r, &mut state, T0 + 100.0).is_empty());
    assert!(state.alerts.is_empty(), "{:?}", state.alerts);
    quiet(&r, &mut state, T0 + 105.0, T0 + 5.0 * 3600.0, 60.0);
    assert!(state.groups.is_empty(), "{:?}", state.groups);
}

#[test]
fn a_flapping_alert_without_send_resolved_waits_for_group_interval() {
    // A rule with `for = 0` (AlarmActive, ClusterIDMismatch) fires again the moment its
    // condition comes back: that is a change of the group, due after group_interval.
    let mut cfg = standard(&["ops"]);
    cfg.send_resolved = Some(false);
    let r = route(cfg, &["ops"]);
    let mut state = State::default();
    let fp = firing(&mut state, NO_LEADER_M1, T0);
    first_notification(&r, &mut state);
    let mut t = T0 + 35.0;
    while t + 5.0 < T0 + 330.0 {
        resolve(&mut state, &fp, t);
        assert!(
            deliver_at(&r, &mut state, t).is_empty(),
            "resolved at T0+{}",
            t - T0
        );
        firing(&mut state, NO_LEADER_M1, t + 5.0);
        let again = deliver_at(&r, &mut state, t + 5.0);
        assert!(
            again.is_empty(),
            "fired again at T0+{}: {again:?}",
            t + 5.0 - T0
        );
        t += 10.0;
    }
    firing(&mut state, NO_LEADER_M1, T0 + 330.0);
    assert_eq!(
        deliver_at(&r, &mut state, T0 + 330.0),
        ["ops firing: NoLeader/m1 firing"]
    );
}

#[test]
fn an_alert_resolved_during_group_wait_is_never_notified() {
    let r = route(standard(&["ops"]), &["ops"]);
    let mut state = State::default();
    let fp = firing(&mut state, NO_LEADER_M1, T0);
    assert!(deliver_at(&r, &mut state, T0).is_empty());
    resolve(&mut state, &fp, T0 + 10.0);
    assert!(deliver_at(&r, &mut state, T0 + 10.0).is_empty());
    assert!(state.alerts.is_empty());
    quiet(&r, &mut state, T0 + 15.0, T0 + 3600.0, 15.0);
    assert!(state.groups.is_empty());
}

#[test]
fn a_failed_delivery_is_tried_again_at_the_next_plan() {
    let r = route(standard(&["ops"]), &["ops"]);
    let mut state = State::default();
    firing(&mut state, NO_LEADER_M1, T0);
    quiet(&r, &mut state, T0, T0 + 30.0, 30.0);
    let first = plan_at(&r, &mut state, T0 + 30.0);
    assert_eq!(told(&first), ["ops firing: NoLeader/m1 firing"]);
    record(&mut state, &[], T0 + 30.0);
    assert_eq!(
        deliver_at(&r, &mut state, T0 + 35.0),
        ["ops firing: NoLeader/m1 firing"]
    );
    quiet(&r, &mut state, T0 + 40.0, T0 + 3600.0, 60.0);
}

fn silence(matcher: &str, from: f64, seconds: f64) -> Silence {
    Silence::new(&[matcher.to_string()], from, seconds, "test", "maintenance").unwrap()
}

#[test]
fn a_silence_mutes_a_firing_alert_until_it_expires() {
    let r = route(standard(&["ops"]), &["ops"]);
    let mut state = State::default();
    firing(&mut state, NO_LEADER_M1, T0);
    state.silences.push(silence("member=m1", T0, 3600.0));
    quiet(&r, &mut state, T0, T0 + 3600.0, 30.0);
    // Once it is over, the group waits as for any new alert.
    quiet(&r, &mut state, T0 + 3600.0, T0 + 3630.0, 5.0);
    assert_eq!(
        deliver_at(&r, &mut state, T0 + 3630.0),
        ["ops firing: NoLeader/m1 firing"]
    );
}

#[test]
fn a_silence_after_the_notification_holds_repeats_and_the_resolution() {
    let r = route(standard(&["ops"]), &["ops"]);
    let mut state = State::default();
    let a = firing(&mut state, NO_LEADER_M1, T0);
    let b = firing(&mut state, NO_LEADER_M2, T0);
    first_notification(&r, &mut state);
    state
        .silences
        .push(silence("alertname=NoLeader", T0 + 60.0, 5.0 * 3600.0));
    // No repeat at 4h, and m1's resolution is not told while silenced.
    quiet(&r, &mut state, T0 + 60.0, T0 + 3600.0, 60.0);
    resolve(&mut state, &a, T0 + 3600.0);
    quiet(&r, &mut state, T0 + 3600.0, T0 + 60.0 + 5.0 * 3600.0, 60.0);
    assert!(!state.alerts.contains_key(&a), "forgotten without a word");
    // m2 still fires when the silence ends, and is told again.
    assert_eq!(
        deliver_at(&r, &mut state, T0 + 60.0 + 5.0 * 3600.0),
        ["ops firing: NoLeader/m2 firing"]
    );
    assert_eq!(state.alerts.keys().collect::<Vec<_>>(), [&b]);
}

#[test]
fn sub_routes_take_alerts_by_matchers_and_continue() {
    let sub = |matcher: &str, channel: &str| RouteConfig {
        matchers: vec![matcher.to_string()],
        channels: Some(vec![channel.to_string()]),
        ..RouteConfig::default()
    };
    let cfg = RouteConfig {
        channels: Some(vec!["ops".into()]),
        group_wait: Some(human("0s")),
        routes: vec![
            RouteConfig {
                continue_: true,
                ..sub("severity=critical", "pager")
            },
            RouteConfig {
                routes: vec![sub("member=m3", "m3-owner")],
                ..sub("alertname=~No.*", "chat")
            },
            sub("alertname=NoLeader", "never"),
        ],
        ..RouteConfig::default()
    };
    let r = route(cfg, &["ops", "pager", "chat", "m3-owner", "never"]);
    let nested = &r.routes[1].routes[0];
    assert_eq!(nested.id, "root.1.0");
    assert_eq!(nested.group_wait, Duration::ZERO, "inherited");
    assert_eq!(nested.repeat_interval, Duration::from_secs(4 * 3600));

    let ids = |pairs: &[(&str, &str)]| {
        let mut out = Vec::new();
        r.routes_for(&labels(pairs), &mut out);
        out.iter().map(|r| r.id.as_str()).collect::<Vec<_>>()
    };
    assert_eq!(ids(NO_LEADER_M1), ["root.0", "root.1"]);
    let no_leader_m3 = [
        ("alertname", "NoLeader"),
        ("severity", "critical"),
        ("member", "m3"),
    ];
    assert_eq!(ids(&no_leader_m3), ["root.0", "root.1.0"]);
    let cluster_ids = [("alertname", "ClusterIDMismatch"), ("severity", "critical")];
    assert_eq!(ids(&cluster_ids), ["root.0"]);
    let down = [
        ("alertname", "MembersDown"),
        ("severity", "warning"),
        ("member", "m2"),
    ];
    assert_eq!(ids(&down), ["root"]);

    let mut state = State::default();
    for pairs in [NO_LEADER_M1, &no_leader_m3, &cluster_ids, &down] {
        firing(&mut state, pairs, T0);
    }
    let out = plan_at(&r, &mut state, T0);
    let mut got: Vec<(String, String, usize)> = out
        .iter()
        .map(|o| {
            (
                o.channel.clone(),
                o.group_key.clone(),
                o.notification.alerts.len(),
            )
        })
        .collect();
    got.sort();
    let want = [
        ("chat", "root.1:{alertname=\"NoLeader\"}", 1),
        ("m3-owner", "root.1.0:{alertname=\"NoLeader\"}", 1),
        ("ops", "root:{alertname=\"MembersDown\"}", 1),
        ("pager", "root.0:{alertname=\"ClusterIDMismatch\"}", 1),
        ("pager", "root.0:{alertname=\"NoLeader\"}", 2),
    ];
    let want: Vec<(String, String, usize)> = want
        .iter()
        .map(|(c, g, n)| (c.to_string(), g.to_string(), *n))
        .collect();
    assert_eq!(got, want);
}

#[test]
fn a_route_to_an_undefined_channel_is_refused() {
    let e = Route::from_config(&standard(&["ops", "nope"]), &["ops".into()]).unwrap_err();
    assert!(e.to_string().contains("\"nope\""), "{e}");
}

#[test]
fn group_by_decides_what_goes_out_together() {
    let mut by_member = standard(&["ops"]);
    by_member.group_by = Some(vec!["alertname".into(), "member".into()]);
    by_member.group_wait = Some(human("0s"));
    let r = route(by_member, &["ops"]);
    let mut state = State::default();
    firing(&mut state, NO_LEADER_M1, T0);
    firing(&mut state, NO_LEADER_M2, T0);
    let out = plan_at(&r, &mut state, T0);
    let keys: Vec<&str> = out.iter().map(|o| o.group_key.as_str()).collect();
    assert_eq!(
        keys,
        [
            "root:{alertname=\"NoLeader\",member=\"m1\"}",
            "root:{alertname=\"NoLeader\",member=\"m2\"}"
        ]
    );

    let mut together = standard(&["ops"]);
    together.group_by = Some(vec![]);
    together.group_wait = Some(human("0s"));
    let r = route(together, &["ops"]);
    let down = [
        ("alertname", "MembersDown"),
        ("severity", "warning"),
        ("member", "m2"),
    ];
    firing(&mut state, &down, T0);
    state.groups.clear();
    let out = plan_at(&r, &mut state, T0);
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].group_key, "root:{}");
    assert_eq!(out[0].notification.alerts.len(), 3);
    assert_eq!(out[0].notification.common_labels, LabelSet::new());
}

#[test]
fn two_channels_keep_separate_logs() {
    let r = route(standard(&["chat", "pager"]), &["chat", "pager"]);
    let mut state = State::default();
    let fp = firing(&mut state, NO_LEADER_M1, T0);
    fn only<'a>(out: &'a [Outgoing], channel: &str) -> Vec<&'a Outgoing> {
        out.iter().filter(|o| o.channel == channel).collect()
    }
    quiet(&r, &mut state, T0, T0 + 30.0, 30.0);

    let out = plan_at(&r, &mut state, T0 + 30.0);
    assert_eq!(
        told(&out),
        [
            "chat firing: NoLeader/m1 firing",
            "pager firing: NoLeader/m1 firing"
        ]
    );
    record(&mut state, &only(&out, "chat"), T0 + 30.0);
    // Only the pager, which failed, is tried again.
    let out = plan_at(&r, &mut state, T0 + 35.0);
    assert_eq!(told(&out), ["pager firing: NoLeader/m1 firing"]);
    record(&mut state, &only(&out, "pager"), T0 + 35.0);
    quiet(&r, &mut state, T0 + 40.0, T0 + 330.0, 10.0);

    resolve(&mut state, &fp, T0 + 100.0);
    let out = plan_at(&r, &mut state, T0 + 340.0);
    assert_eq!(
        told(&out),
        [
            "chat resolved: NoLeader/m1 resolved",
            "pager resolved: NoLeader/m1 resolved"
        ]
    );
    record(&mut state, &only(&out, "chat"), T0 + 340.0);
    assert!(
        state.alerts.contains_key(&fp),
        "the pager has not been told yet"
    );
    let out = plan_at(&r, &mut state, T0 + 345.0);
    assert_eq!(told(&out), ["pager resolved: NoLeader/m1 resolved"]);
    record(&mut state, &only(&out, "pager"), T0 + 345.0);
    assert!(state.alerts.is_empty() && state.groups.is_empty());
    quiet(&r, &mut state, T0 + 350.0, T0 + 5.0 * 3600.0, 600.0);
}

//! Routing, the Alertmanager way: alerts go down a tree of routes by label matchers, are grouped
//! by labels, and each group is notified after `group_wait`, again after `group_interval` when
//! it changes, and again after `repeat_interval` while it keeps firing. Each channel's log of
//! what it was told makes a firing alert notify once, not once per evaluation.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::inhibit::{inhibited, InhibitRule};
use super::notification::{AlertInfo, AlertStatus, LabelSet, Notification};
use super::observe::rfc3339;
use super::silence::{parse_all, Matcher};
use super::state::{AlertState, ChannelLog, GroupState, Phase, State};
use crate::error::{Error, Result};
use crate::units::HumanDuration;

/// A route as the config file writes it; unset fields are inherited from the parent.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RouteConfig {
    /// Channel names to notify.
    pub channels: Option<Vec<String>>,
    /// Labels whose values form a group (default `alertname`).
    pub group_by: Option<Vec<String>>,
    /// Wait before a new group's first notification (default 30s).
    pub group_wait: Option<HumanDuration>,
    /// Wait before notifying a changed group again (default 5m).
    pub group_interval: Option<HumanDuration>,
    /// Wait before repeating an unchanged, still firing group (default 4h).
    pub repeat_interval: Option<HumanDuration>,
    /// Notify when alerts resolve (default true).
    pub send_resolved: Option<bool>,
    /// Which alerts take this route (sub-routes only).
    #[serde(default)]
    pub matchers: Vec<String>,
    /// After this route matched, try the next sibling too.
    #[serde(default, rename = "continue")]
    pub continue_: bool,
    /// Sub-routes, tried in order.
    #[serde(default)]
    pub routes: Vec<RouteConfig>,
}

/// A route ready to use.
#[derive(Debug, Clone, Serialize)]
pub struct Route {
    /// `root`, `root.0`, `root.0.1`, ...
    pub id: String,
    /// Channel names.
    pub channels: Vec<String>,
    /// Grouping labels.
    pub group_by: Vec<String>,
    /// Timings.
    #[serde(skip)]
    pub group_wait: Duration,
    /// Timings.
    #[serde(skip)]
    pub group_interval: Duration,
    /// Timings.
    #[serde(skip)]
    pub repeat_interval: Duration,
    /// Notify resolutions.
    pub send_resolved: bool,
    /// Matchers, as text.
    pub matchers: Vec<String>,
    #[serde(skip)]
    parsed: Vec<Matcher>,
    /// Try the next sibling too.
    pub continue_: bool,
    /// Sub-routes.
    pub routes: Vec<Route>,
}

impl Route {
    /// The default route: every channel, grouped by `alertname`.
    pub fn default_for(channels: &[String]) -> Route {
        Route {
            id: "root".into(),
            channels: channels.to_vec(),
            group_by: vec!["alertname".into()],
            group_wait: Duration::from_secs(30),
            group_interval: Duration::from_secs(300),
            repeat_interval: Duration::from_secs(4 * 3600),
            send_resolved: true,
            matchers: Vec::new(),
            parsed: Vec::new(),
            continue_: false,
            routes: Vec::new(),
        }
    }

    /// Builds the tree from the config; every channel named must be in `known`.
    pub fn from_config(cfg: &RouteConfig, known: &[String]) -> Result<Route> {
        let root = Route::default_for(known);
        root.child(cfg, "root".into(), known)
    }

    fn child(&self, cfg: &RouteConfig, id: String, known: &[String]) -> Result<Route> {
        if let Some(chs) = &cfg.channels {
            for c in chs {
                if !known.contains(c) {
                    return Err(Error::usage_with_hint(
                        format!("route {id} names channel {c:?}, which is not defined"),
                        format!(
                            "defined channels: {}",
                            if known.is_empty() {
                                "none".into()
                            } else {
                                known.join(", ")
                            }
                        ),
                    ));
                }
            }
        }
        let mut route = Route {
            id: id.clone(),
            channels: cfg
                .channels
                .clone()
                .unwrap_or_else(|| self.channels.clone()),
            group_by: cfg
                .group_by
                .clone()
                .unwrap_or_else(|| self.group_by.clone()),
            group_wait: cfg.group_wait.map_or(self.group_wait, Duration::from),
            group_interval: cfg
                .group_interval
                .map_or(self.group_interval, Duration::from),
            repeat_interval: cfg
                .repeat_interval
                .map_or(self.repeat_interval, Duration::from),
            send_resolved: cfg.send_resolved.unwrap_or(self.send_resolved),
            matchers: cfg.matchers.clone(),
            parsed: parse_all(&cfg.matchers)?,
            continue_: cfg.continue_,
            routes: Vec::new(),
        };
        for (i, sub) in cfg.routes.iter().enumerate() {
            let child = route.child(sub, format!("{id}.{i}"), known)?;
            route.routes.push(child);
        }
        Ok(route)
    }

    /// The routes an alert with `labels` takes: the deepest matching ones.
    pub fn routes_for<'a>(&'a self, labels: &LabelSet, out: &mut Vec<&'a Route>) {
        let before = out.len();
        for r in &self.routes {
            if r.parsed.iter().all(|m| m.matches(labels)) {
                r.routes_for(labels, out);
                if !r.continue_ {
                    break;
                }
            }
        }
        if out.len() == before {
            out.push(self);
        }
    }
}

/// One notification to send to one channel.
#[derive(Debug, Clone)]
pub struct Outgoing {
    /// The group.
    pub group_key: String,
    /// The channel's name.
    pub channel: String,
    /// What to send.
    pub notification: Notification,
    /// The firing fingerprints the channel will have been told about once this is sent.
    pub firing: BTreeSet<String>,
}

fn info(fp: &str, a: &AlertState, status: AlertStatus) -> AlertInfo {
    AlertInfo {
        status,
        labels: a.labels.clone(),
        annotations: a.annotations.clone(),
        starts_at: rfc3339(a.fired_at.unwrap_or(a.active_since)),
        ends_at: a
            .resolved_at
            .filter(|_| status == AlertStatus::Resolved)
            .map(rfc3339),
        fingerprint: fp.to_string(),
        value: a.value,
    }
}

fn common(maps: Vec<&LabelSet>) -> LabelSet {
    let Some((first, rest)) = maps.split_first() else {
        return LabelSet::new();
    };
    first
        .iter()
        .filter(|(k, v)| rest.iter().all(|m| m.get(*k) == Some(v)))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

/// Alerts that an active silence covers, with the silences' IDs.
pub fn silenced(state: &State, now: f64) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (fp, a) in &state.alerts {
        for s in &state.silences {
            if s.silences(&a.labels, now) {
                out.entry(fp.clone()).or_default().push(s.id.clone());
            }
        }
    }
    out
}

/// Decides what to send now (silenced and inhibited alerts are held back); updates the group
/// bookkeeping that needs no delivery.
pub fn plan(
    root: &Route,
    inhibit_rules: &[InhibitRule],
    state: &mut State,
    now: f64,
    source: &str,
) -> Vec<Outgoing> {
    let mut muted = silenced(state, now);
    muted.extend(inhibited(state, inhibit_rules));
    // Group key → (route, group labels, fingerprints).
    let mut groups: BTreeMap<String, (&Route, LabelSet, Vec<String>)> = BTreeMap::new();
    for (fp, a) in &state.alerts {
        if a.phase == Phase::Pending {
            continue;
        }
        let mut routes = Vec::new();
        root.routes_for(&a.labels, &mut routes);
        for r in routes {
            let group_labels: LabelSet = r
                .group_by
                .iter()
                .filter_map(|l| Some((l.clone(), a.labels.get(l)?.clone())))
                .collect();
            let values: Vec<String> = group_labels
                .iter()
                .map(|(k, v)| format!("{k}={v:?}"))
                .collect();
            let key = format!("{}:{{{}}}", r.id, values.join(","));
            groups
                .entry(key)
                .or_insert_with(|| (r, group_labels, Vec::new()))
                .2
                .push(fp.clone());
        }
    }
    let mut out = Vec::new();
    let wanted: BTreeSet<String> = groups.keys().cloned().collect();
    state.groups.retain(|k, _| wanted.contains(k));
    for (key, (route, group_labels, fps)) in groups {
        let firing: BTreeSet<String> = fps
            .iter()
            .filter(|fp| state.alerts[*fp].phase == Phase::Firing && !muted.contains_key(*fp))
            .cloned()
            .collect();
        if !state.groups.contains_key(&key) {
            if firing.is_empty() {
                continue;
            }
            state.groups.insert(
                key.clone(),
                GroupState {
                    first_seen: now,
                    channels: BTreeMap::new(),
                },
            );
        }
        let group = state.groups.get_mut(&key).expect("inserted above");
        for channel in &route.channels {
            let log = group.channels.get(channel);
            let told: BTreeSet<String> = log.map(|l| l.firing.clone()).unwrap_or_default();
            let new: Vec<&String> = firing.difference(&told).collect();
            let gone: Vec<&String> = told.difference(&firing).collect();
            let tell_resolved: Vec<&String> = gone
                .iter()
                .copied()
                .filter(|fp| {
                    route.send_resolved
                        && state
                            .alerts
                            .get(*fp)
                            .is_some_and(|a| a.phase == Phase::Resolved)
                        && !muted.contains_key(*fp)
                })
                .collect();
            let changed = !new.is_empty() || !tell_resolved.is_empty();
            let due = match log {
                None => {
                    !firing.is_empty() && now >= group.first_seen + route.group_wait.as_secs_f64()
                }
                Some(l) if changed => now >= l.last_sent + route.group_interval.as_secs_f64(),
                Some(l) => {
                    !firing.is_empty() && now >= l.last_sent + route.repeat_interval.as_secs_f64()
                }
            };
            if !due {
                if !changed && !gone.is_empty() {
                    // Resolved without a notification to send (or silenced): just forget them.
                    if let Some(l) = group.channels.get_mut(channel) {
                        l.firing.retain(|fp| firing.contains(fp));
                    }
                }
                continue;
            }
            let mut alerts: Vec<AlertInfo> = firing
                .iter()
                .map(|fp| info(fp, &state.alerts[fp], AlertStatus::Firing))
                .collect();
            alerts.extend(
                tell_resolved
                    .iter()
                    .map(|fp| info(fp, &state.alerts[*fp], AlertStatus::Resolved)),
            );
            if alerts.is_empty() {
                continue;
            }
            let notification = Notification {
                group_key: key.clone(),
                status: Notification::status_of(&alerts),
                group_labels: group_labels.clone(),
                common_labels: common(alerts.iter().map(|a| &a.labels).collect()),
                common_annotations: common(alerts.iter().map(|a| &a.annotations).collect()),
                alerts,
                source: source.to_string(),
                test: false,
            };
            out.push(Outgoing {
                group_key: key.clone(),
                channel: channel.clone(),
                notification,
                firing: firing.clone(),
            });
        }
    }
    out
}

/// Remembers what was delivered, then forgets what no longer needs remembering: empty groups,
/// and resolved alerts that every channel has been told about.
pub fn record(state: &mut State, delivered: &[&Outgoing], now: f64) {
    for o in delivered {
        let group = state
            .groups
            .entry(o.group_key.clone())
            .or_insert(GroupState {
                first_seen: now,
                channels: BTreeMap::new(),
            });
        group.channels.insert(
            o.channel.clone(),
            ChannelLog {
                last_sent: now,
                firing: o.firing.clone(),
            },
        );
    }
    let told: BTreeSet<String> = state
        .groups
        .values()
        .flat_map(|g| g.channels.values().flat_map(|l| l.firing.iter().cloned()))
        .collect();
    state
        .alerts
        .retain(|fp, a| a.phase != Phase::Resolved || told.contains(fp));
    // A group whose channels were just told everything resolved starts afresh next time. A
    // channel whose alerts went quiet unannounced (silenced, or resolved without
    // send_resolved) keeps its log: its `last_sent` holds back the next notification until
    // group_interval, so a flapping alert does not notify on every return.
    let done: BTreeSet<&str> = delivered.iter().map(|o| o.group_key.as_str()).collect();
    state.groups.retain(|key, g| {
        if !done.contains(key.as_str()) {
            return true;
        }
        g.channels.retain(|_, l| !l.firing.is_empty());
        !g.channels.is_empty()
    });
}

#[cfg(test)]
#[path = "route_tests.rs"]
mod tests;

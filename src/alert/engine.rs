//! Evaluating rules: which alerts hold now, which of them have held for their `for` (firing),
//! and which stopped (resolved). Pure over an [`Observation`] and the [`State`], so it is tested
//! with recorded data and no cluster.

use serde::Serialize;

use super::notification::LabelSet;
use super::observe::Observation;
use super::rules::{render, Expr, Rule};
use super::signals::{Inputs, Scope};
use super::state::{AlertState, Phase, State};

/// A rule's standing after one evaluation.
#[derive(Debug, Clone, Serialize)]
pub struct RuleStanding {
    /// The rule's name.
    pub name: String,
    /// Its severity.
    pub severity: String,
    /// `inactive`, `pending` or `firing` (the worst of its alerts).
    pub state: &'static str,
    /// Alerts pending or firing.
    pub active: usize,
    /// The rule could be evaluated for nothing (no data yet, or every member down).
    pub no_data: bool,
}

/// A stable fingerprint of a label set: 16 hex digits of FNV-1a over the sorted pairs.
pub fn fingerprint(labels: &LabelSet) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (k, v) in labels {
        for b in k.bytes().chain([0xff]).chain(v.bytes()).chain([0xff]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

/// One place a rule holds: the member (for member rules) and the value.
struct Hit {
    member: Option<String>,
    value: Option<f64>,
}

/// Where a rule holds, whether it had no data at all, and where it could not be decided
/// because a member refused our credentials or certificates (by member; `None` for the
/// cluster). Alerts there stay as they were: neither fired nor resolved by our own problem.
fn hits(rule: &Rule, inputs: &Inputs) -> (Vec<Hit>, bool, Vec<Option<String>>) {
    let refused_any = inputs.obs.members.iter().any(|m| m.access.is_some());
    let mut undecided = Vec::new();
    match &rule.expr {
        Expr::Check { check, at_least } => {
            let found = inputs.obs.health.checks.iter().find(|c| c.name == check);
            let hits: Vec<Hit> = found
                .filter(|c| c.status >= *at_least)
                .map(|c| Hit {
                    member: None,
                    value: Some(c.status as u8 as f64),
                })
                .into_iter()
                .collect();
            // `health` counts a member that refused us as unreachable: its verdict is not
            // the cluster's while one does.
            if refused_any {
                return (Vec::new(), false, vec![None]);
            }
            (hits, found.is_none(), undecided)
        }
        Expr::Metrics(conditions) => {
            let mut any_data = false;
            let mut out = Vec::new();
            let mut test = |member: Option<&super::observe::MemberView>| {
                let mut first = None;
                for c in conditions {
                    let v = match (member, super::signals::lookup(&c.metric).map(|s| s.scope)) {
                        (Some(m), Some(Scope::Member)) => inputs.member(&c.metric, m),
                        _ => inputs.cluster(&c.metric),
                    };
                    let Some(v) = v else {
                        let refused = match member {
                            Some(m) => m.access.is_some(),
                            None => refused_any,
                        };
                        if refused {
                            undecided.push(member.map(|m| m.name.clone()));
                        }
                        return;
                    };
                    first.get_or_insert(v);
                    any_data = true;
                    if !c.op.holds(v, c.threshold) {
                        return;
                    }
                }
                out.push(Hit {
                    member: member.map(|m| m.name.clone()),
                    value: first,
                });
            };
            match rule.scope() {
                Scope::Member => inputs.obs.members.iter().for_each(|m| test(Some(m))),
                Scope::Cluster => test(None),
            }
            (out, !any_data, undecided)
        }
    }
}

/// Evaluates `rules` on `obs`, moves each alert in `state` along (pending → firing →
/// resolved), and keeps `obs`'s counters in the history. `extra` labels go on every alert.
pub fn evaluate(
    rules: &[Rule],
    extra: &LabelSet,
    obs: &Observation,
    state: &mut State,
) -> Vec<RuleStanding> {
    let now = obs.at;
    if let Some(h) = &obs.hashkv {
        state.hashkv = Some(h.clone());
    }
    let mut seen = std::collections::BTreeSet::new();
    let mut undecided = std::collections::BTreeSet::new();
    let mut standings = Vec::new();
    {
        let inputs = Inputs {
            obs,
            history: &state.history,
            hashkv: state.hashkv.as_ref(),
        };
        let mut updates = Vec::new();
        for rule in rules {
            let (hits, no_data, unsure) = hits(rule, &inputs);
            for member in unsure {
                undecided.insert((rule.name.clone(), rule.severity.clone(), member));
            }
            let standing = RuleStanding {
                name: rule.name.clone(),
                severity: rule.severity.clone(),
                state: "inactive",
                active: hits.len(),
                no_data,
            };
            for hit in hits {
                let mut labels = extra.clone();
                labels.extend(rule.labels.clone());
                labels.insert("alertname".into(), rule.name.clone());
                labels.insert("severity".into(), rule.severity.clone());
                if let Some(m) = hit.member {
                    labels.insert("member".into(), m);
                }
                let annotations = rule
                    .annotations
                    .iter()
                    .map(|(k, v)| (k.clone(), render(v, &labels, hit.value)))
                    .collect();
                let fp = fingerprint(&labels);
                seen.insert(fp.clone());
                updates.push((fp, labels, annotations, hit.value, rule.for_.as_secs_f64()));
            }
            standings.push(standing);
        }
        for (fp, labels, annotations, value, for_secs) in updates {
            let fresh = || AlertState {
                labels: labels.clone(),
                annotations: LabelSet::new(),
                phase: Phase::Pending,
                active_since: now,
                fired_at: None,
                resolved_at: None,
                value,
            };
            let alert = state.alerts.entry(fp).or_insert_with(fresh);
            if alert.phase == Phase::Resolved {
                // It came back before its resolution went out: a new episode.
                *alert = fresh();
            }
            alert.annotations = annotations;
            alert.value = value;
            if alert.phase == Phase::Pending && now - alert.active_since >= for_secs {
                alert.phase = Phase::Firing;
                alert.fired_at = Some(now);
            }
        }
    }
    state.alerts.retain(|fp, a| {
        if seen.contains(fp) {
            return true;
        }
        let label = |k: &str| a.labels.get(k).cloned().unwrap_or_default();
        if undecided.contains(&(
            label("alertname"),
            label("severity"),
            a.labels.get("member").cloned(),
        )) {
            return true;
        }
        match a.phase {
            Phase::Pending => false,
            Phase::Firing => {
                a.phase = Phase::Resolved;
                a.resolved_at = Some(now);
                true
            }
            Phase::Resolved => true,
        }
    });
    for s in &mut standings {
        let mine = state.alerts.values().filter(|a| {
            a.labels.get("alertname") == Some(&s.name)
                && a.labels.get("severity") == Some(&s.severity)
        });
        let worst = mine
            .map(|a| a.phase)
            .filter(|p| *p != Phase::Resolved)
            .max();
        s.state = match worst {
            Some(Phase::Firing) => "firing",
            Some(Phase::Pending) => "pending",
            _ => "inactive",
        };
    }
    record_history(obs, state);
    standings
}

fn record_history(obs: &Observation, state: &mut State) {
    let now = obs.at;
    for m in &obs.members {
        if let Some(c) = &m.counters {
            let size = m.status.as_ref().map(|s| s.db_size_bytes as f64);
            state
                .history
                .entry(m.name.clone())
                .or_default()
                .record(now, c, size);
        }
    }
    // Members that left the cluster: forget them once nothing of theirs is in any window.
    state.history.retain(|name, h| {
        obs.members.iter().any(|m| &m.name == name)
            || h.db_sizes
                .last()
                .is_some_and(|p| p.0 >= now - super::history::KEEP_SIZES)
    });
}

#[cfg(test)]
#[path = "engine_tests.rs"]
mod tests;

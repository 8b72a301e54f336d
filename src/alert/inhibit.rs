//! Inhibition, the Alertmanager way: while an alert that matches a rule's source fires, alerts
//! that match its target and share the values of its `equal` labels are not notified. By
//! default a critical alert holds back the warning of the same name on the same member, so
//! HighFsyncDurations (or HighNumberOfFailedGRPCRequests) pages once, not twice.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::silence::{all_match, parse_all, Matcher};
use super::state::{Phase, State};
use crate::error::Result;

/// An inhibit rule as the config file writes it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InhibitConfig {
    /// Matchers the inhibiting (firing) alert passes.
    pub source_matchers: Vec<String>,
    /// Matchers the inhibited alert passes.
    pub target_matchers: Vec<String>,
    /// Labels both must have the same value of (a label both lack counts as equal).
    #[serde(default)]
    pub equal: Vec<String>,
}

/// An inhibit rule ready to use.
#[derive(Debug, Clone, Serialize)]
pub struct InhibitRule {
    /// Source matchers, as text.
    pub source_matchers: Vec<String>,
    /// Target matchers, as text.
    pub target_matchers: Vec<String>,
    /// Labels that must be equal.
    pub equal: Vec<String>,
    #[serde(skip)]
    source: Vec<Matcher>,
    #[serde(skip)]
    target: Vec<Matcher>,
}

impl InhibitRule {
    /// Checks the matchers.
    pub fn from_config(c: &InhibitConfig) -> Result<InhibitRule> {
        Ok(InhibitRule {
            source: parse_all(&c.source_matchers)?,
            target: parse_all(&c.target_matchers)?,
            source_matchers: c.source_matchers.clone(),
            target_matchers: c.target_matchers.clone(),
            equal: c.equal.clone(),
        })
    }
}

/// The rule in force without an `[[inhibit_rules]]` section: critical holds back warning and
/// info of the same alert name on the same member.
pub fn default_rules() -> Vec<InhibitRule> {
    let c = InhibitConfig {
        source_matchers: vec!["severity=critical".into()],
        target_matchers: vec!["severity=~warning|info".into()],
        equal: vec!["alertname".into(), "member".into()],
    };
    vec![InhibitRule::from_config(&c).expect("valid built-in matchers")]
}

/// Firing alerts held back, by fingerprint, with the fingerprints of the alerts that hold them.
pub fn inhibited(state: &State, rules: &[InhibitRule]) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let firing: Vec<_> = state
        .alerts
        .iter()
        .filter(|(_, a)| a.phase == Phase::Firing)
        .collect();
    for rule in rules {
        for (sfp, s) in firing
            .iter()
            .filter(|(_, s)| all_match(&rule.source, &s.labels))
        {
            for (tfp, t) in firing
                .iter()
                .filter(|(_, t)| all_match(&rule.target, &t.labels))
            {
                let same = rule
                    .equal
                    .iter()
                    .all(|l| s.labels.get(l) == t.labels.get(l));
                if sfp != tfp && same {
                    out.entry(tfp.to_string())
                        .or_default()
                        .push(sfp.to_string());
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::alert::notification::LabelSet;
    use crate::alert::state::AlertState;

    fn alert(name: &str, severity: &str, member: &str) -> AlertState {
        let labels: LabelSet = [
            ("alertname", name),
            ("severity", severity),
            ("member", member),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        AlertState {
            labels,
            annotations: LabelSet::new(),
            phase: Phase::Firing,
            active_since: 0.0,
            fired_at: Some(0.0),
            resolved_at: None,
            value: None,
        }
    }

    #[test]
    fn critical_holds_back_the_warning_of_the_same_name_on_the_same_member() {
        let mut state = State::default();
        state
            .alerts
            .insert("c1".into(), alert("HighFsyncDurations", "critical", "m1"));
        state
            .alerts
            .insert("w1".into(), alert("HighFsyncDurations", "warning", "m1"));
        state
            .alerts
            .insert("w2".into(), alert("HighFsyncDurations", "warning", "m2"));
        state
            .alerts
            .insert("o1".into(), alert("MembersDown", "warning", "m1"));
        let held = inhibited(&state, &default_rules());
        assert_eq!(held.keys().collect::<Vec<_>>(), vec!["w1"]);
        assert_eq!(held["w1"], vec!["c1".to_string()]);
        state.alerts.get_mut("c1").unwrap().phase = Phase::Resolved;
        assert!(inhibited(&state, &default_rules()).is_empty());
        assert!(inhibited(&state, &[]).is_empty());
    }
}

//! Rules from the config file: new rules, and changes to built-in ones, checked against the
//! figures and checks that exist.

use std::time::Duration;

use serde::Deserialize;

use super::{builtin_rules, Condition, Expr, Op, Origin, Rule};
use crate::alert::notification::LabelSet;
use crate::alert::signals::lookup;
use crate::error::{Error, Result};
use crate::health::Status;
use crate::units::HumanDuration;

/// A rule as the config file writes it: a new rule, or changes to the built-in ones of the same
/// name (and severity, when given).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleConfig {
    /// The `alertname`.
    pub name: String,
    /// `critical`, `warning` (the default for new rules) or `info`.
    pub severity: Option<String>,
    /// A figure from `etcdkit alert metrics`.
    pub metric: Option<String>,
    /// `>`, `>=`, `<`, `<=`, `==` or `!=`.
    pub op: Option<Op>,
    /// The threshold.
    pub threshold: Option<f64>,
    /// More conditions that must hold too.
    #[serde(default)]
    pub and: Vec<ConditionConfig>,
    /// Instead of a metric: a `health` check (`quorum`, `leader`, `split_brain`, ...).
    pub check: Option<String>,
    /// With `check`: the least bad status that fires (`warning`, the default, or `critical`).
    pub status: Option<String>,
    /// How long the condition must hold ("0s", "90s", "10m").
    #[serde(rename = "for")]
    pub for_: Option<HumanDuration>,
    /// Extra labels.
    pub labels: Option<LabelSet>,
    /// Annotations (`summary`, `description`, `runbook_url`, ...).
    pub annotations: Option<LabelSet>,
    /// `false` turns a rule off.
    pub enabled: Option<bool>,
}

/// One more condition of a rule.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConditionConfig {
    /// A figure.
    pub metric: String,
    /// The comparison.
    pub op: Op,
    /// The threshold.
    pub threshold: f64,
}

/// Health check names a rule can use.
pub const CHECKS: [&str; 11] = [
    "reachability",
    "alarms",
    "quorum",
    "leader",
    "split_brain",
    "raft_index",
    "db_size",
    "fragmentation",
    "read_latency",
    "learners",
    "versions",
];

fn unknown_metric(rule: &str, metric: &str) -> Error {
    let renamed = crate::alert::signals::RENAMED
        .iter()
        .find(|(old, ..)| *old == metric);
    if let Some((old, new, factor)) = renamed {
        let unit = if *factor < 1.0 {
            "a 0-1 ratio, not a percentage"
        } else {
            "milliseconds, not seconds"
        };
        return Error::usage_with_hint(
            format!("rule {rule}: the metric {old:?} is now {new:?}"),
            format!("{new} is in {unit}: multiply the threshold by {factor}"),
        );
    }
    let close = crate::alert::signals::SIGNALS
        .iter()
        .map(|s| s.name)
        .filter(|n| n.contains(metric) || metric.contains(n) || shares_prefix(n, metric))
        .collect::<Vec<_>>();
    let hint = if close.is_empty() {
        "`etcdkit alert metrics` lists the metrics rules can use".to_string()
    } else {
        format!(
            "did you mean {}? `etcdkit alert metrics` lists them all",
            close.join(" or ")
        )
    };
    Error::usage_with_hint(format!("rule {rule}: unknown metric {metric:?}"), hint)
}

fn shares_prefix(a: &str, b: &str) -> bool {
    let n = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    n >= 5
}

fn check_severity(rule: &str, s: &str) -> Result<()> {
    match s {
        "critical" | "warning" | "info" => Ok(()),
        _ => Err(Error::usage(format!(
            "rule {rule}: severity {s:?} is not critical, warning or info"
        ))),
    }
}

fn condition(rule: &str, metric: &str, op: Op, threshold: f64) -> Result<Condition> {
    if lookup(metric).is_none() {
        return Err(unknown_metric(rule, metric));
    }
    if !threshold.is_finite() {
        return Err(Error::usage(format!(
            "rule {rule}: threshold must be a finite number"
        )));
    }
    Ok(Condition {
        metric: metric.to_string(),
        op,
        threshold,
    })
}

impl RuleConfig {
    fn expr(&self) -> Result<Option<Expr>> {
        let name = &self.name;
        match (&self.metric, &self.check) {
            (Some(_), Some(_)) => Err(Error::usage(format!(
                "rule {name}: give `metric` or `check`, not both"
            ))),
            (Some(metric), None) => {
                let (Some(op), Some(threshold)) = (self.op, self.threshold) else {
                    return Err(Error::usage_with_hint(
                        format!("rule {name}: a metric rule needs `op` and `threshold`"),
                        "for example: metric = \"wal_fsync_p99_ms\", op = \">\", threshold = 500",
                    ));
                };
                let mut cs = vec![condition(name, metric, op, threshold)?];
                for c in &self.and {
                    cs.push(condition(name, &c.metric, c.op, c.threshold)?);
                }
                Ok(Some(Expr::Metrics(cs)))
            }
            (None, Some(check)) => {
                if !CHECKS.contains(&check.as_str()) {
                    return Err(Error::usage_with_hint(
                        format!("rule {name}: unknown check {check:?}"),
                        format!("checks are {}", CHECKS.join(", ")),
                    ));
                }
                let at_least = match self.status.as_deref().unwrap_or("warning") {
                    "warning" => Status::Warning,
                    "critical" => Status::Critical,
                    other => {
                        return Err(Error::usage(format!(
                            "rule {name}: status {other:?} is not warning or critical"
                        )))
                    }
                };
                Ok(Some(Expr::Check {
                    check: check.clone(),
                    at_least,
                }))
            }
            (None, None) => {
                if self.op.is_some() || self.threshold.is_some() || !self.and.is_empty() {
                    return Err(Error::usage(format!(
                        "rule {name}: `op` and `threshold` need a `metric`"
                    )));
                }
                Ok(None)
            }
        }
    }

    fn apply_to(&self, rule: &mut Rule, expr: Option<&Expr>) -> Result<()> {
        if let Some(e) = expr {
            rule.expr = e.clone();
        }
        if let Some(f) = self.for_ {
            rule.for_ = f.get();
        }
        if let Some(l) = &self.labels {
            rule.labels.extend(l.clone());
        }
        if let Some(a) = &self.annotations {
            rule.annotations.extend(a.clone());
        }
        Ok(())
    }
}

fn valid_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The built-in rules with the config file's rules applied.
pub fn merge(configs: &[RuleConfig]) -> Result<Vec<Rule>> {
    let mut rules = builtin_rules();
    for (i, c) in configs.iter().enumerate() {
        let name = &c.name;
        if let Some(j) = configs[..i]
            .iter()
            .position(|o| &o.name == name && o.severity == c.severity)
        {
            let severity = c
                .severity
                .as_ref()
                .map(|s| format!(" (severity {s})"))
                .unwrap_or_default();
            return Err(Error::usage_with_hint(
                format!(
                    "rule {name}{severity} is given twice: rules entries {} and {}",
                    j + 1,
                    i + 1
                ),
                "merge them into one entry (an entry changes only the fields it gives)",
            ));
        }
        for (field, map) in [("labels", &c.labels), ("annotations", &c.annotations)] {
            for (key, text) in map.iter().flatten() {
                super::check_template(text).map_err(|why| {
                    Error::usage_with_hint(
                        format!("rule {name}: {field}.{key}: {why}"),
                        "templates are {{ $value }} and {{ $labels.NAME }}",
                    )
                })?;
            }
        }
        if !valid_name(name) {
            return Err(Error::usage_with_hint(
                format!("rule name {name:?} is not valid"),
                "names are letters, digits and _, starting with a letter (like NoLeader)",
            ));
        }
        if let Some(s) = &c.severity {
            check_severity(name, s)?;
        }
        if let Some(l) = &c.labels {
            for reserved in ["alertname", "severity", "member"] {
                if l.contains_key(reserved) {
                    return Err(Error::usage(format!(
                        "rule {name}: the label {reserved} is set by etcdkit"
                    )));
                }
            }
        }
        let expr = c.expr()?;
        let same =
            |r: &Rule| &r.name == name && c.severity.as_ref().is_none_or(|s| &r.severity == s);
        if rules.iter().any(same) {
            if c.enabled == Some(false) {
                rules.retain(|r| !same(r));
                continue;
            }
            for r in rules.iter_mut().filter(|r| same(r)) {
                c.apply_to(r, expr.as_ref())?;
                r.origin = Origin::Overridden;
            }
            continue;
        }
        if c.enabled == Some(false) {
            continue;
        }
        let Some(expr) = expr else {
            return Err(Error::usage_with_hint(
                format!("rule {name} is not built in and has no `metric` or `check`"),
                "`etcdkit alert rules` lists the built-in rules; a new rule needs metric, op and threshold, or check",
            ));
        };
        let mut rule = Rule {
            name: name.clone(),
            severity: c.severity.clone().unwrap_or_else(|| "warning".into()),
            expr,
            for_: Duration::ZERO,
            labels: LabelSet::new(),
            annotations: LabelSet::new(),
            origin: Origin::User,
        };
        c.apply_to(&mut rule, None)?;
        rules.push(rule);
    }
    Ok(rules)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::alert::signals::Scope;

    #[test]
    fn user_rules_override_add_and_disable() {
        let configs = vec![
            RuleConfig {
                name: "NoLeader".into(),
                for_: Some(HumanDuration(Duration::from_secs(2))),
                ..Default::default()
            },
            RuleConfig {
                name: "HighFsyncDurations".into(),
                severity: Some("warning".into()),
                enabled: Some(false),
                ..Default::default()
            },
            RuleConfig {
                name: "BigDatabase".into(),
                metric: Some("db_size_bytes".into()),
                op: Some(Op::Gt),
                threshold: Some(1e9),
                ..Default::default()
            },
        ];
        let rules = merge(&configs).unwrap();
        let no_leader = rules.iter().find(|r| r.name == "NoLeader").unwrap();
        assert_eq!(no_leader.for_, Duration::from_secs(2));
        assert_eq!(no_leader.origin, Origin::Overridden);
        let fsync: Vec<_> = rules
            .iter()
            .filter(|r| r.name == "HighFsyncDurations")
            .collect();
        assert_eq!(fsync.len(), 1);
        assert_eq!(fsync[0].severity, "critical");
        let big = rules.iter().find(|r| r.name == "BigDatabase").unwrap();
        assert_eq!(
            (big.severity.as_str(), big.origin),
            ("warning", Origin::User)
        );
        assert_eq!(big.scope(), Scope::Member);
    }

    #[test]
    fn bad_rules_say_what_is_wrong() {
        let unknown = RuleConfig {
            name: "X".into(),
            metric: Some("wal_fsync_p99".into()),
            op: Some(Op::Gt),
            threshold: Some(1.0),
            ..Default::default()
        };
        let e = merge(std::slice::from_ref(&unknown)).unwrap_err();
        assert!(
            e.to_string().contains("unknown metric \"wal_fsync_p99\""),
            "{e}"
        );
        assert!(e.hint().unwrap().contains("wal_fsync_p99_ms"));
        let old = RuleConfig {
            metric: Some("wal_fsync_p99_seconds".into()),
            ..unknown.clone()
        };
        let e = merge(&[old]).unwrap_err();
        assert!(e.to_string().contains("is now \"wal_fsync_p99_ms\""), "{e}");
        assert!(e.hint().unwrap().contains("by 1000"), "{e:?}");
        let no_op = RuleConfig {
            name: "Y".into(),
            metric: Some("up".into()),
            ..Default::default()
        };
        assert!(merge(&[no_op])
            .unwrap_err()
            .to_string()
            .contains("needs `op`"));
        let new_without_expr = RuleConfig {
            name: "Z".into(),
            ..Default::default()
        };
        assert!(merge(&[new_without_expr]).is_err());
    }
}

//! Alert rules: etcd's own (its Prometheus mixin, `contrib/mixin/`), the ones only a client that
//! talks to every member can see ([`builtin`]), and the user's, which add to or override them
//! ([`user`]).

mod builtin;
mod user;

use std::fmt;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::notification::LabelSet;
use super::signals::{lookup, Scope};
use crate::health::Status;
pub use builtin::builtin_rules;
pub use user::{merge, ConditionConfig, RuleConfig, CHECKS};

/// How a figure is compared with a threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Op {
    /// `>`
    #[serde(rename = ">")]
    Gt,
    /// `>=`
    #[serde(rename = ">=")]
    Ge,
    /// `<`
    #[serde(rename = "<")]
    Lt,
    /// `<=`
    #[serde(rename = "<=")]
    Le,
    /// `==`
    #[serde(rename = "==")]
    Eq,
    /// `!=`
    #[serde(rename = "!=")]
    Ne,
}

impl Op {
    /// The comparison holds.
    pub fn holds(self, value: f64, threshold: f64) -> bool {
        match self {
            Op::Gt => value > threshold,
            Op::Ge => value >= threshold,
            Op::Lt => value < threshold,
            Op::Le => value <= threshold,
            Op::Eq => value == threshold,
            Op::Ne => value != threshold,
        }
    }

    fn symbol(self) -> &'static str {
        match self {
            Op::Gt => ">",
            Op::Ge => ">=",
            Op::Lt => "<",
            Op::Le => "<=",
            Op::Eq => "==",
            Op::Ne => "!=",
        }
    }
}

/// `metric op threshold`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Condition {
    /// A name from [`super::signals::SIGNALS`].
    pub metric: String,
    /// The comparison.
    pub op: Op,
    /// The threshold.
    pub threshold: f64,
}

impl fmt::Display for Condition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} {}", self.metric, self.op.symbol(), self.threshold)
    }
}

/// What makes a rule's alert active.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Expr {
    /// Every condition holds (on the same member, for member figures).
    Metrics(Vec<Condition>),
    /// A `health` check is at this status or worse.
    Check {
        /// The check's name (`quorum`, `leader`, ...).
        check: String,
        /// The least bad status that fires.
        at_least: Status,
    },
}

impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expr::Metrics(cs) => {
                let parts: Vec<String> = cs.iter().map(|c| c.to_string()).collect();
                f.write_str(&parts.join(" and "))
            }
            Expr::Check { check, at_least } => {
                write!(f, "health check {check} is {at_least:?} or worse")
            }
        }
    }
}

/// Where a rule comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// Built in, as shipped.
    Builtin,
    /// Built in, changed by the config file.
    Overridden,
    /// Written in the config file.
    User,
}

/// One rule.
#[derive(Debug, Clone, Serialize)]
pub struct Rule {
    /// The `alertname` label.
    pub name: String,
    /// `critical`, `warning` or `info`.
    pub severity: String,
    /// The condition.
    pub expr: Expr,
    /// How long the condition must hold before the alert fires.
    #[serde(rename = "for_ms", serialize_with = "serialize_ms")]
    pub for_: Duration,
    /// Extra labels on its alerts.
    pub labels: LabelSet,
    /// `summary`, `description`, ...; `{{ $value }}` and `{{ $labels.NAME }}` are filled in.
    pub annotations: LabelSet,
    /// Built in, overridden or the user's.
    pub origin: Origin,
}

impl Rule {
    /// Per member or per cluster.
    pub fn scope(&self) -> Scope {
        match &self.expr {
            Expr::Metrics(cs) if cs.iter().any(|c| is_member(&c.metric)) => Scope::Member,
            _ => Scope::Cluster,
        }
    }
}

fn is_member(metric: &str) -> bool {
    lookup(metric).is_some_and(|s| s.scope == Scope::Member)
}

/// A duration as the JSON vocabulary has it: a number of milliseconds.
fn serialize_ms<S: serde::Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_u128(d.as_millis())
}

/// Fills `{{ $value }}` and `{{ $labels.NAME }}` in an annotation.
pub fn render(template: &str, labels: &LabelSet, value: Option<f64>) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let Some(end) = rest[start..].find("}}") else {
            out.push_str(&rest[start..]);
            return out;
        };
        let inner = rest[start + 2..start + end].trim();
        if inner == "$value" {
            out.push_str(&value.map_or("?".into(), format_value));
        } else if let Some(label) = inner.strip_prefix("$labels.") {
            out.push_str(labels.get(label).map_or("", String::as_str));
        } else {
            out.push_str(&rest[start..start + end + 2]);
        }
        rest = &rest[start + end + 2..];
    }
    out.push_str(rest);
    out
}

/// Checks a template for [`render`]: each `{{` is closed, around `$value` or `$labels.NAME`.
pub fn check_template(template: &str) -> std::result::Result<(), String> {
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        let Some(end) = rest[start..].find("}}") else {
            return Err(format!(
                "`{{{{` at byte {} is never closed with `}}}}`",
                template.len() - rest.len() + start
            ));
        };
        let inner = rest[start + 2..start + end].trim();
        let known = inner == "$value"
            || inner.strip_prefix("$labels.").is_some_and(|l| {
                !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            });
        if !known {
            return Err(format!("unknown template {{{{ {inner} }}}}"));
        }
        rest = &rest[start + end + 2..];
    }
    Ok(())
}

/// A value as a person reads it: integers whole, others with up to 4 significant decimals.
pub fn format_value(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        let s = format!("{v:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annotations_fill_in_value_and_labels() {
        let labels: LabelSet = [("member".to_string(), "etcd-1".to_string())].into();
        assert_eq!(
            render(
                "{{ $labels.member }} at {{$value}}s {{ other }}",
                &labels,
                Some(0.51234)
            ),
            "etcd-1 at 0.5123s {{ other }}"
        );
        assert_eq!(format_value(3.0), "3");
    }
}

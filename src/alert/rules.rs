//! Alert rules: etcd's own (its Prometheus mixin, `contrib/mixin/`), the ones only a client that
//! talks to every member can see, and the user's, which add to or override them.

use std::fmt;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::notification::LabelSet;
use super::signals::{lookup, Scope};
use crate::error::{Error, Result};
use crate::health::Status;

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
    #[serde(rename = "for", with = "humantime_serde_str")]
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

mod humantime_serde_str {
    use std::time::Duration;

    pub fn serialize<S: serde::Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&humantime::format_duration(*d))
    }
}

fn builtin(
    name: &str,
    severity: &str,
    conditions: &[(&str, Op, f64)],
    for_secs: u64,
    summary: &str,
    description: &str,
) -> Rule {
    let annotations = [("summary", summary), ("description", description)]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    Rule {
        name: name.into(),
        severity: severity.into(),
        expr: Expr::Metrics(
            conditions
                .iter()
                .map(|(m, op, t)| Condition {
                    metric: m.to_string(),
                    op: *op,
                    threshold: *t,
                })
                .collect(),
        ),
        for_: Duration::from_secs(for_secs),
        labels: LabelSet::new(),
        annotations,
        origin: Origin::Builtin,
    }
}

const MIB: f64 = 1024.0 * 1024.0;

/// The rules etcdkit ships: every rule of etcd's mixin with its threshold and `for`, then the
/// ones a client can see and Prometheus cannot.
pub fn builtin_rules() -> Vec<Rule> {
    use Op::*;
    vec![
        builtin("NoLeader", "critical", &[("has_leader", Eq, 0.0)], 60,
            "member {{ $labels.member }} has no leader",
            "etcd member {{ $labels.member }} has no leader: it cannot serve writes or linearizable reads."),
        builtin("InsufficientMembers", "critical", &[("quorum_margin", Lt, 0.0)], 180,
            "etcd cluster has insufficient members",
            "fewer voting members answer than a quorum needs (margin {{ $value }}): the cluster cannot write."),
        builtin("MembersDown", "warning", &[("unreachable", Gt, 0.0)], 1200,
            "member {{ $labels.member }} is down",
            "etcd member {{ $labels.member }} does not answer, or its peers fail to reach it."),
        builtin("HighNumberOfLeaderChanges", "warning", &[("max_leader_changes_15m", Ge, 4.0)], 300,
            "etcd cluster has frequent leader changes",
            "{{ $value }} leader changes in the last 15 minutes."),
        builtin("HighNumberOfFailedGRPCRequests", "warning", &[("grpc_failed_percent", Gt, 1.0)], 600,
            "{{ $value }}% of gRPC requests fail on {{ $labels.member }}",
            "{{ $value }}% of unary gRPC requests failed on member {{ $labels.member }} over 5 minutes."),
        builtin("HighNumberOfFailedGRPCRequests", "critical", &[("grpc_failed_percent", Gt, 5.0)], 300,
            "{{ $value }}% of gRPC requests fail on {{ $labels.member }}",
            "{{ $value }}% of unary gRPC requests failed on member {{ $labels.member }} over 5 minutes."),
        builtin("GRPCRequestsSlow", "critical", &[("grpc_p99_seconds", Gt, 0.15)], 600,
            "slow gRPC requests on {{ $labels.member }}",
            "gRPC p99 on member {{ $labels.member }} is {{ $value }}s."),
        builtin("MemberCommunicationSlow", "warning", &[("peer_round_trip_p99_seconds", Gt, 0.15)], 600,
            "slow peer communication from {{ $labels.member }}",
            "peer round-trip p99 from member {{ $labels.member }} is {{ $value }}s."),
        builtin("HighNumberOfFailedProposals", "warning", &[("proposals_failed_per_second", Gt, 5.0)], 900,
            "failed proposals on {{ $labels.member }}",
            "{{ $value }} proposals failed per second on member {{ $labels.member }} over 15 minutes."),
        builtin("HighFsyncDurations", "warning", &[("wal_fsync_p99_seconds", Gt, 0.5)], 600,
            "slow WAL fsync on {{ $labels.member }}",
            "WAL fsync p99 on member {{ $labels.member }} is {{ $value }}s."),
        builtin("HighFsyncDurations", "critical", &[("wal_fsync_p99_seconds", Gt, 1.0)], 600,
            "slow WAL fsync on {{ $labels.member }}",
            "WAL fsync p99 on member {{ $labels.member }} is {{ $value }}s."),
        builtin("HighCommitDurations", "warning", &[("backend_commit_p99_seconds", Gt, 0.25)], 600,
            "slow backend commits on {{ $labels.member }}",
            "backend commit p99 on member {{ $labels.member }} is {{ $value }}s."),
        builtin("DatabaseQuotaLowSpace", "critical", &[("db_quota_used_percent", Gt, 95.0)], 600,
            "database of {{ $labels.member }} is nearly full",
            "member {{ $labels.member }} uses {{ $value }}% of its backend quota; at 100% the cluster refuses writes (NOSPACE)."),
        builtin("ExcessiveDatabaseGrowth", "warning", &[("db_projected_4h_percent", Gt, 100.0)], 600,
            "database of {{ $labels.member }} grows fast",
            "at the growth of the last 4 hours, member {{ $labels.member }} reaches {{ $value }}% of its quota in 4 hours."),
        builtin("DatabaseHighFragmentationRatio", "warning",
            &[("db_in_use_ratio", Lt, 0.5), ("db_size_in_use_bytes", Gt, 100.0 * MIB)], 600,
            "database of {{ $labels.member }} is fragmented",
            "member {{ $labels.member }} uses only {{ $value }} of its database file; `etcdctl defrag` returns the rest."),
        builtin("AlarmActive", "critical", &[("alarms", Gt, 0.0)], 0,
            "alarm active on {{ $labels.member }}",
            "member {{ $labels.member }} has {{ $value }} active alarm(s) (NOSPACE or CORRUPT); `etcdctl alarm list` shows them."),
        builtin("ClusterIDMismatch", "critical", &[("cluster_ids", Gt, 1.0)], 0,
            "endpoints belong to different etcd clusters",
            "the members report {{ $value }} different cluster IDs: two clusters formed (stale data or a bad --initial-cluster)."),
        builtin("MemberListMismatch", "critical", &[("member_lists", Gt, 1.0)], 60,
            "members disagree on the member list",
            "the members report {{ $value }} different member lists."),
        builtin("LeaderDisagreement", "critical", &[("leaders", Gt, 1.0)], 60,
            "members disagree on the leader",
            "members at the highest raft term name {{ $value }} different leaders: split brain."),
        builtin("RaftTermSpread", "warning", &[("raft_term_spread", Gt, 1.0)], 60,
            "raft terms diverge across members",
            "raft terms differ by {{ $value }}: a member is probably partitioned and campaigning."),
        builtin("AppliedIndexLag", "warning", &[("apply_lag", Gt, 1000.0)], 300,
            "member {{ $labels.member }} falls behind applying",
            "member {{ $labels.member }} has {{ $value }} committed entries it has not applied."),
        builtin("HashKVMismatch", "critical", &[("hashkv_mismatches", Gt, 0.0)], 0,
            "keyspace hashes differ across members",
            "{{ $value }} member(s) hash the keyspace differently at the same revision: data corruption."),
    ]
}

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
    pub for_: Option<String>,
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
    let close = super::signals::SIGNALS
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

fn parse_for(rule: &str, text: &str) -> Result<Duration> {
    humantime::parse_duration(text).map_err(|e| {
        Error::usage_with_hint(
            format!("rule {rule}: invalid `for` {text:?}: {e}"),
            "durations look like 0s, 90s, 10m or 1h30m",
        )
    })
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
                        "for example: metric = \"wal_fsync_p99_seconds\", op = \">\", threshold = 0.5",
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
        if let Some(f) = &self.for_ {
            rule.for_ = parse_for(&self.name, f)?;
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
    for c in configs {
        let name = &c.name;
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
    fn every_mixin_rule_is_built_in_with_its_threshold_and_for() {
        let rules = builtin_rules();
        let find = |n: &str, s: &str| {
            rules
                .iter()
                .find(|r| r.name == n && r.severity == s)
                .unwrap_or_else(|| panic!("{n}/{s}"))
        };
        assert_eq!(find("NoLeader", "critical").for_, Duration::from_secs(60));
        assert_eq!(
            find("InsufficientMembers", "critical").for_,
            Duration::from_secs(180)
        );
        assert_eq!(
            find("MembersDown", "warning").for_,
            Duration::from_secs(1200)
        );
        assert_eq!(
            find("HighFsyncDurations", "critical").expr.to_string(),
            "wal_fsync_p99_seconds > 1"
        );
        assert_eq!(
            find("HighNumberOfFailedGRPCRequests", "critical").for_,
            Duration::from_secs(300)
        );
        assert_eq!(
            find("DatabaseHighFragmentationRatio", "warning")
                .expr
                .to_string(),
            "db_in_use_ratio < 0.5 and db_size_in_use_bytes > 104857600"
        );
        for r in &rules {
            if let Expr::Metrics(cs) = &r.expr {
                for c in cs {
                    assert!(lookup(&c.metric).is_some(), "{}: {}", r.name, c.metric);
                }
            }
        }
    }

    #[test]
    fn user_rules_override_add_and_disable() {
        let configs = vec![
            RuleConfig {
                name: "NoLeader".into(),
                for_: Some("2s".into()),
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
        let e = merge(&[unknown]).unwrap_err();
        assert!(
            e.to_string().contains("unknown metric \"wal_fsync_p99\""),
            "{e}"
        );
        assert!(e.hint().unwrap().contains("wal_fsync_p99_seconds"));
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
        let bad_for = RuleConfig {
            name: "NoLeader".into(),
            for_: Some("soon".into()),
            ..Default::default()
        };
        assert!(merge(&[bad_for])
            .unwrap_err()
            .to_string()
            .contains("invalid `for`"));
    }

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

//! The words people read in a notification, shared by Slack and email: a headline like
//! `[FIRING:2] NoLeader (critical)` and each alert's labels, annotations and times.

use crate::alert::notification::{AlertInfo, AlertStatus, LabelSet, Notification};

/// Alert names listed in a headline before "and N more".
const NAMES_IN_HEADLINE: usize = 3;

/// `[FIRING:2] NoLeader (critical)`, `[RESOLVED] NoLeader (critical)`; `[TEST] ` in front of a
/// test notification.
pub(crate) fn headline(n: &Notification) -> String {
    let mut text = String::new();
    if n.test {
        text.push_str("[TEST] ");
    }
    match n.status {
        AlertStatus::Firing => text.push_str(&format!("[FIRING:{}]", n.firing().count())),
        AlertStatus::Resolved => text.push_str("[RESOLVED]"),
    }
    let mut names: Vec<&str> = Vec::new();
    for alert in &n.alerts {
        if !alert.name().is_empty() && !names.contains(&alert.name()) {
            names.push(alert.name());
        }
    }
    if !names.is_empty() {
        text.push(' ');
        text.push_str(&names_list(&names));
    }
    if let Some(severity) = highest_severity(n) {
        text.push_str(&format!(" ({severity})"));
    }
    text
}

/// The headline and the cluster it is about, for a Slack text or a mail subject.
pub(crate) fn headline_with_source(n: &Notification) -> String {
    let source = n.source.trim();
    if source.is_empty() {
        headline(n)
    } else {
        format!("{} on etcd {source}", headline(n))
    }
}

fn names_list(names: &[&str]) -> String {
    if names.len() <= NAMES_IN_HEADLINE {
        return names.join(", ");
    }
    format!(
        "{} and {} more",
        names[..NAMES_IN_HEADLINE].join(", "),
        names.len() - NAMES_IN_HEADLINE
    )
}

/// The most severe `severity` label among the alerts (critical > warning > info > others).
fn highest_severity(n: &Notification) -> Option<&str> {
    let rank = |s: &str| match s {
        "critical" => 3,
        "warning" => 2,
        "info" => 1,
        _ => 0,
    };
    n.alerts
        .iter()
        .map(AlertInfo::severity)
        .filter(|s| !s.is_empty())
        .max_by_key(|s| rank(s))
}

/// `NoLeader firing since 2026-01-01T00:00:00Z (value 0)`, `NoLeader resolved at ...`.
pub(crate) fn alert_title(a: &AlertInfo) -> String {
    let name = if a.name().is_empty() {
        "alert"
    } else {
        a.name()
    };
    let mut text = match (a.status, &a.ends_at) {
        (AlertStatus::Resolved, Some(ends)) => format!("{name} resolved at {ends}"),
        (AlertStatus::Resolved, None) => format!("{name} resolved"),
        (AlertStatus::Firing, _) => format!("{name} firing since {}", a.starts_at),
    };
    if let Some(value) = a.value {
        text.push_str(&format!(" (value {value})"));
    }
    text
}

/// `k=v, k=v` in label order.
pub(crate) fn pairs(labels: &LabelSet) -> String {
    labels
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `text` cut to at most `max` characters, with `...` when cut.
pub(crate) fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let kept: String = text.chars().take(max.saturating_sub(3)).collect();
    format!("{kept}...")
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::alert::notification::{AlertInfo, AlertStatus, Notification};

    /// An alert as the evaluator would build it.
    pub(crate) fn alert(name: &str, severity: &str, status: AlertStatus) -> AlertInfo {
        let labels = [
            ("alertname", name),
            ("severity", severity),
            ("member", "m1"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let annotations = [("summary", format!("{name} on m1"))]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        AlertInfo {
            status,
            labels,
            annotations,
            starts_at: "2026-01-02T03:04:05Z".into(),
            ends_at: (status == AlertStatus::Resolved).then(|| "2026-01-02T03:09:05Z".into()),
            fingerprint: format!("{:016x}", name.len() as u64 * 0x1234_5678),
            value: Some(0.0),
        }
    }

    /// A notification of `alerts`, firing if any fires.
    pub(crate) fn notification(alerts: Vec<AlertInfo>) -> Notification {
        Notification {
            group_key: "{}:{alertname=\"NoLeader\"}".into(),
            status: Notification::status_of(&alerts),
            group_labels: [("alertname".to_string(), "NoLeader".to_string())].into(),
            common_labels: [("member".to_string(), "m1".to_string())].into(),
            common_annotations: Default::default(),
            alerts,
            source: "127.0.0.1:2379".into(),
            test: false,
        }
    }

    #[test]
    fn headlines_count_firing_alerts_and_name_the_worst_severity() {
        let mut n = notification(vec![
            alert("NoLeader", "critical", AlertStatus::Firing),
            alert("NoLeader", "warning", AlertStatus::Firing),
            alert("HighFsyncDurations", "warning", AlertStatus::Resolved),
        ]);
        assert_eq!(
            headline(&n),
            "[FIRING:2] NoLeader, HighFsyncDurations (critical)"
        );
        n.test = true;
        assert_eq!(
            headline_with_source(&n),
            "[TEST] [FIRING:2] NoLeader, HighFsyncDurations (critical) on etcd 127.0.0.1:2379"
        );
        let n = notification(vec![alert("NoLeader", "info", AlertStatus::Resolved)]);
        assert_eq!(headline(&n), "[RESOLVED] NoLeader (info)");
    }

    #[test]
    fn many_names_are_summed_up() {
        let n = notification(
            ["A", "B", "C", "D", "E"]
                .iter()
                .map(|name| alert(name, "", AlertStatus::Firing))
                .collect(),
        );
        assert_eq!(headline(&n), "[FIRING:5] A, B, C and 2 more");
    }

    #[test]
    fn alert_titles_say_when() {
        let a = alert("NoLeader", "critical", AlertStatus::Firing);
        assert_eq!(
            alert_title(&a),
            "NoLeader firing since 2026-01-02T03:04:05Z (value 0)"
        );
        let a = alert("NoLeader", "critical", AlertStatus::Resolved);
        assert!(alert_title(&a).starts_with("NoLeader resolved at 2026-01-02T03:09:05Z"));
        assert_eq!(truncate("abcdef", 5), "ab...");
        assert_eq!(truncate("abc", 5), "abc");
    }
}

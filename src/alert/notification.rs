//! What a channel is asked to deliver: one group of alerts, firing or resolved.

use std::collections::BTreeMap;

use serde::Serialize;

/// Labels or annotations, sorted so that payloads and fingerprints are stable.
pub type LabelSet = BTreeMap<String, String>;

/// Whether an alert (or a group of them) is firing or has resolved.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum AlertStatus {
    /// The condition holds and has held for the rule's `for` duration.
    Firing,
    /// The condition held and no longer does.
    Resolved,
}

impl AlertStatus {
    /// `firing` or `resolved`, as Alertmanager spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            AlertStatus::Firing => "firing",
            AlertStatus::Resolved => "resolved",
        }
    }
}

/// One alert inside a notification.
#[derive(Debug, Clone, Serialize)]
pub struct AlertInfo {
    /// Firing or resolved.
    pub status: AlertStatus,
    /// `alertname`, `severity`, `member`, ... and the rule's own labels.
    pub labels: LabelSet,
    /// `summary`, `description`, ... with the values filled in.
    pub annotations: LabelSet,
    /// When it started firing (RFC 3339).
    pub starts_at: String,
    /// When it resolved (RFC 3339); `None` while firing.
    pub ends_at: Option<String>,
    /// A stable hash of the labels (16 hex digits): the same alert has the same fingerprint on
    /// every run, so receivers (and PagerDuty's `dedup_key`) can deduplicate.
    pub fingerprint: String,
    /// The value that crossed the threshold, when there is one.
    pub value: Option<f64>,
}

impl AlertInfo {
    /// The `alertname` label.
    pub fn name(&self) -> &str {
        self.labels.get("alertname").map_or("", String::as_str)
    }

    /// The `severity` label (`critical`, `warning`, `info`).
    pub fn severity(&self) -> &str {
        self.labels.get("severity").map_or("", String::as_str)
    }
}

/// One notification: the alerts of one group that a channel should hear about now.
#[derive(Debug, Clone, Serialize)]
pub struct Notification {
    /// Identifies the group across runs (the route and the group-by label values).
    pub group_key: String,
    /// Firing if any alert in it fires, else resolved.
    pub status: AlertStatus,
    /// The labels the group is grouped by, with their values.
    pub group_labels: LabelSet,
    /// Labels every alert in the group shares.
    pub common_labels: LabelSet,
    /// Annotations every alert in the group shares.
    pub common_annotations: LabelSet,
    /// The alerts, firing first.
    pub alerts: Vec<AlertInfo>,
    /// The cluster the alerts are about (its endpoints), for the message's "source".
    pub source: String,
    /// A test sent by `etcdkit alert test`: say so loudly in the message.
    pub test: bool,
}

impl Notification {
    /// A group's status: firing if any of its alerts fires, else resolved.
    pub fn status_of(alerts: &[AlertInfo]) -> AlertStatus {
        if alerts.iter().any(|a| a.status == AlertStatus::Firing) {
            AlertStatus::Firing
        } else {
            AlertStatus::Resolved
        }
    }

    /// The alerts that are firing.
    pub fn firing(&self) -> impl Iterator<Item = &AlertInfo> {
        self.alerts
            .iter()
            .filter(|a| a.status == AlertStatus::Firing)
    }
}

//! PagerDuty Events API v2: one event per alert, `trigger` while firing and `resolve` after,
//! deduplicated by the alert's fingerprint so that the resolve closes the incident it opened.

use serde_json::{json, Value};

use super::ca_file;
use super::config::PagerDutyConfig;
use super::message::truncate;
use super::secret::{Redactor, SecretFields};
use super::{http, Policy, Sent};
use crate::alert::notification::{AlertInfo, AlertStatus, Notification};
use crate::error::{Error, Result};
use crate::http::{HttpEndpoint, Trust};
use crate::secret::Secret;

/// Where events go unless the config says otherwise.
pub const DEFAULT_URL: &str = "https://events.pagerduty.com/v2/enqueue";
/// PagerDuty's limit for `payload.summary`.
const MAX_SUMMARY_CHARS: usize = 1024;

/// A PagerDuty integration, ready to send events to.
#[derive(Clone)]
pub(crate) struct PagerDuty {
    pub endpoint: HttpEndpoint,
    trust: Trust,
    routing_key: Secret,
    source: Option<String>,
}

impl PagerDuty {
    /// Reads the routing key (it goes into `redactor`) and the CA file, and checks the URL.
    pub fn from_config(c: &PagerDutyConfig, redactor: &mut Redactor) -> Result<PagerDuty> {
        let key = SecretFields {
            channel: &c.name,
            field: "routing_key",
            inline: c.routing_key.as_ref(),
            env: c.routing_key_env.as_deref(),
            file: c.routing_key_file.as_deref(),
        }
        .require()?;
        redactor.add(key.value.expose());
        let url = c.url.as_deref().unwrap_or(DEFAULT_URL);
        let endpoint = HttpEndpoint::parse(url).map_err(|why| {
            Error::usage(format!(
                "channel {}: url {url} is not a valid http(s) URL: {why}",
                c.name
            ))
        })?;
        Ok(PagerDuty {
            endpoint,
            trust: ca_file::trust(&c.name, c.ca_file.as_deref())?,
            routing_key: key.value,
            source: c.source.clone().filter(|s| !s.is_empty()),
        })
    }

    /// The event for one alert of the notification.
    pub fn event(&self, n: &Notification, a: &AlertInfo) -> Value {
        let firing = a.status == AlertStatus::Firing;
        let mut summary = String::new();
        if n.test {
            summary.push_str("[TEST] ");
        }
        summary.push_str(if a.name().is_empty() {
            "etcd alert"
        } else {
            a.name()
        });
        if let Some(text) = a
            .annotations
            .get("summary")
            .or_else(|| a.annotations.get("description"))
        {
            summary.push_str(": ");
            summary.push_str(text);
        }
        let source = self
            .source
            .clone()
            .or_else(|| Some(n.source.clone()).filter(|s| !s.is_empty()))
            .unwrap_or_else(|| "etcdkit".into());
        let timestamp = match (firing, &a.ends_at) {
            (false, Some(ends)) => ends,
            _ => &a.starts_at,
        };
        let mut details = json!({ "labels": a.labels, "annotations": a.annotations });
        if let Some(value) = a.value.filter(|v| v.is_finite()) {
            details["value"] = json!(value);
        }
        json!({
            "routing_key": self.routing_key.expose(),
            "event_action": if firing { "trigger" } else { "resolve" },
            "dedup_key": a.fingerprint,
            "client": "etcdkit",
            "payload": {
                "summary": truncate(&summary, MAX_SUMMARY_CHARS),
                "source": source,
                "severity": severity(a.severity()),
                "timestamp": timestamp,
                "custom_details": details,
            },
        })
    }

    /// Sends one event per alert, one after the other (PagerDuty rate-limits per routing key).
    /// Delivered only if every event was accepted; the attempts are the most any event took.
    pub async fn send(&self, n: &Notification, policy: Policy) -> Sent {
        let mut attempts = 0;
        let mut failures = Vec::new();
        for alert in &n.alerts {
            let body = self.event(n, alert).to_string();
            let sent = Sent::from(
                http::post_json(&self.endpoint, &self.trust, &[], body.as_bytes(), policy).await,
            );
            attempts = attempts.max(sent.attempts);
            failures.extend(sent.error);
        }
        let error = match failures.len() {
            0 => None,
            _ if n.alerts.len() == 1 => failures.pop(),
            k => Some(format!(
                "{k} of {} not accepted; the first: {}",
                crate::text::count(n.alerts.len() as i64, "event"),
                failures[0]
            )),
        };
        Sent { attempts, error }
    }
}

/// PagerDuty knows critical, error, warning and info; any other severity is an error.
fn severity(label: &str) -> &'static str {
    match label {
        "critical" => "critical",
        "warning" => "warning",
        "info" => "info",
        _ => "error",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::alert::channels::message::tests::{alert, notification};

    fn pagerduty() -> PagerDuty {
        PagerDuty {
            endpoint: HttpEndpoint::parse(DEFAULT_URL).unwrap(),
            trust: Trust::default(),
            routing_key: Secret::new("R0UT1NGKEY"),
            source: None,
        }
    }

    #[test]
    fn firing_alerts_trigger_and_resolved_ones_resolve_with_the_same_key() {
        let pd = pagerduty();
        let firing = alert("NoLeader", "critical", AlertStatus::Firing);
        let n = notification(vec![firing.clone()]);
        let e = pd.event(&n, &firing);
        assert_eq!(e["routing_key"], "R0UT1NGKEY");
        assert_eq!(e["event_action"], "trigger");
        assert_eq!(e["dedup_key"], firing.fingerprint.as_str());
        assert_eq!(e["client"], "etcdkit");
        assert_eq!(e["payload"]["summary"], "NoLeader: NoLeader on m1");
        assert_eq!(e["payload"]["source"], "127.0.0.1:2379");
        assert_eq!(e["payload"]["severity"], "critical");
        assert_eq!(e["payload"]["timestamp"], "2026-01-02T03:04:05Z");
        assert_eq!(e["payload"]["custom_details"]["labels"]["member"], "m1");
        assert_eq!(
            e["payload"]["custom_details"]["annotations"]["summary"],
            "NoLeader on m1"
        );
        assert_eq!(e["payload"]["custom_details"]["value"], 0.0);

        let resolved = alert("NoLeader", "critical", AlertStatus::Resolved);
        let e = pd.event(&notification(vec![resolved.clone()]), &resolved);
        assert_eq!(e["event_action"], "resolve");
        assert_eq!(e["dedup_key"], firing.fingerprint.as_str());
        assert_eq!(e["payload"]["timestamp"], "2026-01-02T03:09:05Z");
    }

    #[test]
    fn severities_map_to_the_four_pagerduty_knows() {
        let pairs = [
            ("critical", "critical"),
            ("warning", "warning"),
            ("info", "info"),
            ("page", "error"),
            ("", "error"),
        ];
        for (label, expected) in pairs {
            assert_eq!(severity(label), expected);
        }
    }

    #[test]
    fn test_events_say_so_and_the_source_can_be_set() {
        let mut pd = pagerduty();
        pd.source = Some("prod-etcd".into());
        let a = alert("NoLeader", "critical", AlertStatus::Firing);
        let mut n = notification(vec![a.clone()]);
        n.test = true;
        let e = pd.event(&n, &a);
        assert!(e["payload"]["summary"]
            .as_str()
            .unwrap()
            .starts_with("[TEST] NoLeader"));
        assert_eq!(e["payload"]["source"], "prod-etcd");
    }
}

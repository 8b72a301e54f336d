//! Generic webhooks with Alertmanager's payload (version 4), which existing receivers (chat
//! bridges, ticketing, custom scripts) already understand.

use hyper::header::{HeaderName, HeaderValue, AUTHORIZATION, CONTENT_LENGTH, CONTENT_TYPE, HOST};
use serde::Serialize;

use super::ca_file;
use super::config::WebhookConfig;
use super::secret::{Redactor, SecretFields};
use super::{http, url_endpoint, Policy, Sent};
use crate::alert::notification::{AlertInfo, AlertStatus, LabelSet, Notification};
use crate::error::{Error, Result};
use crate::http::{HttpEndpoint, Trust};

/// Alertmanager's `endsAt` for an alert that has not ended.
const NOT_ENDED: &str = "0001-01-01T00:00:00Z";

/// A webhook, ready to post to.
#[derive(Clone)]
pub(crate) struct Webhook {
    pub endpoint: HttpEndpoint,
    trust: Trust,
    headers: Vec<(HeaderName, HeaderValue)>,
    max_alerts: usize,
}

/// The JSON body, as Alertmanager sends it.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Payload<'a> {
    version: &'static str,
    group_key: &'a str,
    truncated_alerts: usize,
    status: AlertStatus,
    receiver: &'a str,
    group_labels: &'a LabelSet,
    common_labels: &'a LabelSet,
    common_annotations: &'a LabelSet,
    #[serde(rename = "externalURL")]
    external_url: &'a str,
    alerts: Vec<Alert<'a>>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Alert<'a> {
    status: AlertStatus,
    labels: &'a LabelSet,
    annotations: &'a LabelSet,
    starts_at: &'a str,
    ends_at: &'a str,
    #[serde(rename = "generatorURL")]
    generator_url: &'a str,
    fingerprint: &'a str,
}

impl Webhook {
    /// Reads the URL and the header secrets (all go into `redactor`) and checks them, and reads
    /// the CA file.
    pub fn from_config(c: &WebhookConfig, redactor: &mut Redactor) -> Result<Webhook> {
        let name = &c.name;
        let url = SecretFields {
            channel: name,
            field: "url",
            inline: c.url.as_ref(),
            env: c.url_env.as_deref(),
            file: c.url_file.as_deref(),
        }
        .require()?;
        let endpoint = url_endpoint(name, &url, redactor)?;
        let trust = ca_file::trust(name, c.ca_file.as_deref())?;

        let mut headers = Vec::new();
        for (key, value) in &c.headers {
            let header = HeaderName::try_from(key.as_str()).map_err(|_| {
                Error::usage(format!(
                    "channel {name}: {key:?} is not a valid header name"
                ))
            })?;
            if [HOST, CONTENT_LENGTH, CONTENT_TYPE].contains(&header) {
                return Err(Error::usage(format!(
                    "channel {name}: header {key} is set by etcdkit and cannot be changed"
                )));
            }
            // The value is not quoted: it may be a token.
            let value = HeaderValue::try_from(value.expose()).map_err(|_| {
                Error::usage(format!(
                    "channel {name}: the value of header {key} has characters a header cannot carry"
                ))
            })?;
            redactor.add(value.to_str().unwrap_or_default());
            headers.push((header, value));
        }

        let token = SecretFields {
            channel: name,
            field: "bearer_token",
            inline: c.bearer_token.as_ref(),
            env: c.bearer_token_env.as_deref(),
            file: c.bearer_token_file.as_deref(),
        }
        .read()?;
        if let Some(token) = token {
            if headers.iter().any(|(h, _)| h == AUTHORIZATION) {
                return Err(Error::usage(format!(
                    "channel {name}: bearer_token and an Authorization header are alternatives"
                )));
            }
            redactor.add(token.value.expose());
            let value = HeaderValue::try_from(format!("Bearer {}", token.value.expose())).map_err(
                |_| {
                    Error::usage(format!(
                        "channel {name}: the bearer token from {} has characters a header \
                         cannot carry",
                        token.origin
                    ))
                },
            )?;
            headers.push((AUTHORIZATION, value));
        }
        for (_, value) in &mut headers {
            value.set_sensitive(true);
        }

        Ok(Webhook {
            endpoint,
            trust,
            headers,
            max_alerts: c.max_alerts,
        })
    }

    /// The payload for `n`, received by the channel called `receiver`.
    pub fn payload<'a>(&self, n: &'a Notification, receiver: &'a str) -> Payload<'a> {
        let shown = match self.max_alerts {
            0 => n.alerts.len(),
            max => max.min(n.alerts.len()),
        };
        Payload {
            version: "4",
            group_key: &n.group_key,
            truncated_alerts: n.alerts.len() - shown,
            status: n.status,
            receiver,
            group_labels: &n.group_labels,
            common_labels: &n.common_labels,
            common_annotations: &n.common_annotations,
            external_url: "",
            alerts: n.alerts[..shown].iter().map(alert).collect(),
        }
    }

    /// Posts the payload; any 2xx is delivered.
    pub async fn send(&self, n: &Notification, receiver: &str, policy: Policy) -> Sent {
        let body = match serde_json::to_vec(&self.payload(n, receiver)) {
            Ok(body) => body,
            Err(e) => {
                return Sent {
                    attempts: 0,
                    error: Some(format!("cannot encode the payload: {e}")),
                }
            }
        };
        Sent::from(http::post_json(&self.endpoint, &self.trust, &self.headers, &body, policy).await)
    }

    /// The names of the extra headers (their values are secret).
    pub fn header_names(&self) -> Vec<&str> {
        self.headers.iter().map(|(h, _)| h.as_str()).collect()
    }
}

fn alert(a: &AlertInfo) -> Alert<'_> {
    let ends_at = match a.status {
        AlertStatus::Firing => NOT_ENDED,
        AlertStatus::Resolved => a.ends_at.as_deref().unwrap_or(&a.starts_at),
    };
    Alert {
        status: a.status,
        labels: &a.labels,
        annotations: &a.annotations,
        starts_at: &a.starts_at,
        ends_at,
        generator_url: "",
        fingerprint: &a.fingerprint,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::alert::channels::message::tests::{alert as info, notification};

    fn webhook(max_alerts: usize) -> Webhook {
        Webhook {
            endpoint: HttpEndpoint::parse("http://127.0.0.1:9/hook").unwrap(),
            trust: Trust::default(),
            headers: Vec::new(),
            max_alerts,
        }
    }

    #[test]
    fn payload_is_alertmanagers_version_4() {
        let n = notification(vec![
            info("NoLeader", "critical", AlertStatus::Firing),
            info("NoLeader", "critical", AlertStatus::Resolved),
        ]);
        let p = serde_json::to_value(webhook(0).payload(&n, "ops-hook")).unwrap();
        assert_eq!(p["version"], "4");
        assert_eq!(p["groupKey"], n.group_key.as_str());
        assert_eq!(p["truncatedAlerts"], 0);
        assert_eq!(p["status"], "firing");
        assert_eq!(p["receiver"], "ops-hook");
        assert_eq!(p["groupLabels"]["alertname"], "NoLeader");
        assert_eq!(p["commonLabels"]["member"], "m1");
        assert_eq!(p["commonAnnotations"], serde_json::json!({}));
        assert_eq!(p["externalURL"], "");
        let alerts = p["alerts"].as_array().unwrap();
        assert_eq!(alerts.len(), 2);
        assert_eq!(alerts[0]["status"], "firing");
        assert_eq!(alerts[0]["labels"]["alertname"], "NoLeader");
        assert_eq!(alerts[0]["annotations"]["summary"], "NoLeader on m1");
        assert_eq!(alerts[0]["startsAt"], "2026-01-02T03:04:05Z");
        assert_eq!(alerts[0]["endsAt"], NOT_ENDED);
        assert_eq!(alerts[0]["generatorURL"], "");
        assert_eq!(alerts[0]["fingerprint"], n.alerts[0].fingerprint.as_str());
        assert_eq!(alerts[1]["endsAt"], "2026-01-02T03:09:05Z");
    }

    #[test]
    fn max_alerts_truncates_and_counts_the_rest() {
        let n = notification(
            (0..5)
                .map(|_| info("NoLeader", "critical", AlertStatus::Firing))
                .collect(),
        );
        let p = serde_json::to_value(webhook(2).payload(&n, "x")).unwrap();
        assert_eq!(p["alerts"].as_array().unwrap().len(), 2);
        assert_eq!(p["truncatedAlerts"], 3);
        let p = serde_json::to_value(webhook(10).payload(&n, "x")).unwrap();
        assert_eq!(p["truncatedAlerts"], 0);
    }
}

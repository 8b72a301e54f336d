//! Slack incoming webhooks: a `text` for notifications and previews, and `blocks` with a header
//! and one section per alert.

use serde_json::{json, Value};

use super::ca_file;
use super::config::SlackConfig;
use super::message::{alert_title, headline, headline_with_source, pairs, truncate};
use super::secret::{Redactor, SecretFields};
use super::{http, url_endpoint, Policy, Sent};
use crate::alert::notification::Notification;
use crate::error::Result;
use crate::http::{HttpEndpoint, Trust};

/// Slack shows at most 50 blocks; alerts beyond this many are counted, not shown.
const MAX_ALERT_SECTIONS: usize = 20;
/// Slack's limit for a header's text.
const MAX_HEADER_CHARS: usize = 150;
/// Slack's limit for a section's text.
const MAX_SECTION_CHARS: usize = 3000;

/// A Slack webhook, ready to post to.
#[derive(Clone)]
pub(crate) struct Slack {
    pub endpoint: HttpEndpoint,
    trust: Trust,
    channel: Option<String>,
    username: Option<String>,
}

impl Slack {
    /// Reads the webhook URL and checks it (the URL goes into `redactor`), and reads the CA
    /// file.
    pub fn from_config(c: &SlackConfig, redactor: &mut Redactor) -> Result<Slack> {
        let url = SecretFields {
            channel: &c.name,
            field: "url",
            inline: c.url.as_ref(),
            env: c.url_env.as_deref(),
            file: c.url_file.as_deref(),
        }
        .require()?;
        Ok(Slack {
            endpoint: url_endpoint(&c.name, &url, redactor)?,
            trust: ca_file::trust(&c.name, c.ca_file.as_deref())?,
            channel: c.channel.clone(),
            username: c.username.clone(),
        })
    }

    /// The JSON Slack receives.
    pub fn payload(&self, n: &Notification) -> Value {
        let mut blocks = vec![json!({
            "type": "header",
            "text": {
                "type": "plain_text",
                "text": truncate(&headline(n), MAX_HEADER_CHARS),
            },
        })];
        if n.test {
            blocks.push(section(
                "*This is a test notification* sent by `etcdkit alert test`: nothing is wrong.",
            ));
        }
        for alert in n.alerts.iter().take(MAX_ALERT_SECTIONS) {
            let mut text = format!("*{}*", escape(&alert_title(alert)));
            for (key, value) in &alert.annotations {
                text.push_str(&format!("\n*{}*: {}", escape(key), escape(value)));
            }
            text.push_str(&format!("\nLabels: `{}`", escape(&pairs(&alert.labels))));
            blocks.push(section(&truncate(&text, MAX_SECTION_CHARS)));
        }
        let mut context = Vec::new();
        if n.alerts.len() > MAX_ALERT_SECTIONS {
            context.push(format!(
                "and {} more alerts",
                n.alerts.len() - MAX_ALERT_SECTIONS
            ));
        }
        if !n.source.is_empty() {
            context.push(format!("etcd at {}", escape(&n.source)));
        }
        context.push("sent by etcdkit".to_string());
        blocks.push(json!({
            "type": "context",
            "elements": [{ "type": "mrkdwn", "text": context.join(" | ") }],
        }));

        let mut payload = json!({ "text": headline_with_source(n), "blocks": blocks });
        if let Some(channel) = &self.channel {
            payload["channel"] = json!(channel);
        }
        if let Some(username) = &self.username {
            payload["username"] = json!(username);
        }
        payload
    }

    /// Posts the notification; Slack answers 200 `ok`, or 429 with `Retry-After`.
    pub async fn send(&self, n: &Notification, policy: Policy) -> Sent {
        let body = self.payload(n).to_string();
        Sent::from(http::post_json(&self.endpoint, &self.trust, &[], body.as_bytes(), policy).await)
    }
}

fn section(mrkdwn: &str) -> Value {
    json!({ "type": "section", "text": { "type": "mrkdwn", "text": mrkdwn } })
}

/// Slack's mrkdwn treats `&`, `<` and `>` as markup; everything else is shown as is.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::alert::channels::message::tests::{alert, notification};
    use crate::alert::notification::AlertStatus;

    fn slack() -> Slack {
        Slack {
            endpoint: HttpEndpoint::parse("https://hooks.slack.com/services/T/B/x").unwrap(),
            trust: Trust::default(),
            channel: Some("#etcd".into()),
            username: None,
        }
    }

    #[test]
    fn payload_has_text_header_and_a_section_per_alert() {
        let mut a = alert("NoLeader", "critical", AlertStatus::Firing);
        a.annotations
            .insert("description".into(), "member <m1> & friends".into());
        let n = notification(vec![a, alert("NoLeader", "critical", AlertStatus::Firing)]);
        let p = slack().payload(&n);
        assert_eq!(
            p["text"],
            "[FIRING:2] NoLeader (critical) on etcd 127.0.0.1:2379"
        );
        assert_eq!(p["channel"], "#etcd");
        assert!(p.get("username").is_none());
        let blocks = p["blocks"].as_array().unwrap();
        assert_eq!(blocks.len(), 4, "{p:#}");
        assert_eq!(blocks[0]["type"], "header");
        assert_eq!(blocks[0]["text"]["text"], "[FIRING:2] NoLeader (critical)");
        let first = blocks[1]["text"]["text"].as_str().unwrap();
        assert!(first.starts_with("*NoLeader firing since 2026-01-02T03:04:05Z"));
        assert!(first.contains("member &lt;m1&gt; &amp; friends"), "{first}");
        assert!(first.contains("`alertname=NoLeader, member=m1, severity=critical`"));
        assert_eq!(blocks[3]["type"], "context");
    }

    #[test]
    fn tests_are_marked_and_long_groups_are_cut() {
        let mut n = notification(
            (0..30)
                .map(|_| alert("NoLeader", "critical", AlertStatus::Firing))
                .collect(),
        );
        n.test = true;
        let p = slack().payload(&n);
        assert!(p["text"].as_str().unwrap().starts_with("[TEST] "));
        let blocks = p["blocks"].as_array().unwrap();
        // header, test notice, 20 alerts, context.
        assert_eq!(blocks.len(), 23);
        assert!(blocks[1]["text"]["text"]
            .as_str()
            .unwrap()
            .contains("test notification"));
        let context = blocks[22]["elements"][0]["text"].as_str().unwrap();
        assert!(context.contains("and 10 more alerts"), "{context}");
    }
}

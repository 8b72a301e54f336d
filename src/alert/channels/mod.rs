//! Where notifications go: Slack, PagerDuty, email and generic (Alertmanager-style) webhooks.
//!
//! TO BE WRITTEN (helper): see the brief in the commit that adds this file.

use serde::{Deserialize, Serialize};

use super::notification::Notification;

/// One channel as the config file describes it.
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase", deny_unknown_fields)]
pub enum ChannelConfig {}

/// A channel ready to send: its config with the secrets read.
#[derive(Debug, Clone)]
pub struct Channel {
    /// The name the config gives it.
    pub name: String,
}

impl Channel {
    /// Reads the secrets and checks the config.
    pub fn from_config(cfg: &ChannelConfig) -> crate::Result<Channel> {
        match *cfg {}
    }

    /// The name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The kind.
    pub fn kind(&self) -> &'static str {
        "webhook"
    }

    /// Where it sends, secrets redacted.
    pub fn target(&self) -> String {
        String::new()
    }
}

/// What happened when one notification went to one channel.
#[derive(Debug, Clone, Serialize)]
pub struct Delivery {
    /// The channel's name.
    pub channel: String,
    /// `slack`, `pagerduty`, `email` or `webhook`.
    pub kind: &'static str,
    /// It was accepted.
    pub ok: bool,
    /// Tries made (1 when the first one worked).
    pub attempts: u32,
    /// Why it failed, with every secret redacted.
    pub error: Option<String>,
}

/// Sends `n` to `channel`, retrying as the channel's API asks; never panics, never returns a
/// secret in the error.
pub async fn deliver(channel: &Channel, n: &Notification) -> Delivery {
    let _ = n;
    Delivery {
        channel: channel.name.clone(),
        kind: "webhook",
        ok: false,
        attempts: 0,
        error: Some("not written yet".into()),
    }
}

//! Channels as the config file writes them (TOML or YAML), one table per channel, tagged by
//! `type`. Secrets come inline, from an environment variable (`*_env`) or from a file
//! (`*_file`); [`super::Channel::from_config`] reads and checks them.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Deserialize;

use crate::secret::Secret;
use crate::units::HumanDuration;

/// One channel as the config file describes it.
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum ChannelConfig {
    /// A Slack incoming webhook.
    Slack(SlackConfig),
    /// PagerDuty Events API v2.
    PagerDuty(PagerDutyConfig),
    /// Email over SMTP.
    Email(EmailConfig),
    /// A generic webhook that receives Alertmanager's payload (version 4).
    Webhook(WebhookConfig),
}

impl ChannelConfig {
    /// The name the config gives the channel.
    pub fn name(&self) -> &str {
        match self {
            ChannelConfig::Slack(c) => &c.name,
            ChannelConfig::PagerDuty(c) => &c.name,
            ChannelConfig::Email(c) => &c.name,
            ChannelConfig::Webhook(c) => &c.name,
        }
    }

    /// `slack`, `pagerduty`, `email` or `webhook`, as the `type` field spells it.
    pub fn kind(&self) -> &'static str {
        match self {
            ChannelConfig::Slack(_) => "slack",
            ChannelConfig::PagerDuty(_) => "pagerduty",
            ChannelConfig::Email(_) => "email",
            ChannelConfig::Webhook(_) => "webhook",
        }
    }
}

/// A channel's `timeout`, named in its error: a channel's fields reach serde through its `type`
/// tag, which leaves out where in the file they were.
fn timeout<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<HumanDuration>, D::Error> {
    Option::<HumanDuration>::deserialize(d)
        .map_err(|e| serde::de::Error::custom(format!("timeout: {e}")))
}

/// `type = "slack"`: a Slack incoming webhook.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SlackConfig {
    /// The channel's name.
    pub name: String,
    /// The webhook URL (it is the credential).
    pub url: Option<Secret>,
    /// An environment variable holding the webhook URL.
    pub url_env: Option<String>,
    /// A file holding the webhook URL.
    pub url_file: Option<PathBuf>,
    /// Post to this Slack channel instead of the webhook's own (legacy webhooks only).
    pub channel: Option<String>,
    /// Post as this user name instead of the webhook's own (legacy webhooks only).
    pub username: Option<String>,
    /// PEM certificates to trust besides the public roots, for an https URL whose server's
    /// certificate a private CA signed (unused with http://).
    pub ca_file: Option<PathBuf>,
    /// Deadline of each attempt (default "10s").
    #[serde(default, deserialize_with = "timeout")]
    pub timeout: Option<HumanDuration>,
    /// Tries after the first one (default 3).
    pub retries: Option<u32>,
}

/// `type = "pagerduty"`: PagerDuty Events API v2, one event per alert.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PagerDutyConfig {
    /// The channel's name.
    pub name: String,
    /// The integration's routing key (it is the credential).
    pub routing_key: Option<Secret>,
    /// An environment variable holding the routing key.
    pub routing_key_env: Option<String>,
    /// A file holding the routing key.
    pub routing_key_file: Option<PathBuf>,
    /// The Events API URL (default `https://events.pagerduty.com/v2/enqueue`).
    pub url: Option<String>,
    /// The event's `source` (default: the cluster's endpoints).
    pub source: Option<String>,
    /// PEM certificates to trust besides the public roots, for an https URL whose server's
    /// certificate a private CA signed (unused with http://).
    pub ca_file: Option<PathBuf>,
    /// Deadline of each attempt (default "10s").
    #[serde(default, deserialize_with = "timeout")]
    pub timeout: Option<HumanDuration>,
    /// Tries after the first one (default 3).
    pub retries: Option<u32>,
}

/// `type = "email"`: a plain-text mail over SMTP.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmailConfig {
    /// The channel's name.
    pub name: String,
    /// The SMTP server, `host:port` (the port defaults to 587, 465 or 25 by `tls`).
    pub smtp: String,
    /// How the connection is protected (default `starttls`).
    #[serde(default)]
    pub tls: SmtpTls,
    /// The user to log in as; without it, no login.
    pub username: Option<String>,
    /// The password.
    pub password: Option<Secret>,
    /// An environment variable holding the password.
    pub password_env: Option<String>,
    /// A file holding the password.
    pub password_file: Option<PathBuf>,
    /// The sender, `alerts@example.com` or `etcd alerts <alerts@example.com>`.
    pub from: String,
    /// The recipients.
    pub to: Vec<String>,
    /// PEM certificates to trust besides the public roots (a private SMTP server's CA).
    pub ca_file: Option<PathBuf>,
    /// Deadline of each attempt (default "10s").
    #[serde(default, deserialize_with = "timeout")]
    pub timeout: Option<HumanDuration>,
    /// Tries after the first one (default 3).
    pub retries: Option<u32>,
}

/// How an SMTP connection is protected.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SmtpTls {
    /// Plain connection upgraded with STARTTLS, which must succeed (port 587).
    #[default]
    Starttls,
    /// TLS from the first byte (port 465).
    Tls,
    /// No TLS: only for a local relay, and never with a password.
    None,
}

impl SmtpTls {
    /// The usual port for this mode.
    pub fn default_port(self) -> u16 {
        match self {
            SmtpTls::Starttls => 587,
            SmtpTls::Tls => 465,
            SmtpTls::None => 25,
        }
    }

    /// `starttls`, `tls` or `none`, as the config spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            SmtpTls::Starttls => "starttls",
            SmtpTls::Tls => "tls",
            SmtpTls::None => "none",
        }
    }
}

/// `type = "webhook"`: Alertmanager's webhook payload (version 4), POSTed as JSON.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WebhookConfig {
    /// The channel's name (the payload's `receiver`).
    pub name: String,
    /// The URL (it may carry a token, so it is treated as a secret).
    pub url: Option<Secret>,
    /// An environment variable holding the URL.
    pub url_env: Option<String>,
    /// A file holding the URL.
    pub url_file: Option<PathBuf>,
    /// Extra request headers; the values are treated as secrets.
    #[serde(default)]
    pub headers: BTreeMap<String, Secret>,
    /// A bearer token, sent as `Authorization: Bearer ...`.
    pub bearer_token: Option<Secret>,
    /// An environment variable holding the bearer token.
    pub bearer_token_env: Option<String>,
    /// A file holding the bearer token.
    pub bearer_token_file: Option<PathBuf>,
    /// Send at most this many alerts (the rest are counted in `truncatedAlerts`); 0 = all.
    #[serde(default)]
    pub max_alerts: usize,
    /// PEM certificates to trust besides the public roots, for an https URL whose server's
    /// certificate a private CA signed (unused with http://).
    pub ca_file: Option<PathBuf>,
    /// Deadline of each attempt (default "10s").
    #[serde(default, deserialize_with = "timeout")]
    pub timeout: Option<HumanDuration>,
    /// Tries after the first one (default 3).
    pub retries: Option<u32>,
}

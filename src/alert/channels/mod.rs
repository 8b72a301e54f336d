//! Where notifications go: Slack, PagerDuty, email and generic (Alertmanager-style) webhooks.
//!
//! A [`ChannelConfig`] is what the config file says; [`Channel::from_config`] reads its
//! secrets (inline, `*_env` or `*_file`) and CA file, and checks it; [`deliver`] sends one
//! notification to one channel with per-attempt timeouts and retries, and reports a
//! [`Delivery`]. Secrets never appear in errors, in a `Delivery` or in `Debug` output.

mod ca_file;
mod config;
mod email;
mod http;
mod message;
mod pagerduty;
mod retry;
mod secret;
mod slack;
mod webhook;

use std::fmt;
use std::time::Duration;

use serde::Serialize;

pub use crate::secret::Secret;
pub use config::{
    ChannelConfig, EmailConfig, PagerDutyConfig, SlackConfig, SmtpTls, WebhookConfig,
};

use self::email::Email;
use self::pagerduty::PagerDuty;
use self::retry::{Failure, Policy};
use self::secret::{Redactor, Sourced};
use self::slack::Slack;
use self::webhook::Webhook;
use super::notification::Notification;
use crate::error::{Error, Result};
use crate::http::HttpEndpoint;

/// The deadline of each attempt when the config sets none.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);
/// Tries after the first one when the config sets none.
pub const DEFAULT_RETRIES: u32 = 3;

/// A channel ready to send: its config checked and its secrets read.
///
/// `Debug` shows the name, kind and [`Channel::target`], never a secret.
#[derive(Clone)]
pub struct Channel {
    name: String,
    policy: Policy,
    destination: Destination,
    redactor: Redactor,
}

#[derive(Clone)]
enum Destination {
    Slack(Slack),
    PagerDuty(PagerDuty),
    Email(Email),
    Webhook(Webhook),
}

impl Channel {
    /// Reads the channel's secrets from the config, the environment or files, reads its
    /// `ca_file`, and checks URLs, addresses and durations. Errors name the channel and the
    /// variable or file, not the secret.
    pub fn from_config(cfg: &ChannelConfig) -> Result<Channel> {
        let name = cfg.name();
        if name.trim().is_empty() {
            return Err(Error::usage(format!(
                "a {} channel has no name",
                cfg.kind()
            )));
        }
        let mut redactor = Redactor::default();
        let (destination, timeout, retries) = match cfg {
            ChannelConfig::Slack(c) => (
                Destination::Slack(Slack::from_config(c, &mut redactor)?),
                &c.timeout,
                c.retries,
            ),
            ChannelConfig::PagerDuty(c) => (
                Destination::PagerDuty(PagerDuty::from_config(c, &mut redactor)?),
                &c.timeout,
                c.retries,
            ),
            ChannelConfig::Email(c) => (
                Destination::Email(Email::from_config(c, &mut redactor)?),
                &c.timeout,
                c.retries,
            ),
            ChannelConfig::Webhook(c) => (
                Destination::Webhook(Webhook::from_config(c, &mut redactor)?),
                &c.timeout,
                c.retries,
            ),
        };
        let timeout = match timeout {
            None => DEFAULT_TIMEOUT,
            Some(zero) if zero.get().is_zero() => {
                return Err(Error::usage(format!(
                    "channel {name}: invalid timeout \"{zero}\": it must be more than 0s"
                )))
            }
            Some(d) => d.get(),
        };
        Ok(Channel {
            name: name.to_string(),
            policy: Policy {
                timeout,
                retries: retries.unwrap_or(DEFAULT_RETRIES),
            },
            destination,
            redactor,
        })
    }

    /// The name the config gives it.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// `slack`, `pagerduty`, `email` or `webhook`.
    pub fn kind(&self) -> &'static str {
        match &self.destination {
            Destination::Slack(_) => "slack",
            Destination::PagerDuty(_) => "pagerduty",
            Destination::Email(_) => "email",
            Destination::Webhook(_) => "webhook",
        }
    }

    /// Where it sends, with secrets left out: `hooks.slack.com (URL redacted)`,
    /// `smtp.example.com:587`.
    pub fn target(&self) -> String {
        match &self.destination {
            Destination::Slack(s) => format!("{} (URL redacted)", s.endpoint.host_port()),
            Destination::Webhook(w) => format!("{} (URL redacted)", w.endpoint.host_port()),
            Destination::PagerDuty(p) => {
                format!("{} (routing key redacted)", p.endpoint.host_port())
            }
            Destination::Email(e) => e.server(),
        }
    }
}

impl fmt::Debug for Channel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("Channel");
        d.field("name", &self.name)
            .field("kind", &self.kind())
            .field("target", &self.target());
        match &self.destination {
            Destination::Email(e) => {
                d.field("tls", &e.tls.as_str()).field("to", &e.recipients());
            }
            Destination::Webhook(w) => {
                d.field("headers", &w.header_names());
            }
            Destination::Slack(_) | Destination::PagerDuty(_) => {}
        }
        d.field("timeout", &self.policy.timeout)
            .field("retries", &self.policy.retries)
            .finish()
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
    let policy = channel.policy;
    let sent = match &channel.destination {
        Destination::Slack(s) => s.send(n, policy).await,
        Destination::PagerDuty(p) => p.send(n, policy).await,
        Destination::Email(e) => e.send(n, policy).await,
        Destination::Webhook(w) => w.send(n, &channel.name, policy).await,
    };
    Delivery {
        channel: channel.name.clone(),
        kind: channel.kind(),
        ok: sent.error.is_none(),
        attempts: sent.attempts,
        error: sent.error.map(|e| channel.redactor.scrub(&e)),
    }
}

/// The outcome of sending to one destination, before secrets are scrubbed.
pub(crate) struct Sent {
    attempts: u32,
    error: Option<String>,
}

impl From<(std::result::Result<(), Failure>, u32)> for Sent {
    fn from((result, attempts): (std::result::Result<(), Failure>, u32)) -> Sent {
        Sent {
            attempts,
            error: result.err().map(|f| f.describe(attempts)),
        }
    }
}

/// Parses a secret URL; the error names where it came from, and the URL and its token-bearing
/// parts go into `redactor`.
fn url_endpoint(channel: &str, url: &Sourced, redactor: &mut Redactor) -> Result<HttpEndpoint> {
    redactor.add(url.value.expose());
    let endpoint = HttpEndpoint::parse(url.value.expose()).map_err(|why| {
        Error::usage(format!(
            "channel {channel}: the URL from {} is not a valid http(s) URL: {why}",
            url.origin
        ))
    })?;
    redactor.add_url_parts(&endpoint);
    Ok(endpoint)
}

#[cfg(test)]
mod tests;

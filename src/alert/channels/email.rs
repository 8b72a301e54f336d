//! Email over SMTP with lettre: a plain-text mail per notification, over STARTTLS or implicit
//! TLS; a password is only ever sent over TLS.

use lettre::message::header::ContentType;
use lettre::message::Mailbox;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Certificate, CertificateStore, Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use tokio_rustls::rustls;

use super::ca_file::{ca_file_error, read_ca_file};
use super::config::{EmailConfig, SmtpTls};
use super::message::{headline, headline_with_source, pairs};
use super::retry::{with_retries, Failure};
use super::secret::{Redactor, SecretFields};
use super::{Policy, Sent};
use crate::alert::notification::{AlertInfo, AlertStatus, Notification};
use crate::error::{Error, Result};
use crate::http::split_host_port;
use crate::secret::Secret;
use crate::text::words;

/// An SMTP server and the mail's envelope, ready to send.
#[derive(Clone)]
pub(crate) struct Email {
    host: String,
    port: u16,
    pub tls: SmtpTls,
    tls_parameters: Option<TlsParameters>,
    credentials: Option<(String, Secret)>,
    from: Mailbox,
    to: Vec<Mailbox>,
}

impl Email {
    /// Checks the server, the addresses and the TLS settings, and reads the password (it goes
    /// into `redactor`) and the CA file.
    pub fn from_config(c: &EmailConfig, redactor: &mut Redactor) -> Result<Email> {
        let name = &c.name;
        let (host, port) = split_host_port(c.smtp.trim()).map_err(|why| {
            Error::usage(format!(
                "channel {name}: smtp {:?} is not host:port: {why}",
                c.smtp
            ))
        })?;
        let port = port.unwrap_or_else(|| c.tls.default_port());

        let password = SecretFields {
            channel: name,
            field: "password",
            inline: c.password.as_ref(),
            env: c.password_env.as_deref(),
            file: c.password_file.as_deref(),
        }
        .read()?;
        let credentials = match (&c.username, password) {
            (None, None) => None,
            (Some(user), Some(password)) => {
                redactor.add(password.value.expose());
                Some((user.clone(), password.value))
            }
            (Some(_), None) => {
                return Err(Error::usage_with_hint(
                    format!("channel {name} has a username but no password"),
                    "set password, password_env or password_file",
                ))
            }
            (None, Some(_)) => {
                return Err(Error::usage(format!(
                    "channel {name} has a password but no username"
                )))
            }
        };
        if credentials.is_some() && c.tls == SmtpTls::None {
            return Err(Error::usage_with_hint(
                format!("channel {name}: refusing to send the SMTP password without TLS"),
                "use tls = \"starttls\" (port 587) or tls = \"tls\" (port 465), \
                 or drop the username and password for a relay that needs no login",
            ));
        }

        let address = |what: &str, text: &str| {
            text.parse::<Mailbox>().map_err(|e| {
                Error::usage(format!(
                    "channel {name}: {what} {text:?} is not an email address: {e}"
                ))
            })
        };
        let from = address("from", &c.from)?;
        if c.to.is_empty() {
            return Err(Error::usage(format!(
                "channel {name}: to lists no recipient"
            )));
        }
        let to =
            c.to.iter()
                .map(|t| address("to", t))
                .collect::<Result<Vec<_>>>()?;

        let tls_parameters = match c.tls {
            SmtpTls::None => None,
            SmtpTls::Starttls | SmtpTls::Tls => Some(tls_parameters(c, &host)?),
        };
        Ok(Email {
            host,
            port,
            tls: c.tls,
            tls_parameters,
            credentials,
            from,
            to,
        })
    }

    /// `smtp.example.com:587`.
    pub fn server(&self) -> String {
        if self.host.contains(':') {
            format!("[{}]:{}", self.host, self.port)
        } else {
            format!("{}:{}", self.host, self.port)
        }
    }

    /// The recipients, for the channel's description.
    pub fn recipients(&self) -> Vec<String> {
        self.to.iter().map(ToString::to_string).collect()
    }

    /// The mail for `n`.
    pub fn message(&self, n: &Notification) -> Result<Message, String> {
        let mut builder = Message::builder()
            .from(self.from.clone())
            .subject(headline_with_source(n))
            .header(ContentType::TEXT_PLAIN);
        for to in &self.to {
            builder = builder.to(to.clone());
        }
        builder
            .body(body(n))
            .map_err(|e| format!("cannot build the mail: {e}"))
    }

    /// Sends the mail, retrying when the server or the network may do better later.
    pub async fn send(&self, n: &Notification, policy: Policy) -> Sent {
        let message = match self.message(n) {
            Ok(m) => m,
            Err(error) => {
                return Sent {
                    attempts: 0,
                    error: Some(error),
                }
            }
        };
        let tls = match (&self.tls_parameters, self.tls) {
            (Some(p), SmtpTls::Tls) => Tls::Wrapper(p.clone()),
            (Some(p), _) => Tls::Required(p.clone()),
            (None, _) => Tls::None,
        };
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&self.host)
            .port(self.port)
            .tls(tls)
            .timeout(Some(policy.timeout));
        if let Some((user, password)) = &self.credentials {
            builder = builder.credentials(Credentials::new(
                user.clone(),
                password.expose().to_string(),
            ));
        }
        let transport = builder.build();
        let server = self.server();
        let sent = with_retries(policy, &format!("SMTP server {server}"), || async {
            transport
                .send(message.clone())
                .await
                .map(drop)
                .map_err(|e| failure(&server, &e))
        })
        .await;
        Sent::from(sent)
    }
}

/// Public roots, plus the PEM certificates of `ca_file`.
fn tls_parameters(c: &EmailConfig, host: &str) -> Result<TlsParameters> {
    let name = &c.name;
    let mut builder =
        TlsParameters::builder(host.to_string()).certificate_store(CertificateStore::WebpkiRoots);
    if let Some(path) = &c.ca_file {
        for cert in read_ca_file(name, path)? {
            let cert = Certificate::from_der(cert.to_vec())
                .map_err(|e| ca_file_error(name, path, e.to_string()))?;
            builder = builder.add_root_certificate(cert);
        }
    }
    builder
        .build_rustls()
        .map_err(|e| Error::usage(format!("channel {name}: cannot set up TLS: {e}")))
}

/// The mail's text: what fires, what resolved, each with its times, annotations and labels.
fn body(n: &Notification) -> String {
    let mut text = format!("{}\n", headline(n));
    if n.test {
        text.push_str("\nThis is a test notification sent by `etcdkit alert test`.\n");
        text.push_str("Nothing is wrong.\n");
    }
    if !n.source.is_empty() {
        text.push_str(&format!("\netcd cluster: {}\n", n.source));
    }
    for (status, title) in [
        (AlertStatus::Firing, "Firing"),
        (AlertStatus::Resolved, "Resolved"),
    ] {
        let alerts: Vec<&AlertInfo> = n.alerts.iter().filter(|a| a.status == status).collect();
        if alerts.is_empty() {
            continue;
        }
        text.push_str(&format!("\n{title} ({}):\n", alerts.len()));
        for a in alerts {
            text.push_str(&alert_text(a));
        }
    }
    text.push_str(&format!("\n-- \nSent by etcdkit, group {}\n", n.group_key));
    text
}

fn alert_text(a: &AlertInfo) -> String {
    let name = if a.name().is_empty() {
        "alert"
    } else {
        a.name()
    };
    let mut text = format!("\n{name} ({})\n", a.status.as_str());
    text.push_str(&format!("  started: {}\n", a.starts_at));
    if let Some(ends) = &a.ends_at {
        text.push_str(&format!("  ended: {ends}\n"));
    }
    if let Some(value) = a.value {
        text.push_str(&format!("  value: {value}\n"));
    }
    for (key, value) in &a.annotations {
        text.push_str(&format!("  {key}: {value}\n"));
    }
    text.push_str(&format!("  labels: {}\n", pairs(&a.labels)));
    text
}

/// Turns lettre's error into words and a verdict: connection trouble, timeouts and 4xx replies
/// may pass later; certificate problems, 5xx replies and refused logins will not.
fn failure(server: &str, e: &lettre::transport::smtp::Error) -> Failure {
    let detail = std::error::Error::source(e).map(words);
    if e.is_timeout() {
        return Failure::transient(format!("SMTP server {server} did not answer in time"), None);
    }
    if let Some(code) = e.status() {
        let summary = format!("SMTP server {server} answered {code}");
        return if e.is_transient() {
            Failure::transient(summary, detail)
        } else {
            Failure::fatal(summary, detail)
        };
    }
    if e.is_tls() || has_tls_cause(e) {
        return Failure::fatal(format!("TLS with SMTP server {server} failed"), detail);
    }
    // lettre has no `is_connection`; its Display names the kind.
    let text = e.to_string();
    if text.starts_with("Connection error") {
        Failure::transient(format!("cannot connect to SMTP server {server}"), detail)
    } else if text.starts_with("network error") {
        Failure::transient(format!("SMTP exchange with {server} failed"), detail)
    } else {
        Failure::fatal(format!("SMTP with {server} failed"), Some(words(e)))
    }
}

/// A rustls error anywhere in the chain: the TLS handshake (certificate, name) failed.
fn has_tls_cause(e: &(dyn std::error::Error + 'static)) -> bool {
    let mut next = Some(e);
    while let Some(err) = next {
        if err.downcast_ref::<rustls::Error>().is_some() {
            return true;
        }
        if let Some(io) = err.downcast_ref::<std::io::Error>() {
            if io
                .get_ref()
                .is_some_and(|inner| inner.downcast_ref::<rustls::Error>().is_some())
            {
                return true;
            }
        }
        next = err.source();
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::alert::channels::message::tests::{alert, notification};

    fn config() -> EmailConfig {
        serde_json::from_value(serde_json::json!({
            "name": "mail",
            "smtp": "smtp.example.com",
            "from": "etcd alerts <alerts@example.com>",
            "to": ["ops@example.com", "oncall@example.com"],
        }))
        .unwrap()
    }

    #[test]
    fn ports_follow_the_tls_mode() {
        let mut c = config();
        let email = Email::from_config(&c, &mut Redactor::default()).unwrap();
        assert_eq!(email.server(), "smtp.example.com:587");
        c.tls = SmtpTls::Tls;
        let email = Email::from_config(&c, &mut Redactor::default()).unwrap();
        assert_eq!(email.server(), "smtp.example.com:465");
        c.smtp = "127.0.0.1:2525".into();
        c.tls = SmtpTls::None;
        let email = Email::from_config(&c, &mut Redactor::default()).unwrap();
        assert_eq!(email.server(), "127.0.0.1:2525");
        assert!(email.tls_parameters.is_none());
    }

    #[test]
    fn a_password_is_never_sent_in_clear() {
        let mut c = config();
        c.tls = SmtpTls::None;
        c.username = Some("alerts".into());
        c.password = Some(Secret::new("pa55word!"));
        let err = Email::from_config(&c, &mut Redactor::default())
            .err()
            .unwrap();
        let text = err.to_string();
        assert!(
            text.contains("without TLS") && text.contains("mail"),
            "{text}"
        );
        assert!(!text.contains("pa55word!"));
        assert!(err.hint().unwrap().contains("starttls"));
    }

    #[test]
    fn bad_addresses_and_half_credentials_are_usage_errors() {
        let mut c = config();
        c.to = vec!["not an address".into()];
        let err = Email::from_config(&c, &mut Redactor::default())
            .err()
            .unwrap();
        assert!(err.to_string().contains("not an email address"), "{err}");

        let mut c = config();
        c.to.clear();
        assert!(Email::from_config(&c, &mut Redactor::default()).is_err());

        let mut c = config();
        c.username = Some("alerts".into());
        let err = Email::from_config(&c, &mut Redactor::default())
            .err()
            .unwrap();
        assert!(err.to_string().contains("no password"), "{err}");

        let mut c = config();
        c.ca_file = Some("/nonexistent/ca.pem".into());
        let err = Email::from_config(&c, &mut Redactor::default())
            .err()
            .unwrap();
        assert!(err.to_string().contains("/nonexistent/ca.pem"), "{err}");
    }

    #[test]
    fn the_body_lists_each_alert_with_its_times() {
        let mut n = notification(vec![
            alert("NoLeader", "critical", AlertStatus::Firing),
            alert("HighFsyncDurations", "warning", AlertStatus::Resolved),
        ]);
        n.test = true;
        let text = body(&n);
        assert!(text.starts_with("[TEST] [FIRING:1] NoLeader, HighFsyncDurations (critical)\n"));
        assert!(text.contains("test notification"));
        assert!(text.contains("etcd cluster: 127.0.0.1:2379"));
        assert!(
            text.contains("\nFiring (1):\n\nNoLeader (firing)\n  started: 2026-01-02T03:04:05Z\n")
        );
        assert!(text.contains("HighFsyncDurations (resolved)\n  started: 2026-01-02T03:04:05Z\n  ended: 2026-01-02T03:09:05Z\n"));
        assert!(text.contains("  summary: NoLeader on m1\n"));
        assert!(text.contains("  labels: alertname=NoLeader, member=m1, severity=critical\n"));

        let email = Email::from_config(&config(), &mut Redactor::default()).unwrap();
        let mail = String::from_utf8(email.message(&n).unwrap().formatted()).unwrap();
        // Long subjects are folded onto several lines; the start is on the first.
        assert!(mail.contains("Subject: [TEST] [FIRING:1]"), "{mail}");
        assert!(
            mail.contains("To: ops@example.com, oncall@example.com"),
            "{mail}"
        );
    }
}

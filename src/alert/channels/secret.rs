//! Secrets in channel configs (webhook URLs, routing keys, passwords): read from the config, an
//! environment variable or a file, never shown. Errors name where a secret comes from, not what
//! it is, and text from outside (response bodies, library errors) is scrubbed before it is kept.

use std::path::Path;

use crate::error::{Error, Result};
use crate::http::HttpEndpoint;
use crate::secret::{Secret, REDACTED};

/// A secret and where it came from, in words that are safe to show ("url_env SLACK_URL").
#[derive(Debug, Clone)]
pub(crate) struct Sourced {
    pub value: Secret,
    pub origin: String,
}

/// The three ways a config can give one secret: `<field>`, `<field>_env` and `<field>_file`.
pub(crate) struct SecretFields<'a> {
    /// The channel's name, for messages.
    pub channel: &'a str,
    /// The field's name (`url`, `routing_key`, `password`).
    pub field: &'static str,
    pub inline: Option<&'a Secret>,
    pub env: Option<&'a str>,
    pub file: Option<&'a Path>,
}

impl SecretFields<'_> {
    /// Reads the secret from wherever the config says; `None` when none of the fields is set.
    /// Setting more than one, an unset or empty variable, or an unreadable or empty file is a
    /// usage error that names the channel and the variable or file.
    pub fn read(&self) -> Result<Option<Sourced>> {
        let (channel, field) = (self.channel, self.field);
        let given = [
            self.inline.is_some(),
            self.env.is_some(),
            self.file.is_some(),
        ];
        if given.iter().filter(|g| **g).count() > 1 {
            return Err(Error::usage_with_hint(
                format!(
                    "channel {channel}: {field}, {field}_env and {field}_file are alternatives"
                ),
                format!("set only one of them for channel {channel}"),
            ));
        }
        let sourced = if let Some(value) = self.inline {
            Sourced {
                value: value.clone(),
                origin: field.to_string(),
            }
        } else if let Some(var) = self.env {
            let value = std::env::var(var).map_err(|_| {
                Error::usage_with_hint(
                    format!("channel {channel}: {field}_env names {var}, which is not set"),
                    format!("export {var} before running etcdkit, or change {field}_env"),
                )
            })?;
            Sourced {
                value: Secret::new(value.trim()),
                origin: format!("environment variable {var}"),
            }
        } else if let Some(path) = self.file {
            let text = std::fs::read_to_string(path).map_err(|e| {
                Error::usage_with_hint(
                    format!(
                        "channel {channel}: cannot read {field}_file {}: {e}",
                        path.display()
                    ),
                    "check the path and that the file is readable",
                )
            })?;
            Sourced {
                value: Secret::new(text.trim()),
                origin: format!("file {}", path.display()),
            }
        } else {
            return Ok(None);
        };
        if sourced.value.expose().is_empty() {
            return Err(Error::usage(format!(
                "channel {channel}: {field} from {} is empty",
                sourced.origin
            )));
        }
        Ok(Some(sourced))
    }

    /// Like [`SecretFields::read`], but one of the fields must be set.
    pub fn require(&self) -> Result<Sourced> {
        let (channel, field) = (self.channel, self.field);
        self.read()?.ok_or_else(|| {
            Error::usage_with_hint(
                format!("channel {channel} has no {field}"),
                format!("set {field}, {field}_env (an environment variable) or {field}_file"),
            )
        })
    }
}

/// The secret strings of one channel, to scrub from text that came from outside.
#[derive(Clone, Default)]
pub(crate) struct Redactor {
    secrets: Vec<String>,
}

impl Redactor {
    /// Adds a string to scrub; very short ones are skipped (scrubbing "a" would garble text
    /// without hiding anything worth hiding).
    pub fn add(&mut self, secret: &str) {
        if secret.len() >= 4 && !self.secrets.iter().any(|s| s == secret) {
            self.secrets.push(secret.to_string());
            // Longest first, so that a secret containing another is replaced whole.
            self.secrets.sort_by_key(|s| std::cmp::Reverse(s.len()));
        }
    }

    /// Adds the parts of a URL that may carry a token: its path and query, and each longer
    /// piece of them (a receiver may echo a token alone).
    pub fn add_url_parts(&mut self, endpoint: &HttpEndpoint) {
        self.add(&endpoint.path_and_query);
        for piece in endpoint.path_and_query.split(['/', '?', '&', '=']) {
            if piece.len() >= 8 {
                self.add(piece);
            }
        }
    }

    /// `text` with every secret replaced by `[redacted]`.
    pub fn scrub(&self, text: &str) -> String {
        let mut text = text.to_string();
        for secret in &self.secrets {
            if text.contains(secret.as_str()) {
                text = text.replace(secret.as_str(), REDACTED);
            }
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields<'a>(
        inline: Option<&'a Secret>,
        env: Option<&'a str>,
        file: Option<&'a Path>,
    ) -> SecretFields<'a> {
        SecretFields {
            channel: "ops",
            field: "url",
            inline,
            env,
            file,
        }
    }

    #[test]
    fn reads_inline_env_and_file_and_trims() {
        let inline = Secret::new("https://x/y");
        let got = fields(Some(&inline), None, None).require().unwrap();
        assert_eq!(got.value.expose(), "https://x/y");
        assert_eq!(got.origin, "url");

        std::env::set_var("ETCDKIT_TEST_SECRET_READS", " from-env\n");
        let got = fields(None, Some("ETCDKIT_TEST_SECRET_READS"), None)
            .require()
            .unwrap();
        assert_eq!(got.value.expose(), "from-env");
        assert_eq!(got.origin, "environment variable ETCDKIT_TEST_SECRET_READS");

        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("url");
        std::fs::write(&path, "from-file\n").unwrap();
        let got = fields(None, None, Some(&path)).require().unwrap();
        assert_eq!(got.value.expose(), "from-file");
    }

    #[test]
    fn errors_name_the_channel_and_source_but_not_the_value() {
        let inline = Secret::new("s3cr3t-value");
        let err = fields(Some(&inline), Some("X"), None)
            .require()
            .unwrap_err()
            .to_string();
        assert!(err.contains("ops") && err.contains("alternatives"), "{err}");

        let err = fields(None, Some("ETCDKIT_TEST_SECRET_UNSET"), None)
            .require()
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("ETCDKIT_TEST_SECRET_UNSET") && err.contains("ops"),
            "{err}"
        );

        let err = fields(None, None, Some(Path::new("/nonexistent/etcdkit-secret")))
            .require()
            .unwrap_err()
            .to_string();
        assert!(err.contains("/nonexistent/etcdkit-secret"), "{err}");

        let err = fields(None, None, None).require().unwrap_err().to_string();
        assert_eq!(err, "channel ops has no url");

        std::env::set_var("ETCDKIT_TEST_SECRET_EMPTY", "  ");
        let err = fields(None, Some("ETCDKIT_TEST_SECRET_EMPTY"), None)
            .require()
            .unwrap_err()
            .to_string();
        assert!(err.contains("empty"), "{err}");
    }

    #[test]
    fn scrubs_every_secret_longest_first() {
        let mut r = Redactor::default();
        r.add("abc"); // too short to scrub
        r.add("token123");
        r.add("/hook/token123");
        let text = r.scrub("POST /hook/token123 failed; token123 abc");
        assert_eq!(text, "POST [redacted] failed; [redacted] abc");
    }

    #[test]
    fn url_parts_cover_path_query_and_long_pieces() {
        let e = HttpEndpoint::parse("https://h/hook/abcdefgh123?key=zzzzzzzz99").unwrap();
        let mut r = Redactor::default();
        r.add_url_parts(&e);
        let scrubbed = r.scrub("abcdefgh123 zzzzzzzz99 /hook/abcdefgh123?key=zzzzzzzz99 hook");
        assert_eq!(scrubbed, "[redacted] [redacted] [redacted] hook");
    }
}

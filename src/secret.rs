//! A secret (an etcd password, a webhook URL, a routing key, an SMTP password): its `Debug` and
//! `Display` forms are redacted, so that it cannot leak into output, errors or logs.

use std::fmt;

use serde::Deserialize;

/// What a secret shows instead of its value, and what replaces one in text that is kept.
pub const REDACTED: &str = "[redacted]";

/// A value that must not appear in output, errors or `Debug` output.
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    /// The value itself, for the one place that sends it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\"{REDACTED}\"")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_form_shows_the_value() {
        let s = Secret::new("hunter2-token");
        let shown = format!("{s:?} {s:#?} {s}");
        assert_eq!(shown, "\"[redacted]\" \"[redacted]\" [redacted]");
        assert_eq!(s.expose(), "hunter2-token");
        let read: Secret = serde_json::from_str("\"from-config\"").unwrap();
        assert_eq!(read.expose(), "from-config");
        assert!(!format!("{read:?}").contains("from-config"));
    }
}

//! Text: keys and values in JSON (UTF-8 text as a string; anything else as base64 in a
//! `_base64` field), and counts in words (`1 key`, `3 keys`).

use base64::Engine;
use serde::Serialize;

/// Bytes from etcd shown as text where they are text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Text {
    /// The bytes as UTF-8, or null when they are not UTF-8.
    pub text: Option<String>,
    /// The bytes in standard base64, only when they are not UTF-8.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base64: Option<String>,
}

impl Text {
    /// Splits bytes into the text or base64 form.
    pub fn new(bytes: &[u8]) -> Text {
        match std::str::from_utf8(bytes) {
            Ok(s) => Text {
                text: Some(s.to_string()),
                base64: None,
            },
            Err(_) => Text {
                text: None,
                base64: Some(base64::engine::general_purpose::STANDARD.encode(bytes)),
            },
        }
    }

    /// For people: the text, or `base64:...`.
    pub fn display(&self) -> String {
        match (&self.text, &self.base64) {
            (Some(t), _) => t.clone(),
            (None, Some(b)) => format!("base64:{b}"),
            (None, None) => String::new(),
        }
    }
}

/// `n` and the noun, in the plural unless `n` is 1: `1 key`, `3 keys`.
pub fn count(n: i64, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_stays_text_and_binary_becomes_base64() {
        assert_eq!(Text::new(b"host:42").text.as_deref(), Some("host:42"));
        let bin = Text::new(&[0xff, 0x00, 0x10]);
        assert_eq!(bin.text, None);
        assert_eq!(bin.base64.as_deref(), Some("/wAQ"));
        assert_eq!(bin.display(), "base64:/wAQ");
    }
}

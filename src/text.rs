//! Text: keys and values in JSON (UTF-8 text as a string; anything else as base64 in a
//! `_base64` field), counts in words (`1 key`, `3 keys`), and what a message quotes of others'
//! words: an error and its causes ([`words`]), a server's or a command's output ([`one_line`]).

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

/// `text` on one line (each run of white space one space), cut to at most `max_chars`
/// characters with `...` where it was cut: what a message quotes of a server's or a
/// command's words.
pub(crate) fn one_line(text: &str, max_chars: usize) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() > max_chars {
        let cut: String = line.chars().take(max_chars.saturating_sub(3)).collect();
        format!("{cut}...")
    } else {
        line
    }
}

/// An error and its causes in words: "connection refused", not "Connection refused (os error
/// 111)".
pub(crate) fn words(e: &(dyn std::error::Error + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut next = Some(e);
    while let Some(err) = next {
        let text = match err.downcast_ref::<std::io::Error>() {
            Some(io) => io_words(io),
            None => err.to_string(),
        };
        if !text.is_empty() && !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        next = err.source();
    }
    parts.join(": ")
}

fn io_words(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let known = match e.kind() {
        K::ConnectionRefused => "connection refused",
        K::ConnectionReset => "connection reset",
        K::ConnectionAborted => "connection aborted",
        K::TimedOut => "timed out",
        K::UnexpectedEof => "connection closed early",
        K::BrokenPipe => "connection closed (broken pipe)",
        _ => "",
    };
    if !known.is_empty() && e.get_ref().is_none() {
        return known.to_string();
    }
    let text = e.to_string();
    match text.find(" (os error") {
        Some(i) => text[..i].to_string(),
        None => text,
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

    #[test]
    fn io_errors_read_as_words() {
        let e = std::io::Error::from(std::io::ErrorKind::ConnectionRefused);
        assert_eq!(words(&e), "connection refused");
        let e = std::io::Error::other("failed to lookup address information");
        assert_eq!(words(&e), "failed to lookup address information");
    }
}

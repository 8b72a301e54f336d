//! Snapshots in TOML: written by hand (the keys as quoted names under `[keys]`, values inline)
//! so that the toml crate's writer is not needed, and read back by the toml crate. TOML has no
//! null and no whole number past 2^63: such a value is refused, naming its key.

use std::io::{self, Write};

use serde_json::Value;

use crate::error::{Error, Result};

/// The name serde's TOML datetimes travel under.
const DATETIME: &str = "$__toml_private_datetime";

/// Refuses a value TOML cannot hold, naming `key`.
pub(super) fn check(key: &str, value: &Value) -> Result<()> {
    let refused = |what: &str| {
        Error::usage_with_hint(
            format!("the value of {key} holds {what}, which TOML cannot hold"),
            "export as JSON or YAML (--format json|yaml, or a .json/.yaml file)",
        )
    };
    match value {
        Value::Null => Err(refused("null")),
        Value::Number(n) if n.is_u64() && n.as_i64().is_none() => {
            Err(refused(&format!("the whole number {n} (past 2^63)")))
        }
        Value::Array(items) => items.iter().try_for_each(|v| check(key, v)),
        Value::Object(map) => map.values().try_for_each(|v| check(key, v)),
        _ => Ok(()),
    }
}

/// Writes the header fields, then the entries under `[keys]` (each checked with [`check`]).
pub(super) fn write<'k>(
    out: &mut impl Write,
    header: &[(&str, Value)],
    entries: impl Iterator<Item = (&'k str, Value)>,
) -> io::Result<()> {
    let mut line = String::new();
    for (name, value) in header {
        line.clear();
        line.push_str(name);
        line.push_str(" = ");
        inline(&mut line, value);
        line.push('\n');
        out.write_all(line.as_bytes())?;
    }
    out.write_all(b"\n[keys]\n")?;
    for (key, value) in entries {
        line.clear();
        quoted(&mut line, key);
        line.push_str(" = ");
        inline(&mut line, &value);
        line.push('\n');
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}

/// A value as a TOML inline value (checked: no null).
fn inline(out: &mut String, value: &Value) {
    match value {
        Value::Null => {}
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => {
            let text = n.to_string();
            let float = n.is_f64();
            out.push_str(&text);
            if float && !text.contains(['.', 'e', 'E']) {
                out.push_str(".0");
            }
        }
        Value::String(s) => quoted(out, s),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                inline(out, item);
            }
            out.push(']');
        }
        Value::Object(map) => {
            if map.is_empty() {
                out.push_str("{}");
                return;
            }
            out.push_str("{ ");
            for (i, (name, item)) in map.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                quoted(out, name);
                out.push_str(" = ");
                inline(out, item);
            }
            out.push_str(" }");
        }
    }
}

/// A TOML basic string: quotes, backslashes and control characters escaped.
fn quoted(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A TOML error as `line L, column C: what`.
pub(super) fn error_at(text: &str, e: &toml::de::Error) -> String {
    let message = e.message().trim_end_matches('\n').replace('\n', "; ");
    match e.span() {
        Some(span) => {
            let before = &text[..span.start.min(text.len())];
            let line = before.matches('\n').count() + 1;
            let column = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
            format!("{message} at line {line} column {column}")
        }
        None => message,
    }
}

/// TOML datetimes (which JSON has not) as their text.
pub(super) fn datetimes_as_text(value: &mut Value) {
    match value {
        Value::Object(map) if map.len() == 1 && map.contains_key(DATETIME) => {
            *value = map.remove(DATETIME).unwrap_or_default();
        }
        Value::Object(map) => map.values_mut().for_each(datetimes_as_text),
        Value::Array(items) => items.iter_mut().for_each(datetimes_as_text),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn values_are_written_inline_and_floats_stay_floats() {
        let mut s = String::new();
        inline(&mut s, &json!({"a b": [1, 2.0, "x\"y"], "e": {}}));
        assert_eq!(s, r#"{ "a b" = [1, 2.0, "x\"y"], "e" = {} }"#);
        assert!(check("k", &json!(u64::MAX)).is_err());
        assert!(check("k", &json!(i64::MIN)).is_ok());
    }

    #[test]
    fn a_datetime_reads_as_its_text() {
        #[derive(serde::Deserialize)]
        struct Doc {
            d: Value,
        }
        let doc: Doc = toml::from_str("d = 1979-05-27T07:32:00Z").unwrap();
        let mut v = doc.d;
        datetimes_as_text(&mut v);
        assert_eq!(v, json!("1979-05-27T07:32:00Z"));
    }
}

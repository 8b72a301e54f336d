//! Values as the tree stores them: JSON text, typed as the user asks (`--type`), read back
//! leniently (text that is not JSON, written by another tool, is a string).

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::{Error, Result};

/// What `set --type` makes of the text given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueType {
    /// The text as a string, whatever it looks like.
    String,
    /// A whole number (64-bit).
    Int,
    /// A number.
    Float,
    /// `true` or `false`.
    Bool,
    /// Any JSON value; malformed JSON is an error.
    Json,
}

impl ValueType {
    /// The names `--type` takes.
    pub const NAMES: [&'static str; 5] = ["string", "int", "float", "bool", "json"];

    /// The type named `name`.
    pub fn parse(name: &str) -> Result<ValueType> {
        Ok(match name {
            "string" => ValueType::String,
            "int" => ValueType::Int,
            "float" => ValueType::Float,
            "bool" => ValueType::Bool,
            "json" => ValueType::Json,
            other => {
                return Err(Error::usage(format!(
                    "unknown value type {other:?}; the types are {}",
                    ValueType::NAMES.join(", ")
                )))
            }
        })
    }
}

/// The value `text` stands for: as `kind` says, or without one a JSON literal when it parses
/// as one (`5432`, `true`, `{"a":1}`, `"quoted"`) and a string otherwise.
pub fn parse_value(text: &str, kind: Option<ValueType>) -> Result<Value> {
    let refused = |what: &str| Error::usage(format!("{text:?} is not {what}"));
    match kind {
        None => Ok(serde_json::from_str(text).unwrap_or_else(|_| Value::String(text.to_string()))),
        Some(ValueType::String) => Ok(Value::String(text.to_string())),
        Some(ValueType::Int) => text.trim().parse::<i64>().map(Value::from).map_err(|_| {
            refused("a whole number (--type int takes -9223372036854775808 to 9223372036854775807)")
        }),
        Some(ValueType::Float) => match text.trim().parse::<f64>() {
            Ok(f) if f.is_finite() => Ok(Value::from(f)),
            _ => Err(refused("a finite number (--type float)")),
        },
        Some(ValueType::Bool) => match text.trim() {
            "true" => Ok(Value::Bool(true)),
            "false" => Ok(Value::Bool(false)),
            _ => Err(refused("true or false (--type bool)")),
        },
        Some(ValueType::Json) => serde_json::from_str(text).map_err(|e| {
            Error::usage_with_hint(
                format!("the value is not valid JSON: {e}"),
                "quote strings inside JSON (\"text\"), or leave out --type json",
            )
        }),
    }
}

/// The value stored as `bytes`: their JSON, or the text itself when it is not JSON (a
/// value written by etcdctl or confd), lossily when it is not UTF-8.
pub fn decode(bytes: &[u8]) -> Value {
    serde_json::from_slice(bytes)
        .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(bytes).into_owned()))
}

/// The JSON text a value is stored as.
pub fn encode(value: &Value) -> String {
    value.to_string()
}

/// A value as text for a file, an environment variable or `-o plain`: a string as it is,
/// anything else as JSON.
pub fn text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The name of a value's JSON type, for messages.
pub fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a bool",
        Value::Number(n) if n.is_i64() || n.is_u64() => "a whole number",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// `value` as a `T`, or an error that names the key, the value's type and `T`.
pub fn typed<T: DeserializeOwned>(key: &str, value: &Value) -> Result<T> {
    serde_json::from_value(value.clone()).map_err(|e| {
        Error::usage(format!(
            "the value of {key} is {} ({}), which does not fit {}: {e}",
            crate::text::one_line(&value.to_string(), 80),
            type_name(value),
            std::any::type_name::<T>(),
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn without_a_type_json_literals_are_typed_and_the_rest_is_text() {
        assert_eq!(parse_value("5432", None).unwrap(), json!(5432));
        assert_eq!(parse_value("true", None).unwrap(), json!(true));
        assert_eq!(parse_value("{\"a\":1}", None).unwrap(), json!({"a": 1}));
        assert_eq!(parse_value("localhost", None).unwrap(), json!("localhost"));
        assert_eq!(parse_value("", None).unwrap(), json!(""));
        assert_eq!(
            parse_value("5432", Some(ValueType::String)).unwrap(),
            json!("5432")
        );
    }

    #[test]
    fn a_type_is_kept_or_refused_in_words() {
        assert_eq!(parse_value(" 7 ", Some(ValueType::Int)).unwrap(), json!(7));
        assert!(parse_value("99999999999999999999", Some(ValueType::Int)).is_err());
        assert!(parse_value("NaN", Some(ValueType::Float)).is_err());
        assert!(parse_value("yes", Some(ValueType::Bool)).is_err());
        let e = parse_value("{\"a\":", Some(ValueType::Json)).unwrap_err();
        assert!(e.to_string().contains("not valid JSON"), "{e}");
    }

    #[test]
    fn stored_text_that_is_not_json_reads_as_a_string() {
        assert_eq!(decode(b"\"x\""), json!("x"));
        assert_eq!(decode(b"plain words"), json!("plain words"));
        assert_eq!(text(&json!("x")), "x");
        assert_eq!(text(&json!({"a": [1]})), "{\"a\":[1]}");
    }

    #[test]
    fn a_type_mismatch_names_the_key_and_the_types() {
        let e = typed::<u16>("db/port", &json!("abc"))
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("db/port") && e.contains("a string") && e.contains("u16"),
            "{e}"
        );
        assert_eq!(typed::<u16>("db/port", &json!(5432)).unwrap(), 5432);
    }
}

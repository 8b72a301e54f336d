//! OpenFeature's evaluation result (value, variant, reason, error code, flag metadata) and the
//! typed values a flag can be read as.

use serde::Serialize;
use serde_json::{Map, Value};

/// Why a value was resolved (OpenFeature `reason`, serialized upper-case).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Reason {
    /// No targeting: the default variant.
    Static,
    /// Targeting gave no variant (null), or there is no default variant: the default.
    Default,
    /// Targeting selected the variant.
    TargetingMatch,
    /// A pseudorandom split selected the variant (not produced: flagd reports TARGETING_MATCH).
    Split,
    /// The flag is disabled: the caller's default.
    Disabled,
    /// An error occurred: the caller's default.
    Error,
}

/// OpenFeature error codes (serialized upper-case).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ErrorCode {
    /// No flag with that key.
    FlagNotFound,
    /// The flag's targeting could not be compiled.
    ParseError,
    /// The flag's value is not of the requested type.
    TypeMismatch,
    /// A targeting key was required and missing.
    TargetingKeyMissing,
    /// The context is invalid.
    InvalidContext,
    /// Any other error (e.g. targeting named a variant the flag does not have).
    General,
}

/// The result of evaluating a flag, serializing as OpenFeature/OFREP camelCase JSON: `value`,
/// `variant`, `reason`, `errorCode`, `errorMessage`, `flagMetadata` (absent fields omitted).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Resolution<T = Value> {
    /// The resolved value (`None`: no value and no caller default).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<T>,
    /// The variant name that was served, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub variant: Option<String>,
    /// Why this value.
    pub reason: Reason,
    /// What went wrong, with reason `ERROR`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_code: Option<ErrorCode>,
    /// Details of the error.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_message: Option<String>,
    /// Flag-set metadata overlaid with the flag's own metadata.
    #[serde(skip_serializing_if = "Map::is_empty")]
    pub flag_metadata: Map<String, Value>,
}

impl<T> Resolution<T> {
    /// An error result carrying `value` (the caller's default, if any).
    pub fn error(
        value: Option<T>,
        code: ErrorCode,
        message: impl Into<String>,
        meta: Map<String, Value>,
    ) -> Self {
        Self {
            value,
            variant: None,
            reason: Reason::Error,
            error_code: Some(code),
            error_message: Some(message.into()),
            flag_metadata: meta,
        }
    }

    /// Whether the result is an error.
    pub fn is_error(&self) -> bool {
        self.error_code.is_some()
    }
}

impl<T: Into<Value>> Resolution<T> {
    /// The same result with its value as JSON.
    pub fn into_json(self) -> Resolution {
        Resolution {
            value: self.value.map(Into::into),
            variant: self.variant,
            reason: self.reason,
            error_code: self.error_code,
            error_message: self.error_message,
            flag_metadata: self.flag_metadata,
        }
    }
}

/// A type a flag may be read as; a flag whose value does not convert gives `TYPE_MISMATCH`.
pub trait FlagValue: Sized {
    /// Converts a variant's value, `None` on a type mismatch.
    fn from_value(v: &Value) -> Option<Self>;
    /// The type's name for error messages.
    fn type_name() -> &'static str;
}

impl FlagValue for bool {
    fn from_value(v: &Value) -> Option<Self> {
        v.as_bool()
    }
    fn type_name() -> &'static str {
        "boolean"
    }
}

impl FlagValue for String {
    fn from_value(v: &Value) -> Option<Self> {
        v.as_str().map(str::to_owned)
    }
    fn type_name() -> &'static str {
        "string"
    }
}

impl FlagValue for i64 {
    /// Integers, and floats without a fractional part within range (a lossless conversion).
    fn from_value(v: &Value) -> Option<Self> {
        v.as_i64().or_else(|| {
            let f = v.as_f64()?;
            (f.fract() == 0.0 && f.abs() < 9_007_199_254_740_992.0).then_some(f as i64)
        })
    }
    fn type_name() -> &'static str {
        "integer"
    }
}

impl FlagValue for f64 {
    fn from_value(v: &Value) -> Option<Self> {
        v.as_f64()
    }
    fn type_name() -> &'static str {
        "number"
    }
}

impl FlagValue for Value {
    /// Objects only, as OpenFeature's object flags.
    fn from_value(v: &Value) -> Option<Self> {
        v.is_object().then(|| v.clone())
    }
    fn type_name() -> &'static str {
        "object"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn serializes_camel_case() {
        let r: Resolution = Resolution::error(
            None,
            ErrorCode::FlagNotFound,
            "flag not found: x",
            Map::new(),
        );
        assert_eq!(
            serde_json::to_value(&r).unwrap(),
            json!({"reason": "ERROR", "errorCode": "FLAG_NOT_FOUND",
                   "errorMessage": "flag not found: x"})
        );
        let r = Resolution {
            value: Some(json!(true)),
            variant: Some("on".into()),
            reason: Reason::TargetingMatch,
            error_code: None,
            error_message: None,
            flag_metadata: json!({"team": "a"}).as_object().unwrap().clone(),
        };
        assert_eq!(
            serde_json::to_value(&r).unwrap(),
            json!({"value": true, "variant": "on", "reason": "TARGETING_MATCH",
                   "flagMetadata": {"team": "a"}})
        );
    }

    #[test]
    fn typed_conversions() {
        assert_eq!(i64::from_value(&json!(10.0)), Some(10));
        assert_eq!(i64::from_value(&json!(0.5)), None);
        assert_eq!(bool::from_value(&json!(1)), None);
        assert_eq!(f64::from_value(&json!(true)), None);
        assert_eq!(Value::from_value(&json!("x")), None);
    }
}

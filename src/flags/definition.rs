//! flagd's flag definition document (`flags`, `$evaluators`, `metadata`) and its validation.
//!
//! Field names follow open-feature/flagd-schemas `json/flags.json`. The schema does not forbid
//! extra properties at the top level or on a flag, so unknown fields are kept (`extra`) and
//! exported again: import followed by export gives the same document back.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

use super::fault::Fault;
use super::logic::{FractionalVersion, Rule};

/// A flag's state; a disabled flag resolves to the caller's default with reason `DISABLED`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum State {
    /// Evaluated normally.
    Enabled,
    /// The kill switch.
    Disabled,
}

/// One flag, in flagd's format.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Flag {
    /// `ENABLED` or `DISABLED`.
    pub state: State,
    /// Variant name to value; all values of one type.
    pub variants: Map<String, Value>,
    /// The variant served without targeting; `None` (absent or null): the caller's default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_variant: Option<String>,
    /// JSON Logic selecting a variant name; absent, null or `{}`: no targeting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub targeting: Option<Value>,
    /// String, number or boolean values returned as flag metadata.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub metadata: Map<String, Value>,
    /// Fields flagd's schema does not name, kept for round trips.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Flag {
    /// The targeting rule, if there is one (`{}` and null count as none, as in flagd).
    pub fn targeting_rule(&self) -> Option<&Value> {
        match &self.targeting {
            None | Some(Value::Null) => None,
            Some(Value::Object(m)) if m.is_empty() => None,
            Some(t) => Some(t),
        }
    }
}

/// A flagd document: `{"$schema"?, "flags": {KEY: Flag}, "$evaluators"?, "metadata"?}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FlagSet {
    /// The `$schema` URL, kept for round trips.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// The flags by key.
    #[serde(default)]
    pub flags: BTreeMap<String, Flag>,
    /// Shared rules referenced with `{"$ref": NAME}`.
    #[serde(rename = "$evaluators", default, skip_serializing_if = "Map::is_empty")]
    pub evaluators: Map<String, Value>,
    /// Flag-set metadata (e.g. `flagSetId`, `version`), merged under each flag's metadata.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub metadata: Map<String, Value>,
    /// Top-level fields flagd's schema does not name, kept for round trips.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

fn fault(path: &str, msg: impl Into<String>) -> Fault {
    Fault::new(path, msg)
}

/// Checks a flag key: non-empty, no `/`, not starting with `.` or `$`, no control characters.
pub fn validate_flag_key(key: &str) -> Result<(), Fault> {
    let why = if key.is_empty() {
        "a flag key must not be empty"
    } else if key.contains('/') {
        "a flag key must not contain '/'"
    } else if key.starts_with('.') || key.starts_with('$') {
        "a flag key must not start with '.' or '$'"
    } else if key.chars().any(char::is_control) {
        "a flag key must not contain control characters"
    } else {
        return Ok(());
    };
    Err(fault(&format!("flags.{key}"), format!("{why} ({key:?})")))
}

fn kind(v: &Value) -> Option<&'static str> {
    match v {
        Value::Bool(_) => Some("boolean"),
        Value::String(_) => Some("string"),
        Value::Number(_) => Some("number"),
        Value::Object(_) => Some("object"),
        _ => None,
    }
}

fn check_metadata(path: &str, v: &Value) -> Result<(), Fault> {
    let m = v
        .as_object()
        .ok_or_else(|| fault(path, "metadata must be an object"))?;
    for (k, x) in m {
        if !(x.is_string() || x.is_number() || x.is_boolean()) {
            return Err(fault(
                &format!("{path}.{k}"),
                "a metadata value must be a string, number or boolean",
            ));
        }
    }
    Ok(())
}

/// Validates one flag definition and returns it typed. `evaluators` are the flag set's
/// `$evaluators`, against which `$ref`s in the targeting are resolved.
pub fn validate_flag(
    key: &str,
    value: &Value,
    evaluators: &Map<String, Value>,
) -> Result<Flag, Fault> {
    validate_flag_key(key)?;
    let base = format!("flags.{key}");
    let at = |field: &str| format!("{base}.{field}");
    let obj = value
        .as_object()
        .ok_or_else(|| fault(&base, "a flag must be an object"))?;
    match obj.get("state") {
        Some(Value::String(s)) if s == "ENABLED" || s == "DISABLED" => {}
        Some(_) => {
            return Err(fault(
                &at("state"),
                "state must be \"ENABLED\" or \"DISABLED\"",
            ))
        }
        None => return Err(fault(&base, "missing required field \"state\"")),
    }
    let variants = match obj.get("variants") {
        Some(Value::Object(v)) if !v.is_empty() => v,
        Some(Value::Object(_)) => {
            return Err(fault(&at("variants"), "a flag needs at least one variant"))
        }
        Some(_) => return Err(fault(&at("variants"), "variants must be an object")),
        None => return Err(fault(&base, "missing required field \"variants\"")),
    };
    let mut first: Option<(&str, &str)> = None;
    for (name, v) in variants {
        let path = format!("{base}.variants.{name}");
        if name.is_empty() {
            return Err(fault(&path, "a variant name must not be empty"));
        }
        let k = kind(v).ok_or_else(|| {
            fault(
                &path,
                "a variant must be a boolean, string, number or object",
            )
        })?;
        match first {
            None => first = Some((name, k)),
            Some((n0, k0)) if k0 != k => {
                return Err(fault(
                    &path,
                    format!(
                        "variants must all be of one type: this one is a {k}, \"{n0}\" is a {k0}"
                    ),
                ))
            }
            Some(_) => {}
        }
    }
    match obj.get("defaultVariant") {
        None | Some(Value::Null) => {}
        Some(Value::String(d)) if variants.contains_key(d) => {}
        Some(Value::String(d)) => {
            return Err(fault(
                &at("defaultVariant"),
                format!("\"{d}\" is not one of the flag's variants"),
            ))
        }
        Some(_) => {
            return Err(fault(
                &at("defaultVariant"),
                "defaultVariant must be a string or null",
            ))
        }
    }
    if let Some(m) = obj.get("metadata") {
        check_metadata(&at("metadata"), m)?;
    }
    let flag: Flag =
        serde_json::from_value(value.clone()).map_err(|e| fault(&base, e.to_string()))?;
    if let Some(rule) = flag.targeting_rule() {
        Rule::compile(
            rule,
            &at("targeting"),
            evaluators,
            FractionalVersion::default(),
        )?;
    }
    Ok(flag)
}

/// Validates a whole flagd document. `flags` may also be flagd's array form (each flag with a
/// `key`), which is converted to the map form.
pub fn validate_document(doc: &Value) -> Result<FlagSet, Fault> {
    let root = doc
        .as_object()
        .ok_or_else(|| fault("$", "a flag document must be a JSON object"))?;
    if let Some(s) = root.get("$schema") {
        if !s.is_string() {
            return Err(fault("$schema", "$schema must be a string"));
        }
    }
    let empty = Map::new();
    let evaluators = match root.get("$evaluators") {
        None => &empty,
        Some(Value::Object(e)) => e,
        Some(_) => return Err(fault("$evaluators", "$evaluators must be an object")),
    };
    for (name, rule) in evaluators {
        let path = format!("$evaluators.{name}");
        if name.is_empty() {
            return Err(fault(&path, "an evaluator name must not be empty"));
        }
        Rule::compile(rule, &path, evaluators, FractionalVersion::default())?;
    }
    if let Some(m) = root.get("metadata") {
        check_metadata("metadata", m)?;
        for field in ["flagSetId", "version"] {
            if m.get(field).is_some_and(|v| !v.is_string()) {
                return Err(fault(
                    &format!("metadata.{field}"),
                    format!("{field} must be a string"),
                ));
            }
        }
    }
    let mut flags = BTreeMap::new();
    match root.get("flags") {
        None => {}
        Some(Value::Object(map)) => {
            for (key, v) in map {
                flags.insert(key.clone(), validate_flag(key, v, evaluators)?);
            }
        }
        Some(Value::Array(items)) => {
            for (i, v) in items.iter().enumerate() {
                let Some(key) = v.get("key").and_then(Value::as_str) else {
                    return Err(fault(
                        &format!("flags[{i}]"),
                        "a flag in the array form needs a string \"key\"",
                    ));
                };
                let mut v = v.clone();
                if let Some(o) = v.as_object_mut() {
                    o.remove("key");
                }
                if flags
                    .insert(key.to_owned(), validate_flag(key, &v, evaluators)?)
                    .is_some()
                {
                    return Err(fault(
                        &format!("flags[{i}]"),
                        format!("duplicate flag key \"{key}\""),
                    ));
                }
            }
        }
        Some(_) => return Err(fault("flags", "flags must be an object")),
    }
    let known = ["$schema", "flags", "$evaluators", "metadata"];
    Ok(FlagSet {
        schema: root
            .get("$schema")
            .and_then(Value::as_str)
            .map(str::to_owned),
        flags,
        evaluators: evaluators.clone(),
        metadata: root
            .get("metadata")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default(),
        extra: root
            .iter()
            .filter(|(k, _)| !known.contains(&k.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
    })
}

#[cfg(test)]
mod tests;

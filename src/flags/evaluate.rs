//! The evaluator: every flag of a flag set compiled once, then resolved against contexts into
//! OpenFeature results the way flagd resolves them.

use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::time::{SystemTime, UNIX_EPOCH};

use super::definition::{FlagSet, State};
use super::fault::Fault;
use super::logic::{Env, FractionalVersion, Rule};
use super::resolution::{ErrorCode, FlagValue, Reason, Resolution};

/// An evaluation context: attributes by name, `targetingKey` among them.
pub type Context = Map<String, Value>;

/// Evaluator settings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EvaluatorOptions {
    /// `fractional` bucketing: v2 (flagd's current) by default, v1 for the legacy algorithm.
    pub fractional: FractionalVersion,
}

#[derive(Debug)]
struct Compiled {
    state: State,
    variants: Map<String, Value>,
    default_variant: Option<String>,
    /// `Ok(None)`: no targeting; `Err`: the targeting does not compile (PARSE_ERROR).
    rule: Result<Option<Rule>, Fault>,
    metadata: Map<String, Value>,
}

/// Flags compiled for evaluation. Immutable, `Send + Sync`: share it behind an `Arc` and
/// replace it whole when the flag set changes.
#[derive(Debug)]
pub struct Evaluator {
    flags: BTreeMap<String, Compiled>,
    set_metadata: Map<String, Value>,
}

/// A resolution before conversion to the requested type: borrowed from the evaluator.
enum Outcome<'a> {
    Served {
        variant: &'a str,
        value: &'a Value,
        reason: Reason,
    },
    NoVariant,
    Disabled,
    Failed(ErrorCode, String),
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// The variant name a targeting result designates, as flagd reads it (strings as they are,
/// booleans and numbers as their JSON text).
fn variant_name(v: &Value) -> Option<std::borrow::Cow<'_, str>> {
    match v {
        Value::String(s) => Some(s.as_str().into()),
        Value::Bool(_) | Value::Number(_) => Some(super::logic::js_text(v)),
        _ => None,
    }
}

impl Compiled {
    fn default_outcome(&self, reason: Reason) -> Outcome<'_> {
        match self
            .default_variant
            .as_deref()
            .and_then(|d| self.variants.get_key_value(d))
        {
            Some((k, v)) => Outcome::Served {
                variant: k,
                value: v,
                reason,
            },
            None => Outcome::NoVariant,
        }
    }

    fn resolve(&self, key: &str, ctx: &Context) -> Outcome<'_> {
        if self.state == State::Disabled {
            return Outcome::Disabled;
        }
        let rule = match &self.rule {
            Err(f) => return Outcome::Failed(ErrorCode::ParseError, f.to_string()),
            Ok(None) => return self.default_outcome(Reason::Static),
            Ok(Some(rule)) => rule,
        };
        let timestamp = if rule.uses_flagd() { now() } else { 0 };
        let env = Env {
            ctx,
            flag_key: key,
            timestamp,
        };
        rule.with_result(&env, |result| self.pick(key, result))
    }

    /// The outcome for a targeting result (`None`: a custom operation failed).
    fn pick(&self, key: &str, result: Option<&Value>) -> Outcome<'_> {
        let result = match result {
            None | Some(Value::Null) => return self.default_outcome(Reason::Default),
            Some(r) => r,
        };
        let Some(name) = variant_name(result) else {
            let msg = format!("targeting returned {result}, not a variant name");
            return Outcome::Failed(ErrorCode::General, msg);
        };
        match self.variants.get_key_value(name.as_ref()) {
            Some((k, v)) => Outcome::Served {
                variant: k,
                value: v,
                reason: Reason::TargetingMatch,
            },
            None => {
                let msg =
                    format!("targeting selected variant \"{name}\", undefined in flag \"{key}\"");
                Outcome::Failed(ErrorCode::General, msg)
            }
        }
    }
}

impl Evaluator {
    /// Compiles every flag of `set`. A flag whose targeting does not compile stays in the set and
    /// evaluates to `PARSE_ERROR` (as in flagd); [`Evaluator::faults`] lists them.
    pub fn new(set: &FlagSet, options: EvaluatorOptions) -> Self {
        let flags = set
            .flags
            .iter()
            .map(|(key, flag)| {
                let rule = flag
                    .targeting_rule()
                    .map(|t| {
                        Rule::compile(
                            t,
                            &format!("flags.{key}.targeting"),
                            &set.evaluators,
                            options.fractional,
                        )
                    })
                    .transpose();
                let mut metadata = set.metadata.clone();
                metadata.extend(
                    flag.metadata
                        .iter()
                        .filter(|(_, v)| !v.is_null())
                        .map(|(k, v)| (k.clone(), v.clone())),
                );
                let compiled = Compiled {
                    state: flag.state,
                    variants: flag.variants.clone(),
                    default_variant: flag.default_variant.clone(),
                    rule,
                    metadata,
                };
                (key.clone(), compiled)
            })
            .collect();
        Self {
            flags,
            set_metadata: set.metadata.clone(),
        }
    }

    /// The flags whose targeting did not compile, with the fault.
    pub fn faults(&self) -> impl Iterator<Item = &Fault> {
        self.flags.values().filter_map(|c| c.rule.as_ref().err())
    }

    /// The default variant of flag `key` and its value, whatever the flag's state: what OFREP
    /// serves for a disabled flag, which has no caller's default to fall back on.
    pub fn default_variant(&self, key: &str) -> Option<(&str, &Value)> {
        let flag = self.flags.get(key)?;
        let name = flag.default_variant.as_deref()?;
        flag.variants
            .get_key_value(name)
            .map(|(k, v)| (k.as_str(), v))
    }

    /// The variants of flag `key`, by name.
    pub fn variants(&self, key: &str) -> Option<&Map<String, Value>> {
        self.flags.get(key).map(|flag| &flag.variants)
    }

    /// The flag keys, in order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.flags.keys().map(String::as_str)
    }

    /// Evaluates flag `key` whatever its type; `value` is `None` where OpenFeature would use the
    /// caller's default (errors, disabled flag, no default variant).
    pub fn evaluate(&self, key: &str, ctx: &Context) -> Resolution {
        self.finish(key, ctx, None, |v| Some(v.clone()))
    }

    /// Evaluates flag `key` as a `T`, with the caller's `default` for errors, a disabled flag or
    /// a flag without a default variant; a value of another type gives `TYPE_MISMATCH`.
    pub fn evaluate_as<T: FlagValue>(&self, key: &str, ctx: &Context, default: T) -> Resolution<T> {
        self.finish(key, ctx, Some(default), T::from_value)
    }

    /// Evaluates every enabled flag (flagd's bulk evaluation skips disabled flags), in key order.
    pub fn evaluate_all(&self, ctx: &Context) -> Vec<(String, Resolution)> {
        self.flags
            .iter()
            .filter(|(_, c)| c.state == State::Enabled)
            .map(|(k, _)| (k.clone(), self.evaluate(k, ctx)))
            .collect()
    }

    fn finish<T>(
        &self,
        key: &str,
        ctx: &Context,
        default: Option<T>,
        conv: impl Fn(&Value) -> Option<T>,
    ) -> Resolution<T> {
        let Some(flag) = self.flags.get(key) else {
            let msg = format!("flag not found: \"{key}\"");
            return Resolution::error(
                default,
                ErrorCode::FlagNotFound,
                msg,
                self.set_metadata.clone(),
            );
        };
        let meta = flag.metadata.clone();
        let plain = |reason| Resolution {
            value: None,
            variant: None,
            reason,
            error_code: None,
            error_message: None,
            flag_metadata: Map::new(),
        };
        match flag.resolve(key, ctx) {
            Outcome::Served {
                variant,
                value,
                reason,
            } => match conv(value) {
                Some(v) => Resolution {
                    value: Some(v),
                    variant: Some(variant.to_owned()),
                    flag_metadata: meta,
                    ..plain(reason)
                },
                None => {
                    let msg = format!(
                        "flag \"{key}\" variant \"{variant}\" is not of the requested type"
                    );
                    Resolution::error(default, ErrorCode::TypeMismatch, msg, meta)
                }
            },
            Outcome::NoVariant => Resolution {
                value: default,
                flag_metadata: meta,
                ..plain(Reason::Default)
            },
            Outcome::Disabled => Resolution {
                value: default,
                flag_metadata: meta,
                ..plain(Reason::Disabled)
            },
            Outcome::Failed(code, msg) => Resolution::error(default, code, msg, meta),
        }
    }
}

#[cfg(test)]
mod tests;

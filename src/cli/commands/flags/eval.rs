//! `etcdkit flags eval KEY|--all --context ...`: OpenFeature's evaluation result, computed here.

use clap::Args;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::cli::output::Style;
use crate::cli::{Context, Render};
use crate::config::{parse_value, text, Root};
use crate::error::{Error, ExitStatus, Result};
use crate::flags::{Current, EvaluatorOptions, FractionalVersion, Resolution};

/// Evaluate a flag (or every flag) for a context, as an OpenFeature SDK would
///
/// Reads the flag set at one revision and evaluates locally, as flagd does: the flag's
/// targeting (JSON Logic with fractional, sem_ver, starts_with, ends_with) against the context,
/// which also holds $flagd.flagKey and $flagd.timestamp. Prints OpenFeature's result: the value,
/// the variant, the reason (STATIC, TARGETING_MATCH, DEFAULT, DISABLED, ERROR) and on an error
/// its code (FLAG_NOT_FOUND, PARSE_ERROR, TYPE_MISMATCH, ...). A disabled flag, and an error,
/// give --default (the caller's default), as an SDK would.
///
/// --context takes NAME=VALUE pairs separated by commas; a value is a number or a boolean when
/// it reads as one (30, 2.5, true) and a string otherwise (2.3.1, a@b.c); targetingKey is
/// always a string. --context-json takes a JSON object; both may be given (a name in both is
/// an error).
///
/// Exit codes: 0 evaluated (also DISABLED and DEFAULT); 1 the result is an error
/// (FLAG_NOT_FOUND, TYPE_MISMATCH, PARSE_ERROR, ...; printed all the same); 3 bad input; 4
/// etcd unreachable.
///
/// Examples:
///   etcdkit flags eval new-checkout --context targetingKey=user-1,email=a@example.com
///   etcdkit flags eval banner --context-json '{"targetingKey": "u1", "version": "2.3.1"}' -o json
///   etcdkit flags eval --all --context targetingKey=user-1 -o json | jq '.[] | {key, value}'
///   etcdkit flags eval new-checkout --type bool --default false
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct EvalArgs {
    /// The flag key
    #[arg(
        value_name = "KEY",
        required_unless_present = "all",
        conflicts_with = "all"
    )]
    pub flag: Option<String>,

    /// Every flag
    #[arg(long)]
    pub all: bool,

    /// The evaluation context, as NAME=VALUE pairs separated by commas
    #[arg(long, value_name = "NAME=VALUE,...")]
    pub context: Option<String>,

    /// The evaluation context, as a JSON object
    #[arg(long, value_name = "JSON")]
    pub context_json: Option<String>,

    /// The type the caller expects: bool, string, int, float or object (a flag of another type
    /// is TYPE_MISMATCH) [default: any]
    #[arg(long = "type", value_name = "TYPE", value_parser = TYPES, conflicts_with = "all")]
    pub kind: Option<String>,

    /// The caller's default value (JSON if it parses, else a string): the value of a disabled
    /// flag and of an error
    #[arg(long = "default", value_name = "VALUE", conflicts_with = "all")]
    pub default_value: Option<String>,

    #[command(flatten)]
    pub fractional: FractionalArgs,
}

/// Which bucketing `fractional` uses.
#[derive(Debug, Args)]
pub struct FractionalArgs {
    /// The `fractional` bucketing: v2 (flagd since 2026: integer weights) or v1 (flagd's
    /// earlier percentages)
    #[arg(long, value_name = "VERSION", default_value = "v2", value_parser = ["v1", "v2"])]
    pub fractional: String,
}

impl FractionalArgs {
    /// The evaluation options.
    pub fn options(&self) -> EvaluatorOptions {
        EvaluatorOptions {
            fractional: match self.fractional.as_str() {
                "v1" => FractionalVersion::V1,
                _ => FractionalVersion::V2,
            },
        }
    }
}

/// The types `--type` names, as OpenFeature's typed evaluations.
const TYPES: [&str; 5] = ["bool", "string", "int", "float", "object"];

/// Flag `key` evaluated as the caller asked: typed with `--type` (a flag of another type is
/// TYPE_MISMATCH), the caller's `--default` where OpenFeature gives it (disabled, no default
/// variant, an error).
fn evaluate(
    current: &Current,
    key: &str,
    context: &Map<String, Value>,
    kind: Option<&str>,
    default: Option<Value>,
) -> Result<Resolution> {
    let broken = current.assembled.broken.contains_key(key);
    let need = |what: &str| {
        Error::usage_with_hint(
            format!(
                "--default {} is not {what}",
                default.as_ref().map_or(String::new(), Value::to_string)
            ),
            "give a default of the --type asked for, or leave --default out",
        )
    };
    let evaluator = &current.evaluator;
    let resolution = match kind {
        _ if broken => current.resolve(key, context),
        None => current.resolve(key, context),
        Some("bool") => {
            let d = default
                .as_ref()
                .map_or(Some(false), Value::as_bool)
                .ok_or_else(|| need("a bool"))?;
            evaluator.evaluate_as(key, context, d).into_json()
        }
        Some("string") => {
            let d = match &default {
                None => String::new(),
                Some(Value::String(s)) => s.clone(),
                Some(other) => other.to_string(),
            };
            evaluator.evaluate_as(key, context, d).into_json()
        }
        Some("int") => {
            let d = default
                .as_ref()
                .map_or(Some(0), Value::as_i64)
                .ok_or_else(|| need("an integer within 64 bits"))?;
            evaluator.evaluate_as(key, context, d).into_json()
        }
        Some("float") => {
            let d = default
                .as_ref()
                .map_or(Some(0.0), Value::as_f64)
                .ok_or_else(|| need("a number"))?;
            evaluator.evaluate_as(key, context, d).into_json()
        }
        Some(_) => {
            let d = default.clone().unwrap_or_else(|| Value::Object(Map::new()));
            if !d.is_object() {
                return Err(need("a JSON object"));
            }
            evaluator.evaluate_as(key, context, d).into_json()
        }
    };
    Ok(match (resolution.value.is_none(), default) {
        (true, Some(default)) => Resolution {
            value: Some(default),
            ..resolution
        },
        _ => resolution,
    })
}

/// Runs `etcdkit flags eval`.
pub async fn run(ctx: &Context, root: Root, args: &EvalArgs) -> Result<ExitStatus> {
    let context = context(args.context.as_deref(), args.context_json.as_deref())?;
    let default = args
        .default_value
        .as_deref()
        .map(|d| parse_value(d, None))
        .transpose()?;
    let store = super::store(ctx, root).await?;
    let current = Current::new(store.read().await?, args.fractional.options());
    if args.all {
        let flags: Vec<Evaluated> = current
            .keys()
            .map(|key| Evaluated::of(key, current.resolve(key, &context)))
            .collect();
        ctx.output().emit(&All { flags })?;
        return Ok(ExitStatus::Ok);
    }
    let key = args.flag.as_deref().unwrap_or_default();
    let resolution = evaluate(&current, key, &context, args.kind.as_deref(), default)?;
    let failed = resolution.error_code.is_some();
    ctx.output().emit(&Evaluated::of(key, resolution))?;
    Ok(match failed {
        true => ExitStatus::Negative,
        false => ExitStatus::Ok,
    })
}

/// The context --context and --context-json give.
fn context(pairs: Option<&str>, json: Option<&str>) -> Result<Map<String, Value>> {
    let mut context = match json {
        None => Map::new(),
        Some(text) => match serde_json::from_str(text) {
            Ok(Value::Object(map)) => map,
            Ok(_) => return Err(Error::usage("--context-json is not a JSON object")),
            Err(e) => return Err(Error::usage(format!("--context-json is not JSON: {e}"))),
        },
    };
    for pair in pairs
        .unwrap_or_default()
        .split(',')
        .filter(|p| !p.trim().is_empty())
    {
        let Some((name, value)) = pair.split_once('=') else {
            return Err(Error::usage_with_hint(
                format!("--context: {pair:?} is not NAME=VALUE"),
                "write --context targetingKey=user-1,email=a@example.com",
            ));
        };
        let name = name.trim();
        if name.is_empty() {
            return Err(Error::usage(format!("--context: {pair:?} has no name")));
        }
        let value = match name {
            "targetingKey" => Value::String(value.to_string()),
            _ => match parse_value(value, None)? {
                v @ (Value::Number(_) | Value::Bool(_)) => v,
                _ => Value::String(value.to_string()),
            },
        };
        if context.insert(name.to_string(), value).is_some() {
            return Err(Error::usage(format!("the context names {name} twice")));
        }
    }
    Ok(context)
}

/// One flag's result, as OpenFeature's evaluation details.
#[derive(Serialize)]
struct Evaluated {
    key: String,
    #[serde(flatten)]
    resolution: Resolution,
}

impl Evaluated {
    fn of(key: &str, resolution: Resolution) -> Evaluated {
        Evaluated {
            key: key.to_string(),
            resolution,
        }
    }

    fn line(&self) -> String {
        let r = &self.resolution;
        let value = r
            .value
            .as_ref()
            .map_or("(none)".to_string(), |v| v.to_string());
        let mut line = format!("{} = {value} ({}", self.key, name(&r.reason));
        if let Some(variant) = &r.variant {
            line.push_str(&format!(", variant {variant}"));
        }
        if let Some(code) = &r.error_code {
            line.push_str(&format!(", {}", name(code)));
        }
        if let Some(message) = &r.error_message {
            line.push_str(&format!(": {message}"));
        }
        line.push_str(")\n");
        line
    }
}

impl Render for Evaluated {
    fn table(&self, _style: &Style) -> String {
        self.line()
    }

    fn plain(&self) -> String {
        match &self.resolution.value {
            Some(v) => format!("{}\n", text(v)),
            None => "\n".into(),
        }
    }
}

/// OpenFeature's name of a reason or an error code (`TARGETING_MATCH`).
fn name(what: &impl Serialize) -> String {
    serde_json::to_value(what)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// Every flag's result.
#[derive(Serialize)]
struct All {
    flags: Vec<Evaluated>,
}

impl Render for All {
    fn table(&self, _style: &Style) -> String {
        self.flags.iter().map(Evaluated::line).collect()
    }

    fn plain(&self) -> String {
        self.flags
            .iter()
            .map(|e| {
                let value = e
                    .resolution
                    .value
                    .as_ref()
                    .map_or(String::new(), |v| v.to_string());
                format!("{} {value}\n", e.key)
            })
            .collect()
    }
}

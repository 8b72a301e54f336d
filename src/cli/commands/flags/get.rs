//! `etcdkit flags get KEY` and `etcdkit flags list`.

use clap::Args;
use serde::Serialize;
use serde_json::Value;

use crate::cli::output::Style;
use crate::cli::{Context, Render};
use crate::config::Root;
use crate::error::{ExitStatus, Result};
use crate::flags::StoredFlag;

/// Print a flag's definition
///
/// Prints the flag object in flagd's format (pretty JSON); -o json adds the revision that last
/// changed it (what `flags set --if-revision` takes).
///
/// Exit codes: 0 printed; 1 no such flag; 3 bad input; 4 etcd unreachable.
///
/// Examples:
///   etcdkit flags get new-checkout
///   etcdkit flags get new-checkout -o json | jq .mod_revision
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct GetArgs {
    /// The flag key
    #[arg(value_name = "KEY")]
    pub flag: String,
}

/// List the flags: state, variants, default, targeting
///
/// Reads the whole flag set at one revision. A flag stored by another tool that is not a valid
/// definition is listed as INVALID with its fault (evaluations of it are a PARSE_ERROR).
///
/// Exit codes: 0 listed (also none); 3 bad input; 4 etcd unreachable.
///
/// Examples:
///   etcdkit flags list
///   etcdkit flags list -o json | jq -r '.flags[] | select(.state == "disabled") | .key'
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct ListArgs {}

/// Runs `etcdkit flags get`.
pub async fn run(ctx: &Context, root: Root, args: &GetArgs) -> Result<ExitStatus> {
    let store = super::store(ctx, root).await?;
    let flag = store.get(&args.flag).await?;
    ctx.output().emit(&Shown(flag))?;
    Ok(ExitStatus::Ok)
}

/// What get prints.
#[derive(Serialize)]
struct Shown(StoredFlag);

impl Render for Shown {
    fn table(&self, _style: &Style) -> String {
        let text = serde_json::to_string_pretty(&self.0.flag).unwrap_or_default();
        format!("{text}\n")
    }

    fn plain(&self) -> String {
        format!("{}\n", self.0.flag)
    }
}

/// Runs `etcdkit flags list`.
pub async fn list(ctx: &Context, root: Root, _args: &ListArgs) -> Result<ExitStatus> {
    let store = super::store(ctx, root).await?;
    let set = store.read().await?;
    let flags_doc = set.document.get("flags").and_then(Value::as_object);
    let mut flags = Vec::new();
    for (key, revision) in &set.revisions {
        let row = match (flags_doc.and_then(|f| f.get(key)), set.broken.get(key)) {
            (Some(flag), _) => Row::of(key, flag, *revision),
            (None, fault) => Row {
                key: key.clone(),
                state: "invalid".into(),
                variants: Vec::new(),
                default_variant: None,
                targeting: false,
                mod_revision: *revision,
                fault: fault.map(ToString::to_string),
            },
        };
        flags.push(row);
    }
    ctx.output().emit(&Listed {
        revision: set.revision,
        flags,
    })?;
    Ok(ExitStatus::Ok)
}

/// One flag in the list.
#[derive(Serialize)]
struct Row {
    key: String,
    /// `enabled`, `disabled` or `invalid` (flagd's words in lower case, as every enumeration in
    /// etcdkit's JSON).
    state: String,
    variants: Vec<String>,
    default_variant: Option<String>,
    targeting: bool,
    mod_revision: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    fault: Option<String>,
}

impl Row {
    fn of(key: &str, flag: &Value, mod_revision: i64) -> Row {
        let targeting = flag
            .get("targeting")
            .is_some_and(|t| !t.is_null() && t.as_object().is_none_or(|o| !o.is_empty()));
        Row {
            key: key.to_string(),
            state: flag
                .get("state")
                .and_then(Value::as_str)
                .unwrap_or("?")
                .to_ascii_lowercase(),
            variants: flag
                .get("variants")
                .and_then(Value::as_object)
                .map(|v| v.keys().cloned().collect())
                .unwrap_or_default(),
            default_variant: flag
                .get("defaultVariant")
                .and_then(Value::as_str)
                .map(str::to_string),
            targeting,
            mod_revision,
            fault: None,
        }
    }
}

/// What list prints.
#[derive(Serialize)]
struct Listed {
    revision: i64,
    flags: Vec<Row>,
}

impl Render for Listed {
    fn table(&self, style: &Style) -> String {
        if self.flags.is_empty() {
            return format!("no flags (revision {})\n", self.revision);
        }
        let mut table = style.table(&[
            "FLAG",
            "STATE",
            "VARIANTS",
            "DEFAULT",
            "TARGETING",
            "REVISION",
        ]);
        for r in &self.flags {
            table.add_row(vec![
                r.key.clone(),
                r.state.to_ascii_uppercase(),
                match &r.fault {
                    Some(fault) => fault.clone(),
                    None => r.variants.join(", "),
                },
                r.default_variant
                    .clone()
                    .unwrap_or_else(|| "(caller's)".into()),
                if r.targeting { "yes" } else { "no" }.into(),
                r.mod_revision.to_string(),
            ]);
        }
        style.fit(&mut table, &[2]);
        format!("{table}\n")
    }

    fn plain(&self) -> String {
        self.flags
            .iter()
            .map(|r| format!("{} {}\n", r.key, r.state.to_ascii_uppercase()))
            .collect()
    }
}

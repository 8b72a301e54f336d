//! `etcdkit flags set KEY ...` and `etcdkit flags delete KEY`.

use clap::Args;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::cli::commands::config::{read_value, ReasonArgs};
use crate::cli::output::Style;
use crate::cli::{Context, Render};
use crate::config::{parse_value, Expect, Root, Written};
use crate::error::{Error, ExitStatus, Result};

/// Define a flag, or replace its definition (validated, guarded, recorded)
///
/// Either the whole flag object in flagd's format from --file (`-`: stdin), or built from
/// --variants, --default, --targeting and --disabled. The definition is checked before anything
/// is written: state ENABLED or DISABLED, variants all of one type (all booleans, strings,
/// numbers or objects), defaultVariant among them, targeting that parses as JSON Logic and uses
/// only known operations and $evaluators that exist. A fault is named by its path
/// (flags.KEY.targeting.if[0]) and nothing is written. The write is one transaction with its
/// audit record (who, host, time, --reason); --if-revision and --if-absent guard it.
///
/// A variant's value is JSON when it parses (true, 5, {"a":1}, "quoted") and a string otherwise.
///
/// Exit codes: 0 set; 1 the flag was not as --if-revision or --if-absent expected (nothing
/// written); 3 an invalid definition or bad input (nothing written); 4 etcd unreachable.
///
/// Examples:
///   etcdkit flags set new-checkout --variants on=true,off=false --default off --reason "ship dark"
///   etcdkit flags set banner --variants red=red,blue=blue --default red --targeting '{"fractional": [["red", 50], ["blue", 50]]}'
///   etcdkit flags set beta --file beta.json --if-revision 42
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct SetArgs {
    /// The flag key
    #[arg(value_name = "KEY")]
    pub flag: String,

    /// The whole flag object in flagd's format, from this file (`-`: standard input)
    #[arg(long, value_name = "FILE", conflicts_with_all = ["variants", "default_variant", "targeting", "disabled"])]
    pub file: Option<std::path::PathBuf>,

    /// The variants, as NAME=VALUE pairs separated by commas
    #[arg(long, value_name = "NAME=VALUE,...", required_unless_present = "file")]
    pub variants: Option<String>,

    /// The variant served when targeting does not pick one [default: none: the caller's
    /// default]
    #[arg(long = "default", value_name = "VARIANT")]
    pub default_variant: Option<String>,

    /// The targeting rule, as JSON Logic
    #[arg(long, value_name = "JSON")]
    pub targeting: Option<String>,

    /// Store the flag turned off (state DISABLED)
    #[arg(long)]
    pub disabled: bool,

    #[command(flatten)]
    pub guard: GuardArgs,

    #[command(flatten)]
    pub reason: ReasonArgs,
}

/// The compare-and-swap of a write.
#[derive(Debug, Args)]
pub struct GuardArgs {
    /// Write only if the flag was last changed at this revision (compare-and-swap)
    #[arg(long, value_name = "REVISION", conflicts_with = "if_absent", value_parser = clap::value_parser!(i64).range(1..))]
    pub if_revision: Option<i64>,

    /// Write only if the flag does not exist
    #[arg(long)]
    pub if_absent: bool,
}

impl GuardArgs {
    fn expect(&self) -> Expect {
        match (self.if_revision, self.if_absent) {
            (Some(r), _) => Expect::Revision(r),
            (None, true) => Expect::Absent,
            (None, false) => Expect::Any,
        }
    }
}

/// Delete a flag (one transaction, recorded)
///
/// Exit codes: 0 deleted; 1 no such flag, or not at --if-revision; 3 bad input; 4 etcd
/// unreachable.
///
/// Examples:
///   etcdkit flags delete old-banner --reason "fully rolled out"
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct DeleteArgs {
    /// The flag key
    #[arg(value_name = "KEY")]
    pub flag: String,

    /// Delete only if the flag was last changed at this revision
    #[arg(long, value_name = "REVISION", value_parser = clap::value_parser!(i64).range(1..))]
    pub if_revision: Option<i64>,

    #[command(flatten)]
    pub reason: ReasonArgs,
}

/// Runs `etcdkit flags set`.
pub async fn run(ctx: &Context, root: Root, args: &SetArgs) -> Result<ExitStatus> {
    let reason = args.reason.get()?;
    let flag = match &args.file {
        Some(path) => {
            let text = read_value(path)?;
            serde_json::from_str(&text).map_err(|e| {
                Error::usage(format!(
                    "{} is not JSON: {e}; nothing written",
                    path.display()
                ))
            })?
        }
        None => built(args)?,
    };
    let store = super::store(ctx, root).await?;
    let written = store
        .set(&args.flag, flag, args.guard.expect(), reason)
        .await?;
    ctx.output().emit(&Wrote(written))?;
    Ok(ExitStatus::Ok)
}

/// The flag object --variants, --default, --targeting and --disabled describe.
fn built(args: &SetArgs) -> Result<Value> {
    let given = args.variants.as_deref().unwrap_or_default();
    let mut variants = Map::new();
    for pair in given.split(',').filter(|p| !p.trim().is_empty()) {
        let Some((name, value)) = pair.split_once('=') else {
            return Err(Error::usage_with_hint(
                format!("--variants: {pair:?} is not NAME=VALUE"),
                "write --variants on=true,off=false",
            ));
        };
        let name = name.trim();
        if name.is_empty() {
            return Err(Error::usage(format!(
                "--variants: {pair:?} has no variant name"
            )));
        }
        if variants
            .insert(name.to_string(), parse_value(value, None)?)
            .is_some()
        {
            return Err(Error::usage(format!("--variants names {name} twice")));
        }
    }
    if variants.is_empty() {
        return Err(Error::usage_with_hint(
            "--variants is empty",
            "write --variants on=true,off=false",
        ));
    }
    let mut flag = Map::new();
    let state = if args.disabled { "DISABLED" } else { "ENABLED" };
    flag.insert("state".into(), Value::String(state.into()));
    flag.insert("variants".into(), Value::Object(variants));
    flag.insert(
        "defaultVariant".into(),
        args.default_variant
            .clone()
            .map_or(Value::Null, Value::String),
    );
    if let Some(text) = &args.targeting {
        let targeting: Value = serde_json::from_str(text)
            .map_err(|e| Error::usage(format!("--targeting is not JSON: {e}; nothing written")))?;
        flag.insert("targeting".into(), targeting);
    }
    Ok(Value::Object(flag))
}

/// Runs `etcdkit flags delete`.
pub async fn delete(ctx: &Context, root: Root, args: &DeleteArgs) -> Result<ExitStatus> {
    let reason = args.reason.get()?;
    let expect = args.if_revision.map_or(Expect::Any, Expect::Revision);
    let store = super::store(ctx, root).await?;
    let written = store.delete(&args.flag, expect, reason).await?;
    ctx.output().emit(&Wrote(written))?;
    Ok(ExitStatus::Ok)
}

/// What set, delete, enable and disable print: each flag's change and the new revision.
#[derive(Serialize)]
pub(super) struct Wrote(pub Written);

impl Render for Wrote {
    fn table(&self, _style: &Style) -> String {
        let mut out = String::new();
        for c in &self.0.changes {
            let state = |v: &Option<Value>| {
                v.as_ref()
                    .and_then(|f| f.get("state"))
                    .and_then(Value::as_str)
                    .unwrap_or("?")
                    .to_string()
            };
            match (&c.old, &c.new) {
                (None, Some(_)) => {
                    out.push_str(&format!("defined {} ({})\n", c.key, state(&c.new)))
                }
                (Some(_), Some(_)) if state(&c.old) != state(&c.new) => out.push_str(&format!(
                    "{}: {} -> {}\n",
                    c.key,
                    state(&c.old),
                    state(&c.new)
                )),
                (Some(_), Some(_)) => {
                    out.push_str(&format!("changed {} ({})\n", c.key, state(&c.new)))
                }
                (_, None) => out.push_str(&format!("deleted {}\n", c.key)),
            }
        }
        out.push_str(&format!("revision {}\n", self.0.revision));
        out
    }

    fn plain(&self) -> String {
        format!("{}\n", self.0.revision)
    }
}

//! `etcdkit flags enable KEY` and `etcdkit flags disable KEY|--all`: the kill switch.

use clap::Args;
use serde::Serialize;

use super::set::Wrote;
use crate::cli::commands::config::ReasonArgs;
use crate::cli::output::Style;
use crate::cli::{Context, Render};
use crate::config::{Limits, Root};
use crate::error::{ExitStatus, Result};

/// Turn a flag on (state ENABLED)
///
/// Sets the flag's state and keeps the rest of its definition; a flag changed by someone else
/// meanwhile is read again, so no change of theirs is lost. One transaction with its audit
/// record.
///
/// Exit codes: 0 enabled (or already was); 1 no such flag; 3 bad input; 4 etcd unreachable.
///
/// Examples:
///   etcdkit flags enable new-checkout --reason "errors fixed"
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct EnableArgs {
    /// The flag key
    #[arg(value_name = "KEY")]
    pub flag: String,

    #[command(flatten)]
    pub reason: ReasonArgs,
}

/// Turn a flag off (state DISABLED), or every flag with --all: the kill switch
///
/// A disabled flag evaluates to the caller's default with reason DISABLED in every OpenFeature
/// SDK. The rest of the definition is kept, so `flags enable` puts it back as it was. --all
/// turns every enabled flag off in ONE transaction (all or none), each guarded on the revision
/// read; a flag changed meanwhile makes it read again. etcd takes at most 128 operations in one
/// transaction (one is the audit record): with more enabled flags --all is refused unless
/// --max-txn-ops says etcd takes more.
///
/// Exit codes: 0 disabled (or already were); 1 no such flag; 3 bad input or too many flags for
/// one transaction (nothing written); 4 etcd unreachable.
///
/// Examples:
///   etcdkit flags disable new-checkout --reason "checkout errors, INC-123"
///   etcdkit flags disable --all --reason "incident: everything off"
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct DisableArgs {
    /// The flag key
    #[arg(
        value_name = "KEY",
        required_unless_present = "all",
        conflicts_with = "all"
    )]
    pub flag: Option<String>,

    /// Every enabled flag, in one transaction
    #[arg(long)]
    pub all: bool,

    /// The --max-txn-ops etcd runs with, when not its default 128 (--all)
    #[arg(long, value_name = "N", requires = "all", value_parser = clap::value_parser!(u32).range(2..))]
    pub max_txn_ops: Option<u32>,

    #[command(flatten)]
    pub reason: ReasonArgs,
}

/// Runs `etcdkit flags enable`.
pub async fn enable(ctx: &Context, root: Root, args: &EnableArgs) -> Result<ExitStatus> {
    switch(ctx, root, &args.flag, true, &args.reason).await
}

/// Runs `etcdkit flags disable`.
pub async fn disable(ctx: &Context, root: Root, args: &DisableArgs) -> Result<ExitStatus> {
    let Some(flag) = &args.flag else {
        let reason = args.reason.get()?;
        let mut store = super::store(ctx, root).await?;
        if let Some(n) = args.max_txn_ops {
            let tree = store.tree().clone();
            let limits = Limits {
                max_txn_ops: n as usize,
                ..tree.limits()
            };
            store = store.with_tree(tree.with_limits(limits));
        }
        return match store.disable_all(reason).await? {
            Some(written) => {
                ctx.output().emit(&Wrote(written))?;
                Ok(ExitStatus::Ok)
            }
            None => unchanged(ctx, "every flag", false),
        };
    };
    switch(ctx, root, flag, false, &args.reason).await
}

async fn switch(
    ctx: &Context,
    root: Root,
    flag: &str,
    on: bool,
    reason: &ReasonArgs,
) -> Result<ExitStatus> {
    let reason = reason.get()?;
    let store = super::store(ctx, root).await?;
    match store.set_state(flag, on, reason).await? {
        Some(written) => {
            ctx.output().emit(&Wrote(written))?;
            Ok(ExitStatus::Ok)
        }
        None => unchanged(ctx, flag, on),
    }
}

fn unchanged(ctx: &Context, what: &str, on: bool) -> Result<ExitStatus> {
    ctx.output().emit(&Unchanged {
        flag: what.to_string(),
        state: if on { "enabled" } else { "disabled" }.to_string(),
        changed: false,
    })?;
    Ok(ExitStatus::Ok)
}

/// What enable/disable print when nothing had to change.
#[derive(Serialize)]
struct Unchanged {
    flag: String,
    state: String,
    changed: bool,
}

impl Render for Unchanged {
    fn table(&self, _style: &Style) -> String {
        let state = self.state.to_ascii_uppercase();
        format!("{} already {state}: nothing written\n", self.flag)
    }

    fn plain(&self) -> String {
        self.table(&Style::default())
    }
}

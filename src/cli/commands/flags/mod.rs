//! `etcdkit flags`: OpenFeature-compatible feature flags stored in etcd in flagd's format,
//! evaluated locally and served over OFREP and flagd's sync protocol.

mod eval;
mod format;
mod get;
mod import;
mod log;
mod serve;
mod set;
mod state;
mod watch;

use clap::{Args, Subcommand};

use crate::cli::Context;
use crate::error::{ExitStatus, Result};
use crate::flags::FlagStore;

pub use format::FORMAT_REFERENCE;

/// What every flags command's help ends with: the key layout.
const LAYOUT: &str = "\
Keys (ROOT is --root, default /flags):
  ROOT/KEY               a flag: flagd's flag object, as JSON
                         {\"state\": \"ENABLED\", \"variants\": {...}, \"defaultVariant\": \"off\",
                          \"targeting\": {JSON Logic}, \"metadata\": {...}}
  ROOT/$evaluators/NAME  a shared targeting rule, used in a flag as {\"$ref\": \"NAME\"}
  ROOT/$metadata         the flag set's metadata
  ROOT/.audit            who made the latest write, when and why (its history is the log)
`etcdkit help flags-format` describes the flag format and the targeting operations.";

/// Feature flags in etcd: define, switch, evaluate, serve to OpenFeature SDKs
///
/// Flags are stored one key per flag in flagd's flag format (the format of OpenFeature's
/// reference flag daemon), so `flags import flagd.json` moves a flagd user's flags over and
/// `flags export` gives them back. Every write is validated first and is one transaction with
/// its audit record (who, where, --reason). Evaluation is local: `flags eval` from one read,
/// `flags serve` from a copy kept current by a watch, over OFREP (OpenFeature's remote
/// evaluation protocol) and flagd's gRPC sync protocol.
///
/// Exit codes: 0 done; 1 not found, or a guarded write found the flag changed (nothing
/// written); 3 bad input, such as an invalid definition (nothing written); 4 etcd unreachable;
/// 5 credentials refused.
///
/// Examples:
///   etcdkit flags set new-checkout --variants on=true,off=false --default off --reason "ship dark"
///   etcdkit flags eval new-checkout --context targetingKey=user-1
///   etcdkit flags disable new-checkout --reason "checkout errors"
///   etcdkit flags serve --listen 127.0.0.1:8016
#[derive(Debug, Args)]
#[command(verbatim_doc_comment, after_long_help = LAYOUT)]
pub struct FlagsArgs {
    /// The key prefix the flag set lives under
    #[arg(long, global = true, env = "ETCDKIT_FLAGS_ROOT", hide_env_values = true, default_value = crate::flags::DEFAULT_ROOT, value_name = "PREFIX")]
    pub root: String,

    #[command(subcommand)]
    pub command: FlagsCommand,
}

/// The flags commands.
#[derive(Debug, Subcommand)]
pub enum FlagsCommand {
    #[command(after_long_help = LAYOUT)]
    Set(set::SetArgs),
    #[command(after_long_help = LAYOUT)]
    Enable(state::EnableArgs),
    #[command(after_long_help = LAYOUT)]
    Disable(state::DisableArgs),
    #[command(after_long_help = LAYOUT)]
    Get(get::GetArgs),
    #[command(after_long_help = LAYOUT)]
    List(get::ListArgs),
    #[command(after_long_help = LAYOUT)]
    Delete(set::DeleteArgs),
    #[command(after_long_help = LAYOUT)]
    Import(import::ImportArgs),
    #[command(after_long_help = LAYOUT)]
    Export(import::ExportArgs),
    #[command(after_long_help = LAYOUT)]
    Log(log::LogArgs),
    #[command(after_long_help = LAYOUT)]
    Eval(eval::EvalArgs),
    #[command(after_long_help = LAYOUT)]
    Watch(watch::WatchArgs),
    #[command(after_long_help = LAYOUT)]
    Serve(serve::ServeArgs),
}

/// Runs `etcdkit flags`.
pub async fn run(ctx: &Context, args: &FlagsArgs) -> Result<ExitStatus> {
    let root = crate::flags::root(&args.root)?;
    match &args.command {
        FlagsCommand::Set(a) => set::run(ctx, root, a).await,
        FlagsCommand::Enable(a) => state::enable(ctx, root, a).await,
        FlagsCommand::Disable(a) => state::disable(ctx, root, a).await,
        FlagsCommand::Get(a) => get::run(ctx, root, a).await,
        FlagsCommand::List(a) => get::list(ctx, root, a).await,
        FlagsCommand::Delete(a) => set::delete(ctx, root, a).await,
        FlagsCommand::Import(a) => import::run(ctx, root, a).await,
        FlagsCommand::Export(a) => import::export(ctx, root, a).await,
        FlagsCommand::Log(a) => log::run(ctx, root, a).await,
        FlagsCommand::Eval(a) => eval::run(ctx, root, a).await,
        FlagsCommand::Watch(a) => watch::run(ctx, root, a).await,
        FlagsCommand::Serve(a) => serve::run(ctx, root, a).await,
    }
}

/// The flag set under `root`, connected.
async fn store(ctx: &Context, root: crate::config::Root) -> Result<FlagStore> {
    let target = ctx.conn()?.resolve()?;
    let client = target.connect().await?;
    Ok(FlagStore::new(&target, &client, root))
}

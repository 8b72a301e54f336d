//! `etcdkit config`: typed configuration in etcd, rendered and reloaded safely, with history
//! and snapshots.

mod exec;
mod export;
mod get;
mod history;
mod import;
mod list;
mod render;
mod schema;
mod set;
mod watch;

pub(crate) use history::{audit_cells, revision_cell};
pub use import::{apply_plan, ApplyArgs};
pub use set::{read_value, ReasonArgs};

use clap::{Args, Subcommand};

use crate::cli::supervise::{self, Signals};
use crate::cli::Context;
use crate::config::{Root, Store, TreeFollow, Watched};
use crate::error::{ExitStatus, Result};

/// What every config command's help ends with: the key layout.
const LAYOUT: &str = "\
Keys (ROOT is --root, default /config; KEY is relative to it: db/host or /db/host):
  ROOT/KEY             the value, as JSON text (\"text\", 5432, true, {...}, [...], null)
  ROOT/.audit          who made the latest write, when and why: written in the same
                       transaction as every etcdkit write; its history is the audit log
  ROOT/.schema/PREFIX  the JSON Schema every write under PREFIX is checked against
Key segments never start with `.`. A value another tool wrote that is not JSON reads as a
string.";

/// Typed configuration: get, set, list, render to files, run with it as environment
///
/// A tree of typed values (JSON: strings, numbers, bools, objects, arrays) under --root. Every
/// write is one transaction that also records who made it and why (--reason), can be made
/// conditional (--if-revision, --if-absent) and is checked against the subtree's JSON Schema
/// when there is one. Reads are at one revision.
///
/// Exit codes: 0 done; 1 not found, or a guarded write found the key changed (nothing written);
/// 3 bad input (nothing written); 4 etcd unreachable; 5 credentials refused.
///
/// Examples:
///   etcdkit config set db/port 5432 --reason "move to the new primary"
///   etcdkit config get db/port
///   etcdkit config list db -o json | jq .config.port
#[derive(Debug, Args)]
#[command(verbatim_doc_comment, after_long_help = LAYOUT)]
pub struct ConfigArgs {
    /// The key prefix the tree lives under
    #[arg(long, global = true, env = "ETCDKIT_CONFIG_ROOT", hide_env_values = true, default_value = crate::config::DEFAULT_ROOT, value_name = "PREFIX")]
    pub root: String,

    #[command(subcommand)]
    pub command: ConfigCommand,
}

/// The config commands.
#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    #[command(after_long_help = LAYOUT)]
    Get(get::GetArgs),
    #[command(after_long_help = LAYOUT)]
    Set(set::SetArgs),
    #[command(after_long_help = LAYOUT)]
    Delete(set::DeleteArgs),
    #[command(after_long_help = LAYOUT)]
    List(list::ListArgs),
    #[command(after_long_help = LAYOUT)]
    Tree(list::TreeArgs),
    #[command(after_long_help = LAYOUT)]
    History(history::HistoryArgs),
    #[command(after_long_help = LAYOUT)]
    Diff(history::DiffArgs),
    #[command(after_long_help = LAYOUT)]
    Schema(schema::SchemaArgs),
    #[command(after_long_help = LAYOUT)]
    Exec(exec::ExecArgs),
    #[command(after_long_help = LAYOUT)]
    Watch(watch::WatchArgs),
    #[command(after_long_help = LAYOUT)]
    Render(render::RenderArgs),
    #[command(after_long_help = LAYOUT)]
    Export(export::ExportArgs),
    #[command(after_long_help = LAYOUT)]
    Import(import::ImportArgs),
}

/// Runs `etcdkit config`.
pub async fn run(ctx: &Context, args: &ConfigArgs) -> Result<ExitStatus> {
    let root = Root::new(&args.root)?;
    match &args.command {
        ConfigCommand::Get(a) => get::run(ctx, root, a).await,
        ConfigCommand::Set(a) => set::run(ctx, root, a).await,
        ConfigCommand::Delete(a) => set::delete(ctx, root, a).await,
        ConfigCommand::List(a) => list::run(ctx, root, a).await,
        ConfigCommand::Tree(a) => list::tree(ctx, root, a).await,
        ConfigCommand::History(a) => history::run(ctx, root, a).await,
        ConfigCommand::Diff(a) => history::diff(ctx, root, a).await,
        ConfigCommand::Schema(a) => schema::run(ctx, root, a).await,
        ConfigCommand::Exec(a) => exec::run(ctx, root, a).await,
        ConfigCommand::Watch(a) => watch::run(ctx, root, a).await,
        ConfigCommand::Render(a) => render::run(ctx, root, a).await,
        ConfigCommand::Export(a) => export::run(ctx, root, a).await,
        ConfigCommand::Import(a) => import::run(ctx, root, a).await,
    }
}

/// The tree under `root`, connected.
async fn store(ctx: &Context, root: Root) -> Result<Store> {
    let target = ctx.conn()?.resolve()?;
    let client = target.connect().await?;
    Ok(Store::new(&target, &client, root))
}

/// Starts following `watched`: the values at one revision, then their changes. At the start an
/// unreachable cluster is an error (after the dial timeout); once following, the follow waits
/// for a member. A signal before the values are read ends it: `Err` with the exit status.
pub(crate) async fn follow(
    ctx: &Context,
    root: Root,
    watched: &Watched,
    signals: &mut Signals,
) -> Result<std::result::Result<TreeFollow, ExitStatus>> {
    let conn = ctx.conn()?;
    let target = conn.resolve()?;
    let start = TreeFollow::start(&target, root, watched, Some(conn.dial_timeout));
    let mut follow = tokio::select! {
        follow = start => follow?,
        sig = signals.next() => return Ok(Err(supervise::interrupted_by(sig))),
    };
    follow.set_give_up_after(None);
    Ok(Ok(follow))
}

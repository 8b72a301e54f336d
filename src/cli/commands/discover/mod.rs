//! `etcdkit discover`: a service registry with health checks that grpc clients can read.

mod drain;
mod list;
mod pick;
mod register;
mod turns;
mod watch;

use clap::{Args, Subcommand};

use crate::cli::Context;
use crate::discover::{Layout, Registry};
use crate::error::{ExitStatus, Result};

/// What every discover command's help ends with: the key layout.
const LAYOUT: &str = "\
Keys (ROOT is --root, default /services; every key but a drain mark is on the registrar's
lease, so a registrar that dies is gone within its --ttl):
  ROOT/SERVICE/ID          instances that serve (passing, not drained): what grpc clients read
  ROOT/.all/SERVICE/ID     every registered instance, whatever its health (list --all)
  ROOT/.drain/SERVICE/ID   drained instances (kept until undrain, also across restarts)
Values are etcd's gRPC naming JSON, {\"Op\":0,\"Addr\":\"HOST:PORT\",\"Metadata\":{...}}, with
etcdkit's record as Metadata: grpc-go's etcd resolver (etcd:///ROOT/SERVICE; with the default
root, etcd:////services/api, the key starting with /) and etcd 3.4's GRPCResolver read them.";

/// Service discovery: register instances with health checks, list, watch and pick them
///
/// Instances of a service register with a health check and stay registered while their
/// registrar (`discover register`) runs: through a leader change, a member killed or a
/// partition longer than the TTL (the instance is put back as soon as etcd answers again).
/// Only passing, undrained instances are where grpc clients look; `list --all` shows the rest.
///
/// Exit codes: 0 done; 1 no such instance (drain) or none that serves (pick); 3 bad input
/// (nothing registered); 4 etcd unreachable; 5 credentials refused; sidecar mode passes on
/// CMD's code.
///
/// Examples:
///   etcdkit discover register api --addr 10.0.0.5:8080 --check-http http://10.0.0.5:8080/health
///   etcdkit discover list api --all
///   etcdkit discover watch api -o json
///   curl "http://$(etcdkit discover pick api)/"
#[derive(Debug, Args)]
#[command(verbatim_doc_comment, after_long_help = LAYOUT)]
pub struct DiscoverArgs {
    /// The key prefix services live under
    #[arg(long, global = true, env = "ETCDKIT_DISCOVER_ROOT", hide_env_values = true, default_value = crate::discover::DEFAULT_ROOT, value_name = "PREFIX")]
    pub root: String,

    #[command(subcommand)]
    pub command: DiscoverCommand,
}

/// The discover commands.
#[derive(Debug, Subcommand)]
pub enum DiscoverCommand {
    #[command(after_long_help = LAYOUT)]
    Register(Box<register::RegisterArgs>),
    #[command(after_long_help = LAYOUT)]
    List(list::ListArgs),
    #[command(after_long_help = LAYOUT)]
    Services(list::ServicesArgs),
    #[command(after_long_help = LAYOUT)]
    Watch(watch::WatchArgs),
    #[command(after_long_help = LAYOUT)]
    Pick(pick::PickArgs),
    #[command(after_long_help = LAYOUT)]
    Drain(drain::DrainArgs),
    #[command(after_long_help = LAYOUT)]
    Undrain(drain::UndrainArgs),
}

/// Runs `etcdkit discover`.
pub async fn run(ctx: &Context, args: &DiscoverArgs) -> Result<ExitStatus> {
    let layout = Layout::new(&args.root)?;
    match &args.command {
        DiscoverCommand::Register(a) => register::run(ctx, layout, a).await,
        DiscoverCommand::List(a) => list::run(ctx, layout, a).await,
        DiscoverCommand::Services(a) => list::services(ctx, layout, a).await,
        DiscoverCommand::Watch(a) => watch::run(ctx, layout, a).await,
        DiscoverCommand::Pick(a) => pick::run(ctx, layout, a).await,
        DiscoverCommand::Drain(a) => drain::run(ctx, layout, &a.instance, true).await,
        DiscoverCommand::Undrain(a) => drain::run(ctx, layout, &a.instance, false).await,
    }
}

/// A registry under `layout`, connected.
async fn registry(ctx: &Context, layout: Layout) -> Result<Registry> {
    let target = ctx.conn()?.resolve()?;
    let client = target.connect().await?;
    Ok(Registry::new(&target, &client, layout))
}

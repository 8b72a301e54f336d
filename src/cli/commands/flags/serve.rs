//! `etcdkit flags serve`: OFREP and flagd's gRPC sync, from a flag set kept current by a watch.

use std::sync::Arc;

use clap::Args;

use super::eval::FractionalArgs;
use crate::cli::supervise::{self, Signals};
use crate::cli::Context;
use crate::config::Root;
use crate::error::{ExitStatus, Result};
use crate::flags::{ofrep, sync, Live};

/// Serve the flags to OpenFeature SDKs: OFREP over HTTP, flagd's sync over gRPC
///
/// Reads the flag set once, then follows it with a watch (through member loss, leader changes
/// and compactions): a change in etcd is served as soon as the watch delivers it, and no
/// evaluation goes to etcd. On --listen (HTTP/1.1, keep-alive):
///   POST /ofrep/v1/evaluate/flags/KEY   one flag, body {"context": {...}}: 200 with
///                                       {key, value, reason, variant, metadata}; 404
///                                       FLAG_NOT_FOUND; 400 for the other errors
///   POST /ofrep/v1/evaluate/flags       every flag ({"flags": [...]}), with an ETag; a request
///                                       with If-None-Match of the same answer gets 304
///   GET  /healthz                       200 {"status": "ok", "revision": N} while following
/// OpenFeature's OFREP providers (any language) point at http://ADDR.
///
/// On --sync-listen, flagd's gRPC sync service (flagd.sync.v1.FlagSyncService: SyncFlags streams
/// the whole flag set as flagd's JSON at once and on every change; FetchAllFlags answers it
/// once), so flagd itself (a grpc source) and OpenFeature's flagd providers in in-process mode
/// take their flags from etcd and evaluate them locally.
///
/// A bare port listens on 127.0.0.1. SIGINT or SIGTERM stops it.
///
/// Exit codes: 0 stopped by SIGINT or SIGTERM; 3 bad input, or an address that cannot be
/// listened on; 4 etcd unreachable at the start (later it waits for a member and serves what
/// it has); 5 credentials refused.
///
/// Examples:
///   etcdkit flags serve --listen 127.0.0.1:8016
///   etcdkit flags serve --listen 8016 --sync-listen 8015
///   curl -s -X POST localhost:8016/ofrep/v1/evaluate/flags/new-checkout -d '{"context":{"targetingKey":"u1"}}'
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct ServeArgs {
    /// Serve OFREP and /healthz on this address (HOST:PORT or a bare port)
    #[arg(long, value_name = "ADDR", required_unless_present = "sync_listen")]
    pub listen: Option<String>,

    /// Serve flagd's gRPC sync (flagd.sync.v1) on this address (HOST:PORT or a bare port)
    #[arg(long, value_name = "ADDR")]
    pub sync_listen: Option<String>,

    #[command(flatten)]
    pub fractional: FractionalArgs,
}

/// Runs `etcdkit flags serve`.
pub async fn run(ctx: &Context, root: Root, args: &ServeArgs) -> Result<ExitStatus> {
    let mut signals = Signals::catch()?;
    let options = args.fractional.options();
    // Listen first: a taken port is said before etcd is asked anything.
    let http = match &args.listen {
        Some(addr) => Some(crate::cli::listen(addr, "127.0.0.1:8016").await?),
        None => None,
    };
    let grpc = match &args.sync_listen {
        Some(addr) => Some(crate::cli::listen(addr, "127.0.0.1:8015").await?),
        None => None,
    };
    let conn = ctx.conn()?;
    let target = conn.resolve()?;
    let start = Live::start(&target, root.clone(), options, Some(conn.dial_timeout));
    let live = tokio::select! {
        live = start => Arc::new(live?),
        sig = signals.next() => return Ok(supervise::interrupted_by(sig)),
    };
    let current = live.current();
    ctx.output().status(&format!(
        "etcdkit: {} under {} at revision {}",
        crate::text::count(current.assembled.revisions.len() as i64, "flag"),
        root.as_str(),
        current.revision()
    ));
    for (key, fault) in &current.assembled.broken {
        ctx.output().warn(&format!(
            "etcdkit: warning: flag {key} is not valid (evaluated as PARSE_ERROR): {fault}"
        ));
    }
    if let Some(listener) = http {
        let bound = listener
            .local_addr()
            .map(|a| a.to_string())
            .unwrap_or_default();
        ctx.output()
            .status(&format!("etcdkit: serving OFREP on http://{bound}"));
        tokio::spawn(ofrep::serve(listener, live.clone()));
    }
    if let Some(listener) = grpc {
        let bound = listener
            .local_addr()
            .map(|a| a.to_string())
            .unwrap_or_default();
        ctx.output()
            .status(&format!("etcdkit: serving flagd sync (gRPC) on {bound}"));
        tokio::spawn(sync::serve(listener, live.clone()));
    }
    let sig = signals.next().await;
    Ok(supervise::stream_stopped_by(sig))
}

//! `etcdkit bench WORKLOAD`: load etcd, report honest percentiles, check SLOs.

mod args;
mod bar_target;
mod render;

use clap::Subcommand;

use crate::bench::{self, Workload};
use crate::cli::supervise::{self, Signals};
use crate::cli::Context;
use crate::error::{ExitStatus, Result};
pub use args::{LoadArgs, MixedArgs, ReadArgs, WatchArgs};

/// What every workload's help ends with.
const ABOUT_A_RUN: &str = "\
A run writes only under its prefix (a fresh /etcdkit-bench/<run id>/ unless --prefix), refuses a
prefix that holds keys unless --force, and deletes it at the end, also on Ctrl-C, unless --keep.
Closed loop by default; --rate R runs open loop and counts each request's latency from when it
was due, so a server stall shows in the percentiles.

A run killed outright cannot clean up: the next run deletes its keys once the dead run's marker
(/etcdkit-bench/<run id>, on a 10 s lease) is gone. With no successful request there is no
latency: latency figures are null and latency objectives fail.

Exit codes: 0 every --slo met and no --baseline regression; 1 an SLO failed or the baseline
regressed; 3 bad input (refused before any load); 4 etcd unreachable; 5 credentials missing or
refused; 130/143 interrupted.

Examples:
  etcdkit bench write --conns 10 --clients 100 --total 50000 --key-size 8 --val-size 256
  etcdkit bench write --rate 2000 --duration 1m --slo 'p99<=20ms' --slo 'errors==0'
  etcdkit bench read --consistency s --key-space-size 10000 --clients 50 --conns 5
  etcdkit bench write --total 50000 -o json > before.json
  etcdkit bench write --total 50000 --baseline before.json --tolerance 5";

/// The workloads.
#[derive(Debug, Subcommand)]
pub enum BenchCommand {
    /// Puts: write throughput and latency
    #[command(after_long_help = ABOUT_A_RUN)]
    Write(LoadArgs),
    /// Ranges of one key each (linearizable by default)
    #[command(after_long_help = ABOUT_A_RUN)]
    Read(ReadArgs),
    /// Reads and puts mixed (--read-ratio)
    #[command(after_long_help = ABOUT_A_RUN)]
    Mixed(MixedArgs),
    /// Compare-and-put transactions
    #[command(after_long_help = ABOUT_A_RUN)]
    Txn(LoadArgs),
    /// Put-to-event latency seen by many watchers
    #[command(after_long_help = ABOUT_A_RUN)]
    Watch(WatchArgs),
    /// Lock hand-off rate and acquire latency between contending clients
    #[command(after_long_help = ABOUT_A_RUN)]
    Lock(LoadArgs),
}

/// Runs `etcdkit bench`.
pub async fn run(ctx: &Context, command: &BenchCommand) -> Result<ExitStatus> {
    let options = match command {
        BenchCommand::Write(a) => a.options(Workload::Write)?,
        BenchCommand::Txn(a) => a.options(Workload::Txn)?,
        BenchCommand::Lock(a) => a.options(Workload::Lock)?,
        BenchCommand::Read(a) => a.options()?,
        BenchCommand::Mixed(a) => a.options()?,
        BenchCommand::Watch(a) => a.options()?,
    };
    options.validate()?;
    let mut signals = Signals::catch()?;
    let conn = ctx.conn()?;
    let mut progress = render::ProgressLine::new(ctx.output(), &options);
    let signal = std::cell::Cell::new(0);
    let interrupt = async {
        signal.set(signals.next().await);
    };
    let report = bench::run(conn, &options, |p| progress.update(p), interrupt).await;
    progress.finish();
    let report = report?;
    ctx.output().emit(&report)?;
    Ok(if report.interrupted {
        supervise::interrupted_by(signal.get())
    } else if report.passed {
        ExitStatus::Ok
    } else {
        ExitStatus::Negative
    })
}

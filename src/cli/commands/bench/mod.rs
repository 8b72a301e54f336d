//! `etcdkit bench WORKLOAD`: load etcd, report honest percentiles, check SLOs.

mod args;
mod render;

use clap::Subcommand;

use crate::bench::{self, Workload};
use crate::cli::supervise::{self, Signals};
use crate::cli::Context;
use crate::error::{ExitStatus, Result};
pub use args::{LoadArgs, MixedArgs, ReadArgs, WatchArgs};

/// The workloads.
#[derive(Debug, Subcommand)]
pub enum BenchCommand {
    /// Puts: write throughput and latency
    Write(LoadArgs),
    /// Ranges of one key each (linearizable by default)
    Read(ReadArgs),
    /// Reads and puts mixed (--read-ratio)
    Mixed(MixedArgs),
    /// Compare-and-put transactions
    Txn(LoadArgs),
    /// Put-to-event latency seen by many watchers
    Watch(WatchArgs),
    /// Lock hand-off rate and acquire latency between contending clients
    Lock(LoadArgs),
}

/// Runs `etcdkit bench`.
pub async fn run(ctx: &Context, command: &BenchCommand) -> Result<u8> {
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
        ExitStatus::Ok.code()
    } else {
        ExitStatus::Negative.code()
    })
}

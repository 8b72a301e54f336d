//! `etcdkit lock NAME [-- CMD...]`: hold a distributed lock, or run a command under it.

use std::time::Duration;

use clap::Args;

use crate::cli::supervise::{self, Loss, Signals, Standby};
use crate::cli::{Context, Render};
use crate::concurrency::lock::{self, Held, LockMode, LockOptions, Wait};
use crate::concurrency::queue::HolderReport;
use crate::concurrency::session::{Session, Ttl};
use crate::error::{Error, ExitStatus, Result};

/// Acquire a distributed lock and run a command while holding it
///
/// Waits for the lock NAME, runs CMD with its stdin, stdout and stderr, releases the lock the
/// moment CMD exits, and exits with CMD's exit code. Without CMD it prints the holder key and
/// fencing token, holds the lock until SIGINT or SIGTERM, and releases it.
///
/// The lock is wire-compatible with `etcdctl lock NAME` (keys NAME/<lease id>): etcdctl and
/// etcdkit holders of one name exclude each other. CMD sees ETCD_LOCK_KEY and ETCD_LOCK_REV
/// exactly as etcdctl sets them (ETCD_LOCK_REV: the revision the lock was acquired at; it
/// grows from one holder to the next, etcdctl's and etcdkit's alike: the fencing token of a
/// mixed fleet), and ETCDKIT_LOCK_KEY / ETCDKIT_LOCK_REV (the key's create revision: it grows
/// from one etcdkit holder to the next, but cannot be compared with etcdctl's ETCD_LOCK_REV).
///
/// Signals sent to etcdkit (SIGINT, SIGTERM, SIGHUP, SIGQUIT) are passed to CMD. If the lock
/// is lost while CMD runs (the lease expired or was revoked, the key was deleted, or etcd was
/// unreachable until the lease could have expired), CMD gets SIGTERM, then SIGKILL after
/// --kill-after, and etcdkit exits with 7; when etcd is unreachable, the grace is cut to what
/// the lease has left, so that CMD is gone before the next holder can start. CMD's whole
/// process tree stops with etcdkit, however etcdkit dies (even by SIGKILL), and whatever CMD
/// leaves running when it exits is stopped too. While waiting, the place in line holds through
/// etcd out of reach for as long as etcd keeps its lease: it is taken back once etcd answers.
///
/// Exit codes: CMD's own code (128+N if a signal N ended it); 1 the lock was not acquired
/// (--no-wait, --timeout, or the place in line was deleted or its lease revoked while
/// waiting); 3 bad input; 4 etcd unreachable; 7 the lock was lost while CMD ran; 127 CMD could
/// not be started; 128+N a signal N ended the wait (130 SIGINT, 143 SIGTERM).
///
/// Examples:
///   etcdkit lock /locks/backup -- pg_dump -f /backups/db.sql mydb
///   etcdkit lock /locks/deploy --timeout 30s -- ./deploy.sh
///   etcdkit lock /locks/report --no-wait -- ./report.sh || echo "another host is on it"
///   etcdkit lock /locks/workers --limit 3 -- ./worker.sh
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct LockArgs {
    /// The lock name (a key prefix), e.g. /locks/backup
    pub name: String,

    /// The command to run while holding the lock (after the name, or after --)
    #[arg(trailing_var_arg = true, value_name = "CMD")]
    pub command: Vec<String>,

    /// Session lease TTL: how long the lock outlives a holder that stopped renewing it
    #[arg(long, default_value = "10s", value_parser = crate::cli::parse_duration, allow_hyphen_values = true, value_name = "DURATION")]
    pub ttl: Duration,

    /// Give up waiting after this long (exit 1) [default: wait forever]
    #[arg(long, value_parser = crate::cli::parse_duration, allow_hyphen_values = true, value_name = "DURATION", conflicts_with = "no_wait")]
    pub timeout: Option<Duration>,

    /// Do not wait: take the lock now or exit 1 saying who holds it
    #[arg(long)]
    pub no_wait: bool,

    /// A counting semaphore: at most N holders at once (use the same N everywhere)
    #[arg(long, value_name = "N", conflicts_with = "shared")]
    pub limit: Option<u32>,

    /// A shared (read) lock: shared holders run together, exclusive holders run alone
    #[arg(long)]
    pub shared: bool,

    /// After a lost lock, how long CMD has between SIGTERM and SIGKILL
    #[arg(long, default_value = "5s", value_parser = crate::cli::parse_duration, allow_hyphen_values = true, value_name = "DURATION")]
    pub kill_after: Duration,
}

/// Runs `etcdkit lock`.
pub async fn run(ctx: &Context, args: &LockArgs) -> Result<ExitStatus> {
    let options = LockOptions {
        mode: match (args.limit, args.shared) {
            (Some(n), _) => LockMode::Limit(n),
            (None, true) => LockMode::Shared,
            (None, false) => LockMode::Exclusive,
        },
        wait: match (args.no_wait, args.timeout) {
            (true, _) => Wait::No,
            (false, Some(t)) => Wait::For(t),
            (false, None) => Wait::Forever,
        },
        ttl: Ttl::new(args.ttl)?,
        ..LockOptions::default()
    };
    options.validate(&args.name)?;
    if args.command.is_empty() && crate::cli::dash_dash_given() {
        return Err(Error::usage_with_hint(
            "no command after --",
            "give the command to run, e.g. etcdkit lock /locks/x -- ./job.sh; without -- the lock is held until Ctrl-C",
        ));
    }
    supervise::check_program(&args.command)?;
    let mut signals = Signals::catch()?;
    let target = ctx.conn()?.resolve()?;
    let client = target.connect().await?;
    let session = Session::new(&target, &client, options.ttl).await?;
    let code = hold(ctx, args, &session, &options, &mut signals).await;
    // Revoking the lease deletes the key: the next waiter goes now, not after the TTL.
    session.close().await;
    code
}

/// Takes the lock, then holds it (and runs the command) until done, lost or interrupted.
async fn hold(
    ctx: &Context,
    args: &LockArgs,
    session: &Session,
    options: &LockOptions,
    signals: &mut Signals,
) -> Result<ExitStatus> {
    if let LockMode::Limit(n) = options.mode {
        let others = lock::other_limits(session, &args.name, n).await?;
        if !others.is_empty() {
            let list: Vec<String> = others.iter().map(u32::to_string).collect();
            ctx.output().warn(&format!(
                "etcdkit: warning: other holders of {} use --limit {}, this one --limit {n}: each lets in as many as its own limit says, so more may run at once than some expect",
                args.name,
                list.join(", ")
            ));
        }
    }
    let what = format!("lock {}", args.name);
    let report = waiting_report(ctx, &what, "held by");
    let report = report.as_ref().map(|r| r as &HolderReport<'_>);
    // The command's guard starts now, while etcdkit takes its place in line and waits: its
    // start then costs the time the lock is held nothing. (Started before connecting, it
    // competed with etcdkit's own start for the CPU, and measured slower.)
    let standby = match args.command.is_empty() {
        true => None,
        false => Some(Standby::new(&args.command)?),
    };
    let guard = tokio::select! {
        guard = lock::acquire_reporting(session, &args.name, options, report) => guard?,
        // Not ours yet: closing the session takes the place in line away.
        sig = signals.next() => return Ok(supervise::interrupted_by(sig)),
    };
    let Some(standby) = standby else {
        ctx.output().emit(&guard.held())?;
        return Ok(tokio::select! {
            _ = signals.next() => ExitStatus::Ok,
            reason = guard.lost() => {
                ctx.output().warn(&format!("etcdkit: lock {} lost: {reason}", args.name));
                ExitStatus::Lost
            }
        });
    };
    let token = guard.fencing_token().to_string();
    let key = guard.key().to_string();
    let env = [
        ("ETCDKIT_LOCK_KEY".into(), key.clone().into()),
        ("ETCDKIT_LOCK_REV".into(), token.into()),
        ("ETCD_LOCK_KEY".into(), key.into()),
        // As etcdctl sets it: the revision the lock was acquired at.
        (
            "ETCD_LOCK_REV".into(),
            guard.lock_revision().to_string().into(),
        ),
    ];
    let running = standby.start(&env).await?;
    let loss = Loss {
        signal: guard.lost_signal(),
        session,
        what: format!("lock {}", args.name),
        kill_after: args.kill_after,
    };
    let ended = supervise::supervise(running, signals, Some(loss), ctx.output()).await?;
    Ok(ended.status())
}

/// On a terminal (and without --quiet), says on stderr what a wait is for and who holds it,
/// again each time the holder changes; on a pipe, waiting stays quiet.
pub(crate) fn waiting_report<'a>(
    ctx: &'a Context,
    what: &'a str,
    holder_is: &'a str,
) -> Option<impl Fn(&str) + Sync + 'a> {
    use std::io::IsTerminal;
    let show = std::io::stderr().is_terminal() && !ctx.output().is_quiet();
    show.then_some(move |who: &str| {
        ctx.output()
            .status(&format!("etcdkit: waiting for {what}: {holder_is} {who}"));
    })
}

impl Render for Held {
    fn table(&self, _style: &crate::cli::output::Style) -> String {
        format!(
            "holding lock {} as {} (fencing token {}); Ctrl-C releases it\n",
            self.name, self.key, self.fencing_token
        )
    }

    fn plain(&self) -> String {
        format!("{}\n{}\n", self.key, self.fencing_token)
    }
}

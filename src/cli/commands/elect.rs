//! `etcdkit elect NAME`: campaign, observe, or run a command (once or periodically) as leader.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use clap::Args;

use crate::cli::output::Style;
use crate::cli::supervise::{self, Ended, Job, Loss, Signals};
use crate::cli::{Context, Render};
use crate::concurrency::elect::{self, ElectOptions, Leader, LeaderChange, Leadership, Observer};
use crate::concurrency::queue::HolderReport;
use crate::concurrency::session::{default_holder, Session, Ttl};
use crate::error::{Error, ExitStatus, Result};

/// Elect a leader, observe leadership, or run a command only on the leader
///
/// Campaigns for leadership of NAME with a proposal (default hostname:pid). With CMD, runs it
/// once elected, resigns when it exits and exits with its code. With --every, the leader runs
/// CMD at each interval (a distributed cron); the other instances stand by and take over
/// within the TTL if the leader dies. Without CMD, holds leadership until SIGINT or SIGTERM.
///
/// Wire-compatible with `etcdctl elect` and etcd's Election API (keys NAME/<lease id>):
/// `etcdctl elect -l NAME` sees etcdkit's leader and `etcdkit elect --observe NAME` sees
/// etcdctl's. CMD sees ETCDKIT_ELECT_NAME, ETCDKIT_ELECT_KEY and ETCDKIT_ELECT_REV (the leader
/// key's create revision: it grows with every new leader, a fencing token); with --every also
/// ETCDKIT_ELECT_SLOT, the scheduled time of this run in Unix milliseconds.
///
/// If leadership is lost while CMD runs, CMD gets SIGTERM, then SIGKILL after --kill-after
/// (less when etcd is unreachable: CMD is gone before the lease can run out); `elect -- CMD`
/// then exits 7, and `elect --every` goes back to campaigning. CMD's whole process tree stops
/// with etcdkit, however etcdkit dies.
///
/// Signals (SIGINT, SIGTERM, SIGHUP, SIGQUIT) end the instance, standing by or leading: a run
/// in progress gets the signal first, and etcdkit exits once it has ended.
///
/// --every runs CMD at whole multiples of the interval since the Unix epoch (--every 1h at the
/// top of each hour, UTC), so a leader that takes over never repeats the run of the slot its
/// predecessor had. A leader that may have lost its lease when a slot comes (it was paused,
/// or etcd has not renewed it for a third of the TTL) skips the slot rather than risk running
/// it beside the next leader. Once started, an --every instance outlasts etcd being out of
/// reach: it campaigns again until etcd answers.
///
/// Exit codes: CMD's own code (`elect -- CMD`); 0 after a signal (standing by, leading, or
/// with --every once the run in progress has ended); 1 --leader found no leader, or the
/// candidate's key was deleted or its lease revoked while standing by; 3 bad input; 4 etcd
/// unreachable (with --every, only at the start); 7 leadership lost while CMD ran; 127 CMD
/// could not be started.
///
/// Examples:
///   etcdkit elect /elections/cleanup --every 1h -- ./cleanup.sh
///   etcdkit elect /elections/primary -- ./serve-as-primary.sh
///   etcdkit elect /elections/primary --observe -o json
///   etcdkit elect /elections/primary --leader
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct ElectArgs {
    /// The election name (a key prefix), e.g. /elections/cleanup
    pub name: String,

    /// This candidate's proposal value, as `etcdctl elect NAME PROPOSAL` takes it
    #[arg(value_name = "PROPOSAL", conflicts_with = "proposal")]
    pub proposal_arg: Option<String>,

    /// The command to run as leader (after --)
    #[arg(last = true, value_name = "CMD")]
    pub command: Vec<String>,

    /// This candidate's proposal value [default: hostname:pid]
    #[arg(long, value_name = "VALUE")]
    pub proposal: Option<String>,

    /// Run CMD at each interval while leader (needs CMD)
    #[arg(long, value_name = "DURATION", value_parser = crate::cli::parse_duration, allow_hyphen_values = true, conflicts_with_all = ["observe", "leader"])]
    pub every: Option<Duration>,

    /// Print every leader change until interrupted (JSON Lines with -o json or into a pipe)
    #[arg(long, short = 'l', visible_alias = "listen", conflicts_with = "leader")]
    pub observe: bool,

    /// Print the current leader once; exit 1 when there is none
    #[arg(long)]
    pub leader: bool,

    /// Session lease TTL: how soon a standby takes over from a leader that died
    #[arg(long, default_value = "10s", value_parser = crate::cli::parse_duration, allow_hyphen_values = true, value_name = "DURATION")]
    pub ttl: Duration,

    /// After lost leadership, how long CMD has between SIGTERM and SIGKILL
    #[arg(long, default_value = "5s", value_parser = crate::cli::parse_duration, allow_hyphen_values = true, value_name = "DURATION")]
    pub kill_after: Duration,
}

/// Runs `etcdkit elect`.
pub async fn run(ctx: &Context, args: &ElectArgs) -> Result<ExitStatus> {
    let given = args.proposal.clone().or_else(|| args.proposal_arg.clone());
    let options = ElectOptions {
        proposal: given.clone().unwrap_or_else(default_holder),
        ttl: Ttl::new(args.ttl)?,
    };
    options.validate(&args.name)?;
    let watching = args.observe || args.leader;
    if watching && (!args.command.is_empty() || given.is_some()) {
        return Err(Error::usage(
            "--observe and --leader only watch: they take no CMD or proposal",
        ));
    }
    if args.command.is_empty() && crate::cli::dash_dash_given() {
        return Err(Error::usage_with_hint(
            "no command after --",
            "give the command to run as leader",
        ));
    }
    if args.every.is_some() && args.command.is_empty() {
        return Err(Error::usage_with_hint(
            "--every needs a command",
            "etcdkit elect NAME --every 1h -- CMD",
        ));
    }
    if args.every.is_some_and(|d| d < Duration::from_millis(100)) {
        return Err(Error::usage("--every must be at least 100ms"));
    }
    supervise::check_program(&args.command)?;
    let mut signals = Signals::catch()?;
    let target = ctx.conn()?.resolve()?;
    let conn = target.options();
    let client = target.connect().await?;
    if args.leader {
        return match elect::leader(&client, conn, &args.name).await? {
            Some(l) => {
                ctx.output().emit(&l)?;
                Ok(ExitStatus::Ok)
            }
            None => {
                ctx.output()
                    .warn(&format!("etcdkit: election {} has no leader", args.name));
                Ok(ExitStatus::Negative)
            }
        };
    }
    if args.observe {
        let mut observer = Observer::new(&client, &target, &args.name)?;
        loop {
            tokio::select! {
                change = observer.next() => ctx.output().emit_line(&change?)?,
                _ = signals.next() => return Ok(ExitStatus::Ok),
            }
        }
    }
    let what = format!("leadership of {}", args.name);
    let report = super::lock::waiting_report(ctx, &what, "the leader is");
    let report = report.as_ref().map(|r| r as &HolderReport<'_>);
    // A cron (--every) is a daemon: once it has run, etcd out of reach for a while (a lease
    // lost with it, a new one not granted) is waited out, not a reason to stop.
    let mut daemon = false;
    loop {
        let session = match Session::new(&target, &client, options.ttl).await {
            Ok(session) => session,
            Err(e) if daemon && e.exit_status() == ExitStatus::Unavailable => {
                ctx.output()
                    .warn(&format!("etcdkit: {e}: campaigning again in {RETRY:?}"));
                tokio::select! {
                    _ = tokio::time::sleep(RETRY) => continue,
                    _ = signals.next() => return Ok(ExitStatus::Ok),
                }
            }
            Err(e) => return Err(e),
        };
        daemon = args.every.is_some();
        let elected = tokio::select! {
            l = elect::campaign_reporting(&session, &args.name, &options.proposal, report) => l,
            // A signal while standing by is a clean stop, as while leading.
            _ = signals.next() => {
                session.close().await;
                return Ok(ExitStatus::Ok);
            }
        };
        let leadership = match elected {
            Ok(l) => l,
            Err(e @ Error::WaitEnded { .. }) if daemon => {
                ctx.output()
                    .warn(&format!("etcdkit: {e}: campaigning again"));
                session.close().await;
                continue;
            }
            Err(e) => {
                session.close().await;
                return Err(e);
            }
        };
        ctx.output().status(&format!(
            "etcdkit: elected leader of {} as {}",
            args.name,
            leadership.key()
        ));
        let outcome = match (args.every, args.command.is_empty()) {
            (Some(every), _) => {
                lead_periodically(ctx, args, &leadership, &mut signals, every).await
            }
            (None, false) => run_once(ctx, args, &leadership, &mut signals).await,
            (None, true) => hold(ctx, args, &leadership, &mut signals).await,
        };
        // Resigning is revoking the lease: observers see the next leader at once.
        drop(leadership);
        session.close().await;
        match outcome? {
            Next::Exit(code) => return Ok(code),
            Next::Campaign => continue,
        }
    }
}

/// How long a cron waits before it campaigns again when etcd did not answer.
const RETRY: Duration = Duration::from_secs(1);

/// What to do after a term as leader.
enum Next {
    Exit(ExitStatus),
    Campaign,
}

async fn hold(
    ctx: &Context,
    args: &ElectArgs,
    leadership: &Leadership<'_>,
    signals: &mut Signals,
) -> Result<Next> {
    ctx.output().emit(&leadership.leader())?;
    tokio::select! {
        _ = signals.next() => Ok(Next::Exit(ExitStatus::Ok)),
        reason = leadership.lost() => {
            ctx.output().warn(&format!("etcdkit: leadership of {} lost: {reason}", args.name));
            Ok(Next::Exit(ExitStatus::Lost))
        }
    }
}

async fn run_once(
    ctx: &Context,
    args: &ElectArgs,
    leadership: &Leadership<'_>,
    signals: &mut Signals,
) -> Result<Next> {
    let ended = run_command(ctx, args, leadership, signals, None).await?;
    Ok(Next::Exit(ended.status()))
}

async fn lead_periodically(
    ctx: &Context,
    args: &ElectArgs,
    leadership: &Leadership<'_>,
    signals: &mut Signals,
    every: Duration,
) -> Result<Next> {
    loop {
        let (wait, slot_ms) = until_next_slot(every);
        tokio::select! {
            _ = tokio::time::sleep(wait) => {}
            _ = signals.next() => return Ok(Next::Exit(ExitStatus::Ok)),
            reason = leadership.lost() => {
                ctx.output().warn(&format!("etcdkit: leadership of {} lost ({reason}): campaigning again", args.name));
                return Ok(Next::Campaign);
            }
        }
        // Woken after a pause (SIGSTOP, a starved host) or with renewals unanswered for a
        // third of the TTL, this leader may be deposed already: a run now could overlap the
        // next leader's. The slot is skipped; a loss, if it is one, follows.
        let session = leadership.session();
        let left = session
            .lease_valid_until()
            .saturating_duration_since(tokio::time::Instant::now());
        if left < session.ttl() / 3 {
            ctx.output().warn(&format!(
                "etcdkit: the run of slot {slot_ms} skipped: leadership of {} may be lost (its lease may run out in {})",
                args.name,
                humantime::format_duration(Duration::from_millis(left.as_millis() as u64))
            ));
            continue;
        }
        let ended = run_command(ctx, args, leadership, signals, Some(slot_ms)).await?;
        let code = ended.status().code();
        if code != 0 {
            ctx.output()
                .warn(&format!("etcdkit: {} exited with {code}", args.command[0]));
        }
        match ended {
            Ended::Exited(_) => {}
            // The signal was for the instance: it went on to the run, and now ends the instance.
            Ended::Interrupted(_) => return Ok(Next::Exit(ExitStatus::Ok)),
            Ended::Lost => return Ok(Next::Campaign),
        }
    }
}

/// Time until the next whole multiple of `every` since the Unix epoch, and that moment in
/// Unix milliseconds.
fn until_next_slot(every: Duration) -> (Duration, u128) {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    let every_ns = every.as_nanos().max(1);
    let wait = every_ns - now.as_nanos() % every_ns;
    // u128 nanoseconds: an interval of thousands of years neither overflows nor panics.
    let wait_d = Duration::new(
        u64::try_from(wait / 1_000_000_000).unwrap_or(u64::MAX),
        (wait % 1_000_000_000) as u32,
    );
    (wait_d, (now.as_nanos() + wait) / 1_000_000)
}

async fn run_command(
    ctx: &Context,
    args: &ElectArgs,
    leadership: &Leadership<'_>,
    signals: &mut Signals,
    slot_ms: Option<u128>,
) -> Result<Ended> {
    let mut env = vec![
        ("ETCDKIT_ELECT_NAME".to_string(), args.name.clone()),
        ("ETCDKIT_ELECT_KEY".into(), leadership.key().to_string()),
        (
            "ETCDKIT_ELECT_REV".into(),
            leadership.revision().to_string(),
        ),
    ];
    if let Some(slot) = slot_ms {
        env.push(("ETCDKIT_ELECT_SLOT".into(), slot.to_string()));
    }
    let job = Job {
        argv: &args.command,
        env: env.into_iter().map(|(k, v)| (k, v.into())).collect(),
    };
    let running = supervise::spawn(&job).await?;
    let loss = Loss {
        signal: leadership.lost_signal(),
        session: leadership.session(),
        what: format!("leadership of {}", args.name),
        kill_after: args.kill_after,
    };
    supervise::supervise(running, signals, Some(loss), ctx.output()).await
}

impl Render for Leader {
    fn table(&self, _style: &Style) -> String {
        format!(
            "leader {} (proposal {}, revision {})\n",
            self.key,
            self.proposal_text(),
            self.revision
        )
    }

    fn plain(&self) -> String {
        format!("{}\n{}\n", self.key, self.proposal_text())
    }
}

impl Render for LeaderChange {
    fn table(&self, _style: &Style) -> String {
        match &self.leader {
            Some(l) => format!(
                "{}  {}  leader {} proposal {} revision {}\n",
                self.time,
                self.name,
                l.key,
                l.proposal_text(),
                l.revision
            ),
            None => format!("{}  {}  no leader\n", self.time, self.name),
        }
    }

    fn plain(&self) -> String {
        match &self.leader {
            Some(l) => format!("{}\n", l.proposal_text()),
            None => "\n".to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_are_whole_multiples_of_the_interval() {
        let every = Duration::from_secs(3600);
        let (wait, slot_ms) = until_next_slot(every);
        assert!(wait > Duration::ZERO && wait <= every);
        assert_eq!(slot_ms % 3_600_000, 0, "{slot_ms}");
    }

    #[test]
    fn a_huge_interval_neither_overflows_nor_panics() {
        let (wait, _) = until_next_slot(Duration::MAX);
        assert!(wait > Duration::from_secs(1 << 62), "{wait:?}");
    }
}

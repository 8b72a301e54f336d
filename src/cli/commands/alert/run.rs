//! `etcdkit alert run`: evaluate every --interval (a daemon), or once (for cron).

use crate::cli::repeat::{parse_count, parse_interval, MetricsUrls};
use std::time::Duration;

use clap::Args;

use super::{ConfigArgs, StateArgs};
use crate::alert::Alerter;
use crate::cli::supervise::{self, Signals};
use crate::cli::Context;
use crate::error::{ExitStatus, Result};

/// `alert run`.
#[derive(Debug, Args)]
#[command(after_long_help = "\
Each evaluation looks at every member (status, member list, alarms, /metrics, and hashkv every
5m), evaluates the rules, and sends what is due. Pending `for` timers, counters for rates, what
each channel was told, and silences live in the --state file, written atomically: `--once` from
cron behaves like the daemon, and a restarted daemon carries on. A corrupt state file is set
aside (renamed *.corrupt-<time>), reported, and rebuilt.

Output: with --once, the evaluation (alerts, rules, notifications; -o json for all of it); as a
daemon, one block per evaluation on a terminal, or one JSON object per line into a pipe or
file or with -o json (a format you give always wins).

A member that refuses etcdkit's credentials or certificates is etcdkit's problem, not the
cluster's: it is not counted as down, its rules neither fire nor resolve, and it is named on
stderr (and in access_problems). When no member can be looked at, nothing is evaluated, fired,
sent or saved.

Evaluations on one state file take turns (it stays locked until what was sent is recorded), so
overlapping runs notify once; `alert silence` waits for its turn too.

VALUE is the figure the rule compared with its threshold. For InsufficientMembers it is the
quorum margin: voting members that answer minus the quorum (floor(n/2)+1), so -1 means one more
member must answer before the cluster can write again.

With no --config (or a config without [[channels]]) alerts are evaluated and shown but sent
nowhere, and stderr says so.

Exit codes: 0 evaluated and every notification delivered; 5 a member refused the credentials;
4 a member's certificate (or ours) did not verify, or no member answered at all (the evaluation
is still printed; with --count, the last evaluation decides); 6 a notification could not be
delivered (the others were; it is retried next time); 3 bad flags, config or state file (a state
path that is not a regular file); 6 the state file cannot be written. SIGINT or SIGTERM ends the daemon with
0. A daemon whose first evaluation works reports later failures on stderr and carries on.

Examples:
  etcdkit alert run --once --config alert.toml --state /var/lib/etcdkit/alert.json   # from cron
  etcdkit alert run --config alert.toml --interval 15s                                 # a daemon
  etcdkit alert run --once -o json | jq '.alerts[] | select(.state == \"firing\")'")]
pub struct RunArgs {
    #[command(flatten)]
    config: ConfigArgs,
    #[command(flatten)]
    state: StateArgs,
    /// Evaluate once and exit (for cron); the state file carries timers and counters over
    #[arg(long)]
    once: bool,
    /// Time between evaluations
    #[arg(long, default_value = "15s", value_parser = parse_interval, value_name = "DURATION", conflicts_with = "once")]
    interval: Duration,
    /// Stop after this many evaluations [default: run until SIGINT or SIGTERM]
    #[arg(long, value_name = "N", value_parser = parse_count, conflicts_with = "once")]
    count: Option<u64>,
    #[command(flatten)]
    metrics_urls: MetricsUrls,
}

/// Runs `etcdkit alert run`.
pub async fn run(ctx: &Context, args: &RunArgs) -> Result<ExitStatus> {
    let config = args.config.load()?;
    if config.channels.is_empty() {
        ctx.output().warn(
            "etcdkit: no notification channel is configured, so alerts are shown here but sent nowhere; \
             give --config FILE with [[channels]] (see `etcdkit help alert-config`)",
        );
    }
    let state = args.state.path()?;
    let conn = ctx.conn()?.clone();
    let mut alerter =
        Alerter::new(conn, config, Some(state)).with_metrics_urls(args.metrics_urls.urls.clone());
    if args.once {
        let evaluation = alerter.evaluate().await?;
        warn_about(ctx, &evaluation);
        ctx.output().emit(&evaluation)?;
        return Ok(evaluation.exit_status());
    }
    let mut signals = Signals::catch()?;
    let mut tick = tokio::time::interval(args.interval);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut done = 0;
    loop {
        tokio::select! {
            _ = tick.tick() => {}
            sig = signals.next() => return Ok(supervise::stream_stopped_by(sig)),
        }
        let result = tokio::select! {
            e = alerter.evaluate() => e,
            sig = signals.next() => return Ok(supervise::stream_stopped_by(sig)),
        };
        let evaluation = match result {
            Ok(e) => e,
            // A first failure is a setup problem (flags, files): stop and say so.
            Err(e) if done == 0 => return Err(e),
            // Later ones (a full disk, a state file moved away) must not end a daemon that
            // runs for months: say so and try again next time.
            Err(e) => {
                ctx.output().warn(&format!(
                    "etcdkit: this evaluation failed: {e}; trying again in {}",
                    humantime::format_duration(args.interval)
                ));
                continue;
            }
        };
        warn_about(ctx, &evaluation);
        ctx.output().emit_line(&evaluation)?;
        done += 1;
        if args.count.is_some_and(|n| done >= n) {
            // As with --once: a run that ends having seen no member says so in its code.
            return Ok(if evaluation.nobody_answered() {
                ExitStatus::Unavailable
            } else {
                ExitStatus::Ok
            });
        }
    }
}

fn warn_about(ctx: &Context, evaluation: &crate::alert::Evaluation) {
    for p in &evaluation.access_problems {
        let hint = p
            .hint
            .as_ref()
            .map(|h| format!(" ({h})"))
            .unwrap_or_default();
        ctx.output().warn(&format!(
            "etcdkit: member {} was not looked at: {}{hint}; its rules neither fire nor resolve until it is",
            p.member, p.error
        ));
    }
    if let Some(r) = &evaluation.state.recovered {
        ctx.output().warn(&format!(
            "etcdkit: the state file was corrupt ({}); it was set aside as {} and rebuilt",
            r.problem,
            r.set_aside_as.display()
        ));
    }
}

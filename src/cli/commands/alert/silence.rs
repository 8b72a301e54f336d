//! `etcdkit alert silence add|list|expire`: mute matching alerts for a while.

use std::path::Path;
use std::time::Duration;

use clap::{Args, Subcommand};

use super::render::{SilenceList, SilenceView};
use super::StateArgs;
use crate::alert::observe::unix_now;
use crate::alert::silence::{self, Ends, NewSilence};
use crate::alert::state::LOCK_WAIT;
use crate::cli::{parse_duration, Context};
use crate::error::{ExitStatus, Result};

/// `alert silence`.
#[derive(Debug, Subcommand)]
pub enum SilenceCommand {
    /// Mute alerts whose labels match every matcher (label=value, !=, =~regex, !~regex)
    #[command(after_long_help = "\
Matchers test alert labels: alertname, severity, member, and the rules' and settings' labels.
A regex must match the whole value. The silence lives in the state file that `alert run` uses
(give the same --state), and a running daemon honours it from its next evaluation. While an
`alert run` is evaluating or delivering it holds the state file; the silence waits its turn (and
says so), for up to 2m. `add` prints the new silence's ID; a silence lasts at most 10 years.

Examples:
  etcdkit alert silence add alertname=MembersDown member=etcd-3 --duration 2h --comment 'disk swap'
  etcdkit alert silence add 'severity=~warning|info' --until 2026-12-01T08:00:00Z

Exit codes: 0 added; 3 a bad matcher, duration or state file; 6 the state file cannot be
written (or its turn did not come within 2m).")]
    Add(AddArgs),
    /// List silences in force (--all: also those that ended in the last day)
    #[command(after_long_help = "\
Examples:
  etcdkit alert silence list
  etcdkit alert silence list --all -o json

Exit codes: 0 listed (none is not an error); 3 a bad state file.")]
    List(ListArgs),
    /// End silences now
    #[command(after_long_help = "\
Give the IDs `silence add` printed (also in `silence list`).

Examples:
  etcdkit alert silence expire 3f2a9c1e

Exit codes: 0 ended; 3 no silence has that ID (none is ended), or a bad state file; 6 the state
file cannot be written.")]
    Expire(ExpireArgs),
}

/// `silence add`.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// Label matchers; all must match
    #[arg(required = true, value_name = "MATCHER")]
    matchers: Vec<String>,
    /// How long it lasts
    #[arg(long, default_value = "1h", value_parser = parse_duration, value_name = "DURATION", conflicts_with = "until")]
    duration: Duration,
    /// When it ends, as RFC 3339 (2026-12-01T08:00:00Z)
    #[arg(long, value_name = "TIME")]
    until: Option<String>,
    /// Why
    #[arg(long, default_value = "")]
    comment: String,
    /// Who [default: $USER]
    #[arg(long)]
    author: Option<String>,
    #[command(flatten)]
    state: StateArgs,
}

/// `silence list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Also silences that ended in the last day
    #[arg(long)]
    all: bool,
    #[command(flatten)]
    state: StateArgs,
}

/// `silence expire`.
#[derive(Debug, Args)]
pub struct ExpireArgs {
    /// Silence IDs, as `silence list` shows them
    #[arg(required = true, value_name = "ID")]
    ids: Vec<String>,
    #[command(flatten)]
    state: StateArgs,
}

/// Says so when another etcdkit holds the state file and the command waits its turn.
fn waiting_notice(ctx: &Context) -> impl Fn(&Path) + '_ {
    move |path: &Path| {
        ctx.output().warn(&format!(
            "etcdkit: waiting for another `etcdkit alert` that holds the state file {} \
             (a run delivering notifications); giving up after {}",
            path.display(),
            humantime::format_duration(LOCK_WAIT)
        ));
    }
}

/// Runs `etcdkit alert silence`.
pub fn run(ctx: &Context, command: &SilenceCommand) -> Result<ExitStatus> {
    let now = unix_now();
    let busy = waiting_notice(ctx);
    match command {
        SilenceCommand::Add(args) => {
            let new = NewSilence {
                matchers: args.matchers.clone(),
                ends: match &args.until {
                    Some(t) => Ends::At(t.clone()),
                    None => Ends::After(args.duration),
                },
                created_by: args
                    .author
                    .clone()
                    .or_else(|| std::env::var("USER").ok())
                    .unwrap_or_default(),
                comment: args.comment.clone(),
            };
            let added = silence::add(&args.state.path()?, &new, now, &busy)?;
            ctx.output().emit(&SilenceView::from(&added, now))?;
        }
        SilenceCommand::List(args) => {
            let listed = silence::list(&args.state.path()?, args.all, now, &busy)?;
            let views = listed.iter().map(|s| SilenceView::from(s, now)).collect();
            ctx.output().emit(&SilenceList(views))?;
        }
        SilenceCommand::Expire(args) => {
            let expired = silence::expire(&args.state.path()?, &args.ids, now, &busy)?;
            let views = expired.iter().map(|s| SilenceView::from(s, now)).collect();
            ctx.output().emit(&SilenceList(views))?;
        }
    }
    Ok(ExitStatus::Ok)
}

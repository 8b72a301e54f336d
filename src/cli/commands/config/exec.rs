//! `etcdkit config exec PREFIX -- CMD...`: run a command with the tree as its environment,
//! restarted (or signalled) when the environment changes.

use std::time::Duration;

use clap::Args;
use futures_util::FutureExt as _;

use crate::cli::supervise::{self, parse_signal, signal_name, Running, Signals, Standby};
use crate::cli::Context;
use crate::config::{check_env_prefix, environment, Environment, Root, TreeFollow, Watched};
use crate::error::{ExitStatus, Result};

/// Run a command with the keys under PREFIX as its environment, restarted when they change
///
/// envconsul's job, done with one revision at a time: CMD starts with every key under PREFIX
/// as an environment variable (added to etcdkit's own environment). Each time a change under
/// PREFIX makes a different environment, CMD is stopped (--kill-signal, then SIGKILL after
/// --kill-timeout) and started again with the new one, or with --reload-signal only sent that
/// signal (its environment stays as it started). A change that leaves the environment as it
/// was (a value set to what it was, a bookkeeping key) does nothing. The environment is always
/// the keys at one revision, followed through a member lost, a leader change or a compaction.
///
/// Variable names: the key relative to --root (not to PREFIX), in upper case, every character
/// but letters, digits and _ made _, a leading digit given a _, and --env-prefix put first:
///   /app/db/host under --root /app   ->  DB_HOST
///   /app/db.port, /app/feature-x/on  ->  DB_PORT, FEATURE_X_ON
///   /app/2fa                         ->  _2FA
/// Values: a string as it is, anything else as its JSON (5432, true, {"a":1}). A variable
/// replaces one of etcdkit's own environment of the same name (a key path becomes PATH).
/// Two keys that make one name (db/host and db.host, or db-host) are an error at the start
/// that names both (CMD does not start); a later change that makes such a pair keeps the
/// environment CMD has, says so on stderr, and CMD is not restarted.
///
/// Signals sent to etcdkit (SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2) are passed to
/// CMD; CMD's whole process tree stops with etcdkit however etcdkit dies (even by SIGKILL).
/// When CMD exits by itself, etcdkit exits with its code.
///
/// Exit codes: CMD's own code (128+N if a signal N ended it); 3 bad input, or two keys make
/// one variable (CMD not started); 4 etcd unreachable at the start; 5 credentials refused;
/// 127 CMD could not be started.
///
/// Examples:
///   etcdkit config exec --root /app db -- ./server
///   etcdkit config exec --root /app '' --env-prefix APP_ -- env
///   etcdkit config exec --root /app web --reload-signal HUP -- nginx -g 'daemon off;'
///   etcdkit config exec --root /app jobs --once -- ./batch.sh
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct ExecArgs {
    /// The prefix whose keys become variables, relative to --root ('' or /: the whole tree)
    #[arg(value_name = "PREFIX")]
    pub prefix: String,

    /// The command to run (after --)
    #[arg(last = true, value_name = "CMD", required = true)]
    pub command: Vec<String>,

    /// Put this before every variable name (letters, digits, _), e.g. APP_
    #[arg(long, value_name = "TEXT", default_value = "")]
    pub env_prefix: String,

    /// On a change, send CMD this signal instead of restarting it (e.g. HUP)
    #[arg(long, value_name = "SIGNAL", value_parser = parse_signal)]
    pub reload_signal: Option<i32>,

    /// The signal that stops CMD for a restart
    #[arg(long, value_name = "SIGNAL", default_value = "TERM", value_parser = parse_signal)]
    pub kill_signal: i32,

    /// How long CMD has to stop after --kill-signal before SIGKILL
    #[arg(long, default_value = "30s", value_parser = crate::cli::parse_duration, allow_hyphen_values = true, value_name = "DURATION")]
    pub kill_timeout: Duration,

    /// Run CMD once with the environment as it is now; do not follow changes
    #[arg(long, conflicts_with = "reload_signal")]
    pub once: bool,
}

/// Runs `etcdkit config exec`.
pub async fn run(ctx: &Context, root: Root, args: &ExecArgs) -> Result<ExitStatus> {
    let watched = Watched::prefix(&args.prefix)?;
    check_env_prefix(&args.env_prefix)?;
    supervise::check_program(&args.command)?;
    let mut signals = Signals::catch_with_user()?;
    let root_name = root.as_str().to_string();
    let follow = match super::follow(ctx, root, &watched, &mut signals).await? {
        Ok(follow) => follow,
        Err(status) => return Ok(status),
    };
    let mut env = environment(&args.env_prefix, values(&follow))?;
    let mut running = start_command(args, &env).await?;
    ctx.output().status(&format!(
        "etcdkit: {} started with {} from {root_name} at revision {}",
        args.command[0],
        crate::cli::output::count(env.len() as i64, "variable"),
        follow.revision()
    ));
    let mut follow = (!args.once).then_some(follow);
    loop {
        let changed = async {
            match &mut follow {
                Some(follow) => follow.next().await,
                None => std::future::pending().await,
            }
        };
        tokio::select! {
            ended = running.ended() => {
                let (status, leftovers) = ended?;
                supervise::warn_leftovers(ctx.output(), running.program(), leftovers, None);
                return Ok(supervise::exit_code(status));
            }
            sig = signals.next() => running.forward(sig),
            changes = changed => {
                let Some(follow) = &mut follow else { unreachable!("no follow, no change") };
                // Changes already here are taken in first: a burst of writes is one restart,
                // with the latest revision's environment.
                let mut changes = changes.map(drop);
                while changes.is_ok() {
                    match follow.next().now_or_never() {
                        Some(more) => changes = more.map(drop),
                        None => break,
                    }
                }
                if let Err(e) = changes {
                    // Only what retrying cannot mend ends the follow (credentials taken away).
                    running.stop(args.kill_signal, args.kill_timeout).await?;
                    return Err(e);
                }
                let next = match environment(&args.env_prefix, values(follow)) {
                    Ok(next) => next,
                    Err(e) => {
                        ctx.output().warn(&format!(
                            "etcdkit: warning: at revision {}: {e}; {} keeps its environment",
                            follow.revision(),
                            args.command[0]
                        ));
                        continue;
                    }
                };
                if next == env {
                    continue;
                }
                env = next;
                if let Some(sig) = args.reload_signal {
                    ctx.output().status(&format!(
                        "etcdkit: the environment changed at revision {}: sending {} {}",
                        follow.revision(),
                        args.command[0],
                        signal_name(sig)
                    ));
                    running.signal(sig);
                    continue;
                }
                ctx.output().status(&format!(
                    "etcdkit: the environment changed at revision {}: restarting {}",
                    follow.revision(),
                    args.command[0]
                ));
                let status = running.stop(args.kill_signal, args.kill_timeout).await?;
                // Asked to stop meanwhile: no new start; the status of the command stopped.
                if signals.next().now_or_never().is_some() {
                    return Ok(supervise::exit_code(status));
                }
                running = start_command(args, &env).await?;
            }
        }
    }
}

/// The followed values, by key relative to the root.
fn values(follow: &TreeFollow) -> impl Iterator<Item = (&str, &serde_json::Value)> {
    follow.values().iter().map(|(k, v)| (k.as_str(), v))
}

/// Starts CMD with `env` added to etcdkit's environment.
async fn start_command(args: &ExecArgs, env: &Environment) -> Result<Running> {
    let vars: Vec<(String, std::ffi::OsString)> = env
        .iter()
        .map(|(name, value)| (name.clone(), value.into()))
        .collect();
    Standby::new(&args.command)?.start(&vars).await
}

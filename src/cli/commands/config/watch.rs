//! `etcdkit config watch KEY|--prefix PREFIX [-- CMD...]`: each change with its old and new
//! typed value, printed or handed to a command.

use std::ffi::OsString;

use clap::Args;
use serde::Serialize;

use crate::cli::output::{StreamMode, Style};
use crate::cli::supervise::{self, Ended, Job, Signals};
use crate::cli::{Context, Render};
use crate::config::{text, Changes, Root, ValueChange, Watched};
use crate::error::{Error, ExitStatus, Result};

/// Print each change of a key (or of every key under a prefix) with its old and new value
///
/// Follows KEY (with --prefix: every key under PREFIX, taken as a directory; '' or / is the
/// whole tree) from now on and prints each change with the value before and after, typed as
/// stored (5432 is a number, "5432" a string). The old value is the one etcdkit had followed,
/// so it is there after a compaction too: when the history to resume from was compacted away,
/// the keys are listed again and the difference is printed as puts and deletes flagged as a
/// resync. A member lost or a leader change does not lose or repeat a change. Bookkeeping keys
/// (.audit, .schema) are never printed. A delete of a prefix prints one delete per key.
///
/// Formats (a format you give wins; the default is the readable line on a terminal, JSON Lines
/// into a pipe or a file):
///   -o json   one object per change (docs/json.md): time, key (relative to --root), revision,
///             type (put/delete), old (absent when the key did not exist), new (absent after a
///             delete), resync: true on a resync's changes.
///   -o plain  one line per change: REVISION TYPE KEY OLD -> NEW, values as JSON, (none) for
///             no value; the table format prints the same lines.
///
/// With CMD, nothing is printed: CMD runs once per change, in order, one at a time, with the
/// change's JSON object on its stdin and ETCDKIT_CONFIG_KEY, ETCDKIT_CONFIG_REVISION,
/// ETCDKIT_CONFIG_TYPE (put/delete), ETCDKIT_CONFIG_OLD and ETCDKIT_CONFIG_NEW (the values as
/// text: a string as it is, anything else as JSON; unset when there is no value, or when it
/// holds a NUL byte) and
/// ETCDKIT_CONFIG_RESYNC=1 on a resync's changes. A CMD that fails is reported on stderr and
/// the watch goes on. SIGINT and SIGTERM go on to a running CMD, and end the watch once it is
/// done.
///
/// Exit codes: 0 SIGINT or SIGTERM ended the watch; 3 bad input; 4 etcd unreachable at the
/// start (later the watch waits for a member); 5 credentials refused; 127 CMD could not be
/// started.
///
/// Examples:
///   etcdkit config watch db/host
///   etcdkit config watch --prefix db -o json | jq -c '{key, old, new}'
///   etcdkit config watch --prefix '' -- sh -c 'echo "$ETCDKIT_CONFIG_KEY: $ETCDKIT_CONFIG_OLD -> $ETCDKIT_CONFIG_NEW"'
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct WatchArgs {
    /// The key to watch, relative to --root (with --prefix: the prefix)
    #[arg(value_name = "KEY")]
    pub path: String,

    /// A command to run per change (after --)
    #[arg(last = true, value_name = "CMD")]
    pub command: Vec<String>,

    /// Watch every key under KEY, taken as a directory ('' or /: the whole tree)
    #[arg(long)]
    pub prefix: bool,
}

/// Runs `etcdkit config watch`.
pub async fn run(ctx: &Context, root: Root, args: &WatchArgs) -> Result<ExitStatus> {
    let watched = match args.prefix {
        true => Watched::prefix(&args.path)?,
        false => Watched::key(&args.path)?,
    };
    if args.command.is_empty() && crate::cli::dash_dash_given() {
        return Err(Error::usage_with_hint(
            "no command after --",
            "give the command to run per change, e.g. etcdkit config watch db/host -- ./on-change.sh",
        ));
    }
    supervise::check_program(&args.command)?;
    let mut signals = Signals::catch()?;
    let root_name = root.as_str().to_string();
    let mut follow = match super::follow(ctx, root, &watched, &mut signals).await? {
        Ok(follow) => follow,
        Err(status) => return Ok(status),
    };
    let what = match &watched {
        Watched::Key(key) => key.clone(),
        Watched::Prefix(prefix) if prefix.is_empty() => "every key".to_string(),
        Watched::Prefix(prefix) => format!("{prefix}/..."),
    };
    ctx.output().status(&format!(
        "etcdkit: watching {what} under {root_name}/ from revision {}",
        follow.revision()
    ));
    loop {
        let changes = tokio::select! {
            changes = follow.next() => changes?,
            sig = signals.next() => return Ok(supervise::stream_stopped_by(sig)),
        };
        if changes.resync && (!args.command.is_empty() || notes_resyncs(ctx)) {
            ctx.output().warn(&format!(
                "etcdkit: the history to resume from was compacted: the keys were listed again at revision {}; the {} below are a resync",
                changes.revision,
                crate::cli::output::count(changes.changes.len() as i64, "change")
            ));
        }
        for change in &changes.changes {
            let line = Line {
                change,
                resync: changes.resync,
            };
            if args.command.is_empty() {
                ctx.output().emit_line(&line)?;
            } else if let Some(code) = run_command(ctx, args, &changes, &line, &mut signals).await?
            {
                return Ok(code);
            }
        }
    }
}

/// A resync is said on stderr, except in JSON, whose changes carry `resync: true`.
fn notes_resyncs(ctx: &Context) -> bool {
    ctx.output().stream_mode() != StreamMode::JsonLines
}

/// One change as printed.
#[derive(Serialize)]
struct Line<'a> {
    #[serde(flatten)]
    change: &'a ValueChange,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    resync: bool,
}

impl Line<'_> {
    /// The JSON line CMD reads on stdin: what `-o json` prints.
    fn json(&self) -> Result<String> {
        let body = serde_json::to_string(self).map_err(|e| Error::Io {
            context: "cannot encode JSON".into(),
            source: e.into(),
        })?;
        // The body is an object with at least one field: `{...}`.
        Ok(format!(
            "{{\"time\":\"{}\",{}\n",
            crate::cli::output::now(),
            &body[1..]
        ))
    }
}

/// A value as one line of JSON, `(none)` when there is none.
fn shown(value: Option<&serde_json::Value>) -> String {
    value.map_or("(none)".to_string(), |v| v.to_string())
}

impl Render for Line<'_> {
    fn table(&self, _style: &Style) -> String {
        self.plain()
    }

    fn plain(&self) -> String {
        let c = self.change;
        format!(
            "{} {} {} {} -> {}\n",
            c.revision,
            c.kind.as_str(),
            c.key,
            shown(c.old.as_ref()),
            shown(c.new.as_ref())
        )
    }
}

/// Runs CMD for one change and waits for it; `Some(code)` ends the watch.
async fn run_command(
    ctx: &Context,
    args: &WatchArgs,
    changes: &Changes,
    line: &Line<'_>,
    signals: &mut Signals,
) -> Result<Option<ExitStatus>> {
    let change = line.change;
    let mut env: Vec<(String, OsString)> = vec![
        ("ETCDKIT_CONFIG_KEY".into(), change.key.clone().into()),
        (
            "ETCDKIT_CONFIG_REVISION".into(),
            change.revision.to_string().into(),
        ),
        ("ETCDKIT_CONFIG_TYPE".into(), change.kind.as_str().into()),
    ];
    for (name, value) in [
        ("ETCDKIT_CONFIG_OLD", &change.old),
        ("ETCDKIT_CONFIG_NEW", &change.new),
    ] {
        // No variable can hold a NUL byte: the value is then only on stdin.
        if let Some(value) = value.as_ref().map(text).filter(|t| !t.contains('\0')) {
            env.push((name.into(), value.into()));
        }
    }
    if changes.resync {
        env.push(("ETCDKIT_CONFIG_RESYNC".into(), "1".into()));
    }
    let job = Job {
        argv: &args.command,
        env,
    };
    let running = supervise::spawn_with_input(&job, line.json()?.as_bytes()).await?;
    match supervise::supervise(running, signals, None, ctx.output()).await? {
        // SIGINT or SIGTERM reached CMD too: it is done, and so is the watch.
        Ended::Interrupted(_) => Ok(Some(ExitStatus::Ok)),
        Ended::Exited(status) if status.success() => Ok(None),
        ended => {
            ctx.output().warn(&format!(
                "etcdkit: {} failed (exit {}) for the change of {} at revision {}; watching on",
                args.command[0],
                ended.status().code(),
                change.key,
                change.revision
            ));
            Ok(None)
        }
    }
}

//! `etcdkit flags watch`: JSON Lines of flag definition changes.

use clap::Args;
use serde::Serialize;
use serde_json::Value;

use crate::cli::output::Style;
use crate::cli::supervise::{self, Signals};
use crate::cli::{Context, Render};
use crate::config::{Root, ValueChange, Watched};
use crate::error::{ExitStatus, Result};
use crate::flags::Stored;

/// Print each change of a flag definition, shared rule or the set's metadata
///
/// Follows the flag set from now on and prints each change with the definition before and
/// after. A member lost or a leader change does not lose or repeat a change; when the history
/// to resume from was compacted away the set is read again and the difference printed, flagged
/// as a resync.
///
/// Formats (the default is the readable line on a terminal, JSON Lines into a pipe):
///   -o json   one object per change (docs/json.md): time, key, kind (flag, evaluator or
///             metadata), revision, type (put/delete), old and new (absent when there is
///             none), resync: true on a resync's changes.
///   -o plain  REVISION TYPE KEY STATE-BEFORE -> STATE-AFTER
///
/// Exit codes: 0 SIGINT or SIGTERM ended the watch; 3 bad input; 4 etcd unreachable at the
/// start (later the watch waits for a member); 5 credentials refused.
///
/// Examples:
///   etcdkit flags watch
///   etcdkit flags watch -o json | jq -c 'select(.kind == "flag") | {key, state: .new.state}'
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct WatchArgs {}

/// Runs `etcdkit flags watch`.
pub async fn run(ctx: &Context, root: Root, _args: &WatchArgs) -> Result<ExitStatus> {
    let mut signals = Signals::catch()?;
    let root_name = root.as_str().to_string();
    let watched = Watched::Prefix(String::new());
    let mut follow =
        match crate::cli::commands::config::follow(ctx, root, &watched, &mut signals).await? {
            Ok(follow) => follow,
            Err(status) => return Ok(status),
        };
    ctx.output().status(&format!(
        "etcdkit: watching the flags under {root_name}/ from revision {}",
        follow.revision()
    ));
    loop {
        let changes = tokio::select! {
            changes = follow.next() => changes?,
            sig = signals.next() => return Ok(supervise::stream_stopped_by(sig)),
        };
        for change in &changes.changes {
            let kind = match Stored::of(&change.key) {
                Stored::Flag(_) => "flag",
                Stored::Evaluator(_) => "evaluator",
                Stored::Metadata => "metadata",
                Stored::Other => continue,
            };
            ctx.output().emit_line(&Line {
                time: crate::cli::output::now(),
                kind,
                change,
                resync: changes.resync,
            })?;
        }
    }
}

/// One change as printed.
#[derive(Serialize)]
struct Line<'a> {
    time: String,
    kind: &'static str,
    #[serde(flatten)]
    change: &'a ValueChange,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    resync: bool,
}

impl Render for Line<'_> {
    fn table(&self, _style: &Style) -> String {
        self.plain()
    }

    fn plain(&self) -> String {
        let c = self.change;
        let state = |v: Option<&Value>| match v {
            None => "(none)".to_string(),
            Some(v) => v
                .get("state")
                .and_then(Value::as_str)
                .map_or_else(|| crate::text::one_line(&v.to_string(), 60), str::to_string),
        };
        format!(
            "{} {} {} {} -> {}\n",
            c.revision,
            c.kind.as_str(),
            c.key,
            state(c.old.as_ref()),
            state(c.new.as_ref())
        )
    }
}

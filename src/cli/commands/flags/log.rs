//! `etcdkit flags log [KEY]`: who changed which flag, when and why, from etcd's history.

use clap::Args;
use serde::Serialize;

use crate::cli::commands::config::{audit_cells, revision_cell};
use crate::cli::output::Style;
use crate::cli::{Context, Render};
use crate::config::{Log, Root};
use crate::error::{ExitStatus, Result};
use crate::flags::check_flag_key;

/// Show who changed the flags, when and why
///
/// Reads every change of the flag set (or of flag KEY) that etcd still holds, oldest first:
/// the revision, what changed (the state, or the definition), and for etcdkit's writes the
/// audit record written in the same transaction: user, host, etcd user, time and --reason.
/// Changes made by other tools show no audit record. History before etcd's last compaction is
/// gone; the log says from which revision it starts.
///
/// Exit codes: 0 shown (also an empty log); 3 bad input; 4 etcd unreachable.
///
/// Examples:
///   etcdkit flags log
///   etcdkit flags log new-checkout
///   etcdkit flags log -o json | jq -c '.changes[] | {key, revision, why: .audit.reason}'
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct LogArgs {
    /// Only this flag's changes
    #[arg(value_name = "KEY")]
    pub flag: Option<String>,
}

/// Runs `etcdkit flags log`.
pub async fn run(ctx: &Context, root: Root, args: &LogArgs) -> Result<ExitStatus> {
    if let Some(flag) = &args.flag {
        check_flag_key(flag)?;
    }
    let store = super::store(ctx, root).await?;
    let log = store.tree().log(args.flag.as_deref().unwrap_or("")).await?;
    ctx.output().emit(&Shown(log))?;
    Ok(ExitStatus::Ok)
}

/// What log prints.
#[derive(Serialize)]
struct Shown(Log);

/// A change in a few words: a state switch, a new definition, a delete.
fn what(change: &crate::config::Logged, before: Option<&serde_json::Value>) -> String {
    let state = |v: Option<&serde_json::Value>| {
        v.and_then(|f| f.get("state"))
            .and_then(|s| s.as_str())
            .map(str::to_string)
    };
    match (&change.version.value, before) {
        (None, _) => "deleted".into(),
        (Some(_), None) => format!(
            "defined ({})",
            state(change.version.value.as_ref()).unwrap_or_default()
        ),
        (Some(new), Some(old)) => {
            let (was, now) = (state(Some(old)), state(Some(new)));
            let mut rest_old = old.clone();
            let mut rest_new = new.clone();
            for v in [&mut rest_old, &mut rest_new] {
                if let Some(o) = v.as_object_mut() {
                    o.remove("state");
                }
            }
            match (was != now, rest_old != rest_new) {
                (true, false) => {
                    format!("{} -> {}", was.unwrap_or_default(), now.unwrap_or_default())
                }
                (true, true) => format!(
                    "changed, {} -> {}",
                    was.unwrap_or_default(),
                    now.unwrap_or_default()
                ),
                _ => "changed".into(),
            }
        }
    }
}

impl Render for Shown {
    fn table(&self, style: &Style) -> String {
        let log = &self.0;
        let mut out = String::new();
        if let Some(first) = log.compacted_before {
            out.push_str(&format!(
                "(etcd has compacted the history before revision {first})\n"
            ));
        }
        if log.changes.is_empty() {
            out.push_str("no change in etcd's history\n");
            return out;
        }
        let mut last: std::collections::HashMap<&str, &serde_json::Value> = Default::default();
        let mut table = style.table(&["REVISION", "FLAG", "CHANGE", "WHO", "WHEN", "WHY"]);
        for c in &log.changes {
            let change = what(c, last.get(c.key.as_str()).copied());
            match &c.version.value {
                Some(v) => last.insert(&c.key, v),
                None => last.remove(c.key.as_str()),
            };
            let [who, when, why] = audit_cells(c.version.audit.as_ref());
            table.add_row(vec![
                revision_cell(c.version.revision),
                c.key.clone(),
                change,
                who,
                when,
                why,
            ]);
        }
        style.fit(&mut table, &[1, 5]);
        out.push_str(&format!("{table}\n"));
        out
    }

    fn plain(&self) -> String {
        self.0
            .changes
            .iter()
            .map(|c| {
                let [who, _, why] = audit_cells(c.version.audit.as_ref());
                let revision = revision_cell(c.version.revision);
                format!("{revision} {} {} {who} {why}\n", c.key, c.version.kind)
            })
            .collect()
    }
}

//! `etcdkit config history KEY` and `etcdkit config diff REV1 [REV2]`.

use clap::Args;
use serde::Serialize;

use crate::cli::output::Style;
use crate::cli::{Context, Render};
use crate::config::{check_key, check_prefix, Diff, History, Root};
use crate::error::{Error, ExitStatus, Result};

/// Show every value a key had that etcd still holds, with who changed it and why
///
/// Reads the key's changes from etcd's history (every revision since the last compaction),
/// oldest first: the revision, the value set (or the delete), and for etcdkit's writes the audit
/// record stored in the same transaction: user, host, etcd user, time and --reason. Changes made
/// by other tools show no audit record.
///
/// Exit codes: 0 shown (also an empty history); 3 bad input; 4 etcd unreachable.
///
/// Examples:
///   etcdkit config history db/host
///   etcdkit config history db/host -o json | jq '.versions[] | {revision, value, reason: .audit.reason}'
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct HistoryArgs {
    /// The key, relative to --root
    #[arg(value_name = "KEY")]
    pub path: String,
}

/// Show what changed under a prefix between two revisions
///
/// Reads the keys under --prefix (default: the whole tree) at REV1 and at REV2 (default: now)
/// and prints the keys added, changed and removed between them. `config history KEY` and
/// `config get KEY -o json` show revisions; a revision etcd has compacted is an error.
///
/// Exit codes: 0 shown (also when nothing differs); 3 bad input or a compacted revision; 4 etcd
/// unreachable.
///
/// Examples:
///   etcdkit config diff 120
///   etcdkit config diff 120 135 --prefix db
///   etcdkit config diff 120 -o json | jq '.changed[].key'
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct DiffArgs {
    /// The first revision
    #[arg(value_parser = clap::value_parser!(i64).range(1..))]
    pub from: i64,

    /// The second revision [default: now]
    #[arg(value_parser = clap::value_parser!(i64).range(1..))]
    pub to: Option<i64>,

    /// Only the keys under this prefix, relative to --root
    #[arg(long, default_value = "")]
    pub prefix: String,
}

/// Runs `etcdkit config history`.
pub async fn run(ctx: &Context, root: Root, args: &HistoryArgs) -> Result<ExitStatus> {
    let key = check_key(&args.path)?;
    let store = super::store(ctx, root).await?;
    let history = store.history(&key).await?;
    ctx.output().emit(&Shown(history))?;
    Ok(ExitStatus::Ok)
}

/// Runs `etcdkit config diff`.
pub async fn diff(ctx: &Context, root: Root, args: &DiffArgs) -> Result<ExitStatus> {
    let prefix = check_prefix(&args.prefix)?;
    if args.to.is_some_and(|to| to < args.from) {
        return Err(Error::usage(format!(
            "REV2 ({}) is before REV1 ({}); give the older revision first",
            args.to.unwrap_or_default(),
            args.from
        )));
    }
    let store = super::store(ctx, root).await?;
    let before = store.read(&prefix, Some(args.from)).await?;
    let after = store.read(&prefix, args.to).await?;
    let diff = Diff::between(&before.flat(), &after.flat());
    ctx.output().emit(&Between {
        prefix,
        from_revision: args.from,
        to_revision: after.revision,
        diff,
    })?;
    Ok(ExitStatus::Ok)
}

/// What history prints.
#[derive(Serialize)]
struct Shown(History);

impl Render for Shown {
    fn table(&self, style: &Style) -> String {
        let h = &self.0;
        let mut out = String::new();
        if let Some(first) = h.compacted_before {
            out.push_str(&format!(
                "(etcd has compacted the history before revision {first})\n"
            ));
        }
        if h.versions.is_empty() {
            out.push_str(&format!("no change of {} in etcd's history\n", h.key));
            return out;
        }
        let mut table = style.table(&["REVISION", "CHANGE", "VALUE", "WHO", "WHEN", "WHY"]);
        for v in &h.versions {
            let [who, when, why] = audit_cells(v.audit.as_ref());
            table.add_row(vec![
                revision_cell(v.revision),
                v.kind.to_string(),
                v.value
                    .as_ref()
                    .map_or(String::new(), |v| crate::text::one_line(&v.to_string(), 80)),
                who,
                when,
                why,
            ]);
        }
        style.fit(&mut table, &[2, 5]);
        out.push_str(&format!("{table}\n"));
        out
    }

    fn plain(&self) -> String {
        self.0
            .versions
            .iter()
            .map(|v| {
                let value = v.value.as_ref().map_or(String::new(), |v| v.to_string());
                let revision = revision_cell(v.revision);
                format!("{revision} {} {value}\n", v.kind)
            })
            .collect()
    }
}

/// A change's revision as shown: `?` for a delete etcd no longer dates.
pub(crate) fn revision_cell(revision: Option<i64>) -> String {
    revision.map_or("?".into(), |r| r.to_string())
}

/// Who (user@host), when and why, from a write's audit record; "(not etcdkit)" without one.
pub(crate) fn audit_cells(audit: Option<&crate::config::Audit>) -> [String; 3] {
    match audit {
        Some(a) => [
            format!("{}@{}", a.user, a.host),
            a.written_at.clone(),
            a.reason.clone().unwrap_or_default(),
        ],
        None => ["(not etcdkit)".into(), String::new(), String::new()],
    }
}

/// What diff prints.
#[derive(Serialize)]
struct Between {
    /// The prefix compared.
    prefix: String,
    /// The first revision.
    from_revision: i64,
    /// The second revision.
    to_revision: i64,
    #[serde(flatten)]
    diff: Diff,
}

impl Render for Between {
    fn table(&self, _style: &Style) -> String {
        if self.diff.is_empty() {
            return format!(
                "nothing changed between revisions {} and {}\n",
                self.from_revision, self.to_revision
            );
        }
        self.plain()
    }

    fn plain(&self) -> String {
        self.diff.lines().iter().map(|l| format!("{l}\n")).collect()
    }
}

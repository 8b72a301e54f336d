//! `etcdkit config import FILE`: a snapshot file into the tree, shown as a diff, asked for,
//! and applied in one transaction (or, with `--batch`, several).

use std::io::{IsTerminal, Read};
use std::path::Path;

use clap::Args;
use serde::Serialize;

use super::export::{format_of, WHAT};
use super::set::ReasonArgs;
use crate::cli::output::Style;
use crate::cli::{Context, Format, Render};
use crate::config::{
    read_snapshot, schema::shown, Diff, ImportPlan, Limits, Root, SnapshotFormat, Store, Written,
};
use crate::error::{Error, ExitStatus, Result};

/// Apply a snapshot file to the tree: show the diff, ask, write it in one transaction
///
/// Reads FILE (a snapshot `config export` wrote, JSON, YAML or TOML by its extension or
/// --format; - is stdin, JSON without --format), reads the tree under the file's prefix at one
/// revision, and shows what differs: + added, ~ changed, - removed. Keys under the prefix the
/// file does not have stay unless --prune, which deletes them. The keys go under this
/// command's --root (the file's root is only said).
///
/// Then it asks "Apply N changes to ROOT? [y/N]" on the terminal; without one (stdin and
/// stderr not both terminals) it refuses unless --yes. The changes are written in ONE
/// transaction with the audit record (action import, --reason), each guarded on the key as
/// the plan read it: a key changed by someone else in between fails the import with nothing
/// written (exit 1; run it again). etcd takes at most 128 operations in one transaction (its
/// --max-txn-ops; the audit record takes one, so 127 changes): a larger import is refused
/// unless --batch, which applies it in key order (puts, then deletes) in several transactions.
/// A batched import stopped half-way is completed by running it again: the new plan holds only
/// what is left. Every transaction is checked against the schemas (`config schema set`) of
/// the subtrees it changes, and the whole plan is checked before it is shown.
///
/// Exit codes: 0 applied, or nothing to change; 1 a key changed since the plan was read (that
/// transaction not written), or the prompt was answered no; 3 bad input (a malformed file, an
/// unknown field, a bad key, refused by a schema, too many changes without --batch, no
/// terminal and no --yes: nothing written); 4 etcd unreachable.
///
/// Examples:
///   etcdkit config import config.json --dry-run
///   etcdkit config import config.yaml --yes --reason "restore after the bad deploy"
///   etcdkit config --root /staging import prod.toml --prune --yes
///   etcdkit config import big.json --batch --yes --max-txn-ops 1024
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct ImportArgs {
    /// The snapshot file (- for stdin)
    #[arg(value_name = "FILE")]
    pub file: String,

    /// The file's format: json, yaml or toml [default: by its extension; stdin: json]
    #[arg(long, value_name = "FORMAT", value_parser = SnapshotFormat::NAMES)]
    pub format: Option<String>,

    /// Also delete the keys under the file's prefix that the file does not have
    #[arg(long)]
    pub prune: bool,

    #[command(flatten)]
    pub apply: ApplyArgs,

    #[command(flatten)]
    pub reason: ReasonArgs,
}

/// How an import's plan is applied (config import, flags import).
#[derive(Debug, Args)]
pub struct ApplyArgs {
    /// Show the changes and write nothing
    #[arg(long)]
    pub dry_run: bool,

    /// Apply without asking (needed without a terminal)
    #[arg(long)]
    pub yes: bool,

    /// Apply an import too large for one transaction in several, in key order (safe to run
    /// again)
    #[arg(long)]
    pub batch: bool,

    /// The --max-txn-ops etcd runs with, when not its default 128
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(2..))]
    pub max_txn_ops: Option<u32>,
}

/// Runs `etcdkit config import`.
pub async fn run(ctx: &Context, root: Root, args: &ImportArgs) -> Result<ExitStatus> {
    let reason = args.reason.get()?;
    let stdin = args.file == "-";
    let path = Path::new(&args.file);
    let bytes = match stdin {
        true => {
            let mut bytes = Vec::new();
            std::io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|source| Error::Io {
                    context: "cannot read the snapshot from stdin".into(),
                    source,
                })?;
            bytes
        }
        false => crate::files::read(path, WHAT)?.ok_or_else(|| {
            Error::usage_with_hint(
                format!("there is no snapshot file {}", path.display()),
                "etcdkit config export --dest FILE writes one",
            )
        })?,
    };
    // After the read: a directory or device is said as such, not as an unknown extension.
    let format = format_of(
        args.format.as_deref(),
        (!stdin).then_some(path),
        stdin.then_some(SnapshotFormat::Json),
    )?;
    let source = match stdin {
        true => "stdin".to_string(),
        false => path.display().to_string(),
    };
    let snapshot = read_snapshot(&bytes, format, &source)?;
    let store = super::store(ctx, root).await?;
    let root = store.root().as_str().to_string();
    if let Some(from) = snapshot
        .root
        .as_deref()
        .filter(|r| r.trim_end_matches('/') != root)
    {
        ctx.output().status(&format!(
            "{source} was exported from {from}; importing it under {root}"
        ));
    }
    let plan = store.plan_import(&snapshot, args.prune).await?;
    apply_plan(ctx, &store, &plan, snapshot.revision, &args.apply, reason).await
}

/// Shows an import's `plan`, asks on a terminal (or takes --yes), and applies it in one
/// transaction (or with --batch several): what `config import` and `flags import` share.
pub async fn apply_plan(
    ctx: &Context,
    store: &Store,
    plan: &ImportPlan,
    file_revision: Option<i64>,
    args: &ApplyArgs,
    reason: Option<String>,
) -> Result<ExitStatus> {
    let mut store = store.clone();
    if let Some(n) = args.max_txn_ops {
        let limits = Limits {
            max_txn_ops: n as usize,
            ..store.limits()
        };
        store = store.with_limits(limits);
    }
    let root = store.root().as_str().to_string();
    let mut report = Imported::new(&root, plan, file_revision, args.dry_run);
    let json = ctx.output().format == Format::Json;
    if plan.is_empty() {
        ctx.output().emit(&report)?;
        return Ok(ExitStatus::Ok);
    }
    if !args.dry_run {
        // Too large for one transaction without --batch: refused before it is shown or asked.
        store.import_writes(plan, None, args.batch)?;
    }
    if !json {
        ctx.output().emit(&Planned(&report))?;
    }
    if args.dry_run {
        ctx.output().emit(&report)?;
        return Ok(ExitStatus::Ok);
    }
    if !args.yes {
        let n = crate::text::count(plan.changes.len() as i64, "change");
        if !(std::io::stdin().is_terminal() && std::io::stderr().is_terminal()) {
            return Err(Error::usage_with_hint(
                format!("{n} to apply to {root} and no terminal to ask on: nothing written"),
                "pass --yes to apply them without asking (--dry-run shows them and writes nothing)",
            ));
        }
        if json {
            ctx.output()
                .warn(Planned(&report).table(&Style::default()).trim_end());
        }
        let answer =
            crate::cli::context::ask_on_terminal(&format!("Apply {n} to {root}? [y/N] "), true)
                .map_err(|e| Error::usage(format!("could not read the answer: {e}")))?;
        if !matches!(answer.trim().to_ascii_lowercase().as_str(), "y" | "yes") {
            ctx.output().warn("not applied: nothing written");
            return Ok(ExitStatus::Negative);
        }
    }
    let mut written = Vec::new();
    let applied = store
        .apply_import(plan, reason, args.batch, |w| {
            if args.batch {
                ctx.output().status(&format!(
                    "applied {} at revision {}",
                    crate::text::count(w.changes.len() as i64, "change"),
                    w.revision
                ));
            }
            written.push(Transaction::of(w));
        })
        .await;
    if let Err(e) = applied {
        if !written.is_empty() {
            let changes: usize = written.iter().map(|t| t.changes).sum();
            ctx.output().warn(&format!(
                "etcdkit: warning: {} ({changes} changes) were applied before this; run the import again to apply the rest",
                crate::text::count(written.len() as i64, "transaction")
            ));
        }
        return Err(e);
    }
    report.applied = written.iter().map(|t| t.changes).sum();
    report.transactions = written;
    ctx.output().emit(&report)?;
    Ok(ExitStatus::Ok)
}

/// One transaction an import wrote.
#[derive(Serialize)]
struct Transaction {
    revision: i64,
    changes: usize,
}

impl Transaction {
    fn of(w: &Written) -> Transaction {
        Transaction {
            revision: w.revision,
            changes: w.changes.len(),
        }
    }
}

/// What import prints: the plan and what was applied (docs/json.md).
#[derive(Serialize)]
struct Imported {
    root: String,
    prefix: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    file_revision: Option<i64>,
    read_revision: i64,
    #[serde(flatten)]
    diff: Diff,
    kept: usize,
    changes: usize,
    dry_run: bool,
    applied: usize,
    transactions: Vec<Transaction>,
}

impl Imported {
    fn new(root: &str, plan: &ImportPlan, file_revision: Option<i64>, dry_run: bool) -> Self {
        Imported {
            root: root.to_string(),
            prefix: plan.prefix.clone(),
            file_revision,
            read_revision: plan.read_revision,
            diff: plan.diff.clone(),
            kept: plan.kept,
            changes: plan.changes.len(),
            dry_run,
            applied: 0,
            transactions: Vec::new(),
        }
    }

    /// The outcome in one line.
    fn outcome(&self) -> String {
        let n = crate::text::count(self.changes as i64, "change");
        match self.transactions.last() {
            _ if self.changes == 0 => format!(
                "nothing to change: {} under {} is as the file has it (read at revision {})",
                shown(&self.prefix),
                self.root,
                self.read_revision
            ),
            _ if self.dry_run => format!("dry run: {n} to apply, nothing written"),
            Some(last) if self.transactions.len() > 1 => format!(
                "applied {n} in {} transactions, the last at revision {}",
                self.transactions.len(),
                last.revision
            ),
            Some(last) => format!("applied {n} at revision {}", last.revision),
            None => format!("{n} to apply"),
        }
    }
}

impl Render for Imported {
    fn table(&self, _style: &Style) -> String {
        format!("{}\n", self.outcome())
    }

    fn plain(&self) -> String {
        format!("{}\n", self.outcome())
    }
}

/// The plan for people, shown before the question.
#[derive(Serialize)]
struct Planned<'a>(&'a Imported);

impl Render for Planned<'_> {
    fn table(&self, _style: &Style) -> String {
        let r = self.0;
        let mut out = String::new();
        for line in r.diff.lines() {
            out.push_str(&line);
            out.push('\n');
        }
        if r.kept > 0 {
            out.push_str(&format!(
                "({} under {} not in the file kept; --prune deletes them)\n",
                crate::text::count(r.kept as i64, "key"),
                shown(&r.prefix)
            ));
        }
        out
    }

    fn plain(&self) -> String {
        self.table(&Style::default())
    }
}

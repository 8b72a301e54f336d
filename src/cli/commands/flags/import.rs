//! `etcdkit flags import FILE` and `etcdkit flags export`: flagd's flag set file, both ways.

use std::io::Read;
use std::path::{Path, PathBuf};

use clap::Args;
use serde::Serialize;
use serde_json::Value;

use crate::cli::commands::config::{apply_plan, ApplyArgs, ReasonArgs};
use crate::cli::output::Style;
use crate::cli::{Context, Render};
use crate::config::Root;
use crate::error::{Error, ExitStatus, Result};

/// What flagd's files name as their schema; `flags export` writes it so editors check the file.
const SCHEMA: &str = "https://flagd.dev/schema/v0/flags.json";

/// Import a flagd flag set file: show the changes, ask, write them in one transaction
///
/// FILE is flagd's format (JSON, or YAML for .yaml/.yml; - is stdin, JSON):
/// {"flags": {KEY: {...}}, "$evaluators": {NAME: rule}, "metadata": {...}}. The whole file is
/// validated first (every flag, against the file's own $evaluators); a fault is named by its
/// path and nothing is written. Then the flag set is read at one revision and what differs is
/// shown: + added, ~ changed, - removed. Flags (and shared rules) the file does not have stay
/// unless --prune. It asks on a terminal; without one it refuses unless --yes. The changes are
/// written in ONE transaction with the audit record (action import, --reason), each guarded on
/// the flag as read: a flag changed meanwhile fails the import with nothing written (exit 1;
/// run it again). etcd takes at most 128 operations in one transaction (one is the audit
/// record): a larger import is refused unless --batch, which applies it in key order in
/// several transactions and is safe to run again.
///
/// Exit codes: 0 applied, or nothing to change; 1 a flag changed since the plan was read, or
/// the prompt was answered no; 3 an invalid file, too many changes without --batch, no terminal
/// and no --yes (nothing written); 4 etcd unreachable.
///
/// Examples:
///   etcdkit flags import flagd.json --dry-run
///   etcdkit flags import flagd.json --yes --reason "move from flagd"
///   etcdkit flags import flags.yaml --prune --yes
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct ImportArgs {
    /// flagd's flag set file (- for stdin)
    #[arg(value_name = "FILE")]
    pub file: String,

    /// Also delete the flags and shared rules the file does not have
    #[arg(long)]
    pub prune: bool,

    #[command(flatten)]
    pub apply: ApplyArgs,

    #[command(flatten)]
    pub reason: ReasonArgs,
}

/// Write the flag set as a flagd flag set file
///
/// Reads every flag, shared rule and the metadata at one revision and writes flagd's format
/// (JSON), which flagd, `flags import` and OpenFeature's in-process providers read. Flags
/// stored by another tool that are not valid are left out, with a warning naming them.
///
/// Exit codes: 0 written; 3 bad input; 4 etcd unreachable.
///
/// Examples:
///   etcdkit flags export > flagd.json
///   etcdkit flags export --dest flags.json
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct ExportArgs {
    /// Write to this file (through a temporary file, renamed) instead of stdout
    #[arg(long, value_name = "FILE")]
    pub dest: Option<PathBuf>,
}

/// Runs `etcdkit flags import`.
pub async fn run(ctx: &Context, root: Root, args: &ImportArgs) -> Result<ExitStatus> {
    let reason = args.reason.get()?;
    let (doc, source) = read_document(&args.file)?;
    let store = super::store(ctx, root).await?;
    let snapshot = store.snapshot_of(&doc, &source)?;
    let tree = store.tree();
    let plan = tree.plan_import(&snapshot, args.prune).await?;
    apply_plan(ctx, tree, &plan, None, &args.apply, reason).await
}

/// The document in `file` and how to name it.
fn read_document(file: &str) -> Result<(Value, String)> {
    if file == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|source| Error::Io {
                context: "cannot read the flag set from stdin".into(),
                source,
            })?;
        return Ok((parse(&bytes, false, "stdin")?, "stdin".into()));
    }
    let path = Path::new(file);
    let bytes = crate::files::read(path, "flag set file")?.ok_or_else(|| {
        Error::usage_with_hint(
            format!("there is no flag set file {}", path.display()),
            "etcdkit flags export > flags.json writes one",
        )
    })?;
    let yaml = matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml")
    );
    let source = path.display().to_string();
    Ok((parse(&bytes, yaml, &source)?, source))
}

fn parse(bytes: &[u8], yaml: bool, source: &str) -> Result<Value> {
    let parsed: std::result::Result<Value, String> = match yaml {
        true => serde_norway::from_slice(bytes).map_err(|e| e.to_string()),
        false => serde_json::from_slice(bytes).map_err(|e| e.to_string()),
    };
    parsed.map_err(|e| {
        Error::usage(format!(
            "{source} is not {}: {e}; nothing written",
            if yaml { "YAML" } else { "JSON" }
        ))
    })
}

/// Runs `etcdkit flags export`.
pub async fn export(ctx: &Context, root: Root, args: &ExportArgs) -> Result<ExitStatus> {
    let store = super::store(ctx, root).await?;
    let set = store.read().await?;
    for (key, fault) in &set.broken {
        ctx.output().warn(&format!(
            "etcdkit: warning: flag {key} is not valid and is left out: {fault}"
        ));
    }
    let mut doc = serde_json::Map::new();
    doc.insert("$schema".into(), Value::String(SCHEMA.into()));
    if let Value::Object(members) = set.document {
        doc.extend(members);
    }
    let mut text = serde_json::to_string_pretty(&Value::Object(doc)).unwrap_or_default();
    text.push('\n');
    match &args.dest {
        Some(dest) => {
            crate::files::replace(dest, "flag set file", text.as_bytes())?;
            ctx.output().emit(&Exported {
                dest: dest.display().to_string(),
                revision: set.revision,
                flags: set.revisions.len() - set.broken.len(),
            })?;
        }
        None => ctx.output().emit_raw(text.as_bytes())?,
    }
    Ok(ExitStatus::Ok)
}

/// What export prints with --dest.
#[derive(Serialize)]
struct Exported {
    dest: String,
    revision: i64,
    flags: usize,
}

impl Render for Exported {
    fn table(&self, _style: &Style) -> String {
        format!(
            "wrote {} to {} (revision {})\n",
            crate::text::count(self.flags as i64, "flag"),
            self.dest,
            self.revision
        )
    }

    fn plain(&self) -> String {
        self.table(&Style::default())
    }
}

//! `etcdkit config set KEY VALUE` and `etcdkit config delete KEY [--prefix]`.

use clap::Args;
use serde::Serialize;

use crate::cli::output::Style;
use crate::cli::{Context, Render};
use crate::config::{parse_value, Change, Expect, Root, ValueType, Write, Written};
use crate::error::{Error, ExitStatus, Result};

/// Set a key's value (typed, guarded, checked, recorded)
///
/// Without --type the value is a JSON literal when it parses as one (5432, true, {"a":1},
/// "quoted") and a string otherwise; --type says exactly (string, int, float, bool, json;
/// malformed JSON with --type json is an error). The write is one transaction with its audit
/// record (user, host, time, --reason); with --if-revision it goes ahead only if the key was
/// last changed at that revision (compare-and-swap; `config get KEY -o json` prints it), with
/// --if-absent only if the key does not exist. A value larger than etcd takes
/// (--max-request-bytes, 1.5 MiB by default) is refused before it is sent. When the key is
/// under a prefix with a schema (`config schema set`), the subtree as the write would leave it
/// must pass it.
///
/// Exit codes: 0 set; 1 the key was not as --if-revision or --if-absent expected (nothing
/// written; the current revision is named); 3 bad input or refused by a schema (nothing
/// written); 4 etcd unreachable.
///
/// Examples:
///   etcdkit config set db/host db-2.internal --reason "failover to db-2"
///   etcdkit config set db/port 5432 --type int
///   etcdkit config set features '{"beta":true}' --type json
///   etcdkit config set tls/ca --file ca.pem --type string
///   etcdkit config set db/host db-3 --if-revision "$(etcdkit config get db/host -o json | jq .mod_revision)"
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct SetArgs {
    /// The key, relative to --root
    #[arg(value_name = "KEY")]
    pub path: String,

    /// The value (text; see --type)
    #[arg(required_unless_present = "file", conflicts_with = "file")]
    pub value: Option<String>,

    /// Read the value from this file (`-`: standard input) instead of VALUE
    #[arg(long, value_name = "FILE")]
    pub file: Option<std::path::PathBuf>,

    /// How to read VALUE: string, int, float, bool or json [default: JSON if it parses, else a
    /// string]
    #[arg(long = "type", value_name = "TYPE", value_parser = ValueType::NAMES)]
    pub kind: Option<String>,

    /// Write only if the key was last changed at this revision (compare-and-swap)
    #[arg(long, value_name = "REVISION", conflicts_with = "if_absent", value_parser = clap::value_parser!(i64).range(1..))]
    pub if_revision: Option<i64>,

    /// Write only if the key does not exist
    #[arg(long)]
    pub if_absent: bool,

    #[command(flatten)]
    pub reason: ReasonArgs,
}

/// Why a write is made.
#[derive(Debug, Args)]
pub struct ReasonArgs {
    /// Why: kept with the write's audit record (who, host, time), shown by `config history`
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
}

impl ReasonArgs {
    /// The reason, checked: one line of reasonable length.
    pub fn get(&self) -> Result<Option<String>> {
        match &self.reason {
            None => Ok(None),
            Some(r) if r.trim().is_empty() => {
                Err(Error::usage("--reason is empty; say why, or leave it out"))
            }
            Some(r) if r.len() > 1024 => Err(Error::usage(format!(
                "--reason is {} bytes long; the longest taken is 1024",
                r.len()
            ))),
            Some(r) if r.chars().any(|c| c.is_control() && c != '\t') => Err(Error::usage(
                "--reason contains control characters (a newline?); give one line",
            )),
            Some(r) => Ok(Some(r.clone())),
        }
    }
}

/// Delete a key, or with --prefix a key and everything under it
///
/// One transaction with its audit record. With --prefix, PREFIX and every key under PREFIX/
/// go (not PREFIX-other); an empty prefix (--prefix "") is the whole tree, bookkeeping
/// (.audit, .schema) kept.
///
/// Exit codes: 0 deleted; 1 nothing to delete; 3 bad input or refused by a schema; 4 etcd
/// unreachable.
///
/// Examples:
///   etcdkit config delete db/replica --reason "decommissioned"
///   etcdkit config delete legacy --prefix
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct DeleteArgs {
    /// The key, relative to --root (with --prefix: the prefix)
    #[arg(value_name = "KEY")]
    pub path: String,

    /// Delete the key and every key under it
    #[arg(long)]
    pub prefix: bool,

    #[command(flatten)]
    pub reason: ReasonArgs,
}

/// Runs `etcdkit config set`.
pub async fn run(ctx: &Context, root: Root, args: &SetArgs) -> Result<ExitStatus> {
    let kind = args.kind.as_deref().map(ValueType::parse).transpose()?;
    let text = match (&args.value, &args.file) {
        (Some(v), _) => v.clone(),
        (None, Some(path)) => read_value(path)?,
        (None, None) => return Err(Error::usage("give a VALUE or --file")),
    };
    let value = parse_value(&text, kind)?;
    let expect = match (args.if_revision, args.if_absent) {
        (Some(r), _) => Expect::Revision(r),
        (None, true) => Expect::Absent,
        (None, false) => Expect::Any,
    };
    let write = Write {
        action: "set".into(),
        changes: vec![Change::put(&args.path, value)?.expecting(expect)],
        reason: args.reason.get()?,
    };
    let store = super::store(ctx, root).await?;
    let written = store.write(write).await?;
    ctx.output().emit(&Wrote(written))?;
    Ok(ExitStatus::Ok)
}

/// The value in `path` (`-`: standard input), as UTF-8 text.
pub fn read_value(path: &std::path::Path) -> Result<String> {
    let bytes = if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut bytes).map_err(|source| {
            Error::Io {
                context: "cannot read the value from standard input".into(),
                source,
            }
        })?;
        bytes
    } else {
        crate::files::read(path, "value file")?.ok_or_else(|| Error::File {
            what: "value file",
            path: path.to_path_buf(),
            source: std::io::ErrorKind::NotFound.into(),
        })?
    };
    String::from_utf8(bytes).map_err(|_| {
        Error::usage(format!(
            "the value in {} is not UTF-8 text; etcdkit config stores text (JSON)",
            path.display()
        ))
    })
}

/// Runs `etcdkit config delete`.
pub async fn delete(ctx: &Context, root: Root, args: &DeleteArgs) -> Result<ExitStatus> {
    let change = match args.prefix {
        true => Change::delete_prefix(&args.path)?,
        false => Change::delete(&args.path)?,
    };
    let write = Write {
        action: "delete".into(),
        changes: vec![change],
        reason: args.reason.get()?,
    };
    let store = super::store(ctx, root).await?;
    let written = store.write(write).await?;
    if written.changes.iter().all(|c| c.old.is_none()) {
        return Err(Error::NotFound {
            what: match args.prefix {
                true => format!("no key under {} in {}", args.path, store.root().as_str()),
                false => format!("no key {} under {}", args.path, store.root().as_str()),
            },
            hint: "etcdkit config list shows the keys (is --root right?)".into(),
        });
    }
    ctx.output().emit(&Wrote(written))?;
    Ok(ExitStatus::Ok)
}

/// What set and delete print: each key's change and the new revision.
#[derive(Serialize)]
pub(super) struct Wrote(pub Written);

impl Render for Wrote {
    fn table(&self, _style: &Style) -> String {
        let mut out = String::new();
        for c in &self.0.changes {
            let shown = |v: &Option<serde_json::Value>| {
                v.as_ref().map_or("(none)".to_string(), |v| {
                    crate::text::one_line(&v.to_string(), 60)
                })
            };
            match &c.new {
                Some(_) => out.push_str(&format!(
                    "set {}: {} -> {}\n",
                    c.key,
                    shown(&c.old),
                    shown(&c.new)
                )),
                None => out.push_str(&format!("deleted {} (was {})\n", c.key, shown(&c.old))),
            }
        }
        out.push_str(&format!("revision {}\n", self.0.revision));
        out
    }

    fn plain(&self) -> String {
        format!("{}\n", self.0.revision)
    }
}

//! `etcdkit config export [PREFIX]`: the tree, or a prefix, as a snapshot file read at one
//! revision.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Args;

use crate::cli::Context;
use crate::config::{
    check_prefix, schema::shown, write_snapshot, Root, SnapshotFormat, SnapshotHeader,
};
use crate::error::{Error, ExitStatus, Result};

/// Write the tree, or a prefix, to a snapshot file (JSON, YAML or TOML) read at one revision
///
/// Every key under PREFIX (the whole tree without one; the bookkeeping .audit and .schema
/// left out), read at one revision, which the file records. The file is the same in the three
/// formats (docs/json.md, "The snapshot file"):
///
///   {"etcdkit_config": 1, "root": "/app", "prefix": "db", "revision": 123,
///    "exported_at": "2026-12-02T04:40:00.000Z",
///    "keys": {"db/host": "h", "db/port": 5432, "db/tls": {"on": true}}}
///
/// Keys are flat, relative to --root; values are typed (a value may itself be an object).
/// TOML cannot hold null: a tree with a null value is refused in TOML, naming the key (export
/// it as JSON or YAML). The format is --format, else the extension of --dest (.json, .yaml,
/// .yml, .toml), else JSON; -o does not change the file. Without --dest the file goes to
/// stdout; with it, to a temporary file in the same directory, fsynced, then renamed over
/// FILE, so FILE is the old snapshot or the new, never half of one.
///
/// Exit codes: 0 exported; 3 bad input (a directory or device as --dest, an unknown
/// extension, a null in TOML: nothing written); 4 etcd unreachable.
///
/// Examples:
///   etcdkit config export > config.json
///   etcdkit config export db --dest db.yaml
///   etcdkit config --root /app export --format toml > app.toml
///   etcdkit config export db | etcdkit config --root /staging import - --yes
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct ExportArgs {
    /// The prefix to export, relative to --root [default: the whole tree]
    #[arg(value_name = "PREFIX")]
    pub prefix: Option<String>,

    /// The file's format: json, yaml or toml [default: by --dest's extension, else json]
    #[arg(long, value_name = "FORMAT", value_parser = SnapshotFormat::NAMES)]
    pub format: Option<String>,

    /// Write the snapshot to FILE (atomically) instead of stdout
    #[arg(long, value_name = "FILE")]
    pub dest: Option<PathBuf>,
}

/// What the snapshot file is called in messages.
pub(super) const WHAT: &str = "snapshot file";

/// The format `--format` names, else the one `path`'s extension says, else `fallback`.
pub(super) fn format_of(
    given: Option<&str>,
    path: Option<&Path>,
    fallback: Option<SnapshotFormat>,
) -> Result<SnapshotFormat> {
    if let Some(name) = given {
        return SnapshotFormat::parse(name);
    }
    match (path, fallback) {
        (Some(p), fallback) => SnapshotFormat::of_path(p).or(fallback).ok_or_else(|| {
            Error::usage_with_hint(
                format!("cannot tell the format of {} by its extension", p.display()),
                "name it .json, .yaml, .yml or .toml, or give --format json|yaml|toml",
            )
        }),
        (None, fallback) => Ok(fallback.unwrap_or(SnapshotFormat::Json)),
    }
}

/// Runs `etcdkit config export`.
pub async fn run(ctx: &Context, root: Root, args: &ExportArgs) -> Result<ExitStatus> {
    let prefix = check_prefix(args.prefix.as_deref().unwrap_or(""))?;
    if let Some(dest) = &args.dest {
        // A directory or device is refused before the tree is read.
        crate::files::target(dest, WHAT)?;
    }
    let format = format_of(args.format.as_deref(), args.dest.as_deref(), None)?;
    let store = super::store(ctx, root).await?;
    // Streamed as etcd sent the keys: no tree is built.
    let listed = store.list(&prefix, None).await?;
    let at = crate::units::now();
    let header = SnapshotHeader {
        root: store.root().as_str(),
        prefix: &prefix,
        revision: listed.revision,
        exported_at: &at,
    };
    match &args.dest {
        None => {
            let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
            write_snapshot(&mut out, format, header, || listed.values())?;
            out.flush().map_err(|source| Error::Io {
                context: "cannot write to stdout".into(),
                source,
            })?;
        }
        Some(dest) => {
            let mut bytes = Vec::new();
            write_snapshot(&mut bytes, format, header, || listed.values())?;
            crate::files::replace(dest, WHAT, &bytes)?;
            ctx.output().status(&format!(
                "exported {} under {} at revision {} to {}",
                crate::text::count(listed.len() as i64, "key"),
                shown(&prefix),
                listed.revision,
                dest.display()
            ));
        }
    }
    Ok(ExitStatus::Ok)
}

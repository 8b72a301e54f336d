//! `etcdkit config schema set|get|list|delete`: the JSON Schemas writes under a prefix are
//! checked against.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use serde::Serialize;

use super::set::{ReasonArgs, Wrote};
use crate::cli::output::Style;
use crate::cli::{Context, Render};
use crate::config::{check_prefix, schema, Root};
use crate::error::{Error, ExitStatus, Result};

/// JSON Schemas that writes under a prefix must pass
///
/// A schema describes the subtree at PREFIX as one document: the nested object `config list
/// PREFIX -o json` prints under .config (db/port is the property port of the schema of db).
/// Every later set, delete and import under PREFIX is checked against it before it is written;
/// a write that breaks it is refused naming the field, and nothing is written.
///
/// Exit codes: 0 done; 1 no such schema (get, delete); 3 bad input, an invalid schema, or a tree
/// that does not pass the new schema; 4 etcd unreachable.
///
/// Examples:
///   etcdkit config schema set db db.schema.json --reason "types for db"
///   etcdkit config schema get db
///   etcdkit config schema list
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct SchemaArgs {
    #[command(subcommand)]
    pub command: SchemaCommand,
}

/// The schema commands.
#[derive(Debug, Subcommand)]
pub enum SchemaCommand {
    Set(SetArgs),
    Get(PrefixArgs),
    List(ListArgs),
    Delete(DeleteArgs),
}

/// Store the JSON Schema of the subtree at PREFIX
///
/// The schema must be a valid JSON Schema (drafts 4 to 2020-12), and the subtree as it is now
/// must pass it: otherwise nothing is stored and the faults are listed.
///
/// Exit codes: 0 stored; 3 bad input, an invalid schema, or a tree that does not pass it; 4 etcd
/// unreachable.
///
/// Examples:
///   etcdkit config schema set db db.schema.json
///   etcdkit config schema set / whole-tree.schema.json
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct SetArgs {
    /// The prefix, relative to --root (/ for the whole tree)
    pub prefix: String,

    /// The schema, a JSON file
    pub file: PathBuf,

    #[command(flatten)]
    pub reason: ReasonArgs,
}

/// Print the schema of the subtree at PREFIX
///
/// Exit codes: 0 printed; 1 no schema there; 3 bad input; 4 etcd unreachable.
///
/// Examples:
///   etcdkit config schema get db
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct PrefixArgs {
    /// The prefix, relative to --root (/ for the whole tree)
    pub prefix: String,
}

/// List the prefixes that have a schema
///
/// Exit codes: 0 listed (also when there is none); 4 etcd unreachable.
///
/// Examples:
///   etcdkit config schema list
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct ListArgs {}

/// Remove the schema of the subtree at PREFIX
///
/// Exit codes: 0 removed; 1 no schema there; 3 bad input; 4 etcd unreachable.
///
/// Examples:
///   etcdkit config schema delete db --reason "db moves to its own root"
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct DeleteArgs {
    /// The prefix, relative to --root (/ for the whole tree)
    pub prefix: String,

    #[command(flatten)]
    pub reason: ReasonArgs,
}

/// Runs `etcdkit config schema`.
pub async fn run(ctx: &Context, root: Root, args: &SchemaArgs) -> Result<ExitStatus> {
    match &args.command {
        SchemaCommand::Set(a) => set(ctx, root, a).await,
        SchemaCommand::Get(a) => get(ctx, root, a).await,
        SchemaCommand::List(_) => list(ctx, root).await,
        SchemaCommand::Delete(a) => delete(ctx, root, a).await,
    }
}

async fn set(ctx: &Context, root: Root, args: &SetArgs) -> Result<ExitStatus> {
    let prefix = check_prefix(&args.prefix)?;
    let bytes = crate::files::read(&args.file, "schema")?.ok_or_else(|| Error::File {
        what: "schema",
        path: args.file.clone(),
        source: std::io::ErrorKind::NotFound.into(),
    })?;
    let document: serde_json::Value = serde_json::from_slice(&bytes).map_err(|e| {
        Error::usage(format!(
            "the schema {} is not valid JSON: {e}",
            args.file.display()
        ))
    })?;
    schema::compile(&document)?;
    let write = schema::put(&prefix, document, args.reason.get()?)?;
    let store = super::store(ctx, root).await?;
    let written = store.write(write).await?;
    ctx.output().emit(&Wrote(written))?;
    Ok(ExitStatus::Ok)
}

async fn get(ctx: &Context, root: Root, args: &PrefixArgs) -> Result<ExitStatus> {
    let prefix = check_prefix(&args.prefix)?;
    let store = super::store(ctx, root).await?;
    let schemas = store.schemas().await?;
    let Some((_, found)) = schemas.into_iter().find(|(p, _)| *p == prefix) else {
        return Err(none_at(&prefix));
    };
    ctx.output().emit(&One {
        prefix,
        schema: found,
    })?;
    Ok(ExitStatus::Ok)
}

async fn list(ctx: &Context, root: Root) -> Result<ExitStatus> {
    let store = super::store(ctx, root).await?;
    let schemas = store
        .schemas()
        .await?
        .into_iter()
        .map(|(prefix, schema)| One { prefix, schema })
        .collect();
    ctx.output().emit(&All { schemas })?;
    Ok(ExitStatus::Ok)
}

async fn delete(ctx: &Context, root: Root, args: &DeleteArgs) -> Result<ExitStatus> {
    let prefix = check_prefix(&args.prefix)?;
    let store = super::store(ctx, root).await?;
    let write = schema::delete(&prefix, args.reason.get()?)?;
    let written = store.write(write).await?;
    if written.changes.iter().all(|c| c.old.is_none()) {
        return Err(none_at(&prefix));
    }
    ctx.output().emit(&Wrote(written))?;
    Ok(ExitStatus::Ok)
}

fn none_at(prefix: &str) -> Error {
    Error::NotFound {
        what: format!("no schema for {}", schema::shown(prefix)),
        hint: "etcdkit config schema list shows the prefixes with a schema".into(),
    }
}

/// One schema.
#[derive(Serialize)]
struct One {
    /// The prefix it covers, relative to the root ("" for the whole tree).
    prefix: String,
    /// The schema.
    schema: serde_json::Value,
}

impl Render for One {
    fn table(&self, _style: &Style) -> String {
        self.plain()
    }

    fn plain(&self) -> String {
        let pretty = serde_json::to_string_pretty(&self.schema).unwrap_or_default();
        format!("{pretty}\n")
    }
}

/// Every schema.
#[derive(Serialize)]
struct All {
    schemas: Vec<One>,
}

impl Render for All {
    fn table(&self, _style: &Style) -> String {
        if self.schemas.is_empty() {
            return "no schema is set\n".to_string();
        }
        self.plain()
    }

    fn plain(&self) -> String {
        self.schemas
            .iter()
            .map(|s| format!("{}\n", schema::shown(&s.prefix)))
            .collect()
    }
}

//! `etcdkit config list [PREFIX]` and `etcdkit config tree [PREFIX]`.

use clap::Args;
use serde::Serialize;

use crate::cli::output::Style;
use crate::cli::{Context, Render};
use crate::config::{check_prefix, text, Root, Tree};
use crate::error::{ExitStatus, Result};

/// List the keys under a prefix with their values
///
/// Reads the keys under PREFIX (default: the whole tree) at one revision. A table of KEY,
/// VALUE and REVISION on a terminal; -o plain prints key=value lines (strings as they are,
/// anything else as JSON), for shells; -o json prints {"time", "root", "prefix", "revision",
/// "config"} where config is the tree as one nested object (db/host is .config.db.host).
///
/// Exit codes: 0 listed (also when there is nothing); 3 bad input; 4 etcd unreachable.
///
/// Examples:
///   etcdkit config list
///   etcdkit config list db -o plain
///   etcdkit config list db -o json | jq .config.port
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct ListArgs {
    /// The prefix, relative to --root [default: the whole tree]
    #[arg(default_value = "")]
    pub prefix: String,
}

/// Show the keys under a prefix as an indented tree
///
/// The same read as `config list`, drawn as directories and values.
///
/// Exit codes: 0 shown; 3 bad input; 4 etcd unreachable.
///
/// Examples:
///   etcdkit config tree
///   etcdkit config tree db
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct TreeArgs {
    /// The prefix, relative to --root [default: the whole tree]
    #[arg(default_value = "")]
    pub prefix: String,
}

/// Runs `etcdkit config list`.
pub async fn run(ctx: &Context, root: Root, args: &ListArgs) -> Result<ExitStatus> {
    let listing = read(ctx, root, &args.prefix).await?;
    ctx.output().emit(&listing)?;
    Ok(ExitStatus::Ok)
}

/// Runs `etcdkit config tree`.
pub async fn tree(ctx: &Context, root: Root, args: &TreeArgs) -> Result<ExitStatus> {
    let listing = read(ctx, root, &args.prefix).await?;
    ctx.output().emit(&Drawn(listing))?;
    Ok(ExitStatus::Ok)
}

async fn read(ctx: &Context, root: Root, prefix: &str) -> Result<Listing> {
    let prefix = check_prefix(prefix)?;
    let store = super::store(ctx, root).await?;
    let tree = store.read(&prefix, None).await?;
    Ok(Listing {
        root: store.root().as_str().to_string(),
        revision: tree.revision,
        config: tree.nested(&prefix),
        prefix,
        tree,
    })
}

/// The keys under a prefix.
#[derive(Serialize)]
pub struct Listing {
    /// The root.
    pub root: String,
    /// The prefix, relative to the root ("" for the whole tree).
    pub prefix: String,
    /// The revision read at.
    pub revision: i64,
    /// The keys under the prefix as one nested object.
    pub config: serde_json::Value,
    #[serde(skip)]
    tree: Tree,
}

impl Render for Listing {
    fn table(&self, style: &Style) -> String {
        if self.tree.entries.is_empty() {
            return format!("no key under {}\n", shown(&self.root, &self.prefix));
        }
        let mut table = style.table(&["KEY", "VALUE", "REVISION"]);
        for e in self.tree.entries.values() {
            table.add_row(vec![
                e.key.clone(),
                crate::text::one_line(&e.value.to_string(), 200),
                e.mod_revision.to_string(),
            ]);
        }
        style.fit(&mut table, &[1]);
        format!("{table}\n")
    }

    fn plain(&self) -> String {
        self.tree
            .entries
            .values()
            .map(|e| format!("{}={}\n", e.key, text(&e.value).replace('\n', "\\n")))
            .collect()
    }
}

/// The tree drawn with indentation.
#[derive(Serialize)]
struct Drawn(Listing);

impl Render for Drawn {
    fn table(&self, _style: &Style) -> String {
        let listing = &self.0;
        if listing.tree.entries.is_empty() {
            return format!("no key under {}\n", shown(&listing.root, &listing.prefix));
        }
        let mut out = format!("{}\n", shown(&listing.root, &listing.prefix));
        let skip = match listing.prefix.as_str() {
            "" => 0,
            p => p.len() + 1,
        };
        // The directories of the key drawn last: a key draws the ones it does not share.
        let mut open: Vec<&str> = Vec::new();
        for e in listing.tree.entries.values() {
            let segments: Vec<&str> = e.key[skip..].split('/').collect();
            let (name, dirs) = segments.split_last().expect("a key has a segment");
            let shared = open.iter().zip(dirs).take_while(|(a, b)| a == b).count();
            open.truncate(shared);
            for dir in &dirs[shared..] {
                out.push_str(&format!("{}{dir}/\n", "  ".repeat(open.len() + 1)));
                open.push(dir);
            }
            out.push_str(&format!(
                "{}{name} = {}\n",
                "  ".repeat(open.len() + 1),
                crate::text::one_line(&e.value.to_string(), 200)
            ));
        }
        out
    }

    fn plain(&self) -> String {
        self.table(&Style::default())
    }
}

/// The root and prefix for people.
fn shown(root: &str, prefix: &str) -> String {
    match prefix {
        "" => format!("{root}/"),
        p => format!("{root}/{p}/"),
    }
}

//! `etcdkit config get KEY`.

use clap::Args;
use serde::Serialize;

use crate::cli::output::Style;
use crate::cli::{Context, Render};
use crate::config::{check_key, text, Entry, Root};
use crate::error::{Error, ExitStatus, Result};

/// Print a key's value
///
/// Prints the value: a string as it is, anything else as JSON. -o json prints the value typed,
/// with the revision that last changed it (what `set --if-revision` takes).
///
/// Exit codes: 0 printed; 1 no such key; 3 bad input; 4 etcd unreachable.
///
/// Examples:
///   etcdkit config get db/host
///   etcdkit config get db/port -o json | jq .value
///   port=$(etcdkit config get db/port)
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct GetArgs {
    /// The key, relative to --root
    #[arg(value_name = "KEY")]
    pub path: String,
}

/// Runs `etcdkit config get`.
pub async fn run(ctx: &Context, root: Root, args: &GetArgs) -> Result<ExitStatus> {
    let key = check_key(&args.path)?;
    let store = super::store(ctx, root).await?;
    let Some(entry) = store.get(&key).await? else {
        return Err(Error::NotFound {
            what: format!("no key {key} under {}", store.root().as_str()),
            hint: "etcdkit config list shows the keys (is --root right?)".into(),
        });
    };
    ctx.output().emit(&Value(entry))?;
    Ok(ExitStatus::Ok)
}

/// What get prints.
#[derive(Serialize)]
struct Value(Entry);

impl Render for Value {
    fn table(&self, _style: &Style) -> String {
        format!("{}\n", text(&self.0.value))
    }

    fn plain(&self) -> String {
        format!("{}\n", text(&self.0.value))
    }
}

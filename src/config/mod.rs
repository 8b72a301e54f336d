//! Typed configuration in etcd: a tree of JSON values under a root, written safely
//! (compare-and-swap, schemas, an audit record in the same transaction) and read at one
//! revision.
//!
//! ```text
//! ROOT/PATH/TO/KEY     a value: JSON text (a string, number, bool, object, array or null)
//! ROOT/.audit          who made the latest write, when and why (its history is the audit log)
//! ROOT/.schema/PREFIX  the JSON Schema of the subtree at PREFIX
//! ```
//!
//! ```no_run
//! # async fn demo() -> etcdkit::Result<()> {
//! use etcdkit::{config, conn::ConnectOptions};
//! let conn = ConnectOptions { endpoints: vec!["127.0.0.1:2379".into()], ..Default::default() };
//! let target = conn.resolve()?;
//! let client = target.connect().await?;
//! let store = config::Store::new(&target, &client, config::Root::new("/app")?);
//! let port: Option<u16> = store.get_as("db/port").await?;
//! let tree = store.read("db", None).await?;
//! println!("{port:?} at revision {}: {}", tree.revision, tree.nested("db"));
//! # Ok(()) }
//! ```

mod audit;
mod changes;
mod diff;
mod env;
mod history;
mod import;
mod key;
pub mod render;
pub mod schema;
mod snapshot;
mod snapshot_toml;
mod store;
mod tree;
mod value;
mod write;

pub use audit::Audit;
pub use changes::{Changes, TreeFollow, ValueChange, Watched};
pub use diff::{Diff, KeyDiff};
pub use env::{check_env_prefix, env_name, environment, Environment};
pub use history::{History, Log, Logged, Version};
pub use import::ImportPlan;
pub use key::{check_key, check_prefix, Root, DEFAULT_ROOT};
pub use snapshot::{
    read_snapshot, write_snapshot, Snapshot, SnapshotFormat, SnapshotHeader, SNAPSHOT_VERSION,
};
pub use store::{Limits, Listed, Store};
pub use tree::{Entry, Tree};
pub use value::{decode, encode, parse_value, text, type_name, typed, ValueType};
pub use write::{Change, Changed, Expect, Op, Write, Written};

//! Feature flags in etcd, OpenFeature-compatible: flagd's flag definition format stored one key
//! per flag, validated before every write, evaluated locally by a compiled JSON Logic engine
//! (with flagd's `fractional`, `sem_ver`, `starts_with` and `ends_with`), and served over OFREP
//! and flagd's gRPC sync protocol from a copy kept current by a watch.
//!
//! ```text
//! ROOT/KEY                a flag: flagd's flag object (state, variants, defaultVariant, targeting, metadata)
//! ROOT/$evaluators/NAME   a shared targeting rule, used by flags as {"$ref": "NAME"}
//! ROOT/$metadata          the flag set's metadata (flagd's top-level `metadata`)
//! ROOT/.audit             who made the latest write, when and why (its history is the log)
//! ```
//!
//! ```no_run
//! # async fn demo() -> etcdkit::Result<()> {
//! use etcdkit::{conn::ConnectOptions, flags};
//! let conn = ConnectOptions { endpoints: vec!["127.0.0.1:2379".into()], ..Default::default() };
//! let target = conn.resolve()?;
//! let root = flags::root(flags::DEFAULT_ROOT)?;
//! let live = flags::Live::start(&target, root, flags::EvaluatorOptions::default(), None).await?;
//! let mut context = flags::Context::new();
//! context.insert("targetingKey".into(), "user-1".into());
//! let on = live.current().evaluator.evaluate_as("new-checkout", &context, false);
//! println!("{:?} ({:?})", on.value, on.reason);
//! # Ok(()) }
//! ```

pub mod definition;
mod document;
pub mod evaluate;
pub mod fault;
mod key;
mod live;
pub mod logic;
pub mod murmur;
pub mod ofrep;
pub mod resolution;
pub mod semver;
mod store;
pub mod sync;

#[cfg(test)]
mod testbed_tests;

pub use definition::{validate_document, validate_flag, validate_flag_key, Flag, FlagSet, State};
pub use document::{assemble, Assembled};
pub use evaluate::{Context, Evaluator, EvaluatorOptions};
pub use fault::Fault;
pub use key::{check_flag_key, root, Stored, DEFAULT_ROOT, EVALUATORS, METADATA};
pub use live::{Current, Live};
pub use logic::{FractionalVersion, Rule};
pub use resolution::{ErrorCode, FlagValue, Reason, Resolution};
pub use store::{FlagStore, StoredFlag};

//! etcdkit: a toolkit for etcd, as a library and as the `etcdkit` command.
//!
//! Each capability is a module whose functions take [`conn::ConnectOptions`] and an options
//! struct and return a `Serialize` report; they never print: [`health`] (cluster checks),
//! [`concurrency`] (sessions, locks, elections, barriers and work queues), [`discover`] (a service registry),
//! [`config`] (typed configuration: guarded writes, history, schemas, rendering), [`flags`]
//! (OpenFeature feature flags in flagd's format, evaluated locally, served over OFREP), [`bench`] (load and SLOs),
//! [`metrics`] (parsing `/metrics`, live samples, the HTTP endpoint), [`alert`] (rules,
//! routing, silences and channels) and [`watch`] (following keys without missing an event,
//! and a local [`watch::Mirror`] of them). The `cli` module (feature `cli`, on by default) is the
//! command line on top of them.
//!
//! ```no_run
//! # async fn demo() -> etcdkit::Result<()> {
//! use etcdkit::{conn::ConnectOptions, health};
//! let conn = ConnectOptions { endpoints: vec!["127.0.0.1:2379".into()], ..Default::default() };
//! let report = health::check(&conn.resolve()?, &health::HealthOptions::default()).await?;
//! println!("{:?}: {}", report.status, report.summary);
//! # Ok(()) }
//! ```

pub mod alert;
pub mod bench;
pub mod concurrency;
pub mod config;
pub mod conn;
pub mod discover;
pub mod error;
pub mod files;
pub mod flags;
pub mod health;
mod http;
pub mod ids;
pub mod metrics;
pub mod program;
pub mod registration;
pub mod secret;
pub mod text;
pub mod units;
pub mod watch;
pub mod who;

#[cfg(feature = "cli")]
pub mod cli;

pub use error::{Error, ExitStatus, Result};

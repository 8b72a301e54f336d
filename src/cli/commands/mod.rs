//! One file per command: parse flags into an options struct, call the library, emit the report.

pub mod alert;
pub mod bench;
pub mod completions;
pub mod config;
pub mod discover;
pub mod elect;
pub mod flags;
pub mod generate_docs;
pub mod health;
pub mod help;
pub mod lock;
pub mod watch;
pub mod watch_metrics;

//! Reading etcd's Prometheus metrics.

pub mod derive;
pub mod export;
pub mod exposition;
pub mod serve;
pub mod watch;

pub use exposition::{parse, Sample, Samples};

//! Reading etcd's Prometheus metrics.

pub mod exposition;

pub use exposition::{parse, Sample, Samples};

//! Reading etcd's Prometheus metrics.

pub mod derive;
pub mod export;
pub mod exposition;
pub mod serve;
pub mod watch;

pub use exposition::{parse, Sample, Samples};

use std::collections::BTreeMap;

use crate::conn::normalize_endpoint;
use crate::error::{Error, Result};
use crate::text::count;

/// Where each endpoint serves `/metrics` when not on its client URL: `metrics_urls` pairs with
/// `endpoints` (the endpoints as given) in order. Endpoints not in the map serve it on their
/// client URL.
pub fn metrics_url_map(
    endpoints: &[String],
    metrics_urls: &[String],
    tls: bool,
) -> Result<BTreeMap<String, String>> {
    if metrics_urls.is_empty() {
        return Ok(BTreeMap::new());
    }
    if metrics_urls.len() != endpoints.len() {
        return Err(Error::usage(format!(
            "--metrics-urls has {} for {}: give one per endpoint, in order",
            count(metrics_urls.len() as i64, "URL"),
            count(endpoints.len() as i64, "endpoint")
        )));
    }
    let urls = metrics_urls
        .iter()
        .map(|m| normalize_endpoint(m, tls))
        .collect::<Result<Vec<_>>>()?;
    Ok(endpoints.iter().cloned().zip(urls).collect())
}

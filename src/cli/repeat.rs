//! Flags shared by the commands that repeat or stream (`watch-metrics`, `alert run`, `watch`),
//! checked once, by clap, before anything runs.

use std::time::Duration;

use clap::Args;

/// The shortest `--interval`: below it, the samples measure etcdkit's own load more than etcd.
pub const MIN_INTERVAL: Duration = Duration::from_millis(100);

/// `--interval`: a duration of at least [`MIN_INTERVAL`].
pub fn parse_interval(text: &str) -> Result<Duration, String> {
    let interval = crate::units::parse_duration(text)?;
    if interval < MIN_INTERVAL {
        return Err("must be at least 100ms".into());
    }
    Ok(interval)
}

/// `--count`: a whole number of at least 1.
pub fn parse_count(text: &str) -> Result<u64, String> {
    match text.trim().parse::<u64>() {
        Ok(0) => Err("must be at least 1 (leave --count out to run until stopped)".into()),
        Ok(n) => Ok(n),
        Err(e) => Err(format!("not a whole number ({e})")),
    }
}

/// `--metrics-urls`: where each endpoint serves `/metrics` when not on its client URL.
#[derive(Args, Debug, Clone, Default)]
pub struct MetricsUrls {
    /// Where each endpoint serves /metrics, when not on its client URL (comma-separated, in order)
    #[arg(long = "metrics-urls", value_delimiter = ',', value_name = "URLS")]
    pub urls: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals_and_counts_are_checked_once() {
        assert_eq!(parse_interval("100ms"), Ok(MIN_INTERVAL));
        assert!(parse_interval("99ms")
            .unwrap_err()
            .contains("at least 100ms"));
        assert!(parse_interval("soon").is_err());
        assert_eq!(parse_count("3"), Ok(3));
        assert!(parse_count("0").unwrap_err().contains("at least 1"));
        assert!(parse_count("-1").unwrap_err().contains("whole number"));
        assert!(parse_count("").is_err());
    }
}

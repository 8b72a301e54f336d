//! Figures derived from two scrapes of one member: rates from counter deltas, and quantiles
//! from histogram bucket deltas (what Prometheus's `rate` and `histogram_quantile` do).

use super::exposition::Samples;

/// The sum of every sample of a metric (all label sets), or `None` if the metric is absent.
pub fn total(s: &Samples, name: &str) -> Option<f64> {
    let mut found = false;
    let sum = s
        .all(name)
        .inspect(|_| found = true)
        .map(|x| x.value)
        .sum::<f64>();
    found.then_some(sum)
}

/// The sum of the samples of a metric whose labels match `keep`.
pub fn total_where(s: &Samples, name: &str, keep: impl Fn(&super::Sample) -> bool) -> f64 {
    s.all(name).filter(|x| keep(x)).map(|x| x.value).sum()
}

/// Per-second increase of a counter between two scrapes `seconds` apart. A counter that went
/// down (the member restarted) counts from zero, as Prometheus does.
pub fn rate(prev: &Samples, cur: &Samples, name: &str, seconds: f64) -> Option<f64> {
    let (a, b) = (total(prev, name)?, total(cur, name)?);
    let increase = if b >= a { b - a } else { b };
    Some(increase / seconds.max(1e-9))
}

/// The `q` quantile (0..1) of a histogram's observations between two scrapes, in the
/// histogram's unit, interpolated within the bucket. `None` when nothing was observed.
pub fn quantile(prev: &Samples, cur: &Samples, name: &str, q: f64) -> Option<f64> {
    let bucket = format!("{name}_bucket");
    let cumulative = |s: &Samples| {
        let mut by_le: Vec<(f64, f64)> = Vec::new();
        for x in s.all(&bucket) {
            let le = match x.label("le")? {
                "+Inf" => f64::INFINITY,
                v => v.parse().ok()?,
            };
            match by_le.iter_mut().find(|(l, _)| *l == le) {
                Some((_, c)) => *c += x.value,
                None => by_le.push((le, x.value)),
            }
        }
        by_le.sort_by(|a, b| a.0.total_cmp(&b.0));
        Some(by_le)
    };
    let now = cumulative(cur)?;
    let before = cumulative(prev).unwrap_or_default();
    let deltas: Vec<(f64, f64)> = now
        .iter()
        .map(|(le, c)| {
            let old = before
                .iter()
                .find(|(l, _)| l == le)
                .map_or(0.0, |(_, c)| *c);
            (*le, if *c >= old { c - old } else { *c })
        })
        .collect();
    let count = deltas.last()?.1;
    if count <= 0.0 {
        return None;
    }
    let rank = q.clamp(0.0, 1.0) * count;
    let mut lower_bound = 0.0;
    let mut lower_count = 0.0;
    for (le, c) in &deltas {
        if *c >= rank {
            if le.is_infinite() {
                // Beyond the last finite bucket: the best answer is that bucket's bound.
                return Some(lower_bound);
            }
            let in_bucket = c - lower_count;
            let share = if in_bucket > 0.0 {
                (rank - lower_count) / in_bucket
            } else {
                1.0
            };
            return Some(lower_bound + (le - lower_bound) * share);
        }
        lower_bound = *le;
        lower_count = *c;
    }
    Some(lower_bound)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::parse;

    #[test]
    fn rates_and_quantiles_follow_prometheus() {
        let prev = parse(
            "x_total 10\nh_bucket{le=\"0.1\"} 0\nh_bucket{le=\"0.2\"} 0\nh_bucket{le=\"+Inf\"} 0\n",
        );
        let cur = parse("x_total 30\nh_bucket{le=\"0.1\"} 50\nh_bucket{le=\"0.2\"} 100\nh_bucket{le=\"+Inf\"} 100\n");
        assert_eq!(rate(&prev, &cur, "x_total", 2.0), Some(10.0));
        let p50 = quantile(&prev, &cur, "h", 0.5).unwrap();
        assert!((p50 - 0.1).abs() < 1e-9, "{p50}");
        let p75 = quantile(&prev, &cur, "h", 0.75).unwrap();
        assert!((p75 - 0.15).abs() < 1e-9, "{p75}");
        assert_eq!(quantile(&prev, &prev, "h", 0.5), None, "nothing observed");
        // A restarted member's counter starts again from zero.
        assert_eq!(rate(&cur, &prev, "x_total", 1.0), Some(10.0));
    }

    #[test]
    fn real_dumps_have_the_series_watch_metrics_reads() {
        let text = std::fs::read_to_string(format!(
            "{}/tests/data/metrics-3.5.1.txt",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        let s = parse(&text);
        for name in [
            "etcd_mvcc_put_total",
            "etcd_server_proposals_committed_total",
            "process_resident_memory_bytes",
        ] {
            assert!(total(&s, name).is_some(), "{name}");
        }
        let empty = parse("");
        let fsync = quantile(&empty, &s, "etcd_disk_wal_fsync_duration_seconds", 0.99).unwrap();
        assert!(fsync > 0.0 && fsync < 1.0, "{fsync}");
    }
}

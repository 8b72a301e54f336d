//! Service-level objectives (`p99<=20ms`, `throughput>=5000`, `errors==0`) and baseline checks.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// What an objective measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    /// A latency percentile, in per-mille (p99.9 = 999).
    Percentile(u32),
    /// Mean latency.
    Mean,
    /// Highest latency.
    Max,
    /// Successful requests per second.
    Throughput,
    /// Failed requests.
    Errors,
    /// Failed share of all requests, 0 to 1.
    ErrorRate,
}

/// A comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Op {
    /// `<=`
    #[serde(rename = "<=")]
    Le,
    /// `<`
    #[serde(rename = "<")]
    Lt,
    /// `>=`
    #[serde(rename = ">=")]
    Ge,
    /// `>`
    #[serde(rename = ">")]
    Gt,
    /// `==`
    #[serde(rename = "==")]
    Eq,
}

/// One objective, parsed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Slo {
    /// As the user wrote it.
    pub expr: String,
    /// What it measures.
    #[serde(skip)]
    pub metric: Metric,
    /// How it compares.
    #[serde(skip)]
    pub op: Op,
    /// The limit (milliseconds for latencies).
    #[serde(skip)]
    pub threshold: f64,
}

/// An objective's verdict.
#[derive(Debug, Clone, Serialize)]
pub struct SloResult {
    /// The objective as written.
    pub expr: String,
    /// The measured value (milliseconds for latencies); null when there was nothing to measure
    /// (no successful request), which fails the objective.
    pub actual: Option<f64>,
    /// Met.
    pub passed: bool,
}

impl fmt::Display for Op {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Op::Le => "<=",
            Op::Lt => "<",
            Op::Ge => ">=",
            Op::Gt => ">",
            Op::Eq => "==",
        })
    }
}

impl Op {
    /// Whether `actual OP threshold` holds; nothing measured holds nothing.
    pub fn holds(self, actual: Option<f64>, threshold: f64) -> bool {
        let Some(actual) = actual else { return false };
        match self {
            Op::Le => actual <= threshold,
            Op::Lt => actual < threshold,
            Op::Ge => actual >= threshold,
            Op::Gt => actual > threshold,
            Op::Eq => (actual - threshold).abs() < 1e-9,
        }
    }
}

/// Parses `METRIC OP VALUE`: metrics p50 p90 p95 p99 p99.9 (any pNN[.N]), mean, max,
/// throughput, errors, error_rate; latencies take a unit (us, ms, s).
pub fn parse(expr: &str) -> Result<Slo> {
    let bad = |why: &str| {
        Error::usage_with_hint(
            format!("invalid --slo {expr:?}: {why}"),
            "write METRIC OP VALUE, e.g. 'p99<=20ms', 'mean<5ms', 'throughput>=5000', 'errors==0', 'error_rate<=0.01'",
        )
    };
    let compact: String = expr.chars().filter(|c| !c.is_whitespace()).collect();
    let (at, op, len) = ["<=", ">=", "==", "<", ">"]
        .iter()
        .find_map(|sym| compact.find(sym).map(|i| (i, *sym, sym.len())))
        .ok_or_else(|| bad("no comparison (<=, <, >=, >, ==)"))?;
    let (name, value) = (&compact[..at], &compact[at + len..]);
    let op = match op {
        "<=" => Op::Le,
        ">=" => Op::Ge,
        "==" => Op::Eq,
        "<" => Op::Lt,
        _ => Op::Gt,
    };
    let metric = match name.to_ascii_lowercase().as_str() {
        "mean" | "avg" => Metric::Mean,
        "max" => Metric::Max,
        "throughput" | "rps" => Metric::Throughput,
        "errors" => Metric::Errors,
        "error_rate" => Metric::ErrorRate,
        p if p.starts_with('p') => {
            let q: f64 = p[1..].parse().map_err(|_| bad("unknown percentile"))?;
            if !(q > 0.0 && q < 100.0) {
                return Err(bad("percentiles go from p0.1 to p99.9"));
            }
            Metric::Percentile((q * 10.0).round() as u32)
        }
        "" => return Err(bad("the metric is missing")),
        other => return Err(bad(&format!("unknown metric {other:?}"))),
    };
    let latency = matches!(metric, Metric::Percentile(_) | Metric::Mean | Metric::Max);
    let split = value
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(value.len());
    let (number, unit) = value.split_at(split);
    let number: f64 = number
        .parse()
        .map_err(|_| bad("the value is not a number"))?;
    let threshold = match (latency, unit) {
        (true, "ms") => number,
        (true, "us" | "µs") => number / 1000.0,
        (true, "s") => number * 1000.0,
        (true, _) => return Err(bad("a latency needs a unit: us, ms or s")),
        (false, "") => number,
        (false, "/s") if metric == Metric::Throughput => number,
        (false, _) => return Err(bad("this metric takes a plain number")),
    };
    if metric == Metric::ErrorRate && !(0.0..=1.0).contains(&threshold) {
        return Err(bad("error_rate is a share from 0 to 1"));
    }
    Ok(Slo {
        expr: expr.to_string(),
        metric,
        op,
        threshold,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_forms_people_write() {
        let s = parse("p99<=20ms").unwrap();
        assert_eq!(
            (s.metric, s.op, s.threshold),
            (Metric::Percentile(990), Op::Le, 20.0)
        );
        assert_eq!(parse("p99.9 < 1s").unwrap().threshold, 1000.0);
        assert_eq!(parse("p99.9 < 1s").unwrap().metric, Metric::Percentile(999));
        assert_eq!(parse("mean<500us").unwrap().threshold, 0.5);
        assert_eq!(
            parse("throughput>=5000").unwrap().metric,
            Metric::Throughput
        );
        assert_eq!(parse("errors==0").unwrap().op, Op::Eq);
        assert_eq!(parse("error_rate<=0.01").unwrap().threshold, 0.01);
    }

    #[test]
    fn rejects_malformed_objectives() {
        for bad in [
            "p99",
            "p99<=20",
            "latency<5ms",
            "p200<1ms",
            "errors==lots",
            "throughput>=5ms",
            "error_rate<2",
            "<=5ms",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }
}

//! How a bench run looks: a progress bar on a terminal, then the summary.

use std::fmt::Write as _;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::bar_target;
use crate::bench::recorder::round2;
use crate::bench::report::BenchReport;
use crate::bench::slo::{self, Metric};
use crate::bench::{BenchOptions, Progress, Stop};
use crate::cli::output::{count, Color, Style};
use crate::cli::{Output, Render};

/// A live progress bar on stderr, when [`Output::shows_progress`] (whatever stdout's format).
pub struct ProgressLine {
    bar: Option<ProgressBar>,
}

impl ProgressLine {
    /// A bar for this run, or nothing when stderr is not a terminal.
    pub fn new(output: &Output, options: &BenchOptions) -> ProgressLine {
        if !output.shows_progress() {
            return ProgressLine { bar: None };
        }
        // A terminal that cannot move the cursor (TERM=dumb) gets no bar, as indicatif's own
        // stderr target does.
        if std::env::var_os("TERM").is_some_and(|t| t == "dumb") {
            return ProgressLine { bar: None };
        }
        let target =
            || ProgressDrawTarget::term_like_with_hz(Box::new(bar_target::Stderr::default()), 10);
        let bar = match options.stop {
            Stop::Total(n) => ProgressBar::with_draw_target(Some(n), target()),
            Stop::After(d) => ProgressBar::with_draw_target(Some(d.as_millis() as u64), target()),
        };
        // A wide bar takes what the line leaves, so the line never wraps (a wrapped line is
        // not cleared).
        let template = match options.stop {
            Stop::Total(_) => "{wide_bar} {pos}/{len} {elapsed} elapsed, ETA {eta} {msg}",
            Stop::After(_) => "{wide_bar} {elapsed} elapsed, ETA {eta} {msg}",
        };
        bar.set_style(
            ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        ProgressLine { bar: Some(bar) }
    }

    /// Moves the bar.
    pub fn update(&mut self, p: Progress) {
        let Some(bar) = &self.bar else { return };
        match p.total {
            Some(_) => bar.set_position(p.done + p.errors),
            None => bar.set_position(p.elapsed.as_millis() as u64),
        }
        let rate = p.done as f64 / p.elapsed.as_secs_f64().max(1e-3);
        bar.set_message(format!(
            "{rate:.0} req/s, {}",
            count(p.errors as i64, "error")
        ));
    }

    /// Clears the bar before the report prints.
    pub fn finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}

impl Drop for ProgressLine {
    /// A run that ends any other way (an error, a signal) clears the bar too.
    fn drop(&mut self) {
        self.finish();
    }
}

impl Render for BenchReport {
    fn table(&self, style: &Style) -> String {
        let p = &self.parameters;
        let l = &self.latency;
        let mut out = String::new();
        let mode = match p.rate {
            Some(r) => format!("open loop at {r} req/s"),
            None => "closed loop".to_string(),
        };
        let _ = writeln!(
            out,
            "bench {} against etcd {} ({}, {}, {mode}){}",
            self.workload,
            self.server_version,
            count(p.conns.into(), "conn"),
            count(p.clients.into(), "client"),
            if self.interrupted {
                " — interrupted"
            } else {
                ""
            }
        );
        let _ = writeln!(out, "  duration     {:.3} s", self.duration_ms / 1000.0);
        let _ = writeln!(
            out,
            "  requests     {} ok, {}",
            self.requests,
            count(self.errors as i64, "error")
        );
        let _ = writeln!(
            out,
            "  throughput   {:.1} req/s",
            self.throughput_per_second
        );
        if l.max_ms.is_none() {
            let _ = writeln!(out, "  latency ms   none: no request succeeded");
        } else {
            let _ = writeln!(
                out,
                "  latency ms   min {}  mean {}  stddev {}  max {}",
                ms(l.min_ms),
                ms(l.mean_ms),
                ms(l.stddev_ms),
                ms(l.max_ms)
            );
            let _ = writeln!(
                out,
                "  percentiles  p50 {}  p90 {}  p95 {}  p99 {}  p99.9 {}",
                ms(l.p50_ms),
                ms(l.p90_ms),
                ms(l.p95_ms),
                ms(l.p99_ms),
                ms(l.p99_9_ms)
            );
        }
        if !self.histogram.is_empty() {
            let _ = writeln!(out, "\nhistogram (ms):");
            let most = self
                .histogram
                .iter()
                .map(|b| b.count)
                .max()
                .unwrap_or(1)
                .max(1);
            // The bars fit the screen after the 24 columns of bound and count.
            let longest = style
                .width
                .map_or(40, |w| (u64::from(w).saturating_sub(24)).clamp(1, 40));
            for b in &self.histogram {
                let width = (b.count * longest).div_ceil(most) as usize;
                let _ = writeln!(
                    out,
                    "  {:>10.3} [{:>8}] {}",
                    b.le_ms,
                    b.count,
                    "∎".repeat(width)
                );
            }
        }
        if !self.errors_by_kind.is_empty() {
            let _ = writeln!(out, "\nerrors:");
            for (kind, n) in &self.errors_by_kind {
                let _ = writeln!(out, "  {kind}: {n}");
            }
        }
        if !self.series.is_empty() {
            let mut t = style.table(&["AT", "REQUESTS", "ERRORS", "REQ/S", "P50 MS", "P99 MS"]);
            for s in &self.series {
                t.add_row(vec![
                    format!("{:.1}s", s.at_ms / 1000.0),
                    s.requests.to_string(),
                    s.errors.to_string(),
                    format!("{:.1}", s.throughput_per_second),
                    ms(s.p50_ms),
                    ms(s.p99_ms),
                ]);
            }
            let _ = writeln!(out, "\n{t}");
        }
        for s in &self.slo {
            let verdict = if s.passed {
                style.paint("PASS", Color::Green)
            } else {
                style.paint("FAIL", Color::Red)
            };
            let measured = match s.actual {
                Some(v) => with_unit(&s.expr, v),
                None => "nothing: no request succeeded".to_string(),
            };
            let _ = writeln!(out, "slo {verdict} {} (measured {measured})", s.expr);
        }
        for c in &self.baseline {
            let verdict = if c.regressed {
                style.paint("REGRESSED", Color::Red)
            } else {
                style.paint("ok", Color::Green)
            };
            match (c.current, c.relative_change) {
                (Some(current), Some(change)) => writeln!(
                    out,
                    "baseline {verdict} {}: {} -> {current} ({:+}%)",
                    c.metric,
                    c.baseline,
                    round2(change * 100.0)
                ),
                _ => writeln!(
                    out,
                    "baseline {verdict} {}: {} -> none (no request succeeded)",
                    c.metric, c.baseline
                ),
            }
            .ok();
        }
        if self.cleaned_up_keys > 0 {
            let _ = writeln!(
                out,
                "cleaned up {} under {}",
                count(self.cleaned_up_keys, "key"),
                p.prefix
            );
        }
        out
    }

    fn plain(&self) -> String {
        let l = &self.latency;
        let mut out = format!(
            "workload={} requests={} errors={} duration_ms={} throughput_per_second={} p50_ms={} p90_ms={} p95_ms={} p99_ms={} p99_9_ms={} max_ms={} passed={}\n",
            self.workload, self.requests, self.errors, self.duration_ms, self.throughput_per_second,
            ms(l.p50_ms), ms(l.p90_ms), ms(l.p95_ms), ms(l.p99_ms), ms(l.p99_9_ms), ms(l.max_ms), self.passed
        );
        for s in self.slo.iter().filter(|s| !s.passed) {
            let _ = writeln!(out, "slo_failed={} measured={}", s.expr, ms(s.actual));
        }
        out
    }
}

/// A figure that may be missing: `null` (as in JSON) when no request succeeded.
fn ms(value: Option<f64>) -> String {
    value.map_or_else(|| "null".to_string(), |v| v.to_string())
}

/// A measured SLO value with its unit: `5.967 ms`, `4210.5 req/s`, a bare count or share.
fn with_unit(expr: &str, value: f64) -> String {
    match slo::parse(expr).map(|o| o.metric) {
        Ok(Metric::Percentile(_) | Metric::Mean | Metric::Max) => format!("{value:.3} ms"),
        Ok(Metric::Throughput) => format!("{value:.1} req/s"),
        _ => value.to_string(),
    }
}

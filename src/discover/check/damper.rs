//! Consul's flap damping: how many probes in a row it takes to change the health a check
//! reports.

use super::{Health, Outcome};

/// How many probes in a row it takes to change the reported health (Consul's
/// `success_before_passing` and `failures_before_critical`). Both are at least 1; a 0 counts
/// as 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Thresholds {
    /// Passing probes in a row before the check reports passing.
    pub successes_before_passing: u32,
    /// Probes in a row that do not pass before the check reports warning or critical.
    pub failures_before_critical: u32,
}

impl Default for Thresholds {
    /// One probe changes the health, as without flap damping.
    fn default() -> Thresholds {
        Thresholds {
            successes_before_passing: 1,
            failures_before_critical: 1,
        }
    }
}

/// The health a check reports, and since when.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CheckStatus {
    /// The reported health.
    pub health: Health,
    /// The latest probe's output that agreed with it.
    pub output: String,
    /// When the reported health last changed (RFC 3339, UTC).
    pub changed_at: String,
}

/// Consul's flap damping: turns probe outcomes into the health a check reports. It starts
/// critical ("not checked yet"), as Consul does; it reports passing after
/// `successes_before_passing` passing probes in a row, and the latest probe's warning or
/// critical after `failures_before_critical` probes in a row that did not pass. A probe that
/// agrees with the reported health updates its output; one that does not leaves it as it was.
#[derive(Debug, Clone)]
pub struct Damper {
    thresholds: Thresholds,
    status: CheckStatus,
    /// Passing probes in a row.
    passes: u32,
    /// Probes in a row that did not pass.
    failures: u32,
}

impl Damper {
    /// A check not probed yet.
    pub fn new(thresholds: Thresholds) -> Damper {
        Damper {
            thresholds,
            status: CheckStatus {
                health: Health::Critical,
                output: "not checked yet".into(),
                changed_at: crate::units::now(),
            },
            passes: 0,
            failures: 0,
        }
    }

    /// Takes one probe's outcome; the new status when the reported health changed.
    pub fn observe(&mut self, outcome: Outcome) -> Option<CheckStatus> {
        let enough = if outcome.health == Health::Passing {
            self.passes = self.passes.saturating_add(1);
            self.failures = 0;
            self.passes >= self.thresholds.successes_before_passing.max(1)
        } else {
            self.failures = self.failures.saturating_add(1);
            self.passes = 0;
            self.failures >= self.thresholds.failures_before_critical.max(1)
        };
        if outcome.health == self.status.health {
            self.status.output = outcome.output;
            return None;
        }
        if !enough {
            return None;
        }
        self.status = CheckStatus {
            health: outcome.health,
            output: outcome.output,
            changed_at: crate::units::now(),
        };
        Some(self.status.clone())
    }

    /// The reported health, its output and since when.
    pub fn status(&self) -> &CheckStatus {
        &self.status
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outcome(health: Health, output: &str) -> Outcome {
        Outcome::new(health, output)
    }

    /// Feeds `healths` to a damper with `thresholds`; the reported health after each one, and
    /// whether `observe` said it changed.
    fn run(successes: u32, failures: u32, healths: &[Health]) -> Vec<(Health, bool)> {
        let mut damper = Damper::new(Thresholds {
            successes_before_passing: successes,
            failures_before_critical: failures,
        });
        healths
            .iter()
            .map(|&h| {
                let changed = damper.observe(outcome(h, h.as_str()));
                if let Some(status) = &changed {
                    assert_eq!(status, damper.status());
                }
                (damper.status().health, changed.is_some())
            })
            .collect()
    }

    use Health::{Critical as C, Passing as P, Warning as W};

    #[test]
    fn a_new_check_is_critical_until_probed() {
        let damper = Damper::new(Thresholds::default());
        assert_eq!(damper.status().health, C);
        assert_eq!(damper.status().output, "not checked yet");
        assert!(
            damper.status().changed_at.ends_with('Z'),
            "{:?}",
            damper.status()
        );
        // Without damping each probe decides, and the initial critical is no change.
        assert_eq!(
            run(1, 1, &[C, P, W, W, C, P]),
            [
                (C, false),
                (P, true),
                (W, true),
                (W, false),
                (C, true),
                (P, true)
            ]
        );
    }

    #[test]
    fn passing_takes_that_many_passes_in_a_row() {
        assert_eq!(
            run(3, 1, &[P, P, C, P, P, P, P]),
            [
                (C, false),
                (C, false),
                (C, false),
                (C, false),
                (C, false),
                (P, true),
                (P, false)
            ]
        );
        // A warning breaks the run of passes too.
        assert_eq!(run(2, 5, &[P, W, P, P]).last(), Some(&(P, true)));
        assert_eq!(run(2, 5, &[P, W, P]).last(), Some(&(C, false)));
    }

    #[test]
    fn failing_takes_that_many_non_passes_in_a_row_and_reports_the_latest() {
        assert_eq!(
            run(1, 3, &[P, C, C, P, C, W, C, C]),
            [
                (P, true),
                (P, false),
                (P, false),
                (P, false),
                (P, false),
                (P, false),
                (C, true),
                (C, false)
            ]
        );
        // Warnings and criticals count together; the latest one is reported.
        assert_eq!(run(1, 2, &[P, C, W]).last(), Some(&(W, true)));
        assert_eq!(run(1, 2, &[P, W, W, C]), {
            [(P, true), (P, false), (W, true), (C, true)]
        });
        // Once past the threshold, a change between warning and critical is at once.
        assert_eq!(run(1, 3, &[P, W, W, W, C, W]).split_off(3), {
            vec![(W, true), (C, true), (W, true)]
        });
    }

    #[test]
    fn output_follows_agreeing_probes_and_changed_at_only_a_change() {
        let mut damper = Damper::new(Thresholds {
            successes_before_passing: 2,
            failures_before_critical: 2,
        });
        assert_eq!(damper.observe(outcome(C, "connection refused")), None);
        assert_eq!(damper.status().output, "connection refused");
        let before = damper.status().changed_at.clone();
        assert_eq!(damper.observe(outcome(P, "HTTP 200 OK")), None);
        assert_eq!(damper.status().output, "connection refused");
        let changed = damper.observe(outcome(P, "HTTP 204 No Content")).unwrap();
        assert_eq!(
            (changed.health, changed.output.as_str()),
            (P, "HTTP 204 No Content")
        );
        assert!(changed.changed_at >= before);
        assert_eq!(damper.observe(outcome(P, "HTTP 200 OK")), None);
        assert_eq!(damper.status().output, "HTTP 200 OK");
        assert_eq!(damper.status().changed_at, changed.changed_at);
    }

    #[test]
    fn zero_thresholds_count_as_one() {
        assert_eq!(run(0, 0, &[P, C]), [(P, true), (C, true)]);
    }
}

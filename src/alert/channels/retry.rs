//! Tries, timeouts and waits between them: every attempt has a deadline, transient failures are
//! tried again after an exponential backoff (or the server's `Retry-After`), others are final.
//! A failure says what went wrong in words a person can act on.

use std::future::Future;
use std::time::Duration;

use crate::http::Failed;

/// The first wait; each later one doubles, up to [`MAX_BACKOFF`].
const FIRST_BACKOFF: Duration = Duration::from_millis(500);
/// The longest wait the backoff alone produces.
const MAX_BACKOFF: Duration = Duration::from_secs(8);
/// The longest `Retry-After` honoured; a server asking for more gets this.
pub(crate) const MAX_RETRY_AFTER: Duration = Duration::from_secs(30);

/// How hard a channel tries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Policy {
    /// The deadline of each attempt.
    pub timeout: Duration,
    /// Tries after the first one.
    pub retries: u32,
}

/// Why one attempt failed, and whether another one may work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Failure {
    /// What went wrong, safe to show ("HTTP 500 from hooks.slack.com").
    pub summary: String,
    /// More words, when there are some (a response excerpt, an OS error).
    pub detail: Option<String>,
    /// Try again: after the server's `Retry-After` when it sent one, else after the backoff.
    pub retry: Option<Option<Duration>>,
}

impl Failure {
    /// A failure worth another attempt.
    pub fn transient(summary: impl Into<String>, detail: Option<String>) -> Failure {
        Failure {
            summary: summary.into(),
            detail,
            retry: Some(None),
        }
    }

    /// A failure that another attempt would repeat (a 400, a TLS certificate error).
    pub fn fatal(summary: impl Into<String>, detail: Option<String>) -> Failure {
        Failure {
            summary: summary.into(),
            detail,
            retry: None,
        }
    }

    /// "HTTP 500 from h after 4 attempts: excerpt".
    pub fn describe(&self, attempts: u32) -> String {
        let mut text = self.summary.clone();
        if attempts > 1 {
            text.push_str(&format!(" after {attempts} attempts"));
        }
        if let Some(detail) = self.detail.as_deref().filter(|d| !d.is_empty()) {
            text.push_str(": ");
            text.push_str(detail);
        }
        text
    }
}

impl From<Failed> for Failure {
    /// A request that got no answer: tried again unless another try would fail the same way.
    fn from(failed: Failed) -> Failure {
        let make = if failed.lasting {
            Failure::fatal
        } else {
            Failure::transient
        };
        make(failed.summary, failed.detail)
    }
}

/// The wait after the `failed`-th failed attempt (1-based): 0.5 s, 1 s, 2 s, ... up to 8 s.
pub(crate) fn backoff(failed: u32) -> Duration {
    let doublings = failed.saturating_sub(1).min(16);
    FIRST_BACKOFF
        .saturating_mul(1 << doublings)
        .min(MAX_BACKOFF)
}

/// A `Retry-After` header in its seconds form, capped at [`MAX_RETRY_AFTER`]. The date form
/// gives `None`, and the backoff applies.
pub(crate) fn parse_retry_after(value: &str) -> Option<Duration> {
    let secs: u64 = value.trim().parse().ok()?;
    Some(Duration::from_secs(secs).min(MAX_RETRY_AFTER))
}

/// Runs `attempt` until it succeeds, fails for good, or `policy.retries` retries are spent.
/// Each attempt gets `policy.timeout`; `target` names what did not answer in that case.
/// Returns the last failure (if any) and the number of attempts made.
pub(crate) async fn with_retries<F, Fut>(
    policy: Policy,
    target: &str,
    mut attempt: F,
) -> (Result<(), Failure>, u32)
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<(), Failure>>,
{
    let mut attempts = 0;
    loop {
        attempts += 1;
        let result = match tokio::time::timeout(policy.timeout, attempt()).await {
            Ok(result) => result,
            Err(_) => Err(Failure::transient(
                format!(
                    "no answer from {target} within {}",
                    humantime::format_duration(policy.timeout)
                ),
                None,
            )),
        };
        let failure = match result {
            Ok(()) => return (Ok(()), attempts),
            Err(failure) => failure,
        };
        match failure.retry {
            Some(retry_after) if attempts <= policy.retries => {
                tokio::time::sleep(retry_after.unwrap_or_else(|| backoff(attempts))).await;
            }
            _ => return (Err(failure), attempts),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_is_capped() {
        let secs: Vec<f64> = (1..=7).map(|n| backoff(n).as_secs_f64()).collect();
        assert_eq!(secs, [0.5, 1.0, 2.0, 4.0, 8.0, 8.0, 8.0]);
        assert_eq!(backoff(u32::MAX), MAX_BACKOFF);
    }

    #[test]
    fn retry_after_seconds_are_honoured_and_capped() {
        assert_eq!(parse_retry_after("1"), Some(Duration::from_secs(1)));
        assert_eq!(parse_retry_after(" 0 "), Some(Duration::ZERO));
        assert_eq!(parse_retry_after("3600"), Some(MAX_RETRY_AFTER));
        assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), None);
        assert_eq!(parse_retry_after("-1"), None);
    }

    #[test]
    fn describe_says_attempts_only_when_there_were_several() {
        let f = Failure::transient("HTTP 500 from h", Some("oops".into()));
        assert_eq!(f.describe(1), "HTTP 500 from h: oops");
        assert_eq!(f.describe(4), "HTTP 500 from h after 4 attempts: oops");
        assert_eq!(Failure::fatal("x", None).describe(1), "x");
    }

    fn policy(timeout_ms: u64, retries: u32) -> Policy {
        Policy {
            timeout: Duration::from_millis(timeout_ms),
            retries,
        }
    }

    /// A transient failure whose server asks for no wait, so that these tests do not sleep.
    fn busy(summary: &str) -> Failure {
        Failure {
            retry: Some(Some(Duration::ZERO)),
            ..Failure::transient(summary, None)
        }
    }

    #[tokio::test]
    async fn retries_transient_failures_until_success() {
        let mut calls = 0;
        let (result, attempts) = with_retries(policy(5000, 3), "h", || {
            calls += 1;
            let n = calls;
            async move {
                if n < 3 {
                    Err(busy("HTTP 503"))
                } else {
                    Ok(())
                }
            }
        })
        .await;
        assert_eq!((result, attempts), (Ok(()), 3));
    }

    #[tokio::test]
    async fn stops_at_fatal_failures_and_after_the_last_retry() {
        let (result, attempts) = with_retries(policy(5000, 3), "h", || async {
            Err(Failure::fatal("HTTP 400", None))
        })
        .await;
        assert_eq!(
            (result.unwrap_err().summary, attempts),
            ("HTTP 400".into(), 1)
        );

        let (result, attempts) =
            with_retries(policy(5000, 2), "h", || async { Err(busy("HTTP 500")) }).await;
        assert_eq!(
            (result.unwrap_err().summary, attempts),
            ("HTTP 500".into(), 3)
        );
    }

    #[tokio::test]
    async fn a_slow_attempt_times_out_and_is_retried_after_the_backoff() {
        let start = std::time::Instant::now();
        let (result, attempts) = with_retries(policy(100, 1), "h:1", || async {
            tokio::time::sleep(Duration::from_secs(60)).await;
            Ok(())
        })
        .await;
        assert_eq!(attempts, 2);
        assert_eq!(
            result.unwrap_err().summary,
            "no answer from h:1 within 100ms"
        );
        // Two deadlines and the first backoff (0.5 s): the wait did happen.
        assert!(
            start.elapsed() >= Duration::from_millis(700),
            "{:?}",
            start.elapsed()
        );
    }
}
